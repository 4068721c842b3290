"""Catching up after a pause: only what time changed is recomputed, all of it only when the
rules or the settings changed since the last check."""

from __future__ import annotations

from datetime import datetime, timedelta

from jobtracker.domain import followup_settings, followups
from jobtracker.domain.services import Services
from jobtracker.store.models import Reminder


def _interviewed(svc: Services, company: str, when: datetime) -> int:
    stage = svc.board.stage_by_name("Interviewing").id
    app = svc.applications.add(company, "Engineer", stage).id
    svc.interviews.add(app, when, duration_minutes=60)
    return app


def _rules(svc: Services, app: int) -> set[str]:
    return {r.rule_key for r in svc.reminders.open_reminders() if r.application_id == app}


def test_an_interview_that_began_while_closed_no_longer_asks_to_prepare(svc, clock, berlin) -> None:
    clock.set(berlin(2026, 3, 10, 9, 0))
    app = _interviewed(svc, "Acme", berlin(2026, 3, 11, 10, 0))
    svc.followups.catch_up()
    assert "prepare" in _rules(svc, app)

    clock.set(berlin(2026, 3, 11, 15, 0))  # the app was closed meanwhile
    svc.followups.catch_up()

    assert "prepare" not in _rules(svc, app) and "thank_you" in _rules(svc, app)


def test_a_catch_up_leaves_alone_what_time_did_not_touch(svc, clock, berlin) -> None:
    clock.set(berlin(2026, 3, 10, 9, 0))
    quiet = _interviewed(svc, "Quiet GmbH", berlin(2026, 3, 20, 10, 0))
    busy = _interviewed(svc, "Busy AG", berlin(2026, 3, 11, 10, 0))
    svc.followups.catch_up()
    # a stored row only a full recompute would notice is gone
    Reminder.delete().where(Reminder.application == quiet).execute()

    clock.set(berlin(2026, 3, 11, 15, 0))
    svc.followups.catch_up()

    assert _rules(svc, quiet) == set(), "not recomputed: time changed nothing there"
    assert "prepare" not in _rules(svc, busy), "recomputed: its interview began"


def test_new_rules_or_settings_make_one_full_recompute(svc, clock, berlin, monkeypatch) -> None:
    clock.set(berlin(2026, 3, 10, 9, 0))
    quiet = _interviewed(svc, "Quiet GmbH", berlin(2026, 3, 20, 10, 0))
    svc.followups.catch_up()
    Reminder.delete().where(Reminder.application == quiet).execute()

    monkeypatch.setattr(followups, "RULES_VERSION", followups.RULES_VERSION + 1)
    clock.set(clock.now() + timedelta(minutes=5))
    svc.followups.catch_up()
    assert _rules(svc, quiet) != set()

    Reminder.delete().where(Reminder.application == quiet).execute()
    svc.followups.settings_service.set(followup_settings.SETTINGS_KEY, {"check_in_days": 9})
    svc.followups.catch_up()
    assert _rules(svc, quiet) != set()


def test_a_catch_up_that_changes_nothing_writes_nothing(svc, clock, berlin) -> None:
    """So the periodic backups, taken only when data changed, are not taken for it."""
    clock.set(berlin(2026, 3, 10, 9, 0))
    _interviewed(svc, "Quiet GmbH", berlin(2026, 3, 20, 10, 0))
    svc.followups.catch_up()
    connection = svc.store.db.connection()
    before = connection.total_changes

    clock.set(berlin(2026, 3, 10, 10, 0))
    svc.followups.catch_up()

    assert connection.total_changes == before
