"""The fields of one application as a form: reading, filling and showing errors per field."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from jobtracker.domain.errors import ValidationError
from jobtracker.domain.records import ApplicationDetails, StageInfo
from jobtracker.ui.dialogs.widgets import FieldError, OptionalDateEdit, StarRating, color_icon

CURRENCIES = ("", "EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CAD", "AUD")
SOURCES = ("", "Company website", "LinkedIn", "Job board", "Referral", "Recruiter", "Meetup")
#: the form's own key for the stage, beside the application's editable fields
STAGE = "stage_id"
#: how messages name a field where its stored name would read oddly
FIELD_NAMES = {
    "url": "The job posting",
    "salary_min": "The minimum salary",
    "salary_max": "The maximum salary",
    "salary_text": "The salary",
    "salary_currency": "The currency",
    "applied_at": "The applied date",
}


def _amount(field: str, text: str) -> int | None:
    text = text.strip().replace(",", "").replace(" ", "")
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise ValidationError(field, "must be a whole number, like 65000") from None


class ApplicationForm(QWidget):
    """Every editable field of an application, with a message slot beside each one.

    Signals:
        changed: the person changed a value.
        company_edited: the company text changed (for the "already applied there" hint).
    """

    changed = Signal()
    company_edited = Signal(str)

    def __init__(self, stages: list[StageInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._applied_at: datetime | None = None
        self.company = QLineEdit()
        self.company.setPlaceholderText("Acme Robotics")
        self.role = QLineEdit()
        self.role.setPlaceholderText("Backend Engineer")
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://…")
        self.open_url = QToolButton()
        self.open_url.setText("Open")
        self.open_url.setToolTip("Open the job posting in the browser")
        self.open_url.setAccessibleName("Open the job posting")
        self.capture_url = QToolButton()
        self.capture_url.setText("Fill In")
        self.capture_url.setToolTip("Fetch the posting and fill in the empty fields from it")
        self.capture_url.setAccessibleName("Fill in from the job posting")
        self.location = QLineEdit()
        self.location.setPlaceholderText("Berlin, hybrid")
        self.stage = QComboBox()
        for stage in stages:
            self.stage.addItem(color_icon(stage.color), stage.name, stage.id)
        self.source = QComboBox()
        self.source.setEditable(True)
        self.source.addItems(SOURCES)
        self.salary_text = QLineEdit()
        self.salary_text.setPlaceholderText("as advertised, e.g. 60–70k + bonus")
        self.salary_min = QLineEdit()
        self.salary_max = QLineEdit()
        for edit, hint in ((self.salary_min, "minimum"), (self.salary_max, "maximum")):
            edit.setPlaceholderText(hint)
            edit.setValidator(QIntValidator(0, 2_000_000_000, edit))
            edit.setAccessibleName(f"Salary {hint}")
        self.salary_currency = QComboBox()
        self.salary_currency.setEditable(True)
        self.salary_currency.addItems(CURRENCIES)
        self.salary_currency.setAccessibleName("Currency")
        self.deadline = OptionalDateEdit("Apply by")
        self.applied_at = OptionalDateEdit("Applied on")
        self.excitement = StarRating()
        self.description = QPlainTextEdit()
        self.description.setPlaceholderText("The job description, pasted")
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Your notes: why it fits, questions to ask …")
        for text_edit in (self.description, self.notes):
            text_edit.setTabChangesFocus(True)
            text_edit.setMinimumHeight(70)

        self.errors: dict[str, FieldError] = {}
        self.inputs: dict[str, QWidget] = {
            "company": self.company,
            "role": self.role,
            "url": self.url,
            "location": self.location,
            STAGE: self.stage,
            "source": self.source,
            "salary_text": self.salary_text,
            "salary_min": self.salary_min,
            "salary_max": self.salary_max,
            "salary_currency": self.salary_currency,
            "deadline": self.deadline,
            "applied_at": self.applied_at,
            "excitement": self.excitement,
            "description": self.description,
            "notes": self.notes,
        }
        self._build_layout()
        self._connect()

    def _build_layout(self) -> None:
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        url_row = QHBoxLayout()
        url_row.addWidget(self.url, 1)
        url_row.addWidget(self.open_url)
        url_row.addWidget(self.capture_url)
        salary_row = QHBoxLayout()
        salary_row.addWidget(self.salary_min, 1)
        salary_row.addWidget(QLabel("to"))
        salary_row.addWidget(self.salary_max, 1)
        salary_row.addWidget(self.salary_currency)
        rows: list[tuple[str, QWidget | QHBoxLayout, QWidget, tuple[str, ...]]] = [
            ("&Company", self.company, self.company, ("company",)),
            ("&Role", self.role, self.role, ("role",)),
            ("Job &posting", url_row, self.url, ("url",)),
            ("&Location", self.location, self.location, ("location",)),
            ("&Stage", self.stage, self.stage, (STAGE,)),
            ("S&ource", self.source, self.source, ("source",)),
            ("Sa&lary", self.salary_text, self.salary_text, ("salary_text",)),
            (
                "Ran&ge",
                salary_row,
                self.salary_min,
                ("salary_min", "salary_max", "salary_currency"),
            ),
            ("Deadline", self.deadline, self.deadline, ("deadline",)),
            ("Applied", self.applied_at, self.applied_at, ("applied_at",)),
            ("E&xcitement", self.excitement, self.excitement, ("excitement",)),
            ("&Description", self.description, self.description, ("description",)),
            ("&Notes", self.notes, self.notes, ("notes",)),
        ]
        for text, field, buddy, covered in rows:
            label = QLabel(text)
            label.setBuddy(buddy)
            error = FieldError()
            cell = QVBoxLayout()
            cell.setSpacing(2)
            if isinstance(field, QHBoxLayout):
                cell.addLayout(field)
            else:
                cell.addWidget(field)
            cell.addWidget(error)
            form.addRow(label, cell)
            for name in covered:
                self.errors[name] = error

    def _connect(self) -> None:
        for edit in (
            self.company, self.role, self.url, self.location, self.salary_text,
            self.salary_min, self.salary_max,
        ):  # fmt: skip
            edit.textChanged.connect(self.changed)
        for combo in (self.source, self.salary_currency):
            combo.editTextChanged.connect(self.changed)
        self.stage.currentIndexChanged.connect(self.changed)
        for widget in (self.deadline, self.applied_at, self.excitement):
            widget.changed.connect(self.changed)
        for text_edit in (self.description, self.notes):
            text_edit.textChanged.connect(self.changed)
        self.company.textChanged.connect(self.company_edited)
        self.url.textChanged.connect(self._update_open_button)
        self.open_url.clicked.connect(self._open_url)
        self._update_open_button()

    # -- values -------------------------------------------------------------------------

    def set_details(self, details: ApplicationDetails | None, stage_id: int | None) -> None:
        """Fill the form from a stored application, or blank for a new one."""
        d = details
        self.company.setText(d.company if d else "")
        self.role.setText(d.role if d else "")
        self.url.setText(d.url if d else "")
        self.location.setText(d.location if d else "")
        self.source.setEditText(d.source if d else "")
        self.salary_text.setText(d.salary_text if d else "")
        self.salary_min.setText(str(d.salary_min) if d and d.salary_min is not None else "")
        self.salary_max.setText(str(d.salary_max) if d and d.salary_max is not None else "")
        self.salary_currency.setEditText(d.salary_currency if d else "")
        self.deadline.set_value(d.deadline if d else None)
        self._applied_at = d.applied_at if d else None
        applied = self._applied_at
        self.applied_at.set_value(applied.astimezone().date() if applied else None)
        self.excitement.set_value(d.excitement if d else 0)
        self.description.setPlainText(d.description if d else "")
        self.notes.setPlainText(d.notes if d else "")
        wanted = d.stage_id if d else stage_id
        index = self.stage.findData(wanted) if wanted is not None else 0
        self.stage.setCurrentIndex(max(index, 0))

    def fill(self, values: dict[str, Any]) -> None:
        """Put captured values into their fields (the others keep what they hold)."""
        texts = {"company": self.company, "role": self.role, "url": self.url,
                 "location": self.location, "salary_text": self.salary_text}  # fmt: skip
        for name, edit in texts.items():
            if name in values:
                edit.setText(str(values[name]))
        for name, edit in (("salary_min", self.salary_min), ("salary_max", self.salary_max)):
            if values.get(name) is not None:
                edit.setText(str(values[name]))
        if "salary_currency" in values:
            self.salary_currency.setEditText(values["salary_currency"])
        if "source" in values:
            self.source.setEditText(values["source"])
        if "deadline" in values:
            self.deadline.set_value(values["deadline"])
        if "description" in values:
            self.description.setPlainText(values["description"])

    def mark_guesses(self, names: set[str] | frozenset[str]) -> None:
        """Say under each guessed field that it was read from loose text."""
        for name in names:
            slot = self.errors.get(name)
            if slot is not None:
                slot.show_message("Guessed from the posting's text: check it.")

    def values(self) -> dict[str, Any]:
        """The fields as the domain takes them, plus the stage; raises ValidationError on
        a value the form itself cannot read (a salary that is not a number)."""
        return {
            "company": self.company.text(),
            "role": self.role.text(),
            "url": self.url.text(),
            "location": self.location.text(),
            "source": self.source.currentText(),
            "salary_text": self.salary_text.text(),
            "salary_min": _amount("salary_min", self.salary_min.text()),
            "salary_max": _amount("salary_max", self.salary_max.text()),
            "salary_currency": self.salary_currency.currentText().strip().upper(),
            "deadline": self.deadline.value(),
            "applied_at": self._applied_instant(self.applied_at.value()),
            "excitement": self.excitement.value(),
            "description": self.description.toPlainText(),
            "notes": self.notes.toPlainText(),
            STAGE: self.stage.currentData(),
        }

    def snapshot(self) -> tuple[Any, ...]:
        """Everything shown, comparable, to tell whether the person changed something."""
        raw = (
            self.company.text(), self.role.text(), self.url.text(), self.location.text(),
            self.source.currentText(), self.salary_text.text(), self.salary_min.text(),
            self.salary_max.text(), self.salary_currency.currentText(), self.deadline.value(),
            self.applied_at.value(), self.excitement.value(), self.description.toPlainText(),
            self.notes.toPlainText(), self.stage.currentData(),
        )  # fmt: skip
        return raw

    def _applied_instant(self, day: date | None) -> datetime | None:
        """Keep the stored time when the day is unchanged; a new day means local noon."""
        if day is None:
            return None
        if self._applied_at is not None and self._applied_at.astimezone().date() == day:
            return self._applied_at
        return datetime.combine(day, time(12, 0)).astimezone().astimezone(UTC)

    # -- errors -------------------------------------------------------------------------

    def show_error(self, error: ValidationError) -> None:
        """Show the domain's message next to the field it names, and focus that field."""
        slot = self.errors.get(error.field, self.errors["company"])
        label = FIELD_NAMES.get(error.field, error.field.replace("_", " ").capitalize())
        slot.show_message(f"{label} {error.message}".rstrip(".") + ".")
        widget = self.inputs.get(error.field)
        if widget is not None:
            widget.setFocus()

    def clear_errors(self) -> None:
        for error in set(self.errors.values()):
            error.clear_message()

    def visible_errors(self) -> dict[str, str]:
        """Field name to message, for every message on show (one per slot)."""
        seen: dict[str, str] = {}
        for name, error in self.errors.items():
            if not error.isHidden() and error.text() not in seen.values():
                seen[name] = error.text()
        return seen

    # -- the posting link ---------------------------------------------------------------

    def _update_open_button(self) -> None:
        url = QUrl(self.url.text().strip())
        self.open_url.setEnabled(url.isValid() and url.scheme() in ("http", "https", "mailto"))
        self.capture_url.setEnabled(url.isValid() and url.scheme() in ("http", "https"))

    def _open_url(self) -> None:
        QDesktopServices.openUrl(QUrl(self.url.text().strip()))
