"""The document library view: every document, where each was sent, searchable by its text.

Non-modal, one per window. Search runs on each keystroke over the documents' folded text,
read once per reload and scanned in memory, each keystroke among the last one's matches.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jobtracker.domain.documents.records import KIND_LABELS, SENT, DocumentInfo
from jobtracker.domain.errors import DomainError
from jobtracker.domain.services import Services
from jobtracker.text import fold
from jobtracker.ui.dialogs.widgets import local_text
from jobtracker.ui.documents.drops import dropped_files
from jobtracker.ui.documents.hub import documents_hub
from jobtracker.ui.documents.table import DocumentTable, size_text, text_status, tooltip

#: the id of a row standing for a file still being copied in
ADDING = -1


def where_sent(document: DocumentInfo, tz: tzinfo | None) -> str:
    """ "Sent to Acme (2026-03-10), Globex; draft for Initech", the days in ``tz``."""
    sent = [
        link.company
        + (f" ({local_text(link.sent_at, tz, with_time=False)})" if link.sent_at else "")
        for link in document.links
        if link.state == SENT
    ]
    drafts = [link.company for link in document.links if link.state != SENT]
    parts = ([f"Sent to {', '.join(sent)}"] if sent else []) + (
        [f"draft for {', '.join(drafts)}"] if drafts else []
    )
    return "; ".join(parts) or "Not used yet"


class LibraryDialog(QDialog):
    """The library: search, add, open, save a copy, use for a new application, remove."""

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        *,
        new_application: Callable[[int], None] | None = None,
    ) -> None:
        """``new_application`` opens a new application with the document attached."""
        super().__init__(parent)
        self.setWindowTitle("Documents")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.services = services
        self.hub = documents_hub(services)
        self.new_application = new_application
        self._documents: dict[int, DocumentInfo] = {}
        self._texts: dict[int, str] = {}
        self._last_query = ""
        self._last_matches: set[int] = set()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search labels, notes and the documents' text")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search documents")
        self.search.textChanged.connect(self.apply_search)
        self.count = QLabel()
        self.table = DocumentTable(("Document", "Kind", "Added", "Size", "Where it went"))
        self.table.setAccessibleName("Documents, newest first")
        self.table.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.table.itemActivated.connect(lambda *_: self.open_current())
        self.add_button = QPushButton("&Add…")
        self.add_button.clicked.connect(self._choose_files)
        self.open_button = QPushButton("&Open")
        self.open_button.clicked.connect(self.open_current)
        self.folder_button = QPushButton("Show in &Folder")
        self.folder_button.clicked.connect(
            lambda: self._with_current(self.hub.files.show_in_folder)
        )
        self.save_button = QPushButton("Save a &Copy As…")
        self.save_button.clicked.connect(
            lambda: self._with_current(lambda d: self.hub.files.choose_and_save(d, self))
        )
        self.use_button = QPushButton("&Use for a New Application…")
        self.use_button.clicked.connect(self.use_for_new_application)
        self.remove_button = QPushButton("&Remove")
        self.remove_button.clicked.connect(self.remove_current)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.open_button, self.folder_button, self.save_button,
                       self.use_button):  # fmt: skip
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.setAcceptDrops(True)
        self.hub.changed.connect(self._library_changed)
        self.hub.adder.started.connect(self.show_adding)
        self.hub.failed.connect(lambda _text: self.reload())
        self.reload()
        self.resize(820, 480)

    def reload(self) -> None:
        current = self.table.current_id()
        self.table.clear()
        self._documents = {}
        self._texts = self.services.documents.search_texts()
        self._last_query, self._last_matches = "", set()
        tz = self.services.followups.tz
        for document in self.services.documents.documents():
            self._documents[document.id] = document
            status = text_status(document)
            self.table.add_row(
                document.id,
                (document.label + (f" — {status}" if status else ""),
                 KIND_LABELS.get(document.kind, document.kind),
                 local_text(document.added_at, tz, with_time=False), size_text(document.size),
                 where_sent(document, tz)),
                tooltip(document, tz),
            )  # fmt: skip
        if current is not None:
            self.table.select_id(current)
        self.apply_search(self.search.text())

    def show_adding(self, path: Path) -> None:
        """A row for a file being copied in, at once (the document replaces it when stored)."""
        item = self.table.add_row(ADDING, (f"{path.name} — adding…", "", "", "", ""), str(path))
        self.table.takeTopLevelItem(self.table.indexOfTopLevelItem(item))
        self.table.insertTopLevelItem(0, item)

    def _library_changed(self, _ids: list[int]) -> None:
        self.reload()

    def apply_search(self, text: str) -> None:
        """Show the documents matching every word (all of them for an empty search).

        A query that extends the last one (the next keystroke) looks only among the last
        one's matches."""
        query = fold(text).strip()
        matching: set[int] | None = None
        if query:
            among = self._texts
            if self._last_query and query.startswith(self._last_query):
                among = {i: self._texts[i] for i in self._last_matches}
            words = query.split()
            matching = {i for i, text in among.items() if all(w in text for w in words)}
        self._last_query, self._last_matches = query, matching or set()
        shown = 0
        for document_id, item in self.table.rows():
            visible = matching is None or document_id in matching
            if item.isHidden() == visible:
                item.setHidden(not visible)
            shown += visible
        total = self.table.topLevelItemCount()
        self.count.setText(f"{shown} of {total}" if matching is not None else f"{total} documents")
        self._update_buttons()

    def visible_ids(self) -> list[int]:
        return [document_id for document_id, item in self.table.rows() if not item.isHidden()]

    def current(self) -> DocumentInfo | None:
        item = self.table.currentItem()
        if item is None or item.isHidden():
            return None
        return self._documents.get(self.table.current_id() or -1)

    def _with_current(self, action: Callable[[DocumentInfo], None]) -> None:
        chosen = self.current()
        if chosen is not None:
            action(chosen)

    def _update_buttons(self) -> None:
        chosen = self.current() is not None
        for button in (self.open_button, self.folder_button, self.save_button,
                       self.use_button, self.remove_button):  # fmt: skip
            button.setEnabled(chosen)
        self.use_button.setEnabled(chosen and self.new_application is not None)

    def open_current(self) -> None:
        self._with_current(self.hub.files.open)

    def use_for_new_application(self) -> None:
        chosen = self.current()
        if chosen is not None and self.new_application is not None:
            self.new_application(chosen.id)

    def remove_current(self, *, confirmed: bool = False) -> None:
        """To the trash; one attached to applications is removed only after asking."""
        chosen = self.current()
        if chosen is None:
            return
        if chosen.links and not confirmed:
            names = ", ".join(sorted({link.company for link in chosen.links}))
            answer = QMessageBox.question(
                self, "Remove a document in use",
                f"{chosen.label!r} is attached to {names}. Move it to the trash anyway? "
                "It stays restorable for 30 days.",
            )  # fmt: skip
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            self.hub.remove(chosen.id)
        except DomainError as exc:
            self.hub.failed.emit(str(exc))

    def _choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Add documents", str(Path.home()))
        self.hub.add_files([Path(name) for name in names])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.hub.add_files(dropped_files(event.mimeData()))
