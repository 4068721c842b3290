"""The floor of the start benchmarks: an empty QMainWindow, started in its own process.

Prints, like ``jobtracker`` with JOBTRACKER_EXIT_AFTER_FIRST_PAINT=1, a line
``first paint {"painted": <time.monotonic() once painted>, "peak_rss_kib": <VmHWM>}`` on
stderr, then quits.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


def peak_rss_kib() -> int:
    with Path("/proc/self/status").open() as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))


class FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, finish)
        return False


def finish() -> None:
    facts = {"painted": time.monotonic(), "peak_rss_kib": peak_rss_kib()}
    print(f"first paint {json.dumps(facts)}", file=sys.stderr, flush=True)
    QApplication.quit()


app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
painted = FirstPaint()
window.installEventFilter(painted)
window.show()
sys.exit(app.exec())
