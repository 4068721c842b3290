"""Merging people who are one: which values to keep, field by field."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from jobtracker.domain.contacts import CONTACT_FIELDS
from jobtracker.domain.people import Person

FIELD_LABELS = {
    "name": "&Name",
    "title": "&Job title",
    "company": "&Company",
    "email": "&Email",
    "phone": "&Phone",
    "url": "&Link",
    "notes": "N&otes",
}


def choices(people: Sequence[Person], field: str) -> list[str]:
    """The different values ``people`` hold for ``field``, the first person's first, empty
    ones last (merging keeps a value rather than losing it)."""
    values = list(dict.fromkeys(str(getattr(p, field)) for p in people))
    return [v for v in values if v] + [v for v in values if not v]


class MergeDialog(QDialog):
    """Shows the people to merge and, for each field where they differ, a choice of the
    values they hold; the first person (the oldest) is the one kept."""

    def __init__(
        self, people: Sequence[Person], parent: QWidget | None = None, *, heading: str = ""
    ) -> None:
        super().__init__(parent)
        self.people = sorted(people, key=lambda p: p.id)  # the oldest is kept
        self.setWindowTitle("Merge People")
        self.choices: dict[str, QComboBox] = {}
        names = ", ".join(p.name for p in self.people)
        intro = QLabel(
            (heading + "\n" if heading else "")
            + f"Merge {len(self.people)} people into one: {names.removesuffix('.')}.\n"
            "Their applications, interviews and drafts all go to the merged person."
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for field in CONTACT_FIELDS:
            values = choices(self.people, field)
            if len(values) < 2:
                if values and values[0]:
                    form.addRow(FIELD_LABELS[field].replace("&", ""), QLabel(values[0]))
                continue
            box = QComboBox()
            for value in values:
                box.addItem(value or "(empty)", value)
            box.setAccessibleName(FIELD_LABELS[field].replace("&", ""))
            self.choices[field] = box
            form.addRow(FIELD_LABELS[field], box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = buttons.addButton("&Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    @property
    def kept_id(self) -> int:
        return self.people[0].id

    @property
    def other_ids(self) -> list[int]:
        return [p.id for p in self.people[1:]]

    def values(self) -> dict[str, str]:
        """The value chosen for each field where the people differ."""
        return {field: str(box.currentData()) for field, box in self.choices.items()}
