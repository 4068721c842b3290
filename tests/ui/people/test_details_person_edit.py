"""The card details' People tab edits a person: all problems at once, stored, undone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialogButtonBox

from jobtracker.domain.services import Services
from jobtracker.store.files import sqlite_uri
from jobtracker.ui.dialogs.details import DetailsDialog
from jobtracker.ui.people.person_dialog import PersonDialog


def stored(db_path: Path, sql: str, params: tuple[object, ...]) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(sqlite_uri(db_path), uri=True)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def person_row(db_path: Path, contact_id: int) -> tuple[object, ...]:
    sql = 'SELECT name, title, email, phone FROM "contact" WHERE id = ?'
    return stored(db_path, sql, (contact_id,))[0]


def role_of(db_path: Path, app_id: int, contact_id: int) -> str:
    sql = 'SELECT role FROM "application_contact" WHERE application_id = ? AND contact_id = ?'
    return str(stored(db_path, sql, (app_id, contact_id))[0][0])


@pytest.fixture
def opened(qtbot, services: Services, undo_stack: QUndoStack):
    acme = services.applications.add("Acme Robotics", "Backend Engineer").id
    sofia = services.contacts.add("Sofia Marin", email="sofia@acme.example", phone="+49 30 1")
    services.contacts.link(acme, sofia.id, "recruiter")
    stack = undo_stack
    dialog = DetailsDialog(services, stack, acme)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.people)
    return dialog, stack, acme, sofia.id


def open_person(qtbot, dialog: DetailsDialog) -> PersonDialog:
    assert not dialog.people.edit_button.isEnabled()
    dialog.people.list.setCurrentRow(0)
    assert dialog.people.edit_button.isEnabled()
    dialog.people.edit_button.click()
    qtbot.waitUntil(lambda: dialog.people.findChild(PersonDialog) is not None, timeout=3000)
    found = dialog.people.findChild(PersonDialog)
    assert found is not None and found.isVisible()
    return found


def test_every_problem_is_shown_at_once_and_nothing_is_written(
    qtbot, opened, db_path: Path
) -> None:
    dialog, stack, _acme, sofia = opened
    person = open_person(qtbot, dialog)
    before = person_row(db_path, sofia)
    person.edits["name"].clear()
    person.edits["email"].setText("sofia at acme")
    person.edits["phone"].setText("after five")
    person.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert person.isVisible()  # refused: still open, with what was typed
    assert person.visible_errors() == {
        "name": "Is required.",
        "email": "'sofia at acme' is not an email address.",
        "phone": "'after five' is not a phone number (digits, spaces and + ( ) - . / only).",
    }
    assert person.edits["email"].text() == "sofia at acme"
    assert person_row(db_path, sofia) == before
    assert stack.count() == 0
    person.reject()


def test_edit_fields_and_role_then_undo_and_redo(qtbot, opened, db_path: Path) -> None:
    dialog, stack, acme, sofia = opened
    person = open_person(qtbot, dialog)
    assert person.role is not None and person.role.currentText() == "recruiter"
    person.edits["title"].setText("Head of Talent")
    person.edits["phone"].setText("+49 30 555 0100")
    person.role.setCurrentText("hiring manager")
    person.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not person.isVisible(), timeout=3000)
    assert person_row(db_path, sofia) == (
        "Sofia Marin", "Head of Talent", "sofia@acme.example", "+49 30 555 0100",
    )  # fmt: skip
    assert role_of(db_path, acme, sofia) == "hiring manager"
    assert stack.undoText() == "Edit Sofia Marin"
    assert "Head of Talent" in dialog.people.list.item(0).text()
    assert "(hiring manager)" in dialog.people.list.item(0).text()

    stack.undo()
    assert person_row(db_path, sofia) == ("Sofia Marin", "", "sofia@acme.example", "+49 30 1")
    assert role_of(db_path, acme, sofia) == "recruiter"
    assert "(recruiter)" in dialog.people.list.item(0).text()
    stack.redo()
    assert person_row(db_path, sofia)[1] == "Head of Talent"
    assert role_of(db_path, acme, sofia) == "hiring manager"
