"""The follow-up rules: what reminders one application should have now.

Pure functions of an application's state, the settings, the clock and the working hours.
They read the stage's role, never its name; an interview makes its reminders wherever the
card stands (a search's stages are often a step behind); and a reason names only what was
logged: the day applied, an answer, an interview, the check-ins done.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache, partial
from typing import TYPE_CHECKING

from jobtracker.domain import stage_roles as roles
from jobtracker.domain.working_hours import WorkingHours
from jobtracker.text import counted

if TYPE_CHECKING:
    from jobtracker.domain.followup_settings import FollowupSettings

#: priorities: high reminders notify with normal urgency, low ones with low urgency
LOW, NORMAL, HIGH = 0, 1, 2

#: the template that answers each rule ("" when no draft does)
TEMPLATES = {
    "thank_you": "thank-you",
    "forgot_to_mention": "forgot-to-mention",
    "no_reply": "follow-up",
    "check_in": "check-in",
    "suggest_no_response": "",
    "prepare": "",
    "feedback_request": "feedback-request",
    "keep_in_mind": "keep-in-touch",
    "reconnect": "keep-in-touch",
    "offer_deadline": "",
    "apply_deadline": "",
}


@dataclass(frozen=True, slots=True)
class InterviewState:
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True, slots=True)
class ApplicationState:
    """What the rules read about one application."""

    id: int
    company: str
    #: the stage's role (stage_roles); "" for a custom stage, which gets the generic rules
    role: str
    closed: bool
    stage_entered_at: datetime
    applied_at: datetime | None = None
    deadline: date | None = None
    inactive: bool = False  # archived or in the trash
    interviews: tuple[InterviewState, ...] = ()
    #: instants they answered or the card moved on, with the activity kind (heard_back,
    #: stage_changed)
    answers: tuple[tuple[datetime, str], ...] = ()
    #: instants the candidate reached out: calls and drafts sent, with the template key
    outreach: tuple[tuple[datetime, str], ...] = ()
    #: the anchors of the check-in reminders marked done (sent or ticked off)
    check_ins_done: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Wanted:
    """A reminder the rules want to exist, keyed by (application, rule, anchor)."""

    application_id: int
    rule_key: str
    anchor: str
    reason: str
    priority: int
    due_at: datetime

    @property
    def key(self) -> tuple[int, str, str]:
        return (self.application_id, self.rule_key, self.anchor)

    @property
    def template_key(self) -> str:
        return TEMPLATES[self.rule_key]


@dataclass(frozen=True, slots=True)
class _Context:
    """The settings and the clock every rule reads, for one recompute."""

    s: FollowupSettings
    now: datetime
    #: the working hours in the local zone, which convert each distinct moment once
    hours: WorkingHours
    morning: time
    #: a recompute's applications share their days: each distinct one worked out once,
    #: the day's text (see _day) and the check-in moments from a last sign of life
    days: dict[datetime, str] = field(default_factory=dict)
    check_ins: dict[datetime, tuple[datetime, ...]] = field(default_factory=dict)


def rules_for(
    s: FollowupSettings, now: datetime, tz: tzinfo | None
) -> Callable[[ApplicationState], list[Wanted]]:
    """The rules for one recompute: ``rules_for(...)(app)`` is every reminder that should
    exist for ``app`` now (what is missing gets cancelled). The settings are read and the
    zone's conversions kept for this recompute alone (see WorkingHours)."""
    hours, morning = _read(s)
    local_hours = WorkingHours(hours.start, hours.end, hours.days, tz)
    return partial(_wanted, context=_Context(s, now, local_hours, morning))


@lru_cache(maxsize=8)
def _read(s: FollowupSettings) -> tuple[WorkingHours, time]:
    """The working hours (the days and times, in no zone yet) and the morning, read once
    per settings: every write recomputes."""
    return s.working_hours(None), s.clock_time("morning")


def wanted_reminders(
    app: ApplicationState, s: FollowupSettings, now: datetime, tz: tzinfo | None
) -> list[Wanted]:
    """Every reminder that should exist for ``app`` now (one application's recompute)."""
    return rules_for(s, now, tz)(app)


def _wanted(app: ApplicationState, context: _Context) -> list[Wanted]:
    if app.inactive:
        return []
    if app.closed:
        return _closed_rules(app, context)
    wanted: list[Wanted] = []
    if app.deadline is not None and app.role in (roles.WISHLIST, roles.OFFER):
        wanted.append(_deadline_rule(app, app.deadline, context))
    for interview in app.interviews:
        wanted.extend(_interview_rules(app, interview, context))
    if app.role not in (roles.WISHLIST, roles.OFFER):
        wanted.extend(_check_in_rules(app, context))
    return wanted


def _want(
    app: ApplicationState, rule: str, anchor: str, reason: str, priority: int, due: datetime
) -> Wanted:
    return Wanted(app.id, rule, anchor, reason, priority, due)


def _in_sentence(title: str) -> str:
    """ "First interview" as it reads mid-sentence ("the first interview"); "HR call" kept."""
    if title[:1].isupper() and not title[1:2].isupper():
        return title[0].lower() + title[1:]
    return title


def _short(instant: datetime, c: _Context) -> str:
    return c.hours.local(instant).strftime("%a %d %b %H:%M")


def _day(instant: datetime, c: _Context) -> str:
    key = instant.astimezone(UTC)  # equal instants of one other zone may differ by fold
    text = c.days.get(key)
    if text is None:
        text = c.days[key] = c.hours.local(instant).strftime("%a %d %b")
    return text


def _deadline_rule(app: ApplicationState, deadline: date, c: _Context) -> Wanted:
    """A morning some days before a deadline (to apply, or to answer an offer), on a working
    day: the one before when that day is not."""
    day = deadline - timedelta(days=c.s.offer_deadline_days)
    due = c.hours.morning_on_or_before(day, c.morning)
    if app.role == roles.WISHLIST:
        reason = f"The deadline to apply to {app.company} is {deadline:%a %d %b}."
        return _want(app, "apply_deadline", deadline.isoformat(), reason, NORMAL, due)
    reason = (
        f"The offer from {app.company} has a deadline on {deadline:%a %d %b}: "
        "decide, or ask for more time."
    )
    return _want(app, "offer_deadline", deadline.isoformat(), reason, HIGH, due)


def _thank_you_due(ends_at: datetime, c: _Context) -> datetime:
    """Soon after the interview when that is in working hours and before the cutoff, else
    the next working morning."""
    if c.hours.local(ends_at).time() > c.s.clock_time("thank_you_cutoff"):
        return c.hours.next_morning(ends_at, c.morning)
    soon = ends_at + timedelta(minutes=c.s.thank_you_delay_minutes)
    if c.hours.is_working(soon):
        return soon
    return c.hours.forward(soon)


def _interview_rules(app: ApplicationState, interview: InterviewState, c: _Context) -> list[Wanted]:
    anchor = f"interview:{interview.id}"
    title = _in_sentence(interview.title or "interview")
    when = _short(interview.starts_at, c)
    due = _thank_you_due(interview.ends_at, c)
    wanted = [
        _want(app, "thank_you", anchor,
              f"Send {app.company} a thank-you note for the {title} ({when}).", HIGH, due),
        _want(app, "forgot_to_mention", anchor,
              f"Anything you forgot to mention in the {title} with {app.company}? "
              "Add it in a short note.", LOW, due),
    ]  # fmt: skip
    if interview.starts_at > c.now:
        day_before = c.hours.local(interview.starts_at).date() - timedelta(days=1)
        evening = c.hours.at(c.hours.working_day_from(day_before, -1),
                             c.s.clock_time("prepare_evening"))  # fmt: skip
        reason = f"{title[:1].upper()}{title[1:]} with {app.company} on {when}: prepare for it."
        wanted.append(_want(app, "prepare", anchor, reason, HIGH, evening))
    since = interview.ends_at
    moved_on = (
        any(at > since for at, _ in app.answers)
        or any(at > since for at, _ in app.outreach)
        or any(other.starts_at >= since for other in app.interviews if other.id != interview.id)
    )
    if not moved_on:
        hours = c.s.no_reply_hours
        reason = (
            f"No word from {app.company} {hours} hours after the {title} ({when}): "
            "call or email to follow up."
        )
        due = c.hours.forward(since + timedelta(hours=hours))
        wanted.append(_want(app, "no_reply", anchor, reason, HIGH, due))
    return wanted


def _last_sign(app: ApplicationState, c: _Context) -> tuple[datetime, str]:
    """The last logged sign of life and how it reads ("you applied on Tue 03 Mar")."""
    signs = [(app.applied_at or app.stage_entered_at,
              "you applied" if app.applied_at else "the card entered its stage")]  # fmt: skip
    signs += [(at, _ANSWER_WORDS.get(kind, "the card last moved")) for at, kind in app.answers]
    signs += [(i.ends_at, "your interview") for i in app.interviews]
    signs += [
        (at, "you last wrote or called")
        for at, template in app.outreach
        if template != TEMPLATES["check_in"]
    ]
    at, what = max(signs, key=lambda sign: sign[0])
    return at, f"{what} on {_day(at, c)}"


#: how an answer reads as the last sign of life
_ANSWER_WORDS = {"heard_back": "they last answered", "stage_changed": "the card last moved"}


def _check_in_rules(app: ApplicationState, c: _Context) -> list[Wanted]:
    """Check-in moments every few days from the last sign of life, capped, then "move to
    No response?", each on a working morning.

    Never nagging: once a moment falls due, the one before it is superseded (cancelled
    unless done), so an application has at most one check-in waiting. The reasons count
    only the check-ins marked done since that sign of life.
    """
    if any(i.starts_at > c.now for i in app.interviews):
        return []  # a next interview is planned: nothing to chase
    base, sign = _last_sign(app, c)
    utc_base = base.astimezone(UTC)
    cap = c.s.check_in_cap
    dues = c.check_ins.get(utc_base)
    if dues is None:
        step = timedelta(days=c.s.check_in_days)
        dues = c.check_ins[utc_base] = tuple(
            c.hours.morning_on_or_after(base + step * n, c.morning) for n in range(1, cap + 2)
        )
    # the moments fall in order, so those kept are the last one and any whose next is to come
    first = next((n for n, later in enumerate(dues[1:]) if later > c.now), cap)
    anchor = f"since:{utc_base.isoformat(timespec='seconds')}"
    done = sum(1 for key in app.check_ins_done if key.startswith(f"{anchor}#"))
    after = f", after {counted(done, 'check-in')} you made" if done else ""
    since = f"No answer from {app.company} since {sign}{after}"
    wanted = [
        _want(app, "check_in", f"{anchor}#{n + 1}", f"{since}: check in, briefly and kindly.",
              NORMAL, dues[n])
        for n in range(first, cap)
    ]  # fmt: skip
    reason = f"{since}: move the card to No response?"
    wanted.append(_want(app, "suggest_no_response", anchor, reason, NORMAL, dues[cap]))
    return wanted


def _closed_rules(app: ApplicationState, c: _Context) -> list[Wanted]:
    """After a rejection, ask for feedback and to be kept in mind; after any outcome but an
    accepted offer, reconnect weeks later."""
    if app.role == roles.ACCEPTED:
        return []
    anchor = f"closed:{app.stage_entered_at.astimezone(UTC).isoformat(timespec='seconds')}"
    wanted = []
    if app.role == roles.REJECTED:
        due = c.hours.forward(app.stage_entered_at + timedelta(hours=c.s.feedback_delay_hours))
        wanted.append(_want(app, "feedback_request", anchor,
                            f"{app.company} said no: ask what you could improve.", NORMAL,
                            due))  # fmt: skip
        wanted.append(_want(app, "keep_in_mind", anchor,
                            f"Ask {app.company} to keep you in mind for future openings.",
                            LOW, due))  # fmt: skip
    days = c.s.keep_in_touch_days
    due = c.hours.morning_on_or_after(app.stage_entered_at + timedelta(days=days), c.morning)
    reason = f"{days} days since {app.company} closed: reconnect and keep in touch."
    wanted.append(_want(app, "reconnect", anchor, reason, LOW, due))
    return wanted
