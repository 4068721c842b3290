"""PySide6 6.12 on Python 3.11 leaks a ``None`` reference per void call; importing
``jobtracker.ui`` must keep a long-running window alive anyway."""

from __future__ import annotations

import os
import subprocess
import sys

PAINT_A_LOT = """
import jobtracker.ui
from PySide6.QtGui import QGuiApplication, QImage, QPainter
app = QGuiApplication([])
image = QImage(8, 8, QImage.Format.Format_ARGB32)
painter = QPainter(image)
for _ in range(50_000):
    painter.drawLine(0, 0, 5, 5)
painter.end()
print("painted")
"""


def test_many_void_calls_do_not_abort_the_process() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", PAINT_A_LOT],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "painted"
