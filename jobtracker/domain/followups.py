"""Follow-up rules: the state of each application and the clock become Reminder rows.

Rules are pure functions of an application's state (:func:`wanted_reminders`); the service
loads that state, asks the rules what should exist and makes the table match: new reminders
are added, changed ones updated, pointless ones cancelled (dismissed), and done ones kept as
they are. Recomputing is idempotent: the unique (application, rule_key, anchor) index and
the upsert below never make a duplicate.

Every delay, cap and hour is a setting (:class:`FollowupSettings`, JSON under
``followups``). Wall-clock rules (17:00, 09:00, the evening before) use a local time zone
that tests inject (``FollowupService.tz``), so they hold across DST changes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any, NamedTuple

from jobtracker.domain import stage_roles as roles
from jobtracker.domain.clock import SYSTEM_CLOCK, Clock, at_local, to_local
from jobtracker.domain.errors import ValidationError
from jobtracker.domain.settings import SettingsService
from jobtracker.store.instants import from_db_text, to_db_text
from jobtracker.store.models import (
    Reminder,
    database,
)

SETTINGS_KEY = "followups"
#: the rules, settings and time of the last catch-up (see FollowupService.catch_up)
CHECKED_KEY = "followups/checked"

#: bumped whenever the rules change, so stored reminders are recomputed once at the start
RULES_VERSION = 2

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

#: a notification's summary per rule
SUMMARIES = {
    "thank_you": "Thank {company} for the interview",
    "forgot_to_mention": "Anything you forgot to tell {company}?",
    "no_reply": "Follow up with {company}",
    "check_in": "Check in with {company}",
    "suggest_no_response": "Close {company} as no response?",
    "prepare": "Prepare for the interview at {company}",
    "feedback_request": "Ask {company} for feedback",
    "keep_in_mind": "Ask {company} to keep you in mind",
    "reconnect": "Keep in touch with {company}",
    "offer_deadline": "The offer from {company} expires soon",
    "apply_deadline": "Apply to {company} before the deadline",
}


def summary_for(rule_key: str, company: str) -> str:
    return SUMMARIES.get(rule_key, "Reminder about {company}").format(company=company)


# -- settings --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SettingSpec:
    """How the settings dialog shows one field: label, unit and allowed range."""

    name: str
    label: str
    unit: str = ""
    low: int = 0
    high: int = 0


@dataclass(frozen=True, slots=True)
class FollowupSettings:
    """Every delay, cap and hour of the follow-up rules, the quiet hours and notifications."""

    thank_you_delay_minutes: int = 30
    thank_you_cutoff: str = "17:00"
    morning: str = "09:00"
    no_reply_hours: int = 48
    check_in_days: int = 7
    check_in_cap: int = 2
    prepare_evening: str = "18:00"
    feedback_delay_hours: int = 24
    keep_in_touch_days: int = 60
    offer_deadline_days: int = 2
    snooze_days: int = 1
    quiet_hours: bool = True
    quiet_start: str = "21:00"
    quiet_end: str = "08:00"
    notifications: bool = True
    keep_running_in_tray: bool = True
    #: more due reminders than this at once are shown as one grouped notification
    group_above: int = 3

    def clock_time(self, name: str) -> time:
        return parse_clock_time(name, getattr(self, name))


#: the fields a settings dialog edits, in order (booleans and times are self-explaining)
SETTING_SPECS = (
    SettingSpec("thank_you_delay_minutes", "Thank-you note due after the interview", "min", 0, 720),
    SettingSpec("thank_you_cutoff", "Interviews ending after this get it next morning"),
    SettingSpec("morning", "Morning reminders at"),
    SettingSpec("no_reply_hours", "Follow up when no reply after", "hours", 1, 720),
    SettingSpec("check_in_days", "Check in every", "days", 1, 90),
    SettingSpec("check_in_cap", "Check-ins before suggesting No response", "", 0, 10),
    SettingSpec("prepare_evening", "Interview preparation the evening before at"),
    SettingSpec("feedback_delay_hours", "Feedback request after a rejection", "hours", 0, 720),
    SettingSpec("keep_in_touch_days", "Keep in touch after closing", "days", 1, 730),
    SettingSpec("offer_deadline_days", "Offer deadline reminder before", "days", 0, 30),
    SettingSpec("snooze_days", "Snooze for", "days", 1, 30),
    SettingSpec("quiet_hours", "Quiet hours (notifications wait until they end)"),
    SettingSpec("quiet_start", "Quiet hours start"),
    SettingSpec("quiet_end", "Quiet hours end"),
    SettingSpec("notifications", "Desktop notifications"),
    SettingSpec("keep_running_in_tray", "Keep running in the tray when the window closes"),
    SettingSpec("group_above", "Group notifications when more than", "", 1, 50),
)


def parse_clock_time(name: str, value: object) -> time:
    """ "HH:MM" as a time; a ValidationError naming the setting otherwise."""
    try:
        hours, minutes = str(value).split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise ValidationError(name, f"{value!r} is not a time like 17:00") from None


def clean_settings(values: dict[str, Any]) -> FollowupSettings:
    """Validate changed settings over the defaults; raises ValidationError naming the field."""
    specs = {spec.name: spec for spec in SETTING_SPECS}
    defaults = FollowupSettings()
    cleaned: dict[str, Any] = {}
    for name, value in values.items():
        if name not in specs:
            raise ValidationError(name, "is not a follow-up setting")
        default = getattr(defaults, name)
        if isinstance(default, bool):
            if not isinstance(value, bool):
                raise ValidationError(name, "must be true or false")
        elif isinstance(default, int):
            spec = specs[name]
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValidationError(
                    name, f"must be a whole number from {spec.low} to {spec.high}"
                )
            if not spec.low <= value <= spec.high:
                raise ValidationError(name, f"must be from {spec.low} to {spec.high}, not {value}")
        else:
            value = parse_clock_time(name, value).strftime("%H:%M")
        cleaned[name] = value
    return replace(defaults, **cleaned)


def load_settings(settings: SettingsService) -> FollowupSettings:
    """The stored settings; a stored value that no longer validates falls back to default."""
    stored = settings.get(SETTINGS_KEY, {})
    if not isinstance(stored, dict):
        stored = {}  # written by something else: the defaults keep the rules working
    known = {f.name for f in fields(FollowupSettings)}
    values: dict[str, Any] = {}
    for name, value in stored.items():
        if name in known:
            try:
                clean_settings({name: value})
            except ValidationError:
                continue
            values[name] = value
    return clean_settings(values)


def save_settings(settings: SettingsService, changes: dict[str, Any]) -> FollowupSettings:
    """Validate and store ``changes`` (other settings keep their values)."""
    merged = {**asdict(load_settings(settings)), **changes}
    cleaned = clean_settings(merged)
    defaults = asdict(FollowupSettings())
    settings.set(SETTINGS_KEY, {k: v for k, v in asdict(cleaned).items() if v != defaults[k]})
    return cleaned


# -- how reasons read ------------------------------------------------------------------------


def _in_sentence(title: str) -> str:
    """ "First interview" as it reads mid-sentence ("the first interview"); "HR call" kept."""
    if title[:1].isupper() and not title[1:2].isupper():
        return title[0].lower() + title[1:]
    return title


def _short(instant: datetime, tz: tzinfo | None) -> str:
    return to_local(instant, tz).strftime("%a %d %b %H:%M")


# -- the rules -------------------------------------------------------------------------------


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
    #: instants they answered or the card moved on: heard_back and stage_changed
    answers: tuple[datetime, ...] = ()
    #: instants the candidate reached out: calls and drafts sent, with the template key
    outreach: tuple[tuple[datetime, str], ...] = field(default=())


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


def wanted_reminders(
    app: ApplicationState, s: FollowupSettings, now: datetime, tz: tzinfo | None
) -> list[Wanted]:
    """Every reminder that should exist for ``app`` now; what is missing gets cancelled."""
    if app.inactive:
        return []
    if app.closed:
        return _closed_rules(app, s)
    wanted: list[Wanted] = []
    if app.role == roles.WISHLIST:
        if app.deadline is not None:
            due = at_local(
                app.deadline - timedelta(days=s.offer_deadline_days), s.clock_time("morning"), tz
            )
            reason = f"The deadline to apply to {app.company} is {app.deadline:%a %d %b}."
            wanted.append(
                _want(app, "apply_deadline", app.deadline.isoformat(), reason, NORMAL, due)
            )
        return wanted
    if app.role == roles.OFFER and app.deadline is not None:
        due = at_local(
            app.deadline - timedelta(days=s.offer_deadline_days), s.clock_time("morning"), tz
        )
        reason = (
            f"The offer from {app.company} has a deadline on {app.deadline:%a %d %b}: "
            "decide, or ask for more time."
        )
        wanted.append(_want(app, "offer_deadline", app.deadline.isoformat(), reason, HIGH, due))
    for interview in app.interviews:
        wanted.extend(_interview_rules(app, interview, s, now, tz))
    if app.role != roles.OFFER:
        wanted.extend(_check_in_rules(app, s, now))
    return wanted


def _want(
    app: ApplicationState, rule: str, anchor: str, reason: str, priority: int, due: datetime
) -> Wanted:
    return Wanted(app.id, rule, anchor, reason, priority, due)


def _thank_you_due(ends_at: datetime, s: FollowupSettings, tz: tzinfo | None) -> datetime:
    """Same day, or the next morning for an interview ending after the cutoff."""
    local_end = to_local(ends_at, tz)
    if local_end.time() > s.clock_time("thank_you_cutoff"):
        return at_local(local_end.date() + timedelta(days=1), s.clock_time("morning"), tz)
    return ends_at + timedelta(minutes=s.thank_you_delay_minutes)


def _interview_rules(
    app: ApplicationState,
    interview: InterviewState,
    s: FollowupSettings,
    now: datetime,
    tz: tzinfo | None,
) -> list[Wanted]:
    anchor = f"interview:{interview.id}"
    title = _in_sentence(interview.title or "interview")
    when = _short(interview.starts_at, tz)
    due = _thank_you_due(interview.ends_at, s, tz)
    wanted = [
        _want(app, "thank_you", anchor,
              f"Send {app.company} a thank-you note for the {title} ({when}).", HIGH, due),
        _want(app, "forgot_to_mention", anchor,
              f"Anything you forgot to mention in the {title} with {app.company}? "
              "Add it in a short note.", LOW, due),
    ]  # fmt: skip
    if interview.starts_at > now:
        evening = at_local(
            to_local(interview.starts_at, tz).date() - timedelta(days=1),
            s.clock_time("prepare_evening"),
            tz,
        )
        reason = f"{title[:1].upper()}{title[1:]} with {app.company} on {when}: prepare for it."
        wanted.append(_want(app, "prepare", anchor, reason, HIGH, evening))
    since = interview.ends_at
    moved_on = (
        any(at > since for at in app.answers)
        or any(at > since for at, _ in app.outreach)
        or any(other.starts_at >= since for other in app.interviews if other.id != interview.id)
    )
    if not moved_on:
        hours = s.no_reply_hours
        reason = (
            f"No word from {app.company} {hours} hours after the {title} ({when}): "
            "call or email to follow up."
        )
        wanted.append(_want(app, "no_reply", anchor, reason, HIGH, since + timedelta(hours=hours)))
    return wanted


def _check_in_rules(app: ApplicationState, s: FollowupSettings, now: datetime) -> list[Wanted]:
    """Weekly check-ins from the last sign of life, capped, then "move to No response?".

    Never nagging: once a step falls due, the one before it is superseded (cancelled unless
    done), so an application has at most one check-in waiting.
    """
    if any(i.starts_at > now for i in app.interviews):
        return []  # a next interview is planned: nothing to chase
    signs = [app.applied_at or app.stage_entered_at, *app.answers]
    signs += [i.ends_at for i in app.interviews]
    signs += [at for at, template in app.outreach if template != TEMPLATES["check_in"]]
    base = max(signs)
    anchor = f"since:{base.astimezone(UTC).isoformat(timespec='seconds')}"
    step = timedelta(days=s.check_in_days)
    wanted = []
    for number in range(1, s.check_in_cap + 1):
        days = s.check_in_days * number
        reason = (
            f"No answer from {app.company} for {days} days: check in "
            f"({number} of {s.check_in_cap}), briefly and kindly."
        )
        wanted.append(
            _want(app, "check_in", f"{anchor}#{number}", reason, NORMAL, base + step * number)
        )
    days = s.check_in_days * (s.check_in_cap + 1)
    reason = (
        f"No answer from {app.company} for {days} days after {s.check_in_cap} check-ins: "
        "move the card to No response?"
    )
    due = base + step * (s.check_in_cap + 1)
    wanted.append(_want(app, "suggest_no_response", anchor, reason, NORMAL, due))
    return [w for w, later in zip(wanted, [*wanted[1:], None], strict=True)
            if later is None or later.due_at > now]  # fmt: skip


def _closed_rules(app: ApplicationState, s: FollowupSettings) -> list[Wanted]:
    anchor = f"closed:{app.stage_entered_at.astimezone(UTC).isoformat(timespec='seconds')}"
    wanted = []
    if app.role == roles.REJECTED:
        due = app.stage_entered_at + timedelta(hours=s.feedback_delay_hours)
        wanted.append(
            _want(
                app,
                "feedback_request",
                anchor,
                f"{app.company} said no: ask what you could improve.",
                NORMAL,
                due,
            )
        )
        wanted.append(_want(app, "keep_in_mind", anchor,
                            f"Ask {app.company} to keep you in mind for future openings.",
                            LOW, due))  # fmt: skip
    days = s.keep_in_touch_days
    due = app.stage_entered_at + timedelta(days=days)
    reason = f"{days} days since {app.company} closed: reconnect and keep in touch."
    wanted.append(_want(app, "reconnect", anchor, reason, LOW, due))
    return wanted


# -- the service -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RecomputeResult:
    created: int = 0
    updated: int = 0
    cancelled: int = 0


class FollowupService:
    """Keeps the Reminder table in step with the rules.

    ``tz`` is the local zone for wall-clock rules (None: the system's); tests set it.
    """

    def __init__(
        self, settings: SettingsService, clock: Clock = SYSTEM_CLOCK, tz: tzinfo | None = None
    ) -> None:
        self.settings_service = settings
        self.clock = clock
        self.tz = tz
        #: when this session last caught up (stored UTC text), see :meth:`catch_up`
        self._caught_up_at = ""

    def settings(self) -> FollowupSettings:
        return load_settings(self.settings_service)

    def save_settings(self, **changes: Any) -> FollowupSettings:
        """Store changed settings and recompute every reminder with them."""
        saved = save_settings(self.settings_service, changes)
        self.recompute()
        return saved

    def recompute(self, application_ids: Iterable[int] | None = None) -> RecomputeResult:
        """Make the stored reminders of these applications (all when None) match the rules."""
        ids = None if application_ids is None else sorted(set(application_ids))
        if ids == []:
            return RecomputeResult()
        now = self.clock.now()
        rules = self.settings()
        with database.atomic():
            wanted = {
                w.key: w
                for state in load_states(ids)
                for w in wanted_reminders(state, rules, now, self.tz)
            }
            return _sync(wanted, ids, now)

    def catch_up(self) -> RecomputeResult:
        """Bring the reminders up to now after a pause (a start, a timer, coming back to the
        app), doing work in proportion to what changed.

        Every write already recomputed its applications (:meth:`after_write`), so between
        checks only time changes what the rules want: an interview that has begun, a
        check-in step that has fallen due. Only those applications are recomputed. All are,
        once, when the rules (RULES_VERSION) or the settings differ from those of the last
        check, or no check is on record (a file from an older version).

        The check is recorded in the file only when it changed something (a check that
        changed nothing writes nothing, so it does not count as a change to back up); within
        a session the last check is remembered here."""
        now = to_db_text(self.clock.now())
        last = self.settings_service.get(CHECKED_KEY)
        stamp = {"rules": RULES_VERSION, "settings": self.settings_service.get(SETTINGS_KEY, {})}
        owed = not isinstance(last, dict) or {k: last.get(k) for k in stamp} != stamp
        since = "" if owed or not isinstance(last, dict) else str(last.get("at", ""))
        since = max(since, self._caught_up_at) if since else ""
        with database.atomic():
            if not since or since > now:  # owed, or the clock went back: all, once
                result = self.recompute()
            else:
                result = self.recompute(_changed_by_time(since, now))
            if owed or result != RecomputeResult():
                self.settings_service.set(CHECKED_KEY, {**stamp, "at": now})
        self._caught_up_at = now
        return result

    def after_write(self, application_ids: Sequence[int]) -> None:
        """The domain's write hook: services call it with the applications they touched."""
        self.recompute(application_ids)


def _changed_by_time(since: str, now: str) -> list[int]:
    """The applications where time alone changed what the rules want since ``since`` (stored
    UTC text): an interview began, or a reminder fell due (the step after it may supersede
    it). Read by SQLite, not by loading every application."""
    rows = database.execute_sql(
        'SELECT "application_id" FROM "interview" WHERE "starts_at" > ? AND "starts_at" <= ? '
        'UNION SELECT "application_id" FROM "reminder" WHERE "due_at" > ? AND "due_at" <= ?',
        (since, now) * 2,
    ).fetchall()
    return [application_id for (application_id,) in rows]


class _Stored(NamedTuple):
    """The columns of a stored reminder that a recompute compares, as plain SQL gives them."""

    id: int
    application_id: int
    rule_key: str
    anchor: str
    done: int
    dismissed: int
    due_text: str
    reason: str
    template_key: str
    priority: int


def _stored(ids: list[int] | None) -> list[_Stored]:
    """The stored reminders of these applications (all when None). Plain SQL: a full
    recompute reads every reminder (15,000 at 10,000 cards), and building peewee models of
    them took two thirds of its time."""
    rows = _rows(
        'SELECT "id", "application_id", "rule_key", "anchor", "done_at" IS NOT NULL, '
        '"dismissed_at" IS NOT NULL, "due_at", "reason", "template_key", "priority" '
        'FROM "reminder"',
        ids,
        '"application_id"',
    )
    return list(map(_Stored._make, rows))


def _rows(sql: str, ids: list[int] | None, column: str, *conditions: str) -> list[tuple[Any, ...]]:
    """The rows of ``sql`` that meet ``conditions`` and belong to the applications ``ids``
    (all when None), whose id is in ``column``."""
    where = list(conditions)
    if ids is not None:
        where.append(f"{column} IN ({', '.join('?' * len(ids))})")
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    rows: list[tuple[Any, ...]] = database.execute_sql(f"{sql} {clause}", ids or []).fetchall()
    return rows


def _sync(
    wanted: dict[tuple[int, str, str], Wanted], ids: list[int] | None, now: datetime
) -> RecomputeResult:
    """Upsert wanted rows, cancel the pointless ones; done rows are never touched. New and
    cancelled reminders are written in batches (an import brings thousands at once)."""
    updated = 0
    seen = set()
    cancel: list[int] = []
    for row in _stored(ids):
        key = (row.application_id, row.rule_key, row.anchor)
        seen.add(key)
        want = wanted.get(key)
        if row.done:
            continue
        if want is None:
            if not row.dismissed:
                cancel.append(row.id)
            continue
        changes = _changes(row, want)
        if changes:
            Reminder.update(changes).where(Reminder.id == row.id).execute()
            updated += 1
    for start in range(0, len(cancel), BATCH):
        batch = cancel[start : start + BATCH]
        Reminder.update(dismissed_at=now).where(Reminder.id.in_(batch)).execute()
    new = [
        (w.application_id, w.rule_key, w.anchor, w.reason, w.template_key, w.priority,
         to_db_text(w.due_at))
        for key, w in wanted.items()
        if key not in seen
    ]  # fmt: skip
    database.cursor().executemany(_INSERT_REMINDER, new)
    return RecomputeResult(len(new), updated, len(cancel))


#: rows per statement where ids are listed (well under SQLite's limit on parameters)
BATCH = 500
_INSERT_REMINDER = (
    'INSERT OR IGNORE INTO "reminder" ("application_id", "rule_key", "anchor", "reason", '
    '"template_key", "priority", "due_at") VALUES (?, ?, ?, ?, ?, ?, ?)'
)


def _changes(row: _Stored, want: Wanted) -> dict[str, Any]:
    """What differs between a stored open reminder and the wanted one.

    A cancelled reminder that is wanted again (an undone move) comes back; a new due time
    clears notified_at so the moved reminder is announced again.
    """
    changes: dict[str, Any] = {}
    if row.dismissed:
        changes["dismissed_at"] = None
    if from_db_text(row.due_text) != want.due_at:
        changes["due_at"] = want.due_at
        changes["notified_at"] = None
    for name in ("reason", "template_key", "priority"):
        if getattr(row, name) != getattr(want, name):
            changes[name] = getattr(want, name)
    return changes


def load_states(ids: list[int] | None) -> list[ApplicationState]:
    """The rules' view of these applications (all when None), in a few bulk queries.

    Plain SQL and the instants parsed here: this runs after every write, and a full
    recompute reads every application (peewee's per-field conversion took a third of it).
    """
    parse = from_db_text
    apps = _rows(
        'SELECT a."id", a."company", s."role", s."kind", a."stage_entered_at", a."applied_at", '
        'a."deadline", a."archived_at" IS NOT NULL OR a."deleted_at" IS NOT NULL '
        'FROM "application" AS a JOIN "stage" AS s ON s."id" = a."stage_id"',
        ids,
        'a."id"',
    )
    interviews = _rows(
        'SELECT "application_id", "id", "title", "starts_at", "duration_minutes" FROM "interview"',
        ids,
        '"application_id"',
    )
    activities = _rows(
        'SELECT "application_id", "kind", "at" FROM "activity"',
        ids,
        '"application_id"',
        "\"kind\" IN ('heard_back', 'stage_changed', 'call', 'draft_sent')",
    )
    drafts = _rows(
        'SELECT "application_id", "sent_at", "template_key" FROM "draft"',
        ids,
        '"application_id"',
        '"sent_at" IS NOT NULL',
    )
    planned: dict[int, list[InterviewState]] = defaultdict(list)
    answers: dict[int, list[datetime]] = defaultdict(list)
    outreach: dict[int, list[tuple[datetime, str]]] = defaultdict(list)
    for app_id, interview_id, title, starts_text, minutes in interviews:
        starts_at = parse(starts_text)
        ends = starts_at + timedelta(minutes=minutes)
        planned[app_id].append(InterviewState(interview_id, title, starts_at, ends))
    sent_templates = {(app_id, parse(at)): template for app_id, at, template in drafts}
    for app_id, kind, at_text in activities:
        at = parse(at_text)
        if kind in ("heard_back", "stage_changed"):
            answers[app_id].append(at)
        else:
            outreach[app_id].append((at, sent_templates.get((app_id, at), "")))
    return [
        ApplicationState(
            id=app_id,
            company=company,
            role=stage_role,
            closed=stage_kind == "closed",
            stage_entered_at=parse(entered),
            applied_at=applied and parse(applied),
            deadline=deadline and date.fromisoformat(deadline),
            inactive=bool(inactive),
            interviews=tuple(sorted(planned[app_id], key=lambda i: i.starts_at)),
            answers=tuple(sorted(answers[app_id])),
            outreach=tuple(sorted(outreach[app_id])),
        )
        for app_id, company, stage_role, stage_kind, entered, applied, deadline, inactive in apps
    ]
