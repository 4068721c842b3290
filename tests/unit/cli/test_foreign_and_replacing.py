"""Files that are not ours are never written; writes that replace data keep a backup first;
restore takes only a jobtracker database this version opens, and swaps it in whole."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from fixtures.cli import fingerprints, jobtracker

from jobtracker.domain.services import Services
from jobtracker.store import backup, migrations
from jobtracker.store.db import open_store
from jobtracker.store.files import sqlite_uri
from jobtracker.store.migrations import APPLICATION_ID


def _query(db: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(sqlite_uri(db), uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _sqlite_file(path: Path, *statements: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return path


def _foreign_v3(path: Path) -> Path:
    """Another program's file that happens to carry user_version 3 (in rollback mode)."""
    return _sqlite_file(
        path, "CREATE TABLE photo (id INTEGER PRIMARY KEY, name TEXT)", "PRAGMA user_version = 3"
    )


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_new_files_carry_our_application_id(db_path: Path) -> None:
    assert jobtracker(db_path, "add", "--company", "A", "--role", "R").returncode == 0
    assert _query(db_path, "PRAGMA application_id") == [(APPLICATION_ID,)]


def test_an_older_jobtracker_file_gets_the_application_id_by_migration(db_path: Path) -> None:
    fixture = Path(__file__).parents[2] / "fixtures" / "v1.sqlite3"
    db_path.parent.mkdir()
    db_path.write_bytes(fixture.read_bytes())
    assert _query(db_path, "PRAGMA application_id") == [(0,)]
    assert jobtracker(db_path, "add", "--company", "A", "--role", "R").returncode == 0
    assert _query(db_path, "PRAGMA application_id") == [(APPLICATION_ID,)]
    assert _query(db_path, "PRAGMA user_version") == [(migrations.CURRENT_VERSION,)]


@pytest.mark.parametrize(
    "command", [("list",), ("check",), ("add", "--company", "A", "--role", "R"), ("backup",)]
)
def test_a_foreign_file_with_our_schema_version_is_never_written(
    db_path: Path, command: tuple[str, ...]
) -> None:
    _foreign_v3(db_path)
    db_path.chmod(0o644)
    before = fingerprints(db_path)
    files = sorted(p.name for p in db_path.parent.iterdir())
    result = jobtracker(db_path, *command)
    assert result.returncode == 3, result.stderr
    assert "not a jobtracker one" in result.stderr and "not changed" in result.stderr
    assert fingerprints(db_path) == before
    assert _mode(db_path) == 0o644
    assert _query(db_path, "PRAGMA journal_mode") == [("delete",)]  # not switched to WAL
    assert sorted(p.name for p in db_path.parent.iterdir()) == files


@pytest.mark.parametrize(
    "command", [("list",), ("check",), ("add", "--company", "A", "--role", "R")]
)
def test_a_zero_length_file_is_refused_not_given_a_schema(
    db_path: Path, command: tuple[str, ...]
) -> None:
    """A zero-length file jobtracker did not make (jobtracker never leaves one: a new
    database is built beside its name and linked in complete) is refused, not filled."""
    db_path.parent.mkdir()
    db_path.touch()
    result = jobtracker(db_path, *command)
    assert result.returncode == 3
    assert "empty file (0 bytes)" in result.stderr and "not changed" in result.stderr
    assert db_path.stat().st_size == 0
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


def test_an_empty_sqlite_file_is_refused_too(db_path: Path) -> None:
    _sqlite_file(db_path, "PRAGMA user_version = 0")
    before = fingerprints(db_path)
    result = jobtracker(db_path, "add", "--company", "A", "--role", "R")
    assert result.returncode == 3 and "empty SQLite database" in result.stderr
    assert fingerprints(db_path) == before


def _filled(db: Path) -> None:
    for company in ("Acme", "Bolt"):
        assert jobtracker(db, "add", "--company", company, "--role", "R").returncode == 0


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.touch(), "the file is empty (0 bytes)"),
        (lambda p: _sqlite_file(p, "PRAGMA user_version = 0"), "empty SQLite database"),
        (_foreign_v3, "not a jobtracker one"),
        (lambda p: p.write_bytes(b"hello, not SQLite at all" * 100), "not a database"),
    ],
    ids=["zero-bytes", "empty-sqlite", "foreign-sqlite", "not-sqlite"],
)
def test_restore_refuses_what_is_not_a_jobtracker_database(
    db_path: Path, tmp_path: Path, make, message: str
) -> None:
    _filled(db_path)
    source = tmp_path / "source.sqlite3"
    make(source)
    before = fingerprints(db_path)
    result = jobtracker(db_path, "restore", str(source))
    assert result.returncode == 3, result.stdout
    assert message in result.stderr and "Nothing was changed" in result.stderr
    assert "Restored" not in result.stdout
    assert fingerprints(db_path) == before
    assert not list(db_path.parent.glob("*.replaced-*"))
    assert not list(db_path.parent.glob("*.partial*"))


def test_restore_refuses_a_backup_from_a_newer_version(db_path: Path, tmp_path: Path) -> None:
    _filled(db_path)
    newer = tmp_path / "newer.sqlite3"
    assert jobtracker(newer, "add", "--company", "Future", "--role", "R").returncode == 0
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {migrations.CURRENT_VERSION + 1}")
    conn.commit()
    conn.close()
    before = fingerprints(db_path)
    result = jobtracker(db_path, "restore", str(newer))
    assert result.returncode == 3 and "newer jobtracker" in result.stderr
    assert fingerprints(db_path) == before


def test_restore_never_replaces_another_programs_file(db_path: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.sqlite3"
    _filled(good)
    _foreign_v3(db_path)
    before = fingerprints(db_path)
    result = jobtracker(db_path, "restore", str(good))
    assert result.returncode == 3 and "not a jobtracker one" in result.stderr
    assert fingerprints(db_path) == before


def _board_with_only_settings(db: Path) -> None:
    """An empty board whose follow-up settings someone changed."""
    services = Services(open_store(db, owner="pytest"))
    try:
        services.followups.save_settings(check_in_cap=4)
    finally:
        services.close()


def test_json_import_into_a_board_with_only_settings_backs_it_up_first(
    db_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "source.sqlite3"
    _filled(source)
    exported = tmp_path / "board.json"
    assert jobtracker(source, "export", "json", "-o", str(exported)).returncode == 0
    _board_with_only_settings(db_path)
    assert not backup.list_backups(db_path.parent / "backups")
    result = jobtracker(db_path, "import", str(exported))
    assert result.returncode == 0, result.stderr
    (kept,) = backup.list_backups(db_path.parent / "backups")
    assert backup.integrity_problem(kept.path) is None
    settings = _query(kept.path, 'SELECT "value" FROM "setting"')
    assert any("check_in_cap" in str(value) for (value,) in settings)


def test_sample_data_into_a_board_with_settings_backs_it_up_first(db_path: Path) -> None:
    _board_with_only_settings(db_path)
    assert jobtracker(db_path, "demo").returncode == 0
    (kept,) = backup.list_backups(db_path.parent / "backups")
    assert _query(kept.path, 'SELECT count(*) FROM "application"') == [(0,)]
    assert _query(kept.path, 'SELECT count(*) FROM "setting"') != [(0,)]


def test_a_new_empty_board_is_not_backed_up_for_nothing(db_path: Path) -> None:
    assert jobtracker(db_path, "demo").returncode == 0
    assert not backup.list_backups(db_path.parent / "backups")
