"""File > Load Sample Data never mixes fake applications with a person's own."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from jobtracker.domain.transfer.service import transfer_for
from jobtracker.ui.dialogs.widgets import push_done


def _counts(db_path: Path) -> tuple[int, int, int, int]:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return tuple(  # type: ignore[return-value]
            conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
            for table in ("application", "contact", "activity", "reminder")
        )
    finally:
        conn.close()


def imported(window, services, sheet: Path) -> None:
    """Import ``sheet`` as the window does: one command on its undo stack."""
    transfer = transfer_for(services)
    result = transfer.apply(transfer.preview(sheet))
    push_done(window.undo_stack, f"Import {sheet.name}", undo=lambda: transfer.undo(result),
              redo=lambda: None, after=window.reload)  # fmt: skip


def test_a_non_empty_database_is_refused_with_a_pointer_to_demo(
    qtbot, services, make_window, db_path, tmp_path
) -> None:
    sheet = tmp_path / "mine.csv"
    sheet.write_text("Company,Role,Status\nAcme,Engineer,Applied\n", encoding="utf-8")
    window = make_window()
    imported(window, services, sheet)
    before = _counts(db_path)
    undo_text = window.undo_stack.undoText()
    window.sample_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "sample-data-refused") is not None)
    box = window.findChild(QMessageBox, "sample-data-refused")
    assert "already holds 1 applications" in box.text()
    assert "jobtracker --demo" in box.text()
    box.button(QMessageBox.StandardButton.Ok).click()
    assert _counts(db_path) == before
    assert window.undo_stack.undoText() == undo_text == "Import mine.csv"


def test_on_an_empty_database_it_is_one_undo_step_of_its_own(
    qtbot, services, make_window, db_path, tmp_path
) -> None:
    sheet = tmp_path / "mine.csv"
    sheet.write_text("Company,Role,Status\nAcme,Engineer,Applied\n", encoding="utf-8")
    window = make_window()
    empty = _counts(db_path)
    imported(window, services, sheet)
    window.undo_action.trigger()  # the person's import, undone: the database is empty again
    assert _counts(db_path) == empty
    window.sample_action.trigger()
    assert len(services.board.cards()) > 20
    assert window.undo_action.text() == "&Undo Load sample data"
    window.undo_action.trigger()
    assert _counts(db_path) == empty
    assert window.stack.currentWidget() is window.welcome
    window.redo_action.trigger()
    assert len(services.board.cards()) == len(window.board.card_set) > 20
