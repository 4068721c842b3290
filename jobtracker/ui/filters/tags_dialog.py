"""The Tags manager: every tag with its colour and how many applications carry it;
rename, merge, recolour and delete, each an undoable step of the window.

Signals:
    changed(list): the ids of the applications whose tags changed (to read their cards again).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap, QUndoStack
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jobtracker.domain.errors import DomainError
from jobtracker.domain.tags import TagChange
from jobtracker.text import counted
from jobtracker.ui.filters.tag_undo import push_tag_change

if TYPE_CHECKING:
    from jobtracker.domain.services import Services


def _swatch(color: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class TagsDialog(QDialog):
    """Rename, merge, recolour and delete tags."""

    changed = Signal(list)

    def __init__(self, services: Services, stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.stack = stack
        self.setWindowTitle("Tags")
        self.list = QListWidget(self)
        self.list.setAccessibleName("Tags")
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.empty_label = QLabel(
            "No tags yet. Tag an application in its details, or with "
            "<code>jobtracker tag APP TAG</code>.",
            self,
        )
        self.empty_label.setWordWrap(True)
        self.rename_button = QPushButton("&Rename…", self)
        self.merge_button = QPushButton("&Merge Into…", self)
        self.merge_button.setToolTip("Fold the selected tags into another one")
        self.color_button = QPushButton("&Colour…", self)
        self.delete_button = QPushButton("&Delete", self)
        self.close_button = QPushButton("Close", self)
        self.rename_button.clicked.connect(self.rename_selected)
        self.merge_button.clicked.connect(self.merge_selected_asked)
        self.color_button.clicked.connect(self.recolor_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.close_button.clicked.connect(self.close)
        buttons = QVBoxLayout()
        for button in (self.rename_button, self.merge_button, self.color_button,
                       self.delete_button):  # fmt: skip
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addLayout(body)
        self.list.itemSelectionChanged.connect(self._enable)
        self.stack.indexChanged.connect(self.reload)
        self.resize(420, 360)
        self.reload()

    def reload(self, *_args: object) -> None:
        selected = set(self.selected_ids())
        self.list.clear()
        usages = self.services.tags.tags()
        for usage in usages:
            uses = counted(usage.uses, "application")
            item = QListWidgetItem(_swatch(usage.tag.color), f"{usage.tag.name}  ({uses})")
            item.setData(Qt.ItemDataRole.UserRole, usage.tag.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{usage.tag.name}, {uses}")
            self.list.addItem(item)
            item.setSelected(usage.tag.id in selected)
        self.empty_label.setVisible(not usages)
        self._enable()

    def selected_ids(self) -> list[int]:
        return [int(i.data(Qt.ItemDataRole.UserRole)) for i in self.list.selectedItems()]

    def _enable(self) -> None:
        count = len(self.selected_ids())
        self.rename_button.setEnabled(count == 1)
        self.color_button.setEnabled(count == 1)
        self.merge_button.setEnabled(count >= 1 and self.list.count() > 1)
        self.delete_button.setEnabled(count >= 1)

    # -- the changes -------------------------------------------------------------------------

    def rename_selected(self) -> None:
        tag = self.services.tags.tag(self.selected_ids()[0])
        name, ok = QInputDialog.getText(self, "Rename Tag", "New name:", text=tag.name)
        if ok:
            self.rename(tag.id, name)

    def rename(self, tag_id: int, name: str) -> bool:
        old = self.services.tags.tag(tag_id).name
        return self._do(f"Rename Tag {old} to {name.strip()}",
                        lambda: self.services.tags.rename(tag_id, name))  # fmt: skip

    def merge_selected_asked(self) -> None:
        chosen = set(self.selected_ids())
        others = [u.tag for u in self.services.tags.tags() if u.tag.id not in chosen]
        if not others:
            return
        name, ok = QInputDialog.getItem(
            self, "Merge Tags", "Merge the selected tags into:", [t.name for t in others], 0, False
        )
        target = next((t for t in others if t.name == name), None)
        if ok and target is not None:
            self.merge(sorted(chosen), target.id)

    def merge(self, source_ids: list[int], target_id: int) -> bool:
        target = self.services.tags.tag(target_id).name
        return self._do(f"Merge Tags into {target}",
                        lambda: self.services.tags.merge(source_ids, target_id))  # fmt: skip

    def recolor_selected(self) -> None:
        tag = self.services.tags.tag(self.selected_ids()[0])
        color = QColorDialog.getColor(QColor(tag.color), self, f"Colour of {tag.name}")
        if color.isValid():
            self.recolor(tag.id, color.name())

    def recolor(self, tag_id: int, color: str) -> bool:
        name = self.services.tags.tag(tag_id).name
        return self._do(f"Colour Tag {name}",
                        lambda: self.services.tags.set_color(tag_id, color))  # fmt: skip

    def delete_selected(self) -> None:
        for tag_id in self.selected_ids():
            self.delete(tag_id)

    def delete(self, tag_id: int) -> bool:
        name = self.services.tags.tag(tag_id).name
        return self._do(f"Delete Tag {name}", lambda: self.services.tags.delete(tag_id))

    def _do(self, name: str, change: object) -> bool:
        """Make a change (a callable giving a TagChange); a refusal is said, not raised."""
        assert callable(change)
        try:
            made: TagChange = change()
        except DomainError as exc:
            QMessageBox.warning(self, "Tags", str(exc))
            return False
        push_tag_change(self.stack, self.services.tags, name, made, self.changed.emit)
        self.reload()
        return True
