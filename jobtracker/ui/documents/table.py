"""A list of documents as rows: label, kind, file, and what became of it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from jobtracker.domain.documents.records import KIND_LABELS, DocumentInfo
from jobtracker.ui.dialogs.widgets import local_text

ID_ROLE = Qt.ItemDataRole.UserRole


def size_text(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1048576:.1f} MB"


def text_status(document: DocumentInfo) -> str:
    if document.text_state == "pending":
        return "reading its text…"
    return document.text_note


class DocumentTable(QTreeWidget):
    """Rows of documents, each carrying its id; columns given by the caller."""

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels(list(headers))
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setStretchLastSection(False)
        for column in range(1, len(headers)):
            self.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def add_row(self, document_id: int, cells: Sequence[str], tooltip: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(list(cells))
        item.setData(0, ID_ROLE, document_id)
        for column in range(len(cells)):
            item.setToolTip(column, tooltip)
        self.addTopLevelItem(item)
        return item

    def current_id(self) -> int | None:
        item = self.currentItem()
        return None if item is None else int(item.data(0, ID_ROLE))

    def rows(self) -> list[tuple[int, QTreeWidgetItem]]:
        """Every row's document id and item."""
        items = (self.topLevelItem(row) for row in range(self.topLevelItemCount()))
        return [(int(item.data(0, ID_ROLE)), item) for item in items if item is not None]

    def select_id(self, document_id: int) -> None:
        for row_id, item in self.rows():
            if row_id == document_id:
                self.setCurrentItem(item)
                return


def tooltip(document: DocumentInfo, tz: tzinfo | None) -> str:
    lines = [
        f"{document.label} ({KIND_LABELS.get(document.kind, document.kind)})",
        f"{document.original_name}, {size_text(document.size)}, added "
        f"{local_text(document.added_at, tz)}",
    ]
    if document.notes:
        lines.append(document.notes)
    if text_status(document):
        lines.append(f"Text: {text_status(document)}")
    return "\n".join(lines)
