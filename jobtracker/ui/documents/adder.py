"""Adds files to the library without holding the window: copying and text extraction run
in a worker; the row is written on the GUI thread as soon as the copy is stored."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QObject, QThreadPool, Signal

from jobtracker.domain.documents.extract import Extraction, extract_text
from jobtracker.domain.documents.records import DocumentInfo
from jobtracker.domain.documents.service import DocumentService
from jobtracker.domain.errors import DomainError
from jobtracker.store.errors import StoreError

Attach = Callable[[DocumentInfo], None]


class _Request(NamedTuple):
    path: Path
    kind: str
    label: str | None
    then: Attach | None


class _Relay(QObject):
    """Carries the worker's results to the GUI thread (queued across threads)."""

    stored = Signal(object, object)
    extracted = Signal(int, object)


class DocumentAdder(QObject):
    """Adds files in the background, one worker at a time.

    Signals:
        started(object): a file's Path is being copied in.
        added(object): a DocumentInfo, in the library (text may still be pending).
        text_ready(int): the document's text was extracted (or skipped, with a note).
        failed(str): a file could not be added; nothing was stored.
    """

    started = Signal(object)
    added = Signal(object)
    text_ready = Signal(int)
    failed = Signal(str)

    def __init__(self, library: DocumentService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.stored.connect(self._stored)
        self._relay.extracted.connect(self._extracted)

    def add(
        self, path: Path, *, kind: str = "other", label: str | None = None,
        then: Attach | None = None,
    ) -> None:  # fmt: skip
        """Start adding ``path``; ``then`` runs with the document once it is in the library."""
        try:
            self.library.check_new(kind, label, None)
        except DomainError as exc:
            self.failed.emit(str(exc))
            return
        request = _Request(Path(path), kind, label, then)
        self.started.emit(request.path)
        self._pool.start(lambda: self._copy(request))

    def _copy(self, request: _Request) -> None:
        """In the worker: the file copied in (no database here)."""
        try:
            outcome: object = self.library.store_file(request.path)
        except (DomainError, StoreError, OSError) as exc:
            outcome = exc
        self._relay.stored.emit(request, outcome)

    def _stored(self, request: _Request, outcome: object) -> None:
        if isinstance(outcome, Exception):
            self.failed.emit(str(outcome))
            return
        try:
            added = self.library.register(outcome, request.path.name, kind=request.kind,  # type: ignore[arg-type]
                                          label=request.label)  # fmt: skip
        except DomainError as exc:
            self.failed.emit(str(exc))
            return
        document = added.document
        if request.then is not None:
            request.then(document)
        self.added.emit(document)
        if added.new:
            path = self.library.path(document)
            self._pool.start(lambda: self._extract(document.id, path, document.original_name))

    def _extract(self, document_id: int, path: Path, original_name: str) -> None:
        self._relay.extracted.emit(document_id, extract_text(path, original_name))

    def _extracted(self, document_id: int, extraction: Extraction) -> None:
        try:
            self.library.set_text(document_id, extraction)
        except DomainError:  # removed for good meanwhile
            return
        self.text_ready.emit(document_id)

    def wait(self) -> None:
        """Let running work finish (the window's close)."""
        self._pool.waitForDone()
