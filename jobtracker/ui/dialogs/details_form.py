"""The fields of one application as a form: reading, filling and showing errors per field."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, tzinfo
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
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

from jobtracker.domain.amounts import Amount, AmountError, describe_range, parse_amount
from jobtracker.domain.clock import at_local, to_local
from jobtracker.domain.errors import ValidationError, every_error
from jobtracker.domain.records import ApplicationDetails, StageInfo
from jobtracker.domain.validation import web_address
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


def _amount(field: str, text: str, problems: list[ValidationError]) -> Amount | None:
    """The amount typed in one salary box; a problem noted (and None) when it is none."""
    try:
        return parse_amount(text)
    except AmountError as exc:
        problems.append(ValidationError(field, str(exc)))
        return None


class ApplicationForm(QWidget):
    """Every editable field of an application, with a message slot beside each one.

    Signals:
        changed: the person changed a value.
        company_edited: the company text changed (for the "already applied there" hint).
    """

    changed = Signal()
    company_edited = Signal(str)

    def __init__(
        self, stages: list[StageInfo], tz: tzinfo | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        #: the person's time zone (None: the system's): the applied day is a day there
        self.tz = tz
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
            edit.setToolTip('Digits as you write them: "65000", "65 000", "65k", "€65.000"')
            edit.setAccessibleName(f"Salary {hint}")
        self.salary_currency = QComboBox()
        self.salary_currency.setEditable(True)
        self.salary_currency.addItems(CURRENCIES)
        self.salary_currency.setAccessibleName("Currency")
        #: says what the salary boxes were read as ("Read as 50,000 to 60,000 EUR")
        self.salary_read = QLabel()
        self.salary_read.setObjectName("salaryRead")
        self.salary_read.setWordWrap(True)
        self.salary_read.hide()
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
            if buddy is self.salary_min:
                cell.addWidget(self.salary_read)
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
        for edit in (self.salary_min, self.salary_max):
            edit.textChanged.connect(self._show_salary_reading)
        self.salary_currency.editTextChanged.connect(self._show_salary_reading)
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
        self.applied_at.set_value(to_local(applied, self.tz).date() if applied else None)
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

    def read(self) -> tuple[dict[str, Any], list[ValidationError]]:
        """The fields as the domain takes them, plus the stage, and the problems of values
        the form itself cannot read (a salary that is no amount; those fields read as
        empty, so the domain's checks do not report them twice)."""
        problems: list[ValidationError] = []
        low, high, currency = self._salary(problems)
        values = {
            "company": self.company.text(),
            "role": self.role.text(),
            "url": self.url.text(),
            "location": self.location.text(),
            "source": self.source.currentText(),
            "salary_text": self.salary_text.text(),
            "salary_min": low.whole if low else None,
            "salary_max": high.whole if high else None,
            "salary_currency": currency,
            "deadline": self.deadline.value(),
            "applied_at": self._applied_instant(self.applied_at.value()),
            "excitement": self.excitement.value(),
            "description": self.description.toPlainText(),
            "notes": self.notes.toPlainText(),
            STAGE: self.stage.currentData(),
        }
        return values, problems

    def _salary(self, problems: list[ValidationError]) -> tuple[Amount | None, Amount | None, str]:
        """The two salary boxes and the currency, read; a currency typed with an amount
        fills an empty currency box, and one that disagrees with it is a problem."""
        low = _amount("salary_min", self.salary_min.text(), problems)
        high = _amount("salary_max", self.salary_max.text(), problems)
        chosen = self.salary_currency.currentText().strip().upper()
        typed = sorted({a.currency for a in (low, high) if a is not None and a.currency})
        if len(typed) > 1:
            problem = f"is in {typed[1]}, the minimum in {typed[0]}"
            problems.append(ValidationError("salary_max", problem))
        elif typed and chosen and typed[0] != chosen:
            problems.append(
                ValidationError("salary_currency", f"is {chosen} but the amount says {typed[0]}")
            )
        return low, high, chosen or (typed[0] if typed else "")

    def _show_salary_reading(self) -> None:
        """Say what the salary boxes read as while they are typed in, or what is wrong."""
        problems: list[ValidationError] = []
        low, high, currency = self._salary(problems)
        slot = self.errors["salary_min"]
        if problems:
            self.salary_read.hide()
            self._show_in_slot(slot, problems)
            return
        slot.clear_message()
        self.salary_read.setText(f"Read as {describe_range(low, high, currency)}")
        self.salary_read.setVisible(low is not None or high is not None)

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
        """Keep the stored time when the day is unchanged; a new day means noon in the
        person's zone."""
        if day is None:
            return None
        if self._applied_at is not None and to_local(self._applied_at, self.tz).date() == day:
            return self._applied_at
        return at_local(day, time(12, 0), self.tz)

    # -- errors -------------------------------------------------------------------------

    def show_error(self, error: ValidationError) -> None:
        """Show every problem in ``error`` beside the field it names, and focus the first
        of those fields."""
        self.show_errors(every_error(error))

    def show_errors(self, problems: Sequence[ValidationError]) -> None:
        """Each problem beside its field (several in one slot on their own lines); the
        top-most field with a problem takes the focus."""
        by_slot: dict[FieldError, list[ValidationError]] = {}
        for problem in problems:
            slot = self.errors.get(problem.field, self.errors["company"])
            by_slot.setdefault(slot, []).append(problem)
        for slot, shown in by_slot.items():
            self._show_in_slot(slot, shown)
        if any(p.field in ("salary_min", "salary_max", "salary_currency") for p in problems):
            self.salary_read.hide()
        order = list(self.inputs)
        fields = [p.field for p in problems if p.field in self.inputs]
        if fields:
            self.inputs[min(fields, key=order.index)].setFocus()  # the top-most one

    @staticmethod
    def _show_in_slot(slot: FieldError, problems: Sequence[ValidationError]) -> None:
        lines = []
        for problem in problems:
            label = FIELD_NAMES.get(problem.field, problem.field.replace("_", " ").capitalize())
            lines.append(f"{label} {problem.message}".rstrip(".") + ".")
        slot.show_message("\n".join(dict.fromkeys(lines)))

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

    def _link(self) -> QUrl:
        """The link as it will be saved (https:// added to a bare "acme.com/jobs/1")."""
        return QUrl(web_address(self.url.text()) or "")

    def _update_open_button(self) -> None:
        url = self._link()
        self.open_url.setEnabled(url.isValid() and url.scheme() in ("http", "https", "mailto"))
        self.capture_url.setEnabled(url.isValid() and url.scheme() in ("http", "https"))

    def _open_url(self) -> None:
        QDesktopServices.openUrl(self._link())
