"""The details form is a door like the others: values beyond the limits are refused at their
field with nothing written, and pasted control characters are cleaned as everywhere."""

from __future__ import annotations

import pytest
from dialog_helpers import read_tables
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialogButtonBox

from jobtracker.ui.dialogs.details import DetailsDialog

SAVE = QDialogButtonBox.StandardButton.Save


@pytest.fixture
def dialog(qtbot, services, undo_stack: QUndoStack) -> DetailsDialog:
    applied = services.board.stage_by_name("Applied").id
    app_id = services.applications.add("Acme Robotics", "Backend Engineer", applied).id
    dialog = DetailsDialog(services, undo_stack, app_id)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _far_deadline(dialog: DetailsDialog) -> None:
    dialog.form.deadline.check.setChecked(True)
    dialog.form.deadline.edit.setDate(QDate(9999, 12, 31))


@pytest.mark.parametrize(
    ("fill", "field", "message"),
    [
        (_far_deadline, "deadline", "outside the years 1900 to 2200"),
        (lambda d: d.form.salary_min.setText(str(10**13)), "salary_min", "is more than 1,000,0"),
        (lambda d: d.form.notes.setPlainText("n" * 200_001), "notes", "the limit is 200,000"),
        (lambda d: d.form.company.setText("c" * 501), "company", "the limit is 500"),
    ],
)
def test_values_beyond_the_limits_are_refused_at_their_field(
    dialog: DetailsDialog, db_path, fill, field: str, message: str
) -> None:
    before = read_tables(db_path)
    fill(dialog)
    dialog.buttons.button(SAVE).click()
    errors = dialog.form.visible_errors()
    assert list(errors) == [field]
    assert message in errors[field]
    assert read_tables(db_path) == before


def test_pasted_control_characters_are_cleaned(dialog: DetailsDialog, services) -> None:
    dialog.form.company.setText("Acme\x1b[31m\tRobotics\x00")
    dialog.buttons.button(SAVE).click()
    assert services.board.cards()[0].company == "Acme[31m Robotics"
