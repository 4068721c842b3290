"""Log a call from the agenda: whom to call and their number, and a line on how it went.

Logging it puts a call on the application's timeline, which the follow-up rules read as
reaching out (the no-reply reminder it answers goes, the check-in timers restart).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from jobtracker.domain.agenda import AgendaRow


class LogCallDialog(QDialog):
    """Asks for an optional note; :attr:`note` holds it once accepted."""

    def __init__(self, row: AgendaRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Log a call — {row.company}")
        whom = row.contact.line if row.contact is not None else f"someone at {row.company}"
        self.who = QLabel(f"Call {whom}.")
        self.who.setWordWrap(True)
        self.who.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note_edit = QLineEdit()
        self.note_edit.setAccessibleName("How the call went")
        self.note_edit.setPlaceholderText("How it went (optional): left a message, next steps …")
        label = QLabel("&Note:")
        label.setBuddy(self.note_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Log call")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.who)
        layout.addWidget(label)
        layout.addWidget(self.note_edit)
        layout.addWidget(buttons)
        self.buttons = buttons

    @property
    def note(self) -> str:
        return self.note_edit.text().strip()
