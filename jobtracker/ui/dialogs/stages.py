"""Managing the board's stages: add, rename, recolour, reorder, give a role, delete with a
home for the cards.

Every change is saved at once and goes on the window's undo stack. Deleting asks first,
with the stage that takes its cards; undoing it puts the stage, its cards and its timeline
mentions back. A stage's role (what it means to the follow-up rules) is chosen from a list;
a role of an outcome makes the stage one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jobtracker.domain import stage_roles
from jobtracker.domain.errors import ValidationError
from jobtracker.domain.records import StageInfo
from jobtracker.domain.services import Services
from jobtracker.domain.stage_roles import CLOSED_KIND, OPEN_KIND
from jobtracker.ui.dialogs.widgets import FieldError, color_icon, push_done

#: a new stage's colour until the person picks one
DEFAULT_COLOR = "#6d9eeb"


class DeleteStageDialog(QDialog):
    """Confirms deleting a stage and asks which stage takes its cards."""

    def __init__(
        self, stage: StageInfo, card_count: int, others: list[StageInfo], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setObjectName("delete-stage")
        self.setWindowTitle(f"Delete {stage.name}")
        self.target = QComboBox()
        for other in others:
            self.target.addItem(color_icon(other.color), other.name, other.id)
        self._needs_target = card_count > 0
        self.message = message = QLabel(
            f"Delete the stage “{stage.name}”?" + _where_cards_go(card_count)
        )
        message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.delete_button = buttons.addButton(
            "Delete stage", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.delete_button.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.target)
        self.target.setVisible(self._needs_target)
        layout.addWidget(buttons)

    def target_id(self) -> int | None:
        return self.target.currentData() if self._needs_target else None


def role_combo(accessible_name: str) -> QComboBox:
    """Every stage role by its label, the role as the item's data."""
    combo = QComboBox()
    for role in stage_roles.ROLES:
        combo.addItem(stage_roles.label(role), role)
    combo.setAccessibleName(accessible_name)
    return combo


class StagesDialog(QDialog):
    """The stage list with add / rename / colour / move / role / delete controls."""

    def __init__(
        self,
        services: Services,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
        *,
        refresh: Callable[[], None] | None = None,
    ) -> None:
        """``refresh`` runs after every change and its undo/redo (the board rebuilds)."""
        super().__init__(parent)
        self.services = services
        self.board = services.board
        self.undo_stack = undo_stack
        self.refresh = refresh or (lambda: None)
        self.setWindowTitle("Stages")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        self.list = QListWidget()
        self.list.setAccessibleName("Stages in board order")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.rename_button = QPushButton("&Rename")
        self.color_button = QPushButton("&Colour…")
        self.up_button = QPushButton("Move &up")
        self.down_button = QPushButton("Move do&wn")
        self.delete_button = QPushButton("&Delete…")
        side = QVBoxLayout()
        for button in (
            self.rename_button, self.color_button, self.up_button, self.down_button,
            self.delete_button,
        ):  # fmt: skip
            button.setAutoDefault(False)
            side.addWidget(button)
        side.addStretch(1)
        self.role = role_combo("Role of the selected stage")
        self.role.setToolTip(
            "What the stage means to the follow-up reminders, whatever its name. "
            "A stage with no role gets the reminders of a step in the search."
        )
        role_label = QLabel("R&ole")
        role_label.setBuddy(self.role)
        side.addWidget(role_label)
        side.addWidget(self.role)
        self.list_error = FieldError()

        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText("e.g. Phone screen")
        self.new_kind = QComboBox()
        self.new_kind.addItem("A step in the search", OPEN_KIND)
        self.new_kind.addItem("An outcome (closed)", CLOSED_KIND)
        self.new_role = role_combo("Role of the new stage")
        self.add_button = QPushButton("&Add stage")
        self.add_error = FieldError()
        adder = QGroupBox("New stage")
        form = QFormLayout(adder)
        form.addRow("&Name", self.new_name)
        form.addRow("Ro&le", self.new_role)
        form.addRow("&Kind", self.new_kind)
        form.addRow("", self.add_error)
        form.addRow("", self.add_button)

        top = QHBoxLayout()
        top.addWidget(self.list, 1)
        top.addLayout(side)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        hint = QLabel(
            "Double-click a name to rename it; drag to reorder. "
            "Outcomes (in italics) stay at the right of the board."
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addLayout(top, 1)
        layout.addWidget(self.list_error)
        layout.addWidget(adder)
        layout.addWidget(close)

        self.add_button.clicked.connect(self.add_stage)
        self.new_name.returnPressed.connect(self.add_stage)
        self.rename_button.clicked.connect(self._rename_current)
        self.color_button.clicked.connect(self.choose_color)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(+1))
        self.delete_button.clicked.connect(self.ask_delete)
        self.role.activated.connect(self._role_chosen)
        self.new_role.currentIndexChanged.connect(self._new_role_chosen)
        self.list.itemChanged.connect(self._item_renamed)
        self.list.model().rowsMoved.connect(self._rows_dragged)
        self.list.currentRowChanged.connect(self._update_buttons)
        undo_stack.indexChanged.connect(self.load)
        self._following_stack = True
        self.load()
        self.resize(520, 560)

    # -- showing ------------------------------------------------------------------------

    def load(self) -> None:
        """List the stored stages, keeping the selection on the same stage."""
        selected = self.selected_stage()
        self.list.blockSignals(True)
        self.list.clear()
        for stage in self.board.stages():
            item = QListWidgetItem(color_icon(stage.color), stage.name)
            item.setData(Qt.ItemDataRole.UserRole, stage.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            role = f"role: {stage_roles.label(stage.role)}"
            item.setToolTip(f"{stage.name} ({role})")
            if stage.is_closed:
                font = item.font()
                font.setItalic(True)
                item.setFont(font)
                item.setToolTip(
                    f"{stage.name}: an outcome, shown at the right of the board ({role})"
                )
            self.list.addItem(item)
            if selected is not None and stage.id == selected.id:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._update_buttons()

    def selected_stage(self) -> StageInfo | None:
        item = self.list.currentItem() if self.list.count() else None
        if item is None:
            return None
        stage_id = item.data(Qt.ItemDataRole.UserRole)
        return next((s for s in self.board.stages() if s.id == stage_id), None)

    def _update_buttons(self) -> None:
        row = self.list.currentRow()
        chosen = row >= 0
        for button in (self.rename_button, self.color_button, self.delete_button):
            button.setEnabled(chosen)
        self.up_button.setEnabled(chosen and row > 0)
        self.down_button.setEnabled(chosen and row < self.list.count() - 1)
        stage = self.selected_stage()
        self.role.setEnabled(stage is not None)
        if stage is not None:
            self.role.setCurrentIndex(max(0, self.role.findData(stage.role)))

    def _select(self, stage_id: int) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == stage_id:
                self.list.setCurrentRow(row)

    # -- changes ------------------------------------------------------------------------

    def _new_role_chosen(self) -> None:
        """A role decides the kind; only a stage without one lets the person choose it."""
        role = self.new_role.currentData()
        self.new_kind.setEnabled(role == stage_roles.NONE)
        if role != stage_roles.NONE:
            self.new_kind.setCurrentIndex(self.new_kind.findData(stage_roles.kind_of(role)))

    def _rename_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.list.editItem(item)

    def add_stage(self) -> bool:
        self.add_error.clear_message()
        name, kind = self.new_name.text(), self.new_kind.currentData()
        role = self.new_role.currentData()
        try:
            stage = self.board.add_stage(name, kind=kind, color=DEFAULT_COLOR, role=role)
        except ValidationError as exc:
            self.add_error.show_message(f"The {exc.field} {exc.message}.")
            return False
        current = {"id": stage.id}
        board = self.board  # the command outlives the dialog

        def redo() -> None:
            current["id"] = board.add_stage(stage.name, kind=kind, color=stage.color, role=role).id

        push_done(
            self.undo_stack,
            f"Add stage {stage.name}",
            undo=lambda: board.delete_stage(current["id"]),
            redo=redo,
            after=self.refresh,
        )
        self.new_name.clear()
        self.new_role.setCurrentIndex(0)
        self._select(stage.id)
        return True

    def _role_chosen(self) -> None:
        stage = self.selected_stage()
        if stage is not None:
            self.set_role(stage.id, self.role.currentData())

    def set_role(self, stage_id: int, role: str) -> None:
        """Give the stage ``role`` (undoable); its cards' reminders follow."""
        board = self.board
        old = board.stage(stage_id)
        if role == old.role:
            return
        board.set_stage_role(stage_id, role)

        def undo() -> None:
            board.restore_stage_role(old)

        def redo() -> None:
            board.set_stage_role(stage_id, role)

        push_done(
            self.undo_stack,
            f"Set the role of {old.name} to {stage_roles.label(role)}",
            undo=undo,
            redo=redo,
            after=self.refresh,
        )
        self.load()

    def _item_renamed(self, item: QListWidgetItem) -> None:
        stage_id = item.data(Qt.ItemDataRole.UserRole)
        self.rename(stage_id, item.text())

    def rename(self, stage_id: int, name: str) -> bool:
        self.list_error.clear_message()
        board = self.board
        old = board.stage(stage_id)
        if name.strip() == old.name:
            return True
        try:
            new = board.rename_stage(stage_id, name)
        except ValidationError as exc:
            self.list_error.show_message(f"The {exc.field} {exc.message}.")
            self.load()
            return False
        push_done(
            self.undo_stack,
            f"Rename stage {old.name} to {new.name}",
            undo=lambda: board.rename_stage(stage_id, old.name),
            redo=lambda: board.rename_stage(stage_id, new.name),
            after=self.refresh,
        )
        return True

    def choose_color(self) -> None:
        """Open a colour picker over the dialog; the choice is saved when it is accepted."""
        stage = self.selected_stage()
        if stage is None:
            return
        picker = QColorDialog(QColor(stage.color), self)
        picker.setWindowTitle(f"Colour of {stage.name}")
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picker.colorSelected.connect(lambda color: self.recolor(stage.id, color.name()))
        picker.open()

    def recolor(self, stage_id: int, color: str) -> None:
        board = self.board
        old = board.stage(stage_id)
        new = board.recolor_stage(stage_id, color)
        if new.color == old.color:
            return
        push_done(
            self.undo_stack,
            f"Recolour stage {old.name}",
            undo=lambda: board.recolor_stage(stage_id, old.color),
            redo=lambda: board.recolor_stage(stage_id, new.color),
            after=self.refresh,
        )

    def move_selected(self, step: int) -> None:
        stage = self.selected_stage()
        if stage is None:
            return
        ids = [s.id for s in self.board.stages()]
        index = ids.index(stage.id)
        target = index + step
        if not 0 <= target < len(ids):
            return
        ids.insert(target, ids.pop(index))
        self.reorder(ids)

    def _rows_dragged(self, *_args: object) -> None:
        """A drag inside the list: save the new order once the drop has finished."""
        QTimer.singleShot(0, self._save_list_order)

    def _save_list_order(self) -> None:
        ids = [self.list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.list.count())]
        self.reorder(ids)

    def reorder(self, ids: list[int]) -> None:
        board = self.board
        before = [s.id for s in board.stages()]
        if ids == before:
            return
        board.reorder_stages(ids)
        push_done(
            self.undo_stack,
            "Reorder stages",
            undo=lambda: board.reorder_stages(before),
            redo=lambda: board.reorder_stages(ids),
            after=self.refresh,
        )

    def ask_delete(self) -> None:
        stage = self.selected_stage()
        if stage is None:
            return
        cards = self.board.cards(include_archived=True, include_trashed=True)
        count = sum(1 for card in cards if card.stage_id == stage.id)
        others = [s for s in self.board.stages() if s.id != stage.id]
        if not others:
            self.list_error.show_message("The board needs at least one stage.")
            return
        confirm = DeleteStageDialog(stage, count, others, self)
        confirm.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        confirm.accepted.connect(lambda: self.delete(stage.id, confirm.target_id()))
        confirm.open()

    def delete(self, stage_id: int, target_id: int | None) -> bool:
        self.list_error.clear_message()
        board = self.board
        try:
            current = {"removal": board.remove_stage(stage_id, target_id)}
        except ValidationError as exc:
            self.list_error.show_message(f"The {exc.field} {exc.message}.")
            return False
        push_done(
            self.undo_stack,
            f"Delete stage {current['removal'].stage.name}",
            undo=lambda: board.restore_stage(current["removal"]),
            redo=lambda: current.update(removal=board.remove_stage(stage_id, target_id)),
            after=self.refresh,
        )
        return True

    def done(self, result: int) -> None:
        if self._following_stack:
            self._following_stack = False
            self.undo_stack.indexChanged.disconnect(self.load)
        super().done(result)


def _where_cards_go(card_count: int) -> str:
    """The line that asks where a deleted stage's cards go, in the right number."""
    if card_count == 0:
        return "\nIt has no cards."
    return "\nIts card moves to:" if card_count == 1 else f"\nIts {card_count} cards move to:"
