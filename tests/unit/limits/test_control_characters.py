"""Control characters: single-line fields are cleaned at every door, the command line never
prints one raw (old data included), and a draft's Subject line cannot be split."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

from fixtures.cli import jobtracker

#: what a terminal would act on: every C0 and C1 control but line feed, and DEL
RAW_CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
HOSTILE = "Evil\x1b]0;owned\x07\x1b[2J\rCorp\nSubject: injected\x9b31m"


def _old_database(tmp_path: Path) -> Path:
    """A board an older version wrote: control characters in every single-line field."""
    db = tmp_path / "old.sqlite3"
    added = jobtracker(db, "add", "--company", "Acme", "--role", "Engineer", "--stage", "Applied")
    assert added.returncode == 0
    assert jobtracker(db, "profile", "--name", "Sam Doe").returncode == 0
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE application SET company = ?, role = ?", (HOSTILE, HOSTILE))
        connection.execute("UPDATE stage SET name = ? WHERE name = 'Applied'", ("Ap\x1b[1mplied",))
        connection.execute("UPDATE reminder SET reason = ?", (HOSTILE,))
    connection.close()
    return db


def test_the_command_line_never_prints_raw_control_characters(tmp_path: Path) -> None:
    db = _old_database(tmp_path)
    commands = (("list",), ("list", "--json"), ("reminders",), ("reminders", "--json"),
                ("draft", "1", "follow-up"), ("templates",), ("move", "1", "Nope"))  # fmt: skip
    for command in commands:
        result = jobtracker(db, *command)
        assert not RAW_CONTROLS.search(result.stdout + result.stderr), (command, result)
    listed = jobtracker(db, "list").stdout
    assert listed.count("\n") == 1, "one card, one line"
    assert "Evil\\u001b]0;owned\\u0007" in listed
    assert json.loads(jobtracker(db, "list", "--json").stdout)[0]["company"] == HOSTILE


def test_the_library_and_insights_commands_never_print_raw_control_characters(
    tmp_path: Path,
) -> None:
    db = _old_database(tmp_path)
    resume = tmp_path / "resume.txt"
    resume.write_text("Kubernetes", encoding="utf-8")
    assert jobtracker(db, "docs", "add", str(resume), "--label", "Backend").returncode == 0
    assert jobtracker(db, "docs", "attach", "1", "Backend", "--sent").returncode == 0
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE document SET label = ?, original_name = ?", (HOSTILE, HOSTILE))
    connection.close()
    commands = (("docs", "list"), ("docs", "list", "--json"), ("docs", "attach", "1", HOSTILE),
                ("stats",), ("stats", "--json"))  # fmt: skip
    for command in commands:
        result = jobtracker(db, *command)
        assert not RAW_CONTROLS.search(result.stdout + result.stderr), (command, result)
    assert "Evil\\u001b]0;owned\\u0007" in jobtracker(db, "docs", "list").stdout


def test_a_drafts_subject_line_cannot_be_split(tmp_path: Path) -> None:
    db = _old_database(tmp_path)
    draft = jobtracker(db, "draft", "1", "follow-up")
    assert draft.returncode == 0, draft.stderr
    subject, blank, *body = draft.stdout.split("\n")
    assert subject.startswith("Subject: ") and "Evil" in subject
    assert blank == ""
    assert not any(line.startswith("Subject:") for line in body)


def test_imported_cells_are_cleaned_like_typed_ones(tmp_path: Path) -> None:
    source = tmp_path / "multi.csv"
    source.write_text(
        'Company,Role,Location,Contact,Notes\n"Acme\r\nCorp","Dev\x1b[31m","Ber\tlin",'
        '"Dana\nW","line one\r\nline two"\n',
        encoding="utf-8",
    )
    db = tmp_path / "db.sqlite3"
    assert jobtracker(db, "import", str(source)).returncode == 0
    card = json.loads(jobtracker(db, "list", "--json").stdout)[0]
    assert (card["company"], card["role"], card["location"]) == ("Acme Corp", "Dev[31m", "Ber lin")
    backup = json.loads(jobtracker(db, "export", "json").stdout)["tables"]
    contact = backup["contact"]
    assert contact["rows"][0][contact["columns"].index("name")] == "Dana W"
    app = backup["application"]
    assert app["rows"][0][app["columns"].index("notes")] == "line one\nline two"
