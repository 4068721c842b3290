"""The document library: adding files, versions, links to applications, trash and search.

Files are copied in by :mod:`jobtracker.store.document_files` (content-addressed, so the
same file added twice is one document); rows are written here. Adding is three steps the
window runs apart, keeping slow work off its thread: :meth:`DocumentService.store_file`
(copying, any thread), :meth:`register` (one row), and text extraction then
:meth:`set_text`. The command line runs them in a row through :meth:`add`.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple, cast

from peewee import ModelSelect, fn

from jobtracker.domain import validation
from jobtracker.domain.clock import SYSTEM_CLOCK, Clock
from jobtracker.domain.documents.extract import Extraction, extract_text
from jobtracker.domain.documents.records import (
    DRAFT,
    KINDS,
    LINK_STATES,
    SENT,
    TEXT_PENDING,
    AttachedDocument,
    DocumentInfo,
    DocumentLink,
)
from jobtracker.domain.errors import DomainError, NotFoundError
from jobtracker.store.document_files import (
    DocumentFileError,
    StoredFile,
    copy_in,
    copy_verified,
    file_problem,
    stored_name,
    sweep_leftovers,
)
from jobtracker.store.models import Application, ApplicationDocument, Document, database
from jobtracker.text import counted, fold, search_text

TRASH_RETENTION = timedelta(days=30)
#: a temporary file this old belongs to no copy still running
LEFTOVER_AGE = timedelta(days=1)
MAX_LABEL = 200


class DocumentError(DomainError):
    """A file that cannot be added, or a library request refused; nothing was written."""


class DocumentInUseError(DocumentError):
    """Removing a document linked to applications needs a confirmation (``force``)."""


def _tuples(query: ModelSelect[Any]) -> Iterator[tuple[Any, ...]]:
    """A query's rows as plain tuples (peewee's stubs type every row as a model)."""
    return iter(cast("Iterable[tuple[Any, ...]]", query.tuples()))


def _dicts(query: ModelSelect[Any]) -> Iterator[dict[str, Any]]:
    return iter(cast("Iterable[dict[str, Any]]", query.dicts()))


def _document_search_text(document: Document, folded_text: str | None = None) -> str:
    """What search looks in; ``folded_text`` is the text already folded (by the worker)."""
    described = search_text(document.label, document.notes, document.original_name)
    folded = fold(document.text) if folded_text is None else folded_text
    return f"{described} {folded}" if folded else described


class Added(NamedTuple):
    """A document added, and whether it is new (else the same content was already there)."""

    document: DocumentInfo
    new: bool


class DocumentService:
    """The library over the open database; files live in ``folder``."""

    def __init__(self, folder: Path, clock: Clock = SYSTEM_CLOCK) -> None:
        self.folder = folder
        self.clock = clock

    # -- reading ----------------------------------------------------------------------

    def _row(self, document_id: int) -> Document:
        document = Document.get_or_none(Document.id == document_id)
        if document is None:
            raise NotFoundError("document", document_id, "See jobtracker docs list.")
        return document

    def _links(self, document_ids: Sequence[int] | None) -> dict[int, list[DocumentLink]]:
        query = (
            ApplicationDocument.select(
                ApplicationDocument.document, ApplicationDocument.application,
                Application.company, Application.role, ApplicationDocument.state,
                ApplicationDocument.linked_at, ApplicationDocument.sent_at,
            )
            .join(Application)
            .order_by(ApplicationDocument.linked_at)
        )  # fmt: skip
        if document_ids is not None:
            query = query.where(ApplicationDocument.document.in_(list(document_ids)))
        links: dict[int, list[DocumentLink]] = {}
        for document_id, *link in _tuples(query):
            links.setdefault(document_id, []).append(DocumentLink(*link))
        return links

    def _info(self, row: dict[str, Any], links: Sequence[DocumentLink]) -> DocumentInfo:
        return DocumentInfo(
            row["id"], row["kind"], row["label"], row["notes"], row["added_at"],
            row["predecessor"], row["sha256"], row["size"], row["original_name"],
            stored_name(row["sha256"], row["original_name"]), row["text_state"],
            row["text_note"], row["deleted_at"], tuple(links),
        )  # fmt: skip

    def _summary_fields(self) -> list[object]:
        """Every column but the text (the list never needs it)."""
        return [f for f in Document._meta.sorted_fields if f.name not in ("text", "search_text")]

    def get(self, document_id: int) -> DocumentInfo:
        row = Document.select(*self._summary_fields()).where(Document.id == document_id).dicts()
        found = row.first()
        if found is None:
            raise NotFoundError("document", document_id, "See jobtracker docs list.")
        return self._info(found, self._links([document_id]).get(document_id, []))

    def documents(self, *, include_trashed: bool = False) -> list[DocumentInfo]:
        """The library, newest first, each with the applications it is linked to."""
        query = Document.select(*self._summary_fields()).order_by(Document.added_at.desc(),
                                                                  Document.id.desc())  # fmt: skip
        if not include_trashed:
            query = query.where(Document.deleted_at.is_null())
        links = self._links(None)
        return [self._info(row, links.get(row["id"], [])) for row in _dicts(query)]

    def find(self, reference: str) -> DocumentInfo:
        """A document by id ("12" or "#12") or by label (ignoring case)."""
        text = reference.strip().removeprefix("#")
        if text.isdigit():
            return self.get(int(text))
        document = Document.get_or_none(Document.label == reference.strip())
        if document is None:
            raise NotFoundError("document", reference.strip(), "See jobtracker docs list.")
        return self.get(document.id)

    def text(self, document_id: int) -> str:
        return str(self._row(document_id).text)

    def path(self, document: DocumentInfo) -> Path:
        return self.folder / document.stored_name

    def search(self, query: str) -> list[int]:
        """Ids of documents whose label, notes, file name or text hold every word of ``query``
        (case- and accent-insensitive), newest first."""
        words = fold(query).split()
        condition = Document.deleted_at.is_null()
        for word in words:
            condition &= fn.instr(Document.search_text, word) > 0
        query_rows = Document.select(Document.id).where(condition)
        return [row.id for row in query_rows.order_by(Document.added_at.desc(), Document.id.desc())]

    def search_texts(self) -> dict[int, str]:
        """Every live document's folded search text, for a view that filters as the person
        types (one read, then each keystroke is a scan in memory, narrowed as it grows)."""
        rows = Document.select(Document.id, Document.search_text).where(
            Document.deleted_at.is_null()
        )
        return dict(_tuples(rows))

    def for_application(self, application_id: int) -> list[AttachedDocument]:
        """The application's documents: sent ones first (newest first), then drafts."""
        links = ApplicationDocument.select(
            ApplicationDocument.document, ApplicationDocument.state,
            ApplicationDocument.linked_at, ApplicationDocument.sent_at,
        ).where(ApplicationDocument.application == application_id)  # fmt: skip
        found = [AttachedDocument(self.get(doc_id), *link) for doc_id, *link in _tuples(links)]
        return sorted(
            found, key=lambda a: (a.state != SENT, -(a.sent_at or a.linked_at).timestamp())
        )

    def attached_counts(self) -> dict[int, int]:
        """How many documents each application has (the cards' badge)."""
        rows = ApplicationDocument.select(ApplicationDocument.application, fn.COUNT("*")).group_by(
            ApplicationDocument.application
        )
        return {app_id: count for app_id, count in _tuples(rows)}

    # -- adding -----------------------------------------------------------------------

    def _check_label(self, label: str, exclude_id: int | None = None) -> str:
        text = validation.required_text("label", label, MAX_LABEL)
        clash = Document.get_or_none(Document.label == text)
        if clash is not None and clash.id != exclude_id:
            where = " (in the trash)" if clash.deleted_at is not None else ""
            raise DocumentError(
                f"label: a document is already labelled {clash.label!r} (#{clash.id}, "
                f"{clash.original_name}{where}). Choose another label, e.g. {text + ' v2'!r}."
            )
        return text

    def _free_label(self, wanted: str) -> str:
        """A label from a file name, numbered when taken ("resume (2)")."""
        base = wanted.strip()[:MAX_LABEL] or "Document"
        label, number = base, 1
        while Document.get_or_none(Document.label == label) is not None:
            number += 1
            label = f"{base} ({number})"
        return label

    def check_new(self, kind: str, label: str | None, replaces: int | None) -> None:
        """Refuse a bad kind, label or predecessor before any file is copied."""
        validation.one_of("kind", kind, KINDS)
        if label is not None:
            self._check_label(label)
        if replaces is not None:
            self._row(replaces)

    def store_file(self, source: Path) -> StoredFile:
        """Copy ``source`` into the library's folder (safe on any thread: no database)."""
        try:
            return copy_in(Path(source), self.folder)
        except DocumentFileError as exc:
            raise DocumentError(str(exc)) from exc

    def existing(self, sha256: str) -> DocumentInfo | None:
        document = Document.get_or_none(Document.sha256 == sha256)
        return None if document is None else self.get(document.id)

    def register(
        self,
        stored: StoredFile,
        original_name: str,
        *,
        kind: str = "other",
        label: str | None = None,
        notes: str = "",
        replaces: int | None = None,
    ) -> Added:
        """The row for a stored file; the same content already in the library is that
        document (taken out of the trash if it was there)."""
        self.check_new(kind, label, replaces)
        notes = validation.optional_text("notes", notes)
        known = Document.get_or_none(Document.sha256 == stored.sha256)
        if known is not None:
            if known.deleted_at is not None:
                self.restore(known.id)
            return Added(self.get(known.id), new=False)
        with database.atomic():
            document = Document.create(
                kind=kind, label=self._check_label(label) if label is not None
                else self._free_label(Path(original_name).stem),
                notes=notes, added_at=self.clock.now(), predecessor=replaces,
                sha256=stored.sha256, size=stored.size, original_name=Path(original_name).name,
                text_state=TEXT_PENDING,
            )  # fmt: skip
            document.search_text = _document_search_text(document)
            document.save()
        return Added(self.get(document.id), new=True)

    def set_text(self, document_id: int, extraction: Extraction) -> None:
        """Keep a document's extracted text (or why there is none) and make it searchable."""
        document = self._row(document_id)
        document.text_state = extraction.state
        document.text = extraction.text
        document.text_note = extraction.note
        document.search_text = _document_search_text(document, extraction.folded)
        document.save()

    def add(
        self,
        source: Path,
        *,
        kind: str | None = None,
        label: str | None = None,
        notes: str = "",
        replaces: int | None = None,
    ) -> Added:
        """Add a file, extracting its text at once (the command line's ``docs add``).

        A new version (``replaces``) takes its predecessor's kind unless ``kind`` is given.
        """
        if kind is None:
            kind = self._row(replaces).kind if replaces is not None else "other"
        self.check_new(kind, label, replaces)
        stored = self.store_file(source)
        added = self.register(stored, Path(source).name, kind=kind, label=label, notes=notes,
                              replaces=replaces)  # fmt: skip
        info = added.document
        if info.text_state == TEXT_PENDING:
            self.set_text(info.id, extract_text(stored.path, info.original_name))
        return added._replace(document=self.get(info.id))

    def add_bytes(
        self, data: bytes, file_name: str, *, kind: str, label: str | None = None
    ) -> Added:
        """Add content made in the app (a cover letter written from a template)."""
        if not data:
            raise DocumentError(f"{file_name}: there is nothing to save (no text).")
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.TemporaryDirectory(dir=self.folder, prefix=".writing-") as folder:
            source = Path(folder) / Path(file_name).name
            source.write_bytes(data)
            return self.add(source, kind=kind, label=label)

    def edit(self, document_id: int, *, label: str, kind: str, notes: str) -> DocumentInfo:
        document = self._row(document_id)
        document.label = self._check_label(label, exclude_id=document_id)
        document.kind = validation.one_of("kind", kind, KINDS)
        document.notes = validation.optional_text("notes", notes)
        document.search_text = _document_search_text(document)
        document.save()
        return self.get(document_id)

    # -- links ------------------------------------------------------------------------

    def attach(
        self, application_id: int, document_id: int, *, state: str = DRAFT,
        sent_at: datetime | None = None,
    ) -> AttachedDocument:  # fmt: skip
        """Link a document to an application (again: change its state); sent now by default."""
        validation.one_of("state", state, LINK_STATES)
        if Application.get_or_none(Application.id == application_id) is None:
            raise NotFoundError("application", application_id, "See jobtracker list.")
        document = self._row(document_id)
        if document.deleted_at is not None:
            raise DocumentError(f"{document.label!r} is in the trash; restore it first.")
        now = self.clock.now()
        sent = (sent_at or now) if state == SENT else None
        with database.atomic():
            link = ApplicationDocument.get_or_none(
                (ApplicationDocument.application == application_id)
                & (ApplicationDocument.document == document_id)
            )
            if link is None:
                ApplicationDocument.create(application=application_id, document=document_id,
                                           state=state, linked_at=now, sent_at=sent)  # fmt: skip
            else:
                ApplicationDocument.update(state=state, sent_at=sent).where(
                    (ApplicationDocument.application == application_id)
                    & (ApplicationDocument.document == document_id)
                ).execute()
        return next(a for a in self.for_application(application_id) if a.document.id == document_id)

    def detach(self, application_id: int, document_id: int) -> None:
        removed = (
            ApplicationDocument.delete()
            .where(
                (ApplicationDocument.application == application_id)
                & (ApplicationDocument.document == document_id)
            )
            .execute()
        )
        if not removed:
            raise DocumentError(
                f"Document #{document_id} is not attached to application #{application_id}."
            )

    # -- copies, trash ----------------------------------------------------------------

    def export_copy(self, document_id: int, target: Path) -> Path:
        """Save a copy of the stored file as ``target`` (checked against its hash)."""
        info = self.get(document_id)
        target = Path(target)
        if target.is_dir():
            target = target / info.original_name
        if not target.parent.is_dir():
            raise DocumentError(f"There is no folder {target.parent} to save into.")
        problem = file_problem(self.path(info), info.sha256)
        if problem is not None:
            raise DocumentError(f"The stored file of {info.label!r} {problem}; nothing saved.")
        copy_verified(self.path(info), target, info.sha256)
        return target

    def remove(self, document_id: int, *, force: bool = False) -> DocumentInfo:
        """Move a document to the trash (restorable for 30 days). One linked to applications
        needs ``force``: the refusal names them."""
        info = self.get(document_id)
        if info.links and not force:
            names = ", ".join(f"{link.company} (#{link.application_id})" for link in info.links)
            attached = counted(len(info.links), "application")
            raise DocumentInUseError(
                f"{info.label!r} is attached to {attached}: {names}. "
                "Remove it anyway with --force (it goes to the trash for 30 days)."
            )
        Document.update(deleted_at=self.clock.now()).where(Document.id == document_id).execute()
        return self.get(document_id)

    def restore(self, document_id: int) -> DocumentInfo:
        self._row(document_id)
        Document.update(deleted_at=None).where(Document.id == document_id).execute()
        return self.get(document_id)

    def sweep(self) -> None:
        """Remove what copies cut short by a crash left in the folder (a day old or more)."""
        sweep_leftovers(self.folder, LEFTOVER_AGE.total_seconds())

    def purge_trash(self) -> int:
        """Delete for good what has been in the trash for over 30 days, files included."""
        cutoff = self.clock.now() - TRASH_RETENTION
        old = list(
            Document.select().where(
                Document.deleted_at.is_null(False) & (Document.deleted_at < cutoff)
            )
        )
        with database.atomic():
            for document in old:
                document.delete_instance()
        for document in old:
            (self.folder / stored_name(document.sha256, document.original_name)).unlink(
                missing_ok=True
            )
        return len(old)

    def stored_file_problems(self) -> list[str]:
        """Every document whose stored file is missing, unreadable or altered."""
        problems = []
        for document in Document.select(*self._summary_fields()).order_by(Document.id):
            name = stored_name(document.sha256, document.original_name)
            problem = file_problem(self.folder / name, document.sha256)
            if problem is not None:
                problems.append(f"document #{document.id} {document.label!r}: the stored file "
                                f"{self.folder / name} {problem}")  # fmt: skip
        return problems
