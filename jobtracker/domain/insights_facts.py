"""What the insights and the proof-of-search report read, grouped and counted by SQLite.

Each application's story is summed up in SQL (:func:`sent_summary`): when it was sent (the applied
date, else its first move into a role only a sent application reaches), the first sign of
an answer, the furthest step it reached and where it stands. The figures group those rows,
and the weeks, in SQL too; Python sees one row per group, per missed follow-up, per
interview (a thank-you is matched to one interview at a time) and per report row. Only
stage *roles* decide (domain/stage_roles.py), never names.

Trashed applications are left out (the person threw them away); archived ones stay, since
they are part of the search's history. Run the reads of one figure set in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, tzinfo
from typing import Any, NamedTuple, TypeVar

from jobtracker.domain import stage_roles as roles
from jobtracker.domain.local_days import LocalDays
from jobtracker.store.instants import from_db_text, to_db_text

#: the keys the applications sent are grouped by
K = TypeVar("K", tuple[int, str], str, int)
#: a DB-API ``execute``: SQL with ``?`` placeholders and its parameters, giving the rows
Execute = Callable[[str, Sequence[object]], Iterable[tuple[Any, ...]]]

#: roles only an application that was sent can reach (withdrawn may come before sending)
SENT_ROLES = (roles.APPLIED, roles.SCREENING, roles.INTERVIEWING, roles.OFFER, roles.ACCEPTED,
              roles.REJECTED, roles.NO_RESPONSE)  # fmt: skip
#: roles a card reaches only once the company answered
ANSWER_ROLES = (roles.SCREENING, roles.INTERVIEWING, roles.OFFER, roles.ACCEPTED, roles.REJECTED)
#: the steps of the funnel, in order; reaching one counts as passing the ones before it
STEPS = (roles.APPLIED, roles.SCREENING, roles.INTERVIEWING, roles.OFFER, roles.ACCEPTED)
#: the reminders whose timeliness the follow-up score measures
SCORED_RULES = ("no_reply", "check_in")
#: the template a thank-you note is written from
THANK_YOU = "thank-you"


def live(table: str) -> str:
    """SQL: a join keeping the rows of ``table`` (an alias) whose application is live. Each
    row finds its application by key; ``IN (SELECT ...)`` would first gather every live
    application's id, whatever few rows ask."""
    return (
        f'JOIN "application" AS live ON live."id" = {table}."application_id" '
        'AND live."deleted_at" IS NULL'
    )


def _sql_list(values: Iterable[str]) -> str:
    return ", ".join(f"'{value}'" for value in values)  # our own role and rule keys


def micro_between(earlier: str, later: str) -> str:
    """SQL: microseconds from one stored instant to another (exact: whole seconds apart,
    plus the difference of their microseconds)."""
    return (
        f"((strftime('%s', {later}) - strftime('%s', {earlier})) * 1000000 "
        f"+ (substr({later}, 21) - substr({earlier}, 21)))"
    )


def plus_minutes(instant: str, minutes: str) -> str:
    """SQL: a stored instant ``minutes`` later, stored the same way (microseconds kept)."""
    return (
        f"strftime('%Y-%m-%dT%H:%M:%S', {instant}, ({minutes}) || ' minutes') "
        f"|| substr({instant}, 20)"
    )


_INTERVIEWING = STEPS.index(roles.INTERVIEWING)
_KINDS = "('created', 'stage_changed', 'heard_back')"


def _stages_in(stages: Sequence[tuple[int, str]], wanted: Sequence[str]) -> str:
    """SQL: the ids of the stages whose role is one of ``wanted`` ("NULL": none)."""
    return ", ".join(str(stage_id) for stage_id, role in stages if role in wanted) or "NULL"


def _step_rank(stages: Sequence[tuple[int, str]]) -> str:
    """SQL: the index in STEPS of the role of the stage ``v."to_stage_id"`` (else NULL)."""
    ranks = " ".join(
        f"WHEN {stage_id} THEN {STEPS.index(role)}" for stage_id, role in stages if role in STEPS
    )
    return f'CASE v."to_stage_id" {ranks} END' if ranks else "NULL"


def sent_summary(execute: Execute) -> str:
    """SQL: the ``sent`` table of a ``WITH`` clause, one row per live application that was
    sent: ``sent_at`` (stored text), ``answered`` (the first answer up to ``?1``, "now": a
    reply logged, a move to a role only an answer reaches, an interview held; or NULL),
    ``step`` (index in STEPS of the furthest step reached; an interview held counts as
    interviewing), ``end_role`` (its stage's role).

    Only the activities that are answers are grouped: every step past applied is one, and
    the rest (cards added, moves into applied or wishlist) say nothing but when a card was
    sent, which is looked up by its index for the cards without an applied date alone.
    A move's role is known by its stage's id, written into the SQL from this file's few
    stages, not looked up for each activity. '~' sorts after every stored instant: the
    earliest of the answers that exist."""
    stages: list[tuple[int, str]] = [
        (stage_id, role) for stage_id, role in execute('SELECT "id", "role" FROM "stage"', ())
    ]
    sent_stages, answer_stages = _stages_in(stages, SENT_ROLES), _stages_in(stages, ANSWER_ROLES)
    return f"""
    sent AS MATERIALIZED (
        SELECT a."id", a."source", a."excitement", a."stage_id", a."stage_entered_at",
               s."role" AS end_role,
               coalesce(a."applied_at", (
                   SELECT min(f."at") FROM "activity" AS f WHERE f."application_id" = a."id"
                   AND f."kind" IN ('created', 'stage_changed')
                   AND f."to_stage_id" IN ({sent_stages}))) AS sent_at,
               nullif(min(coalesce(m.answer, '~'), coalesce(i.first_at, '~')), '~') AS answered,
               max(coalesce(m.step, 0), iif(i.first_at IS NULL, 0, {_INTERVIEWING})) AS step
        FROM "application" AS a
        JOIN "stage" AS s ON s."id" = a."stage_id"
        LEFT JOIN (
            SELECT v."application_id", min(iif(v."at" <= ?1, v."at", NULL)) AS answer,
                   max(iif(v."kind" = 'heard_back', NULL, {_step_rank(stages)})) AS step
            FROM "activity" AS v
            WHERE v."kind" IN {_KINDS}
            AND (v."kind" = 'heard_back' OR v."to_stage_id" IN ({answer_stages}))
            GROUP BY v."application_id"
        ) AS m ON m."application_id" = a."id"
        LEFT JOIN (
            SELECT "application_id", min("starts_at") AS first_at FROM "interview"
            WHERE "starts_at" <= ?1 GROUP BY "application_id"
        ) AS i ON i."application_id" = a."id"
        WHERE a."deleted_at" IS NULL AND sent_at IS NOT NULL
    )"""


class Span(NamedTuple):
    """Local days from ``since`` to ``until``, both included, and how to find an instant's
    local day in SQL."""

    since: date
    until: date
    days: LocalDays

    def holds(self, column: str) -> str:
        """SQL: whether ``column``'s local day is in the span (two parameters, see
        :meth:`params`)."""
        return f"{self.days.day(column)} BETWEEN ? AND ?"

    def params(self) -> tuple[str, str]:
        return self.since.isoformat(), self.until.isoformat()


def bounds(execute: Execute) -> tuple[datetime, datetime] | None:
    """The earliest and latest instant the figures read (None: nothing stored yet)."""
    columns = (
        ("application", ("applied_at", "created_at", "stage_entered_at")),
        ("activity", ("at",)),
        ("interview", ("starts_at",)),
        ("draft", ("sent_at",)),
        ("reminder", ("due_at", "done_at")),
    )
    parts = " UNION ALL ".join(
        f'SELECT min("{c}") AS low, max("{c}") AS high FROM "{table}"'
        for table, names in columns
        for c in names
    )
    low, high = next(iter(execute(f"SELECT min(low), max(high) FROM ({parts})", ())))
    if low is None:
        return None
    return from_db_text(low), from_db_text(high)


def local_days(execute: Execute, tz: tzinfo | None, now: datetime) -> LocalDays:
    """How to find the local day of any instant stored (or of ``now``) in SQL."""
    low, high = bounds(execute) or (now, now)
    return LocalDays.over(tz, min(low, now), max(high, now))


def first_created(execute: Execute) -> datetime | None:
    (found,) = next(iter(execute(
        'SELECT min("created_at") FROM "application" WHERE "deleted_at" IS NULL', ()
    )))  # fmt: skip
    return None if found is None else from_db_text(found)


class OutcomeGroup(NamedTuple):
    """Applications sent in a period that share a key, and the microseconds each answered
    one waited for its first answer (negative: answered before it was sent)."""

    ids: tuple[int, ...]
    waits: tuple[int, ...]


class Outcomes(NamedTuple):
    """The applications sent in a period grouped three ways, and those sent each week."""

    #: by (index in STEPS of the furthest step, role of the stage it is in now)
    by_step_and_end: dict[tuple[int, str], OutcomeGroup]
    by_source: dict[str, OutcomeGroup]
    by_excitement: dict[int, OutcomeGroup]
    #: applications sent per local Monday (``YYYY-MM-DD``), over the whole search
    sent_by_week: dict[str, int]


def outcomes(execute: Execute, span: Span, now: datetime) -> Outcomes:
    """How the applications sent in ``span`` fared by ``now``; the weeks' counts.

    SQLite groups the chosen applications once, by all three keys together (a few hundred
    groups); Python adds those groups up into each grouping."""
    wait = micro_between("sent_at", "answered")
    rows = execute(
        f"WITH {sent_summary(execute)} SELECT 0, step, end_role, source, excitement, "
        "json_group_array(id), "
        f"json_group_array({wait}) FROM sent WHERE {span.holds('sent_at')} "
        "GROUP BY step, end_role, source, excitement "
        f"UNION ALL SELECT 1, {span.days.monday('sent_at')} AS week, count(*), "
        "NULL, NULL, NULL, NULL FROM sent GROUP BY week",
        (to_db_text(now), *span.params()),
    )
    by_step_and_end: dict[tuple[int, str], _Members] = {}
    by_source: dict[str, _Members] = {}
    by_excitement: dict[int, _Members] = {}
    sent_by_week: dict[str, int] = {}
    for grouping, step, role, source, excitement, ids, waits in rows:
        if grouping:
            sent_by_week[step] = role
            continue
        members = _Members(json.loads(ids), [w for w in json.loads(waits) if w is not None])
        by_step_and_end.setdefault((step, role), _Members([], [])).add(members)
        by_source.setdefault(source, _Members([], [])).add(members)
        by_excitement.setdefault(excitement, _Members([], [])).add(members)
    return Outcomes(
        _grouped(by_step_and_end), _grouped(by_source), _grouped(by_excitement), sent_by_week
    )


class _Members(NamedTuple):
    ids: list[int]
    waits: list[int]

    def add(self, other: _Members) -> None:
        self.ids.extend(other.ids)
        self.waits.extend(other.waits)


def _grouped(found: dict[K, _Members]) -> dict[K, OutcomeGroup]:
    """Each key's group, the keys in order (as SQLite's ``GROUP BY`` gave them)."""
    return {
        key: OutcomeGroup(tuple(sorted(found[key].ids)), tuple(found[key].waits))
        for key in sorted(found)
    }


class Weeks(NamedTuple):
    """Counts per local Monday (``YYYY-MM-DD``), over the whole search."""

    interviews: dict[str, int]
    outreach: dict[str, int]  # drafts marked sent and calls logged


def weeks(execute: Execute, days: LocalDays) -> Weeks:
    found = Weeks({}, {})
    week = days.monday
    for which, monday, count in execute(
        f"SELECT 0, {week('i.starts_at')} AS w, count(*) FROM interview AS i {live('i')} "
        f"GROUP BY w UNION ALL SELECT 1, w, count(*) FROM ("
        f"  SELECT {week('v.at')} AS w FROM activity AS v {live('v')} WHERE v.kind = 'call'"
        f"  UNION ALL SELECT {week('d.sent_at')} FROM draft AS d {live('d')} "
        "   WHERE d.sent_at IS NOT NULL"
        ") GROUP BY w",
        (),
    ):
        found[which][monday] = count
    return found


class InterviewRow(NamedTuple):
    application_id: int
    company: str
    job_role: str
    starts_at: str  # stored text, as are the next two
    ends_at: str
    #: when a thank-you is due: a day after the end
    deadline: str
    in_span: bool  # it ended on a day of the span


def interviews(execute: Execute, span: Span, thank_you_within_minutes: int) -> list[InterviewRow]:
    """Every interview of a live application, by start (a thank-you sent for an earlier
    one is not one for a later one, whatever the period). Each end is worked out once
    (SQLite's date functions are most of this read's time)."""
    ends = plus_minutes('i."starts_at"', 'i."duration_minutes"')
    deadline = plus_minutes("ends_at", str(thank_you_within_minutes))
    return [
        InterviewRow(app_id, company, job_role, starts, ends_at, due, bool(in_span))
        for app_id, company, job_role, starts, ends_at, due, in_span in execute(
            f'WITH ended AS MATERIALIZED (SELECT i."id", i."application_id", a."company", '
            f'a."role", i."starts_at", {ends} AS ends_at FROM "interview" AS i '
            'JOIN "application" AS a ON a."id" = i."application_id" WHERE a."deleted_at" IS NULL) '
            f'SELECT "application_id", "company", "role", "starts_at", ends_at, {deadline}, '
            f'{span.holds("ends_at")} FROM ended ORDER BY "starts_at", "id"',
            span.params(),
        )
    ]


def thank_you_notes(execute: Execute) -> dict[int, list[str]]:
    """When each application's thank-you notes were marked sent (stored text), in order."""
    notes: dict[int, list[str]] = {}
    for app_id, sent in execute(
        f'SELECT d."application_id", d."sent_at" FROM "draft" AS d {live("d")} '
        'WHERE d."template_key" = ? AND d."sent_at" IS NOT NULL '
        'ORDER BY d."application_id", d."sent_at"',
        (THANK_YOU,),
    ):
        notes.setdefault(app_id, []).append(sent)
    return notes


class ReminderScore(NamedTuple):
    on_time: int
    counted: int
    #: microseconds each done one was done after its due time (negative: before)
    delays: tuple[int, ...]
    #: (application id, company, role, rule key, template key, due, done or None), by due
    missed: list[tuple[int, str, str, str, str, datetime, datetime | None]]


def reminder_score(execute: Execute, span: Span, now: datetime, today: date) -> ReminderScore:
    """Follow-ups and check-ins due in ``span`` by ``now`` and not cancelled: those done
    by their local due day, and the rest (one due today and not done yet is not counted)."""
    days = span.days
    due_day, done_day = days.day('r."due_at"'), days.day('r."done_at"')
    rows = (
        'SELECT r."id", r."application_id", r."rule_key", r."template_key", r."due_at", '
        f'r."done_at", a."company", a."role" AS job_role, {due_day} AS due_day, '
        f'{done_day} AS done_day FROM "reminder" AS r '
        'JOIN "application" AS a ON a."id" = r."application_id" '
        f'WHERE a."deleted_at" IS NULL AND r."rule_key" IN ({_sql_list(SCORED_RULES)}) '
        f'AND r."dismissed_at" IS NULL AND r."due_at" <= ?1 AND {due_day} BETWEEN ?2 AND ?3'
    )
    params = (to_db_text(now), *span.params(), today.isoformat())
    scored = "done_day IS NOT NULL OR due_day <> ?4"  # not: due today and still to do
    late = f"({scored}) AND NOT coalesce(done_day <= due_day, 0)"
    delay = micro_between("due_at", "done_at")
    found = list(execute(
        f"WITH scored AS MATERIALIZED ({rows}) SELECT 0, count(*) FILTER (WHERE done_day <= "
        f"due_day), count(*) FILTER (WHERE {scored}), json_group_array({delay}) FILTER (WHERE "
        "done_at IS NOT NULL), NULL, NULL, NULL, NULL, NULL FROM scored "
        'UNION ALL SELECT 1, "application_id", "company", job_role, "rule_key", '
        f'"template_key", "due_at", "done_at", "id" FROM scored WHERE {late}',
        params,
    ))  # fmt: skip
    (_, on_time, counted, delays, *_), *late_rows = sorted(found, key=lambda r: r[0])
    late_rows.sort(key=lambda r: (r[6], r[8]))  # by due, then id
    missed = [
        (app_id, company, job_role, rule, template, from_db_text(due),
         None if done is None else from_db_text(done))
        for _, app_id, company, job_role, rule, template, due, done, _ in late_rows
    ]  # fmt: skip
    return ReminderScore(on_time, counted, tuple(json.loads(delays)), missed)


class ReportFact(NamedTuple):
    """An application that was sent, as the proof-of-search report lists it."""

    id: int
    company: str
    job_role: str
    source: str
    url: str
    stage_name: str
    closed: bool
    applied_on: date
    #: the local day it entered its stage (when that is an outcome: the outcome's date)
    stage_entered_on: date
    contacts: tuple[str, ...]


def report_facts(execute: Execute, days: LocalDays, now: datetime) -> list[ReportFact]:
    """Every live application that was sent, with the people linked to it."""
    people = _contacts(execute)
    return [
        ReportFact(app_id, company, job_role, source, url, stage, kind == roles.CLOSED_KIND,
                   date.fromisoformat(sent_on), date.fromisoformat(entered_on),
                   tuple(people.get(app_id, ())))
        for app_id, company, job_role, source, url, stage, kind, sent_on, entered_on in execute(
            f'WITH {sent_summary(execute)} SELECT a."id", a."company", a."role", a."source", '
            'a."url", '
            f's."name", s."kind", {days.day("sent_at")}, {days.day("sent.stage_entered_at")} '
            'FROM sent JOIN "application" AS a ON a."id" = sent."id" '
            'JOIN "stage" AS s ON s."id" = sent."stage_id"',
            (to_db_text(now),),
        )
    ]  # fmt: skip


def _contacts(execute: Execute) -> dict[int, list[str]]:
    """ "Name (role)" of the people linked to each application, by name."""
    found: dict[int, list[str]] = {}
    for app_id, name, role in execute(
        'SELECT l."application_id", c."name", l."role" FROM "application_contact" AS l '
        'JOIN "contact" AS c ON c."id" = l."contact_id" ORDER BY c."name"',
        (),
    ):
        found.setdefault(app_id, []).append(f"{name} ({role})" if role else name)
    return found
