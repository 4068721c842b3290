"""The timeline: every kind of event appears, each entry reads once, newest first."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.services import Services
from jobtracker.domain.timeline import read_once


def _texts(services: Services, app_id: int) -> list[str]:
    return [e.text for e in services.timeline.entries(app_id)]


def test_an_entry_never_repeats_its_label() -> None:
    assert read_once("Heard back", "Heard back from the recruiter.") == (
        "Heard back from the recruiter."
    )
    assert read_once("Sent", "Sent the thank-you note to Sofia") == (
        "Sent the thank-you note to Sofia"
    )
    assert read_once("Heard back", "they want a second round") == (
        "Heard back: they want a second round"
    )
    assert read_once("Note", "Notes from the call") == "Note: Notes from the call"
    assert read_once("Called", "") == "Called"


def test_interviews_people_documents_and_drafts_appear_in_order(
    services: Services, clock: FakeClock, tmp_path: Path
) -> None:
    app_id = services.applications.add(
        "Acme Robotics", "Backend Engineer", services.board.stage_by_name("Applied").id
    ).id
    clock.advance(hours=1)
    sofia = services.contacts.add("Sofia Marin", email="sofia@acme.example")
    services.contacts.link(app_id, sofia.id, "recruiter")
    clock.advance(hours=1)
    services.interviews.add(
        app_id, clock.now() + timedelta(minutes=30), title="Technical round", kind="video",
        interviewer_ids=(sofia.id,),
    )  # fmt: skip
    clock.advance(hours=1)
    resume = tmp_path / "resume.txt"
    resume.write_text("Python, SQL, Qt", encoding="utf-8")
    document = services.documents.add(resume, label="CV 2026").document
    services.documents.attach(app_id, document.id, state="draft")
    clock.advance(hours=1)
    draft = services.drafts.save(None, app_id, "thank-you", sofia.id, "Thank you", "Dear Sofia")
    clock.advance(hours=1)
    services.drafts.mark_sent(draft.id)
    clock.advance(hours=1)
    services.timeline.add(app_id, "heard_back", "Heard back from the recruiter.")

    assert _texts(services, app_id) == [
        "Heard back from the recruiter.",
        "Sent the thank-you note to Sofia Marin: “Thank you”",
        "Drafted the thank-you note to Sofia Marin",
        "Attached “CV 2026”",
        "Video interview: Technical round, with Sofia Marin",
        "Added Sofia Marin as recruiter",
        "Added in Applied",
    ]
    stored = [e.activity_id is not None for e in services.timeline.entries(app_id)]
    assert stored == [True, True, False, False, False, False, True]


def test_an_interview_still_to_come_says_it_is_planned(
    services: Services, clock: FakeClock
) -> None:
    app_id = services.applications.add("Globex", "Engineer").id
    services.interviews.add(app_id, clock.now() + timedelta(days=2), kind="phone")
    assert _texts(services, app_id)[0] == "Phone interview planned"


def test_a_removed_person_leaves_the_timeline(services: Services, clock: FakeClock) -> None:
    app_id = services.applications.add("Initech", "Engineer").id
    marco = services.contacts.add("Marco Bianchi")
    services.contacts.link(app_id, marco.id)
    assert "Added Marco Bianchi" in _texts(services, app_id)
    clock.advance(hours=1)
    services.contacts.link(app_id, marco.id, "hiring manager")  # a new role, same moment added
    added = [e for e in services.timeline.entries(app_id) if e.kind == "person_added"]
    assert [(e.text, e.at) for e in added] == [
        ("Added Marco Bianchi as hiring manager", added[0].at)
    ]
    assert added[0].at < clock.now()
    services.contacts.unlink(app_id, marco.id)
    assert not any("Marco" in text for text in _texts(services, app_id))


def test_a_person_timeline_names_the_company(services: Services, clock: FakeClock) -> None:
    acme = services.applications.add("Acme Robotics", "Backend Engineer").id
    globex = services.applications.add("Globex", "Platform Engineer").id
    sofia = services.contacts.add("Sofia Marin")
    services.contacts.link(acme, sofia.id, "recruiter")
    clock.advance(hours=1)
    services.interviews.add(
        globex, clock.now() - timedelta(minutes=30), interviewer_ids=(sofia.id,)
    )
    clock.advance(hours=1)
    draft = services.drafts.save(None, globex, "thank-you", sofia.id, "", "Thanks")
    clock.advance(minutes=5)
    services.drafts.mark_sent(draft.id)
    assert [e.text for e in services.timeline.for_person(sofia.id)] == [
        "Globex: Sent the thank-you note",
        "Globex: Drafted the thank-you note",
        "Globex: Video interview",
        "Acme Robotics: Added as recruiter",
    ]
