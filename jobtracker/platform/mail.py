"""Handing a draft to the person's email app, and knowing when that did not work.

On Linux the ``mailto:`` link goes to ``xdg-email`` (else ``xdg-open``), run without a
terminal of ours: what they print (some print the whole link, draft included) goes nowhere,
and their exit code says whether an email app took it. Elsewhere Qt's
``QDesktopServices.openUrl`` answers at once.

Signals:
    failed(str): no email app took the draft; the text says why, in words.
    handed_off(): an email app took it.
"""

from __future__ import annotations

import shutil
import sys

from PySide6.QtCore import QObject, QProcess, QUrl, Signal
from PySide6.QtGui import QDesktopServices

#: the programs tried, in order, on Linux and the BSDs
HANDLERS = ("xdg-email", "xdg-open")
#: xdg-utils' exit codes, in words
_EXIT_REASONS = {
    1: "the link was refused",
    2: "a file it needed was missing",
    3: "no email app is set up",
    4: "the email app did not start",
}


class MailHandoff(QObject):
    """One hand-off at a time per editor; the process lives until it ends on its own."""

    failed = Signal(str)
    handed_off = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.process: QProcess | None = None

    def open(self, url: str) -> None:
        """Hand ``url`` (a ``mailto:`` link) over; the answer comes by signal."""
        if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
            if QDesktopServices.openUrl(QUrl.fromEncoded(url.encode("ascii"))):
                self.handed_off.emit()
            else:
                self.failed.emit("no email app answered")
            return
        program = next((p for p in (shutil.which(h) for h in HANDLERS) if p), None)
        if program is None:
            self.failed.emit("xdg-utils is not installed, so no email app can be asked")
            return
        process = QProcess(self)
        process.setProgram(program)
        process.setArguments([url])
        process.setStandardOutputFile(QProcess.nullDevice())
        process.setStandardErrorFile(QProcess.nullDevice())
        process.finished.connect(lambda code, _status: self._finished(process, code))
        process.errorOccurred.connect(lambda error: self._error(process, error))
        self.process = process
        process.start()

    def _finished(self, process: QProcess, code: int) -> None:
        process.deleteLater()
        if process.exitStatus() != QProcess.ExitStatus.NormalExit:
            self.failed.emit("the email app stopped unexpectedly")
        elif code:
            self.failed.emit(_EXIT_REASONS.get(code, f"the hand-off failed (code {code})"))
        else:
            self.handed_off.emit()

    def _error(self, process: QProcess, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            process.deleteLater()
            self.failed.emit(f"{process.program()} could not be started")
