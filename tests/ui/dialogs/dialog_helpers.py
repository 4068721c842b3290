"""Helpers for the dialog tests, imported by name (``from dialog_helpers import ...``).

Plain functions, not fixtures in a conftest.py: a second conftest module here would shadow
the root one for test modules that import from ``conftest``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from jobtracker.store.files import sqlite_uri

TABLES = (
    "stage",
    "application",
    "contact",
    "application_contact",
    "interview",
    "interview_interviewer",
    "activity",
)


def read_tables(db_path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the board's tables, read from the file by a separate connection."""
    conn = sqlite3.connect(sqlite_uri(db_path), uri=True)
    try:
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1, 2').fetchall() for t in TABLES}
    finally:
        conn.close()


def answer_message_box(qtbot, parent: QWidget, button: QMessageBox.StandardButton) -> str:
    """Click ``button`` on the message box shown over ``parent``; returns the box's text."""
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox) is not None, timeout=3000)
    box = parent.findChild(QMessageBox)
    text = box.text()
    box.button(button).click()
    return text
