"""A damaged write-ahead log: reading commands change no file; a writer keeps the log and the
database aside, byte for byte, before SQLite's recovery drops the commits after the damage."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from fixtures.cli import fingerprints, jobtracker

from jobtracker.store import wal

COMMITS_IN_LOG = 6


def _log_with_commits(db: Path, staging: Path) -> None:
    """``db`` with a log holding COMMITS_IN_LOG commits that are not in the file yet, as a
    crash leaves it (made in ``staging`` while a connection is open, then copied)."""
    staged = staging / "staged.sqlite3"
    for company in ("Acme", "Bolt", "Core"):
        assert jobtracker(staged, "add", "--company", company, "--role", "R").returncode == 0
    conn = sqlite3.connect(staged)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    for number in range(1, COMMITS_IN_LOG + 1):
        conn.execute('UPDATE "application" SET "notes" = ? WHERE "id" = 1', (f"note {number}",))
        conn.commit()
    db.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(staged, db)
    shutil.copyfile(wal.log_path(staged), wal.log_path(db))
    conn.close()


def _spoil_frame(db: Path, number: int) -> None:
    log = wal.log_path(db)
    data = bytearray(log.read_bytes())
    page_size = int.from_bytes(data[8:12], "big")
    offset = wal.HEADER_SIZE + (number - 1) * (wal.FRAME_HEADER_SIZE + page_size)
    data[offset + wal.FRAME_HEADER_SIZE + 100] ^= 0xFF  # one byte of the page's content
    log.write_bytes(bytes(data))


@pytest.fixture
def damaged(db_path: Path, tmp_path: Path) -> Path:
    _log_with_commits(db_path, tmp_path / "staging")
    _spoil_frame(db_path, 2)
    return db_path


def test_a_sound_log_and_a_torn_last_frame_are_not_damage(db_path: Path, tmp_path: Path) -> None:
    _log_with_commits(db_path, tmp_path / "staging")
    assert wal.find_damage(db_path) is None
    log = wal.log_path(db_path)
    log.write_bytes(log.read_bytes()[:-1000])  # a crash in the middle of the last write
    assert wal.find_damage(db_path) is None


def test_the_damage_is_found_at_its_frame(damaged: Path) -> None:
    found = wal.find_damage(damaged)
    assert found is not None
    assert found.bad_frame == 2 and found.commits_after >= COMMITS_IN_LOG - 2
    assert "frame 2 of" in found.describe()


@pytest.mark.parametrize(
    "command", [("list",), ("list", "--json"), ("check",), ("export", "csv"), ("reminders",)]
)
def test_reading_commands_change_no_file(damaged: Path, command: tuple[str, ...]) -> None:
    before = fingerprints(damaged)
    files = sorted(p.name for p in damaged.parent.iterdir())
    result = jobtracker(damaged, *command)
    assert result.returncode == 0, result.stderr
    assert "write-ahead log" in result.stderr and "is damaged: frame 2" in result.stderr
    assert fingerprints(damaged) == before
    assert sorted(p.name for p in damaged.parent.iterdir()) == files


def test_a_writer_keeps_the_log_and_the_file_aside_first(damaged: Path) -> None:
    before = {suffix: path.read_bytes() for suffix, path in
              (("db", damaged), ("wal", wal.log_path(damaged)))}  # fmt: skip
    result = jobtracker(damaged, "add", "--company", "Delta", "--role", "R")
    assert result.returncode == 0, result.stderr
    assert "is damaged: frame 2" in result.stderr and "were copied to" in result.stderr
    (kept,) = damaged.parent.glob(f"{damaged.name}.damaged-log-*")
    assert kept.stat().st_mode & 0o777 == 0o700
    assert (kept / damaged.name).read_bytes() == before["db"]
    assert (kept / wal.log_path(damaged).name).read_bytes() == before["wal"]
    assert jobtracker(damaged, "check").returncode == 0
    companies = [c.split("  ")[-1] for c in jobtracker(damaged, "list").stdout.splitlines()]
    assert any("Delta" in line for line in companies)
