"""Runs a capture (fetching and reading a page) off the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from jobtracker.domain.capture.errors import CaptureError

if TYPE_CHECKING:  # the window installs capture at its start; the readers load on first use
    from jobtracker.domain.capture.page import PageCapture


class CaptureRunner(QObject):
    """Fetches and reads one posting in a worker thread; results come back by signal.

    Signals:
        captured(PageCapture): the posting was read.
        failed(CaptureError): it could not be; the error's text says why in one sentence.
    """

    captured = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, work: Callable[[], PageCapture]) -> None:
        """Run ``work`` (which may raise CaptureError) in a new daemon thread."""
        self._thread = threading.Thread(target=self._run, args=(work,), daemon=True)
        self._thread.start()

    def wait(self, seconds: float) -> None:
        """Let a running capture end (tests, and the window closing)."""
        if self._thread is not None:
            self._thread.join(seconds)

    def _run(self, work: Callable[[], PageCapture]) -> None:
        try:
            result = work()
        except CaptureError as exc:
            self.failed.emit(exc)
        except Exception as exc:  # a reader's bug must not pass silently in a thread
            self.failed.emit(CaptureError("unreadable", f"The page could not be read ({exc})."))
        else:
            self.captured.emit(result)
