"""What the board window loads at start: the dialogs, templates and import machinery wait for
first use, OpenSSL is never loaded, PySide6 builds no widget classes the board does not use,
and no module sources stay in memory once the start has settled (each of these is time or
memory of every start; see the board benchmark).

The window is built in a fresh interpreter, as the app builds it, since this test run has
long since imported everything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from fixtures.dbtools import filled_database

from jobtracker.domain.clock import SYSTEM_CLOCK

#: modules that load on first use of the feature behind them, never at start
LOADED_ON_FIRST_USE = (
    "dataclasses",  # the start's records are named tuples: see jobtracker.domain.records
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
    "PySide6.QtNetwork",
    "PySide6.QtSvg",
)

BUILD_WINDOW = """
import json, linecache, sys
from pathlib import Path
from jobtracker.ui.app import settle_after_start, skip_pyside_import_checks
from jobtracker.domain.board_reads import read_first_frame
from jobtracker.store.check import OpenCheck
check = OpenCheck(Path(sys.argv[1]), read_first_frame)
from PySide6 import QtGui, QtWidgets
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
skip_pyside_import_checks()  # as the app does once Qt has loaded
from jobtracker.ui.main_window import MainWindow
app = QApplication([])
settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
window = MainWindow(None, settings, database_path=Path(sys.argv[1]), first_frame=check.peeked())
window.show()
app.processEvents()
from jobtracker.domain.services import open_services  # after the first paint, as the app
window.attach(open_services(Path(sys.argv[1]), owner="test", check=check))
settle_after_start(window)
with open("/proc/self/maps") as maps:
    libraries = sorted({line.split()[-1] for line in maps if ".so" in line})
print(json.dumps({
    "modules": sorted(sys.modules), "libraries": libraries,
    "qt_types": sorted({*vars(QtGui), *vars(QtWidgets)}),
    "cached_sources": sorted(linecache.cache),
}))
"""


#: Qt classes whose Python types the board's start does not build: the dialogs' and the
#: screen readers' announcements (on first use), and widgets the board never uses, which
#: PySide6 builds when it wraps a plain QWidget that Qt created (a list's own viewport: see
#: ColumnView)
NOT_BUILT_AT_START = (
    "QFileDialog", "QMessageBox", "QDialogButtonBox", "QAccessible",
    "QMdiArea", "QWizard", "QGraphicsView", "QCalendarWidget",
)  # fmt: skip


def _start_window(db_path: Path, tmp_path: Path) -> dict[str, list[str]]:
    filled_database(db_path, SYSTEM_CLOCK)  # a sound file: the window paints it before opening
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", BUILD_WINDOW, str(db_path), str(tmp_path / "settings.ini")],
        capture_output=True, text=True, check=True, timeout=60, env=env,
    )  # fmt: skip
    return json.loads(result.stdout.splitlines()[-1])


def test_board_window_leaves_feature_modules_and_openssl_unloaded(
    db_path: Path, tmp_path: Path
) -> None:
    loaded = _start_window(db_path, tmp_path)
    modules = set(loaded["modules"])
    assert "jobtracker.ui.main_window" in modules  # the window was built
    early = [
        name
        for name in LOADED_ON_FIRST_USE
        if any(m == name or m.startswith(name + ".") for m in modules)
    ]
    assert early == []
    assert [lib for lib in loaded["libraries"] if "libcrypto" in lib] == []


def test_board_window_builds_only_the_qt_types_it_uses(db_path: Path, tmp_path: Path) -> None:
    loaded = _start_window(db_path, tmp_path)
    assert "QListView" in loaded["qt_types"]  # the board's own were built
    assert [t for t in NOT_BUILT_AT_START if t in loaded["qt_types"]] == []


def test_settled_start_keeps_no_module_sources(db_path: Path, tmp_path: Path) -> None:
    """PySide6 reads every imported module's source into the line cache; the settled start
    lets it go (2 MB at start)."""
    assert _start_window(db_path, tmp_path)["cached_sources"] == []


def test_hashes_still_work_without_openssl() -> None:
    """peewee's index names and the single-instance key hash with Python's own md5/sha256."""
    code = (
        "import jobtracker, hashlib; "
        "print(hashlib.md5(b'x').hexdigest(), hashlib.sha256(b'x').hexdigest()[:8])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["9dd4e461268c8034f5c8564e155c67a6", "2d711642"]


def test_the_start_loads_its_modules_without_pyside_reading_their_sources() -> None:
    """PySide6 reads the source of each module imported after it; the start imports its
    window and, after the paint, the store and domain with Python's own import instead
    (``skip_pyside_import_checks``)."""
    code = (
        "import linecache, sys\n"
        "import jobtracker\n"
        "from PySide6 import QtWidgets\n"
        "from jobtracker.ui.app import skip_pyside_import_checks\n"
        "if sys.argv[1] == 'plain':\n"
        "    skip_pyside_import_checks()\n"
        "from jobtracker.ui import main_window\n"
        "from jobtracker.domain import services\n"
        "read = {name.rsplit('/', 1)[-1] for name in linecache.cache}\n"
        "print('jobtracker.ui.board.board_widget' in sys.modules, "
        "sorted(read & {'board_widget.py', 'card_delegate.py', 'peewee.py'}))\n"
    )

    def sources_read(how: str) -> str:
        return subprocess.run(
            [sys.executable, "-c", code, how], capture_output=True, text=True, check=True
        ).stdout.strip()

    assert sources_read("plain") == "True []"
    # what the plain import spares
    assert sources_read("hooked") == "True ['board_widget.py', 'card_delegate.py', 'peewee.py']"
