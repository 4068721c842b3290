"""A real mouse drag, under a real X server: xdotool drags a card to another column of the
running window, and the database file has the move. Once in a window built over its
services, once in the ``jobtracker`` command's own window, which paints before its store
opens."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from jobtracker.domain.services import Services
from jobtracker.store.db import open_store
from jobtracker.store.files import sqlite_uri
from tests.e2e.conftest import require_program

pytestmark = pytest.mark.e2e

#: Opens the board on the file, says where the card and the target column are on screen.
WINDOW_SCRIPT = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from jobtracker.domain.services import open_services
from jobtracker.ui.main_window import MainWindow

app = QApplication(sys.argv)
services = open_services(Path(sys.argv[1]), owner="e2e window")
settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
window = MainWindow(services, settings)
window.setGeometry(0, 0, 1400, 800)
window.show()

def report():
    def where(stage):
        return window.board.columns[services.board.stage_by_name(stage).id].view
    source, target = where("Applied"), where("Offer")
    card = source.viewport().mapToGlobal(source.visualRect(source.cards.index(0, 0)).center())
    spot = target.viewport().mapToGlobal(target.viewport().rect().center())
    print(json.dumps({"card": [card.x(), card.y()], "target": [spot.x(), spot.y()]}), flush=True)

QTimer.singleShot(800, report)
app.exec()
services.close()
"""

#: The command as a person starts it; once the store has opened under the painted window,
#: says where the card and the target column are on screen.
APP_SCRIPT = """
import json, os, sys
os.environ["JOBTRACKER_EXIT_AFTER_FIRST_PAINT"] = "1"  # calls the hook below as it shows
from jobtracker import cli  # Qt loads in the command's own start, as a person runs it
from jobtracker.ui import app as ui_app

def report(window):
    def where(stage):
        return next(c.view for c in window.board.columns.values() if c.stage.name == stage)
    source, target = where("Applied"), where("Offer")
    card = source.viewport().mapToGlobal(source.visualRect(source.cards.index(0, 0)).center())
    spot = target.viewport().mapToGlobal(target.viewport().rect().center())
    print(json.dumps({"card": [card.x(), card.y()], "target": [spot.x(), spot.y()]}), flush=True)

def when_shown(window):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    window.setGeometry(0, 0, 1400, 800)
    window.attached.connect(lambda: QTimer.singleShot(500, lambda: report(window)))
    QTimer.singleShot(20_000, lambda: QApplication.exit(9))  # never attached: fail, not hang

ui_app.quit_after_first_paint = when_shown
sys.exit(cli.main(["--db", sys.argv[1]]))
"""


def _stage_of(db_path: Path, application_id: int) -> int:
    connection = sqlite3.connect(sqlite_uri(db_path), uri=True)
    try:
        sql = 'SELECT stage_id FROM "application" WHERE id = ?'
        return connection.execute(sql, (application_id,)).fetchone()[0]
    finally:
        connection.close()


def _xdotool(*args: str, display: str) -> None:
    subprocess.run(
        ["xdotool", *args], check=True, env={**os.environ, "DISPLAY": display}, timeout=10
    )


def _board(db_path: Path) -> tuple[int, int]:
    """Acme in Applied and a card in Offer: (Acme's id, the Offer stage's id)."""
    with open_store(db_path, owner="e2e setup") as store:
        services = Services(store)
        acme = services.applications.add(
            "Acme", "Backend Engineer", services.board.stage_by_name("Applied").id
        ).id
        services.applications.add("Zephyr", "ML Engineer", services.board.stage_by_name("Offer").id)
        return acme, services.board.stage_by_name("Offer").id


def _drag_card(script: str, args: list[str], display: str, moved: Callable[[], bool]) -> None:
    """Start the window of ``script``, drag with the mouse from where it says the card is to
    where the target column is, and wait until ``moved()``; the window stops afterwards."""
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    window = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        line = window.stdout.readline()
        assert line, (
            f"the window did not start: {window.stderr.read() if window.poll() is not None else ''}"
        )
        places = json.loads(line)
        (x0, y0), (x1, y1) = places["card"], places["target"]
        _xdotool("mousemove", str(x0), str(y0), display=display)
        _xdotool("mousedown", "1", display=display)
        for step in range(1, 21):  # a drag starts after the pointer travels a few pixels
            x = x0 + (x1 - x0) * step // 20
            y = y0 + (y1 - y0) * step // 20
            _xdotool("mousemove", str(x), str(y), display=display)
            time.sleep(0.03)
        time.sleep(0.2)
        _xdotool("mouseup", "1", display=display)
        deadline = time.monotonic() + 10
        while not moved() and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        window.terminate()
        window.wait(timeout=10)


@pytest.mark.parametrize(
    "script",
    [WINDOW_SCRIPT, APP_SCRIPT],
    ids=["window over its services", "the command's own window, painted before its store"],
)
def test_a_real_mouse_drag_moves_the_card_and_the_database_has_it(
    xvfb_display: str, tmp_path: Path, script: str
) -> None:
    require_program("xdotool", "xdotool")
    db_path = tmp_path / "board.sqlite3"
    acme, offer = _board(db_path)

    args = [str(db_path), str(tmp_path / "settings.ini")]  # the command's needs only the first
    _drag_card(script, args, xvfb_display, lambda: _stage_of(db_path, acme) == offer)

    assert _stage_of(db_path, acme) == offer
