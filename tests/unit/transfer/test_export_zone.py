"""Exports write dates in the person's time zone setting, as the reminders and the insights
read them, unless ``--tz`` names another: an application added at 23:30 UTC on 9 March was
added on 10 March in Auckland (UTC+13 then)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

import icalendar
from fixtures.cli import jobtracker

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.services import open_services

ADDED = datetime(2026, 3, 9, 23, 30, tzinfo=UTC)
ON_THE_MACHINE = {"TZ": "UTC"}


def _search(db: Path, zone: str) -> None:
    services = open_services(db, owner="pytest", clock=FakeClock(ADDED))
    try:
        app = services.applications.add("Acme", "Engineer", services.board.stages()[1].id)
        services.interviews.add(
            app.id, datetime(2026, 3, 20, 22, 0, tzinfo=UTC), duration_minutes=60
        )
        services.followups.save_settings(time_zone=zone)
    finally:
        services.close()


def _column(db: Path, kind: str, column: str, *args: str) -> str:
    result = jobtracker(db, "export", kind, *args, env=ON_THE_MACHINE)
    assert result.returncode == 0, result.stderr
    return next(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))[column]


def test_exports_date_by_the_zone_setting_unless_told(tmp_path: Path) -> None:
    db = tmp_path / "data" / "db.sqlite3"
    _search(db, "Pacific/Auckland")
    assert _column(db, "csv", "Date added") == "2026-03-10"
    assert _column(db, "csv", "Date added", "--tz", "UTC") == "2026-03-09"
    assert _column(db, "activity", "Date") == "2026-03-10"
    ics = jobtracker(db, "export", "ics", env=ON_THE_MACHINE)
    event = icalendar.Calendar.from_ical(ics.stdout).walk("VEVENT")[0]
    assert str(event["DTSTART"].dt.tzinfo) == "Pacific/Auckland"


def test_without_a_setting_the_machine_zone_decides(tmp_path: Path) -> None:
    db = tmp_path / "data" / "db.sqlite3"
    _search(db, "")
    assert _column(db, "csv", "Date added") == "2026-03-09"
    ics = jobtracker(db, "export", "ics", env=ON_THE_MACHINE)
    event = icalendar.Calendar.from_ical(ics.stdout).walk("VEVENT")[0]
    assert event["DTSTART"].dt.utcoffset().total_seconds() == 0
    assert "TZID" not in event["DTSTART"].params
