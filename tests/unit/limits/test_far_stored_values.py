"""Values an older version stored out of range (year 1, year 9999) are shown, not fatal:
every command that reads or writes around them still works, in zones either side of UTC."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.far_values import write_far_values

COMMANDS = (
    ("list",),
    ("list", "--json"),
    ("move", "1", "Interviewing"),
    ("move", "2", "Offer"),
    ("draft", "1", "thank-you"),
    ("draft", "2", "follow-up"),
    ("export", "csv"),
    ("export", "json"),
    ("export", "ics"),
    ("export", "activity"),
    ("reminders",),
    ("check",),
)


def run(db: Path, tz: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JOBTRACKER_DB": str(db), "TZ": tz}
    return subprocess.run(
        [sys.executable, "-m", "jobtracker", *args],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip


@pytest.mark.parametrize("tz", ["America/Los_Angeles", "Pacific/Kiritimati"])
def test_every_command_works_over_far_stored_dates(tmp_path: Path, tz: str) -> None:
    db = tmp_path / "old.sqlite3"
    write_far_values(db)
    outputs = {}
    for command in COMMANDS:
        result = run(db, tz, *command)
        assert result.returncode == 0, (command, result.stderr)
        assert "Traceback" not in result.stderr, (command, result.stderr)
        outputs[command] = result.stdout
    shown = {card["company"]: card for card in json.loads(outputs["list", "--json"])}
    assert set(shown) == {"Far Future", "Long Ago", "Today"}
    assert shown["Long Ago"]["stage_entered_at"].startswith("1900-01-01")
    assert shown["Far Future"]["stage_entered_at"].startswith("2200-12-31")


def test_a_backup_of_far_dates_restores_and_its_csv_imports(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    write_far_values(db)
    backup, table = tmp_path / "backup.json", tmp_path / "table.csv"
    assert run(db, "UTC", "export", "json", "-o", str(backup)).returncode == 0
    assert run(db, "UTC", "export", "csv", "-o", str(table)).returncode == 0

    restored = run(tmp_path / "restored.sqlite3", "UTC", "import", str(backup))
    imported = run(tmp_path / "imported.sqlite3", "UTC", "import", str(table))

    assert restored.returncode == 0, restored.stderr
    assert imported.returncode == 0, imported.stdout + imported.stderr
    rows = json.loads(backup.read_text(encoding="utf-8"))["tables"]["application"]
    deadlines = {row[rows["columns"].index("deadline")] for row in rows["rows"]}
    assert deadlines == {"2200-12-31", "1900-01-01", None}
