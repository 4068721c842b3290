"""A tool button with a small count badge (the Reminders button's due count)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QToolButton, QWidget

from jobtracker.ui.board.colors import warning_color


class BadgeButton(QToolButton):
    """Shows ``count`` in a small bubble at its top right when above zero."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count = 0

    def set_count(self, count: int) -> None:
        """Show ``count``; the same count again paints nothing (it is set after every
        write)."""
        if max(0, count) == self.count:
            return
        self.count = max(0, count)
        base = self.text().split(" (")[0]
        self.setAccessibleName(f"{base}, {self.count} due" if self.count else base)
        self.update()

    def sizeHint(self) -> QSize:
        """Room for the badge beside the text, so it never covers a letter."""
        hint = super().sizeHint()  # the text stays centred: room for the badge on both sides
        return QSize(hint.width() + 2 * self._badge_size().width() + 4, hint.height())

    def _font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.75))
        font.setBold(True)
        return font

    def _text(self) -> str:
        return str(self.count) if self.count < 100 else "99+"

    def _badge_size(self) -> QSize:
        metrics = QFontMetrics(self._font())
        height = metrics.height() + 2
        return QSize(max(height, metrics.horizontalAdvance("99+") + 8), height)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.count:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font, text = self._font(), self._text()
        metrics = QFontMetrics(font)
        height = metrics.height() + 2
        width = max(height, metrics.horizontalAdvance(text) + 8)
        bubble = QRectF(self.width() - width - 2, 2, width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(warning_color(self.palette()))
        painter.drawRoundedRect(bubble, height / 2, height / 2)
        painter.setFont(font)
        painter.setPen(self.palette().color(QPalette.ColorRole.Base))
        painter.drawText(bubble, Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
