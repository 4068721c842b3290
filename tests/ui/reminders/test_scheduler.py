"""The scheduler announces each due reminder exactly once, across restarts, quiet hours,
clock jumps and catch-up, and carries out Snooze, Done and Open."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from jobtracker.domain.services import Services
from jobtracker.platform.notifications import DONE, OPEN, SNOOZE, Notice, Notifier
from jobtracker.store.db import open_store
from jobtracker.ui.reminders.scheduler import MAX_WAIT, ReminderScheduler

BERLIN = ZoneInfo("Europe/Berlin")


class RecordingNotifier(Notifier):
    """The in-app notifier interface, keeping what it was asked to show (the D-Bus one is
    tested end to end in tests/e2e/test_notifications.py)."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[Notice] = []

    def show(self, notice: Notice) -> bool:
        self.shown.append(notice)
        return True


def berlin(*args: int) -> datetime:
    return datetime(*args, tzinfo=BERLIN)


@pytest.fixture
def svc(services: Services) -> Services:
    services.followups.tz = BERLIN
    return services


def make_scheduler(qtbot, services: Services) -> tuple[ReminderScheduler, RecordingNotifier]:
    notifier = RecordingNotifier()
    scheduler = ReminderScheduler(services, notifier)
    return scheduler, notifier


def add_interviewing(svc: Services, company: str, interview_at: datetime) -> int:
    stage = svc.board.stage_by_name("Interviewing").id
    app = svc.applications.add(company, "Engineer", stage).id
    svc.interviews.add(app, interview_at, duration_minutes=60)
    return app


def test_each_reminder_is_announced_exactly_once_across_a_restart(qtbot, svc, clock, db_path):
    clock.set(berlin(2026, 3, 9, 12, 0))
    add_interviewing(svc, "Acme Robotics", berlin(2026, 3, 11, 10, 0))
    add_interviewing(svc, "Blue Harbor", berlin(2026, 3, 16, 15, 0))
    svc.applications.add("Cobalt Systems", "Engineer", svc.board.stage_by_name("Applied").id)
    scheduler, notifier = make_scheduler(qtbot, svc)
    scheduler.start()
    for _ in range(20 * 24):  # twenty days, checking hourly as the timer would
        clock.advance(hours=1)
        scheduler.check()
    scheduler.stop()
    first_run = Counter(i for n in notifier.shown for i in n.reminder_ids)
    assert len(first_run) >= 10
    assert set(first_run.values()) == {1}
    svc.close()

    # the app restarts on the same file, ten days later: catch-up without repeats
    clock.advance(days=10)
    again = Services(open_store(db_path, owner="pytest"), clock)
    again.followups.tz = BERLIN
    try:
        scheduler, notifier = make_scheduler(qtbot, again)
        scheduler.start()
        for _ in range(3):
            scheduler.check()
        after_restart = Counter(i for n in notifier.shown for i in n.reminder_ids)
        assert set(after_restart.values()) <= {1}
        assert not set(after_restart) & set(first_run)
        assert after_restart, "what fell due while closed is caught up"
        assert again.reminders.to_announce() == []
        scheduler.stop()
    finally:
        again.close()


def test_catch_up_groups_many_due_reminders_into_one_notice(qtbot, svc, clock):
    for n in range(3):
        add_interviewing(svc, f"Company {n}", clock.now() - timedelta(hours=2))
    clock.advance(days=5)  # the app was not running for days
    due = svc.reminders.to_announce()
    assert len(due) > 3
    scheduler, notifier = make_scheduler(qtbot, svc)
    scheduler.start()
    assert len(notifier.shown) == 1
    group = notifier.shown[0]
    assert group.summary == f"{len(due)} follow-ups are due"
    assert sorted(group.reminder_ids) == sorted(r.id for r in due)
    assert "• Thank Company 0 for the interview" in group.body
    scheduler.stop()


def test_a_few_due_reminders_are_announced_one_by_one(qtbot, svc, clock):
    add_interviewing(svc, "Acme Robotics", clock.now() - timedelta(hours=2))
    scheduler, notifier = make_scheduler(qtbot, svc)
    scheduler.start()
    assert [n.summary for n in notifier.shown] == [
        "Thank Acme Robotics for the interview",
        "Anything you forgot to tell Acme Robotics?",
    ]
    thanks = notifier.shown[0]
    assert [key for key, _ in thanks.actions] == ["default", "open", "snooze", "done"]
    assert dict(thanks.actions)["snooze"] == "Snooze a day"
    assert thanks.urgency == 1 and notifier.shown[1].urgency == 0
    scheduler.stop()


def test_the_timer_waits_for_the_next_due_time_capped_for_sleeps(qtbot, svc, clock):
    clock.set(berlin(2026, 3, 10, 14, 0))
    add_interviewing(svc, "Acme Robotics", berlin(2026, 3, 10, 13, 55))  # ends 14:55
    scheduler, notifier = make_scheduler(qtbot, svc)
    scheduler.start()
    assert notifier.shown == []
    assert scheduler.timer.remainingTime() == pytest.approx(
        MAX_WAIT.total_seconds() * 1000, abs=2000
    )
    clock.set(berlin(2026, 3, 10, 15, 20))  # the thank-you falls due at 15:25
    scheduler.check()
    assert scheduler.timer.remainingTime() == pytest.approx(5 * 60 * 1000 + 1000, abs=2000)
    scheduler.stop()


def test_quiet_hours_hold_announcements_until_8(qtbot, svc, clock):
    svc.followups.save_settings(work_start="07:00", work_end="23:59")  # late working hours
    clock.set(berlin(2026, 3, 10, 20, 0))
    add_interviewing(svc, "Acme Robotics", berlin(2026, 3, 10, 19, 0))  # ends 20:00 -> 09:00
    add_interviewing(svc, "Late Corp", berlin(2026, 3, 8, 20, 0))  # follow-up due 10 Mar 23:00
    scheduler, notifier = make_scheduler(qtbot, svc)
    scheduler.start()
    notifier.shown.clear()
    clock.set(berlin(2026, 3, 10, 23, 30))
    scheduler.check()
    assert notifier.shown == []
    clock.set(berlin(2026, 3, 11, 8, 0))
    scheduler.check()
    assert "Follow up with Late Corp" in [n.summary for n in notifier.shown]
    scheduler.stop()


def test_a_clock_jump_is_noticed_and_due_reminders_are_announced(qtbot, svc, clock):
    add_interviewing(svc, "Acme Robotics", clock.now() + timedelta(days=1))
    scheduler, notifier = make_scheduler(qtbot, svc)
    scheduler.start()
    notifier.shown.clear()
    with qtbot.waitSignal(scheduler.clock_jumped) as jumped:
        clock.advance(days=3)  # the machine slept, or the clock was set forward
        scheduler.check()
    assert jumped.args[0] == pytest.approx(3 * 86400, abs=60)
    assert "Thank Acme Robotics for the interview" in [n.summary for n in notifier.shown]
    scheduler.stop()


def test_snooze_and_done_from_a_notification_change_the_database(qtbot, svc, clock):
    add_interviewing(svc, "Acme Robotics", clock.now() - timedelta(hours=2))
    scheduler, notifier = make_scheduler(qtbot, svc)
    scheduler.start()
    thanks, forgot = notifier.shown
    notifier.action_invoked.emit(thanks.reminder_ids, SNOOZE)
    snoozed = svc.reminders.get(thanks.reminder_ids[0])
    assert snoozed.snoozed_until == clock.now() + timedelta(days=1)
    assert snoozed.notified_at is None
    notifier.action_invoked.emit(forgot.reminder_ids, DONE)
    assert forgot.reminder_ids[0] not in {r.id for r in svc.reminders.open_reminders()}
    clock.advance(days=1, minutes=1)
    notifier.shown.clear()
    scheduler.check()
    assert [n.reminder_ids for n in notifier.shown] == [thanks.reminder_ids]
    scheduler.stop()


def test_open_asks_for_the_card_and_its_draft(qtbot, svc, clock):
    app = add_interviewing(svc, "Acme Robotics", clock.now() - timedelta(hours=2))
    scheduler, notifier = make_scheduler(qtbot, svc)
    scheduler.start()
    with qtbot.waitSignal(scheduler.open_requested) as opened:
        notifier.action_invoked.emit(notifier.shown[0].reminder_ids, OPEN)
    assert opened.args == [app, "thank-you"]
    scheduler.stop()


def test_notifications_turned_off_in_settings_leave_it_to_the_panel(qtbot, svc, clock):
    svc.followups.save_settings(notifications=False)
    add_interviewing(svc, "Acme Robotics", clock.now() - timedelta(hours=2))
    scheduler, notifier = make_scheduler(qtbot, svc)
    scheduler.start()
    assert notifier.shown == []
    assert len(svc.reminders.due()) == 2
    svc.followups.save_settings(notifications=True)
    scheduler.check()
    assert notifier.shown == []  # already listed in the panel: not replayed
    scheduler.stop()


def test_coming_back_to_the_app_rechecks_only_after_a_while(qtbot, svc, monkeypatch):
    from PySide6.QtCore import Qt

    from jobtracker.ui.reminders import scheduler as scheduler_module

    scheduler, _notifier = make_scheduler(qtbot, svc)
    active = Qt.ApplicationState.ApplicationActive
    scheduler._state_changed(active)  # not started: nothing to catch up yet
    scheduler.start()
    with qtbot.assertNotEmitted(scheduler.changed):
        scheduler._state_changed(active)  # just checked
    later = scheduler_module.time.monotonic() + scheduler_module.ACTIVATION_CHECK_AFTER_S + 1
    monkeypatch.setattr(scheduler_module.time, "monotonic", lambda: later)
    with qtbot.waitSignal(scheduler.changed, timeout=1000):
        scheduler._state_changed(active)
    scheduler.stop()
