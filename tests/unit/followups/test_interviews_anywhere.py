"""An interview makes its reminders wherever the card stands, and the domain offers the move
to the interviewing stage as one undoable step."""

from __future__ import annotations

from datetime import timedelta

import pytest

from jobtracker.domain import stage_roles as roles
from jobtracker.store.models import Reminder


def _stage(svc, role: str) -> int:
    stage = svc.board.stage_for_role(role)
    assert stage is not None
    return stage.id


@pytest.mark.parametrize("role", [roles.WISHLIST, roles.APPLIED, roles.NONE])
def test_an_interview_before_the_interviewing_stage_makes_its_reminders(
    svc, clock, berlin, by_rule, role
):
    stage = _stage(svc, role) if role else svc.board.add_stage("Referred").id
    app = svc.applications.add("Acme", "Engineer", stage).id
    svc.interviews.add(app, berlin(2026, 3, 12, 10, 0), title="first interview")
    assert {"thank_you", "forgot_to_mention", "prepare", "no_reply"} <= set(by_rule(app))


def test_the_move_is_offered_only_before_the_interviewing_stage(svc):
    board = svc.board
    interviewing = board.stage_for_role(roles.INTERVIEWING)
    early = board.add_stage("Referred").id
    board.reorder_stages([early, *(s.id for s in board.stages() if s.id != early)])
    late = board.add_stage("Take-home task").id  # a custom step after interviewing
    stages = {
        "wishlist": _stage(svc, roles.WISHLIST), "applied": _stage(svc, roles.APPLIED),
        "early": early, "late": late, "interviewing": interviewing.id,
        "offer": _stage(svc, roles.OFFER), "rejected": _stage(svc, roles.REJECTED),
    }  # fmt: skip
    offered = {}
    for name, stage in stages.items():
        app = svc.applications.add(f"Firm {name}", "Engineer", stage).id
        target = board.interviewing_stage_for(app)
        offered[name] = target and target.id
    assert offered == {
        "wishlist": interviewing.id, "applied": interviewing.id, "early": interviewing.id,
        "late": None, "interviewing": None, "offer": None, "rejected": None,
    }  # fmt: skip


def test_moving_later_makes_no_thank_you_appear_overdue(svc, clock, berlin, by_rule):
    app = svc.applications.add("Acme", "Engineer", _stage(svc, roles.APPLIED)).id
    clock.set(berlin(2026, 3, 10, 15, 0))
    svc.interviews.add(app, berlin(2026, 3, 10, 13, 0), title="phone screen")
    thank_you = by_rule(app)["thank_you"][0]
    svc.reminders.done([thank_you.id])
    clock.advance(days=3)
    moved = svc.board.move_to_interviewing(app)
    assert moved is not None and moved.changed_stage
    assert "thank_you" not in by_rule(app)
    assert Reminder.select().where(Reminder.rule_key == "thank_you").count() == 1
    assert not [r for r in svc.reminders.to_announce() if r.rule_key == "thank_you"]
    svc.board.undo_move(moved)
    assert svc.board.card(app).stage_id == _stage(svc, roles.APPLIED)
    svc.board.move_to_interviewing(app)
    assert svc.board.move_to_interviewing(app) is None  # already there: nothing owed


def test_an_interview_logged_days_late_is_not_announced_as_overdue(svc, clock, by_rule):
    app = svc.applications.add("Acme", "Engineer", _stage(svc, roles.APPLIED)).id
    svc.interviews.add(app, clock.now() - timedelta(days=8))
    assert svc.reminders.to_announce() == []
    assert "thank_you" not in by_rule(app)
