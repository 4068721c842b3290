"""One set of limits at every door: bad values are refused by the real ``jobtracker`` process
with a message naming where, and nothing is written; control characters never get in."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from jobtracker.domain import limits


def run(db: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JOBTRACKER_DB": str(db)}
    result = subprocess.run(
        [sys.executable, "-m", "jobtracker", *args],
        capture_output=True, text=True, env=env, timeout=120, check=False, input=stdin,
    )  # fmt: skip
    assert "Traceback" not in result.stderr, result.stderr
    return result


def db_hash(db: Path) -> str:
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return hashlib.sha256(db.read_bytes()).hexdigest()


@pytest.fixture
def backup(tmp_path: Path) -> dict[str, Any]:
    """A real backup of a board with one application, interview and setting."""
    db = tmp_path / "source.sqlite3"
    assert run(db, "add", "--company", "Acme", "--role", "Engineer").returncode == 0
    with sqlite3.connect(db) as connection:
        connection.execute(
            "INSERT INTO interview (application_id, title, starts_at, duration_minutes, kind, "
            "location, notes) VALUES (1, 'First', '2026-03-12T10:00:00.000000', 60, 'video', "
            "'', '')"
        )
        connection.execute("INSERT INTO setting VALUES ('colours', '{\"a\": 1}')")
    connection.close()
    exported = run(db, "export", "json")
    assert exported.returncode == 0, exported.stderr
    data: dict[str, Any] = json.loads(exported.stdout)
    return data


def _set(data: dict[str, Any], table: str, column: str, value: Any) -> None:
    columns = data["tables"][table]["columns"]
    data["tables"][table]["rows"][0][columns.index(column)] = value


@pytest.mark.parametrize(
    ("table", "column", "value", "message"),
    [
        ("application", "excitement", 2**63, "must be from 0 to 5"),
        ("application", "salary_min", 2**63, "must be from 0 to 1,000,000,000,000"),
        ("application", "rank", 2**64, "must be from"),
        ("interview", "duration_minutes", -(10**12), "must be from 5 to 1,440"),
        ("interview", "starts_at", "0001-01-01T00:00:00.000000", "outside the years 1900 to 2200"),
        ("application", "deadline", "9999-12-31", "outside the years 1900 to 2200"),
        ("application", "created_at", "2026-03-10T09:00:00+05:00", "not a valid date or time"),
        ("application", "company", "x" * 1_000_000, "1,000,000 characters long; the limit is 500"),
        ("application", "notes", "n" * 300_000, "the limit is 200,000"),
        ("setting", "value", "{not json", "is not valid JSON"),
        ("setting", "value", "[" * 50 + "]" * 50, "nests deeper than 20 levels"),
        ("setting", "value", '{"a": 99999999999999999999}', "must be from"),
    ],
)
def test_json_import_refuses_values_beyond_the_limits(
    tmp_path: Path, backup: dict[str, Any], table: str, column: str, value: Any, message: str
) -> None:
    _set(backup, table, column, value)
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(backup), encoding="utf-8")
    target = tmp_path / "target.sqlite3"
    assert run(target, "list").returncode == 0
    assert run(target, "add", "--company", "Keep", "--role", "Me").returncode == 0
    before = db_hash(target)

    result = run(target, "import", str(source))

    assert result.returncode == 1, result.stderr
    assert f"table '{table}', row 1, column '{column}'" in result.stderr
    assert message in result.stderr
    assert db_hash(target) == before


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('{"format": "jobtracker", "n": ' + "9" * 5000 + "}", "holds a value no backup could"),
        ("[" * 100_000 + "]" * 100_000, "nests deeper than any jobtracker backup"),
    ],
)
def test_json_import_refuses_huge_numbers_and_deep_nesting(
    tmp_path: Path, text: str, problem: str
) -> None:
    source = tmp_path / "bad.json"
    source.write_text(text, encoding="utf-8")
    target = tmp_path / "target.sqlite3"
    result = run(target, "import", str(source))
    assert result.returncode == 1
    assert problem in result.stderr


def test_json_import_cleans_control_characters_like_every_door(
    tmp_path: Path, backup: dict[str, Any]
) -> None:
    _set(backup, "application", "company", "Ac\x00me\x1b[31m\r\nInc")
    _set(backup, "application", "notes", "line\x00 one\r\nline two\x07")
    source = tmp_path / "nul.json"
    source.write_text(json.dumps(backup), encoding="utf-8")
    target = tmp_path / "target.sqlite3"

    assert run(target, "import", str(source)).returncode == 0
    listed = json.loads(run(target, "list", "--json").stdout)
    assert listed[0]["company"] == "Acme[31m Inc"
    notes = json.loads(run(target, "export", "json").stdout)["tables"]["application"]
    assert notes["rows"][0][notes["columns"].index("notes")] == "line one\nline two"


def _write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("Deadline", "9999-12-31", "9999-12-31 is outside the years 1900 to 2200"),
        ("Date Applied", "0001-01-01", "0001-01-01 is outside the years 1900 to 2200"),
        ("Company", "c" * 600, "600 characters long; the limit is 500"),
        ("Contact", "n" * 600, "600 characters long; the limit is 500"),
        ("Salary", "$" + "9" * 30, ""),  # beyond any amount: kept as text only, imported
    ],
)
def test_csv_import_refuses_values_beyond_the_limits(
    tmp_path: Path, column: str, value: str, message: str
) -> None:
    row = {"Company": "Acme", "Role": "Engineer", "Deadline": "", "Date Applied": "",
           "Contact": "", "Salary": ""}  # fmt: skip
    row[column] = value
    source = tmp_path / "bad.csv"
    _write_csv(source, [{"Company": "Fine", "Role": "Row", **{k: "" for k in row if k not in
               ("Company", "Role")}}, row])  # fmt: skip
    target = tmp_path / "target.sqlite3"
    assert run(target, "add", "--company", "Keep", "--role", "Me").returncode == 0
    before = db_hash(target)

    result = run(target, "import", str(source))

    if not message:
        assert result.returncode == 0, result.stderr
        return
    assert result.returncode == 1, result.stdout + result.stderr
    assert "row 3" in result.stdout + result.stderr
    assert message in result.stdout + result.stderr
    assert db_hash(target) == before


def test_cli_add_cleans_control_characters_and_refuses_long_values(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    added = run(db, "add", "--company", "Evil\x1b[2J\rCorp\n", "--role", "Dev\tOps")
    assert added.returncode == 0, added.stderr
    card = json.loads(run(db, "list", "--json").stdout)[0]
    assert (card["company"], card["role"]) == ("Evil[2J Corp", "Dev Ops")

    long = run(db, "add", "--company", "x" * (limits.MAX_LINE + 1), "--role", "r")
    assert long.returncode == 1
    assert "company: is 501 characters long; the limit is 500" in long.stderr
    assert len(json.loads(run(db, "list", "--json").stdout)) == 1


def test_what_any_door_accepted_exports_to_csv_and_imports_again(tmp_path: Path) -> None:
    """Tricky but acceptable values (quotes, separators, formulas, accents, line breaks in
    notes, the longest company) survive CSV export and import into a new database."""
    db = tmp_path / "db.sqlite3"
    companies = ['Quote "Q" Ltd, Inc;', "=SUM(A1)", "Ünïcødé 株式会社", "c" * limits.MAX_LINE,
                 "Tab\tand\x07bell"]  # fmt: skip
    for company in companies:
        assert run(db, "add", "--company", company, "--role", 'Role, "quoted"').returncode == 0
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE application SET notes = 'two\nlines, \"q\"', "
                           "deadline = '2200-12-31', location = 'Zürich'")  # fmt: skip
    connection.close()
    exported = tmp_path / "out.csv"
    assert run(db, "export", "csv", "-o", str(exported)).returncode == 0

    again = tmp_path / "again.sqlite3"
    result = run(again, "import", str(exported))

    assert result.returncode == 0, result.stdout + result.stderr
    first = {(c["company"], c["role"], c["location"]) for c in _cards(db)}
    second = {(c["company"], c["role"], c["location"]) for c in _cards(again)}
    assert first == second
    assert {c["company"] for c in _cards(again)} >= {"Tab andbell", "=SUM(A1)"}
    rows = list(csv.DictReader(io.StringIO(run(again, "export", "csv").stdout)))
    assert {r["Deadline"] for r in rows} == {"2200-12-31"}


def _cards(db: Path) -> list[dict[str, Any]]:
    cards: list[dict[str, Any]] = json.loads(run(db, "list", "--json").stdout)
    return cards
