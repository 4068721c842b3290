"""Editing one person: every field at once, every problem shown beside its field, and, when
opened from an application, their role on it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from jobtracker.domain.contacts import problems
from jobtracker.domain.records import ContactInfo
from jobtracker.domain.vocabulary import CONTACT_ROLES
from jobtracker.ui.dialogs.widgets import FieldError
from jobtracker.ui.people.merge_dialog import FIELD_LABELS

_LINES = ("name", "title", "company", "email", "phone", "url")


class PersonDialog(QDialog):
    """The person's fields; OK only once every field is acceptable (nothing typed is
    dropped: a refused field keeps its text and says what is wrong)."""

    def __init__(
        self, person: ContactInfo, parent: QWidget | None = None, *, with_role: bool = False
    ) -> None:
        super().__init__(parent)
        self.person = person
        self.setWindowTitle(f"Edit {person.name}")
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, FieldError] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for field in _LINES:
            edit = QLineEdit(str(getattr(person, field)))
            edit.setAccessibleName(FIELD_LABELS[field].replace("&", ""))
            self.edits[field] = edit
            form.addRow(FIELD_LABELS[field], edit)
            self.errors[field] = FieldError()
            form.addRow("", self.errors[field])
        self.notes = QPlainTextEdit(person.notes)
        self.notes.setAccessibleName("Notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 4 + 12)
        form.addRow(FIELD_LABELS["notes"], self.notes)
        self.role: QComboBox | None = None
        if with_role:
            self.role = QComboBox()
            self.role.addItems(CONTACT_ROLES)
            self.role.setCurrentText(person.role or "other")
            self.role.setAccessibleName("Role on this application")
            form.addRow("&Role on this application", self.role)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def values(self) -> dict[str, str]:
        found = {field: edit.text() for field, edit in self.edits.items()}
        found["notes"] = self.notes.toPlainText()
        return found

    def changes(self) -> dict[str, str]:
        """The fields typed differently from what is stored."""
        return {k: v for k, v in self.values().items() if v != getattr(self.person, k)}

    def chosen_role(self) -> str | None:
        return self.role.currentText() if self.role is not None else None

    def visible_errors(self) -> dict[str, str]:
        return {f: e.text() for f, e in self.errors.items() if not e.isHidden()}

    def accept(self) -> None:
        """Close only when every field is acceptable; otherwise say what is wrong, all at
        once, beside each field."""
        found = problems(self.changes())
        for field, error in self.errors.items():
            if field in found:
                message = found[field].message
                error.show_message(f"{message[:1].upper()}{message[1:]}.")
            else:
                error.clear_message()
        if found:
            self.edits[next(f for f in _LINES if f in found)].setFocus()
            return
        super().accept()
