"""Where the search stands over a period: pipeline, responses, pace and the follow-up
discipline.

Pure functions of a :class:`~jobtracker.domain.insights_facts.SearchFacts` snapshot, the
period and "now", in local days (``tz``; None: the system's zone). A figure with nothing to
measure is ``None``, never a division by zero; the views say so in words.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from typing import NamedTuple

from jobtracker.domain.clock import to_local
from jobtracker.domain.insights_facts import (
    THANK_YOU,
    Execute,
    Span,
    Weeks,
    first_created,
    interviews,
    local_days,
    outcomes,
    reminder_score,
    thank_you_notes,
    weeks,
)
from jobtracker.domain.insights_outcomes import (
    MICROSECONDS_A_DAY,
    Pipeline,
    Responses,
    median,
    pipeline,
    responses,
)
from jobtracker.store.instants import from_db_text, to_db_text

#: a thank-you counts when marked sent within this long after the interview ends
THANK_YOU_WITHIN = timedelta(hours=24)
DAY = timedelta(days=1)
HOUR = timedelta(hours=1)


class Period(NamedTuple):
    """Local days from ``since`` to ``until``, both included; None: open on that side."""

    since: date | None = None
    until: date | None = None

    def contains(self, day: date) -> bool:
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )

    @classmethod
    def last_days(cls, days: int, today: date) -> Period:
        return cls(today - timedelta(days=days - 1), today)


class Share(NamedTuple):
    """``hits`` of ``total``; ``value`` is None when there was nothing to count."""

    hits: int
    total: int

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def text(self) -> str:
        return "nothing to count" if self.value is None else f"{self.value:.0%} ({self})"

    def __str__(self) -> str:
        return f"{self.hits} of {self.total}"


class WeekPace(NamedTuple):
    start: date  # the Monday
    applications: int
    interviews: int
    followups: int
    met: bool


class Pace(NamedTuple):
    goal: int
    weeks: tuple[WeekPace, ...]
    #: consecutive weeks, back from the period's last, that met the goal (a week still
    #: under way that has not met it yet does not break the streak)
    streak: int

    def per_week(self, name: str) -> float:
        total: int = sum(getattr(w, name) for w in self.weeks)
        return total / len(self.weeks)

    @property
    def weeks_met(self) -> int:
        return sum(w.met for w in self.weeks)


class Miss(NamedTuple):
    """A follow-up not done in time: a thank-you, a no-reply follow-up or a check-in."""

    application_id: int
    company: str
    job_role: str
    kind: str  # "thank_you", or the reminder's rule key
    template_key: str
    due_at: datetime
    #: when it was done after all (late), None while still undone
    done_at: datetime | None = None


class FollowupScore(NamedTuple):
    thank_you: Share
    #: hours from an interview's end to its thank-you, over those sent
    thank_you_median_hours: float | None
    reminders: Share
    #: days follow-ups and check-ins were done after their due time (0 when early)
    reminder_median_delay_days: float | None
    missed: tuple[Miss, ...]


class Insights(NamedTuple):
    first_day: date
    last_day: date
    pipeline: Pipeline
    responses: Responses
    pace: Pace
    followups: FollowupScore
    #: the zone the days are read in (None: the system's); instants stay UTC
    zone: tzinfo | None


def compute(
    execute: Execute, period: Period, now: datetime, goal: int, tz: tzinfo | None
) -> Insights:
    """Every figure of ``period`` (open ends: the day of the first application, today),
    read through ``execute`` (run it in one transaction for one snapshot)."""
    today = to_local(now, tz).date()
    created = first_created(execute)
    first = period.since or (today if created is None else to_local(created, tz).date())
    last = period.until or today
    span = Span(first, last, local_days(execute, tz, now))
    found = outcomes(execute, span, now)
    return Insights(
        first,
        last,
        pipeline(found),
        responses(found),
        pace(found.sent_by_week, weeks(execute, span.days), span, today, goal),
        followup_score(execute, span, now, today),
        tz,
    )


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _by_day(counts: dict[str, int]) -> dict[date, int]:
    return {date.fromisoformat(day): count for day, count in counts.items()}


def pace(sent_by_week: dict[str, int], found: Weeks, span: Span, today: date, goal: int) -> Pace:
    """Applications sent, interviews held and follow-ups sent per week of ``span``."""
    sent, held = _by_day(sent_by_week), _by_day(found.interviews)
    reached = _by_day(found.outreach)
    weeks = []
    week = _monday(span.since)
    while week <= span.until:
        count = sent.get(week, 0)
        weeks.append(WeekPace(week, count, held.get(week, 0), reached.get(week, 0), count >= goal))
        week += 7 * DAY
    return Pace(goal, tuple(weeks), _streak(sent, _monday(span.until), today, goal))


def _streak(sent: dict[date, int], last_week: date, today: date, goal: int) -> int:
    week = last_week
    if sent.get(week, 0) < goal and week == _monday(today):
        week -= 7 * DAY  # this week is still under way
    streak = 0
    while sent.get(week, 0) >= goal:
        streak += 1
        week -= 7 * DAY
    return streak


def followup_score(execute: Execute, span: Span, now: datetime, today: date) -> FollowupScore:
    """Thank-yous within a day of each interview ended in ``span``; follow-ups and
    check-ins due in it done by their due day. What is not yet due is not counted."""
    missed: list[Miss] = []
    thank_you_hours: list[float] = []
    thanked = 0
    due_interviews = 0
    notes = thank_you_notes(execute)
    now_text = to_db_text(now)
    within = THANK_YOU_WITHIN // timedelta(minutes=1)
    for interview in interviews(execute, span, within):
        # each note thanks for one interview: the first one sent once it started
        waiting = notes.get(interview.application_id, [])
        while waiting and waiting[0] < interview.starts_at:
            waiting.pop(0)
        note = waiting.pop(0) if waiting else None
        if not interview.in_span:
            continue
        if note is not None:
            took = from_db_text(note) - from_db_text(interview.ends_at)
            thank_you_hours.append(max(0.0, took / HOUR))
        if note is not None and note <= interview.deadline:
            thanked += 1
        elif interview.deadline <= now_text:
            missed.append(Miss(interview.application_id, interview.company, interview.job_role,
                               "thank_you", THANK_YOU, from_db_text(interview.deadline),
                               None if note is None else from_db_text(note)))  # fmt: skip
        else:
            continue  # still time to send it
        due_interviews += 1
    score = reminder_score(execute, span, now, today)
    missed += [Miss(*row) for row in score.missed]
    delays = [max(0.0, delay / MICROSECONDS_A_DAY) for delay in score.delays]
    return FollowupScore(
        Share(thanked, due_interviews),
        median(thank_you_hours),
        Share(score.on_time, score.counted),
        median(delays),
        tuple(sorted(missed, key=lambda m: m.due_at)),
    )
