"""What a card says: badges (warnings first, so a narrow card keeps them) and its
accessible sentence."""

from __future__ import annotations

from datetime import timedelta

from jobtracker.ui.board.card_text import accessible_text, badges, days_in_stage


def test_badges_say_place_days_interview_reminder_and_excitement(services, add_card, clock) -> None:
    app_id = add_card("Acme", "Backend Engineer", "Interviewing", location="Munich", excitement=3)
    services.interviews.add(app_id, clock.now() + timedelta(days=4))
    clock.advance(days=2)
    card = services.board.card(app_id)
    texts = [b.text for b in badges(card, clock.now(), None)]
    assert "Munich" in texts and "2 days" in texts and "★★★" in texts
    assert any(text.startswith("Interview ") for text in texts)


def test_an_overdue_reminder_is_a_warning_and_comes_first(services, add_card, clock) -> None:
    app_id = add_card("Acme", "Backend Engineer", "Applied", location="Munich")
    clock.advance(days=30)  # long past any follow-up the rules schedule after applying
    services.followups.recompute([app_id])
    card = services.board.card(app_id)
    assert card.next_reminder_at is not None and card.next_reminder_at <= clock.now()
    first = badges(card, clock.now(), None)[0]
    assert first.warning and first.text == "Overdue"


def test_accessible_sentence(services, add_card, clock) -> None:
    app_id = add_card("Acme", "Backend Engineer", "Applied")
    card = services.board.card(app_id)
    assert days_in_stage(card, clock.now()) == "today"
    clock.advance(days=1)
    assert accessible_text(card, "Applied", clock.now()) == "Acme, Backend Engineer, Applied, 1 day"
