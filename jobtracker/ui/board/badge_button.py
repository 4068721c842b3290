"""A tool button with a small count badge (the Reminders button's due count)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QToolButton, QWidget

from jobtracker.ui.board.colors import warning_color


class BadgeButton(QToolButton):
    """Shows ``count`` in a small bubble at its top right when above zero."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count = 0

    def set_count(self, count: int) -> None:
        self.count = max(0, count)
        base = self.text().split(" (")[0]
        self.setAccessibleName(f"{base}, {self.count} due" if self.count else base)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.count:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = self.font()
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.75))
        font.setBold(True)
        metrics = QFontMetrics(font)
        text = str(self.count) if self.count < 100 else "99+"
        height = metrics.height() + 2
        width = max(height, metrics.horizontalAdvance(text) + 8)
        bubble = QRectF(self.width() - width - 1, 1, width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(warning_color(self.palette()))
        painter.drawRoundedRect(bubble, height / 2, height / 2)
        painter.setFont(font)
        painter.setPen(self.palette().color(QPalette.ColorRole.Base))
        painter.drawText(bubble, Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
