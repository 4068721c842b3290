"""The time zone setting, which the reminders keep, decides the insights' days too: the
person who set Honolulu sees the weeks they lived there, whatever zone the computer is in.

Every scripted application was added at 09:00 UTC: in Honolulu (UTC-10) that is 23:00 the
evening before, so A (Monday 16 February in UTC) falls on Sunday 15th, a week earlier.
"""

from __future__ import annotations

import json
from datetime import UTC, date
from pathlib import Path
from zoneinfo import ZoneInfo

from fixtures.scripted_search import at, run_cli, script_search

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.insights import Miss, Period
from jobtracker.domain.insights_text import miss_text
from jobtracker.domain.services import Services, open_services

HONOLULU = "Pacific/Honolulu"
#: in Honolulu: A | B C | D E | F G | H; in UTC: A B | C D E | F | G H
WEEKS_IN_HONOLULU = [1, 2, 2, 2, 1]
WEEKS_IN_UTC = [0, 2, 3, 1, 2]


def test_the_zone_setting_decides_the_weeks(svc: Services, clock: FakeClock) -> None:
    script_search(svc, clock)
    assert svc.insights.tz == UTC, "the zone given (conftest)"
    svc.followups.save_settings(time_zone=HONOLULU)
    assert svc.insights.tz == ZoneInfo(HONOLULU), "the setting over the zone given"
    figures = svc.insights.insights(Period())
    assert figures.first_day == date(2026, 2, 15)
    pace = figures.pace
    assert [w.start for w in pace.weeks] == [
        date(2026, 2, 9), date(2026, 2, 16), date(2026, 2, 23), date(2026, 3, 2),
        date(2026, 3, 9),
    ]  # fmt: skip
    assert [w.applications for w in pace.weeks] == WEEKS_IN_HONOLULU
    svc.followups.save_settings(time_zone="")
    weeks = svc.insights.insights(Period(date(2026, 2, 9), date(2026, 3, 15))).pace.weeks
    assert [w.applications for w in weeks] == WEEKS_IN_UTC, "unset: the zone given again"


def _with_zone(db: Path, zone: str) -> None:
    services = open_services(db, owner="pytest")
    try:
        services.followups.save_settings(time_zone=zone)
    finally:
        services.close()


def _weeks(db: Path) -> list[int]:
    result = run_cli(db, "stats", "--since", "2026-02-09", "--until", "2026-03-15", "--json")
    assert result.returncode == 0, result.stderr
    return [w["applications"] for w in json.loads(result.stdout)["pace"]["weeks"]]


def test_stats_reads_the_days_of_the_zone_setting(search_db: Path) -> None:
    assert _weeks(search_db) == WEEKS_IN_UTC
    _with_zone(search_db, HONOLULU)
    assert _weeks(search_db) == WEEKS_IN_HONOLULU


def test_a_miss_is_named_by_the_day_it_fell_on_where_the_person_is(search_db: Path) -> None:
    # B's thank-you was due at 11:00 UTC on 19 February: midnight in Auckland (UTC+13)
    due = "Thank-you note for Company B (Role B), due {}: not done yet"
    result = run_cli(search_db, "stats", "--since", "2026-02-16", "--until", "2026-03-08")
    assert due.format("19 Feb") in result.stdout
    _with_zone(search_db, "Pacific/Auckland")
    result = run_cli(search_db, "stats", "--since", "2026-02-16", "--until", "2026-03-08")
    assert due.format("20 Feb") in result.stdout, result.stdout
    miss = Miss(1, "Acme", "Engineer", "no_reply", "follow-up", at(2, 19, 11), at(2, 20, 10))
    assert miss_text(miss, ZoneInfo("Pacific/Auckland")).endswith("due 20 Feb: done 20 Feb")
    assert miss_text(miss, ZoneInfo("UTC")).endswith("due 19 Feb: done 20 Feb")
