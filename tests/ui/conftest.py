"""Fixtures for window tests: private QSettings, an undo stack, cards by stage name, a shown
board window."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack

from jobtracker.domain.services import Services
from jobtracker.store.files import sqlite_uri


@pytest.fixture
def qsettings(tmp_path: Path) -> QSettings:
    """Window state in a file of this test's own, never the user's."""
    return QSettings(str(tmp_path / "jobtracker.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def undo_stack(qtbot) -> Iterator[QUndoStack]:
    """An undo stack of the test's own (a window's is its child), emptied as the test ends:
    its commands are deleted while the windows they act on are open, never later by the
    cycle collector, in whatever order it frees a window and a stack that have no parent."""
    stack = QUndoStack()
    yield stack
    stack.clear()


@pytest.fixture
def machine_in_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The computer's own zone is UTC (TZ, as a desktop session sets it) wherever the tests
    run, so a time shown in it differs from one in a person's zone setting; the zone the
    tests started in comes back afterwards."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def add_card(services: Services) -> Callable[..., int]:
    """``add_card("Acme", "Backend Engineer", "Applied")`` -> the new application's id."""

    def add(company: str, role: str = "Engineer", stage: str = "Applied", **fields: object) -> int:
        stage_id = services.board.stage_by_name(stage).id
        return services.applications.add(company, role, stage_id, **fields).id

    return add


@pytest.fixture
def make_window(qtbot, services: Services, qsettings: QSettings):
    """Build and show the board window over ``services`` (call after adding data): painted,
    ready and holding every card."""
    from jobtracker.ui.main_window import MainWindow
    from jobtracker.ui.opening import opened

    def make() -> MainWindow:
        window = MainWindow(opened(services), qsettings)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.first_painted, timeout=10_000):
            window.show()
        qtbot.waitUntil(lambda: window.is_ready and not window.board.loading, timeout=10_000)
        return window

    return make


def _read(db_path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """Rows as stored in the file, read over a connection of its own."""
    connection = sqlite3.connect(sqlite_uri(db_path), uri=True)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


@pytest.fixture
def db_snapshot(db_path: Path) -> Callable[[], dict[str, list[tuple]]]:
    """What undo must restore exactly: applications and their timelines, from the file."""

    def snapshot() -> dict[str, list[tuple]]:
        return {
            table: _read(db_path, f'SELECT * FROM "{table}" ORDER BY 1')
            for table in ("application", "activity")
        }

    return snapshot


@pytest.fixture
def stored_stage(db_path: Path) -> Callable[[int], int]:
    """The stage id the file holds for an application."""

    def stage(application_id: int) -> int:
        sql = 'SELECT stage_id FROM "application" WHERE id = ?'
        return _read(db_path, sql, (application_id,))[0][0]

    return stage
