"""Whom a note goes to: one choice shared by the draft, the reminder and the agenda.

A thank-you goes to the interviewer, a follow-up or check-in to the recruiter, network
thanks to the referral. The reminder that asks for a note and the draft that answers it pick
the person with this one function, so they never name different people.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from jobtracker.store.models import database

INTERVIEWER_FIRST = ("interviewer", "hiring manager", "recruiter", "referral", "other")
RECRUITER_FIRST = ("recruiter", "hiring manager", "interviewer", "referral", "other")
REFERRAL_FIRST = ("referral", "other", "recruiter", "hiring manager", "interviewer")
#: templates not listed here thank or answer the people met, interviewers first
ROLES_BY_TEMPLATE = {
    "network-thanks": REFERRAL_FIRST,
    "follow-up": RECRUITER_FIRST,
    "check-in": RECRUITER_FIRST,
}


class Person(Protocol):
    """A contact as far as choosing goes: its id and its role on the application."""

    @property
    def id(self) -> int: ...

    @property
    def role(self) -> str: ...

    @property
    def phone(self) -> str: ...

    @property
    def email(self) -> str: ...


def roles_for(template_key: str) -> tuple[str, ...]:
    """Contact roles in the order ``template_key`` prefers them."""
    return ROLES_BY_TEMPLATE.get(template_key, INTERVIEWER_FIRST)


P = TypeVar("P", bound=Person)


def pick(template_key: str, people: Sequence[P], interviewer_ids: Sequence[int] = ()) -> P | None:
    """The person ``template_key`` goes to: for a note to the people met, an interviewer of
    the interview it is about (``interviewer_ids``); else the first person by role order;
    else anyone; None when the application has nobody. Within each of these, someone with a
    phone or email comes first, then the lower id, so every caller gets the same answer
    whatever order it read the people in."""
    ordered = sorted(people, key=lambda person: (not (person.phone or person.email), person.id))
    if template_key not in ROLES_BY_TEMPLATE:
        for person in ordered:
            if person.id in interviewer_ids:
                return person
    for role in roles_for(template_key):
        for person in ordered:
            if person.role == role:
                return person
    return ordered[0] if ordered else None


@dataclass(frozen=True, slots=True)
class Contact:
    """A person of an application, with their role on it."""

    id: int
    name: str
    phone: str
    email: str
    role: str

    @property
    def line(self) -> str:
        """ "Jonas Weber, +49 30 1234567, jonas@example.com"."""
        return ", ".join(part for part in (self.name, self.phone, self.email) if part)


def people_of(application_ids: list[int]) -> dict[int, list[Contact]]:
    """The people of these applications: their contacts, and the interviewers of their
    interviews (as interviewers), as the draft editor lists them."""
    if not application_ids:
        return {}
    marks = ", ".join("?" * len(application_ids))
    sql = (
        'SELECT ac."application_id", c."id", c."name", c."phone", c."email", ac."role" '
        'FROM "application_contact" AS ac JOIN "contact" AS c ON c."id" = ac."contact_id" '
        f'WHERE ac."application_id" IN ({marks}) '
        'UNION SELECT i."application_id", c."id", c."name", c."phone", c."email", '
        "'interviewer' FROM \"interview\" AS i "
        'JOIN "interview_interviewer" AS ii ON ii."interview_id" = i."id" '
        'JOIN "contact" AS c ON c."id" = ii."contact_id" '
        f'WHERE i."application_id" IN ({marks}) AND NOT EXISTS (SELECT 1 FROM '
        '"application_contact" AS o WHERE o."application_id" = i."application_id" '
        'AND o."contact_id" = c."id")'
    )
    people: dict[int, list[Contact]] = {}
    for app_id, *person in database.execute_sql(sql, application_ids * 2).fetchall():
        people.setdefault(app_id, []).append(Contact(*person))
    return people


def interviewers_of(anchors: list[str]) -> dict[str, tuple[int, ...]]:
    """The interviewers of the interviews named by ``interview:ID`` anchors."""
    ids = {anchor: int(anchor.partition(":")[2]) for anchor in anchors}
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    found: dict[int, list[int]] = {}
    for interview_id, contact_id in database.execute_sql(
        'SELECT "interview_id", "contact_id" FROM "interview_interviewer" '
        f'WHERE "interview_id" IN ({marks})',
        list(ids.values()),
    ):
        found.setdefault(interview_id, []).append(contact_id)
    return {anchor: tuple(found.get(number, ())) for anchor, number in ids.items()}
