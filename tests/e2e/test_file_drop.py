"""A real file drag under a real X server: a small Qt program offers a file as
text/uri-list (as a file manager does), xdotool drags it onto a card of the running
window, and the database has the document attached to that card."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixtures.documents import make_pdf

from jobtracker.domain.services import Services
from jobtracker.store.db import open_store
from jobtracker.store.files import sqlite_uri
from tests.e2e.conftest import require_program
from tests.e2e.test_board_drag import DRAG_WINDOW, _xdotool

pytestmark = pytest.mark.e2e

#: A file manager's stand-in: a window that starts a copy drag of one file when pressed.
SOURCE_SCRIPT = """
import json, sys
from PySide6.QtCore import QMimeData, Qt, QTimer, QUrl
from PySide6.QtGui import QDrag
from PySide6.QtWidgets import QApplication, QLabel

class Source(QLabel):
    def mousePressEvent(self, event):
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(sys.argv[1])])
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.exec(Qt.DropAction.CopyAction)

app = QApplication(sys.argv)
source = Source("resume.pdf")
source.setGeometry(1420, 820, 160, 120)
source.show()

def report():
    spot = source.mapToGlobal(source.rect().center())
    print(json.dumps([spot.x(), spot.y()]), flush=True)

QTimer.singleShot(800, report)
app.exec()
"""


def _attached(db_path: Path) -> list[tuple[int, str]]:
    connection = sqlite3.connect(sqlite_uri(db_path), uri=True)
    try:
        return connection.execute(
            'SELECT l."application_id", d."original_name" FROM "application_document" l '
            'JOIN "document" d ON d."id" = l."document_id"'
        ).fetchall()
    except sqlite3.OperationalError:  # not yet migrated by the window
        return []
    finally:
        connection.close()


def _start(args: list[str], display: str) -> tuple[subprocess.Popen[str], object]:
    """Run Python with ``args``; the first line it prints, as JSON."""
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    process = subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=env)  # fmt: skip
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line, f"did not start: {process.stderr.read() if process.poll() is not None else ''}"
    return process, json.loads(line)


def test_a_file_dragged_onto_a_card_is_attached_to_it(xvfb_display: str, tmp_path: Path) -> None:
    require_program("xdotool", "xdotool")
    db_path = tmp_path / "board.sqlite3"
    with open_store(db_path, owner="e2e setup") as store:
        services = Services(store)
        applied = services.board.stage_by_name("Applied").id
        acme = services.applications.add("Acme", "Backend Engineer", applied).id
        services.applications.add("Zephyr", "ML Engineer", services.board.stage_by_name("Offer").id)
    resume = make_pdf(tmp_path / "resume.pdf", ["Kubernetes"])
    window, places = _start([str(DRAG_WINDOW), str(db_path)], xvfb_display)
    source, spot = _start(["-c", SOURCE_SCRIPT, str(resume)], xvfb_display)
    try:
        (x0, y0), (x1, y1) = spot, places["card"]  # type: ignore[index]
        _xdotool("mousemove", str(x0), str(y0), display=xvfb_display)
        _xdotool("mousedown", "1", display=xvfb_display)
        for step in range(1, 26):
            _xdotool("mousemove", str(x0 + (x1 - x0) * step // 25),
                     str(y0 + (y1 - y0) * step // 25), display=xvfb_display)  # fmt: skip
            time.sleep(0.03)
        time.sleep(0.3)
        _xdotool("mouseup", "1", display=xvfb_display)
        deadline = time.monotonic() + 15
        while not _attached(db_path) and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        for process in (source, window):
            process.terminate()
            process.wait(timeout=10)
    assert _attached(db_path) == [(acme, "resume.pdf")]
