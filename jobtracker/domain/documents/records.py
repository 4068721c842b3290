"""Plain views of the document library, handed to the window and the command line."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

RESUME = "resume"
COVER_LETTER = "cover-letter"
PORTFOLIO = "portfolio"
OTHER = "other"
KINDS = (RESUME, COVER_LETTER, PORTFOLIO, OTHER)
KIND_LABELS = {
    RESUME: "Resume",
    COVER_LETTER: "Cover letter",
    PORTFOLIO: "Portfolio",
    OTHER: "Other",
}

DRAFT = "draft"
SENT = "sent"
LINK_STATES = (DRAFT, SENT)

#: where the text of a document stands
TEXT_PENDING = "pending"


class DocumentLink(NamedTuple):
    """One application a document is linked to."""

    application_id: int
    company: str
    role: str
    state: str
    linked_at: datetime
    sent_at: datetime | None


class DocumentInfo(NamedTuple):
    id: int
    kind: str
    label: str
    notes: str
    added_at: datetime
    predecessor_id: int | None
    sha256: str
    size: int
    original_name: str
    stored_name: str
    text_state: str
    text_note: str
    deleted_at: datetime | None
    links: tuple[DocumentLink, ...]

    @property
    def in_use(self) -> bool:
        return bool(self.links)


class AttachedDocument(NamedTuple):
    """A document as one application sees it (the details dialog's Documents tab)."""

    document: DocumentInfo
    state: str
    linked_at: datetime
    sent_at: datetime | None
