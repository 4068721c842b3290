"""A stage column: a header (name, count, colour strip) over the card list, or, when a
closed outcome is collapsed, a narrow strip with a vertical label.

Signals:
    collapse_toggled(int stage_id, bool collapsed)
"""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolButton, QVBoxLayout, QWidget

from jobtracker.domain.records import StageInfo
from jobtracker.ui.board.colors import blend, column_background
from jobtracker.ui.board.column_view import ColumnView

COLUMN_WIDTH = 262
STRIP_WIDTH = 32
STRIP_HEIGHT = 4

#: what belongs in a column, said when it is empty
EMPTY_HINTS = {
    "wishlist": "Jobs you want to apply to. Press Ctrl+N to add one.",
    "applied": "Applications you have sent and are waiting on.",
    "interviewing": "Applications with interviews scheduled or under way.",
    "offer": "Offers you are weighing.",
    "accepted": "The offer you said yes to.",
    "rejected": "Applications that ended with a no. Ask for feedback; keep in touch.",
    "withdrawn": "Applications you stepped back from.",
    "no response": "Applications that never got an answer after your follow-ups.",
}


def cards(count: int) -> str:
    """ "1 card", "3 cards": what a screen reader says of a column."""
    return f"{count} card" if count == 1 else f"{count} cards"


def empty_hint(stage: StageInfo) -> str:
    return EMPTY_HINTS.get(stage.name.lower(), f"Drag cards here to move them to {stage.name}.")


class ColumnHeader(QWidget):
    """Stage name (elided, full name in the tooltip), card count and a strip of its colour."""

    def __init__(self, stage: StageInfo, collapsible: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.stage = stage
        self.count = 0
        self.collapse_button: QToolButton | None = None
        #: what the header without its count looked like, and by what it was painted
        self._base: tuple[Hashable, QPixmap] | None = None
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setToolTip(stage.name)
        if collapsible:
            button = QToolButton(self)
            button.setAutoRaise(True)
            button.setArrowType(Qt.ArrowType.RightArrow)
            button.setToolTip(f"Collapse {stage.name}")
            button.setAccessibleName(f"Collapse {stage.name}")
            self.collapse_button = button

    def set_count(self, count: int) -> None:
        if count != self.count:
            self.count = count
            self.update()

    def sizeHint(self) -> QSize:
        metrics = QFontMetrics(self.font())
        return QSize(COLUMN_WIDTH, STRIP_HEIGHT + metrics.height() + 18)

    def resizeEvent(self, event: QResizeEvent) -> None:
        if self.collapse_button is not None:
            size = self.collapse_button.sizeHint()
            top = STRIP_HEIGHT + (self.height() - STRIP_HEIGHT - size.height()) // 2
            self.collapse_button.setGeometry(
                self.width() - size.width() - 4, top, size.width(), size.height()
            )
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        """The strip and the name from a picture kept while they look the same, then the
        count pill (a header is painted again at every change of its count)."""
        ratio = self.devicePixelRatioF()
        palette = self.palette()
        bold = self.font()
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        count_text = str(self.count)
        key = (
            self.width(), self.height(), ratio, palette.cacheKey(), bold.key(), self._right(),
            len(count_text),
        )  # fmt: skip
        if self._base is None or self._base[0] != key:
            self._base = (key, self._paint_base(ratio, palette, bold, metrics, count_text))
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._base[1])
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        base = palette.color(QPalette.ColorRole.Window)
        right = self._right()
        count_width = metrics.horizontalAdvance(count_text) + 14
        pill_height = metrics.height() + 2
        pill = QRectF(
            right - count_width,
            STRIP_HEIGHT + (self.height() - STRIP_HEIGHT - pill_height) / 2,
            count_width,
            pill_height,
        )
        painter.setBrush(blend(palette.color(QPalette.ColorRole.WindowText), base, 0.1))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(pill, pill_height / 2, pill_height / 2)
        painter.setFont(bold)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, count_text)
        painter.end()

    def _right(self) -> int:
        """Where the count pill ends: left of the collapse button, if any."""
        button = self.collapse_button
        return self.width() - 12 - (button.width() + 4 if button is not None else 0)

    def _paint_base(
        self, ratio: float, palette: QPalette, bold: QFont, metrics: QFontMetrics, count: str
    ) -> QPixmap:
        """The header without its count: background, colour strip and the name, elided to
        leave room for ``count`` (kept while counts have as many digits)."""
        pixmap = QPixmap(self.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(column_background(palette))  # opaque: copied, not blended
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        base = palette.color(QPalette.ColorRole.Window)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(blend(QColor(self.stage.color), base, 0.9))
        painter.drawRoundedRect(QRectF(0, 0, self.width(), STRIP_HEIGHT + 4), 3, 3)
        painter.fillRect(0, STRIP_HEIGHT, self.width(), 4, column_background(palette))
        count_width = metrics.horizontalAdvance(count) + 14
        text_area = QRectF(
            12, STRIP_HEIGHT, self._right() - count_width - 20, self.height() - STRIP_HEIGHT
        )
        painter.setFont(bold)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        name = metrics.elidedText(
            self.stage.name, Qt.TextElideMode.ElideRight, int(text_area.width())
        )
        painter.drawText(
            text_area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name
        )
        painter.end()
        return pixmap


class CollapsedStrip(QWidget):
    """A collapsed closed outcome: its colour, and its name and count written upwards."""

    expand_requested = Signal()

    def __init__(self, stage: StageInfo, parent: QWidget | None = None):
        super().__init__(parent)
        self.stage = stage
        self.count = 0
        self.setFixedWidth(STRIP_WIDTH)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setToolTip(f"{stage.name}: click to expand")
        self.setAccessibleName(f"{stage.name} column, collapsed")
        #: what the strip without its label looked like, and by what it was painted
        self._base: tuple[Hashable, QPixmap] | None = None

    def set_count(self, count: int) -> None:
        if count != self.count:
            self.count = count
            self.setAccessibleName(f"{self.stage.name} column, collapsed, {cards(count)}")
            self.update()

    def sizeHint(self) -> QSize:
        return QSize(STRIP_WIDTH, 200)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.expand_requested.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.expand_requested.emit()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        """The rounded strip from a picture kept while it looks the same, then the label (a
        collapsed strip is painted again at every change of its count)."""
        ratio = self.devicePixelRatioF()
        palette = self.palette()
        key = (self.width(), self.height(), ratio, palette.cacheKey())
        if self._base is None or self._base[0] != key:
            self._base = (key, self._paint_base(ratio, palette))
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._base[1])
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        bold = self.font()
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        painter.translate(self.width() / 2, STRIP_HEIGHT + 12)
        painter.rotate(90)
        metrics = QFontMetrics(bold)
        label = metrics.elidedText(
            f"{self.stage.name}  ·  {self.count}", Qt.TextElideMode.ElideRight, self.height() - 24
        )
        painter.drawText(
            QRectF(0, -metrics.height() / 2, self.height(), metrics.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            label,
        )
        painter.end()

    def _paint_base(self, ratio: float, palette: QPalette) -> QPixmap:
        """The strip without its label: the rounded column and its colour at the top."""
        pixmap = QPixmap(self.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)  # the corners show what is beneath
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        base = palette.color(QPalette.ColorRole.Window)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(column_background(palette))
        painter.drawRoundedRect(QRectF(self.rect()), 6, 6)
        painter.setBrush(blend(QColor(self.stage.color), base, 0.9))
        painter.drawRoundedRect(QRectF(0, 0, self.width(), STRIP_HEIGHT + 4), 3, 3)
        painter.fillRect(0, STRIP_HEIGHT, self.width(), 4, column_background(palette))
        painter.end()
        return pixmap


class Column(QWidget):
    """One stage: header and card list, or the collapsed strip."""

    collapse_toggled = Signal(int, bool)

    def __init__(self, stage: StageInfo, view: ColumnView, parent: QWidget | None = None):
        super().__init__(parent)
        self.stage = stage
        self.view = view
        self.header = ColumnHeader(stage, collapsible=stage.is_closed, parent=self)
        self.strip = CollapsedStrip(stage, self)
        self.collapsed = False
        #: the count shown (None before the first)
        self._count: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(view, 1)
        layout.addWidget(self.strip, 1)
        self.strip.hide()
        view.empty_hint = empty_hint(stage)
        view.setAccessibleName(f"{stage.name} column")
        if self.header.collapse_button is not None:
            self.header.collapse_button.clicked.connect(lambda: self.set_collapsed(True))
        self.strip.expand_requested.connect(lambda: self.set_collapsed(False))
        self.setFixedWidth(COLUMN_WIDTH)
        self.update_count(view.cards.shown_count())

    def update_count(self, count: int) -> None:
        """Show ``count`` cards in the header and the folded strip, and tell screen readers
        (only when it changed: every change of the board asks every column)."""
        if count == self._count:
            return
        self._count = count
        self.header.set_count(count)
        self.strip.set_count(count)
        self.view.setAccessibleName(f"{self.stage.name} column, {cards(count)}")

    def set_collapsed(self, collapsed: bool) -> None:
        if collapsed == self.collapsed:
            return
        self.collapsed = collapsed
        self.header.setVisible(not collapsed)
        self.view.setVisible(not collapsed)
        self.strip.setVisible(collapsed)
        self.setFixedWidth(STRIP_WIDTH if collapsed else COLUMN_WIDTH)
        self.collapse_toggled.emit(self.stage.id, collapsed)
