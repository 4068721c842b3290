"""A real mouse drag, under a real X server: xdotool drags a card to another column of the
running window (started as the command starts it), and the database file has the move."""

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

#: the command's window, started as the command starts it; says where the card and the
#: target column are on screen once it has settled
DRAG_WINDOW = Path(__file__).parents[1] / "fixtures" / "drag_window.py"


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


def _drag_card(args: list[str], display: str, moved: Callable[[], bool]) -> None:
    """Start the window, drag with the mouse from where it says the card is to
    where the target column is, and wait until ``moved()``; the window stops afterwards."""
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    window = subprocess.Popen(
        [sys.executable, str(DRAG_WINDOW), *args],
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


def test_a_real_mouse_drag_moves_the_card_and_the_database_has_it(
    xvfb_display: str, tmp_path: Path
) -> None:
    require_program("xdotool", "xdotool")
    db_path = tmp_path / "board.sqlite3"
    acme, offer = _board(db_path)

    _drag_card([str(db_path)], xvfb_display, lambda: _stage_of(db_path, acme) == offer)

    assert _stage_of(db_path, acme) == offer
