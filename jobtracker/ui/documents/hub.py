"""One place per open database where the window's document views meet: the adder, the
desktop hand-over, and a signal when anything in the library changed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from weakref import WeakKeyDictionary

from PySide6.QtCore import QObject, Signal

from jobtracker.domain.documents.records import DRAFT, DocumentInfo
from jobtracker.domain.documents.service import DocumentService
from jobtracker.domain.services import Services
from jobtracker.ui.documents.adder import DocumentAdder
from jobtracker.ui.documents.files import DocumentFiles

_HUBS: WeakKeyDictionary[Services, DocumentsHub] = WeakKeyDictionary()


class DocumentsHub(QObject):
    """The library's window-side state over one :class:`Services`.

    Signals:
        changed(list): the library changed; carries the application ids whose documents did.
        message(str): something to tell the person (a copy saved, a document added).
        failed(str): something went wrong (a file refused, a viewer missing).
    """

    changed = Signal(list)
    message = Signal(str)
    failed = Signal(str)

    def __init__(self, library: DocumentService) -> None:
        super().__init__()
        self.library = library
        self.adder = DocumentAdder(library, self)
        self.files = DocumentFiles(library, self)
        self.adder.added.connect(lambda doc: self._added(doc))
        self.adder.text_ready.connect(lambda _id: self.changed.emit([]))
        for source in (self.adder, self.files):
            source.failed.connect(self.failed)
        self.files.saved.connect(lambda path: self.message.emit(f"Saved a copy as {path}"))

    def _added(self, document: DocumentInfo) -> None:
        self.message.emit(f"Added {document.original_name} as {document.label!r}")
        self.changed.emit([link.application_id for link in self.library.get(document.id).links])

    def add_files(
        self, paths: list[Path], *, kind: str = "other", attach_to: int | None = None
    ) -> None:
        """Add files (and attach them to ``attach_to`` as drafts) in the background."""
        then: Callable[[DocumentInfo], None] | None = None
        if attach_to is not None:
            app_id = attach_to

            def then(document: DocumentInfo) -> None:
                self.library.attach(app_id, document.id, state=DRAFT)

        for path in paths:
            self.adder.add(path, kind=kind, then=then)

    def attach(self, application_id: int, document_id: int, state: str = DRAFT) -> None:
        self.library.attach(application_id, document_id, state=state)
        self.changed.emit([application_id])

    def detach(self, application_id: int, document_id: int) -> None:
        self.library.detach(application_id, document_id)
        self.changed.emit([application_id])

    def remove(self, document_id: int) -> None:
        """To the trash, links kept (restore brings them back); the caller asked first."""
        info = self.library.remove(document_id, force=True)
        self.changed.emit([link.application_id for link in info.links])

    def wait(self) -> None:
        self.adder.wait()
        self.files.wait()


def documents_hub(services: Services) -> DocumentsHub:
    """The hub of ``services`` (made on first use)."""
    hub = _HUBS.get(services)
    if hub is None:
        hub = _HUBS[services] = DocumentsHub(services.documents)
    return hub
