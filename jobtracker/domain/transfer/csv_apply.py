"""Writing a planned import: every accepted row in one transaction, all or nothing.

Rows are inserted with ids assigned here and one prepared statement per table: the
transaction holds the only writer, and building SQL per row with the ORM grows to seconds
on a large import.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from peewee import DateField, Field, Model, fn

from jobtracker.domain import stage_roles as roles
from jobtracker.domain.applications import field_names, refresh_search_text, write_edit
from jobtracker.domain.batches import insert_rows
from jobtracker.domain.board import RANK_STEP, BoardService
from jobtracker.domain.clock import Clock
from jobtracker.domain.tags import ImportTagging, tag_imported, undo_tagging
from jobtracker.domain.transfer.csv_import import (
    ADD,
    INVALID,
    MERGE,
    SKIP,
    ImportPreview,
    PlannedRow,
)
from jobtracker.domain.transfer.problems import ImportRefusedError
from jobtracker.domain.transfer.values import fast_fold as fold
from jobtracker.store.fields import UTCDateTimeField
from jobtracker.store.instants import to_db_text
from jobtracker.store.models import (
    Activity,
    Application,
    ApplicationContact,
    Contact,
    Stage,
    database,
)
from jobtracker.text import counted, search_text


@dataclass(frozen=True, slots=True)
class MergeRecord:
    """What a merge changed on an existing application, so it can be put back."""

    application_id: int
    previous: dict[str, Any]
    activity_id: int


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import wrote: enough to report it and to undo it exactly."""

    added: int
    skipped: int
    invalid: int
    created_stages: tuple[str, ...]
    application_ids: tuple[int, ...]
    merges: tuple[MergeRecord, ...] = ()
    created_stage_ids: tuple[int, ...] = ()
    contact_ids: tuple[int, ...] = ()
    #: the tags the import created, and the (application, tag) links it added to
    #: applications that were there before (merges)
    created_tag_ids: tuple[int, ...] = ()
    merged_tag_links: tuple[tuple[int, int], ...] = ()

    @property
    def merged(self) -> int:
        return len(self.merges)


def apply_import(preview: ImportPreview, clock: Clock, board: BoardService) -> ImportResult:
    """Write the preview's rows in one transaction; raises ImportRefusedError (writing
    nothing) when rows have errors and the person did not choose to skip them."""
    if preview.errors and not preview.options.skip_invalid:
        shown = "\n".join(f"  {p}" for p in preview.errors[:10])
        more = len(preview.errors) - 10
        raise ImportRefusedError(
            f"{preview.source_name}: {counted(len(preview.errors), 'problem')} "
            f"{'stops' if len(preview.errors) == 1 else 'stop'} the import; "
            f"nothing was imported.\n{shown}" + (f"\n  ... and {more} more" if more > 0 else "")
        )
    now = clock.now()
    with database.atomic():
        created = [
            board.add_stage(name, role=roles.role_for_name(name)) for name in preview.new_stages
        ]
        stage_ids = {fold(s.name): s.id for s in board.stages()}
        default_stage = board.stages()[0].id
        added = _insert_new(preview, stage_ids, default_stage, now)
        contact_ids = _add_contacts(preview, added, now)
        merges = _merge(preview, added, now)
        tagging = _tag(preview, added)
    return ImportResult(
        added=len(added),
        skipped=preview.count(SKIP),
        invalid=preview.count(INVALID),
        created_stages=tuple(s.name for s in created),
        application_ids=tuple(added.values()),
        merges=tuple(merges),
        created_stage_ids=tuple(s.id for s in created),
        contact_ids=tuple(contact_ids),
        created_tag_ids=tagging.created_tag_ids,
        merged_tag_links=tagging.merged_links,
    )


def undo_import(result: ImportResult) -> None:
    """Take an import back in one transaction: its applications (with their timelines and
    reminders), the contacts and stages it created, and the fields its merges filled."""
    with database.atomic():
        ids = list(result.application_ids)
        for start in range(0, len(ids), 500):
            Application.delete().where(Application.id.in_(ids[start : start + 500])).execute()
        for merge in result.merges:
            Application.update(merge.previous).where(
                Application.id == merge.application_id
            ).execute()
            Activity.delete().where(Activity.id == merge.activity_id).execute()
        refresh_search_text([merge.application_id for merge in result.merges])
        undo_tagging(ImportTagging(result.created_tag_ids, result.merged_tag_links))
        if result.contact_ids:
            Contact.delete().where(Contact.id.in_(list(result.contact_ids))).execute()
        if result.created_stage_ids:
            Stage.delete().where(Stage.id.in_(list(result.created_stage_ids))).execute()
            for position, stage in enumerate(Stage.select().order_by(Stage.position, Stage.id)):
                Stage.update(position=position).where(Stage.id == stage.id).execute()


def _insert_new(
    preview: ImportPreview, stage_ids: dict[str, int], default_stage: int, now: datetime
) -> dict[int, int]:
    """Insert the ADD rows with ids assigned here (one writer holds the transaction), so
    their timeline and contacts can be written in bulk. Returns row number -> id."""
    next_id = (Application.select(fn.MAX(Application.id)).scalar() or 0) + 1
    next_rank: dict[int, float] = {}
    apps, activities, ids = [], [], {}
    for planned in preview.rows:
        if planned.action != ADD:
            continue
        stage_id = (
            stage_ids.get(fold(planned.stage), default_stage) if planned.stage else default_stage
        )
        if stage_id not in next_rank:
            top = Application.select(fn.MAX(Application.rank)).where(Application.stage == stage_id)
            next_rank[stage_id] = (top.scalar() or 0.0) + RANK_STEP
        created = planned.created_at or now
        values = planned.fields
        apps.append({
            **values,
            "id": next_id,
            "stage": stage_id,
            "rank": next_rank[stage_id],
            "stage_entered_at": planned.stage_entered_at or values.get("applied_at") or created,
            "created_at": created,
            "updated_at": now,
            "search_text": _search_text(values["company"], values["role"],
                                        values.get("location", ""), values.get("notes", ""),
                                        planned.contact.get("name", "")),
        })  # fmt: skip
        activities.extend(_history(planned, next_id, stage_id, preview.source_name, now))
        ids[planned.row] = next_id
        next_rank[stage_id] += RANK_STEP
        next_id += 1
    _insert_many(Application, apps)
    _insert_many(Activity, activities)
    return ids


def _history(
    planned: PlannedRow, app_id: int, stage_id: int, source: str, now: datetime
) -> list[dict[str, Any]]:
    """The timeline a row's dates tell, each entry on its own date (the activity log is the
    proof of a search, and the follow-up rules count from it): added (when first known),
    applied, then moved to its stage, as far as the file says."""
    applied = planned.fields.get("applied_at")
    entered = planned.stage_entered_at
    first = planned.created_at or applied or entered or now
    later_move = entered is not None and entered > max(first, applied or first)
    entries = [{"application": app_id, "at": first, "kind": "created",
                "to_stage": None if later_move else stage_id,
                "text": f"Imported from {source}"}]  # fmt: skip
    if applied is not None and applied > first:
        entries.append({"application": app_id, "at": applied, "kind": "applied",
                        "to_stage": None, "text": ""})  # fmt: skip
    if later_move:
        entries.append({"application": app_id, "at": entered, "kind": "stage_changed",
                        "to_stage": stage_id, "text": ""})  # fmt: skip
    return entries


def _search_text(*parts: str) -> str:
    """text.search_text, with a shortcut for plain ASCII (where folding is lower-casing)."""
    joined = " ".join(part for part in parts if part)
    return joined.lower() if joined.isascii() else search_text(joined)


def _insert_many(model: type[Model], rows: list[dict[str, Any]]) -> None:
    """Insert rows many to a statement (peewee's per-row SQL building would grow to seconds
    on a large import); fields a row leaves out get their model default."""
    if not rows:
        return
    given = set().union(*rows)
    fields = [f for f in model._meta.sorted_fields if f.name in given or f.default is not None]
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    head = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES'
    defaults = {f.name: f.default() if callable(f.default) else f.default for f in fields}
    converted = [(i, convert) for i, f in enumerate(fields) if (convert := _converter(f))]
    values = [[full[name] for name in defaults] for full in ({**defaults, **row} for row in rows)]
    for index, convert in converted:
        for row_values in values:
            row_values[index] = convert(row_values[index])
    insert_rows(database.cursor().execute, head, values)


def _converter(field_: Field) -> Callable[[Any], Any] | None:
    """How a value is stored in ``field_`` (instants as UTC text, dates as ISO text);
    None when it is stored as it is."""
    if isinstance(field_, UTCDateTimeField):
        return _instant_text
    if isinstance(field_, DateField):
        return _date_text
    return None


@functools.lru_cache(maxsize=4096)
def _instant_text(value: datetime | None) -> str | None:
    return None if value is None else to_db_text(value)


def _date_text(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _add_contacts(preview: ImportPreview, ids: dict[int, int], now: datetime) -> list[int]:
    """One contact per distinct name and email (reusing known ones), linked to its rows.
    Returns the ids of the contacts created."""
    known = {(fold(name), fold(email)): id_
             for id_, name, email in Contact.select(Contact.id, Contact.name, Contact.email)
             .tuples().execute()}  # fmt: skip
    next_id = (Contact.select(fn.MAX(Contact.id)).scalar() or 0) + 1
    contacts, links, linked = [], [], set()
    for planned in preview.rows:
        if planned.row not in ids or not planned.contact:
            continue
        contact = planned.contact
        key = (fold(contact["name"]), fold(contact["email"]))
        if key not in known:
            known[key] = next_id
            contacts.append({**contact, "id": next_id, "created_at": now,
                             "company": planned.fields["company"]})  # fmt: skip
            next_id += 1
        link = (ids[planned.row], known[key])
        if link not in linked:
            linked.add(link)
            links.append({"application": link[0], "contact": link[1], "role": "other"})
    _insert_many(Contact, contacts)
    _insert_many(ApplicationContact, links)
    return [contact["id"] for contact in contacts]


def _tag(preview: ImportPreview, added: dict[int, int]) -> ImportTagging:
    """Tag the added applications, and those the MERGE rows duplicate, as their rows say."""
    wanted: dict[int, list[str]] = {}
    for planned in preview.rows:
        if not planned.tags:
            continue
        if planned.action == ADD:
            target_id = added.get(planned.row)
        elif planned.action == MERGE and planned.duplicate_of is not None:
            of = planned.duplicate_of
            target_id = added.get(-of) if of < 0 else of
        else:
            continue
        if target_id is not None:
            wanted.setdefault(target_id, []).extend(planned.tags)
    return tag_imported(wanted, set(added.values()))


def _merge(preview: ImportPreview, added: dict[int, int], now: datetime) -> list[MergeRecord]:
    """Fill the empty fields of the applications the MERGE rows duplicate; append notes."""
    records = []
    for planned in preview.rows:
        if planned.action != MERGE or planned.duplicate_of is None:
            continue
        of = planned.duplicate_of
        target_id = added.get(-of) if of < 0 else of
        if target_id is None:
            continue
        target = Application.get_or_none(Application.id == target_id)
        if target is None:
            continue
        changes: dict[str, Any] = {}
        for name, value in planned.fields.items():
            current = getattr(target, name)
            if name == "notes" and value and current and value not in current:
                changes[name] = f"{current}\n{value}"
            elif current in (None, "", 0) and value not in (None, "", 0):
                changes[name] = value
        if not changes:
            continue
        previous = {name: getattr(target, name) for name in (*changes, "updated_at")}
        said = f"Merged from {preview.source_name} row {planned.row}: {field_names(changes)}"
        activity_id = write_edit(target_id, changes, now, said)
        records.append(MergeRecord(target_id, previous, activity_id))
    return records
