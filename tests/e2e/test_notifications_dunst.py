"""A real notification server: dunst under Xvfb on a private session bus receives the
reminder (the explicit uint32 signature is what makes dunst accept it), invokes its default
action back to the app, and lists it in its history with the app name jobtracker."""

from __future__ import annotations

import json
import os
import subprocess
import time
from datetime import timedelta

import pytest

from jobtracker.platform.notifications import create_notifier
from jobtracker.platform.notifications.freedesktop import FreedesktopNotifier
from jobtracker.ui.reminders.scheduler import ReminderScheduler
from tests.e2e.conftest import require_program

pytestmark = pytest.mark.e2e


@pytest.fixture
def dunst(xvfb_display: str, session_bus: str, monkeypatch: pytest.MonkeyPatch, tmp_path):
    """dunst on the private bus and screen; yields a function running dunstctl."""
    program = require_program("dunst", "dunst")
    dunstctl = require_program("dunstctl", "dunst")
    env = {**os.environ, "DISPLAY": xvfb_display, "DBUS_SESSION_BUS_ADDRESS": session_bus}
    env["XDG_CONFIG_HOME"] = str(tmp_path)  # dunst's built-in defaults, not a user's dunstrc
    proc = subprocess.Popen(
        [program], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )

    def ctl(*args: str) -> str:
        return subprocess.run(
            [dunstctl, *args], env=env, capture_output=True, text=True, timeout=10, check=True
        ).stdout

    deadline = time.monotonic() + 10
    while True:
        try:
            ctl("is-paused")
            break
        except subprocess.CalledProcessError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail("dunst did not come up on the private bus")
            time.sleep(0.1)
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", session_bus)
    monkeypatch.setenv("JOBTRACKER_NOTIFICATIONS", "on")
    yield ctl
    proc.terminate()
    proc.wait(timeout=10)


def test_dunst_shows_the_reminder_and_keeps_it_in_history(dunst, services, qtbot):
    stage = services.board.stage_by_name("Interviewing").id
    app = services.applications.add("Acme Robotics", "Backend Engineer", stage).id
    services.interviews.add(app, services.clock.now() - timedelta(hours=3), title="interview")
    services.reminders.done(
        [r.id for r in services.reminders.open_reminders() if r.rule_key != "thank_you"]
    )
    notifier = create_notifier(None)
    assert isinstance(notifier, FreedesktopNotifier)
    scheduler = ReminderScheduler(services, notifier)
    try:
        scheduler.start()
        qtbot.waitUntil(lambda: dunst("count", "displayed").strip() == "1", timeout=5000)
        with qtbot.waitSignal(scheduler.open_requested, timeout=5000) as opened:
            dunst("action", "0")  # the default action, as a click on the bubble
        assert opened.args == [app, "thank-you"]
        dunst("close-all")
        qtbot.waitUntil(lambda: dunst("count", "history").strip() != "0", timeout=5000)
        history = json.loads(dunst("history"))["data"][0]
        shown = history[0]
        assert shown["appname"]["data"] == "jobtracker"
        assert shown["summary"]["data"] == "Thank Acme Robotics for the interview"
        assert shown["body"]["data"].startswith("Send Acme Robotics a thank-you note")
    finally:
        scheduler.stop()
