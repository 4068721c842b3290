"""Each fault has its own message, and reading goes on wherever the file can be read:
a folder given as the database, permission denied, a read-only file or disk, a full disk.
Also: only folders jobtracker creates are made private; what the person set up keeps its mode.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.cli import fingerprints, jobtracker
from fixtures.disks import fill, remount, small_disk
from fixtures.users import need_root

ADD = ("add", "--company", "Later", "--role", "R")
#: another user's id for files this test hands away (no account needed)
STRANGER = 54321


def _made(db: Path) -> Path:
    for company in ("Acme", "Bolt"):
        assert jobtracker(db, "add", "--company", company, "--role", "R").returncode == 0
    return db


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _as_unprivileged(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command as root without the power to pass over file permissions, so they apply."""
    need_root("dropping root's file-permission override")
    result = subprocess.run(
        ["setpriv", "--bounding-set=-dac_override,-dac_read_search",
         sys.executable, "-m", "jobtracker", "--db", str(db), *args],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.mark.parametrize("command", [("list",), ("check",), ("backup",), ADD])
def test_a_folder_given_as_the_database_is_named_so(tmp_path: Path, command) -> None:
    folder = tmp_path / "a folder"
    folder.mkdir()
    result = jobtracker(folder, *command)
    assert result.returncode == 3
    assert "is a folder, not a database file" in result.stderr
    assert "damaged" not in result.stderr and "I/O" not in result.stderr
    assert list(folder.iterdir()) == []


def test_a_file_the_person_made_read_only_is_read_not_written(db_path: Path) -> None:
    _made(db_path)
    db_path.chmod(0o400)
    before = fingerprints(db_path)
    listed = jobtracker(db_path, "list")
    assert listed.returncode == 0 and "Acme" in listed.stdout
    assert jobtracker(db_path, "export", "csv").returncode == 0
    assert jobtracker(db_path, "check").returncode == 0
    result = jobtracker(db_path, *ADD)
    assert result.returncode == 3
    assert "is read-only" in result.stderr and "does not change it" in result.stderr
    assert _mode(db_path) == 0o400 and fingerprints(db_path) == before


def test_a_file_another_user_owns_says_permission_denied(db_path: Path) -> None:
    _made(db_path)
    os.chown(db_path, STRANGER, STRANGER)  # 0600: nobody else may read it
    result = _as_unprivileged(db_path, "list")
    assert result.returncode == 3
    assert "may not read" in result.stderr and "permission denied" in result.stderr
    assert "damaged" not in result.stderr


def test_a_readable_file_in_a_folder_another_user_owns_is_read_not_written(
    db_path: Path,
) -> None:
    _made(db_path)
    for path in (db_path, db_path.parent):
        os.chown(path, STRANGER, STRANGER)
    db_path.chmod(0o644)
    db_path.parent.chmod(0o755)
    before = fingerprints(db_path)
    listed = _as_unprivileged(db_path, "list")
    assert listed.returncode == 0 and "Acme" in listed.stdout, listed.stderr
    result = _as_unprivileged(db_path, *ADD)
    assert result.returncode == 3
    assert "permission denied" in result.stderr and "damaged" not in result.stderr
    assert fingerprints(db_path) == before


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    with small_disk(tmp_path / "disk", "4m") as mounted:
        yield mounted


def test_a_read_only_disk_is_read_and_named(disk: Path) -> None:
    db = _made(disk / "jobtracker.sqlite3")
    remount(disk, "ro")
    try:
        listed = jobtracker(db, "list")
        assert listed.returncode == 0 and "Bolt" in listed.stdout, listed.stderr
        result = jobtracker(db, *ADD)
    finally:
        remount(disk, "rw")
    assert result.returncode == 3
    assert "read-only file system" in result.stderr and "damaged" not in result.stderr


def test_a_full_disk_reads_on_and_says_full(disk: Path) -> None:
    db = _made(disk / "jobtracker.sqlite3")
    for suffix in ("-wal", "-shm"):  # as after the app closed: the log index must be made
        assert not db.with_name(db.name + suffix).exists()
    filler = fill(disk)
    try:
        listed = jobtracker(db, "list")
        checked = jobtracker(db, "check")
        result = jobtracker(db, *ADD)
    finally:
        filler.unlink()
    assert listed.returncode == 0 and "Acme" in listed.stdout, listed.stderr
    assert checked.returncode == 0, checked.stderr
    assert result.returncode == 3
    assert "no space left" in result.stderr and "damaged" not in result.stderr


@pytest.mark.parametrize("mode", [0o1777, 0o755])
def test_an_existing_folder_keeps_its_mode(tmp_path: Path, mode: int) -> None:
    """A shared 1777 folder keeps its sticky bit; a home folder stays 0755. What jobtracker
    makes inside (its lock, its backups folder) is private."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(mode)
    db = _made(shared / "jobs.sqlite3")
    assert jobtracker(db, "backup").returncode == 0
    assert _mode(shared) == mode
    assert _mode(shared / "backups") == 0o700
    for made in (db, db.with_name(db.name + ".lock"), *(shared / "backups").iterdir()):
        assert _mode(made) == 0o600, made


def test_new_folders_for_a_new_database_are_private(tmp_path: Path) -> None:
    db = tmp_path / "new" / "deeper" / "jobs.sqlite3"
    _made(db)
    assert _mode(tmp_path / "new") == 0o700 and _mode(db.parent) == 0o700
    assert _mode(tmp_path) != 0o700 or True  # the existing parent is not ours to change
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
