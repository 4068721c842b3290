"""Reminders fall due inside the working hours of the person's time zone, DST included."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobtracker.domain import stage_roles as roles
from jobtracker.domain.errors import ValidationError
from jobtracker.domain.followup_rules import ApplicationState, InterviewState, wanted_reminders
from jobtracker.domain.followup_settings import FollowupSettings, clean_settings
from jobtracker.domain.working_hours import format_days, parse_days

ZONES = (ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York"))
#: 2026, with both zones' DST changes (March and October/November) inside
YEAR_START = datetime(2026, 1, 1, tzinfo=UTC)


def assert_working(instant: datetime, s: FollowupSettings, zone: ZoneInfo) -> None:
    local = instant.astimezone(zone)
    days = parse_days("work_days", s.work_days)
    assert local.weekday() in days, f"{local:%a %d %b %H:%M %Z} is not a working day"
    start, end = s.clock_time("work_start"), s.clock_time("work_end")
    assert start <= local.time() <= end, f"{local:%a %d %b %H:%M %Z} is outside working hours"


instants = st.integers(0, 365 * 24 * 60).map(lambda m: YEAR_START + timedelta(minutes=m))
hours = st.tuples(st.integers(6, 11), st.integers(4, 12), st.sampled_from([0, 30])).map(
    lambda t: (time(t[0], t[2]), time(t[0] + t[1], t[2]))
)
workdays = st.frozensets(st.integers(0, 6), min_size=1).map(format_days)
interviews = st.lists(st.tuples(instants, st.sampled_from([30, 45, 60, 240])), max_size=3).map(
    lambda items: tuple(
        InterviewState(n, "interview", at, at + timedelta(minutes=length))
        for n, (at, length) in enumerate(items)
    )
)


@settings(max_examples=300, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    role=st.sampled_from(roles.ROLES),
    applied=instants,
    now=instants,
    interviews=interviews,
    answers=st.lists(instants, max_size=2),
    deadline=st.one_of(st.none(), st.dates(date(2026, 1, 1), date(2026, 12, 31))),
    working=hours,
    days=workdays,
    cutoff=st.sampled_from(["17:00", "20:00", "12:00"]),
)
def test_no_reminder_falls_due_outside_working_hours(
    zone, role, applied, now, interviews, answers, deadline, working, days, cutoff
):
    s = clean_settings({
        "work_start": working[0].strftime("%H:%M"), "work_end": working[1].strftime("%H:%M"),
        "work_days": days, "thank_you_cutoff": cutoff,
    })  # fmt: skip
    app = ApplicationState(
        id=1, company="Acme", role=role, closed=roles.kind_of(role) == "closed",
        stage_entered_at=applied, applied_at=applied, deadline=deadline,
        interviews=interviews, answers=tuple((at, "heard_back") for at in sorted(answers)),
    )  # fmt: skip
    for wanted in wanted_reminders(app, s, now, zone):
        assert_working(wanted.due_at, s, zone)


@pytest.mark.parametrize("zone", ZONES, ids=str)
def test_the_time_zone_setting_places_reminders_in_that_zone(svc, clock, zone, by_rule):
    svc.followups.save_settings(time_zone=str(zone))
    assert svc.followups.tz == zone
    app = svc.applications.add("Acme", "Eng", svc.board.stage_by_name("Applied").id).id
    for reminder in by_rule(app)["check_in"]:
        local = reminder.due_at.astimezone(zone)
        assert (local.time(), local.weekday() < 5) == (time(9, 0), True)


def test_a_thank_you_after_a_friday_evening_interview_is_due_monday_morning(svc, berlin, by_rule):
    app = svc.applications.add("Acme", "Eng", svc.board.stage_by_name("Applied").id).id
    svc.interviews.add(app, berlin(2026, 3, 13, 17, 30), duration_minutes=60)
    assert by_rule(app)["thank_you"][0].due_at == berlin(2026, 3, 16, 9, 0)


def test_a_check_in_falls_due_in_the_morning_not_at_the_hour_applied(svc, clock, berlin, by_rule):
    clock.set(berlin(2026, 3, 10, 1, 43))  # applied at night
    app = svc.applications.add("Acme", "Eng", svc.board.stage_by_name("Applied").id).id
    assert [r.due_at for r in by_rule(app)["check_in"]] == [
        berlin(2026, 3, 17, 9, 0), berlin(2026, 3, 24, 9, 0)
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "days"),
    [("Mon-Fri", "Mon-Fri"), ("mon, tue,wed,thu ,fri", "Mon-Fri"), ("Sun-Thu", "Mon-Thu,Sun"),
     ("Sat", "Sat"), ("Monday-Wednesday,Fri", "Mon-Wed,Fri")],
)  # fmt: skip
def test_working_days_read_like_people_write_them(text, days):
    assert clean_settings({"work_days": text}).work_days == days


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"work_days": "Mon-Funday"}, "work_days: 'Funday' is not a day of the week"),
        ({"work_days": " , "}, "work_days: name at least one working day"),
        ({"time_zone": "Mars/Olympus"}, "time_zone: 'Mars/Olympus' is not a time zone"),
        ({"work_start": "18:00", "work_end": "09:00"}, "work_end: must be later than the start"),
    ],
)
def test_bad_working_hours_are_refused_naming_the_setting(svc, changes, message):
    with pytest.raises(ValidationError, match=message):
        svc.followups.save_settings(**changes)
    assert svc.followups.settings() == FollowupSettings()
