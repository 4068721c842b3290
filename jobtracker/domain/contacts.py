"""People met along the way, kept across applications: added, edited, linked, merged."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from jobtracker.domain import validation
from jobtracker.domain.applications import refresh_search_text
from jobtracker.domain.clock import SYSTEM_CLOCK, Clock
from jobtracker.domain.errors import ValidationError
from jobtracker.domain.records import ContactInfo
from jobtracker.domain.rows import get_or_raise
from jobtracker.domain.vocabulary import CONTACT_ROLES
from jobtracker.store.models import (
    Application,
    ApplicationContact,
    Contact,
    Draft,
    InterviewInterviewer,
    database,
)

CONTACT_FIELDS = ("name", "title", "company", "email", "phone", "url", "notes")


def _info(contact: Contact, role: str = "") -> ContactInfo:
    return ContactInfo(
        contact.id, contact.name, contact.title, contact.company, contact.email,
        contact.phone, contact.url, contact.notes, role,
    )  # fmt: skip


def _clean_one(name: str, value: object) -> object:
    if name == "name":
        return validation.column_text("contact", name, value, required=True)
    if name == "email":
        return validation.email("email", value)
    if name == "phone":
        return validation.phone("phone", value)
    if name == "url":
        return validation.url("url", value)
    if name in CONTACT_FIELDS:
        return validation.column_text("contact", name, value)
    raise ValidationError(name, "is not a field of a contact")


def problems(values: Mapping[str, Any]) -> dict[str, ValidationError]:
    """Every refused field of ``values`` with its error (empty: all can be saved), so a
    form shows all its problems at once."""
    found = {}
    for name, value in values.items():
        try:
            _clean_one(name, value)
        except ValidationError as exc:
            found[name] = exc
    return found


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    """The values as stored; the first refused field raises."""
    return {name: _clean_one(name, value) for name, value in values.items()}


class MergeResult(NamedTuple):
    """What a merge changed, so it can be undone exactly (and redone from its request)."""

    kept_id: int
    other_ids: tuple[int, ...]
    values: dict[str, Any]
    #: the kept person's values before the merge, for the fields it changed
    kept_before: dict[str, Any]
    #: the merged-away people as stored: their rows, links and interviews
    removed: tuple[dict[str, Any], ...]
    removed_links: tuple[tuple[int, int, str, Any], ...]
    removed_interviews: tuple[tuple[int, int], ...]
    #: drafts addressed to a merged-away person: (draft id, that person's id)
    moved_drafts: tuple[tuple[int, int], ...]
    #: applications and interviews the kept person joined through the merge
    added_links: tuple[int, ...]
    added_interviews: tuple[int, ...]


class ContactService:
    def __init__(self, clock: Clock = SYSTEM_CLOCK) -> None:
        self.clock = clock

    def all(self) -> list[ContactInfo]:
        return [_info(c) for c in Contact.select().order_by(Contact.name)]

    def get(self, contact_id: int) -> ContactInfo:
        return _info(self._get(contact_id))

    def _get(self, contact_id: int) -> Contact:
        return get_or_raise(Contact, contact_id, "contact")

    def add(self, name: str, **fields: Any) -> ContactInfo:
        cleaned = _clean({"name": name, **fields})
        contact = Contact.create(created_at=self.clock.now(), **cleaned)
        return _info(contact)

    def edit(self, contact_id: int, **fields: Any) -> dict[str, Any]:
        """Change fields; returns their previous values (for undo, see :meth:`restore`)."""
        return self._write(contact_id, _clean(fields))

    def restore(self, contact_id: int, values: Mapping[str, Any]) -> dict[str, Any]:
        """Put back values read from the store (an undo), as they were, even ones an older
        version let in that today's checks would refuse; returns the values replaced."""
        unknown = set(values) - set(CONTACT_FIELDS)
        if unknown:
            raise ValidationError(sorted(unknown)[0], "is not a field of a contact")
        return self._write(contact_id, dict(values))

    def _write(self, contact_id: int, values: dict[str, Any]) -> dict[str, Any]:
        with database.atomic():
            contact = self._get(contact_id)
            previous = {name: getattr(contact, name) for name in values}
            if values:
                Contact.update(values).where(Contact.id == contact_id).execute()
            if "name" in values:
                refresh_search_text(self.application_ids(contact_id))
        return previous

    def delete(self, contact_id: int) -> None:
        with database.atomic():
            app_ids = self.application_ids(contact_id)
            self._get(contact_id).delete_instance()
            refresh_search_text(app_ids)

    def application_ids(self, contact_id: int) -> list[int]:
        """The applications this person is linked to (as a contact)."""
        return [
            link.application_id
            for link in ApplicationContact.select(ApplicationContact.application).where(
                ApplicationContact.contact == contact_id
            )
        ]

    def for_application(self, application_id: int) -> list[ContactInfo]:
        links = (
            ApplicationContact.select(ApplicationContact, Contact)
            .join(Contact)
            .where(ApplicationContact.application == application_id)
            .order_by(Contact.name)
        )
        return [_info(link.contact, link.role) for link in links]

    def link(self, application_id: int, contact_id: int, role: str = "other") -> None:
        """Attach a contact to an application with a role (an existing link keeps the time
        the person was added and takes the new role)."""
        role = validation.one_of("role", role, CONTACT_ROLES)
        with database.atomic():
            get_or_raise(Application, application_id, "application")
            self._get(contact_id)
            ApplicationContact.insert(
                application=application_id, contact=contact_id, role=role,
                added_at=self.clock.now(),
            ).on_conflict(
                conflict_target=[ApplicationContact.application, ApplicationContact.contact],
                update={ApplicationContact.role: role},
            ).execute()  # fmt: skip
            refresh_search_text([application_id])

    def unlink(self, application_id: int, contact_id: int) -> None:
        with database.atomic():
            ApplicationContact.delete().where(
                (ApplicationContact.application == application_id)
                & (ApplicationContact.contact == contact_id)
            ).execute()
            refresh_search_text([application_id])

    # -- merging ------------------------------------------------------------------------

    def merge(
        self, kept_id: int, other_ids: Iterable[int], values: Mapping[str, Any] | None = None
    ) -> MergeResult:
        """Fold ``other_ids`` into ``kept_id`` in one transaction: the kept person takes
        ``values`` (the fields chosen among the merged ones), every application, interview
        and draft of the others; the others are deleted. A value already stored on one of
        the merged people is kept as it is; a new one is checked like any edit."""
        others = tuple(dict.fromkeys(i for i in other_ids if i != kept_id))
        if not others:
            raise ValidationError("people", "pick at least two different people to merge")
        with database.atomic():
            kept = self._get(kept_id)
            rows = [self._get(other) for other in others]
            stored = {name: {getattr(r, name) for r in (kept, *rows)} for name in CONTACT_FIELDS}
            chosen = dict(values or {})
            cleaned = _clean({k: v for k, v in chosen.items() if v not in stored.get(k, ())})
            changes = {**{k: v for k, v in chosen.items() if k not in cleaned}, **cleaned}
            kept_before = {k: getattr(kept, k) for k in changes if getattr(kept, k) != changes[k]}
            removed = tuple(_row(r) for r in rows)
            links = _links_of(others)
            interviews = _interviews_of(others)
            drafts = tuple(
                (d.id, d.contact_id or kept_id)
                for d in Draft.select(Draft.id, Draft.contact).where(Draft.contact.in_(others))
            )
            kept_apps = set(self.application_ids(kept_id))
            kept_interviews = {i for i, _ in _interviews_of((kept_id,))}
            added_links: list[int] = []
            for app_id, _other, role, added_at in links:
                if app_id not in kept_apps:
                    kept_apps.add(app_id)
                    added_links.append(app_id)
                    ApplicationContact.insert(
                        application=app_id, contact=kept_id, role=role, added_at=added_at
                    ).execute()
            added_interviews = sorted({i for i, _ in interviews} - kept_interviews)
            for interview_id in added_interviews:
                InterviewInterviewer.insert(interview=interview_id, contact=kept_id).execute()
            if drafts:
                Draft.update(contact=kept_id).where(Draft.contact.in_(others)).execute()
            if kept_before:
                update = {k: changes[k] for k in kept_before}
                Contact.update(update).where(Contact.id == kept_id).execute()
            Contact.delete().where(Contact.id.in_(others)).execute()
            refresh_search_text(sorted(kept_apps | {a for a, *_ in links}))
        return MergeResult(
            kept_id, others, chosen, kept_before, removed, links, interviews, drafts,
            tuple(added_links), tuple(added_interviews),
        )  # fmt: skip

    def undo_merge(self, result: MergeResult) -> None:
        """Bring the merged-away people back as they were, under their ids."""
        with database.atomic():
            for app_id in result.added_links:
                ApplicationContact.delete().where(
                    (ApplicationContact.application == app_id)
                    & (ApplicationContact.contact == result.kept_id)
                ).execute()
            if result.added_interviews:
                InterviewInterviewer.delete().where(
                    (InterviewInterviewer.contact == result.kept_id)
                    & InterviewInterviewer.interview.in_(list(result.added_interviews))
                ).execute()
            if result.kept_before:
                Contact.update(result.kept_before).where(Contact.id == result.kept_id).execute()
            for row in result.removed:
                Contact.insert(row).execute()
            for app_id, contact_id, role, added_at in result.removed_links:
                ApplicationContact.insert(
                    application=app_id, contact=contact_id, role=role, added_at=added_at
                ).execute()
            for interview_id, contact_id in result.removed_interviews:
                InterviewInterviewer.insert(interview=interview_id, contact=contact_id).execute()
            for draft_id, contact_id in result.moved_drafts:
                Draft.update(contact=contact_id).where(Draft.id == draft_id).execute()
            touched = {a for a, *_ in result.removed_links} | set(result.added_links)
            refresh_search_text(sorted(touched))

    def redo_merge(self, result: MergeResult) -> MergeResult:
        return self.merge(result.kept_id, result.other_ids, result.values)


def _row(contact: Contact) -> dict[str, Any]:
    return {field.name: getattr(contact, field.name) for field in Contact._meta.sorted_fields}


def _links_of(contact_ids: tuple[int, ...]) -> tuple[tuple[int, int, str, Any], ...]:
    query = (
        ApplicationContact.select()
        .where(ApplicationContact.contact.in_(list(contact_ids)))
        .order_by(ApplicationContact.added_at, ApplicationContact.application)
    )
    return tuple((k.application_id, k.contact_id, k.role, k.added_at) for k in query)


def _interviews_of(contact_ids: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
    query = InterviewInterviewer.select().where(InterviewInterviewer.contact.in_(list(contact_ids)))
    return tuple((i.interview_id, i.contact_id) for i in query)
