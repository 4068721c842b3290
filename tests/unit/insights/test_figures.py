"""The insights of a scripted search (fixtures/scripted_search.py), worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest
from fixtures.scripted_search import NOW, at, script_search

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.insights import Period
from jobtracker.domain.services import Services


@pytest.fixture
def search(svc: Services, clock: FakeClock) -> dict[str, int]:
    ids = script_search(svc, clock)
    svc.insights.set_weekly_goal(2)
    return ids


def test_weekly_pace_and_streak(svc: Services, search: dict[str, int]) -> None:
    pace = svc.insights.insights(Period()).pace
    # weeks of 16 Feb, 23 Feb, 2 Mar, 9 Mar (the first application to today)
    assert [w.start for w in pace.weeks] == [
        date(2026, 2, 16), date(2026, 2, 23), date(2026, 3, 2), date(2026, 3, 9)
    ]  # fmt: skip
    assert [w.applications for w in pace.weeks] == [2, 3, 1, 2]  # A B | C D E | F | G H
    assert [w.interviews for w in pace.weeks] == [2, 1, 2, 1]  # B A | C | E D | G
    # sent: A's thank-you and B's follow-up (Sunday 22nd) | C's thank-you (Sunday 1st) | E's
    assert [w.followups for w in pace.weeks] == [2, 1, 1, 0]
    assert [w.met for w in pace.weeks] == [True, True, False, True]
    assert (pace.per_week("applications"), pace.per_week("interviews")) == (2.0, 1.5)
    assert pace.per_week("followups") == 1.0
    assert pace.weeks_met == 3
    assert pace.streak == 1  # this week met; the week of 2 March broke it


def test_streak_ends_with_the_period(svc: Services, search: dict[str, int]) -> None:
    assert svc.insights.insights(Period(until=date(2026, 3, 1))).pace.streak == 2
    # on Wednesday 4 March only F is sent that week: still under way, it breaks nothing
    svc.insights.clock.set(at(3, 4, 12))
    assert svc.insights.insights(Period()).pace.streak == 2
    svc.insights.set_weekly_goal(3)
    assert svc.insights.insights(Period()).pace.streak == 1  # 16 Feb had only 2


def test_follow_up_score(svc: Services, search: dict[str, int]) -> None:
    score = svc.insights.insights(Period()).followups
    # interviews that ended a day ago or more: A (thanked in 4 h), B (never), C (48 h:
    # late), D (never), E (never); G ended an hour ago and still has time
    assert (score.thank_you.hits, score.thank_you.total) == (1, 5)
    assert score.thank_you_median_hours == 26.0  # (4 + 48) / 2
    # no-reply follow-ups due: B (done 2 days 1 hour late), D (never), E (done 4 h after
    # due, same day); A's and C's were cancelled by their thank-yous, G's is not due yet
    assert (score.reminders.hits, score.reminders.total) == (1, 3)
    assert score.reminder_median_delay_days == pytest.approx((49 / 24 + 4 / 24) / 2)
    missed = [(m.application_id, m.kind, m.due_at, m.done_at) for m in score.missed]
    assert missed == [
        (search["B"], "thank_you", at(2, 19, 11), None),
        (search["B"], "no_reply", at(2, 20, 11), at(2, 22, 12)),
        (search["C"], "thank_you", at(2, 28, 15), at(3, 1, 15)),
        (search["E"], "thank_you", at(3, 3, 11), None),
        (search["D"], "thank_you", at(3, 5, 11), None),
        (search["D"], "no_reply", at(3, 6, 11), None),
    ]
    assert {m.template_key for m in score.missed} == {"thank-you", "follow-up"}


def test_a_period_counts_only_its_own_days(svc: Services, search: dict[str, int]) -> None:
    figures = svc.insights.insights(Period(date(2026, 3, 2), date(2026, 3, 8)))
    assert [w.applications for w in figures.pace.weeks] == [1]
    score = figures.followups
    # interviews ended 2-8 March: E (missed), D (missed); reminders due: E (on time), D
    assert (score.thank_you.hits, score.thank_you.total) == (0, 2)
    assert score.thank_you_median_hours is None
    assert (score.reminders.hits, score.reminders.total) == (1, 2)


def test_nothing_to_measure_is_none_never_a_division(svc: Services) -> None:
    svc.insights.clock.set(NOW)
    figures = svc.insights.insights(Period())
    assert [w.start for w in figures.pace.weeks] == [date(2026, 3, 9)]
    assert figures.pace.per_week("applications") == 0.0
    assert figures.pace.streak == 0
    score = figures.followups
    assert score.thank_you.value is None and score.reminders.value is None
    assert score.thank_you_median_hours is None and score.missed == ()


def test_weekly_goal_is_checked(svc: Services) -> None:
    from jobtracker.domain.errors import ValidationError

    with pytest.raises(ValidationError, match="weekly_goal"):
        svc.insights.set_weekly_goal(0)
    assert svc.insights.weekly_goal() == 10
