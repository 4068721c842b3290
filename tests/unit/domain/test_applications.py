"""Applications, contacts and interviews: validation that writes nothing, search, trash."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.errors import FieldsError, NotFoundError, ValidationError
from jobtracker.domain.services import Services
from jobtracker.store.models import ALL_MODELS


def _row_counts() -> dict[str, int]:
    return {model.__name__: model.select().count() for model in ALL_MODELS}


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"company": "  "}, "company"),
        ({"role": ""}, "role"),
        ({"url": "jobs at example"}, "url"),
        ({"excitement": 6}, "excitement"),
        ({"excitement": True}, "excitement"),
        ({"salary_min": -5}, "salary_min"),
        ({"salary_min": 90_000, "salary_max": 60_000}, "salary_max"),
        ({"deadline": datetime(2026, 5, 1, tzinfo=UTC)}, "deadline"),
        ({"applied_at": datetime(2026, 3, 1, 9, 0)}, "applied_at"),
        ({"location": "x" * 501}, "location"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_invalid_application_fields_are_named_and_nothing_is_written(
    services: Services, fields: dict[str, Any], field: str
) -> None:
    existing = services.applications.add("Acme", "Engineer").id
    before = _row_counts()
    values = {"company": "Globex", "role": "Analyst", **fields}
    with pytest.raises(ValidationError) as refused:
        services.applications.add(values.pop("company"), values.pop("role"), **values)
    assert refused.value.field == field
    assert str(refused.value).startswith(f"{field}: ")
    assert _row_counts() == before
    with pytest.raises(ValidationError) as refused:
        services.applications.edit(existing, **fields)
    assert refused.value.field == field
    assert _row_counts() == before
    assert services.applications.get(existing).company == "Acme"


def test_every_bad_field_is_named_in_one_refusal(services: Services) -> None:
    """A form shows all its problems in one pass: the domain reports them together."""
    before = _row_counts()
    with pytest.raises(FieldsError) as refused:
        services.applications.add(" ", "", url="jobs at example", excitement=9, location="x" * 501)
    assert [e.field for e in refused.value.errors] == [
        "company",
        "role",
        "url",
        "excitement",
        "location",
    ]
    assert _row_counts() == before


def test_a_link_without_a_scheme_gets_https(services: Services) -> None:
    app_id = services.applications.add("Acme", "Engineer", url="acme.com/jobs/1").id
    assert services.applications.get(app_id).url == "https://acme.com/jobs/1"
    services.applications.edit(app_id, url="www.acme.com")
    assert services.applications.get(app_id).url == "https://www.acme.com"


def test_an_application_keeps_every_field(services: Services, clock: FakeClock) -> None:
    applied = datetime(2026, 3, 2, 16, 30, tzinfo=UTC)
    app_id = services.applications.add(
        "Café Lumière", "Full-Stack Developer", url="https://jobs.example.com/cafe",
        location="Lyon", salary_text="€60k–75k", salary_min=60_000, salary_max=75_000,
        salary_currency="EUR", source="Referral", deadline=date(2026, 4, 1),
        description="Build things.", notes="Ask about remote.", excitement=4, applied_at=applied,
    ).id  # fmt: skip
    got = services.applications.get(app_id)
    assert (got.company, got.role, got.location, got.url) == (
        "Café Lumière", "Full-Stack Developer", "Lyon", "https://jobs.example.com/cafe",
    )  # fmt: skip
    assert (got.salary_min, got.salary_max, got.salary_currency) == (60_000, 75_000, "EUR")
    assert got.deadline == date(2026, 4, 1) and got.applied_at == applied
    assert got.created_at == got.updated_at == got.stage_entered_at == clock.now()
    timeline = services.timeline.for_application(app_id)
    assert [a.kind for a in timeline] == ["created"]


def test_edit_logs_one_entry_and_returns_previous_values(
    services: Services, clock: FakeClock
) -> None:
    app_id = services.applications.add("Acme", "Engineer").id
    clock.advance(hours=1)
    previous = services.applications.edit(app_id, role="Senior Engineer", location="Berlin")
    assert previous == {"role": "Engineer", "location": ""}
    assert services.applications.edit(app_id, role="Senior Engineer") == {}  # no change
    kinds = [a.kind for a in services.timeline.for_application(app_id)]
    assert kinds == ["edited", "created"]
    assert services.applications.get(app_id).updated_at == clock.now()


def test_already_applied_returns_the_same_company_ignoring_case_and_accents(
    services: Services,
) -> None:
    first = services.applications.add("Café Zürich", "Engineer").id
    archived = services.applications.add("CAFE ZURICH", "Analyst").id
    services.applications.archive([archived])
    trashed = services.applications.add("café zürich", "Designer").id
    services.applications.trash([trashed])
    services.applications.add("Other", "Engineer")
    result = services.applications.add("  cafe zürich ", "Manager")
    assert {card.id for card in result.same_company} == {first, archived}
    assert services.applications.add("Nobody Yet", "Engineer").same_company == ()


def test_search_is_case_and_accent_insensitive_over_every_covered_field(
    services: Services,
) -> None:
    cafe = services.applications.add(
        "Café Zürich", "Bäckerei Engineer", location="Genève", notes="Señor developer role"
    ).id
    other = services.applications.add("Acme", "Engineer").id
    contact = services.contacts.add("Chloé Dubois")
    services.contacts.link(other, contact.id, "recruiter")

    def found(query: str) -> set[int]:
        return {card.id for card in services.board.search(query)}

    assert found("CAFE") == {cafe}
    assert found("zurich") == found("ZÜRICH") == {cafe}
    assert found("backerei") == {cafe}  # role
    assert found("geneve") == {cafe}  # location
    assert found("senor") == {cafe}  # notes
    assert found("chloe") == found("DUBOIS") == {other}  # a contact's name
    assert found("engineer") == {cafe, other}
    assert found("engineer chloe") == {other}  # every word must match
    assert found("nowhere") == set()


def test_search_follows_contact_changes(services: Services) -> None:
    app_id = services.applications.add("Acme", "Engineer").id
    contact = services.contacts.add("Jonas Weber")
    services.contacts.link(app_id, contact.id, "hiring manager")
    assert [c.id for c in services.board.search("weber")] == [app_id]
    services.contacts.edit(contact.id, name="Jonas Müller")
    assert services.board.search("weber") == []
    assert [c.id for c in services.board.search("muller")] == [app_id]
    services.contacts.unlink(app_id, contact.id)
    assert services.board.search("muller") == []
    services.contacts.link(app_id, contact.id)
    services.contacts.delete(contact.id)
    assert services.board.search("muller") == []


def test_search_follows_edits(services: Services) -> None:
    app_id = services.applications.add("Acme", "Engineer").id
    services.applications.edit(app_id, notes="Met Ångström at the fair")
    assert [c.id for c in services.board.search("angstrom")] == [app_id]


def test_trash_restore_and_purge(services: Services, clock: FakeClock) -> None:
    keep = services.applications.add("Keep", "Engineer").id
    gone = services.applications.add("Gone", "Engineer").id
    services.interviews.add(gone, clock.now() + timedelta(days=1), title="Screen")
    services.applications.trash([gone])
    assert [c.id for c in services.board.cards()] == [keep]
    assert services.board.card(gone).trashed
    services.applications.restore([gone])
    assert {c.id for c in services.board.cards()} == {keep, gone}
    services.applications.trash([gone])
    clock.advance(days=30)
    assert services.applications.purge_trash() == 0  # exactly 30 days: still restorable
    clock.advance(seconds=1)
    assert services.applications.purge_trash() == 1
    with pytest.raises(NotFoundError):
        services.applications.get(gone)
    assert services.interviews.for_application(gone) == []
    assert services.timeline.for_application(gone) == []
    assert [c.id for c in services.board.cards()] == [keep]


def test_archive_hides_without_deleting(services: Services) -> None:
    app_id = services.applications.add("Acme", "Engineer").id
    services.applications.archive([app_id])
    assert services.board.cards() == []
    assert [c.id for c in services.board.cards(include_archived=True)] == [app_id]
    services.applications.unarchive([app_id])
    assert [c.id for c in services.board.cards()] == [app_id]


def test_unknown_ids_are_named(services: Services) -> None:
    with pytest.raises(NotFoundError, match="There is no application #99"):
        services.applications.get(99)
    with pytest.raises(NotFoundError, match="application #99"):
        services.applications.trash([99])
    with pytest.raises(NotFoundError, match="contact #5"):
        services.contacts.get(5)


def test_contacts_validate_and_link_with_a_role(services: Services) -> None:
    app_id = services.applications.add("Acme", "Engineer").id
    before = _row_counts()
    with pytest.raises(ValidationError) as refused:
        services.contacts.add("Amira", email="not-an-email")
    assert refused.value.field == "email"
    with pytest.raises(ValidationError) as refused:
        services.contacts.add(" ")
    assert refused.value.field == "name"
    assert _row_counts() == before
    amira = services.contacts.add("Amira Haddad", email="amira@example.com", phone="+49 30 1")
    services.contacts.link(app_id, amira.id, "recruiter")
    with pytest.raises(ValidationError) as refused:
        services.contacts.link(app_id, amira.id, "friend")
    assert refused.value.field == "role"
    services.contacts.link(app_id, amira.id, "hiring manager")  # replaces the role
    people = services.contacts.for_application(app_id)
    assert [(p.name, p.role) for p in people] == [("Amira Haddad", "hiring manager")]
    assert people[0].first_name == "Amira"


def test_interviews_store_instants_and_interviewers(services: Services) -> None:
    app_id = services.applications.add("Acme", "Engineer").id
    jonas = services.contacts.add("Jonas Weber")
    before = _row_counts()
    for bad, field in (
        ({"starts_at": datetime(2026, 3, 12, 10, 0)}, "starts_at"),
        ({"kind": "carrier pigeon"}, "kind"),
        ({"duration_minutes": 0}, "duration_minutes"),
    ):
        starts = bad.pop("starts_at", datetime(2026, 3, 12, 10, 0, tzinfo=UTC))
        with pytest.raises(ValidationError) as refused:
            services.interviews.add(app_id, starts, **bad)
        assert refused.value.field == field
    with pytest.raises(NotFoundError, match="contact #999"):
        services.interviews.add(
            app_id, datetime(2026, 3, 12, 10, 0, tzinfo=UTC), interviewer_ids=(999,)
        )
    assert _row_counts() == before
    starts = datetime(2026, 3, 12, 10, 0, tzinfo=UTC)
    interview = services.interviews.add(
        app_id, starts, title="Technical", kind="onsite", duration_minutes=90,
        interviewer_ids=(jonas.id,),
    )  # fmt: skip
    got = services.interviews.get(interview.id)
    assert got.starts_at == starts and got.ends_at == starts + timedelta(minutes=90)
    assert got.interviewer_ids == (jonas.id,)
    assert services.board.card(app_id).next_interview_at == starts
