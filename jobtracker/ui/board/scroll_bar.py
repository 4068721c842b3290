"""A column's scroll bar: a slim rounded handle on the column's own background.

Columns repaint their scroll bar on every move and search (the range changes), and Fusion's
scroll bar costs about as much per paint as the cards themselves. This one
paints a single rounded rectangle where the style puts the handle, so clicks and drags
still hit exactly what is drawn.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QScrollBar, QStyle, QStyleOptionSlider, QWidget

from jobtracker.ui.board.colors import blend, column_background

HANDLE_WIDTH = 6
HOVER_WIDTH = 8


class SlimScrollBar(QScrollBar):
    """A vertical scroll bar drawn as a handle only (no groove, no arrows)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def paintEvent(self, event: QPaintEvent) -> None:
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        handle = self.style().subControlRect(
            QStyle.ComplexControl.CC_ScrollBar, option, QStyle.SubControl.SC_ScrollBarSlider, self
        )
        palette = self.palette()
        background = column_background(palette)
        painter = QPainter(self)
        painter.fillRect(event.rect(), background)
        if self.maximum() > self.minimum() and handle.isValid():
            active = self.isSliderDown() or bool(option.state & QStyle.StateFlag.State_MouseOver)
            width = HOVER_WIDTH if active else HANDLE_WIDTH
            text = palette.color(QPalette.ColorRole.WindowText)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(blend(text, background, 0.45 if active else 0.25))
            x = handle.center().x() - width / 2 + 0.5
            shape = QRectF(x, handle.top() + 2, width, max(handle.height() - 4, width))
            painter.drawRoundedRect(shape, width / 2, width / 2)
        painter.end()
