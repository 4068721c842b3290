"""``jobtracker import`` and ``jobtracker export`` as a person runs them: real processes."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import icalendar
from fixtures.cli import jobtracker

FIXTURES = Path(__file__).parents[2] / "fixtures" / "import"


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_import_then_export_every_kind(tmp_path: Path) -> None:
    db = tmp_path / "data" / "db.sqlite3"
    first = jobtracker(db, "import", str(FIXTURES / "huntr.csv"))
    assert first.returncode == 0, first.stderr
    assert "Read huntr.csv: Huntr layout, UTF-8, comma-separated, 5 rows." in first.stdout
    assert "Imported 5 applications from huntr.csv." in first.stdout

    listed = jobtracker(db, "list", "--json")
    stages = {card["company"]: card["stage"] for card in json.loads(listed.stdout)}
    assert stages["Helios Energy"] == "Interviewing"

    exported = jobtracker(db, "export", "csv", "--tz", "UTC")
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert {r["Company"] for r in rows} >= {"Acme Robotics", "Ember Payments"}
    out = tmp_path / "activity.csv"
    assert jobtracker(db, "export", "activity", "-o", str(out)).returncode == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfDate,Time,Company,Role,What happened")
    ics = jobtracker(db, "export", "ics", "--tz", "America/New_York")
    assert icalendar.Calendar.from_ical(ics.stdout).walk("VCALENDAR")


def test_a_dry_run_reports_and_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    jobtracker(db, "import", str(FIXTURES / "jobsync.csv"))
    before = file_hash(db)
    result = jobtracker(db, "import", str(FIXTURES / "bad" / "unknown_stages.csv"), "--dry-run")
    assert result.returncode == 1
    assert "  error   row 2, Stage: 'Phone Screen 2' is not a stage on the board" in result.stdout
    assert "Stages not on the board: 'Phone Screen 2' (1), 'Take-home' (1)." in result.stdout
    assert "Dry run: nothing was written." in result.stdout
    assert file_hash(db) == before


def test_a_refused_import_exits_1_and_leaves_the_file(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    jobtracker(db, "import", str(FIXTURES / "jobsync.csv"))
    before = file_hash(db)
    result = jobtracker(db, "import", str(FIXTURES / "bad" / "impossible_dates.csv"))
    assert result.returncode == 1
    assert "3 problems stop the import; nothing was imported." in result.stderr
    assert "row 2, Date Applied: '2025-02-30' is not a real date" in result.stderr
    assert file_hash(db) == before
    binary = jobtracker(db, "import", str(FIXTURES / "bad" / "xlsx_renamed.csv"))
    assert binary.returncode == 1
    assert binary.stderr.startswith("jobtracker: xlsx_renamed.csv looks like an Excel workbook")
    assert file_hash(db) == before


def test_stage_mapping_and_other_choices(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    bad = jobtracker(
        db, "import", str(FIXTURES / "bad" / "unknown_stages.csv"), "--map-stage", "oops"
    )
    assert bad.returncode == 1 and "write it as FROM=TO" in bad.stderr
    result = jobtracker(
        db, "import", str(FIXTURES / "bad" / "unknown_stages.csv"),
        "--map-stage", "Phone Screen 2=Interviewing", "--create-stages",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "created the stage Take-home" in result.stdout
    again = jobtracker(
        db, "import", str(FIXTURES / "bad" / "unknown_stages.csv"), "--create-stages"
    )
    assert "skipped 3 duplicates" in again.stdout


def test_a_json_backup_moves_to_a_new_database(tmp_path: Path) -> None:
    old, new = tmp_path / "old.sqlite3", tmp_path / "new.sqlite3"
    jobtracker(old, "demo")
    backup = tmp_path / "backup.json"
    assert jobtracker(old, "export", "json", "-o", str(backup)).returncode == 0
    restored = jobtracker(new, "import", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert "Restored backup.json" in restored.stdout
    assert jobtracker(new, "list", "--json").stdout == jobtracker(old, "list", "--json").stdout
    twice = jobtracker(new, "import", str(backup))
    assert twice.returncode == 1 and "already holds data" in twice.stderr


def test_export_into_a_missing_folder_is_explained(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    jobtracker(db, "demo")
    result = jobtracker(db, "export", "json", "-o", str(tmp_path / "nowhere" / "b.json"))
    assert result.returncode == 1
    assert "There is no folder" in result.stderr
    period = jobtracker(db, "export", "csv", "--since", "2025-01-01")
    assert period.returncode == 1 and "apply to the activity log only" in period.stderr
    zone = jobtracker(db, "export", "ics", "--tz", "Mars/Olympus")
    assert zone.returncode == 1 and "'Mars/Olympus' is not a time zone name" in zone.stderr


def test_counts_in_import_messages_agree_with_their_nouns(tmp_path: Path) -> None:
    """ "1 duplicate", "1 row with errors", "1 application": never "1 duplicates"."""
    db = tmp_path / "db.sqlite3"
    one = tmp_path / "one.csv"
    one.write_text("Company,Role,Stage\nAcme,Engineer,Applied\n", encoding="utf-8")
    first = jobtracker(db, "import", str(one))
    assert "comma-separated, 1 row." in first.stdout
    assert "Imported 1 application from one.csv." in first.stdout
    mixed = tmp_path / "mixed.csv"
    mixed.write_text(
        "Company,Role,Stage\nAcme,Engineer,Applied\nGlobex,Analyst,Nowhere\n"
        "Initech,Tester,Applied\nHooli,Dev,Applied\n",
        encoding="utf-8",
    )
    second = jobtracker(db, "import", str(mixed), "--skip-invalid")
    assert second.returncode == 0, second.stderr
    assert (
        "Imported 2 applications from mixed.csv; skipped 1 duplicate; "
        "left out 1 row with errors." in second.stdout
    )
    refused = jobtracker(db, "import", str(mixed))
    assert "mixed.csv: 1 problem stops the import" in refused.stderr
