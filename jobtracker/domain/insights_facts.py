"""What the insights and the proof-of-search report read: one snapshot of a whole search.

Plain SQL, the instants parsed as they are read: ``stats`` over 10,000 applications reads
every application, stage move, interview, sent draft and follow-up reminder once, and
builds no ORM object. Trashed applications are left out (the person threw them away);
archived ones stay, since they are part of the search's history.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from jobtracker.store.instants import from_db_text

#: a DB-API ``execute``: SQL with ``?`` placeholders and its parameters, giving the rows
Execute = Callable[[str, Sequence[object]], Iterable[tuple[Any, ...]]]

#: the reminders whose timeliness the follow-up score measures
SCORED_RULES = ("no_reply", "check_in")


class StageFact(NamedTuple):
    id: int
    name: str
    position: int
    closed: bool
    role: str  # domain/stage_roles.py; what the insights read, never the name


class ApplicationFact(NamedTuple):
    id: int
    company: str
    job_role: str
    source: str
    url: str
    excitement: int
    stage_id: int
    stage_entered_at: datetime
    applied_at: datetime | None
    created_at: datetime
    #: (when, stage id) of the stage it was created in and of every move, oldest first
    moves: tuple[tuple[datetime, int], ...] = ()
    #: instants the company answered, as logged on the timeline ("heard back")
    heard_back: tuple[datetime, ...] = ()
    #: "Name (recruiter)" of each person linked to it
    contacts: tuple[str, ...] = ()


class InterviewFact(NamedTuple):
    id: int
    application_id: int
    starts_at: datetime
    ends_at: datetime


class OutreachFact(NamedTuple):
    """The person reached out: a draft marked sent (with its template) or a call logged."""

    application_id: int
    at: datetime
    template_key: str


class ReminderFact(NamedTuple):
    id: int
    application_id: int
    rule_key: str
    template_key: str
    due_at: datetime
    done_at: datetime | None


class SearchFacts(NamedTuple):
    stages: dict[int, StageFact]
    applications: dict[int, ApplicationFact]
    interviews: list[InterviewFact]
    outreach: list[OutreachFact]
    #: the scored follow-up reminders that were not cancelled
    reminders: list[ReminderFact]


def load_facts(execute: Execute, *, contacts: bool = False) -> SearchFacts:
    """Every fact the insights read (the people linked to each application only when
    ``contacts``: the report lists them). Run it in one transaction for one snapshot."""
    parse = from_db_text
    stages = {
        row[0]: StageFact(row[0], row[1], row[2], row[3] == "closed", row[4])
        for row in execute('SELECT "id", "name", "position", "kind", "role" FROM "stage"', ())
    }
    live = '"application_id" IN (SELECT "id" FROM "application" WHERE "deleted_at" IS NULL)'
    moves: dict[int, list[tuple[datetime, int]]] = defaultdict(list)
    heard: dict[int, list[datetime]] = defaultdict(list)
    calls: list[OutreachFact] = []
    for app_id, kind, at, to_stage in execute(
        'SELECT "application_id", "kind", "at", "to_stage_id" FROM "activity" '
        f"WHERE \"kind\" IN ('created', 'stage_changed', 'heard_back', 'call') AND {live} "
        'ORDER BY "application_id", "at", "id"',  # stored instants sort as text
        (),
    ):
        if kind == "heard_back":
            heard[app_id].append(parse(at))
        elif kind == "call":
            calls.append(OutreachFact(app_id, parse(at), ""))
        elif to_stage is not None:
            moves[app_id].append((parse(at), to_stage))
    people = _contacts(execute) if contacts else {}
    applications: dict[int, ApplicationFact] = {}
    for row in execute(
        'SELECT "id", "company", "role", "source", "url", "excitement", "stage_id", '
        '"stage_entered_at", "applied_at", "created_at" FROM "application" '
        'WHERE "deleted_at" IS NULL',
        (),
    ):
        app_id, entered, applied, created = row[0], row[7], row[8], row[9]
        applications[app_id] = ApplicationFact._make(
            (
                *row[:7],
                parse(entered),
                applied and parse(applied),
                parse(created),
                tuple(moves[app_id]),
                tuple(heard[app_id]),
                tuple(people.get(app_id, ())),
            )
        )
    interviews = [
        InterviewFact(row[0], row[1], parse(row[2]), parse(row[2]) + timedelta(minutes=row[3]))
        for row in execute(
            'SELECT "id", "application_id", "starts_at", "duration_minutes" FROM "interview" '
            f"WHERE {live}",
            (),
        )
    ]
    drafts = [
        OutreachFact(app_id, parse(at), template)
        for app_id, at, template in execute(
            'SELECT "application_id", "sent_at", "template_key" FROM "draft" '
            f'WHERE "sent_at" IS NOT NULL AND {live}',
            (),
        )
    ]
    reminders = [
        ReminderFact(row[0], row[1], row[2], row[3], parse(row[4]), row[5] and parse(row[5]))
        for row in execute(
            'SELECT "id", "application_id", "rule_key", "template_key", "due_at", "done_at" '
            f'FROM "reminder" WHERE "rule_key" IN {SCORED_RULES!r} '
            f'AND "dismissed_at" IS NULL AND {live}',
            (),
        )
    ]
    return SearchFacts(stages, applications, interviews, calls + drafts, reminders)


def _contacts(execute: Execute) -> dict[int, list[str]]:
    """ "Name (role)" of the people linked to each application, by name."""
    found: dict[int, list[str]] = defaultdict(list)
    for app_id, name, role in execute(
        'SELECT l."application_id", c."name", l."role" FROM "application_contact" AS l '
        'JOIN "contact" AS c ON c."id" = l."contact_id" ORDER BY c."name"',
        (),
    ):
        found[app_id].append(f"{name} ({role})" if role else name)
    return found
