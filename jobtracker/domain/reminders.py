"""Reminders as the person sees them: listed, grouped, snoozed, done; when to announce next.

A reminder is *open* until done or cancelled. Its effective time is its due time, or the end
of a snooze when that is later. It is *due* once that time has passed, and *announced* once
(``notified_at``) so a restart never repeats a notification. Quiet hours hold announcements
back until they end; the reminder itself is still due and listed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo
from typing import Any

from jobtracker.domain import recipients
from jobtracker.domain.clock import Clock, at_local, to_local
from jobtracker.domain.errors import NotFoundError, ValidationError
from jobtracker.domain.followup_settings import FollowupSettings
from jobtracker.domain.followups import FollowupService, summary_for
from jobtracker.store.instants import from_db_text, to_db_text
from jobtracker.store.models import (
    Reminder,
    database,
)

GROUPS = ("Overdue", "Today", "Upcoming")
#: prompts that come with another rule's reminder, by the rule they come with: snoozed and
#: completed with it (by any door), and listed in its row
COMPANIONS = {"forgot_to_mention": "thank_you", "keep_in_mind": "feedback_request"}


@dataclass(frozen=True, slots=True)
class ReminderInfo:
    id: int
    application_id: int
    company: str
    role: str
    rule_key: str
    reason: str
    template_key: str
    priority: int
    due_at: datetime
    snoozed_until: datetime | None
    notified_at: datetime | None
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""

    @property
    def effective_at(self) -> datetime:
        """When it falls due: the due time, or the end of a later snooze."""
        if self.snoozed_until is not None and self.snoozed_until > self.due_at:
            return self.snoozed_until
        return self.due_at

    @property
    def summary(self) -> str:
        return summary_for(self.rule_key, self.company)

    @property
    def contact_line(self) -> str:
        """ "Jonas Weber, +49 30 1234567, jonas@example.com" (empty without a contact)."""
        parts = [self.contact_name, self.contact_phone, self.contact_email]
        return ", ".join(p for p in parts if p) if self.contact_name else ""


@dataclass(frozen=True, slots=True)
class ReminderGroup:
    """Overdue, Today or Upcoming: how many open reminders it holds, and the soonest of them
    (all, or as many as asked for)."""

    name: str
    count: int
    reminders: list[ReminderInfo]


class ReminderService:
    """Reading and acting on reminders; the rules that make them live in followups."""

    def __init__(self, followups: FollowupService) -> None:
        self.followups = followups

    @property
    def clock(self) -> Clock:
        return self.followups.clock

    # -- reading ------------------------------------------------------------------------------

    def open_reminders(self) -> list[ReminderInfo]:
        """Open reminders of active applications, soonest first."""
        return _infos(_OPEN_ACTIVE_WHERE, then=_SOONEST_FIRST)

    def get(self, reminder_id: int) -> ReminderInfo:
        found = _infos('WHERE r."id" = ?', reminder_id)
        if not found:
            raise NotFoundError("reminder", reminder_id)
        return found[0]

    def due(self, now: datetime | None = None) -> list[ReminderInfo]:
        """Open reminders that have fallen due, soonest first (selected by the database, as
        every scheduler check asks)."""
        now = now or self.clock.now()
        where = f"{_OPEN_ACTIVE_WHERE} AND {_EFFECTIVE_AT} <= ?"
        return _infos(where, to_db_text(now), then=_SOONEST_FIRST)

    def groups(self, now: datetime | None = None, limit: int | None = None) -> list[ReminderGroup]:
        """Open reminders as Overdue (before today), Today and Upcoming (local days), each
        soonest first. With ``limit``, each group's first ``limit`` under its full count: the
        panel shows 200 of thousands without reading the rest."""
        now = now or self.clock.now()
        tz = self.followups.tz
        today = to_local(now, tz).date()
        today_starts, tomorrow_starts = (
            to_db_text(at_local(today + timedelta(days=days), time(0), tz)) for days in (0, 1)
        )
        ranges = (
            (f"{_EFFECTIVE_AT} < ?", [today_starts]),
            (f"{_EFFECTIVE_AT} >= ? AND {_EFFECTIVE_AT} < ?", [today_starts, tomorrow_starts]),
            (f"{_EFFECTIVE_AT} >= ?", [tomorrow_starts]),
        )
        counts = database.execute_sql(
            f"SELECT {', '.join(f'COALESCE(SUM({cond}), 0)' for cond, _ in ranges)} {_OPEN_ACTIVE}",
            [param for _, params in ranges for param in params],
        ).fetchone()
        first = _SOONEST_FIRST if limit is None else f"{_SOONEST_FIRST} LIMIT {int(limit)}"
        return [
            ReminderGroup(
                name,
                count,
                _infos(f"{_OPEN_ACTIVE_WHERE} AND {cond}", *params, then=first) if count else [],
            )
            for name, count, (cond, params) in zip(GROUPS, counts, ranges, strict=True)
        ]

    def to_announce(self, now: datetime | None = None) -> list[ReminderInfo]:
        """Due reminders not announced yet; none during quiet hours."""
        now = now or self.clock.now()
        if self.quiet_until(now) is not None:
            return []
        return _infos(_UNANNOUNCED_DUE_WHERE, to_db_text(now), then=_SOONEST_FIRST)

    def mark_announced(self, now: datetime) -> int:
        """Mark every open reminder due by ``now`` and not announced yet as announced, in one
        statement (what :meth:`to_announce` gave for the same ``now``); returns how many."""
        cursor = database.execute_sql(
            'UPDATE "reminder" SET "notified_at" = ? WHERE "id" IN '
            f'(SELECT r."id" {_JOINED} {_UNANNOUNCED_DUE_WHERE})',
            (to_db_text(self.clock.now()), to_db_text(now)),
        )
        return int(cursor.rowcount)

    def next_announcement_at(self, now: datetime | None = None) -> datetime | None:
        """When the next announcement is due (after quiet hours); None when nothing waits."""
        now = now or self.clock.now()
        soonest = database.execute_sql(  # the first in the index of unannounced ones
            f'SELECT {_EFFECTIVE_AT} {_OPEN_ACTIVE} AND r."notified_at" IS NULL '
            f"ORDER BY {_EFFECTIVE_AT} LIMIT 1"
        ).fetchone()
        if soonest is None:
            return None
        when = max(from_db_text(soonest[0]), now)
        return self.quiet_until(when) or when

    # -- quiet hours --------------------------------------------------------------------------

    def quiet_until(self, instant: datetime) -> datetime | None:
        """The end of the quiet hours ``instant`` falls in, or None outside them."""
        s = self.followups.settings()
        return quiet_until(instant, s, self.followups.tz)

    # -- acting -------------------------------------------------------------------------------

    def snooze(self, ids: Sequence[int], days: float | None = None) -> datetime:
        """Put reminders and their companions off (by the snooze setting when ``days`` is
        None); announce again."""
        if days is None:
            days = self.followups.settings().snooze_days
        if days <= 0:
            raise ValidationError("days", "must be more than zero")
        until = self.clock.now() + timedelta(days=days)
        self._update(with_companions(ids), snoozed_until=until, notified_at=None)
        return until

    def snooze_state(self, ids: Sequence[int]) -> dict[int, tuple[str | None, str | None]]:
        """The snooze and announcement of reminders and their companions, as stored, for
        :meth:`restore_snooze` (an undo)."""
        every = with_companions(ids)
        rows = database.execute_sql(
            'SELECT "id", "snoozed_until", "notified_at" FROM "reminder" '
            f'WHERE "id" IN ({", ".join("?" * len(every))})',
            every,
        )
        return {rid: (until, notified) for rid, until, notified in rows}

    def restore_snooze(self, state: dict[int, tuple[str | None, str | None]]) -> None:
        with database.atomic():
            for rid, (until, notified) in state.items():
                database.execute_sql(
                    'UPDATE "reminder" SET "snoozed_until" = ?, "notified_at" = ? WHERE "id" = ?',
                    (until, notified, rid),
                )

    def done(self, ids: Sequence[int]) -> list[int]:
        """Complete reminders and their open companions; the ids completed (for an undo)."""
        every = with_companions(ids)
        self._update(every, done_at=self.clock.now())
        return every

    def undo_done(self, ids: Sequence[int]) -> None:
        self._update(ids, done_at=None)

    def dismiss(self, ids: Sequence[int]) -> None:
        """Cancel reminders (the rules bring one back if it is wanted again)."""
        self._update(ids, dismissed_at=self.clock.now())

    def mark_notified(self, ids: Sequence[int]) -> None:
        self._update(ids, notified_at=self.clock.now())

    def _update(self, ids: Sequence[int], **values: object) -> None:
        if not ids:
            raise ValidationError("reminders", "choose at least one reminder")
        with database.atomic():
            found = Reminder.select(Reminder.id).where(Reminder.id.in_(list(ids))).count()
            if found != len(set(ids)):
                missing = sorted(set(ids) - {r.id for r in Reminder.select(Reminder.id)})
                raise NotFoundError("reminder", missing[0] if missing else ids[0])
            Reminder.update(values).where(Reminder.id.in_(list(ids))).execute()


def quiet_until(instant: datetime, s: FollowupSettings, tz: tzinfo | None) -> datetime | None:
    """The end of the quiet hours ``instant`` falls in (local wall clock), or None."""
    if not s.quiet_hours:
        return None
    start, end = s.clock_time("quiet_start"), s.clock_time("quiet_end")
    local = to_local(instant, tz)
    wall = local.time()
    if start == end:
        return None
    inside = (start <= wall < end) if start < end else (wall >= start or wall < end)
    if not inside:
        return None
    day = local.date() if wall < end else local.date() + timedelta(days=1)
    return at_local(day, end, tz)


#: reminders with their application, as ``r`` and ``a``
_JOINED = 'FROM "reminder" AS r JOIN "application" AS a ON a."id" = r."application_id"'
#: open reminders of active applications
_OPEN_ACTIVE_WHERE = (
    'WHERE r."done_at" IS NULL AND r."dismissed_at" IS NULL '
    'AND a."archived_at" IS NULL AND a."deleted_at" IS NULL'
)
_OPEN_ACTIVE = f"{_JOINED} {_OPEN_ACTIVE_WHERE}"
#: a reminder's effective time in SQL (stored UTC text sorts as time): the due time, or the
#: end of a later snooze
_EFFECTIVE_AT = 'MAX(r."due_at", COALESCE(r."snoozed_until", r."due_at"))'
#: open reminders of active applications due by a time (``?``) and not announced yet
_UNANNOUNCED_DUE_WHERE = (
    f'{_OPEN_ACTIVE_WHERE} AND r."notified_at" IS NULL AND {_EFFECTIVE_AT} <= ?'
)
#: soonest first; at the same time the higher priority, then the older reminder
_SOONEST_FIRST = f'ORDER BY {_EFFECTIVE_AT}, r."priority" DESC, r."id"'

#: the columns of a ReminderInfo, in its field order (before the contact)
_INFO_COLUMNS = (
    'r."id", r."application_id", a."company", a."role", r."rule_key", r."reason", '
    'r."template_key", r."priority", r."due_at", r."snoozed_until", r."notified_at"'
)


def _infos(where: str, *params: object, then: str = "") -> list[ReminderInfo]:
    """Reminders (``r``) with their application (``a``) matching ``where``, with contacts;
    ``then`` orders or limits the reminders (the contacts are read for all that match).

    Read with plain SQL and the instants parsed here: the panel and the scheduler list
    every open reminder, tens of thousands on a large board, and the ORM's per-field
    conversion took several times as long."""
    sql = f"SELECT {_INFO_COLUMNS} {_JOINED} {where} {then}"
    rows: list[tuple[Any, ...]] = database.execute_sql(sql, params).fetchall()
    people = recipients.people_of(sorted({row[1] for row in rows}))
    parse = from_db_text
    infos = []
    for row in rows:
        id_, app_id, company, role, rule_key, reason, template, priority = row[:8]
        due, snoozed, notified = row[8:]
        name, phone, email = _contact(template, people.get(app_id, []))
        info = ReminderInfo(
            id_, app_id, company, role, rule_key, reason, template, priority, parse(due),
            snoozed and parse(snoozed), notified and parse(notified), name, phone, email,
        )  # fmt: skip
        infos.append(info)
    return infos


def _contact(template_key: str, people: list[recipients.Contact]) -> tuple[str, str, str]:
    """Name, phone and email of whom the reminder's note goes to (the draft's choice)."""
    chosen = recipients.pick(template_key or "follow-up", people)
    return ("", "", "") if chosen is None else (chosen.name, chosen.phone, chosen.email)


def with_companions(ids: Sequence[int]) -> list[int]:
    """``ids`` and the open companions of the reminders among them (same application and
    anchor, the companion's lead rule)."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return ids
    pairs = " OR ".join(
        f"(c.\"rule_key\" = '{companion}' AND l.\"rule_key\" = '{lead}')"
        for companion, lead in COMPANIONS.items()
    )
    rows = database.execute_sql(
        'SELECT c."id" FROM "reminder" AS l JOIN "reminder" AS c '
        'ON c."application_id" = l."application_id" AND c."anchor" = l."anchor" '
        f'WHERE l."id" IN ({", ".join("?" * len(ids))}) AND ({pairs}) '
        'AND c."done_at" IS NULL AND c."dismissed_at" IS NULL ORDER BY c."id"',
        ids,
    )
    return ids + [rid for (rid,) in rows if rid not in ids]


def answered_by_sending(application_id: int, template_key: str, now: datetime) -> list[int]:
    """The open reminders a sent draft of ``template_key`` answers: every one already due,
    else the soonest, with their companions (a sent thank-you answers its forgot-to-mention
    prompt too). Later ones (the second check-in) stay, so caps still count."""
    rows = list(
        Reminder.select(Reminder.id, Reminder.due_at)
        .where(
            (Reminder.application == application_id)
            & (Reminder.template_key == template_key)
            & Reminder.done_at.is_null()
            & Reminder.dismissed_at.is_null()
        )
        .order_by(Reminder.due_at, Reminder.id)
    )
    due = [r.id for r in rows if r.due_at <= now]
    return with_companions(due or [r.id for r in rows[:1]])
