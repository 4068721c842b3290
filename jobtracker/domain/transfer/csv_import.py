"""Importing applications from a CSV file: a preview first, then one transaction.

``preview_import`` reads the file and the board and says, row by row, what would happen and
what is wrong (row numbers as the spreadsheet shows them), writing nothing.
``csv_apply.apply_import`` then writes every accepted row in one transaction.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from jobtracker.domain import limits
from jobtracker.domain import stage_roles as roles
from jobtracker.domain.applications import FieldCleaner
from jobtracker.domain.board import BoardService
from jobtracker.domain.errors import ValidationError
from jobtracker.domain.tags import split_tags
from jobtracker.domain.transfer import formats as f
from jobtracker.domain.transfer.choices import DUPLICATE_CHOICES, UNKNOWN_COLUMN_CHOICES
from jobtracker.domain.transfer.dates import CONFLICT, DateProblemError, decide_order, parse_date
from jobtracker.domain.transfer.problems import ERROR, INFO, WARNING, RowProblem
from jobtracker.domain.transfer.reading import Table, read_table
from jobtracker.domain.transfer.spreadsheet import plain_cell
from jobtracker.domain.transfer.values import (
    duplicate_key,
    normalize_url,
    parse_excitement,
    parse_salary,
)
from jobtracker.domain.transfer.values import fast_fold as fold
from jobtracker.domain.validation import column_text
from jobtracker.domain.validation import email as valid_email
from jobtracker.store.models import Application

ADD, MERGE, SKIP, INVALID = "add", "merge", "skip", "invalid"


@dataclass(slots=True)
class ImportOptions:
    """The person's choices; every one has a safe default."""

    #: a stage name in the file (any case) -> a stage on the board
    stage_map: dict[str, str] = field(default_factory=dict)
    create_stages: bool = False
    #: create only these stages (the wizard's per-stage choice)
    create_stage_names: list[str] = field(default_factory=list)
    duplicates: str = "skip"
    unknown_columns: str = "notes"
    #: DMY or MDY to settle dates like 03/04/2025 that nothing in the file settles
    date_order: str | None = None
    #: header -> field, replacing the detected mapping (f.IGNORE drops a column)
    mapping: dict[str, str] | None = None
    #: import the good rows even when others have errors
    skip_invalid: bool = False


@dataclass(slots=True)
class PlannedRow:
    """What one record of the file becomes."""

    row: int
    action: str
    company: str = ""
    role: str = ""
    stage: str = ""
    fields: dict[str, Any] = field(default_factory=dict)
    created_at: datetime | None = None
    stage_entered_at: datetime | None = None
    contact: dict[str, str] = field(default_factory=dict)
    #: tag names from a Tags or Labels column
    tags: list[str] = field(default_factory=list)
    #: the application (or earlier row) this one duplicates
    duplicate_of: int | None = None


@dataclass(slots=True)
class ImportPreview:
    """Everything the importer found, before writing anything."""

    source_name: str
    format_name: str
    encoding: str
    delimiter: str
    headers: list[str]
    mapping: dict[str, str]
    rows: list[PlannedRow]
    problems: list[RowProblem]
    unknown_columns: list[str]
    #: stage names in the file that are not on the board and not mapped, with row counts
    unknown_stages: dict[str, int]
    #: stages the import will create (with --create-stages)
    new_stages: list[str]
    file_notes: list[str]
    options: ImportOptions
    #: header -> the first value under it, to help choose the mapping
    samples: dict[str, str] = field(default_factory=dict)

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def errors(self) -> list[RowProblem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def can_apply(self) -> bool:
        writes = self.count(ADD) + self.count(MERGE)
        return writes > 0 and (not self.errors or self.options.skip_invalid)


def preview_import(
    path: Path, options: ImportOptions | None = None, board: BoardService | None = None
) -> ImportPreview:
    """Read ``path`` and plan the import; raises ImportFileError for an unusable file."""
    table = read_table(path)
    return plan_table(table, Path(path).name, options or ImportOptions(), board or BoardService())


def plan_table(
    table: Table, source_name: str, options: ImportOptions, board: BoardService
) -> ImportPreview:
    _check_options(options)
    source = f.detect_format(table.headers)
    mapping = dict(options.mapping) if options.mapping is not None else None
    if mapping is None:
        mapping = f.guess_mapping(table.headers, source)
    planner = _Planner(table, source, mapping, options, board)
    return ImportPreview(
        source_name=source_name,
        format_name=source.name,
        encoding=table.encoding,
        delimiter=table.delimiter,
        headers=table.headers,
        mapping=mapping,
        rows=planner.rows,
        problems=planner.problems,
        unknown_columns=planner.unknown_columns,
        unknown_stages=dict(planner.unknown_stages),
        new_stages=planner.new_stages,
        file_notes=table.notes,
        options=options,
        samples=_samples(table),
    )


def _samples(table: Table) -> dict[str, str]:
    samples: dict[str, str] = {}
    for _, cells in table.rows[:50]:
        for header, cell in zip(table.headers, cells, strict=False):
            if cell.strip() and header not in samples:
                samples[header] = cell.strip()
    return samples


def _check_options(options: ImportOptions) -> None:
    if options.duplicates not in DUPLICATE_CHOICES:
        raise ValidationError("duplicates", f"choose one of: {', '.join(DUPLICATE_CHOICES)}")
    if options.unknown_columns not in UNKNOWN_COLUMN_CHOICES:
        raise ValidationError(
            "unknown columns", f"choose one of: {', '.join(UNKNOWN_COLUMN_CHOICES)}"
        )
    if options.mapping is not None:
        unknown = set(options.mapping.values()) - set(f.FIELD_LABELS)
        if unknown:
            raise ValidationError("mapping", f"{sorted(unknown)[0]!r} is not an import field")
        counts = Counter(v for v in options.mapping.values() if v != f.IGNORE)
        twice = [name for name, n in counts.items() if n > 1]
        if twice:
            raise ValidationError("mapping", f"two columns are mapped to {twice[0]!r}")


class _Planner:
    """Turns the table's records into planned rows and problems (reads, never writes)."""

    def __init__(
        self,
        table: Table,
        source: f.SourceFormat,
        mapping: dict[str, str],
        options: ImportOptions,
        board: BoardService,
    ) -> None:
        self.table = table
        self.source = source
        self.options = options
        self.problems: list[RowProblem] = []
        self.rows: list[PlannedRow] = []
        self.unknown_stages: Counter[str] = Counter()
        self._row: dict[str, str] = {}
        self.new_stages: list[str] = []
        self.by_field = {target: header for header, target in mapping.items()}
        self.index = {header: i for i, header in enumerate(table.headers)}
        self.unknown_columns = [h for h in table.headers if h not in mapping]
        #: (import field, column index) for the mapped columns
        self.positions = [(n, self.index[h]) for n, h in self.by_field.items() if h in self.index]
        self.stages = {fold(s.name): s.name for s in board.stages()}
        #: each role's first stage on the board, by name
        self.by_role: dict[str, str] = {}
        for stage in board.stages():
            self.by_role.setdefault(stage.role, stage.name)
        self.wishlists = {fold(s.name) for s in board.stages() if s.role == roles.WISHLIST}
        self.stage_map = self._resolve_stage_map()
        self.date_orders = self._date_orders()
        self.seen: dict[tuple[str, str, str], int] = self._existing_keys()
        #: each distinct cell read once (a column's dates and salaries repeat down a sheet):
        #: (field, text) -> the date or what is wrong with it; text -> the salary read
        self._dates: dict[tuple[str, str], datetime | str] = {}
        self._salaries: dict[str, tuple[int | None, int | None, str]] = {}
        self._fields_cleaner = FieldCleaner()
        self._require_columns()
        if not any(p.severity == ERROR and p.row == 1 for p in self.problems):
            for number, cells in table.rows:
                self.rows.append(self._plan_row(number, cells))

    # -- file-wide decisions ----------------------------------------------------------------

    def _require_columns(self) -> None:
        for required in (f.COMPANY, f.ROLE):
            if required not in self.by_field:
                self.problems.append(
                    RowProblem(
                        1,
                        "",
                        f"no column holds the {f.FIELD_LABELS[required].lower()} (found: "
                        f"{', '.join(self.table.headers)}); choose one in the column mapping",
                    )
                )

    def _resolve_stage_map(self) -> dict[str, str]:
        resolved = {}
        for source_name, target in self.options.stage_map.items():
            key = fold(target.strip())
            if key not in self.stages:
                known = ", ".join(self.stages.values())
                raise ValidationError(
                    "map stage", f"{target!r} is not a stage on the board (known: {known})"
                )
            resolved[fold(source_name.strip())] = self.stages[key]
        return resolved

    def _date_orders(self) -> dict[str, str | None]:
        """Each date column's order: its own dates decide (each distinct one read once),
        else the whole file's."""
        columns = {
            name: {self._cell(cells, self.by_field[name]) for _, cells in self.table.rows}
            for name in f.DATE_FIELDS
            if self.by_field.get(name) in self.index
        }
        own = {name: decide_order(values) for name, values in columns.items()}
        settled = {order for order in own.values() if order not in (None, CONFLICT)}
        file_order = settled.pop() if len(settled) == 1 else None
        orders: dict[str, str | None] = {}
        for name, order in own.items():
            if order == CONFLICT:
                header = self.by_field[name]
                self.problems.append(
                    RowProblem(
                        1,
                        header,
                        "this column mixes day-first (13/04/2025) and month-first "
                        "(04/13/2025) dates; each is read as it must be, but check them",
                        WARNING,
                    )
                )
                order = self.options.date_order
            orders[name] = order or self.options.date_order or file_order
        return orders

    def _existing_keys(self) -> dict[tuple[str, str, str], int]:
        rows = Application.select(
            Application.id, Application.company, Application.role, Application.url
        ).where(Application.deleted_at.is_null())
        return {
            duplicate_key(company, role, url): id_
            for id_, company, role, url in rows.tuples().execute()
        }

    # -- one row ----------------------------------------------------------------------------

    def _cell(self, cells: list[str], header: str) -> str:
        position = self.index[header]
        value = plain_cell(cells[position].strip()) if position < len(cells) else ""
        return "" if self.source.is_empty(value) else value

    def _value(self, name: str) -> str:
        """The current row's cell for an import field ("" when unmapped or empty)."""
        return self._row.get(name, "")

    def _plan_row(self, number: int, cells: list[str]) -> PlannedRow:
        problems: list[RowProblem] = []

        def report(name: str, message: str, severity: str = ERROR) -> None:
            column = self.by_field.get(name, name)
            problems.append(RowProblem(number, column, message, severity))

        extra = [c for c in cells[len(self.table.headers) :] if c.strip()]
        if extra:
            report(
                "",
                f"has {len(cells)} cells but the header has {len(self.table.headers)} "
                f"(extra: {', '.join(repr(c[:30]) for c in extra[:3])}); a delimiter or "
                "quote is probably missing",
            )
        count, markers = len(cells), self.source.empty_markers
        self._row = {
            name: value
            for name, position in self.positions
            if position < count
            and (value := plain_cell(cells[position].strip()))
            and not (markers and value.casefold() in markers)
        }
        planned = PlannedRow(number, ADD)
        planned.company = self._value(f.COMPANY)
        planned.role = self._value(f.ROLE)
        for name in (f.COMPANY, f.ROLE):
            if not self._value(name) and name in self.by_field:
                report(name, f"the {f.FIELD_LABELS[name].lower()} is empty")
        values, notes = self._fields(report)
        planned.stage = self._stage(values.get("applied_at") is not None, report)
        planned.created_at = self._date(f.CREATED, report)
        planned.stage_entered_at = self._date(f.STAGE_ENTERED, report)
        not_wishlist = fold(planned.stage) not in self.wishlists
        if planned.created_at is not None and values.get("applied_at") is None and not_wishlist:
            values["applied_at"] = planned.created_at
        planned.contact = self._contact(report, notes)
        planned.tags = self._tags(report)
        notes.extend(self._unknown_notes(cells))
        if notes:
            values["notes"] = "\n".join(notes)
        try:
            planned.fields = self._fields_cleaner.clean(
                {"company": planned.company, "role": planned.role, **values}
            )
        except ValidationError as exc:
            if not any(p.severity == ERROR for p in problems):
                report(_field_column(exc.field), exc.message)
        if problems and any(p.severity == ERROR for p in problems):
            planned.action = INVALID
        else:
            self._check_duplicate(planned, report)
        self.problems.extend(problems)
        return planned

    def _fields(self, report: Any) -> tuple[dict[str, Any], list[str]]:
        """The application fields of the current row, and the lines for its notes."""
        row = self._row
        values: dict[str, Any] = {}
        notes = [row[f.NOTES]] if f.NOTES in row else []
        for name, target in ((f.LOCATION, "location"), (f.SOURCE, "source"),
                             (f.DESCRIPTION, "description")):  # fmt: skip
            if name in row:
                values[target] = row[name]
        link = row.get(f.URL)
        if link:
            url = normalize_url(link)
            if url is None:
                report(f.URL, f"{link[:60]!r} is not a web address; kept in the notes", WARNING)
                notes.append(f"Link: {link}")
            else:
                values["url"] = url
        salary = row.get(f.SALARY)
        if salary:
            read = self._salaries.get(salary)
            if read is None:
                read = self._salaries[salary] = parse_salary(salary)
            low, high, currency = read
            values.update(salary_text=salary, salary_min=low, salary_max=high)
            values["salary_currency"] = currency
        rating = row.get(f.EXCITEMENT)
        if rating:
            excitement = parse_excitement(rating)
            if excitement is None:
                report(f.EXCITEMENT, f"{rating[:20]!r} is not a rating from 0 to 5; left out",
                       WARNING)  # fmt: skip
            else:
                values["excitement"] = excitement
        applied = self._date(f.APPLIED, report)
        if applied is not None:
            values["applied_at"] = applied
        deadline = self._date(f.DEADLINE, report)
        if deadline is not None:
            values["deadline"] = deadline.date()
        for name in (f.COMPANY, f.ROLE, f.LOCATION, f.NOTES):
            if row.get(name, "").startswith("="):
                report(name, "looks like a spreadsheet formula; imported as plain text", WARNING)
        return values, notes

    def _date(self, name: str, report: Any) -> datetime | None:
        text = self._row.get(name)
        if not text:
            return None
        read = self._dates.get((name, text))
        if read is None:
            read = self._dates[(name, text)] = self._read_date(name, text)
        if isinstance(read, str):
            report(name, read)
            return None
        return read

    def _read_date(self, name: str, text: str) -> datetime | str:
        """``text`` read as a date of the field ``name``, or what is wrong with it."""
        try:
            when = parse_date(text, self.date_orders.get(name))
        except DateProblemError as exc:
            return str(exc)
        return limits.year_problem(when) or when

    def _stage(self, applied: bool, report: Any) -> str:
        text = self._value(f.STAGE)
        if not text:
            first = next(iter(self.stages.values()))
            return self.by_role.get(roles.APPLIED, first) if applied else first
        key = fold(text)
        if key in self.stage_map:
            return self.stage_map[key]
        if key in self.stages:
            return self.stages[key]
        role = roles.role_for_name(text)
        for candidate in (role, roles.NEAREST.get(role)):
            if candidate and candidate in self.by_role:
                return self.by_role[candidate]
        chosen = {fold(n) for n in self.options.create_stage_names}
        if self.options.create_stages or key in chosen:
            try:
                text = column_text("stage", "name", text)
            except ValidationError as exc:
                report(f.STAGE, f"the new stage's name {exc.message}")
                return ""
            key = fold(text)
            if text not in self.new_stages and key not in {fold(n) for n in self.new_stages}:
                self.new_stages.append(text)
            return next(n for n in self.new_stages if fold(n) == key)
        self.unknown_stages[text] += 1
        report(
            f.STAGE,
            f"{text!r} is not a stage on the board; map it to one (--map-stage "
            f"'{text}=Applied') or create it (--create-stages)",
        )
        return ""

    def _tags(self, report: Any) -> list[str]:
        try:
            return split_tags(self._value(f.TAGS))
        except ValidationError as exc:
            report(f.TAGS, f"a tag {exc.message}")
            return []

    def _contact(self, report: Any, notes: list[str]) -> dict[str, str]:
        if not any(name in self._row for name in (f.CONTACT, f.CONTACT_EMAIL, f.CONTACT_PHONE)):
            return {}  # no contact cells on this row
        try:
            name = column_text("contact", "name", self._value(f.CONTACT))
            email = column_text("contact", "email", self._value(f.CONTACT_EMAIL))
            phone = column_text("contact", "phone", self._value(f.CONTACT_PHONE))
        except ValidationError as exc:
            report({"name": f.CONTACT, "email": f.CONTACT_EMAIL}.get(exc.field, f.CONTACT_PHONE),
                   exc.message)  # fmt: skip
            return {}
        if email:
            try:
                email = valid_email("email", email)
            except ValidationError:
                report(f.CONTACT_EMAIL, f"{email[:60]!r} is not an email address; kept in the "
                       "notes", WARNING)  # fmt: skip
                notes.append(f"Contact email: {email}")
                email = ""
        if not name and (email or phone):
            name = email or phone
        return {"name": name, "email": email, "phone": phone} if name else {}

    def _unknown_notes(self, cells: list[str]) -> list[str]:
        if self.options.unknown_columns == "drop":
            return []
        lines = []
        for header in self.unknown_columns:
            value = self._cell(cells, header)
            if value:
                lines.append(f"{f.humanize(header)}: {value}")
        return lines

    def _check_duplicate(self, planned: PlannedRow, report: Any) -> None:
        key = duplicate_key(planned.company, planned.role, planned.fields.get("url", ""))
        other = self.seen.get(key)
        if other is None:
            self.seen[key] = -planned.row  # negative: a row of this file, not an application
            return
        where = f"row {-other} of this file" if other < 0 else f"application #{other}"
        planned.duplicate_of = other
        if self.options.duplicates == "merge":
            planned.action = MERGE
            report("", f"same company, role and link as {where}; merged into it", INFO)
        else:
            planned.action = SKIP
            report("", f"same company, role and link as {where}; skipped", INFO)


def _field_column(name: str) -> str:
    """The import field behind an application field named in a ValidationError."""
    return {"salary_max": f.SALARY, "salary_min": f.SALARY, "applied_at": f.APPLIED}.get(name, name)
