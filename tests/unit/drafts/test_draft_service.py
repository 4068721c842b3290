"""Draft context, keeping drafts, and what "Mark as sent" does."""

from __future__ import annotations

from datetime import timedelta

import pytest

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.errors import NotFoundError, ValidationError
from jobtracker.domain.services import Services
from jobtracker.store.models import Activity, Reminder


@pytest.fixture
def app_id(services: Services, clock: FakeClock) -> int:
    """Acme, with a recruiter and a video interview with Jonas yesterday afternoon."""
    services.profile.save("Alex Morgan", "alex@example.com")
    app = services.applications.add("Acme Robotics", "Backend Engineer").id
    recruiter = services.contacts.add("Amira Haddad", title="Technical Recruiter")
    manager = services.contacts.add("Jonas Weber", title="Engineering Manager")
    services.contacts.link(app, recruiter.id, "recruiter")
    services.interviews.add(
        app,
        clock.now() - timedelta(hours=18),
        kind="video",
        title="First interview",
        interviewer_ids=(manager.id,),
    )
    return app


def _contact_id(services: Services, name: str) -> int:
    return next(c.id for c in services.contacts.all() if c.name == name)


def test_context_names_the_interview_and_the_people(services: Services, app_id: int) -> None:
    jonas = _contact_id(services, "Jonas Weber")
    context = services.drafts.context(app_id, jonas)
    assert context["company"] == "Acme Robotics" and context["role"] == "Backend Engineer"
    assert context["recipient"]["first_name"] == "Jonas"
    assert context["recipient"]["title"] == "Engineering Manager"
    interview = context["interview"]
    assert interview["when"] == "yesterday"  # 2026-03-09 15:00 UTC; now 03-10 09:00
    assert interview["weekday"] == "Monday" and interview["kind"] == "video call"
    assert interview["round"] == "first"
    assert context["days_since_interview"] == 1
    assert context["me"]["signature"] == "Alex Morgan\nalex@example.com"
    assert services.drafts.context(app_id, None)["recipient"]["first_name"] == "Hiring Team"


def test_the_interviewer_is_thanked_and_the_recruiter_followed_up(
    services: Services, app_id: int
) -> None:
    recipients = {c.name for c in services.drafts.recipients(app_id)}
    assert recipients == {"Amira Haddad", "Jonas Weber"}
    jonas, amira = _contact_id(services, "Jonas Weber"), _contact_id(services, "Amira Haddad")
    assert services.drafts.default_recipient(app_id, "thank-you") == jonas
    assert services.drafts.default_recipient(app_id, "follow-up") == amira


def test_a_contact_from_elsewhere_is_refused_by_name(services: Services, app_id: int) -> None:
    stranger = services.contacts.add("Stranger Danger")
    with pytest.raises(NotFoundError, match=f"no contact #{stranger.id}"):
        services.drafts.context(app_id, stranger.id)


def test_inputs_are_filled_in_and_typed_text_stays_text(services: Services, app_id: int) -> None:
    jonas = _contact_id(services, "Jonas Weber")
    rendered = services.drafts.prepare(
        app_id, "thank-you", jonas, {"topics": "{{ me.email }} and your test suite"}
    )
    assert "our conversation about {{ me.email }} and your test suite;" in rendered.body
    assert rendered.body.startswith("Hi Jonas,\n\nThank you for the video call yesterday")


def test_drafts_are_kept_updated_and_listed_newest_first(
    services: Services, app_id: int, clock: FakeClock
) -> None:
    first = services.drafts.save(None, app_id, "thank-you", None, "Thanks", "Body ✓ & more")
    clock.advance(minutes=1)
    second = services.drafts.save(None, app_id, "follow-up", None, "Following up", "Hi")
    clock.advance(minutes=1)
    updated = services.drafts.save(first.id, app_id, "thank-you", None, "Thanks!", "Änderung")
    assert updated.id == first.id and updated.updated_at == clock.now()
    assert updated.created_at == first.created_at
    listed = services.drafts.for_application(app_id)
    assert [d.id for d in listed] == [first.id, second.id]
    assert (listed[0].subject, listed[0].body) == ("Thanks!", "Änderung")
    with pytest.raises(NotFoundError):
        services.drafts.save(999, app_id, "thank-you", None, "", "")


def test_mark_as_sent_has_its_three_effects_in_one_go(
    services: Services, app_id: int, clock: FakeClock
) -> None:
    jonas = _contact_id(services, "Jonas Weber")
    other = services.applications.add("Other Co", "Engineer").id
    due = clock.now() + timedelta(hours=8)

    def reminder(application: int, rule: str, template: str, **extra: object) -> int:
        return Reminder.create(
            application=application, rule_key=rule, anchor="test", reason="test",
            template_key=template, due_at=due, **extra,
        ).id  # fmt: skip

    # the interview's own reminders (made wherever the card stands) are done already
    services.reminders.done([r.id for r in services.reminders.open_reminders()])
    answered = reminder(app_id, "test-thanks", "thank-you")
    already_dismissed = reminder(app_id, "test-thanks-2", "thank-you", dismissed_at=clock.now())
    other_template = reminder(app_id, "test-follow", "follow-up")
    other_app = reminder(other, "test-thanks", "thank-you")
    draft = services.drafts.save(None, app_id, "thank-you", jonas, "Thank you", "Hi Jonas")
    clock.advance(minutes=5)

    result = services.drafts.mark_sent(draft.id)

    assert result.draft.sent_at == clock.now()
    activity = Activity.get_by_id(result.activity_id)
    assert (activity.kind, activity.at) == ("draft_sent", clock.now())
    assert activity.text == "Sent the thank-you note to Jonas Weber: “Thank you”"
    assert services.timeline.for_application(app_id)[0].kind == "draft_sent"
    assert result.completed_reminder_ids == (answered,)
    assert Reminder.get_by_id(answered).done_at == clock.now()
    for untouched in (already_dismissed, other_template, other_app):
        assert Reminder.get_by_id(untouched).done_at is None
    with pytest.raises(ValidationError, match="already marked as sent"):
        services.drafts.mark_sent(draft.id)


def test_a_draft_to_nobody_is_logged_as_sent_to_the_hiring_team(
    services: Services, app_id: int
) -> None:
    draft = services.drafts.save(None, app_id, "follow-up", None, "", "Hello")
    result = services.drafts.mark_sent(draft.id)
    assert Activity.get_by_id(result.activity_id).text == "Sent the follow-up note to Hiring Team"


def test_profile_is_validated_and_builds_a_signature(services: Services) -> None:
    with pytest.raises(ValidationError, match="email"):
        services.profile.save("Alex", "not-an-address")
    profile = services.profile.save("  Alex Morgan ", "", "+44 1", "")
    assert profile.name == "Alex Morgan" and profile.first_name == "Alex"
    assert services.profile.get().sign_off == "Alex Morgan\n+44 1"
    services.profile.save("Alex Morgan", signature="Alex\nSent from my desk")
    assert services.profile.get().sign_off == "Alex\nSent from my desk"


def test_a_sent_check_in_answers_the_due_one_and_leaves_the_next(
    services: Services, app_id: int, clock: FakeClock
) -> None:
    def check_in(anchor: str, days: int) -> int:
        return Reminder.create(
            application=app_id, rule_key="test-check-in", anchor=anchor, reason="Check in",
            template_key="check-in", due_at=clock.now() + timedelta(days=days),
        ).id  # fmt: skip

    due, later = check_in("1", -1), check_in("2", 6)
    draft = services.drafts.save(None, app_id, "check-in", None, "Checking in", "Hi")
    result = services.drafts.mark_sent(draft.id)
    assert result.completed_reminder_ids == (due,)
    assert Reminder.get_by_id(later).done_at is None
