"""What the app's start loads: the dialogs, templates and import machinery wait for first
use, and PySide6 builds no widget classes the board does not use (each of these is time or
memory of every start; see the board benchmark).

The app starts in a fresh interpreter through its one start, since this test run has long
since imported everything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from fixtures.dbtools import filled_database

from jobtracker.domain.clock import SYSTEM_CLOCK
from jobtracker.paths import user_templates_dir

#: modules that load on first use of the feature behind them, never at start
LOADED_ON_FIRST_USE = (
    "jinja2",
    "jobtracker.domain.demo",
    "jobtracker.domain.drafts",
    "jobtracker.domain.insights",
    "jobtracker.domain.transfer",
    "jobtracker.ui.dialogs.about",
    "jobtracker.ui.dialogs.details",
    "jobtracker.ui.dialogs.import_wizard",
    "jobtracker.ui.dialogs.settings",
    "jobtracker.ui.dialogs.stages",
    "jobtracker.ui.drafts.editor",
    "jobtracker.ui.insights.window",
    "numpy",
    "pyqtgraph",
    "PySide6.QtSvg",
    "zoneinfo",  # where a time zone is set
)

#: modules the window never loads: the single-instance socket is the standard library's
NEVER_LOADED = ("PySide6.QtNetwork",)

#: the parts of the window its first frame does not show: installed right after it
INSTALLED_AFTER_THE_FIRST_PAINT = (
    "jobtracker.ui.capture.window_capture",
    "jobtracker.ui.dialogs.about_action",
    "jobtracker.ui.dialogs.settings_action",
    "jobtracker.ui.dialogs.transfer_actions",
    "jobtracker.ui.documents.install",
    "jobtracker.ui.drafts.hookup",
    "jobtracker.ui.filters.hookup",
    "jobtracker.ui.insights.hookup",
    "jobtracker.ui.people.hookup",
)

STARTED_MODULES = Path(__file__).parents[1] / "fixtures" / "started_modules.py"
BUILT_WINDOW_MODULES = Path(__file__).parents[1] / "fixtures" / "built_window_modules.py"


#: Qt classes whose Python types the board's start does not build: the dialogs' and the
#: screen readers' announcements (on first use), and widgets the board never uses, which
#: PySide6 builds when it wraps a plain QWidget that Qt created (a list's own viewport: see
#: ColumnView)
NOT_BUILT_AT_START = (
    "QFileDialog", "QMessageBox", "QDialogButtonBox", "QAccessible",
    "QMdiArea", "QWizard", "QGraphicsView", "QCalendarWidget",
)  # fmt: skip


def _start_window(db_path: Path, *, notifications: bool = False) -> dict[str, Any]:
    """What the start loaded; ``notifications``: with the desktop's notifications on (and no
    session bus, so none is shown)."""
    if not db_path.exists():
        filled_database(db_path, SYSTEM_CLOCK)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if notifications:
        env["JOBTRACKER_NOTIFICATIONS"] = "on"
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    result = subprocess.run(
        [sys.executable, str(STARTED_MODULES), str(db_path)],
        capture_output=True, text=True, check=True, timeout=60, env=env,
    )  # fmt: skip
    loaded: dict[str, Any] = json.loads(result.stdout.splitlines()[-1])
    return loaded


def test_the_start_leaves_feature_modules_unloaded(db_path: Path) -> None:
    loaded = _start_window(db_path)
    modules = set(loaded["modules"])
    assert "jobtracker.ui.main_window" in modules  # the window was built
    early = [
        name
        for name in (*LOADED_ON_FIRST_USE, *NEVER_LOADED)
        if any(m == name or m.startswith(name + ".") for m in modules)
    ]
    assert early == []


def test_the_notifier_looked_up_at_start_leaves_markup_escaping_for_its_first_notice(
    db_path: Path,
) -> None:
    modules = set(_start_window(db_path, notifications=True)["modules"])
    assert "jeepney" in modules  # the desktop's notifier was looked up
    assert [m for m in modules if m == "html" or m.startswith("html.")] == []


def test_the_window_before_its_first_paint_loads_only_what_that_frame_shows(
    db_path: Path, tmp_path: Path
) -> None:
    filled_database(db_path, SYSTEM_CLOCK)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, str(BUILT_WINDOW_MODULES), str(db_path), str(tmp_path / "w.ini")],
        capture_output=True, text=True, check=True, timeout=60, env=env,
    )  # fmt: skip
    built = json.loads(result.stdout.splitlines()[-1])
    assert built["ready"] is False
    assert [m for m in INSTALLED_AFTER_THE_FIRST_PAINT if m in built["modules"]] == []
    settled = set(_start_window(db_path)["modules"])  # then the start installs them
    assert [m for m in INSTALLED_AFTER_THE_FIRST_PAINT if m not in settled] == []


def test_the_start_builds_only_the_qt_types_it_uses(db_path: Path) -> None:
    loaded = _start_window(db_path)
    assert "QListView" in loaded["qt_types"]  # the board's own were built
    assert [t for t in NOT_BUILT_AT_START if t in loaded["qt_types"]] == []


def test_a_persons_own_templates_have_their_renderer_ready_after_the_start(
    db_path: Path,
) -> None:
    """The first listing of their templates (opening the draft editor) does not wait for
    the renderer's child to start; the window itself still never loads jinja2."""
    assert _start_window(db_path)["template_renderer_running"] is False  # none of their own
    templates = user_templates_dir(db_path)
    templates.mkdir()
    (templates / "mine.txt.j2").write_text("Subject: Hello\n\nHi {{ company }}\n", "utf-8")
    loaded = _start_window(db_path)
    assert loaded["template_renderer_running"] is True
    assert "jinja2" not in loaded["modules"]
