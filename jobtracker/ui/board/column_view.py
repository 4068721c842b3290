"""The list of one stage's cards: our own drag start, drops by id, keyboard hops.

Signals:
    drop_requested(list ids, int stage_id, object before_id): cards dropped here; emitted
        from a zero timer, after the drop handler has returned.
    hop_requested(int direction): Left/Right pressed; the board moves focus across columns.
    open_requested(int card_id): Enter pressed on a card.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QRectF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QAbstractItemView, QFrame, QListView, QWidget

from jobtracker.ui.board.card_delegate import CardDelegate
from jobtracker.ui.board.card_model import CARD_ROLE, ID_ROLE, ColumnModel, decode_ids
from jobtracker.ui.board.colors import column_background, muted_text
from jobtracker.ui.board.scroll_bar import SlimScrollBar

AUTO_SCROLL_MARGIN = 40
AUTO_SCROLL_STEP = 18


def placement(
    id_at: Callable[[int], int], count: int, moving: list[int], row: int
) -> tuple[int | None, bool]:
    """Where ``moving`` lands when dropped before ``row`` of a column of ``count`` cards:
    (the card it goes before, or None for the end; whether that changes anything).

    Reads only the rows around the drop (columns hold thousands of cards): nothing changes
    exactly when the cards just above the landing place are already ``moving``, in order.
    """
    moving_set = set(moving)
    at = row
    while at < count and id_at(at) in moving_set:
        at += 1
    before = id_at(at) if at < count else None
    start = at - len(moving)
    unchanged = start >= 0 and [id_at(r) for r in range(start, at)] == moving
    return before, not unchanged


class ColumnView(QListView):
    """One column's cards. Drags carry card ids; a drop never edits the model itself."""

    drop_requested = Signal(list, int, object)
    hop_requested = Signal(int)
    open_requested = Signal(int)

    def __init__(self, cards: ColumnModel, delegate: CardDelegate, parent: QWidget | None = None):
        super().__init__(parent)
        # A viewport made here rather than Qt's own: PySide6 wraps a widget Qt created as
        # the most derived class it may be, and for a plain QWidget it builds the Python
        # types of dozens of widget classes first (QWizard, QMdiArea ...) at the first
        # viewport() call: time and memory of every start (see bench_board).
        self.setViewport(QWidget())
        self.cards = cards
        self.empty_hint = ""
        self._drop_row: int | None = None
        self._scroll_direction = 0
        self._scroll_timer = QTimer(self)
        self._scroll_timer.setInterval(40)
        self._scroll_timer.timeout.connect(self._auto_scroll)
        self.setModel(cards)
        self.delegate = delegate
        self.setItemDelegate(delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setUniformItemSizes(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBar(SlimScrollBar(self))
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMouseTracking(True)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setBackgroundRole(QPalette.ColorRole.Window)
        self._apply_background()

    def updateGeometries(self) -> None:
        """The scroll bar spans the cards not read yet (the board's start) and those without
        a row yet (further down a long column) too, so its handle keeps its size when they
        come.

        Qt's layout shows or hides the bar by the range of the rows alone, and each time it
        does, the view is resized and laid out again: where the rows fit but the cards do
        not, the bar is kept shown, else every layout would hide it, show it and ask for
        more layouts, twice as many each turn of the event loop."""
        super().updateGeometries()
        beyond = self.cards.unread_count() + self.cards.unmade_count()
        step = self._row_step()
        maximum = 0
        if beyond > 0 and step:
            height = (self.cards.rowCount() + beyond) * step
            maximum = max(0, height - self.viewport().height())
            self.verticalScrollBar().setMaximum(maximum)
        policy = (
            Qt.ScrollBarPolicy.ScrollBarAlwaysOn
            if maximum
            else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        )
        if self.verticalScrollBarPolicy() != policy:
            self.setVerticalScrollBarPolicy(policy)

    def _row_step(self) -> int:
        """The height of a row (they share one size), or 0 with fewer than two rows."""
        if self.cards.rowCount() < 2:
            return 0
        first, second = (self.rectForIndex(self.cards.index(row, 0)) for row in (0, 1))
        return second.top() - first.top()

    def _scrolled(self, value: int) -> None:
        """Make rows for the cards scrolled into sight (a long column makes them as they
        are needed)."""
        step = self._row_step()
        if step and self.cards.unmade_count():
            self.cards.want_rows((value + self.viewport().height()) // step + 1)

    def _apply_background(self) -> None:
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, column_background(palette))
        self.viewport().setPalette(palette)
        self.viewport().setBackgroundRole(QPalette.ColorRole.Window)
        self.viewport().setAutoFillBackground(True)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == event.Type.PaletteChange:
            self._apply_background()
        super().changeEvent(event)

    # -- what is selected -----------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        """Selected cards top to bottom; the current card when nothing is selected."""
        rows = sorted(index.row() for index in self.selectionModel().selectedRows())
        if not rows and self.currentIndex().isValid():
            rows = [self.currentIndex().row()]
        return [self.cards.index(row, 0).data(ID_ROLE) for row in rows]

    def select_ids(self, ids: list[int]) -> bool:
        """Select these cards (those in this column) and make the first current."""
        rows = [row for row in (self.cards.row_of(i) for i in ids) if row >= 0]
        if not rows:
            return False
        self.cards.make_rows(max(rows) + 1)
        selection = self.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select
        for row in rows:
            selection.select(self.cards.index(row, 0), flags)
        first = self.cards.index(rows[0], 0)
        selection.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.scrollTo(first)
        return True

    def selectAll(self) -> None:
        """Select every card of the column, those further down without a row yet too."""
        self.cards.make_rows(self.cards.shown_count())
        super().selectAll()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if not self.currentIndex().isValid() and self.cards.rowCount():
            self.setCurrentIndex(self.cards.index(0, 0))

    # -- keyboard -------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if plain and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.hop_requested.emit(-1 if event.key() == Qt.Key.Key_Left else 1)
            return
        if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.currentIndex().isValid():
                self.open_requested.emit(self.currentIndex().data(ID_ROLE))
            return
        super().keyPressEvent(event)

    # -- drag -----------------------------------------------------------------------------

    def startDrag(self, supported: Qt.DropAction) -> None:
        """Drag the selected cards by id, with a pixmap painted by the delegate.

        Replaces Qt's own startDrag, which would remove the rows from this view after a
        MoveAction (with one shared model, that deletes the card that was just moved).
        """
        indexes = sorted(self.selectionModel().selectedRows(), key=QModelIndex.row)
        if not indexes:
            return
        mime = self.cards.mimeData(indexes)
        drag = QDrag(self)
        drag.setMimeData(mime)
        cards = [index.data(CARD_ROLE) for index in indexes]
        pixmap = self.delegate.drag_pixmap(self, cards)
        drag.setPixmap(pixmap)
        drag.setHotSpot(QPoint(24, 16))
        drag.exec(Qt.DropAction.MoveAction, Qt.DropAction.MoveAction)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if not decode_ids(event.mimeData()):
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        self._drop_row = self._row_at(event.position().toPoint())
        self.viewport().update()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if not decode_ids(event.mimeData()):
            event.ignore()
            return
        point = event.position().toPoint()
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        row = self._row_at(point)
        if row != self._drop_row:
            self._drop_row = row
            self.viewport().update()
        self._update_auto_scroll(point.y())

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._end_drag_feedback()
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        ids = decode_ids(event.mimeData())
        row = self._row_at(event.position().toPoint())
        self._end_drag_feedback()
        if not ids:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        before, changes = placement(self.cards.id_at, self.cards.shown_count(), ids, row)
        if changes:
            stage_id = self.cards.stage_id
            QTimer.singleShot(0, self, lambda: self.drop_requested.emit(ids, stage_id, before))

    def _row_at(self, point: QPoint) -> int:
        """The row a drop at ``point`` goes before (rowCount for the end)."""
        index = self.indexAt(point)
        if not index.isValid():
            return self.cards.rowCount()
        rect = self.visualRect(index)
        return index.row() + (1 if point.y() > rect.center().y() else 0)

    def _end_drag_feedback(self) -> None:
        self._drop_row = None
        self._scroll_timer.stop()
        self.viewport().update()

    @property
    def drop_row(self) -> int | None:
        """Where the drop indicator stands during a drag over this column."""
        return self._drop_row

    def _update_auto_scroll(self, y: int) -> None:
        height = self.viewport().height()
        self._scroll_direction = (
            -1 if y < AUTO_SCROLL_MARGIN else (1 if y > height - AUTO_SCROLL_MARGIN else 0)
        )
        if self._scroll_direction and not self._scroll_timer.isActive():
            self._scroll_timer.start()
        elif not self._scroll_direction:
            self._scroll_timer.stop()

    def _auto_scroll(self) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + self._scroll_direction * AUTO_SCROLL_STEP)

    # -- painting -------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        self.delegate.begin_frame()
        try:
            super().paintEvent(event)
        finally:
            self.delegate.end_frame()
        if self.cards.rowCount() and self._drop_row is None:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        if not self.cards.rowCount() and self.empty_hint:
            painter.setPen(muted_text(palette))
            area = self.viewport().rect().adjusted(16, 24, -16, -16)
            flags = (
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
            )
            painter.drawText(area, flags, self.empty_hint)
        if self._drop_row is not None:
            self._paint_drop_feedback(painter, palette, self._drop_row)
        painter.end()

    def _paint_drop_feedback(self, painter: QPainter, palette: QPalette, drop_row: int) -> None:
        highlight = palette.color(QPalette.ColorRole.Highlight)
        frame = QPen(highlight, 2)
        painter.setPen(frame)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(self.viewport().rect()).adjusted(1, 1, -1, -1), 6, 6)
        count = self.cards.rowCount()
        if count == 0:
            y = 8
        elif drop_row < count:
            y = self.visualRect(self.cards.index(drop_row, 0)).top()
        else:
            y = self.visualRect(self.cards.index(count - 1, 0)).bottom() - 1
        painter.setPen(QPen(highlight, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(10, y, self.viewport().width() - 10, y)
