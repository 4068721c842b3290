"""File > Load Sample Data: only into an empty database, and as one undo step of its own.

Sample applications must never mix with a person's own: on a database that holds anything
the command is refused with a pointer to ``--demo`` (a throw-away database). On an empty
one, Edit > Undo takes exactly the sample away again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from jobtracker.domain.demo import (
    SampleData,
    fill_with_sample_data,
    remove_sample_data,
    sample_data_refusal,
)
from jobtracker.domain.services import Services
from jobtracker.ui.dialogs.widgets import push_done

TITLE = "Load Sample Data"


def load_sample_data(
    parent: QWidget, services: Services, undo_stack: QUndoStack, reload: Callable[[], None]
) -> bool:
    """Fill an empty database with the sample (undoable), or say why not; True when filled.
    ``reload`` runs after the filling and after its undo and redo."""
    refusal = sample_data_refusal(services)
    if refusal is not None:
        box = QMessageBox(
            QMessageBox.Icon.Information, TITLE, refusal, QMessageBox.StandardButton.Ok, parent
        )
        box.setObjectName("sample-data-refused")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return False
    sample: list[SampleData] = [fill_with_sample_data(services)]

    def undo() -> None:
        remove_sample_data(sample[0])

    def redo() -> None:
        sample[0] = fill_with_sample_data(services)

    push_done(undo_stack, "Load sample data", undo=undo, redo=redo, after=reload)
    return True
