"""Property: any document shaped like a backup, and any CSV cells, end in success or a clear
refusal (never a traceback); the database is then either unchanged, or passes the checks and
opens in the window's first-frame read."""

from __future__ import annotations

import copy
import hashlib
import json
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobtracker.domain.board_reads import FIRST_CARDS
from jobtracker.domain.clock import FakeClock
from jobtracker.domain.errors import DomainError
from jobtracker.domain.services import Services
from jobtracker.domain.transfer.service import ExportRequest, transfer_for
from jobtracker.store.db import integrity_report, open_store

START = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
#: every kind of value a hostile or damaged file could hold where a cell belongs
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
CELL = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.sampled_from([2**63, -(2**63) - 1, 10**30, 0, -1, 10**12])
    | st.floats()
    | ANY_TEXT
    | st.sampled_from(["9999-12-31", "0001-01-01T00:00:00.000000", "2026-13-40", "{", "x" * 600]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(ANY_TEXT, inner, max_size=2),
    max_leaves=4,
)
#: spreadsheet-like cells: dates, amounts, formulas, control characters
CSV_CELL = ANY_TEXT | st.sampled_from(
    ["9999-12-31", "03/04/2025", "31.12.1899", "$99999999999999999999", "=1+1", "Applied",
     "Nope", "★★★", "acme.com/jobs", "\r\n", "a\x1b[2Jb", "x" * 600]
)  # fmt: skip


def _services(path: Path) -> Services:
    return Services(open_store(path, owner="pytest"), FakeClock(START))


def _digest(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _backup() -> dict[str, Any]:
    """A real backup: a board with an application, a contact and an interview."""
    with tempfile.TemporaryDirectory() as folder:
        services = _services(Path(folder) / "source.sqlite3")
        try:
            app = services.applications.add("Acme", "Engineer").id
            person = services.contacts.add("Dana", email="dana@example.com")
            services.contacts.link(app, person.id, "recruiter")
            services.interviews.add(app, START, duration_minutes=45)
            data: dict[str, Any] = json.loads(transfer_for(services).export(ExportRequest("json")))
        finally:
            services.close()
    return data


BACKUP = _backup()
TABLES = sorted(BACKUP["tables"])


@st.composite
def backup_like(draw: st.DrawFn) -> object:
    """A real backup with a few cells, columns or tables replaced by arbitrary values."""
    data = copy.deepcopy(BACKUP)
    for _ in range(draw(st.integers(1, 4))):
        table = data["tables"][draw(st.sampled_from(TABLES))]
        where = draw(st.sampled_from(["cell", "cell", "cell", "columns", "rows", "table"]))
        if where == "cell" and table["rows"]:
            row = table["rows"][draw(st.integers(0, len(table["rows"]) - 1))]
            row[draw(st.integers(0, len(row) - 1))] = draw(CELL)
        elif where == "columns":
            table["columns"] = draw(st.lists(ANY_TEXT, max_size=3)) + table["columns"][1:]
        elif where == "rows":
            table["rows"].append(draw(st.lists(CELL, max_size=len(table["columns"]) + 1)))
        else:
            data["tables"][draw(ANY_TEXT)] = draw(CELL)
    return draw(st.sampled_from([data, data, data, draw(CELL)]))


@contextmanager
def _outcome(path: Path, *, with_card: bool) -> Iterator[Services]:
    """Services on ``path``; afterwards the file is unchanged or sound and readable."""
    services = _services(path)
    if with_card:
        services.applications.add("Existing", "Card")
    services.close()
    before = _digest(path)
    services = _services(path)
    try:
        yield services
    except DomainError as refusal:
        assert str(refusal), "a refusal says why"
    finally:
        services.close()
    if _digest(path) != before:
        store = open_store(path, owner="pytest")
        try:
            assert integrity_report(store) == []
        finally:
            store.close()
        reopened = _services(path)  # as the window's start reads it: its first frame
        try:
            assert reopened.board.first_frame(FIRST_CARDS).stages
        finally:
            reopened.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=backup_like())
def test_any_backup_shaped_document_restores_or_is_refused(document: object) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "backup.json"
        source.write_text(json.dumps(document), encoding="utf-8")
        with _outcome(Path(folder) / "db.sqlite3", with_card=False) as services:
            transfer_for(services).restore_backup(source)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(CSV_CELL, min_size=7, max_size=8), min_size=1, max_size=4))
def test_any_csv_cells_import_or_are_refused(rows: list[list[str]]) -> None:
    header = "Company,Role,Stage,Date Applied,Deadline,Salary,Contact\n"
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "rows.csv"
        lines = [",".join('"' + cell.replace('"', '""') + '"' for cell in row) for row in rows]
        source.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
        with _outcome(Path(folder) / "db.sqlite3", with_card=True) as services:
            transfer = transfer_for(services)
            transfer.apply(transfer.preview(source))
