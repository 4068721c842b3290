"""People: the list read in a fixed number of queries, edits checked field by field,
duplicates found, merges that undo to the very rows they changed."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.contacts import problems
from jobtracker.domain.errors import ValidationError
from jobtracker.domain.people import duplicates
from jobtracker.domain.services import Services
from jobtracker.store.files import sqlite_uri
from jobtracker.store.models import database

PEOPLE_TABLES = ("contact", "application_contact", "interview_interviewer", "draft")


def _tables(db_path: Path) -> dict[str, list[tuple[object, ...]]]:
    """The people's rows as the file holds them, read over a connection of their own."""
    connection = sqlite3.connect(sqlite_uri(db_path), uri=True)
    try:
        return {
            table: connection.execute(f'SELECT * FROM "{table}" ORDER BY 1, 2').fetchall()
            for table in (*PEOPLE_TABLES, "application")
        }
    finally:
        connection.close()


def _statements(services: Services) -> int:
    """How many SQL statements reading everyone takes."""
    seen: list[str] = []
    connection = database.connection()
    connection.set_trace_callback(seen.append)
    try:
        services.people.everyone()
    finally:
        connection.set_trace_callback(None)
    return len(seen)


def test_everyone_is_read_in_the_same_few_queries_however_many(
    services: Services, clock: FakeClock
) -> None:
    def add_people(count: int) -> None:
        for number in range(count):
            app_id = services.applications.add(f"Company {number}", "Engineer").id
            person = services.contacts.add(f"Person {number}")
            services.contacts.link(app_id, person.id, "recruiter")
            services.interviews.add(
                app_id, clock.now() - timedelta(days=1), interviewer_ids=(person.id,)
            )

    add_people(5)
    few = _statements(services)
    add_people(50)
    assert _statements(services) == few <= 4


def test_a_person_lists_applications_and_last_contact(services: Services, clock: FakeClock) -> None:
    acme = services.applications.add("Acme Robotics", "Backend Engineer").id
    globex = services.applications.add("Globex", "Platform Engineer").id
    trashed = services.applications.add("Trashed Inc", "Engineer").id
    sofia = services.contacts.add("Sofía Marín", title="Recruiter", email="sofia@acme.example")
    services.contacts.link(acme, sofia.id, "recruiter")
    services.contacts.link(trashed, sofia.id)
    services.applications.trash([trashed])
    met = clock.now() - timedelta(days=3)
    services.interviews.add(globex, met, interviewer_ids=(sofia.id,))
    services.interviews.add(globex, clock.now() + timedelta(days=3), interviewer_ids=(sofia.id,))
    person = services.people.person(sofia.id)
    assert person is not None
    assert [(a.company, a.contact_role) for a in person.applications] == [
        ("Acme Robotics", "recruiter"),
        ("Globex", "interviewer"),
    ]
    assert person.applications_text() == "Acme Robotics, Globex"
    assert person.last_contact == met  # the interview to come is not a contact yet
    assert "sofia marin" in person.search_text and "globex" in person.search_text
    clock.advance(hours=1)
    draft = services.drafts.save(None, acme, "follow-up", sofia.id, "", "Hello")
    services.drafts.mark_sent(draft.id)
    assert services.people.everyone()[0].last_contact == clock.now()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "sofia at acme"),
        ("phone", "call after five"),
        ("name", "  "),
        ("url", "not a link"),
    ],
)
def test_a_refused_edit_names_its_field_and_writes_nothing(
    services: Services, db_path: Path, field: str, value: str
) -> None:
    sofia = services.contacts.add("Sofia Marin", email="sofia@acme.example", phone="+49 30 1")
    before = _tables(db_path)
    with pytest.raises(ValidationError) as refused:
        services.contacts.edit(sofia.id, **{field: value})
    assert refused.value.field == field
    assert _tables(db_path) == before


def test_problems_lists_every_refused_field_at_once() -> None:
    found = problems({"name": "", "email": "nope", "phone": "+49 30 123", "title": "CTO"})
    assert sorted(found) == ["email", "name"]


def test_an_edit_returns_what_undo_puts_back(services: Services, db_path: Path) -> None:
    app_id = services.applications.add("Acme", "Engineer").id
    sofia = services.contacts.add("Sofia Marin", phone="+49 30 1234")
    services.contacts.link(app_id, sofia.id)
    before = _tables(db_path)
    previous = services.contacts.edit(sofia.id, name="Sofia Marín-Lopez", phone="+49 30 9999")
    assert services.applications.get(app_id).contacts[0].name == "Sofia Marín-Lopez"
    assert "lopez" in services.board.search("lopez")[0].search_text
    services.contacts.restore(sofia.id, previous)
    assert _tables(db_path) == before


def test_duplicates_by_email_or_name_at_the_same_company(services: Services) -> None:
    one = services.contacts.add("Sofia Marin", company="Acme", email="Sofia@acme.example")
    two = services.contacts.add("S. Marin", email="sofia@ACME.example")
    three = services.contacts.add("sofía marín", company="ACME")
    services.contacts.add("Sofia Marin", company="Globex")  # another Sofia
    services.contacts.add("Marco Bianchi", company="Acme")
    groups = duplicates(services.people.everyone())
    assert [[p.id for p in group] for group in groups] == [[one.id, two.id, three.id]]


def test_merge_moves_everything_to_the_kept_person_and_undoes_exactly(
    services: Services, db_path: Path, clock: FakeClock
) -> None:
    acme = services.applications.add("Acme", "Engineer").id
    globex = services.applications.add("Globex", "Engineer").id
    kept = services.contacts.add("Sofia Marin", email="sofia@acme.example")
    other = services.contacts.add("Sofia M.", email="sofia@acme.example", phone="+49 30 555")
    services.contacts.link(acme, kept.id, "recruiter")
    services.contacts.link(acme, other.id, "interviewer")  # both on one application
    services.contacts.link(globex, other.id, "hiring manager")
    interview = services.interviews.add(acme, clock.now(), interviewer_ids=(other.id,))
    draft = services.drafts.save(None, globex, "thank-you", other.id, "", "Thanks")
    before = _tables(db_path)

    result = services.contacts.merge(kept.id, [other.id], {"phone": "+49 30 555"})
    merged = services.people.person(kept.id)
    assert merged is not None and services.people.person(other.id) is None
    assert merged.phone == "+49 30 555" and merged.name == "Sofia Marin"
    assert [(a.company, a.contact_role) for a in merged.applications] == [
        ("Acme", "recruiter"),
        ("Globex", "hiring manager"),
    ]
    assert services.interviews.get(interview.id).interviewer_ids == (kept.id,)
    assert services.drafts.get(draft.id).contact_id == kept.id
    assert services.board.search("sofia marin")  # Globex's search text names her now

    services.contacts.undo_merge(result)
    assert _tables(db_path) == before
    again = services.contacts.redo_merge(result)
    assert services.people.person(other.id) is None
    services.contacts.undo_merge(again)
    assert _tables(db_path) == before


def test_merge_refuses_a_new_value_that_is_not_valid(services: Services, db_path: Path) -> None:
    one = services.contacts.add("Sofia Marin")
    two = services.contacts.add("Sofia M.")
    before = _tables(db_path)
    with pytest.raises(ValidationError) as refused:
        services.contacts.merge(one.id, [two.id], {"email": "not an address"})
    assert refused.value.field == "email"
    with pytest.raises(ValidationError):
        services.contacts.merge(one.id, [one.id])
    assert _tables(db_path) == before
