"""Helpers for board tests: synthetic drops on a column viewport, finding columns."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from jobtracker.ui.board.card_model import CARD_MIME_TYPE, encode_ids
from jobtracker.ui.board.column_view import ColumnView

MOVE = Qt.DropAction.MoveAction
BUTTONS = Qt.MouseButton.LeftButton
NO_KEYS = Qt.KeyboardModifier.NoModifier


def card_mime(ids: list[int]) -> QMimeData:
    mime = QMimeData()
    mime.setData(CARD_MIME_TYPE, encode_ids(ids))
    return mime


def drop_on(view: ColumnView, mime: QMimeData, point: QPoint) -> QDropEvent:
    """Deliver the enter, move and drop events a real drag would, to the view's viewport."""
    viewport = view.viewport()
    enter = QDragEnterEvent(QPoint(point), MOVE, mime, BUTTONS, NO_KEYS)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted(), "the column refused the drag"
    move = QDragMoveEvent(QPoint(point), MOVE, mime, BUTTONS, NO_KEYS)
    QApplication.sendEvent(viewport, move)
    assert move.isAccepted()
    drop = QDropEvent(QPoint(point), MOVE, mime, BUTTONS, NO_KEYS)
    QApplication.sendEvent(viewport, drop)
    return drop


def point_before_row(view: ColumnView, row: int) -> QPoint:
    """A point in the upper half of ``row`` (a drop there lands before it)."""
    rect = view.visualRect(view.cards.index(row, 0))
    return QPoint(rect.center().x(), rect.top() + rect.height() // 4)


def point_below_cards(view: ColumnView) -> QPoint:
    """Empty space under the last card (a drop there lands at the end)."""
    count = view.cards.rowCount()
    if not count:
        return QPoint(view.viewport().width() // 2, 20)
    bottom = view.visualRect(view.cards.index(count - 1, 0)).bottom()
    return QPoint(view.viewport().width() // 2, min(bottom + 20, view.viewport().height() - 2))


def column_view(window, stage_name: str) -> ColumnView:
    """The column of the stage named ``stage_name`` (as the board shows it: a window that
    paints before its services come has no services to ask)."""
    return next(c.view for c in window.board.columns.values() if c.stage.name == stage_name)
