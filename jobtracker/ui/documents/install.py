"""Puts the document library into the board window.

``install_documents(window, services)`` gives ``window.documents`` (a DocumentActions): a
Documents… entry in the View menu (Ctrl+Shift+D) opening the library view, files dropped
on the window added to the library, files dropped on a card added and attached to it, and
a small badge on each card with documents attached.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QDropEvent, QKeySequence

from jobtracker.domain.documents.records import DRAFT
from jobtracker.ui.board.card_model import ID_ROLE
from jobtracker.ui.documents.drops import documents_among, dropped_files
from jobtracker.ui.documents.hub import DocumentsHub, documents_hub

if TYPE_CHECKING:
    from jobtracker.domain.services import Services
    from jobtracker.ui.documents.library import LibraryDialog
    from jobtracker.ui.main_window import MainWindow

DROP_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


class DocumentActions(QObject):
    """The window's side of the library: its menu entry, drops and card badges."""

    def __init__(self, window: MainWindow, services: Services) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self.hub: DocumentsHub = documents_hub(services)
        self.library_action = QAction("&Documents…", window)
        self.library_action.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.library_action.setStatusTip("Resumes, cover letters and where each was sent")
        self.library_action.triggered.connect(lambda: self.open_library())
        self.hub.changed.connect(self._changed)
        self.hub.message.connect(lambda text: window.statusBar().showMessage(text, 5000))
        self.hub.failed.connect(window.show_problem)
        self.update_badges()

    def open_library(self) -> LibraryDialog:
        """The library view (one per window; an open one comes forward)."""
        from jobtracker.ui.documents.library import LibraryDialog  # loaded on first use

        for dialog in self.window.findChildren(LibraryDialog):
            if dialog.isVisible():
                dialog.raise_()
                dialog.activateWindow()
                return dialog
        dialog = LibraryDialog(self.services, self.window,
                               new_application=self.use_for_new_application)  # fmt: skip
        dialog.show()
        return dialog

    def use_for_new_application(self, document_id: int) -> None:
        """Open a new application; once saved, the document is attached to it."""
        from jobtracker.ui.dialogs.details import DetailsDialog

        self.window.open_details(None)
        dialog = self.window.findChildren(DetailsDialog)[-1]

        def saved(application_id: int) -> None:
            dialog.saved.disconnect(saved)
            self.hub.attach(application_id, document_id, DRAFT)

        dialog.saved.connect(saved)

    def update_badges(self) -> None:
        self.window.board.delegate.document_counts = self.hub.library.attached_counts()

    def _changed(self, application_ids: list[int]) -> None:
        self.update_badges()
        if application_ids:
            self.window.refresh_cards(application_ids)

    # -- drops ----------------------------------------------------------------------------

    def card_at(self, point: QPoint) -> int | None:
        """The card under ``point`` (window coordinates), if any."""
        for column in self.window.board.columns.values():
            viewport = column.view.viewport()
            local = viewport.mapFrom(self.window, point)
            if viewport.isVisible() and viewport.rect().contains(local):
                index = column.view.indexAt(local)
                return int(index.data(ID_ROLE)) if index.isValid() else None
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Files dragged over the window (a card's column lets them pass up to it): on a
        card they are attached to it, elsewhere they go to the library."""
        if watched is not self.window or event.type() not in DROP_EVENTS:
            return False
        assert isinstance(event, QDropEvent)  # drag enter and move events are drop events
        target = self.card_at(event.position().toPoint())
        paths = dropped_files(event.mimeData())
        if target is None:
            paths = documents_among(paths)  # spreadsheets and backups are imported
        if not paths:
            return False
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        if event.type() == QEvent.Type.Drop:
            QTimer.singleShot(0, self, lambda: self.add_dropped(paths, target))
        return True

    def add_dropped(self, paths: list[Path], application_id: int | None) -> None:
        """Files dropped on a card are attached to it; on the window, the library opens."""
        self.hub.add_files(paths, attach_to=application_id)
        if application_id is None:
            self.open_library()


def install_documents(window: MainWindow, services: Services) -> DocumentActions:
    actions = DocumentActions(window, services)
    window.view_menu.addSeparator()
    window.view_menu.addAction(actions.library_action)
    window.setAcceptDrops(True)
    window.installEventFilter(actions)
    return actions
