"""When to save typed text: shortly after typing pauses, and never later than a second.

A single-shot timer restarted per keystroke (the pause) alone would never fire while someone
types steadily, so the wait is also capped from the first unsaved change: a crash loses at
most the last second of typing.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

#: save this long after the last keystroke ...
IDLE_MS = 500
#: ... but no later than this after the first unsaved one
MAX_DELAY_MS = 900


class Autosaver(QObject):
    """Calls ``save`` after changes settle; ``flush`` saves pending changes at once."""

    def __init__(self, save: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self._dirty_since: float | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)

    @property
    def pending(self) -> bool:
        return self._dirty_since is not None

    def changed(self) -> None:
        """Note a change; (re)start the timer within the one-second cap."""
        now = time.monotonic()
        if self._dirty_since is None:
            self._dirty_since = now
        elapsed_ms = (now - self._dirty_since) * 1000
        self._timer.start(int(max(0, min(IDLE_MS, MAX_DELAY_MS - elapsed_ms))))

    def flush(self) -> None:
        """Save now if anything is pending (on close, before switching drafts ...)."""
        self._timer.stop()
        if self._dirty_since is None:
            return
        self._dirty_since = None
        self._save()

    def discard(self) -> None:
        """Forget pending changes (the draft they belonged to is gone)."""
        self._timer.stop()
        self._dirty_since = None
