"""The details dialog's Documents tab: what was sent to this application (and when), what
is a draft for it, and the buttons to add, attach, open and save them."""

from __future__ import annotations

from datetime import tzinfo
from pathlib import Path

from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jobtracker.domain.documents.records import DRAFT, KIND_LABELS, SENT, AttachedDocument
from jobtracker.domain.errors import DomainError
from jobtracker.domain.services import Services
from jobtracker.ui.dialogs.widgets import Refresh, local_text
from jobtracker.ui.documents.drops import dropped_files
from jobtracker.ui.documents.hub import documents_hub
from jobtracker.ui.documents.table import DocumentTable, tooltip


def state_text(attached: AttachedDocument, tz: tzinfo | None) -> str:
    if attached.state == SENT and attached.sent_at is not None:
        return f"Sent {local_text(attached.sent_at, tz, with_time=False)}"
    return "Draft"


class DocumentsPanel(QWidget):
    """One application's documents; changes are saved at once and refresh its card."""

    def __init__(self, services: Services, refresh: Refresh, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.hub = documents_hub(services)
        self.refresh = refresh
        self.application_id: int | None = None
        self._attached: dict[int, AttachedDocument] = {}
        self.table = DocumentTable(("Document", "Kind", "Status"))
        self.table.setAccessibleName("Documents of this application, sent ones first")
        self.table.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.table.itemActivated.connect(lambda *_: self.open_current())
        self.empty = QLabel("No documents yet: add the resume or cover letter you send, or "
                            "drop the files here.")  # fmt: skip
        self.empty.setWordWrap(True)
        self.add_button = QPushButton("&Add File…")
        self.add_button.clicked.connect(self._choose_files)
        self.attach_button = QPushButton("Attach from &Library…")
        self.attach_button.clicked.connect(self._choose_existing)
        self.sent_button = QPushButton("Mark &Sent")
        self.sent_button.clicked.connect(self.toggle_sent)
        self.detach_button = QPushButton("&Detach")
        self.detach_button.clicked.connect(self.detach_current)
        self.open_button = QPushButton("&Open")
        self.open_button.clicked.connect(self.open_current)
        self.folder_button = QPushButton("Show in &Folder")
        self.folder_button.clicked.connect(self._show_in_folder)
        self.save_button = QPushButton("Save a &Copy As…")
        self.save_button.clicked.connect(self._save_copy)
        first, second = QHBoxLayout(), QHBoxLayout()
        for button in (self.add_button, self.attach_button):
            first.addWidget(button)
        first.addStretch(1)
        for button in (self.sent_button, self.detach_button, self.open_button,
                       self.folder_button, self.save_button):  # fmt: skip
            second.addWidget(button)
        second.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(second)
        layout.addLayout(first)
        self.setAcceptDrops(True)
        self.hub.changed.connect(self._library_changed)
        self._update_buttons()

    def load(self, application_id: int | None, company: str = "") -> None:
        """Show this application's documents (none for one not saved yet)."""
        self.application_id = application_id
        current = self.table.current_id()
        self.table.clear()
        self._attached = {}
        if application_id is not None:
            tz = self.services.followups.tz
            for attached in self.services.documents.for_application(application_id):
                document = attached.document
                self._attached[document.id] = attached
                kind = KIND_LABELS.get(document.kind, document.kind)
                self.table.add_row(document.id, (document.label, kind, state_text(attached, tz)),
                                   tooltip(document, tz))  # fmt: skip
        if current is not None:
            self.table.select_id(current)
        self.empty.setVisible(not self._attached)
        self._update_buttons()

    def _library_changed(self, _ids: list[int]) -> None:
        self.load(self.application_id)

    def current(self) -> AttachedDocument | None:
        document_id = self.table.current_id()
        return None if document_id is None else self._attached.get(document_id)

    def _update_buttons(self) -> None:
        chosen = self.current()
        for button in (self.detach_button, self.open_button, self.folder_button,
                       self.save_button, self.sent_button):  # fmt: skip
            button.setEnabled(chosen is not None)
        for button in (self.add_button, self.attach_button):
            button.setEnabled(self.application_id is not None)
        self.sent_button.setText("Mark as &Draft" if chosen and chosen.state == SENT
                                 else "Mark &Sent")  # fmt: skip

    # -- actions (the buttons call these; tests too) --------------------------------------

    def add_files(self, paths: list[Path]) -> None:
        if self.application_id is not None:
            self.hub.add_files(paths, attach_to=self.application_id)

    def attach_existing(self, document_id: int) -> None:
        if self.application_id is None:
            return
        try:
            self.hub.attach(self.application_id, document_id)
        except DomainError as exc:
            self.hub.failed.emit(str(exc))
            return
        self.refresh([self.application_id])

    def toggle_sent(self) -> None:
        chosen = self.current()
        if chosen is None or self.application_id is None:
            return
        state = DRAFT if chosen.state == SENT else SENT
        self.hub.attach(self.application_id, chosen.document.id, state)
        self.refresh([self.application_id])

    def detach_current(self) -> None:
        chosen = self.current()
        if chosen is None or self.application_id is None:
            return
        self.hub.detach(self.application_id, chosen.document.id)
        self.refresh([self.application_id])

    def open_current(self) -> None:
        chosen = self.current()
        if chosen is not None:
            self.hub.files.open(chosen.document)

    def _show_in_folder(self) -> None:
        chosen = self.current()
        if chosen is not None:
            self.hub.files.show_in_folder(chosen.document)

    def _save_copy(self) -> None:
        chosen = self.current()
        if chosen is not None:
            self.hub.files.choose_and_save(chosen.document, self)

    def _choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, "Add documents", str(Path.home()),
            "Documents (*.pdf *.docx *.odt *.txt *.md *.png *.jpg *.jpeg);;All files (*)",
        )  # fmt: skip
        self.add_files([Path(name) for name in names])

    def _choose_existing(self) -> None:
        documents = [d for d in self.services.documents.documents() if d.id not in self._attached]
        if not documents:
            self.hub.failed.emit("Every document in the library is attached here already.")
            return
        labels = [f"{d.label} ({KIND_LABELS.get(d.kind, d.kind)})" for d in documents]
        chosen, ok = QInputDialog.getItem(self, "Attach from the library", "Document:", labels,
                                          0, False)  # fmt: skip
        if ok:
            self.attach_existing(documents[labels.index(chosen)].id)

    # -- drops ------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_files(event.mimeData())
        if paths:
            self.add_files(paths)
