"""The sample data looks like a real job search a few weeks in (other features test on it)."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

from fixtures.dbtools import filled_database

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.demo import fill_with_sample_data, remove_sample_data
from jobtracker.domain.services import Services
from jobtracker.store.models import ApplicationContact, Contact, Reminder


def test_demo_spreads_about_40_applications_over_every_stage(
    services: Services, clock: FakeClock
) -> None:
    assert len(fill_with_sample_data(services).application_ids) == 40
    stages = {s.id: s.name for s in services.board.stages()}
    cards = services.board.cards()
    per_stage = Counter(stages[c.stage_id] for c in cards)
    assert set(per_stage) == set(stages.values())
    assert per_stage["Applied"] >= 8 and per_stage["Interviewing"] >= 5
    assert len({c.company for c in cards}) == 40
    now = clock.now()
    interviewing = [c for c in cards if stages[c.stage_id] == "Interviewing"]
    assert all(c.next_interview_at is not None and c.next_interview_at > now for c in interviewing)
    details = [services.applications.get(c.id) for c in cards]
    past_interviews = [i for d in details for i in d.interviews if i.starts_at < now]
    assert len(past_interviews) >= 10
    assert all(d.contacts for d in details)
    assert all((d.applied_at is None) == (stages[d.stage_id] == "Wishlist") for d in details)
    assert all(len(services.timeline.for_application(d.id)) >= 1 for d in details)
    due = Reminder.select().where(Reminder.due_at <= now, Reminder.done_at.is_null())
    assert due.count() >= 3


def test_demo_is_the_same_every_time(services: Services, clock: FakeClock, tmp_path: Path) -> None:
    """Same seed and clock, same board: tests elsewhere can rely on its content."""
    fill_with_sample_data(services)
    first = sorted((c.company, c.role, c.stage_id) for c in services.board.cards())
    other = tmp_path / "other.sqlite3"
    filled_database(other, clock)
    conn = sqlite3.connect(other)
    try:
        rows = conn.execute('SELECT "company", "role", "stage_id" FROM "application"').fetchall()
    finally:
        conn.close()
    assert sorted(rows) == first


def test_demo_tags_some_applications_and_takes_its_tags_away_again(services: Services) -> None:
    kept = services.tags.add([], ["kept"]).tag_ids  # a tag the person had made before
    sample = fill_with_sample_data(services)
    by_app = services.tags.tags_by_application()
    tagged = [app_id for app_id in sample.application_ids if by_app.get(app_id)]
    assert 5 <= len(tagged) < len(sample.application_ids)  # chips on some cards, not all
    names = {name for app_tags in by_app.values() for name in app_tags}
    assert {"remote", "python"} <= names
    remote = services.tags.application_ids("remote")
    assert all("Remote" in services.applications.get(a).location for a in remote)
    remove_sample_data(sample)
    assert services.tags.names() == ["kept"] and kept


def test_every_demo_person_works_where_their_applications_are(services: Services) -> None:
    sample = fill_with_sample_data(services)
    people = {p.id: p for p in services.people.everyone()}
    assert set(people) == set(sample.contact_ids)
    for person in people.values():
        assert person.company, person  # the People view's Company column is filled
        assert person.applications, person
        assert {a.company for a in person.applications} == {person.company}, person
    companies = Counter(p.company for p in people.values())
    assert len(companies) == 40 and max(companies.values()) <= 2  # a recruiter, an interviewer
    assert len({p.name for p in people.values()}) == len(people)
    assert all(p.email.endswith(".example") and p.email.isascii() for p in people.values())


def test_demo_people_are_known_from_when_they_joined_an_application(
    services: Services, clock: FakeClock
) -> None:
    fill_with_sample_data(services)
    for link in ApplicationContact.select():
        contact = Contact.get_by_id(link.contact_id)
        assert contact.created_at <= link.added_at <= clock.now(), contact.name
