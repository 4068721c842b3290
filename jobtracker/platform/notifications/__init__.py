"""Notifications: freedesktop over D-Bus, tray balloons where there is no server, and always
the in-app Reminders panel. ``JOBTRACKER_NOTIFICATIONS=off`` (the test suite's default)
keeps the desktop quiet."""

from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import QSystemTrayIcon

from jobtracker.platform.notifications.base import (
    DEFAULT,
    DONE,
    OPEN,
    SNOOZE,
    Notice,
    Notifier,
    NullNotifier,
)

ENV_SWITCH = "JOBTRACKER_NOTIFICATIONS"


def desktop_notifications_allowed() -> bool:
    return os.environ.get(ENV_SWITCH, "on").lower() not in ("off", "0", "no", "false")


def create_notifier(tray: QSystemTrayIcon | None, *, enabled: bool = True) -> Notifier:
    """The best notifier here: D-Bus server, else tray balloons, else in-app only."""
    if not enabled or not desktop_notifications_allowed():
        return NullNotifier()
    if sys.platform.startswith("linux"):
        from jobtracker.platform.notifications.freedesktop import FreedesktopNotifier

        notifier = FreedesktopNotifier.open()
        if notifier is not None:
            return notifier
    if tray is not None and QSystemTrayIcon.supportsMessages():
        from jobtracker.platform.notifications.tray_messages import TrayMessageNotifier

        return TrayMessageNotifier(tray)
    return NullNotifier()


__all__ = [
    "DEFAULT", "DONE", "OPEN", "SNOOZE", "Notice", "Notifier", "NullNotifier", "create_notifier",
    "desktop_notifications_allowed",
]  # fmt: skip
