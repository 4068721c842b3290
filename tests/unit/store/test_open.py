"""Opening a database: upgrades with a copy aside, refusals that leave the file untouched,
private permissions, one writer at a time."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.dbtools import corrupt_middle, filled_database, make_newer

from jobtracker.domain.clock import SYSTEM_CLOCK
from jobtracker.store import migrations
from jobtracker.store.backup import create_backup
from jobtracker.store.check import OpenCheck
from jobtracker.store.db import open_store
from jobtracker.store.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    NewerDatabaseError,
    StoreError,
)
from jobtracker.store.files import sqlite_uri
from jobtracker.store.models import Application, Draft, Reminder, database

FIXTURES = Path(__file__).parents[2] / "fixtures"
V1 = FIXTURES / "v1.sqlite3"
TABLES = (
    "stage", "application", "contact", "application_contact", "interview",
    "interview_interviewer", "activity", "reminder", "draft", "setting",
)  # fmt: skip


def _rows(path: Path, table: str, columns: str = "*") -> list[tuple]:
    conn = sqlite3.connect(sqlite_uri(path), uri=True)
    try:
        return conn.execute(f'SELECT {columns} FROM "{table}" ORDER BY 1, 2').fetchall()
    finally:
        conn.close()


def _user_version(path: Path) -> int:
    conn = sqlite3.connect(sqlite_uri(path), uri=True)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_v1_fixture_is_a_version_1_database() -> None:
    assert _user_version(V1) == 1
    assert len(_rows(V1, "application")) == 5


def test_a_version_1_file_migrates_with_all_its_data(db_path: Path) -> None:
    db_path.parent.mkdir()
    shutil.copyfile(V1, db_path)
    with open_store(db_path, owner="pytest") as store:
        assert migrations.schema_version(store.db) == migrations.CURRENT_VERSION
        jonas = Application.get_by_id(2)
        assert "jonas weber" in jonas.search_text and "zurich" in jonas.search_text
        assert Application.get_by_id(1).search_text.startswith("cafe lumiere full-stack")
        assert Reminder.get_by_id(1).due_at.isoformat() == "2025-10-28T17:00:00+00:00"
        assert Draft.get_by_id(1).body.startswith("Dear Jonas")
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    for table in TABLES:  # the columns version 1 had keep every value
        columns = ", ".join(f'"{c[1]}"' for c in sqlite3.connect(V1).execute(
            f'PRAGMA table_info("{table}")'))  # fmt: skip
        assert _rows(db_path, table, columns) == _rows(V1, table), table
    copies = list((db_path.parent / "backups").glob("pre-migration-v1-*.sqlite3"))
    assert len(copies) == 1
    assert _user_version(copies[0]) == 1
    for table in TABLES:
        assert _rows(copies[0], table) == _rows(V1, table), table
    assert _mode(copies[0]) == 0o600


def test_opening_a_current_file_makes_no_migration_copy(db_path: Path) -> None:
    open_store(db_path, owner="pytest").close()
    open_store(db_path, owner="pytest").close()
    assert not list((db_path.parent / "backups").glob("pre-migration-*"))


def test_a_failed_migration_leaves_the_old_version(db_path: Path, monkeypatch) -> None:
    db_path.parent.mkdir()
    shutil.copyfile(V1, db_path)

    def broken(db):
        db.execute_sql('ALTER TABLE "application" ADD COLUMN "half_done" TEXT')
        raise RuntimeError("disk trouble")

    monkeypatch.setitem(migrations.MIGRATIONS, 2, broken)
    with pytest.raises(RuntimeError):
        open_store(db_path, owner="pytest")
    assert _user_version(db_path) == 1
    columns = [c[1] for c in sqlite3.connect(db_path).execute('PRAGMA table_info("application")')]
    assert "half_done" not in columns and "search_text" not in columns
    monkeypatch.undo()
    open_store(db_path, owner="pytest").close()  # the lock was released; a retry works
    assert _user_version(db_path) == migrations.CURRENT_VERSION


def _newer_file(db_path: Path) -> bytes:
    open_store(db_path, owner="pytest").close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {migrations.CURRENT_VERSION + 1}")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    return db_path.read_bytes()


@pytest.mark.parametrize("readonly", [False, True])
def test_a_newer_file_is_refused_and_left_byte_for_byte(db_path: Path, readonly: bool) -> None:
    before = _newer_file(db_path)
    files_before = sorted(p.name for p in db_path.parent.iterdir())
    with pytest.raises(NewerDatabaseError) as refused:
        open_store(db_path, owner="pytest", readonly=readonly)
    message = str(refused.value)
    assert str(db_path) in message and "newer jobtracker" in message
    assert f"schema version {migrations.CURRENT_VERSION + 1}" in message
    assert "not changed" in message
    assert db_path.read_bytes() == before
    # SQLite may leave empty -wal/-shm sidecars from reading a WAL file, but writes nothing
    new_files = {p.name for p in db_path.parent.iterdir()} - set(files_before)
    assert new_files <= {f"{db_path.name}-wal", f"{db_path.name}-shm"}
    wal = Path(f"{db_path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0


@pytest.mark.parametrize(
    ("spoil", "refusal"), [(corrupt_middle, CorruptDatabaseError), (make_newer, NewerDatabaseError)]
)
def test_checks_started_ahead_refuse_the_file_when_it_opens(db_path: Path, spoil, refusal) -> None:
    """A window starts the checks while Qt loads; what they find is raised where the store
    opens, and the file is left as it was."""
    filled_database(db_path, SYSTEM_CLOCK)
    spoil(db_path)
    before = db_path.read_bytes()
    check = OpenCheck(db_path)
    with pytest.raises(refusal):
        open_store(db_path, owner="pytest", check=check)
    assert db_path.read_bytes() == before


def test_checks_started_ahead_let_a_sound_file_open(db_path: Path) -> None:
    count = filled_database(db_path, SYSTEM_CLOCK)
    with open_store(db_path, owner="pytest", check=OpenCheck(db_path)):
        assert Application.select().count() == count
    with pytest.raises(ValueError, match="not"):
        open_store(db_path, owner="pytest", check=OpenCheck(db_path.with_name("other.sqlite3")))


def test_a_foreign_sqlite_file_is_refused_untouched(db_path: Path) -> None:
    db_path.parent.mkdir()
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="not a jobtracker one"):
        open_store(db_path, owner="pytest")
    assert db_path.read_bytes() == before


def test_folders_and_files_are_private(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        db_path = tmp_path / "deep" / "data" / "jobtracker.sqlite3"
        store = open_store(db_path, owner="pytest")
        try:
            database.execute_sql("INSERT INTO setting VALUES ('k', '1')")
            wal, shm = Path(f"{db_path}-wal"), Path(f"{db_path}-shm")
            assert wal.exists() and shm.exists()
            assert _mode(db_path.parent) == 0o700
            for path in (db_path, wal, shm, db_path.with_name(db_path.name + ".lock")):
                assert _mode(path) == 0o600, path
            taken = create_backup(db_path, store.backups_dir, SYSTEM_CLOCK.now())
            assert _mode(store.backups_dir) == 0o700
            assert _mode(taken.path) == 0o600
        finally:
            store.close()
    finally:
        os.umask(old_umask)


def test_an_existing_file_and_folder_keep_the_modes_their_owner_gave(db_path: Path) -> None:
    """Only what jobtracker creates is made private: a folder or file the person set up
    (a shared folder, a file they loosened on purpose) is not chmodded."""
    open_store(db_path, owner="pytest").close()
    db_path.chmod(0o640)
    db_path.parent.chmod(0o750)
    open_store(db_path, owner="pytest").close()
    assert _mode(db_path) == 0o640 and _mode(db_path.parent) == 0o750


HOLD_LOCK = Path(__file__).parents[2] / "fixtures" / "hold_writer_lock.py"


def test_a_second_writer_is_told_which_process_holds_the_database(db_path: Path) -> None:
    open_store(db_path, owner="pytest").close()
    holder = subprocess.Popen(
        [sys.executable, str(HOLD_LOCK), str(db_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(DatabaseLockedError) as refused:
            open_store(db_path, owner="pytest")
        assert f"process {holder.pid} (jobtracker window)" in str(refused.value)
        with open_store(db_path, owner="pytest", readonly=True) as reader:  # reading still works
            assert not reader.writable
            assert Application.select().count() == 0
    finally:
        holder.kill()
        holder.wait()
    open_store(db_path, owner="pytest").close()  # the OS dropped the dead holder's lock


def test_a_writer_in_the_same_process_is_refused_too(db_path: Path) -> None:
    with open_store(db_path, owner="first"), pytest.raises(DatabaseLockedError, match="first"):
        open_store(db_path, owner="second")
