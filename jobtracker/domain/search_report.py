"""The proof-of-search report: one row per application sent or under way in a period.

Agencies that pay benefits ask for it (Germany's "Bewerbungsnachweis"): what was applied
for, when, where and how, whom the person dealt with, and how it ended. The rows are
plain data; the command line writes them as CSV here, and as a PDF through Qt (ui).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TextIO

from jobtracker.domain.insights import Period
from jobtracker.domain.insights_facts import ReportFact

#: the report's columns, in order, as a reader sees them
HEADERS = (
    "Applied on", "Company", "Role", "Source", "Link", "Contact", "Status", "Outcome",
    "Outcome date",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ReportRow:
    application_id: int
    applied_on: date
    company: str
    role: str
    source: str
    link: str
    contact: str
    status: str  # the stage it is in now
    outcome: str  # the closed stage it ended in, "" while under way
    outcome_on: date | None

    def cells(self) -> tuple[str, ...]:
        outcome_on = "" if self.outcome_on is None else self.outcome_on.isoformat()
        return (
            self.applied_on.isoformat(), self.company, self.role, self.source, self.link,
            self.contact, self.status, self.outcome, outcome_on,
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Report:
    name: str  # the person's, from the profile
    first_day: date
    last_day: date
    rows: tuple[ReportRow, ...]

    def period_text(self) -> str:
        return f"{_day(self.first_day)} to {_day(self.last_day)}"


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def report_rows(facts: Iterable[ReportFact], period: Period) -> list[ReportRow]:
    """Applications sent in ``period``, or sent before it and not closed before it starts,
    by date applied (then company)."""
    rows = []
    for app in facts:
        applied_on = app.applied_on
        closed_on = app.stage_entered_on if app.closed else None
        if period.until is not None and applied_on > period.until:
            continue
        if not period.contains(applied_on) and (
            closed_on is not None and period.since is not None and closed_on < period.since
        ):
            continue
        outcome = app.stage_name if closed_on else ""
        contact = "; ".join(app.contacts)
        rows.append(ReportRow(app.id, applied_on, app.company, app.job_role, app.source, app.url,
                              contact, app.stage_name, outcome, closed_on))  # fmt: skip
    return sorted(rows, key=lambda r: (r.applied_on, r.company.casefold(), r.application_id))


def write_csv(report: Report, out: TextIO) -> None:
    """The rows under a header line; the name and period go in the file's name or the PDF."""
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    writer.writerows(row.cells() for row in report.rows)
