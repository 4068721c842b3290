"""Everyone of the search in one list: each person with their applications and when they
were last in touch, read in three queries whatever the number of people (on the store's
connection, or on one of its own from any thread); and the likely duplicates among them
(same email, or same name at the same company)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from jobtracker.domain.clock import SYSTEM_CLOCK, Clock
from jobtracker.store.errors import StoreError
from jobtracker.store.identity import read_only_connection
from jobtracker.store.instants import from_db_text, to_db_text
from jobtracker.store.models import database
from jobtracker.text import fold, search_text

#: runs one statement with its parameters and gives its rows
Execute = Callable[[str, Sequence[object]], Iterable[Sequence[Any]]]
#: the fields people can be ordered by (the People view's columns)
ORDERS = ("name", "company", "title", "email", "phone", "last_contact", "applications")


class PersonApplication(NamedTuple):
    """One application a person is part of, and their role on it."""

    id: int
    company: str
    role: str
    stage_id: int
    contact_role: str


class Person(NamedTuple):
    """A row of the People view."""

    id: int
    name: str
    title: str
    company: str
    email: str
    phone: str
    url: str
    notes: str
    #: the latest interview with them that has taken place, or message sent to them
    last_contact: datetime | None
    applications: tuple[PersonApplication, ...]
    #: name, title, company, email, phone and their applications' companies, folded
    search_text: str

    def applications_text(self) -> str:
        """ "Acme Robotics, Globex" (each company once, in order)."""
        return ", ".join(dict.fromkeys(a.company for a in self.applications))


#: contacts and interviewers of applications not in the trash (an interviewer who is not
#: also a contact of the application is listed as its interviewer)
_APPLICATIONS_SQL = """
SELECT ac."contact_id", a."id", a."company", a."role", a."stage_id", ac."role"
FROM "application_contact" AS ac JOIN "application" AS a ON a."id" = ac."application_id"
WHERE a."deleted_at" IS NULL {links}
UNION
SELECT ii."contact_id", a."id", a."company", a."role", a."stage_id", 'interviewer'
FROM "interview_interviewer" AS ii JOIN "interview" AS i ON i."id" = ii."interview_id"
JOIN "application" AS a ON a."id" = i."application_id"
WHERE a."deleted_at" IS NULL AND NOT EXISTS (SELECT 1 FROM "application_contact" AS o
  WHERE o."application_id" = a."id" AND o."contact_id" = ii."contact_id") {interviews}
ORDER BY 3 COLLATE NOCASE, 4 COLLATE NOCASE
"""

_LAST_CONTACT_SQL = """
SELECT "contact_id", MAX("at") FROM (
  SELECT ii."contact_id" AS "contact_id", i."starts_at" AS "at"
  FROM "interview_interviewer" AS ii JOIN "interview" AS i ON i."id" = ii."interview_id"
  WHERE i."starts_at" <= ? {interviews}
  UNION ALL
  SELECT "contact_id", "sent_at" FROM "draft"
  WHERE "sent_at" IS NOT NULL AND "contact_id" IS NOT NULL {drafts}
) GROUP BY "contact_id"
"""


class PeopleReader:
    """The People view's reads; ``source`` is the file the store reads from, which
    :meth:`everyone_apart` opens a connection of its own to."""

    def __init__(self, clock: Clock = SYSTEM_CLOCK, source: Path | None = None) -> None:
        self.clock = clock
        self.source = source

    def everyone(self, only_id: int | None = None) -> list[Person]:
        """Every person by name (``only_id``: that one person, if stored)."""
        return self._read(database.execute_sql, only_id)

    def everyone_apart(self, order: str = "name", descending: bool = False) -> list[Person]:
        """:meth:`everyone` in ``order`` (see :func:`ordered`), read over a read-only
        connection of its own in one snapshot, so any thread may call it (a window's
        worker); StoreError when the file cannot be read."""
        if self.source is None:
            raise StoreError("The people cannot be read apart: no file to read from.")
        try:
            connection = read_only_connection(self.source, whole_file=False)
            try:
                connection.execute("BEGIN")  # one snapshot for every read
                return ordered(self._read(connection.execute, None), order, descending)
            finally:
                connection.close()
        except sqlite3.Error as exc:
            raise StoreError(f"Cannot read {self.source}: {exc}") from exc

    def _read(self, execute: Execute, only_id: int | None) -> list[Person]:
        one = only_id is not None
        only = (only_id,) if one else ()
        sql = _APPLICATIONS_SQL.format(
            links='AND ac."contact_id" = ?' if one else "",
            interviews='AND ii."contact_id" = ?' if one else "",
        )
        applications: dict[int, list[PersonApplication]] = {}
        for contact_id, *app in execute(sql, only + only):
            applications.setdefault(contact_id, []).append(PersonApplication(*app))
        sql = _LAST_CONTACT_SQL.format(
            interviews='AND ii."contact_id" = ?' if one else "",
            drafts='AND "contact_id" = ?' if one else "",
        )
        now = to_db_text(self.clock.now())
        last = {
            contact_id: from_db_text(at) for contact_id, at in execute(sql, (now, *only, *only))
        }
        rows = execute(
            'SELECT "id", "name", "title", "company", "email", "phone", "url", "notes" '
            f'FROM "contact" {"WHERE id = ?" if one else ""} ORDER BY "name" COLLATE NOCASE, "id"',
            only,
        )
        people = []
        for contact_id, name, title, company, email, phone, url, notes in rows:
            apps = tuple(applications.get(contact_id, ()))
            haystack = search_text(name, title, company, email, phone, *(a.company for a in apps))
            people.append(
                Person(
                    contact_id, name, title, company, email, phone, url, notes,
                    last.get(contact_id), apps, haystack,
                )
            )  # fmt: skip
        return people

    def person(self, contact_id: int) -> Person | None:
        """One person as :meth:`everyone` lists them (None: not stored)."""
        found = self.everyone(contact_id)
        return found[0] if found else None


def ordered(people: list[Person], order: str, descending: bool = False) -> list[Person]:
    """``people`` sorted by one of :data:`ORDERS` (text folded, last contact by time, the
    applications by how many), each person's key computed once; ties keep their order."""
    if order == "last_contact":
        return sorted(
            people, key=lambda p: p.last_contact.timestamp() if p.last_contact else 0.0,
            reverse=descending,
        )  # fmt: skip
    if order == "applications":
        return sorted(people, key=lambda p: len(p.applications), reverse=descending)
    keys = {p.id: fold(getattr(p, order)) for p in people}
    return sorted(people, key=lambda p: keys[p.id], reverse=descending)


def duplicates(people: Sequence[Person]) -> list[tuple[Person, ...]]:
    """Groups of people who are likely one: the same email address, or the same name at the
    same company (case and accents aside). Each group in list order, oldest id first."""
    parent = {p.id: p.id for p in people}

    def root(person_id: int) -> int:
        while parent[person_id] != person_id:
            parent[person_id] = parent[parent[person_id]]
            person_id = parent[person_id]
        return person_id

    seen: dict[tuple[str, ...], int] = {}
    for person in people:
        keys: list[tuple[str, ...]] = [
            ("name", fold(person.name).strip(), fold(person.company).strip())
        ]
        if person.email.strip():
            keys.append(("email", fold(person.email).strip()))
        for key in keys:
            if key in seen:
                parent[root(person.id)] = root(seen[key])
            else:
                seen[key] = person.id
    groups: dict[int, list[Person]] = {}
    for person in people:
        groups.setdefault(root(person.id), []).append(person)
    found = [tuple(sorted(g, key=lambda p: p.id)) for g in groups.values() if len(g) > 1]
    return sorted(found, key=lambda g: fold(g[0].name))
