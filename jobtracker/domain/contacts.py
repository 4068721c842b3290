"""People met along the way, kept across applications."""

from __future__ import annotations

from typing import Any

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
    database,
)

CONTACT_FIELDS = ("name", "title", "company", "email", "phone", "url", "notes")


def _info(contact: Contact, role: str = "") -> ContactInfo:
    return ContactInfo(
        contact.id, contact.name, contact.title, contact.company, contact.email,
        contact.phone, contact.url, contact.notes, role,
    )  # fmt: skip


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    cleaned = {}
    for name, value in values.items():
        if name == "name":
            cleaned[name] = validation.column_text("contact", name, value, required=True)
        elif name == "email":
            cleaned[name] = validation.email("email", value)
        elif name == "url":
            cleaned[name] = validation.url("url", value)
        elif name in CONTACT_FIELDS:
            cleaned[name] = validation.column_text("contact", name, value)
        else:
            raise ValidationError(name, "is not a field of a contact")
    return cleaned


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
        """Change fields; returns their previous values (for undo)."""
        cleaned = _clean(fields)
        with database.atomic():
            contact = self._get(contact_id)
            previous = {name: getattr(contact, name) for name in cleaned}
            Contact.update(cleaned).where(Contact.id == contact_id).execute()
            if "name" in cleaned:
                refresh_search_text(self._application_ids(contact_id))
        return previous

    def delete(self, contact_id: int) -> None:
        with database.atomic():
            app_ids = self._application_ids(contact_id)
            self._get(contact_id).delete_instance()
            refresh_search_text(app_ids)

    def _application_ids(self, contact_id: int) -> list[int]:
        return [
            link.application_id
            for link in ApplicationContact.select().where(ApplicationContact.contact == contact_id)
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
        """Attach a contact to an application with a role (replacing an earlier role)."""
        role = validation.one_of("role", role, CONTACT_ROLES)
        with database.atomic():
            get_or_raise(Application, application_id, "application")
            self._get(contact_id)
            ApplicationContact.insert(
                application=application_id, contact=contact_id, role=role
            ).on_conflict_replace().execute()
            refresh_search_text([application_id])

    def unlink(self, application_id: int, contact_id: int) -> None:
        with database.atomic():
            ApplicationContact.delete().where(
                (ApplicationContact.application == application_id)
                & (ApplicationContact.contact == contact_id)
            ).execute()
            refresh_search_text([application_id])
