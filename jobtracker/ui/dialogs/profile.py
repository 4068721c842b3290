"""Your name, email, phone and signature: what every draft is signed with.

Asked for the first time a draft needs it (the name is empty), and editable any time from the
draft editor. A refused value is named under its field and the dialog stays open.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from jobtracker.domain.errors import ValidationError, every_error
from jobtracker.domain.profile import Profile, ProfileService
from jobtracker.ui.dialogs.widgets import FieldError


class ProfileDialog(QDialog):
    """Edits the profile; ``accept`` saves it through the domain."""

    def __init__(
        self, profile: ProfileService, parent: QWidget | None = None, *, first_time: bool = False
    ) -> None:
        super().__init__(parent)
        self.service = profile
        self.setWindowTitle("Your details for drafts")
        current = profile.get()
        self.name = QLineEdit(current.name)
        self.email = QLineEdit(current.email)
        self.phone = QLineEdit(current.phone)
        self.signature = QPlainTextEdit(current.signature)
        self.signature.setTabChangesFocus(True)
        self.signature.setFixedHeight(self.fontMetrics().lineSpacing() * 5)
        self.name.setPlaceholderText("Alex Morgan")
        self.email.setPlaceholderText("alex@example.com")
        self.phone.setPlaceholderText("optional")
        self.errors = {name: FieldError() for name in ("name", "email", "phone", "signature")}
        for edit in (self.name, self.email, self.phone):
            edit.textChanged.connect(self._update_signature_hint)
        self._update_signature_hint()

        intro = QLabel(
            "Drafts are signed with these details. They stay on this computer, in your "
            "settings, for every board you open."
            if not first_time
            else "Before your first draft: how should it be signed? "
            "These details stay on this computer, in your settings, for every board you open."
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        self.inputs: dict[str, QWidget] = {
            "name": self.name, "email": self.email, "phone": self.phone,
            "signature": self.signature,
        }  # fmt: skip
        for label, name in (("&Name:", "name"), ("&Email:", "email"), ("&Phone:", "phone"),
                            ("&Signature:", "signature")):  # fmt: skip
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(self.inputs[name])
            cell.addWidget(self.errors[name])
            form.addRow(label, cell)
            buddy = form.labelForField(cell)
            if isinstance(buddy, QLabel):
                buddy.setBuddy(self.inputs[name])
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        self._layout = layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def _update_signature_hint(self) -> None:
        made = Profile(self.name.text().strip(), self.email.text().strip(), self.phone.text())
        hint = made.sign_off or "Your name, email and phone"
        self.signature.setPlaceholderText(f"Empty: signed with\n{hint}")

    def accept(self) -> None:
        try:
            self.service.save(
                self.name.text(),
                self.email.text(),
                self.phone.text(),
                self.signature.toPlainText(),
            )
        except ValidationError as exc:
            self._show_errors(every_error(exc))
            return
        super().accept()

    def _show_errors(self, problems: tuple[ValidationError, ...]) -> None:
        """Every problem under its field (one the dialog has no field for, under the
        name); the first field named takes the focus."""
        for error in self.errors.values():
            error.clear_message()
        shown: dict[str, list[str]] = {}
        for problem in problems:
            name = problem.field if problem.field in self.errors else "name"
            shown.setdefault(name, []).append(f"{problem.field.capitalize()} {problem.message}.")
        for name, lines in shown.items():
            self.errors[name].show_message("\n".join(lines))
        self._layout.activate()  # room for the messages at this width, the buttons below
        needed = self._layout.totalHeightForWidth(self.width())
        self.resize(self.width(), max(self.height(), needed))
        first = next(name for name in self.inputs if name in shown)
        self.inputs[first].setFocus()
