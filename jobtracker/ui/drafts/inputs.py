"""The per-template inputs (topics discussed, the point to add ...) as a small form.

Signals:
    changed(): any input was edited by the person.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from jobtracker.domain.templates import TemplateInput


class InputsForm(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.edits: dict[str, QLineEdit] = {}

    def set_inputs(self, inputs: tuple[TemplateInput, ...]) -> None:
        """Rebuild the fields for a template; values typed for a same-named input stay."""
        kept = self.values()
        while self.form.rowCount():
            self.form.removeRow(0)
        self.edits = {}
        for item in inputs:
            edit = QLineEdit()
            label, _, hint = item.label.partition(" (")
            edit.setPlaceholderText(hint.removesuffix(")"))
            edit.setText(kept.get(item.name, ""))
            edit.setAccessibleName(label)
            edit.setToolTip(item.label)
            edit.textEdited.connect(self.changed)
            if item.required:
                edit.setAccessibleDescription("Required: the note needs it")
                label += " (required)"
            caption = QLabel(label + ":")
            caption.setBuddy(edit)
            self.form.addRow(caption, edit)
            self.edits[item.name] = edit
        self.setVisible(bool(inputs))

    def values(self) -> dict[str, str]:
        return {name: edit.text() for name, edit in self.edits.items()}

    def focus(self, name: str) -> None:
        """Focus an input once the event loop runs (after a closing dialog gives focus back)."""
        if name in self.edits:
            QTimer.singleShot(0, self.edits[name].setFocus)

    def clear(self) -> None:
        for edit in self.edits.values():
            edit.clear()
