"""The rules read a stage's role, never its name."""

from __future__ import annotations

from datetime import date, timedelta

from jobtracker.domain import stage_roles as roles


def _stage(svc, role: str) -> int:
    stage = svc.board.stage_for_role(role)
    assert stage is not None
    return stage.id


def test_a_renamed_offer_stage_still_gets_offer_rules_not_check_ins(svc, clock, by_rule) -> None:
    offer = _stage(svc, roles.OFFER)
    svc.board.rename_stage(offer, "Offer received")
    deadline = (clock.now() + timedelta(days=10)).date()
    app = svc.applications.add("Acme", "Engineer", offer, deadline=deadline).id
    found = by_rule(app)
    assert set(found) == {"offer_deadline"}
    assert found["offer_deadline"][0].due_at.date() == deadline - timedelta(days=2)


def test_a_stage_named_offer_without_the_role_gets_generic_rules(svc, by_rule) -> None:
    offer = _stage(svc, roles.OFFER)
    svc.board.set_stage_role(offer, roles.NONE)
    app = svc.applications.add("Acme", "Engineer", offer, deadline=date(2026, 4, 1)).id
    assert set(by_rule(app)) == {"check_in", "suggest_no_response"}


def test_a_custom_stage_without_a_role_gets_the_rules_of_an_open_stage(svc, berlin, by_rule):
    custom = svc.board.add_stage("Take-home task").id
    app = svc.applications.add("Acme", "Engineer", custom).id
    assert set(by_rule(app)) == {"check_in", "suggest_no_response"}
    svc.interviews.add(app, berlin(2026, 3, 11, 10, 0), duration_minutes=60)
    assert {"thank_you", "forgot_to_mention", "prepare", "no_reply"} <= set(by_rule(app))


def test_a_renamed_rejected_stage_still_asks_for_feedback(svc, clock, by_rule) -> None:
    rejected = _stage(svc, roles.REJECTED)
    svc.board.rename_stage(rejected, "Abgelehnt")
    app = svc.applications.add("Acme", "Engineer", _stage(svc, roles.APPLIED)).id
    svc.board.move_cards([app], rejected)
    assert {"feedback_request", "keep_in_mind", "reconnect"} <= set(by_rule(app))


def test_changing_a_stage_role_recomputes_its_cards(svc, by_rule) -> None:
    custom = svc.board.add_stage("Waiting").id
    app = svc.applications.add("Acme", "Engineer", custom).id
    assert "check_in" in by_rule(app)
    svc.board.set_stage_role(custom, roles.WISHLIST)
    assert by_rule(app) == {}
