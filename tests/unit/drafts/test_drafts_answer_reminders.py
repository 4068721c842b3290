"""Drafts that answer reminders: whom they go to, what they need, words that fit the moment."""

from __future__ import annotations

from datetime import timedelta

import pytest

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.services import Services
from jobtracker.domain.templates import parse_front_matter


@pytest.fixture
def app_id(services: Services, clock: FakeClock) -> int:
    """Acme, with a recruiter and an interview with Jonas yesterday."""
    services.profile.save("Alex Morgan", "alex@example.com")
    stage = services.board.stage_by_name("Interviewing").id
    app = services.applications.add("Acme Robotics", "Backend Engineer", stage).id
    recruiter = services.contacts.add("Amira Haddad", email="amira@example.com")
    jonas = services.contacts.add("Jonas Weber", email="jonas@example.com")
    services.contacts.link(app, recruiter.id, "recruiter")
    start = clock.now() - timedelta(days=1)
    services.interviews.add(app, start, title="First interview", interviewer_ids=(jonas.id,))
    return app


def test_the_reminder_and_its_draft_name_the_same_person(services: Services, app_id: int):
    """The thank-you goes to the interviewer, the follow-up to the recruiter: in the
    reminder's contact line, the agenda's row and the draft's recipient alike."""
    clock = services.clock
    assert isinstance(clock, FakeClock)
    clock.advance(days=2)  # the 48-hour follow-up is due too
    reminders = {r.rule_key: r for r in services.reminders.open_reminders()}
    rows = {r.lead.rule_key: r for g in services.agenda.read().groups for r in g.rows}
    for rule, template, person in (
        ("thank_you", "thank-you", "Jonas Weber"),
        ("no_reply", "follow-up", "Amira Haddad"),
    ):
        chosen = services.drafts.default_recipient(app_id, template)
        assert services.contacts.get(chosen).name == person
        assert reminders[rule].contact_name == person
        assert rows[rule].contact is not None and rows[rule].contact.id == chosen


def test_required_inputs_are_marked_and_show_as_a_gap_until_filled(services: Services, app_id: int):
    _purpose, inputs = parse_front_matter(services.templates.source("forgot-to-mention"))
    assert [(i.name, i.required) for i in inputs] == [("point", True), ("example", False)]
    smooth = services.templates.info("smooth-over").inputs
    assert [i.name for i in smooth if i.required] == ["moment"]
    missing = services.drafts.missing_inputs("forgot-to-mention", {"example": "x"})
    assert [i.name for i in missing] == ["point"]
    empty = services.drafts.prepare(app_id, "forgot-to-mention")
    assert "I hadn't mentioned [The point to add]." in empty.body
    assert "something I think matters" not in empty.body
    filled = services.drafts.prepare(app_id, "forgot-to-mention", inputs={"point": "my Rust work"})
    assert "I hadn't mentioned my Rust work." in filled.body
    assert not services.drafts.missing_inputs("forgot-to-mention", {"point": "my Rust work"})


def test_a_check_in_the_day_after_an_interview_does_not_say_decisions_take_time(
    services: Services, app_id: int, clock: FakeClock
):
    early = services.drafts.prepare(app_id, "check-in")
    assert "decisions take time" not in early.body
    assert "I remain keen on the opportunity at Acme Robotics" in early.body
    clock.advance(days=9)
    late = services.drafts.prepare(app_id, "check-in")
    assert "I know these decisions take time" in late.body
