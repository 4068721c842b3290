"""Tray balloons: the fallback where no freedesktop notification server runs."""

from __future__ import annotations

from PySide6.QtWidgets import QSystemTrayIcon

from jobtracker.platform.notifications.base import OPEN, Notice, Notifier

MESSAGE_MS = 10_000


class TrayMessageNotifier(Notifier):
    """``QSystemTrayIcon.showMessage``; a click on the balloon opens the reminder."""

    def __init__(self, tray: QSystemTrayIcon) -> None:
        super().__init__(tray)
        self._tray = tray
        self._last: tuple[int, ...] = ()
        tray.messageClicked.connect(self._clicked)

    def show(self, notice: Notice) -> bool:
        if not self._tray.isVisible():
            return False
        self._last = notice.reminder_ids
        self._tray.showMessage(
            notice.summary, notice.body, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS
        )
        return True

    def _clicked(self) -> None:
        if self._last:
            self.action_invoked.emit(self._last, OPEN)
