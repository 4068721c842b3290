"""The window follows the desktop's dark/light switch live, end to end: a settings portal
(org.freedesktop.portal.Settings, as GNOME and KDE provide it) on a private session bus
changes ``org.freedesktop.appearance color-scheme`` while the app runs under Xvfb, and the
app's palette turns dark without a restart."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from jeepney import DBusAddress, MessageType, new_error, new_method_return, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection

pytestmark = pytest.mark.e2e

PORTAL_PATH = "/org/freedesktop/portal/desktop"
SETTINGS = "org.freedesktop.portal.Settings"
APPEARANCE = "org.freedesktop.appearance"
PREFER_DARK, PREFER_LIGHT = 1, 2

APP = Path(__file__).parents[1] / "fixtures" / "theme_window.py"


class FakeSettingsPortal:
    """Answers the portal's Read/ReadAll for color-scheme and announces a change."""

    def __init__(self, bus: str, scheme: int) -> None:
        self.scheme = scheme
        self.conn = open_dbus_connection(bus=bus)
        self.conn.send_and_get_reply(message_bus.RequestName("org.freedesktop.portal.Desktop"))
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stopping.is_set():
            try:
                msg = self.conn.receive(timeout=0.1)
            except TimeoutError:
                continue  # look at whether the test is over
            except (OSError, ValueError):  # the bus went away
                return
            if msg.header.message_type != MessageType.method_call:
                continue
            member = msg.header.fields.get(3)  # HeaderFields.member
            value = ("u", self.scheme)
            if member == "ReadAll":
                reply = new_method_return(
                    msg, "a{sa{sv}}", ({APPEARANCE: {"color-scheme": value}},)
                )
            elif member == "ReadOne" and msg.body[:2] == (APPEARANCE, "color-scheme"):
                reply = new_method_return(msg, "v", (value,))
            elif member == "Read" and msg.body[:2] == (APPEARANCE, "color-scheme"):
                reply = new_method_return(msg, "v", (("v", value),))
            else:
                reply = new_error(msg, "org.freedesktop.DBus.Error.UnknownMethod", "s", ("",))
            self.conn.send(reply)

    def change(self, scheme: int) -> None:
        self.scheme = scheme
        where = DBusAddress(PORTAL_PATH, interface=SETTINGS)
        body = (APPEARANCE, "color-scheme", ("u", scheme))
        self.conn.send(new_signal(where, "SettingChanged", "ssv", body))

    def close(self) -> None:
        """Stop serving, then close: a connection closed under a thread still waiting on it
        leaves that thread on a file number the next test may be given."""
        self.stopping.set()
        self.thread.join(timeout=5)
        self.conn.close()


@pytest.fixture
def portal(session_bus: str) -> Iterator[FakeSettingsPortal]:
    served = FakeSettingsPortal(session_bus, PREFER_LIGHT)
    yield served
    served.close()


def test_palette_turns_dark_when_the_desktop_does(
    xvfb_display: str, session_bus: str, portal: FakeSettingsPortal, tmp_path: Path
) -> None:
    env = {
        **os.environ,
        "DISPLAY": xvfb_display,
        "DBUS_SESSION_BUS_ADDRESS": session_bus,
        "QT_QPA_PLATFORM": "xcb",
        "QT_QPA_PLATFORMTHEME": "xdgdesktopportal",
    }
    app = subprocess.Popen(
        [sys.executable, str(APP), str(tmp_path / "settings.ini")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        assert app.stdout.readline().split() == ["start", "light"], app.stderr.read()
        portal.change(PREFER_DARK)
        assert app.stdout.readline().split() == ["now", "dark"]
        assert app.wait(timeout=20) == 0
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
