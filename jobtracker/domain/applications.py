"""Creating, editing, archiving and trashing applications; "already applied?" checks."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from functools import partial
from typing import Any, NamedTuple

from peewee import fn

from jobtracker.domain import stage_roles as roles
from jobtracker.domain import validation
from jobtracker.domain.board import BoardService
from jobtracker.domain.clock import SYSTEM_CLOCK, Clock
from jobtracker.domain.errors import FieldsError, ValidationError, every_error
from jobtracker.domain.hooks import WriteHooked
from jobtracker.domain.records import (
    EDITABLE_FIELDS,
    ApplicationDetails,
    CardRow,
    ContactInfo,
    InterviewInfo,
)
from jobtracker.domain.rows import get_or_raise
from jobtracker.store.models import (
    Activity,
    Application,
    ApplicationContact,
    Contact,
    Interview,
    InterviewInterviewer,
    Posting,
    database,
)
from jobtracker.text import fold, search_text

TRASH_RETENTION = timedelta(days=30)


class AddResult(NamedTuple):
    """The new application's id, and the ones already at the same company."""

    id: int
    same_company: tuple[CardRow, ...]


class EditResult(NamedTuple):
    """What one edit changed (values before and after, the timeline row), for exact undo."""

    application_id: int
    before: dict[str, Any]
    after: dict[str, Any]
    updated_at_before: datetime
    activity_id: int | None


class StampResult(NamedTuple):
    """What an archive, trash or restore changed, so :meth:`ApplicationService.undo_stamp`
    can put each card's column, change time and timeline back exactly."""

    column: str
    #: application id -> (the column's value, updated_at) before the change
    before: dict[int, tuple[datetime | None, datetime]]
    activity_ids: tuple[int, ...]


#: each editable field's check; the plain text columns are added below
_CHECKS: dict[str, Callable[[Any], Any]] = {
    "company": lambda v: validation.column_text("application", "company", v, required=True),
    "role": lambda v: validation.column_text("application", "role", v, required=True),
    "url": lambda v: validation.url("url", v),
    "excitement": lambda v: validation.int_in_range("excitement", v, 0, 5),
    "salary_min": lambda v: validation.optional_amount("salary_min", v),
    "salary_max": lambda v: validation.optional_amount("salary_max", v),
    "deadline": lambda v: validation.optional_date("deadline", v),
    "applied_at": lambda v: validation.aware_datetime("applied_at", v, optional=True),
    "description": lambda v: validation.optional_text("description", v),
    "notes": lambda v: validation.optional_text("notes", v),
}
#: every other editable field is a text column held to its limit
_CHECKS.update(
    (name, partial(validation.column_text, "application", name))
    for name in EDITABLE_FIELDS
    if name not in _CHECKS
)


def clean_fields(values: Mapping[str, Any]) -> dict[str, Any]:
    """Validate editable fields; raises FieldsError naming every bad one."""
    _refuse_unknown(values)
    return _salaries_in_order(validation.check_all(values, _CHECKS))


class FieldCleaner:
    """:func:`clean_fields` for the many rows of one import: each distinct text or whole
    number of a field is checked once (a column's locations, salaries and notes repeat
    down a sheet).

    Such a check depends on the value alone, so a value that passed once passes again
    with the same result; values that fail, and values of other types, are checked every
    time, so the problems raised are those :func:`clean_fields` raises."""

    def __init__(self) -> None:
        #: field -> text or int -> its cleaned value
        self._passed: dict[str, dict[str | int, Any]] = {name: {} for name in _CHECKS}

    def clean(self, values: Mapping[str, Any]) -> dict[str, Any]:
        _refuse_unknown(values)
        cleaned: dict[str, Any] = {}
        problems: list[ValidationError] = []
        for name, value in values.items():
            passed = self._passed[name]
            kept = type(value) is str or type(value) is int
            if kept and value in passed:
                cleaned[name] = passed[value]
                continue
            try:
                cleaned[name] = _CHECKS[name](value)
            except ValidationError as exc:
                problems.extend(every_error(exc))
                continue
            if kept:
                passed[value] = cleaned[name]
        if problems:
            raise FieldsError(problems)
        return _salaries_in_order(cleaned)


def _refuse_unknown(values: Mapping[str, Any]) -> None:
    if not _CHECKS.keys() >= values.keys():
        unknown = values.keys() - _CHECKS.keys()
        raise ValidationError(sorted(unknown)[0], "is not a field of an application")


def _salaries_in_order(cleaned: dict[str, Any]) -> dict[str, Any]:
    low, high = cleaned.get("salary_min"), cleaned.get("salary_max")
    if low is not None and high is not None and low > high:
        raise ValidationError("salary_max", "must not be below the minimum salary")
    return cleaned


def details_of(app: Application) -> ApplicationDetails:
    contacts = tuple(
        ContactInfo(c.id, c.name, c.title, c.company, c.email, c.phone, c.url, c.notes, link.role)
        for link in ApplicationContact.select().where(ApplicationContact.application == app.id)
        for c in [link.contact]
    )
    interviews = tuple(
        interview_info(i)
        for i in Interview.select()
        .where(Interview.application == app.id)
        .order_by(Interview.starts_at)
    )
    return ApplicationDetails(
        app.id, app.company, app.role, app.url, app.location, app.salary_text,
        app.salary_min, app.salary_max, app.salary_currency, app.source, app.deadline,
        app.description, app.notes, app.excitement, app.stage_id, app.rank,
        app.stage_entered_at, app.applied_at, app.created_at, app.updated_at,
        app.archived_at, app.deleted_at, contacts, interviews,
    )  # fmt: skip


def interview_info(interview: Interview) -> InterviewInfo:
    interviewer_ids = tuple(
        link.contact_id
        for link in InterviewInterviewer.select().where(
            InterviewInterviewer.interview == interview.id
        )
    )
    return InterviewInfo(
        interview.id, interview.application_id, interview.title, interview.starts_at,
        interview.duration_minutes, interview.kind, interview.location, interview.notes,
        interviewer_ids,
    )  # fmt: skip


def field_names(names: Iterable[str]) -> str:
    """Field names as a timeline says them: "salary min, notes"."""
    return ", ".join(name.replace("_", " ") for name in names)


def write_edit(application_id: int, changes: Mapping[str, Any], now: datetime, text: str) -> int:
    """Write ``changes`` (checked values) to one application the way every edit is written,
    from the details form or an import's merge: its change time stamped, one 'edited' entry
    with ``text`` in its timeline, its search text refreshed. Returns the entry's id; the
    caller holds the transaction."""
    Application.update({**changes, "updated_at": now}).where(
        Application.id == application_id
    ).execute()
    activity = Activity.create(application=application_id, at=now, kind="edited", text=text)
    refresh_search_text([application_id])
    return int(activity.id)


def refresh_search_text(application_ids: Sequence[int]) -> None:
    """Recompute the folded search column after a change to the fields it covers (the kept
    posting's text last, so the column still starts with the company)."""
    for app in Application.select().where(Application.id.in_(list(application_ids))):
        names = [
            c.name
            for c in Contact.select(Contact.name)
            .join(ApplicationContact)
            .where(ApplicationContact.application == app.id)
        ]
        kept = [p.text for p in Posting.select(Posting.text).where(Posting.application == app.id)]
        app.search_text = search_text(app.company, app.role, app.location, app.notes, *names, *kept)
        Application.update(search_text=app.search_text).where(Application.id == app.id).execute()


class ApplicationService(WriteHooked):
    """The life of an application from wishlist to trash."""

    def __init__(self, board: BoardService, clock: Clock = SYSTEM_CLOCK) -> None:
        self.board = board
        self.clock = clock

    def get(self, application_id: int) -> ApplicationDetails:
        return details_of(self._get(application_id))

    def _get(self, application_id: int) -> Application:
        return get_or_raise(Application, application_id, "application")

    def same_company(self, company: str, *, exclude_id: int | None = None) -> list[CardRow]:
        """Live applications at ``company`` (case- and accent-insensitive)."""
        wanted = fold(company.strip())
        if not wanted:
            return []
        # the folded search text starts with the folded company: narrow down in SQL first
        candidates = Application.select(Application.id).where(
            fn.substr(Application.search_text, 1, len(wanted)) == wanted
        )
        rows = self.board.cards(include_archived=True, only_ids=[a.id for a in candidates])
        return [r for r in rows if fold(r.company) == wanted and r.id != exclude_id]

    def add(self, company: str, role: str, stage_id: int | None = None, **fields: Any) -> AddResult:
        """Create an application at the top of ``stage_id`` (the first stage by default)."""
        cleaned = clean_fields({"company": company, "role": role, **fields})
        if stage_id is None:
            stage_id = self.board.stages()[0].id
        stage = self.board.stage(stage_id)
        existing = tuple(self.same_company(cleaned["company"]))
        now = self.clock.now()
        if "applied_at" not in cleaned and stage.role != roles.WISHLIST:
            cleaned["applied_at"] = now
        with database.atomic():
            app = Application.create(
                stage=stage.id,
                rank=self.board.top_rank(stage.id),
                stage_entered_at=now,
                created_at=now,
                updated_at=now,
                **cleaned,
            )
            Activity.create(application=app.id, at=now, kind="created", to_stage=stage.id)
            refresh_search_text([app.id])
        self.after_write([app.id])
        return AddResult(app.id, existing)

    def edit(self, application_id: int, **fields: Any) -> dict[str, Any]:
        """Change fields; returns their previous values (for undo). Logs one 'edited' entry."""
        return self.apply_edit(application_id, **fields).before

    def apply_edit(self, application_id: int, **fields: Any) -> EditResult:
        """Change fields and say exactly what changed, so :meth:`undo_edit` can revert it."""
        cleaned = clean_fields(fields)
        with database.atomic():
            app = self._get(application_id)
            previous = {name: getattr(app, name) for name in cleaned}
            changed = [name for name in cleaned if previous[name] != cleaned[name]]
            if not changed:
                return EditResult(application_id, {}, {}, app.updated_at, None)
            after = {name: cleaned[name] for name in changed}
            activity_id = write_edit(
                application_id, after, self.clock.now(), f"Changed {field_names(changed)}"
            )
        self.after_write([application_id])
        return EditResult(
            application_id,
            {name: previous[name] for name in changed},
            after,
            app.updated_at,
            activity_id,
        )

    def undo_edit(self, result: EditResult) -> None:
        """Put the fields, the change time and the timeline back as they were before the edit."""
        if not result.before:
            return
        with database.atomic():
            Application.update({**result.before, "updated_at": result.updated_at_before}).where(
                Application.id == result.application_id
            ).execute()
            if result.activity_id is not None:
                Activity.delete().where(Activity.id == result.activity_id).execute()
            refresh_search_text([result.application_id])
        self.after_write([result.application_id])

    def remove(self, application_id: int) -> None:
        """Delete an application for good, with its timeline (the undo of adding it)."""
        with database.atomic():
            self._get(application_id).delete_instance()

    def _stamp(
        self, ids: Sequence[int], column: str, value: datetime | None, kind: str
    ) -> StampResult:
        if not ids:
            raise ValidationError("cards", "choose at least one card")
        with database.atomic():
            apps = [self._get(app_id) for app_id in ids]
            before = {app.id: (getattr(app, column), app.updated_at) for app in apps}
            now = self.clock.now()
            Application.update({column: value, "updated_at": now}).where(
                Application.id.in_(list(ids))
            ).execute()
            activity_ids = tuple(
                Activity.create(application=app_id, at=now, kind=kind).id for app_id in ids
            )
        self.after_write(ids)
        return StampResult(column, before, activity_ids)

    def undo_stamp(self, result: StampResult) -> None:
        """Undo an archive, trash or restore: old values, change times, no timeline rows."""
        with database.atomic():
            for app_id, (value, updated_at) in result.before.items():
                Application.update({result.column: value, "updated_at": updated_at}).where(
                    Application.id == app_id
                ).execute()
            Activity.delete().where(Activity.id.in_(list(result.activity_ids))).execute()
        self.after_write(list(result.before))

    def archive(self, ids: Sequence[int]) -> StampResult:
        return self._stamp(ids, "archived_at", self.clock.now(), "archived")

    def unarchive(self, ids: Sequence[int]) -> StampResult:
        return self._stamp(ids, "archived_at", None, "restored")

    def trash(self, ids: Sequence[int]) -> StampResult:
        """Move to the trash: hidden, restorable for 30 days, then purged."""
        return self._stamp(ids, "deleted_at", self.clock.now(), "trashed")

    def restore(self, ids: Sequence[int]) -> StampResult:
        return self._stamp(ids, "deleted_at", None, "restored")

    def purge_trash(self) -> int:
        """Delete for good what has been in the trash for over 30 days."""
        cutoff = self.clock.now() - TRASH_RETENTION
        with database.atomic():
            return int(
                Application.delete()
                .where(Application.deleted_at.is_null(False) & (Application.deleted_at < cutoff))
                .execute()
            )
