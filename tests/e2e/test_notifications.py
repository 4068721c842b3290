"""Desktop notifications end to end on a private D-Bus session bus, with a notification
server written here (jeepney, owning org.freedesktop.Notifications, recording every call)."""

from __future__ import annotations

import queue
import threading
import time
from dataclasses import dataclass
from datetime import timedelta

import pytest
from jeepney import DBusAddress, HeaderFields, MessageType, new_method_return, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import Proxy, open_dbus_connection

from jobtracker import APP_ID
from jobtracker.platform.notifications import NullNotifier, create_notifier
from jobtracker.platform.notifications.freedesktop import FreedesktopNotifier
from jobtracker.ui.reminders.scheduler import ReminderScheduler

pytestmark = [
    pytest.mark.e2e,
    # the offscreen platform cannot raise windows or propagate size hints; xcb can
    pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)"),
]

BUS_NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


@dataclass(frozen=True)
class Call:
    member: str
    signature: str
    body: tuple
    sender: str


class TestNotificationServer:
    """A notification server on a thread: answers Notify with ids, records the calls, and
    emits ActionInvoked / NotificationClosed to the client when told to."""

    __test__ = False  # a helper, not a test class

    def __init__(self, address: str) -> None:
        self.conn = open_dbus_connection(address)
        reply = Proxy(message_bus, self.conn).RequestName(BUS_NAME, 4)
        assert reply == (1,), "the private bus must not have a notification server yet"
        self.calls: queue.Queue[Call] = queue.Queue()
        self._outgoing: queue.Queue = queue.Queue()
        self._next_id = 1
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            while not self._outgoing.empty():
                self.conn.send(self._outgoing.get())
            try:
                message = self.conn.receive(timeout=0.05)
            except TimeoutError:
                continue
            if message.header.message_type == MessageType.method_call:
                self._answer(message)

    def _answer(self, message) -> None:
        fields = message.header.fields
        call = Call(
            fields[HeaderFields.member],
            fields.get(HeaderFields.signature, ""),
            message.body,
            fields[HeaderFields.sender],
        )
        if call.member == "Notify":
            reply = new_method_return(message, "u", (self._next_id,))
            self._next_id += 1
        elif call.member == "GetCapabilities":
            reply = new_method_return(message, "as", (["actions", "body"],))
        elif call.member == "GetServerInformation":
            reply = new_method_return(message, "ssss", ("test", "jobtracker", "1", "1.2"))
        else:
            reply = new_method_return(message)
        self.conn.send(reply)
        self.calls.put(call)

    def next_call(self, member: str, timeout: float = 5.0) -> Call:
        """The next call of ``member`` within ``timeout`` seconds (other calls are skipped);
        queue.Empty when none comes."""
        deadline = time.monotonic() + timeout
        while True:
            call = self.calls.get(timeout=max(0.0, deadline - time.monotonic()))
            if call.member == member:
                return call

    def emit(self, to: str, name: str, signature: str, body: tuple) -> None:
        signal = new_signal(DBusAddress(PATH, interface=BUS_NAME), name, signature, body)
        signal.header.fields[HeaderFields.destination] = to
        self._outgoing.put(signal)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.conn.close()


@pytest.fixture
def server(session_bus: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", session_bus)
    srv = TestNotificationServer(session_bus)
    yield srv
    srv.stop()


@pytest.fixture
def notifier(server, monkeypatch: pytest.MonkeyPatch, qtbot):
    monkeypatch.setenv("JOBTRACKER_NOTIFICATIONS", "on")
    made = create_notifier(None)
    assert isinstance(made, FreedesktopNotifier)
    yield made
    made.close()


def interviewed(services, company: str = "Acme Robotics") -> int:
    stage = services.board.stage_by_name("Interviewing").id
    app = services.applications.add(company, "Backend Engineer", stage).id
    person = services.contacts.add("Jonas Weber", phone="+49 30 1234567")
    services.contacts.link(app, person.id, "recruiter")
    services.interviews.add(app, services.clock.now() - timedelta(days=3), title="first interview")
    return app


def test_notifications_stay_off_in_ordinary_test_runs(server, services, qtbot):
    interviewed(services)
    notifier = create_notifier(None)
    assert isinstance(notifier, NullNotifier)
    ReminderScheduler(services, notifier).start()
    with pytest.raises(queue.Empty):
        server.next_call("Notify", timeout=0.5)


def test_notify_carries_the_explicit_signature_summary_body_actions_and_hints(
    server, notifier, services, qtbot
):
    interviewed(services)
    services.followups.save_settings(group_above=10)
    scheduler = ReminderScheduler(services, notifier)
    scheduler.start()
    calls = {}
    for _ in range(3):
        call = server.next_call("Notify")
        calls[call.body[3]] = call
    call = calls["Follow up with Acme Robotics"]
    assert call.signature == "susssasa{sv}i"
    app_name, replaces_id, icon, _summary, body, actions, hints, timeout = call.body
    assert (app_name, replaces_id, icon, timeout) == ("jobtracker", 0, APP_ID, -1)
    assert body.startswith("No word from Acme Robotics 48 hours after the first interview")
    assert "Jonas Weber, +49 30 1234567" in body
    assert actions == ["default", "Open", "open", "Open", "snooze", "Snooze a day", "done", "Done"]
    assert hints["desktop-entry"] == ("s", APP_ID)
    assert hints["urgency"] == ("y", 1)
    assert calls["Anything you forgot to tell Acme Robotics?"].body[6]["urgency"] == ("y", 0)
    assert services.reminders.to_announce() == []  # announced once, marked in the database


def _notified(server, services, notifier, summary: str):
    """Start a scheduler; it, and the notification id, client and reminder id of ``summary``."""
    scheduler = ReminderScheduler(services, notifier)
    scheduler.start()
    ids = {}
    for number in range(1, 4):
        call = server.next_call("Notify")
        ids[call.body[3]] = (number, call.sender)
    reminder = next(r for r in services.reminders.open_reminders() if r.summary == summary)
    number, sender = ids[summary]
    return scheduler, number, sender, reminder.id


def test_action_snooze_snoozes_the_reminder_in_the_database(server, notifier, services, qtbot):
    interviewed(services)
    services.followups.save_settings(group_above=10)
    _scheduler, number, sender, reminder_id = _notified(
        server, services, notifier, "Follow up with Acme Robotics"
    )
    server.emit(sender, "ActionInvoked", "us", (number, "snooze"))
    qtbot.waitUntil(lambda: services.reminders.get(reminder_id).snoozed_until is not None)
    snoozed = services.reminders.get(reminder_id)
    assert snoozed.snoozed_until == services.clock.now() + timedelta(days=1)


def test_action_done_completes_the_reminder(server, notifier, services, qtbot):
    interviewed(services)
    services.followups.save_settings(group_above=10)
    _scheduler, number, sender, reminder_id = _notified(
        server, services, notifier, "Thank Acme Robotics for the interview"
    )
    server.emit(sender, "ActionInvoked", "us", (number, "done"))
    qtbot.waitUntil(lambda: reminder_id not in {r.id for r in services.reminders.open_reminders()})


def test_action_open_shows_the_card_and_its_draft(server, notifier, services, qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from jobtracker.ui.main_window import MainWindow
    from jobtracker.ui.opening import opened
    from jobtracker.ui.reminders.controller import RemindersController

    app = interviewed(services)
    services.applications.add("Other Company", "Engineer", None)
    services.followups.save_settings(group_above=10)
    qsettings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(opened(services), qsettings)
    qtbot.addWidget(window)
    window.make_ready()  # as the start has it before the reminders install
    controller = RemindersController(window, services, notifier=notifier, use_tray=False)
    controller.start()
    calls = [server.next_call("Notify") for _ in range(3)]
    number = next(i for i, c in enumerate(calls, 1) if c.body[3] == "Follow up with Acme Robotics")
    window.hide()
    server.emit(calls[0].sender, "ActionInvoked", "us", (number, "open"))
    qtbot.waitUntil(lambda: window.isVisible() and window.drafts.editor is not None)
    assert window.board.selected_ids() == [app]
    editor = window.drafts.editor
    assert editor.isVisible()
    assert (editor.application_id, editor.template_key) == (app, "follow-up")
    editor.close()


def test_notification_closed_is_reported(server, notifier, services, qtbot):
    interviewed(services)
    services.followups.save_settings(group_above=10)
    _scheduler, number, sender, reminder_id = _notified(
        server, services, notifier, "Follow up with Acme Robotics"
    )
    with qtbot.waitSignal(notifier.dismissed) as closed:
        server.emit(sender, "NotificationClosed", "uu", (number, 2))
    assert closed.args == [(reminder_id,), 2]


def test_a_restart_never_repeats_a_notification(server, notifier, services, db_path, qtbot):
    from jobtracker.domain.services import Services
    from jobtracker.store.db import open_store

    interviewed(services)
    services.followups.save_settings(group_above=10)
    first = ReminderScheduler(services, notifier)
    first.start()
    shown = {server.next_call("Notify").body[3] for _ in range(3)}
    assert len(shown) == 3
    first.stop()
    services.close()
    again = Services(open_store(db_path, owner="pytest"), services.clock)
    try:
        second = ReminderScheduler(again, create_notifier(None))
        second.start()
        with pytest.raises(queue.Empty):
            server.next_call("Notify", timeout=0.5)
        services.clock.advance(days=7, hours=1)  # the check-in falls due: announced by itself
        second.check()
        assert server.next_call("Notify").body[3] == "Check in with Acme Robotics"
        second.stop()
    finally:
        again.close()
