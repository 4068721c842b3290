"""Open, Show in folder and Save a copy as for stored documents, in a worker so a slow
launcher never holds the window."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from jobtracker.domain.documents.records import DocumentInfo
from jobtracker.domain.documents.service import DocumentService
from jobtracker.domain.errors import DomainError
from jobtracker.platform.handoff import Handoff
from jobtracker.platform.opener import open_with_viewer
from jobtracker.store.errors import StoreError


class DocumentFiles(QObject):
    """Hands stored documents to the desktop.

    Signals:
        failed(str): the desktop could not open it, or a copy could not be saved.
        saved(str): a copy was saved at this path.
    """

    failed = Signal(str)
    saved = Signal(str)

    def __init__(self, library: DocumentService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self._handoff = Handoff(self)
        self._handoff.failed.connect(lambda error: self.failed.emit(str(error)))

    def open(self, document: DocumentInfo) -> None:
        """Open in the system's viewer for its type (xdg-open)."""
        path = self.library.path(document)
        if not path.is_file():
            self.failed.emit(f"The stored file of {document.label!r} is missing ({path}).")
            return
        self._handoff.start(partial(open_with_viewer, path))

    def show_in_folder(self, document: DocumentInfo) -> None:
        """Open the folder holding the stored file in the file manager."""
        folder = self.library.path(document).parent
        self._handoff.start(partial(open_with_viewer, folder))

    def save_copy(self, document: DocumentInfo, target: Path) -> None:
        try:
            saved = self.library.export_copy(document.id, target)
        except (DomainError, StoreError, OSError) as exc:
            self.failed.emit(f"Could not save a copy of {document.label!r}: {exc}")
            return
        self.saved.emit(str(saved))

    def choose_and_save(self, document: DocumentInfo, parent: QWidget) -> None:
        from PySide6.QtWidgets import QFileDialog  # loaded on first use

        target, _ = QFileDialog.getSaveFileName(
            parent, f"Save a copy of {document.label}",
            str(Path.home() / document.original_name),
        )  # fmt: skip
        if target:
            self.save_copy(document, Path(target))

    def wait(self) -> None:
        self._handoff.wait()
