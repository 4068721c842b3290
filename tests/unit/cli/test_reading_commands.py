"""``stats`` and ``list`` read on plain sqlite3 (store/reading.py): no peewee loaded, nothing
written or made beside the file, whatever state the file is in, and the same refusals as
every other command's open.

Each case runs the real command on a real file; "nothing made" is checked by listing the
folder and hashing the database and its sidecars before and after.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.cli import fingerprints, jobtracker
from fixtures.dbtools import corrupt_table, filled_database
from fixtures.disks import remount, small_disk

from jobtracker.domain.clock import FakeClock
from jobtracker.store import backup, wal
from jobtracker.store.migrations import CURRENT_VERSION
from jobtracker.store.reading import open_read_only

READING = [("list",), ("list", "--json"), ("stats",), ("stats", "--json")]
ODD_FOLDERS = ["with #hash", "what?mode=rw", "per%41cent", "spaced out", "Bewerbungen äöü ñ 求职"]
FIXTURES = Path(__file__).parents[2] / "fixtures"


def _state(folder: Path, db: Path) -> tuple[list[str], dict[str, str | None]]:
    return sorted(p.name for p in folder.iterdir()), fingerprints(db)


def _with_hot_log(db: Path, staging: Path) -> None:
    """``db`` with a log holding a commit the file does not have yet ("Hot" renamed from
    "Acme"), and no log index: as a crash leaves it."""
    staging.mkdir(parents=True, exist_ok=True)
    staged = staging / "staged.sqlite3"
    for company in ("Acme", "Bolt"):
        assert jobtracker(staged, "add", "--company", company, "--role", "R").returncode == 0
    conn = sqlite3.connect(staged)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute('UPDATE "application" SET "company" = \'Hot\' WHERE "company" = \'Acme\'')
    conn.commit()
    db.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(staged, db)
    shutil.copyfile(wal.log_path(staged), wal.log_path(db))
    conn.close()
    assert wal.log_path(db).stat().st_size > 0


def _companies(result: subprocess.CompletedProcess[str]) -> set[str]:
    return {card["company"] for card in json.loads(result.stdout)}


@pytest.mark.parametrize("verb", ["list", "stats"])
def test_reading_commands_load_no_peewee(db_path: Path, verb: str) -> None:
    assert jobtracker(db_path, "add", "--company", "Acme", "--role", "R").returncode == 0
    code = (
        "import sys\n"
        "from jobtracker.cli import main\n"
        f"assert main(['--db', sys.argv[1], '{verb}', '--json']) == 0\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'peewee'"
        " or m in ('jobtracker.store.models', 'jobtracker.store.db',"
        " 'jobtracker.domain.services')), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(db_path)], capture_output=True,
                            text=True, timeout=120, check=True)  # fmt: skip
    assert result.stderr.strip() == "[]"


@pytest.mark.parametrize("command", READING)
def test_a_log_left_by_a_crash_is_read_and_nothing_is_made_beside_it(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    db = tmp_path / "search" / "jobtracker.sqlite3"
    _with_hot_log(db, tmp_path / "staging")
    before = _state(db.parent, db)
    result = jobtracker(db, *command)
    assert result.returncode == 0, result.stderr
    assert _state(db.parent, db) == before  # no -shm made, nothing written
    if command == ("list", "--json"):
        assert _companies(result) == {"Hot", "Bolt"}  # the commit in the log is read


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    with small_disk(tmp_path / "disk", "4m") as mounted:
        yield mounted


def test_a_log_left_by_a_crash_on_a_read_only_disk_is_read(disk: Path, tmp_path: Path) -> None:
    db = disk / "jobtracker.sqlite3"
    _with_hot_log(db, tmp_path / "staging")
    before = _state(disk, db)
    remount(disk, "ro")
    try:
        listed = jobtracker(db, "list", "--json")
        stats = jobtracker(db, "stats")
    finally:
        remount(disk, "rw")
    assert listed.returncode == 0, listed.stderr
    assert _companies(listed) == {"Hot", "Bolt"}
    assert stats.returncode == 0 and "Pipeline" in stats.stdout, stats.stderr
    assert _state(disk, db) == before


@pytest.mark.parametrize("folder", ODD_FOLDERS)
def test_reading_in_an_oddly_named_folder_reads_that_file(tmp_path: Path, folder: str) -> None:
    """The file alone (opened as immutable) and one with a log left by a crash (read from a
    private copy): a URI built from the raw path would name another file, or none."""
    db = tmp_path / folder / "jobs #1 ?.sqlite3"
    assert jobtracker(db, "add", "--company", "Acme", "--role", "R").returncode == 0
    for companies in ({"Acme"}, {"Hot", "Bolt"}):
        if companies != {"Acme"}:
            _with_hot_log(db, tmp_path / "staging")
        before = _state(db.parent, db)
        listed = jobtracker(db, "list", "--json")
        assert listed.returncode == 0, listed.stderr
        assert _companies(listed) == companies
        stats = jobtracker(db, "stats", "--json")
        assert stats.returncode == 0, stats.stderr
        assert json.loads(stats.stdout)["pace"]["goal"] == 10
        assert _state(db.parent, db) == before


def test_an_older_file_is_upgraded_then_read(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURES / "v1.sqlite3", db)
    listed = jobtracker(db, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout)  # the v1 file's applications
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
    finally:
        conn.close()
    assert jobtracker(db, "stats").returncode == 0


@pytest.mark.parametrize("command", READING)
def test_a_foreign_sqlite_file_is_refused_and_left_alone(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    db = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()
    before = _state(tmp_path, db)
    result = jobtracker(db, *command)
    assert result.returncode == 3
    assert "is an SQLite database, but not a jobtracker one" in result.stderr
    assert _state(tmp_path, db) == before


def test_stats_on_a_missing_file_says_so_and_makes_none(tmp_path: Path) -> None:
    db = tmp_path / "none.sqlite3"
    result = jobtracker(db, "stats")
    assert result.returncode == 1 and f"No database at {db}" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_private_copy_of_a_log_left_by_a_crash_is_the_users_alone(tmp_path: Path) -> None:
    db = tmp_path / "search" / "jobtracker.sqlite3"
    _with_hot_log(db, tmp_path / "staging")
    with open_read_only(db, owner="test") as read:
        assert read.read_from != db  # read from the copy
        copies = [read.read_from, wal.log_path(read.read_from)]
        assert [stat.S_IMODE(c.stat().st_mode) for c in copies] == [0o600, 0o600]
        assert stat.S_IMODE(read.read_from.parent.stat().st_mode) == 0o700
    assert not read.read_from.parent.exists()  # removed on close


@pytest.mark.parametrize(
    ("damaged", "command", "refused"),
    [
        ("activity", ("list", "--json"), False),  # the timeline, which a listing never reads
        ("activity", ("stats",), True),
        ("application", ("list", "--json"), True),
        ("application", ("stats", "--json"), True),
        ("application_stage_id_rank", ("list",), True),  # an index of a table read, unused
    ],
)
def test_a_reading_command_is_refused_by_a_damage_in_the_tables_it_reads(
    db_path: Path, clock: FakeClock, damaged: str, command: tuple[str, ...], refused: bool
) -> None:
    """A reading command checks the pages of each table it reads, with its indexes: a
    damage there refuses it with the message naming the newest backup, while a damage in
    a table it does not read leaves its output as it was."""
    filled_database(db_path, clock)
    good = backup.create_backup(db_path, db_path.parent / "backups", clock.now())
    sound = jobtracker(db_path, *command)
    corrupt_table(db_path, damaged)
    before = db_path.read_bytes()
    result = jobtracker(db_path, *command)
    if refused:
        assert result.returncode == 3, result.stdout
        assert f"The database {db_path} is damaged" in result.stderr
        assert f"jobtracker --db {db_path} restore {good.path}" in result.stderr
    else:
        assert (result.returncode, result.stdout) == (0, sound.stdout), result.stderr
    assert db_path.read_bytes() == before


def test_a_reading_sorts_in_memory(db_path: Path) -> None:
    """A listing's sort (every card's JSON) is larger than the page cache: SQLite would
    write it to a temporary file and merge it back, unless its temporary store is memory."""
    assert jobtracker(db_path, "add", "--company", "Acme", "--role", "R").returncode == 0
    with open_read_only(db_path, owner="test") as read:
        assert read.execute("PRAGMA temp_store").fetchone() == (2,)  # 2: memory
