"""The full backup as JSON: every table, every column, lossless, with a format version.

Rows are written as stored (instants as UTC text, ranks as floats, ids kept), so importing a
file into a new database and exporting again gives the same file. A restore goes into an
empty database only, in one transaction; a file that is not ours, from a newer version or
with a bad value is refused naming the table, row and column, before anything is written.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from peewee import (
    AutoField,
    CompositeKey,
    DateField,
    Field,
    FloatField,
    ForeignKeyField,
    IntegerField,
    IntegrityError,
    Model,
)

from jobtracker.domain import limits, stage_roles
from jobtracker.domain.batches import insert_rows
from jobtracker.domain.clock import Clock
from jobtracker.domain.transfer.problems import ImportFileError
from jobtracker.store.fields import UTCDateTimeField
from jobtracker.store.instants import exact_from_db_text, text_as_read
from jobtracker.store.migrations import schema_version
from jobtracker.store.models import ALL_MODELS, Application, Contact, Stage, database

FORMAT_NAME = "jobtracker"
FORMAT_VERSION = 1
MAX_JSON_BYTES = 200 * 1024 * 1024


def _columns(model: type[Model]) -> list[str]:
    return [field.column_name for field in model._meta.sorted_fields]


def _order(model: type[Model]) -> str:
    primary = model._meta.primary_key
    if isinstance(primary, CompositeKey):
        return _quoted([model._meta.fields[n].column_name for n in primary.field_names])
    if isinstance(primary, Field):
        return _quoted([primary.column_name])
    raise TypeError(f"{model.__name__} has no primary key")


def _quoted(names: list[str]) -> str:
    return ", ".join(f'"{name}"' for name in names)


def export_data(clock: Clock) -> dict[str, Any]:
    """Every table as {"columns": [...], "rows": [[...], ...]}, rows in primary-key order."""
    tables = {}
    for model in ALL_MODELS:
        columns = _columns(model)
        sql = f'SELECT {_quoted(columns)} FROM "{model._meta.table_name}" ORDER BY {_order(model)}'
        rows = [list(row) for row in database.execute_sql(sql)]
        for index, field in enumerate(model._meta.sorted_fields):
            if isinstance(field, (UTCDateTimeField, DateField)):
                day = isinstance(field, DateField)
                for row in rows:
                    if row[index] is not None:
                        row[index] = text_as_read(row[index], day=day)
        tables[model._meta.table_name] = {"columns": columns, "rows": rows}
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "schema_version": schema_version(database.obj),
        "exported_at": clock.now().isoformat(),
        "tables": tables,
    }


def export_json(clock: Clock) -> str:
    """The backup as text: one table row per line, so files diff well and stay fast to write."""
    data = export_data(clock)
    tables = data.pop("tables")
    parts = [json.dumps(data, ensure_ascii=False)[:-1] + ', "tables": {']
    for index, (name, table) in enumerate(tables.items()):
        rows = ",\n".join(json.dumps(row, ensure_ascii=False) for row in table["rows"])
        parts.append(
            f'{"," if index else ""}\n{json.dumps(name)}: {{"columns": '
            f'{json.dumps(table["columns"])}, "rows": [\n{rows}\n]}}'
        )
    parts.append("\n}}\n")
    return "".join(parts)


def load_backup(path: Path) -> dict[str, Any]:
    """Read and check a backup file; raises ImportFileError saying what is wrong."""
    path = Path(path)
    if not path.is_file():
        raise ImportFileError(f"There is no file at {path}.")
    if path.stat().st_size > MAX_JSON_BYTES:
        raise ImportFileError(f"{path.name} is larger than any jobtracker backup could be.")
    try:
        data: dict[str, Any] = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"{path.name} is not UTF-8 text, so not a jobtracker backup."
        ) from exc
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            f"{path.name} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from exc
    except RecursionError as exc:
        raise ImportFileError(f"{path.name} nests deeper than any jobtracker backup.") from exc
    except ValueError as exc:  # a number with thousands of digits
        raise ImportFileError(f"{path.name} holds a value no backup could ({exc}).") from exc
    check_backup(data, path.name)
    return data


def check_backup(data: object, name: str) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """Refuse anything that is not a complete backup this version can restore.

    Returns each table's columns and rows, their text cleaned as every door cleans it
    (:mod:`limits`); any other value out of its limits is refused, naming where it is.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise ImportFileError(f"{name} is JSON but not a jobtracker backup (no \"format\": "
                              f"\"{FORMAT_NAME}\").")  # fmt: skip
    version = data.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise ImportFileError(f"{name}: the format version {version!r} is not valid.")
    if version > FORMAT_VERSION:
        raise ImportFileError(
            f"{name} was written by a newer jobtracker (backup format {version}; this one "
            f"reads up to {FORMAT_VERSION}). Update jobtracker to restore it."
        )
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise ImportFileError(f"{name}: the backup has no tables.")
    known = {model._meta.table_name: model for model in ALL_MODELS}
    for table_name in tables:
        if table_name not in known:
            raise ImportFileError(f"{name}: unknown table {table_name!r}.")
    checked = {
        table_name: _check_table(tables.get(table_name, {"columns": _columns(model), "rows": []}),
                                 model, f"{name}, table {table_name!r}")
        for table_name, model in known.items()
    }  # fmt: skip
    _check_roles(tables.get("stage", {}), f"{name}, table 'stage'")
    return checked


def _check_roles(table: Mapping[str, Any], where: str) -> None:
    """Every stage's role is one the rules know ("" for none)."""
    columns = table.get("columns", [])
    if "role" not in columns:
        return
    at = columns.index("role")
    for number, row in enumerate(table.get("rows", []), start=1):
        if row[at] not in stage_roles.ROLES:
            known = ", ".join(r for r in stage_roles.ROLES if r)
            raise ImportFileError(
                f"{where}, row {number}, column 'role': {row[at]!r:.40} is not a stage role "
                f"(known: {known}, or empty for none)."
            )


def _check_table(
    table: object, model: type[Model], where: str
) -> tuple[list[str], list[list[Any]]]:
    if not isinstance(table, dict) or not isinstance(table.get("columns"), list):
        raise ImportFileError(f'{where}: expected {{"columns": [...], "rows": [...]}}.')
    fields = {field.column_name: field for field in model._meta.sorted_fields}
    columns = table["columns"]
    for column in columns:
        if column not in fields:
            raise ImportFileError(f"{where}: unknown column {column!r}.")
    for column, field in fields.items():
        if column not in columns and not field.null and _default(field) is None:
            raise ImportFileError(f"{where}: the column {column!r} is missing.")
    rows = table.get("rows")
    if not isinstance(rows, list):
        raise ImportFileError(f'{where}: "rows" must be a list.')
    checks = [_column_check(model, fields[column]) for column in columns]
    cleaned = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, list) or len(row) != len(columns):
            raise ImportFileError(f"{where}, row {number}: expected {len(columns)} values.")
        values = []
        for column, check, value in zip(columns, checks, row, strict=True):
            try:
                values.append(check(value))
            except ValueError as exc:
                raise ImportFileError(f"{where}, row {number}, column {column!r}: {exc}.") from None
        cleaned.append(values)
    return columns, cleaned


def _column_check(model: type[Model], field: Field) -> Callable[[object], object]:
    """How one column's values are checked (and text cleaned): raises ValueError saying
    what is wrong; the limits are those of every other door (:mod:`limits`)."""
    limit = limits.COLUMNS.get(model._meta.table_name, {}).get(field.column_name)
    if isinstance(field, (ForeignKeyField, AutoField)):
        limit = limits.ROW_ID
    key = (model._meta.table_name, field.column_name)

    def check(value: object) -> object:
        if value is None:
            if field.null:
                return None
            raise ValueError("a value is required")
        if isinstance(field, (IntegerField, ForeignKeyField)):
            bounds = limit if isinstance(limit, limits.IntLimit) else limits.IntLimit()
            _raise(limits.int_problem(value, bounds.low, bounds.high))
            return value
        if isinstance(field, FloatField):
            _raise(limits.float_problem(value))
            return value
        if not isinstance(value, str):
            raise ValueError(f"expected text, got {value!r:.40}")
        if isinstance(field, (UTCDateTimeField, DateField)):
            _raise(_when_problem(field, value))
            return value
        if key == ("setting", "value"):
            _raise(limits.json_problem(value))
            return value
        text = (limit if isinstance(limit, limits.TextLimit) else limits.TEXT).clean(value)
        bound = limit.limit if isinstance(limit, limits.TextLimit) else limits.MAX_TEXT
        _raise(limits.length_problem(text, bound))
        return text

    return check


def _raise(problem: str | None) -> None:
    if problem:
        raise ValueError(problem)


def _when_problem(field: Field, value: str) -> str | None:
    """Instants as the store writes them (naive UTC), dates as ISO days, in sane years."""
    try:
        instant = isinstance(field, UTCDateTimeField)
        when: date = exact_from_db_text(value) if instant else date.fromisoformat(value)
    except ValueError:
        return f"{value!r:.40} is not a valid date or time"
    return limits.year_problem(when)


def _default(field: Field) -> object:
    return field.default() if callable(field.default) else field.default


def _with_defaults(
    model: type[Model], columns: list[str], rows: list[list[Any]]
) -> tuple[list[str], list[list[Any]]]:
    """Columns an older backup lacks (added by later versions) filled with their defaults."""
    missing = [f for f in model._meta.sorted_fields
               if f.column_name not in columns and _default(f) is not None]  # fmt: skip
    if not missing:
        return columns, rows
    extra = [f.db_value(_default(f)) for f in missing]
    return [*columns, *(f.column_name for f in missing)], [[*row, *extra] for row in rows]


def refuse_unless_empty() -> None:
    """A backup goes into a database without applications or contacts."""
    if Application.select().count() + Contact.select().count():
        raise ImportFileError(
            f"This database already holds data ({Application.select().count()} applications, "
            f"{Contact.select().count()} contacts); a backup is restored into an empty one. "
            "Start a new database file for it (jobtracker --db NEW_FILE import BACKUP.json)."
        )


def restore_data(data: Mapping[str, Any], name: str) -> dict[str, int]:
    """Write a checked backup into this (empty) database in one transaction.

    Returns the row count per table. Raises ImportFileError, writing nothing, when the
    database already holds applications or contacts, or rows refer to missing ones.
    """
    tables = check_backup(data, name)
    refuse_unless_empty()
    counts = {}
    try:
        with database.atomic():
            for model in reversed(ALL_MODELS):
                model.delete().execute()
            for model in ALL_MODELS:
                columns, given = tables[model._meta.table_name]
                counts[model._meta.table_name] = len(given)
                if not given:
                    continue
                names, rows = _with_defaults(model, columns, given)
                head = f'INSERT INTO "{model._meta.table_name}" ({_quoted(names)}) VALUES'
                insert_rows(database.cursor().execute, head, rows)
            if Stage.select().count() == 0:
                raise ImportFileError(f"{name}: the backup has no stages; a board needs one.")
            if "role" not in data["tables"].get("stage", {}).get("columns", ["role"]):
                _roles_by_name()
    except (IntegrityError, sqlite3.IntegrityError) as exc:
        raise ImportFileError(
            f"{name}: the rows do not fit together ({exc}); nothing was restored."
        ) from exc
    return counts


def _roles_by_name() -> None:
    """A backup from before stage roles: each stage gets the role its name says, where its
    kind agrees (as the schema upgrade did for files)."""
    for stage_id, stage_name, kind in database.execute_sql(
        'SELECT "id", "name", "kind" FROM "stage"'
    ).fetchall():
        role = stage_roles.role_for_name(stage_name)
        if role != stage_roles.NONE and stage_roles.kind_of(role) == kind:
            Stage.update(role=role).where(Stage.id == stage_id).execute()


def import_backup(path: Path) -> dict[str, int]:
    return restore_data(load_backup(path), Path(path).name)
