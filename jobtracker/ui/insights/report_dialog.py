"""File → Report of the Search: the proof-of-search report of a period, as PDF or CSV."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QWidget,
)

from jobtracker.domain.insights import Period
from jobtracker.domain.insights_service import InsightsService
from jobtracker.domain.transfer.service import write_file
from jobtracker.ui.insights.report_file import report_bytes

FORMATS = (("PDF", "pdf"), ("CSV (spreadsheet)", "csv"))


def _day(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class ReportDialog(QDialog):
    def __init__(self, insights: InsightsService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Report of the Search")
        self.insights = insights
        today = insights.today()
        until = QDate(today.year, today.month, today.day)
        self.since_edit = QDateEdit(until.addMonths(-1).addDays(1))
        self.until_edit = QDateEdit(until)
        for edit in (self.since_edit, self.until_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.format_box = QComboBox()
        for label, _kind in FORMATS:
            self.format_box.addItem(label)
        note = QLabel(
            "One row per application sent or under way in the period, with your name from "
            "Write → Your Details: what agencies ask as proof of a job search."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(note)
        form.addRow("&From:", self.since_edit)
        form.addRow("&To:", self.until_edit)
        form.addRow("F&ormat:", self.format_box)
        form.addRow(buttons)

    def period(self) -> Period:
        since, until = _day(self.since_edit.date()), _day(self.until_edit.date())
        return Period(min(since, until), max(since, until))

    def kind(self) -> str:
        return FORMATS[self.format_box.currentIndex()][1]

    def save(self) -> None:
        kind = self.kind()
        period = self.period()
        name = f"job-search-{period.since}-to-{period.until}.{kind}"
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the report", name, f"{kind.upper()} (*.{kind})"
        )
        if path and self.write_to(Path(path)):
            self.accept()

    def write_to(self, path: Path) -> bool:
        """Write the report; a clear message and no half-written file when it fails."""
        report = self.insights.report(self.period())
        try:
            write_file(path, report_bytes(report, self.kind()), spreadsheet=self.kind() == "csv")
        except OSError as exc:
            QMessageBox.warning(self, "Report", f"Cannot write {path}: {exc.strerror or exc}")
            return False
        return True
