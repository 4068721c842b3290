"""Where the search stands over a period: pipeline, responses, pace and the follow-up
discipline.

Pure functions of a :class:`~jobtracker.domain.insights_facts.SearchFacts` snapshot, the
period and "now", in local days (``tz``; None: the system's zone). A figure with nothing to
measure is ``None``, never a division by zero; the views say so in words.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from statistics import median

from jobtracker.domain.clock import to_local
from jobtracker.domain.insights_facts import InterviewFact, SearchFacts
from jobtracker.domain.insights_outcomes import (
    Outcome,
    Pipeline,
    Responses,
    days_between,
    end_of,
    first_answer,
    furthest_step,
    pipeline,
    responses,
    sent_at,
)

#: the template a thank-you note is written from
THANK_YOU = "thank-you"
#: a thank-you counts when marked sent within this long after the interview ends
THANK_YOU_WITHIN = timedelta(hours=24)
DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Period:
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


@dataclass(frozen=True, slots=True)
class Share:
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


@dataclass(frozen=True, slots=True)
class WeekPace:
    start: date  # the Monday
    applications: int
    interviews: int
    followups: int
    met: bool


@dataclass(frozen=True, slots=True)
class Pace:
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


@dataclass(frozen=True, slots=True)
class Miss:
    """A follow-up not done in time: a thank-you, a no-reply follow-up or a check-in."""

    application_id: int
    company: str
    job_role: str
    kind: str  # "thank_you", or the reminder's rule key
    template_key: str
    due_at: datetime
    #: when it was done after all (late), None while still undone
    done_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class FollowupScore:
    thank_you: Share
    #: hours from an interview's end to its thank-you, over those sent
    thank_you_median_hours: float | None
    reminders: Share
    #: days follow-ups and check-ins were done after their due time (0 when early)
    reminder_median_delay_days: float | None
    missed: tuple[Miss, ...]


@dataclass(frozen=True, slots=True)
class Insights:
    first_day: date
    last_day: date
    pipeline: Pipeline
    responses: Responses
    pace: Pace
    followups: FollowupScore


def compute(
    facts: SearchFacts, period: Period, now: datetime, goal: int, tz: tzinfo | None
) -> Insights:
    """Every figure of ``period`` (open ends: the first fact, today)."""
    today = to_local(now, tz).date()
    first = period.since or min(
        (to_local(a.created_at, tz).date() for a in facts.applications.values()), default=today
    )
    last = period.until or today
    bounded = Period(first, last)
    sent = outcomes(facts, bounded, now, tz)
    return Insights(
        first,
        last,
        pipeline(sent),
        responses(sent),
        pace(facts, bounded, today, goal, tz),
        followup_score(facts, bounded, now, tz),
    )


def outcomes(facts: SearchFacts, period: Period, now: datetime, tz: tzinfo | None) -> list[Outcome]:
    """The applications sent in ``period``, with how each one fared by ``now``."""
    by_app: dict[int, list[InterviewFact]] = {}
    for interview in facts.interviews:
        by_app.setdefault(interview.application_id, []).append(interview)
    found = []
    for app in facts.applications.values():
        sent = sent_at(app, facts.stages)
        if sent is None or not period.contains(to_local(sent, tz).date()):
            continue
        interviews = by_app.get(app.id, [])
        days = days_between(sent, first_answer(app, facts.stages, interviews, now))
        step = furthest_step(app, facts.stages, interviews, now)
        found.append(Outcome(app, sent, days, step, end_of(app, facts.stages)))
    return found


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _count_by_week(instants: Iterable[datetime], tz: tzinfo | None) -> dict[date, int]:
    counts: dict[date, int] = {}
    for instant in instants:
        week = _monday(to_local(instant, tz).date())
        counts[week] = counts.get(week, 0) + 1
    return counts


def pace(facts: SearchFacts, period: Period, today: date, goal: int, tz: tzinfo | None) -> Pace:
    """Applications sent, interviews held and follow-ups sent per week of ``period``."""
    assert period.since is not None and period.until is not None
    sent = _count_by_week(
        (at for app in facts.applications.values() if (at := sent_at(app, facts.stages))), tz
    )
    held = _count_by_week((i.starts_at for i in facts.interviews), tz)
    reached = _count_by_week((o.at for o in facts.outreach), tz)
    weeks = []
    week = _monday(period.since)
    while week <= period.until:
        count = sent.get(week, 0)
        weeks.append(WeekPace(week, count, held.get(week, 0), reached.get(week, 0), count >= goal))
        week += 7 * DAY
    return Pace(goal, tuple(weeks), _streak(sent, _monday(period.until), today, goal))


def _streak(sent: dict[date, int], last_week: date, today: date, goal: int) -> int:
    week = last_week
    if sent.get(week, 0) < goal and week == _monday(today):
        week -= 7 * DAY  # this week is still under way
    streak = 0
    while sent.get(week, 0) >= goal:
        streak += 1
        week -= 7 * DAY
    return streak


def followup_score(
    facts: SearchFacts, period: Period, now: datetime, tz: tzinfo | None
) -> FollowupScore:
    """Thank-yous within a day of each interview ended in ``period``; follow-ups and
    check-ins due in it done by their due day. What is not yet due is not counted."""
    missed: list[Miss] = []
    thank_you_hours: list[float] = []
    thanked = 0
    due_interviews = 0
    notes: dict[int, list[datetime]] = {}
    for sent in sorted(o for o in facts.outreach if o.template_key == THANK_YOU):
        notes.setdefault(sent.application_id, []).append(sent.at)
    for interview in sorted(facts.interviews, key=lambda i: i.starts_at):
        # each note thanks for one interview: the first one sent once it started
        waiting = notes.get(interview.application_id, [])
        while waiting and waiting[0] < interview.starts_at:
            waiting.pop(0)
        note = waiting.pop(0) if waiting else None
        if not period.contains(to_local(interview.ends_at, tz).date()):
            continue
        deadline = interview.ends_at + THANK_YOU_WITHIN
        if note is not None:
            thank_you_hours.append(max(0.0, (note - interview.ends_at) / timedelta(hours=1)))
        if note is not None and note <= deadline:
            thanked += 1
        elif deadline <= now:
            app = facts.applications[interview.application_id]
            missed.append(Miss(app.id, app.company, app.job_role, "thank_you", THANK_YOU,
                               deadline, note))  # fmt: skip
        else:
            continue  # still time to send it
        due_interviews += 1
    on_time = 0
    counted = 0
    delays: list[float] = []
    for reminder in facts.reminders:
        due_day = to_local(reminder.due_at, tz).date()
        if reminder.due_at > now or not period.contains(due_day):
            continue
        done = reminder.done_at
        if done is not None:
            delays.append(max(0.0, (done - reminder.due_at) / DAY))
        if done is not None and to_local(done, tz).date() <= due_day:
            on_time += 1
        elif done is None and due_day == to_local(now, tz).date():
            continue  # due today: still time
        else:
            app = facts.applications[reminder.application_id]
            missed.append(Miss(app.id, app.company, app.job_role, reminder.rule_key,
                               reminder.template_key, reminder.due_at, done))  # fmt: skip
        counted += 1
    return FollowupScore(
        Share(thanked, due_interviews),
        _median(thank_you_hours),
        Share(on_time, counted),
        _median(delays),
        tuple(sorted(missed, key=lambda m: m.due_at)),
    )


def _median(values: Sequence[float]) -> float | None:
    return median(values) if values else None
