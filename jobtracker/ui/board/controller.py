"""Board requests become undoable domain operations; the board follows what they changed.

Every change goes through the domain first (so a refused one never reaches the undo stack),
then onto the QUndoStack as an already-done DomainCommand whose undo restores the database
exactly (BoardService.undo_move, ApplicationService.undo_stamp).

Signals:
    message(str): a short status line, also announced to screen readers.
    failed(str): a request the domain refused, worded for the person.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6 import QtGui
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QWidget

from jobtracker.domain.applications import StampResult
from jobtracker.domain.errors import DomainError
from jobtracker.domain.records import CardRow
from jobtracker.domain.services import Services
from jobtracker.store.faults import explain
from jobtracker.text import counted
from jobtracker.ui.board.board_widget import BoardWidget
from jobtracker.ui.undo import DomainCommand


def announce(widget: QWidget, text: str) -> None:
    """Tell screen readers; where Qt cannot announce (before 6.8), update the accessible
    description instead (where it can, the description stays as it was: an old
    announcement kept there would be read again with the board). QAccessible is reached on
    the first announcement, not at import: PySide6 builds its Python types then, which the
    window's start does without."""
    announcement = getattr(QtGui, "QAccessibleAnnouncementEvent", None)  # Qt 6.8+
    if announcement is None:
        widget.setAccessibleDescription(text)
    elif QtGui.QAccessible.isActive():
        QtGui.QAccessible.updateAccessibility(announcement(widget, text))


def tell_focus(view: QAbstractItemView, row: int) -> None:
    """Tell screen readers the card at ``row`` has the focus, once Qt's own focus events for
    the change are out: a card moved by keyboard lands in another column, whose focus
    event would otherwise be the last they hear, naming the column instead of the card."""
    if not QtGui.QAccessible.isActive():
        return

    def tell() -> None:
        if view.hasFocus() and view.currentIndex().row() == row:
            event = QtGui.QAccessibleEvent(view, QtGui.QAccessible.Event.Focus)
            event.setChild(row)
            QtGui.QAccessible.updateAccessibility(event)

    QTimer.singleShot(0, view, tell)


def _cards_label(board: BoardWidget, ids: Sequence[int]) -> str:
    card = board.card_set.card(ids[0])
    if len(ids) == 1 and card is not None:
        return card.company
    return f"{len(ids)} cards"


class BoardController(QObject):
    """Moves, reorders, trash, restore and archive for the board, each undoable."""

    message = Signal(str)
    failed = Signal(str)

    def __init__(self, services: Services, board: BoardWidget, stack: QUndoStack) -> None:
        super().__init__(board)
        self.services = services
        self.board = board
        self.stack = stack
        self.include_archived = False
        self.include_trashed = False
        board.move_requested.connect(self.move)

    # -- reading --------------------------------------------------------------------------

    def reload(self) -> None:
        """Stages and every card, from the database (filters, stage changes)."""
        self.board.set_stages(self.services.board.stages())
        self.board.load(self.cards())

    def refresh(self, ids: Sequence[int]) -> None:
        """Re-read these cards; those no longer shown (trashed, archived) leave the board."""
        rows = self.cards(only_ids=ids)
        present = {row.id for row in rows}
        self.board.update_cards(rows, gone=[i for i in ids if i not in present])

    def cards(self, only_ids: Sequence[int] | None = None) -> list[CardRow]:
        """The cards the board shows (every one, or those of ``only_ids``), as filtered."""
        return self.services.board.cards(**self._scope(), only_ids=only_ids)

    def stage_page(
        self, stage_id: int, after: tuple[float, int] | None, limit: int
    ) -> list[CardRow]:
        """A page of a stage's cards the board shows, after (rank, id) ``after``."""
        return self.services.board.stage_page(stage_id, after, limit, **self._scope())

    def _scope(self) -> dict[str, bool]:
        """Which cards the board shows besides the live ones (the filter menu's choice)."""
        return {"include_archived": self.include_archived, "include_trashed": self.include_trashed}

    # -- moves ----------------------------------------------------------------------------

    def move(self, ids: list[int], stage_id: int, before_id: int | None) -> bool:
        """Move cards into ``stage_id`` before ``before_id`` (None: the end), undoably."""
        board = self.services.board
        try:
            result = board.move_cards(ids, stage_id, before_id)
        except DomainError as exc:
            self.failed.emit(str(exc))
            return False
        except Exception as exc:  # a full disk, a read-only file: said, the card stays put
            fault = explain(exc, self.services.store.path)
            if fault is None:
                raise
            self.failed.emit(str(fault))
            return False
        stage = self.board.stage_name(stage_id)
        label = _cards_label(self.board, ids)
        name = f"Move {label} to {stage}" if result.changed_stage else f"Reorder {label} in {stage}"
        state = [result]

        def redo() -> None:
            state[0] = board.redo_move(state[0])

        def undo() -> None:
            board.undo_move(state[0])

        self.stack.push(
            DomainCommand(name, redo, undo, lambda: self._after(ids), already_done=True)
        )
        return True

    def move_to_neighbour(self, direction: int) -> bool:
        """Ctrl+Shift+Left/Right: the selected cards to the top of the previous/next stage."""
        ids = self.board.selected_ids()
        card = self.board.card_set.card(ids[0]) if ids else None
        if card is None:
            return False
        target = self.board.neighbour_stage(card.stage_id, direction)
        if target is None:
            return False
        column = [i for i in self.board.column_ids(target.id) if i not in ids]
        return self.move(ids, target.id, column[0] if column else None)

    def reorder(self, direction: int) -> bool:
        """Ctrl+Shift+Up/Down: the selected cards one place up or down in their column.

        A column sorted by something other than position shows its cards in that order
        whatever their place: a reorder there would change nothing the person sees, so it
        is refused with a message saying how to reorder (sort the column by position)."""
        ids = self.board.selected_ids()
        card = self.board.card_set.card(ids[0]) if ids else None
        if card is None:
            return False
        if self.board.card_set.has_order(card.stage_id):
            stage = self.board.stage_name(card.stage_id)
            text = (
                f"{stage} is sorted: to move cards up or down, sort it by Position "
                "(right-click its header)"
            )
            announce(self.board, text)
            self.message.emit(text)
            return False
        column = self.board.column_ids(card.stage_id)
        rows = [column.index(i) for i in ids if i in column]
        if not rows:
            return False
        if direction < 0:
            above = [i for i in column[: min(rows)] if i not in ids]
            if not above:
                return False
            return self.move(ids, card.stage_id, above[-1])
        below = [i for i in column[max(rows) + 1 :] if i not in ids]
        if not below:
            return False
        return self.move(ids, card.stage_id, below[1] if len(below) > 1 else None)

    # -- trash, restore, archive ----------------------------------------------------------

    def trash(self, ids: Sequence[int] | None = None) -> bool:
        apps = self.services.applications
        return self._stamp("Move {} to the trash", apps.trash, ids)

    def restore(self, ids: Sequence[int] | None = None) -> bool:
        apps = self.services.applications
        return self._stamp("Restore {} from the trash", apps.restore, ids)

    def archive(self, ids: Sequence[int] | None = None) -> bool:
        return self._stamp("Archive {}", self.services.applications.archive, ids)

    def unarchive(self, ids: Sequence[int] | None = None) -> bool:
        return self._stamp("Unarchive {}", self.services.applications.unarchive, ids)

    def _stamp(
        self,
        template: str,
        operation: Callable[[Sequence[int]], StampResult],
        ids: Sequence[int] | None,
    ) -> bool:
        ids = list(ids if ids is not None else self.board.selected_ids())
        if not ids:
            return False
        try:
            result = operation(ids)
        except DomainError as exc:
            self.failed.emit(str(exc))
            return False
        name = template.format(_cards_label(self.board, ids))
        state = [result]
        undo_stamp = self.services.applications.undo_stamp

        def redo() -> None:
            state[0] = operation(ids)

        def undo() -> None:
            undo_stamp(state[0])

        self.stack.push(
            DomainCommand(name, redo, undo, lambda: self._after(ids), already_done=True)
        )
        return True

    # -- after any change -----------------------------------------------------------------

    def _after(self, ids: list[int]) -> None:
        """Show the change, keep the cards selected, and say where they are now."""
        self.refresh(ids)
        card = self.board.card_set.card(ids[0])
        if card is None:
            text = f"{counted(len(ids), 'card')} removed from the board"
        else:
            self.board.select_ids(ids)
            view = self.board.columns[card.stage_id].view
            column = view.cards
            place = column.row_of(card.id) + 1
            tell_focus(view, place - 1)
            where = f"{self.board.stage_name(card.stage_id)}, {place} of {column.shown_count()}"
            text = f"{_cards_label(self.board, ids)} now in {where}"
        announce(self.board, text)
        self.message.emit(text)
