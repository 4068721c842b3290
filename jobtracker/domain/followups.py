"""Follow-up rules: the state of each application and the clock become Reminder rows.

Rules are pure functions of an application's state (:func:`rules_for`); the service
loads that state, asks the rules what should exist and makes the table match: new reminders
are added, changed ones updated, pointless ones cancelled (dismissed), and done ones kept as
they are. Recomputing is idempotent: the unique (application, rule_key, anchor) index and
the upsert below never make a duplicate.

Every delay, cap and hour is a setting (:class:`FollowupSettings`, JSON under
``followups``). Reminders fall due inside the person's working hours, in their time zone
(a setting; else the zone tests inject as ``FollowupService.tz``, else the system's), so
they hold across DST changes.

Reasons only name what was logged. A reminder whose moment had long passed when the rules
first wanted it (imported or back-dated history) is stored *lapsed*: cancelled at once and
never announced, so importing a spreadsheet announces only what can still be acted on.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from functools import cache
from typing import Any, NamedTuple

from jobtracker.domain.batches import batches, insert_rows
from jobtracker.domain.clock import SYSTEM_CLOCK, Clock
from jobtracker.domain.followup_rules import (
    ApplicationState,
    InterviewState,
    Wanted,
    rules_for,
)
from jobtracker.domain.followup_settings import (
    SETTINGS_KEY,
    FollowupSettings,
    save_settings,
    settings_from,
)
from jobtracker.domain.settings import SettingsService
from jobtracker.store.instants import day_from_db_text, from_db_text, to_db_text
from jobtracker.store.models import (
    Reminder,
    database,
)

#: the rules, settings and time of the last catch-up (see FollowupService.catch_up)
CHECKED_KEY = "followups/checked"

#: bumped whenever the rules change, so stored reminders are recomputed once at the start
RULES_VERSION = 2
#: a reminder first wanted longer than this after its moment is stored lapsed, not announced
STILL_ACTIONABLE = timedelta(days=2)

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


# -- the service -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RecomputeResult:
    created: int = 0
    updated: int = 0
    cancelled: int = 0


class FollowupService:
    """Keeps the Reminder table in step with the rules.

    ``tz`` is the local zone for wall-clock rules: the time zone setting, else the one
    given (tests set it), else the system's (None).
    """

    def __init__(
        self, settings: SettingsService, clock: Clock = SYSTEM_CLOCK, tz: tzinfo | None = None
    ) -> None:
        self.settings_service = settings
        self.clock = clock
        self._tz = tz
        #: when this session last caught up (stored UTC text), see :meth:`catch_up`
        self._caught_up_at = ""
        #: the settings' stored text and what it gave (see :meth:`settings`)
        self._settings: tuple[str | None, FollowupSettings] | None = None

    @property
    def tz(self) -> tzinfo | None:
        """The zone the rules and the person's days are in: the setting, else the one
        given, else the system's (None)."""
        return self.zone_setting() or self._tz

    @tz.setter
    def tz(self, zone: tzinfo | None) -> None:
        self._tz = zone

    def zone_setting(self) -> tzinfo | None:
        """The time zone setting (None: unset)."""
        return self.settings().zone()

    def settings(self) -> FollowupSettings:
        """The stored settings, validated again only when their stored text changed (every
        refresh of the agenda and the scheduler asks, by whatever door they were written)."""
        text = self.settings_service.stored(SETTINGS_KEY)
        if self._settings is None or text != self._settings[0]:
            self._settings = (text, settings_from(self.settings_service.parse(text, {})))
        return self._settings[1]

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
        tz = rules.zone() or self._tz
        wanted_for = rules_for(rules, now, tz)  # one recompute's: see WorkingHours
        with database.atomic():
            wanted = {w.key: w for state in load_states(ids) for w in wanted_for(state)}
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
    lapsed: int
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
        '"dismissed_at" IS NOT NULL, "lapsed", "due_at", "reason", "template_key", "priority" '
        'FROM "reminder"',
        ids,
        '"application_id"',
    )
    return list(map(_Stored._make, rows))


def _rows(sql: str, ids: list[int] | None, column: str, *conditions: str) -> list[tuple[Any, ...]]:
    """The rows of ``sql`` that meet ``conditions`` and belong to the applications ``ids``
    (all when None), whose id is in ``column``."""
    where = list(conditions)
    if ids is None:
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        found: list[tuple[Any, ...]] = database.execute_sql(f"{sql} {clause}").fetchall()
        return found
    rows: list[tuple[Any, ...]] = []
    for batch in batches(ids):
        clause = " AND ".join([*where, f"{column} IN ({', '.join('?' * len(batch))})"])
        rows += database.execute_sql(f"{sql} WHERE {clause}", list(batch)).fetchall()
    return rows


def _sync(
    wanted: dict[tuple[int, str, str], Wanted], ids: list[int] | None, now: datetime
) -> RecomputeResult:
    """Upsert wanted rows, cancel the pointless ones; done rows are never touched. New and
    cancelled reminders are written in batches (an import brings thousands at once). A new
    row whose moment passed more than STILL_ACTIONABLE ago is stored lapsed (cancelled)."""
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
        changes = _changes(row, want, now)
        if changes:
            Reminder.update(changes).where(Reminder.id == row.id).execute()
            updated += 1
    for start in range(0, len(cancel), BATCH):
        batch = cancel[start : start + BATCH]
        Reminder.update(dismissed_at=now).where(Reminder.id.in_(batch)).execute()
    stamp = to_db_text(now)
    stored_text = cache(to_db_text)  # an import's reminders share their mornings
    new = [
        (w.application_id, w.rule_key, w.anchor, w.reason, w.template_key, w.priority,
         stored_text(w.due_at), int(lapsed), stamp if lapsed else None)
        for key, w in wanted.items()
        if key not in seen
        for lapsed in (_lapsed(w, now),)
    ]  # fmt: skip
    insert_rows(database.cursor().execute, _INSERT_REMINDER, new)
    return RecomputeResult(len(new), updated, len(cancel))


#: rows per statement where ids are listed (well under SQLite's limit on parameters)
BATCH = 500
_INSERT_REMINDER = (
    'INSERT OR IGNORE INTO "reminder" ("application_id", "rule_key", "anchor", "reason", '
    '"template_key", "priority", "due_at", "lapsed", "dismissed_at") VALUES'
)


def _lapsed(want: Wanted, now: datetime) -> bool:
    """Its moment had long passed when the rules first wanted it (imported or back-dated
    history): announcing it now would be noise."""
    return want.due_at < now - STILL_ACTIONABLE


def _changes(row: _Stored, want: Wanted, now: datetime) -> dict[str, Any]:
    """What differs between a stored open reminder and the wanted one.

    A cancelled reminder that is wanted again (an undone move) comes back, a lapsed one only
    once its moment is actionable again (a later due time); a new due time clears
    notified_at so the moved reminder is announced again.
    """
    changes: dict[str, Any] = {}
    if row.dismissed and not (row.lapsed and _lapsed(want, now)):
        changes.update(dismissed_at=None, lapsed=0)
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
    Each distinct stored instant is parsed once (an import's applications share their days).
    """
    parse = cache(from_db_text)
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
    check_ins = _rows(
        'SELECT "application_id", "anchor" FROM "reminder"',
        ids,
        '"application_id"',
        '"rule_key" = \'check_in\' AND "done_at" IS NOT NULL',
    )
    planned: dict[int, list[InterviewState]] = defaultdict(list)
    answers: dict[int, list[tuple[datetime, str]]] = defaultdict(list)
    checked: dict[int, list[str]] = defaultdict(list)
    for app_id, anchor in check_ins:
        checked[app_id].append(anchor)
    outreach: dict[int, list[tuple[datetime, str]]] = defaultdict(list)
    for app_id, interview_id, title, starts_text, minutes in interviews:
        starts_at = parse(starts_text)
        ends = starts_at + timedelta(minutes=minutes)
        planned[app_id].append(InterviewState(interview_id, title, starts_at, ends))
    sent_templates = {(app_id, parse(at)): template for app_id, at, template in drafts}
    for app_id, kind, at_text in activities:
        at = parse(at_text)
        if kind in ("heard_back", "stage_changed"):
            answers[app_id].append((at, kind))
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
            deadline=deadline and day_from_db_text(deadline),
            inactive=bool(inactive),
            # most applications have no interviews, answers or outreach: nothing to sort
            interviews=tuple(sorted(planned[app_id], key=_starts_at)) if app_id in planned else (),
            answers=tuple(sorted(answers[app_id])) if app_id in answers else (),
            outreach=tuple(sorted(outreach[app_id])) if app_id in outreach else (),
            check_ins_done=tuple(checked[app_id]) if app_id in checked else (),
        )
        for app_id, company, stage_role, stage_kind, entered, applied, deadline, inactive in apps
    ]


def _starts_at(interview: InterviewState) -> datetime:
    return interview.starts_at
