"""The rules in the computer's own zone (no zone setting): each recompute converts each
distinct moment once, and the next recompute follows a change of zone (a person who
travels); DST days give the instants the C library gives."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobtracker.domain import stage_roles as roles
from jobtracker.domain.clock import FakeClock
from jobtracker.domain.followup_rules import ApplicationState, rules_for, wanted_reminders
from jobtracker.domain.followup_settings import clean_settings
from jobtracker.domain.services import Services


@pytest.fixture
def computer_zone() -> Iterator[Callable[[str], None]]:
    """computer_zone("Europe/Berlin") sets TZ as a person's session does (TZ, tzset);
    the zone the tests started in comes back afterwards."""
    before = os.environ.get("TZ")

    def move_to(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield move_to
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


def check_ins(services: Services) -> list[datetime]:
    return [r.due_at for r in services.reminders.open_reminders() if r.rule_key == "check_in"]


def test_a_change_of_the_computers_zone_is_followed_by_the_next_recompute(
    services: Services, computer_zone: Callable[[str], None]
) -> None:
    assert services.followups.tz is None  # no zone setting: the computer's
    computer_zone("Europe/Berlin")
    services.applications.add("Acme", "Engineer", services.board.stage_by_name("Applied").id)
    # applied Tue 10 Mar: check-ins on the mornings of the 17th and 24th, 09:00 in Berlin
    assert check_ins(services) == [datetime(2026, 3, d, 8, tzinfo=UTC) for d in (17, 24)]

    computer_zone("America/New_York")
    services.followups.recompute()

    assert check_ins(services) == [datetime(2026, 3, d, 13, tzinfo=UTC) for d in (17, 24)]


SPRING = datetime(2026, 3, 28, 12, tzinfo=UTC)  # the day before Berlin's clocks go forward
AUTUMN = datetime(2026, 10, 24, 12, tzinfo=UTC)  # the day before they go back


@pytest.mark.parametrize(
    ("morning", "applied", "expected"),
    [
        # Sun 29 March 2026: 09:00 CEST; 02:30 does not exist that night, and reads as the
        # C library reads it, 00:30 UTC
        ("09:00", SPRING, ["03-29T07:00", "03-30T07:00", "03-31T07:00"]),
        ("02:30", SPRING, ["03-29T00:30", "03-30T00:30", "03-31T00:30"]),
        # Sun 25 October 2026: 09:00 CET; 02:30 happens twice, and the first is taken
        ("09:00", AUTUMN, ["10-25T08:00", "10-26T08:00", "10-27T08:00"]),
        ("02:30", AUTUMN, ["10-25T00:30", "10-26T01:30", "10-27T01:30"]),
    ],
)
def test_reminders_on_dst_days_in_the_zone_tz_names_keep_their_instants(
    services: Services,
    clock: FakeClock,
    computer_zone: Callable[[str], None],
    morning: str,
    applied: datetime,
    expected: list[str],
) -> None:
    computer_zone("Europe/Berlin")
    services.followups.save_settings(
        check_in_days=1, check_in_cap=2, morning=morning, work_start="02:00", work_days="Mon-Sun"
    )
    clock.set(applied)
    services.applications.add("Acme", "Engineer", services.board.stage_by_name("Applied").id)

    due = sorted(r.due_at for r in services.reminders.open_reminders())

    assert [f"{d:%m-%dT%H:%M}" for d in due] == expected


YEAR = datetime(2026, 1, 1, tzinfo=UTC)
instants = st.integers(0, 400 * 24).map(lambda hours: YEAR + timedelta(hours=hours))


def state(n: int, role: str, entered: datetime, applied: datetime | None) -> ApplicationState:
    closed = roles.kind_of(role) == "closed"
    return ApplicationState(n, f"Company {n}", role, closed, entered, applied)


states = st.builds(state, st.integers(1, 10**6), st.sampled_from(roles.ROLES), instants,
                   st.one_of(st.none(), instants))  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(apps=st.lists(states, max_size=30), now=instants)
def test_one_recompute_s_rules_give_each_application_what_it_gets_alone(apps, now) -> None:
    s = clean_settings({"check_in_days": 3, "work_days": "Mon-Sat"})
    shared = rules_for(s, now, None)
    assert [shared(app) for app in apps] == [wanted_reminders(app, s, now, None) for app in apps]
