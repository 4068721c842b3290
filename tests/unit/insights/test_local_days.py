"""SQLite finds the local day and week of a stored instant as Python does, DST included."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from jobtracker.domain.clock import to_local
from jobtracker.domain.insights import Period
from jobtracker.domain.local_days import LocalDays
from jobtracker.domain.services import Services
from jobtracker.store.instants import to_db_text

ZONES = ("Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC")


@pytest.mark.parametrize("zone", ZONES)
def test_sql_days_and_weeks_agree_with_python_around_every_change(zone: str) -> None:
    tz = ZoneInfo(zone)
    first, last = datetime(2024, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC)
    days = LocalDays.over(tz, first, last)
    changes = [datetime.fromisoformat(since + "+00:00") for since, _ in days.offsets[1:]]
    if zone not in ("Asia/Kolkata", "UTC"):
        assert len(changes) == 4  # two a year
    probes = [first, last, *(c + timedelta(microseconds=d) for c in changes for d in (-1, 0, 1))]
    probes += [first + timedelta(hours=5 * n, minutes=7) for n in range(3600)]  # every day
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (at TEXT)")
    conn.executemany("INSERT INTO t VALUES (?)", [(to_db_text(p),) for p in probes])
    rows = conn.execute(f"SELECT at, {days.day('at')}, {days.monday('at')} FROM t").fetchall()
    for stored, day, monday in rows:
        local = to_local(datetime.fromisoformat(stored + "+00:00"), tz).date()
        assert (day, monday) == (
            local.isoformat(),
            (local - timedelta(days=local.weekday())).isoformat(),
        ), stored


def test_a_week_is_the_local_one(services: Services, clock) -> None:
    """Sent late on a Sunday evening in UTC, it is Monday in Berlin: the next week."""
    berlin = ZoneInfo("Europe/Berlin")
    services.followups.tz = berlin
    applied = services.board.stage_for_role("applied")
    assert applied is not None
    clock.set(datetime(2026, 3, 29, 22, 30, tzinfo=UTC))  # Monday 0:30 in Berlin (summer)
    services.applications.add("Late", "Night", applied.id)
    clock.set(datetime(2026, 4, 1, 12, tzinfo=UTC))
    pace = services.insights.insights(Period(date(2026, 3, 23), date(2026, 4, 5))).pace
    assert [(w.start, w.applications) for w in pace.weeks] == [
        (date(2026, 3, 23), 0),
        (date(2026, 3, 30), 1),
    ]
    services.followups.tz = UTC
    pace = services.insights.insights(Period(date(2026, 3, 23), date(2026, 4, 5))).pace
    assert [w.applications for w in pace.weeks] == [1, 0]
