"""Running one of the opener's hand-overs in a worker thread (a launcher may take a moment
to start a program) and saying on the GUI thread how it went.

Signals:
    failed(OpenError): the desktop did not take it; the error says what and why.
    handed_over(): the desktop took it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool, Signal

from jobtracker.platform.opener import OpenError


class Handoff(QObject):
    """Hand-overs of one window part, each in a worker; answers come by signal."""

    failed = Signal(object)
    handed_over = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)

    def start(self, hand_over: Callable[[], None]) -> None:
        """Run ``hand_over`` (an opener function bound to its arguments) in a worker."""
        self._pool.start(lambda: self._run(hand_over))

    def wait(self) -> None:
        """Let the hand-overs under way finish (tests, and a window's close)."""
        self._pool.waitForDone()

    def _run(self, hand_over: Callable[[], None]) -> None:
        try:
            hand_over()
        except OpenError as exc:
            self.failed.emit(exc)
            return
        self.handed_over.emit()
