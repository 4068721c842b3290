"""The ``jobtracker`` command's start, in a fresh interpreter as a person runs it: on a sound
file the board paints before the store's modules load, then the store opens under the
painted window; a new file opens first; a file found locked after the paint is explained
and the app quits with the database exit code.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from fixtures.dbtools import filled_database

from jobtracker.domain.clock import SYSTEM_CLOCK
from jobtracker.store.lock import WriterLock

#: runs the command line with the hook its packaged smoke test uses (quit once the window has
#: painted and has its services), noting what was loaded when the window first painted and
#: answering any dialog with Quit (after printing its text)
START = """
import json, os, sys
os.environ["JOBTRACKER_EXIT_AFTER_FIRST_PAINT"] = "1"
from jobtracker import cli  # Qt loads in the command's own start, as a person runs it
from jobtracker.ui import app as ui_app

seen = {}
quit_when_ready, settle = ui_app.quit_after_first_paint, ui_app.settle_after_start

def watch(window):  # as the window shows
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QDialog, QLabel

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and "at_paint" not in seen:
                seen["at_paint"] = sorted(sys.modules)
                seen["cards_at_paint"] = len(watched.board.card_set)
            return False

    def quit_dialogs():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            seen["dialog"] = " ".join(label.text() for label in dialog.findChildren(QLabel))
            dialog.reject()
        QTimer.singleShot(20, quit_dialogs)

    seen["window"], seen["filter"] = window, FirstPaint()
    window.installEventFilter(seen["filter"])
    QTimer.singleShot(0, quit_dialogs)
    quit_when_ready(window)

def noting_sources(window):  # what PySide6 read of the app's modules, up to the settle
    import linecache
    seen["sources_read"] = sorted(
        name for name in linecache.cache if "jobtracker" in name or name.endswith("peewee.py")
    )
    settle(window)

ui_app.quit_after_first_paint = watch
ui_app.settle_after_start = noting_sources
code = cli.main(["--db", sys.argv[1]])
window, _ = seen.pop("window", None), seen.pop("filter", None)
print(json.dumps({
    "code": code, **seen,
    "attached": window is not None and window.services is not None,
    "cards": None if window is None else len(window.board.card_set),
    "partial": None if window is None else window.board.card_set.partial,
}))
"""

STORE_MODULES = (
    "peewee",
    "jobtracker.store.models",
    "jobtracker.store.db",
    "jobtracker.domain.services",
)


def _start(db_path: Path) -> tuple[dict, str]:
    """What the start noted, and its error output."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", START, str(db_path)],
        capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1]), result.stderr


def test_the_board_paints_before_the_store_loads_then_the_store_opens(db_path: Path) -> None:
    count = filled_database(db_path, SYSTEM_CLOCK)

    seen, errors = _start(db_path)

    assert seen["code"] == 0 and "first paint" in errors
    assert [m for m in STORE_MODULES if m in seen["at_paint"]] == []
    assert seen["cards_at_paint"] == count  # the painted board held the cards
    assert seen["attached"] and not seen["partial"] and seen["cards"] == count
    assert seen["sources_read"] == []  # see skip_pyside_import_checks


def test_a_new_database_is_created_before_the_window_shows(db_path: Path) -> None:
    seen, errors = _start(db_path)

    assert seen["code"] == 0 and "first paint" in errors
    assert "jobtracker.store.models" in seen["at_paint"]  # opened first: nothing to read ahead
    assert seen["attached"] and seen["cards"] == 0
    assert db_path.stat().st_mode & 0o777 == 0o600


def test_a_file_locked_after_the_first_frame_is_explained_and_the_app_quits(
    db_path: Path,
) -> None:
    count = filled_database(db_path, SYSTEM_CLOCK)
    holder = WriterLock(db_path, "jobtracker import")
    try:
        seen, errors = _start(db_path)
    finally:
        holder.release()

    assert seen["code"] == 3  # as the command line's database errors
    assert seen["cards_at_paint"] == count  # the board had painted
    assert "in use by another program" in seen["dialog"]
    assert not seen["attached"] and "first paint" not in errors


def test_the_settings_file_is_private_from_the_first_start(
    db_path: Path, private_home: Path
) -> None:
    seen, _ = _start(db_path)
    assert seen["code"] == 0
    settings = private_home / ".config" / "jobtracker" / "jobtracker.conf"
    assert settings.stat().st_mode & 0o777 == 0o600
    assert settings.parent.stat().st_mode & 0o777 == 0o700
