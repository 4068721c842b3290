"""Every command through a real subprocess on a temporary database, with its error paths.

Exit codes (cli.py): 0 done, 1 refused (unknown id or stage, invalid value), 2 wrong usage,
3 the database cannot be used (locked by another process, newer, damaged).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.cli import jobtracker
from fixtures.dbtools import corrupt_middle, corrupt_table, filled_database, make_newer

from jobtracker import __version__
from jobtracker.domain.clock import SYSTEM_CLOCK, FakeClock
from jobtracker.domain.services import open_services
from jobtracker.store import backup
from jobtracker.store.db import open_store
from jobtracker.store.files import sqlite_uri
from jobtracker.store.instants import from_db_text


def _add_directly(db: Path, *companies: str) -> list[int]:
    """Set up data in-process (quicker than the command line; the command under test runs
    in a subprocess)."""
    services = open_services(db, owner="pytest")
    try:
        return [services.applications.add(company, "R").id for company in companies]
    finally:
        services.close()


def _snapshot(db: Path) -> list[tuple]:
    """Every application's place and every timeline row, read straight from the file."""
    conn = sqlite3.connect(sqlite_uri(db), uri=True)
    try:
        cards = conn.execute('SELECT "id", "stage_id", "rank", "company" FROM "application"')
        rows = cards.fetchall()
        rows += conn.execute('SELECT "id", "application_id", "kind" FROM "activity"').fetchall()
        return rows
    finally:
        conn.close()


def _stored_instants(db: Path, application_id: int) -> tuple[str, str]:
    """An application's created and stage-entered instants, as the database holds them."""
    conn = sqlite3.connect(db)
    try:
        row = conn.execute(
            'SELECT "created_at", "stage_entered_at" FROM "application" WHERE "id" = ?',
            (application_id,),
        ).fetchone()
    finally:
        conn.close()
    return tuple(from_db_text(text).isoformat() for text in row)


def _ids(db: Path, *args: str) -> list[int]:
    result = jobtracker(db, "list", "--json", *args)
    assert result.returncode == 0, result.stderr
    return [card["id"] for card in json.loads(result.stdout)]


def test_version() -> None:
    result = jobtracker(None, "--version")
    assert (result.returncode, result.stdout.strip()) == (0, f"jobtracker {__version__}")


def test_add_reads_the_salary_and_adds_https_as_the_form_does(db_path: Path) -> None:
    added = jobtracker(
        db_path, "add", "--company", "Acme", "--role", "Engineer", "--salary", "60-70k €",
        "--url", "acme.example/jobs/7",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "Note: the salary reads as 60,000 to 70,000 EUR" in added.stderr
    conn = sqlite3.connect(db_path)
    try:
        row = conn.execute(
            "SELECT salary_text, salary_min, salary_max, salary_currency, url FROM application"
        ).fetchone()
    finally:
        conn.close()
    assert row == ("60-70k €", 60_000, 70_000, "EUR", "https://acme.example/jobs/7")


def test_add_list_and_move(db_path: Path) -> None:
    added = jobtracker(
        db_path, "add", "--company", "Café Zürich", "--role", "Engineer", "--stage", "applied",
        "--url", "https://jobs.example.com/1", "--location", "Zürich",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    first = int(added.stdout)
    second = int(jobtracker(db_path, "add", "--company", "Acme", "--role", "Analyst").stdout)
    listed = json.loads(jobtracker(db_path, "list", "--json").stdout)
    assert [(c["id"], c["company"], c["stage"], c["location"]) for c in listed] == [
        (second, "Acme", "Wishlist", ""),
        (first, "Café Zürich", "Applied", "Zürich"),
    ]
    stored = _stored_instants(db_path, first)
    assert (listed[1]["created_at"], listed[1]["stage_entered_at"]) == stored
    assert _ids(db_path, "--stage", "APPLIED") == [first]
    assert _ids(db_path, "--search", "cafe zurich") == [first]
    assert _ids(db_path, "--search", "nothing like it") == []
    text = jobtracker(db_path, "list").stdout.splitlines()
    assert text == [f"{second:>5}  Wishlist      Acme — Analyst",
                    f"{first:>5}  Applied       Café Zürich — Engineer"]  # fmt: skip
    moved = jobtracker(db_path, "move", str(second), "applied", "--before", str(first))
    assert (moved.returncode, moved.stdout.strip()) == (0, f"Moved #{second} to Applied")
    assert _ids(db_path, "--stage", "Applied") == [second, first]
    again = jobtracker(db_path, "add", "--company", "CAFE ZURICH", "--role", "Manager")
    assert again.returncode == 0
    assert f"already at Café Zürich: #{first} Engineer (Applied)" in again.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("move", "99", "Offer"), "There is no application #99."),
        (("move", "{first}", "Nowhere"), "There is no stage 'Nowhere'. Known stages: Wishlist"),
        (("move", "{first}", "Offer", "--before", "99"), "There is no application #99."),
        (("move", "{first}", "Offer", "--before", "{first}"), "before itself"),
        (("add", "--company", "A", "--role", "R", "--stage", "Nowhere"), "no stage 'Nowhere'"),
        (("add", "--company", "A", "--role", "R", "--url", "see site"), "url: 'see site'"),
        (("add", "--company", "A", "--role", "R", "--salary", "eighty"), "salary: 'eighty'"),
        (("add", "--company", " ", "--role", "R"), "company: is required"),
        (("list", "--stage", "Nowhere"), "There is no stage 'Nowhere'"),
        (("restore", "/no/such/backup.sqlite3"), "No backup file at /no/such/backup.sqlite3"),
    ],
)
def test_refused_requests_exit_1_with_a_message(
    db_path: Path, args: tuple[str, ...], message: str
) -> None:
    (first,) = _add_directly(db_path, "Acme")
    before = _snapshot(db_path)
    result = jobtracker(db_path, *(a.replace("{first}", str(first)) for a in args))
    assert result.returncode == 1
    assert message in result.stderr
    assert result.stderr.startswith("jobtracker: ")
    assert _snapshot(db_path) == before


def test_wrong_usage_exits_2(db_path: Path) -> None:
    result = jobtracker(db_path, "move", "not-a-number", "Offer")
    assert result.returncode == 2 and "invalid int value" in result.stderr


def test_demo_fills_an_empty_database_only(db_path: Path) -> None:
    result = jobtracker(db_path, "demo")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Added 40 sample applications to {db_path}"
    listed = json.loads(jobtracker(db_path, "list", "--json").stdout)
    assert len(listed) == 40
    assert {c["stage"] for c in listed} == {
        "Wishlist", "Applied", "Interviewing", "Offer",
        "Accepted", "Rejected", "Withdrawn", "No response",
    }  # fmt: skip
    again = jobtracker(db_path, "demo")
    assert again.returncode == 1 and "already holds 40 applications" in again.stderr
    assert len(_ids(db_path)) == 40


def test_backup_restore_and_check(db_path: Path) -> None:
    first = jobtracker(db_path, "add", "--company", "Kept", "--role", "R").stdout.strip()
    taken = jobtracker(db_path, "backup")
    assert taken.returncode == 0, taken.stderr
    backup_file = Path(taken.stdout.strip().removeprefix("Backed up to "))
    assert backup_file.parent == db_path.parent / "backups" and backup_file.is_file()
    assert backup_file.stat().st_mode & 0o777 == 0o600
    jobtracker(db_path, "add", "--company", "Added later", "--role", "R")
    restored = jobtracker(db_path, "restore", str(backup_file))
    assert restored.returncode == 0, restored.stderr
    aside = Path(restored.stdout.splitlines()[0].removeprefix("The replaced database was kept as "))
    assert aside.name.startswith("jobtracker.sqlite3.replaced-")
    assert _ids(db_path) == [int(first)]
    assert len(_ids(aside)) == 2  # nothing lost: the replaced data is still there
    checked = jobtracker(db_path, "check")
    assert checked.returncode == 0
    assert checked.stdout.startswith(f"OK: {db_path} passed the integrity and foreign-key checks")


def test_check_reports_broken_references(db_path: Path) -> None:
    jobtracker(db_path, "add", "--company", "Acme", "--role", "R")
    conn = sqlite3.connect(db_path)  # foreign keys are off in a plain connection
    conn.execute(
        "INSERT INTO activity (application_id, at, kind, text) VALUES (77, 'x', 'note', '')"
    )
    conn.commit()
    conn.close()
    result = jobtracker(db_path, "check")
    assert result.returncode == 1
    assert f"PROBLEMS in {db_path}:" in result.stdout
    assert "activity row" in result.stdout and "missing application" in result.stdout


def test_list_reads_a_missing_database_as_empty_without_creating_it(db_path: Path) -> None:
    assert jobtracker(db_path, "list", "--json").stdout.strip() == "[]"
    assert "No applications yet" in jobtracker(db_path, "list").stdout
    assert not db_path.parent.exists()


def test_check_and_backup_need_an_existing_database(db_path: Path) -> None:
    for command in ("check", "backup"):
        result = jobtracker(db_path, command)
        assert result.returncode == 1 and f"No database at {db_path}" in result.stderr
    assert not db_path.exists()


HOLDER = Path(__file__).parents[2] / "fixtures" / "hold_database_open.py"


@pytest.fixture
def held_by_another_process(db_path: Path) -> Iterator[int]:
    """The database open for writing in another process (as the window would hold it)."""
    _add_directly(db_path, "Acme")
    holder = subprocess.Popen(
        [sys.executable, str(HOLDER), str(db_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        yield holder.pid
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()


def test_a_database_locked_by_a_writer_names_that_process(
    db_path: Path, held_by_another_process: int
) -> None:
    taken = backup.create_backup(db_path, db_path.parent / "backups", SYSTEM_CLOCK.now())
    before = _snapshot(db_path)
    for args in (
        ("add", "--company", "B", "--role", "R"),
        ("move", "1", "Offer"),
        ("demo",),
        ("restore", str(taken.path)),
    ):
        result = jobtracker(db_path, *args)
        assert result.returncode == 3, args
        assert f"process {held_by_another_process} (jobtracker window)" in result.stderr
        assert "already open for writing" in result.stderr
    assert _snapshot(db_path) == before


def test_reading_commands_work_while_a_writer_holds_the_database(
    db_path: Path, held_by_another_process: int
) -> None:
    assert len(_ids(db_path)) == 1
    assert jobtracker(db_path, "check").returncode == 0
    taken = jobtracker(db_path, "backup")
    assert taken.returncode == 0, taken.stderr


ALL_COMMANDS = [
    ("list",),
    ("list", "--json"),
    ("stats",),
    ("stats", "--json"),
    ("add", "--company", "B", "--role", "R"),
    ("move", "1", "Offer"),
    ("demo",),
    ("backup",),
    ("check",),
]


def test_a_newer_database_is_refused_by_every_command_and_left_untouched(db_path: Path) -> None:
    _add_directly(db_path, "Acme")
    make_newer(db_path)
    before = db_path.read_bytes()
    for args in ALL_COMMANDS:
        result = jobtracker(db_path, *args)
        assert result.returncode == 3, args
        assert "was written by a newer jobtracker" in result.stderr
        assert "Please update jobtracker" in result.stderr
        assert db_path.read_bytes() == before


def test_a_damaged_database_is_refused_by_every_command_and_never_written(
    db_path: Path, clock: FakeClock
) -> None:
    filled_database(db_path, clock)
    good = backup.create_backup(db_path, db_path.parent / "backups", clock.now())
    corrupt_table(db_path, "application")  # every command reads the applications
    before = db_path.read_bytes()
    for args in ALL_COMMANDS:
        result = jobtracker(db_path, *args)
        assert result.returncode == 3, args
        assert "is damaged" in result.stderr
        assert f"The newest verified backup is {good.path}" in result.stderr
        assert f"jobtracker --db {db_path} restore {good.path}" in result.stderr
        assert db_path.read_bytes() == before


def test_restoring_the_named_backup_repairs_a_damaged_database(
    db_path: Path, clock: FakeClock
) -> None:
    filled_database(db_path, clock)
    good = backup.create_backup(db_path, db_path.parent / "backups", clock.now())
    corrupt_middle(db_path)
    result = jobtracker(db_path, "restore", str(good.path))
    assert result.returncode == 0, result.stderr
    assert len(_ids(db_path)) == 40
    assert jobtracker(db_path, "check").returncode == 0


def test_the_db_variable_chooses_the_database(db_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("JOBTRACKER_DB", str(db_path))
    added = jobtracker(None, "add", "--company", "Via variable", "--role", "R")
    assert added.returncode == 0
    with open_store(db_path, owner="pytest", readonly=True):
        pass
    assert _ids(db_path) == [int(added.stdout)]


def test_the_default_database_lives_in_the_private_data_folder(private_home: Path) -> None:
    added = jobtracker(None, "add", "--company", "Default place", "--role", "R")
    assert added.returncode == 0, added.stderr
    data = Path(os.environ["XDG_DATA_HOME"]) / "jobtracker"
    assert (data / "jobtracker.sqlite3").is_file()
    assert data.stat().st_mode & 0o777 == 0o700
    assert (data / "jobtracker.sqlite3").stat().st_mode & 0o777 == 0o600


def test_json_is_compact_unless_pretty_and_db_goes_after_the_command(db_path: Path) -> None:
    for company in ("Acme", "Café Zürich"):
        assert jobtracker(db_path, "add", "--company", company, "--role", "R").returncode == 0

    compact = subprocess.run(
        [sys.executable, "-m", "jobtracker", "list", "--json", "--db", str(db_path)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    pretty = jobtracker(db_path, "list", "--json", "--pretty").stdout

    assert compact.returncode == 0, compact.stderr
    assert compact.stdout.count("\n") == 1 and ", " not in compact.stdout
    assert json.loads(compact.stdout) == json.loads(pretty)
    assert sorted(c["company"] for c in json.loads(compact.stdout)) == ["Acme", "Café Zürich"]
    assert '\n  {\n    "id": ' in pretty
