"""A backup killed midway (SIGKILL) leaves a ``*.partial`` copy and maybe SQLite's journal;
the next backup, or the next start of a writer, removes them, and never one being written."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from fixtures.cli import jobtracker

from jobtracker.store import backup
from jobtracker.store.files import PartialFile, remove_leftovers

#: enough data that copying and verifying it takes a while
BIG_NOTES = 30 * 1024 * 1024


def _big_database(db: Path) -> None:
    assert jobtracker(db, "add", "--company", "Acme", "--role", "R").returncode == 0
    conn = sqlite3.connect(db)
    conn.execute('UPDATE "application" SET "notes" = ?', ("x" * BIG_NOTES,))
    conn.commit()
    conn.close()


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".partial" in p.name)


def _kill_midway(db: Path) -> list[str]:
    """Start ``jobtracker backup`` and SIGKILL it once its partial copy has appeared."""
    folder = db.parent / "backups"
    process = subprocess.Popen(
        [sys.executable, "-m", "jobtracker", "--db", str(db), "backup"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    try:
        while not (folder.is_dir() and _leftovers(folder)):
            assert process.poll() is None, "the backup finished before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.001)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    return _leftovers(folder)


def test_the_next_backup_clears_what_a_killed_one_left(db_path: Path) -> None:
    _big_database(db_path)
    folder = db_path.parent / "backups"
    left = _kill_midway(db_path)
    assert left and all(".partial" in name for name in left)
    assert backup.list_backups(folder) == []  # a partial copy never counts as a backup

    result = jobtracker(db_path, "backup")
    assert result.returncode == 0, result.stderr
    assert _leftovers(folder) == []
    (taken,) = backup.list_backups(folder)
    assert backup.integrity_problem(taken.path) is None


def test_the_next_start_clears_them_too(db_path: Path) -> None:
    _big_database(db_path)
    assert _kill_midway(db_path)
    assert jobtracker(db_path, "add", "--company", "Bolt", "--role", "R").returncode == 0
    assert _leftovers(db_path.parent / "backups") == []


def test_a_copy_being_written_is_left_alone(tmp_path: Path) -> None:
    with PartialFile(tmp_path, "busy-") as busy:
        journal = busy.path.with_name(busy.path.name + "-journal")
        journal.write_bytes(b"in use")
        stale = tmp_path / "stale-1.partial"
        stale.write_bytes(b"left by a killed copy")
        orphan = tmp_path / "gone-2.partial-journal"
        orphan.write_bytes(b"")
        removed = remove_leftovers(tmp_path)
        assert sorted(p.name for p in removed) == [orphan.name, stale.name]
        assert busy.path.exists() and journal.exists()
    assert busy.path.exists()  # a finished copy is the caller's to name
