"""Kept postings: the page an application was captured from, stored with it.

The text is searchable (it joins the application's search text) and goes into the JSON
backup with the compressed HTML; a re-fetch compares the new text with the kept one.
"""

from __future__ import annotations

import base64
import difflib
import zlib
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, NamedTuple
from urllib.parse import urlsplit, urlunsplit

from jobtracker.domain.applications import AddResult, ApplicationService, refresh_search_text
from jobtracker.domain.capture.fields import application_values
from jobtracker.domain.capture.posting import CapturedPosting
from jobtracker.domain.clock import SYSTEM_CLOCK, Clock
from jobtracker.domain.records import CardRow
from jobtracker.store.models import Application, Posting, database
from jobtracker.text import fold


class PostingInfo(NamedTuple):
    """A kept posting as the Posting tab shows it."""

    application_id: int
    url: str
    captured_at: datetime
    source: str
    employment_type: str
    date_posted: date | None
    text: str
    has_html: bool


def pack_html(markup: str) -> str:
    """HTML as compressed text (a 200 KB page keeps in about 30 KB)."""
    if not markup:
        return ""
    return base64.b64encode(zlib.compress(markup.encode("utf-8"), 6)).decode("ascii")


def unpack_html(packed: str) -> str:
    if not packed:
        return ""
    return zlib.decompress(base64.b64decode(packed)).decode("utf-8")


def same_page(url: str) -> str:
    """A link reduced to what names the page: no fragment, no trailing slash, any case host."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    return urlunsplit(("", parts.netloc.lower().removeprefix("www."), path, parts.query, ""))


def text_changes(before: str, after: str) -> list[str]:
    """The lines removed ("- ") and added ("+ ") between two versions of a posting."""
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [
        f"{line[0]} {line[1:]}"
        for line in diff
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


class PostingService:
    """Keeps, reads and compares captured postings; finds applications already tracked."""

    def __init__(self, applications: ApplicationService, clock: Clock = SYSTEM_CLOCK) -> None:
        self.applications = applications
        self.clock = clock

    def add_captured(
        self,
        posting: CapturedPosting,
        *,
        stage_id: int | None = None,
        html: str = "",
        overrides: dict[str, Any] | None = None,
    ) -> AddResult:
        """A new application from a capture (reviewed fields in ``overrides``), with the
        posting kept beside it, in one transaction."""
        values = {**application_values(posting), **(overrides or {})}
        company, role = values.pop("company", ""), values.pop("role", "")
        with database.atomic():
            result = self.applications.add(company, role, stage_id, **values)
            self.keep(result.id, posting, html=html)
        return result

    def keep(self, application_id: int, posting: CapturedPosting, *, html: str = "") -> None:
        """Store (or replace) the posting of an application."""
        row = {
            "url": posting.url,
            "captured_at": self.clock.now(),
            "source": posting.source,
            "employment_type": posting.employment_type,
            "date_posted": posting.date_posted,
            "text": posting.description,
            "html": pack_html(html),
        }
        with database.atomic():
            Application.get_by_id(application_id)
            updated = Posting.update(row).where(Posting.application == application_id).execute()
            if not updated:
                Posting.create(application=application_id, **row)
            refresh_search_text([application_id])

    def get(self, application_id: int) -> PostingInfo | None:
        row = Posting.get_or_none(Posting.application == application_id)
        if row is None:
            return None
        return PostingInfo(
            application_id, row.url, row.captured_at, row.source, row.employment_type,
            row.date_posted, row.text, bool(row.html),
        )  # fmt: skip

    def page_html(self, application_id: int) -> str:
        """The kept page's HTML ("" when the posting came from text)."""
        row = Posting.get_or_none(Posting.application == application_id)
        return unpack_html(row.html) if row is not None else ""

    def already_tracked(self, url: str, company: str, role: str) -> list[CardRow]:
        """Applications (archived ones too) with this link, or this company and role."""
        ids: list[int] = []
        page = same_page(url) if url else ""
        if page:
            ids += [a.id for a in Application.select(Application.id, Application.url)
                    if a.url and same_page(a.url) == page]  # fmt: skip
        wanted = (fold(company.strip()), fold(role.strip()))
        if all(wanted):
            ids += [c.id for c in self.applications.same_company(company)
                    if fold(c.role.strip()) == wanted[1]]  # fmt: skip
        if not ids:
            return []
        return self.applications.board.cards(include_archived=True, only_ids=_unique(ids))


def _unique(ids: Sequence[int]) -> list[int]:
    return list(dict.fromkeys(ids))
