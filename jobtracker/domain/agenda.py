"""The Today agenda: open reminders as rows a person acts on, grouped by when they fall due.

A row is one application's *moment*: a reminder and the prompts that come with it (its
companions: the forgot-to-mention prompt of a thank-you, the keep-in-mind note of a feedback
request), so they sit together with one Snooze and one Done. The reminder service snoozes
and completes a companion with its lead, whatever door the action comes in by.
Rows group into Overdue (before today), Today, This week (the next six days), Later, and
Snoozed (put off and not back yet); the interviews of today and tomorrow head the agenda.
This week and Later show each application's next step only, and count applications.

The badge counts the rows that are due, exactly, as the list does: from the tally the store
keeps of open reminders per hour (``reminder_tally``, maintained by triggers), plus the
reminders of the current hour, so a count after a change costs the same at any size. The
other groups are counted up to :data:`COUNT_CAP` ("1,000+" beyond), and each lists its
soonest rows only, through the partial index of open reminders by effective time
(``reminder_open_at``). Reminders of archived or trashed applications are cancelled by the
rules, so the counts need not join the applications; the listed rows do.

A read hands on the rows that did not change since the last read as the same objects, so
the window's model tells what changed by identity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any, TypeVar

from jobtracker.domain import recipients
from jobtracker.domain.clock import Clock, at_local, to_local
from jobtracker.domain.followups import FollowupService, summary_for
from jobtracker.domain.reminders import COMPANIONS
from jobtracker.store.instants import from_db_text, to_db_text
from jobtracker.store.models import database

OVERDUE, TODAY, THIS_WEEK, LATER, SNOOZED = "overdue", "today", "this_week", "later", "snoozed"
GROUP_KEYS = (OVERDUE, TODAY, THIS_WEEK, LATER, SNOOZED)
GROUP_TITLES = {
    OVERDUE: "Overdue",
    TODAY: "Today",
    THIS_WEEK: "This week",
    LATER: "Later",
    SNOOZED: "Snoozed",
}
#: the days after today that "This week" covers (a weekday alone names each of them)
WEEK_DAYS = 6
#: groups that look ahead list each application's next step only: the second check-in
#: and the suggestion to close wait behind the first
AHEAD = (THIS_WEEK, LATER)
#: groups other than the due ones are counted up to this many rows
COUNT_CAP = 1000

T = TypeVar("T")

#: what answers a reminder, by its kind: write a draft, log a call, move the card, open it
WRITE, CALL, MOVE, OPEN = "write", "call", "move", "open"


@dataclass(frozen=True, slots=True)
class Answer:
    """One way to answer a reminder: its kind, the button's words and the draft to write."""

    kind: str
    label: str
    template_key: str = ""


#: the answers to each rule, the main one first
ANSWERS: dict[str, tuple[Answer, ...]] = {
    "thank_you": (Answer(WRITE, "Write thank-you", "thank-you"),),
    "forgot_to_mention": (Answer(WRITE, "Add a forgotten point", "forgot-to-mention"),),
    "no_reply": (Answer(CALL, "Log call"), Answer(WRITE, "Write follow-up", "follow-up")),
    "check_in": (Answer(WRITE, "Write check-in", "check-in"), Answer(CALL, "Log call")),
    "suggest_no_response": (Answer(MOVE, "Move to No response"),),
    "prepare": (Answer(OPEN, "Open the card"),),
    "feedback_request": (Answer(WRITE, "Ask for feedback", "feedback-request"),),
    "keep_in_mind": (Answer(WRITE, "Ask to be kept in mind", "keep-in-touch"),),
    "reconnect": (Answer(WRITE, "Write keep-in-touch", "keep-in-touch"),),
    "offer_deadline": (Answer(OPEN, "Open the card"),),
    "apply_deadline": (Answer(OPEN, "Open the card"),),
}
_FALLBACK = (Answer(OPEN, "Open the card"),)


def answers_for(rule_key: str) -> tuple[Answer, ...]:
    return ANSWERS.get(rule_key, _FALLBACK)


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One reminder within a row."""

    reminder_id: int
    rule_key: str
    summary: str
    reason: str
    priority: int

    @property
    def answers(self) -> tuple[Answer, ...]:
        return answers_for(self.rule_key)


@dataclass(frozen=True, slots=True)
class AgendaRow:
    """One application's moment: its reminders (the lead first), when and for whom."""

    group: str
    application_id: int
    company: str
    role: str
    anchor: str
    at: datetime
    due: bool
    snoozed: bool
    items: tuple[AgendaItem, ...]
    #: whom the row's note or call goes to: the person its draft is addressed to
    contact: recipients.Contact | None = None

    @property
    def key(self) -> tuple[int, str, str]:
        """Stable while the row lives: application, anchor and lead rule."""
        return (self.application_id, self.anchor, self.lead.rule_key)

    @property
    def lead(self) -> AgendaItem:
        return self.items[0]

    @property
    def reminder_ids(self) -> list[int]:
        return [item.reminder_id for item in self.items]

    @property
    def answers(self) -> tuple[Answer, ...]:
        """The lead's answers, then each companion's main one."""
        extra = tuple(item.answers[0] for item in self.items[1:])
        return self.lead.answers + extra


@dataclass(frozen=True, slots=True)
class AgendaInterview:
    """An interview of today or tomorrow, heading the agenda."""

    id: int
    application_id: int
    company: str
    role: str
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True, slots=True)
class AgendaGroup:
    key: str
    count: int
    rows: tuple[AgendaRow, ...]
    #: the count stopped at COUNT_CAP
    more_than: bool = False

    @property
    def title(self) -> str:
        return GROUP_TITLES[self.key]


@dataclass(frozen=True, slots=True)
class Agenda:
    now: datetime
    interviews: tuple[AgendaInterview, ...]
    groups: tuple[AgendaGroup, ...]
    #: rows whose time has come (Overdue, and Today's that are due): the badge
    due_count: int
    #: the person's time zone the days were grouped in, and times read in (None: the system's)
    tz: tzinfo | None = None

    def group(self, key: str) -> AgendaGroup:
        return next(group for group in self.groups if group.key == key)

    @property
    def empty(self) -> bool:
        return not self.interviews and not any(group.count for group in self.groups)


# -- how times read ----------------------------------------------------------------------------


def when_text(instant: datetime, now: datetime, tz: tzinfo | None) -> str:
    """ "Today 15:30", "Tomorrow 09:00", "Yesterday 17:30", else the weekday with its date
    ("Mon 30 Nov 09:00"), with the year when it is not this year: never a bare weekday."""
    local, today = to_local(instant, tz), to_local(now, tz).date()
    days = (local.date() - today).days
    clock = local.strftime("%H:%M")
    named = {0: "Today", 1: "Tomorrow", -1: "Yesterday"}.get(days)
    if named:
        return f"{named} {clock}"
    year = "" if local.year == today.year else f" {local.year}"
    return f"{local:%a} {local.day} {local:%b}{year} {clock}"


# -- reading -------------------------------------------------------------------------------------

#: a reminder's effective time: the due time, or the end of a later snooze (as the index)
_AT = 'MAX(r."due_at", COALESCE(r."snoozed_until", r."due_at"))'
_OPEN = 'r."done_at" IS NULL AND r."dismissed_at" IS NULL'
#: put off and not back yet (given an effective time after now)
_SNOOZING = f'{_AT} > r."due_at"'
#: put off and not back yet at ``?``, read from the index of snoozed reminders (the same
#: rows as an effective time after ``?`` and :data:`_SNOOZING`)
_SNOOZED_AFTER = 'r."snoozed_until" > ? AND r."snoozed_until" > r."due_at"'
_COMPANION_KEYS = ", ".join(f"'{key}'" for key in COMPANIONS)
#: the reminders that lead a row (a companion is listed in its lead's row)
_LEADS = f'r."rule_key" NOT IN ({_COMPANION_KEYS})'


def _count(
    where: str, params: Sequence[object], cap: int | None = None, *, by_application: bool = False
) -> int:
    """Rows matching ``where`` (up to ``cap``): their leads, counted in the index; with
    ``by_application``, the applications that have one."""
    limit = "" if cap is None else f" LIMIT {int(cap)}"
    what = 'DISTINCT r."application_id"' if by_application else "1"
    rows = f'SELECT {what} FROM "reminder" AS r WHERE {_OPEN} AND {_LEADS} AND {where}{limit}'
    (count,) = database.execute_sql(f"SELECT COUNT(*) FROM ({rows})", list(params)).fetchone()
    return int(count)


def _leads_before(*bounds: tuple[str, bool, bool]) -> tuple[int, ...]:
    """Open leads whose effective time is before each bound ``(instant, inclusive,
    unsnoozed_only)``, in one statement: the hours before the bound's hour summed from the
    tally the store keeps (``reminder_tally``), the bound's own hour counted in the index.
    The work is the same at any size of search; only the current hour is counted."""
    parts, params = [], []
    for instant, inclusive, plain in bounds:
        only = (' AND t."snoozed" = 0', f" AND NOT {_SNOOZING}") if plain else ("", "")
        parts.append(
            '(SELECT COALESCE(SUM(t."open"), 0) FROM "reminder_tally" AS t '
            f'WHERE t."hour" < substr(?, 1, 13) AND t."rule_key" NOT IN ({_COMPANION_KEYS})'
            f'{only[0]}) + (SELECT COUNT(*) FROM "reminder" AS r WHERE {_OPEN} AND {_LEADS} '
            f"AND {_AT} >= substr(?, 1, 13) AND {_AT} {'<=' if inclusive else '<'} ?{only[1]})"
        )
        params += [instant] * 3
    row = database.execute_sql(f"SELECT {', '.join(parts)}", params).fetchone()
    return tuple(int(value) for value in row)


def _first_per_application(where: str) -> str:
    """``where``, keeping only each application's soonest lead among those it matches."""
    other = where.replace('r."', 'o."')
    other_at = _AT.replace('r."', 'o."')
    return (
        f'{where} AND NOT EXISTS (SELECT 1 FROM "reminder" AS o WHERE '
        f'o."application_id" = r."application_id" AND {_OPEN.replace("r.", "o.")} '
        f"AND {_LEADS.replace('r.', 'o.')} AND {other} "
        f'AND ({other_at} < {_AT} OR ({other_at} = {_AT} AND o."id" < r."id")))'
    )


class AgendaService:
    """Reads the agenda; acting on its rows goes through the reminder service."""

    def __init__(self, followups: FollowupService) -> None:
        self.followups = followups
        #: the last read's rows and interviews by what they were made of: a refresh after
        #: one action rebuilds only the rows that action changed, and hands the others on
        #: as the same objects, so the window's model compares them by identity
        self._made: dict[tuple[object, ...], AgendaRow | AgendaInterview] = {}

    @property
    def clock(self) -> Clock:
        return self.followups.clock

    def due_count(self, now: datetime | None = None) -> int:
        """How many rows are due: what the badge and the tray show."""
        now = now or self.clock.now()
        (due,) = _leads_before((to_db_text(now), True, False))
        return due

    def read(self, now: datetime | None = None, limit: int = 50) -> Agenda:
        """The agenda at ``now``: each group's soonest ``limit`` rows and its count."""
        now = now or self.clock.now()
        tz = self.followups.tz
        today = to_local(now, tz).date()
        now_text = to_db_text(now)
        bounds = [to_db_text(_midnight(today, days, tz)) for days in (0, 1, 1 + WEEK_DAYS)]
        today_starts, tomorrow_starts, week_ends = bounds
        overdue, due, plain_due, plain_by_tomorrow = _leads_before(
            (today_starts, False, False),
            (now_text, True, False),
            (now_text, True, True),
            (tomorrow_starts, False, True),
        )
        pending = plain_by_tomorrow - plain_due  # still to come today, not snoozed
        ranges = {
            OVERDUE: (f"{_AT} < ?", [today_starts]),
            TODAY: (f"{_AT} >= ? AND {_AT} < ? AND NOT ({_AT} > ? AND {_SNOOZING})",
                    [today_starts, tomorrow_starts, now_text]),
            THIS_WEEK: (f"{_AT} >= ? AND {_AT} < ? AND NOT {_SNOOZING}",
                        [tomorrow_starts, week_ends]),
            LATER: (f"{_AT} >= ? AND NOT {_SNOOZING}", [week_ends]),
            SNOOZED: (_SNOOZED_AFTER, [now_text]),
        }  # fmt: skip
        listed: list[tuple[str, int, bool, list[tuple[Any, ...]]]] = []
        for key, (where, params) in ranges.items():
            if key == OVERDUE:
                count, capped = overdue, False
            elif key == TODAY:
                count, capped = due - overdue + pending, False
            else:
                ahead = key in AHEAD
                count = _count(where, params, COUNT_CAP, by_application=ahead)
                capped = count >= COUNT_CAP
                if ahead:
                    where, params = _first_per_application(where), params * 2
            listed.append((key, count, capped, _leads(where, params, limit) if count else []))
        details = _Details([lead for *_, leads in listed for lead in leads])
        made = _Reuse(self._made)
        groups = [
            AgendaGroup(key, count, details.rows(key, leads, now, made), capped)
            for key, count, capped, leads in listed
        ]
        interviews = _interviews(_midnight(today, 0, tz), _midnight(today, 2, tz), made)
        self._made = made.now
        return Agenda(now, interviews, tuple(groups), due, tz)


class _Reuse:
    """Objects of the last read by what they were made of, and those of this read."""

    def __init__(self, before: dict[tuple[object, ...], Any]) -> None:
        self.before = before
        self.now: dict[tuple[object, ...], Any] = {}

    def take(self, key: tuple[object, ...]) -> Any:
        """The last read's object made of ``key`` (kept for the next read), or None."""
        found = self.before.get(key)
        if found is not None:
            self.now[key] = found
        return found

    def keep(self, key: tuple[object, ...], made: T) -> T:
        self.now[key] = made
        return made


def _midnight(today: date, days: int, tz: tzinfo | None) -> datetime:
    return at_local(today + timedelta(days=days), time(0), tz)


def _leads(where: str, params: Sequence[object], limit: int) -> list[tuple[Any, ...]]:
    """The soonest ``limit`` reminders leading a row that match ``where``."""
    sql = (
        'SELECT r."id", r."application_id", a."company", a."role", r."rule_key", r."anchor", '
        f'r."reason", r."priority", {_AT}, r."snoozed_until" > r."due_at" '
        'FROM "reminder" AS r JOIN "application" AS a ON a."id" = r."application_id" '
        f'WHERE {_OPEN} AND {_LEADS} AND a."archived_at" IS NULL AND a."deleted_at" IS NULL '
        f'AND {where} ORDER BY {_AT}, r."rule_key" LIMIT {int(limit)}'
    )
    leads: list[tuple[Any, ...]] = database.execute_sql(sql, list(params)).fetchall()
    return leads


class _Details:
    """What the listed leads' rows need besides the leads: the open companions of each
    (same application and anchor) and whom to contact, read once for every group."""

    def __init__(self, leads: list[tuple[Any, ...]]) -> None:
        app_ids = sorted({lead[1] for lead in leads})
        self.companions = _companions(app_ids)
        self.people = recipients.people_of(app_ids)
        anchors = sorted({lead[5] for lead in leads if lead[5].startswith("interview:")})
        self.interviewers = recipients.interviewers_of(anchors)

    def rows(
        self, group: str, leads: list[tuple[Any, ...]], now: datetime, made: _Reuse
    ) -> tuple[AgendaRow, ...]:
        now_text = to_db_text(now)
        rows = []
        for lead in leads:
            app_id, rule, anchor, at_text = lead[1], lead[4], lead[5], lead[8]
            companions = tuple(self.companions.get((app_id, anchor, rule), ()))
            contact = recipients.pick(
                answers_for(rule)[0].template_key or "follow-up",
                self.people.get(app_id, []),
                self.interviewers.get(anchor, ()),
            )
            key = (group, lead, companions, contact, at_text <= now_text)
            rows.append(made.take(key) or made.keep(key, _row(key, now)))
        return tuple(rows)


def _row(made_of: tuple[Any, ...], now: datetime) -> AgendaRow:
    group, lead, companions, contact, _ = made_of
    rid, app_id, company, role, rule, anchor, reason, priority, at_text, put_off = lead
    at = from_db_text(at_text)
    items = (
        AgendaItem(rid, rule, summary_for(rule, company), reason, priority),
        *(
            AgendaItem(other, key, summary_for(key, company), why, weight)
            for other, key, why, weight in companions
        ),
    )
    snoozed = bool(put_off) and at > now
    return AgendaRow(group, app_id, company, role, anchor, at, at <= now, snoozed, items, contact)


def _companions(app_ids: list[int]) -> dict[tuple[int, str, str], list[tuple[Any, ...]]]:
    """Open companion reminders of these applications, by (application, anchor, lead rule)."""
    if not app_ids:
        return {}
    marks = ", ".join("?" * len(app_ids))
    found: dict[tuple[int, str, str], list[tuple[Any, ...]]] = {}
    for rid, app_id, rule, anchor, reason, priority in database.execute_sql(
        'SELECT r."id", r."application_id", r."rule_key", r."anchor", r."reason", '
        f'r."priority" FROM "reminder" AS r WHERE {_OPEN} AND r."rule_key" IN '
        f'({_COMPANION_KEYS}) AND r."application_id" IN ({marks}) ORDER BY r."id"',
        app_ids,
    ):
        found.setdefault((app_id, anchor, COMPANIONS[rule]), []).append(
            (rid, rule, reason, priority)
        )
    return found


def _interviews(start: datetime, end: datetime, made: _Reuse) -> tuple[AgendaInterview, ...]:
    rows = database.execute_sql(
        'SELECT i."id", i."application_id", a."company", a."role", i."title", i."kind", '
        'i."starts_at", i."duration_minutes" FROM "interview" AS i '
        'JOIN "application" AS a ON a."id" = i."application_id" '
        'WHERE a."archived_at" IS NULL AND a."deleted_at" IS NULL '
        'AND i."starts_at" >= ? AND i."starts_at" < ? ORDER BY i."starts_at", i."id"',
        (to_db_text(start), to_db_text(end)),
    ).fetchall()
    return tuple(made.take(row) or made.keep(row, _interview(*row)) for row in map(tuple, rows))


def _interview(
    id_: int, app_id: int, company: str, role: str, title: str, kind: str, starts: str, minutes: int
) -> AgendaInterview:
    at = from_db_text(starts)
    ends = at + timedelta(minutes=minutes)
    return AgendaInterview(id_, app_id, company, role, title, kind, at, ends)
