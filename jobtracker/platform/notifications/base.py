"""What every notifier shares: the notice to show and the Null notifier (in-app panel only)."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QObject, Signal

#: action keys, also the keys sent over D-Bus; "default" is a click on the notification
OPEN, SNOOZE, DONE, DEFAULT = "open", "snooze", "done", "default"

#: freedesktop urgency levels
LOW_URGENCY, NORMAL_URGENCY, CRITICAL_URGENCY = 0, 1, 2


class Notice(NamedTuple):
    """One notification: a reminder, or a group of them shown together (a named tuple, as
    the start's records: see jobtracker.domain.records)."""

    summary: str
    body: str
    reminder_ids: tuple[int, ...]
    #: (key, label) pairs, in the order shown
    actions: tuple[tuple[str, str], ...] = ()
    urgency: int = NORMAL_URGENCY


class Notifier(QObject):
    """Shows notices; reports what the person did with them.

    Signals:
        action_invoked(reminder_ids: tuple, action: str): an action or a click (``default``).
        dismissed(reminder_ids: tuple, reason: int): the notice went away without an action.
    """

    action_invoked = Signal(object, str)
    dismissed = Signal(object, int)

    def show(self, notice: Notice) -> bool:
        """Show ``notice``; False when it could not be (the panel still lists it)."""
        return False

    def close(self) -> None:
        """Release the connection; no signals after this."""


class NullNotifier(Notifier):
    """No desktop notifications: the in-app Reminders panel and the badge tell the person."""
