"""Work that waits until a window has painted (what the person sees comes first), and work
done a step per turn of the event loop after it (the window answers input between steps)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` from the event loop once ``widget`` has painted for the first time:
    after that whole frame, not inside it."""
    widget.installEventFilter(_OnFirstPaint(widget, callback))


class _OnFirstPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
            self.deleteLater()
        return False


def one_per_turn(owner: QObject, steps: Iterator[None]) -> None:
    """Run ``steps`` to their end, a step (up to its next ``yield``) per turn of the event
    loop, while ``owner`` (the window they build on) exists."""

    def next_step() -> None:
        try:
            next(steps)
        except StopIteration:
            return
        QTimer.singleShot(0, owner, next_step)

    QTimer.singleShot(0, owner, next_step)
