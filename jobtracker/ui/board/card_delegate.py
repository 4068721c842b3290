"""Paints a card from the palette: company in bold, role, then a line of small badges."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QModelIndex, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QPalette,
    QPixmap,
    QPixmapCache,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
)

from jobtracker.domain.records import CardRow
from jobtracker.ui.board.card_model import CARD_ROLE
from jobtracker.ui.board.card_text import Badge, badges
from jobtracker.ui.board.colors import blend, card_border, muted_text, warning_color

MARGIN_X, MARGIN_Y = 6, 4
PAD_X, PAD_Y = 12, 8
LINE_GAP = 3
BADGE_PAD, BADGE_GAP = 6, 4
ACCENT_WIDTH = 3
RADIUS = 6.0


def _small_font(font: QFont) -> QFont:
    small = QFont(font)
    small.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
    return small


def _bold_font(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    return bold


class CardDelegate(QStyledItemDelegate):
    """Draws cards; ``now`` gives the time badges are measured against (injected clock)."""

    def __init__(self, now: Callable[[], datetime], parent: object | None = None) -> None:
        super().__init__(parent)
        self._now = now
        self.stage_colors: dict[int, QColor] = {}

    # -- geometry -------------------------------------------------------------------------

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(max(option.rect.width(), 200), self.card_height(option.font))

    @staticmethod
    def card_height(font: QFont) -> int:
        bold, normal = QFontMetrics(_bold_font(font)), QFontMetrics(font)
        small = QFontMetrics(_small_font(font))
        inner = bold.height() + normal.height() + small.height() + 4 + 2 * LINE_GAP
        return inner + 2 * PAD_Y + 2 * MARGIN_Y

    # -- painting -------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        """Draw from a cached pixmap of the card; paint it only when something shown changed."""
        card: CardRow | None = index.data(CARD_ROLE)
        if card is None:
            return
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        focused = bool(state & QStyle.StateFlag.State_HasFocus)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        ratio = painter.device().devicePixelRatioF()
        size = option.rect.size()
        minute = int(self._now().timestamp() // 60)  # badges say "today", "overdue"
        key = (
            f"card:{_look(card)}:{selected:d}{focused:d}{hovered:d}:{size.width()}x{size.height()}"
            f"@{ratio}:{option.palette.cacheKey()}:{option.font.key()}:{minute}"
            f":{self.stage_colors.get(card.stage_id, QColor()).rgba()}"
        )
        pixmap = QPixmapCache.find(key)
        if pixmap is None:
            pixmap = QPixmap(size * ratio)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            card_painter = QPainter(pixmap)
            try:
                card_painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                self.paint_card(
                    card_painter, QRect(QPoint(0, 0), size), option.palette, option.font,
                    card, selected, focused, hovered,
                )  # fmt: skip
            finally:
                card_painter.end()
            QPixmapCache.insert(key, pixmap)
        painter.drawPixmap(option.rect.topLeft(), pixmap)

    def paint_card(
        self,
        painter: QPainter,
        rect: QRect,
        palette: QPalette,
        font: QFont,
        card: CardRow,
        selected: bool = False,
        focused: bool = False,
        hovered: bool = False,
    ) -> None:
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        box = QRectF(rect.adjusted(MARGIN_X, MARGIN_Y, -MARGIN_X, -MARGIN_Y))
        fill = blend(highlight, base, 0.14) if selected else base
        if card.trashed or card.archived:
            fill = blend(text, base, 0.05)
        border = highlight if selected else card_border(palette)
        if hovered and not selected:
            border = blend(text, base, 0.32)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(box, RADIUS, RADIUS)
        accent = self.stage_colors.get(card.stage_id)
        if accent is not None:
            painter.save()
            painter.setClipRect(QRectF(box.left(), box.top(), ACCENT_WIDTH + RADIUS, box.height()))
            painter.setBrush(blend(accent, base, 0.85))
            painter.drawRoundedRect(box, RADIUS, RADIUS)
            painter.restore()
            painter.setBrush(fill)
            painter.drawRect(QRectF(box.left() + ACCENT_WIDTH, box.top(), RADIUS, box.height()))
        pen_width = 2.0 if selected or focused else 1.0
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(border if not focused else highlight)
        pen = painter.pen()
        pen.setWidthF(pen_width)
        painter.setPen(pen)
        half = pen_width / 2
        painter.drawRoundedRect(box.adjusted(half, half, -half, -half), RADIUS, RADIUS)

        inner = box.toRect().adjusted(PAD_X, PAD_Y, -PAD_X + 2, -PAD_Y)
        bold = _bold_font(font)
        bold_metrics, metrics = QFontMetrics(bold), QFontMetrics(font)
        dim = 0.55 if (card.trashed or card.archived) else 1.0
        painter.setFont(bold)
        painter.setPen(blend(text, base, dim))
        top = inner.top()
        line = QRect(inner.left(), top, inner.width(), bold_metrics.height())
        _draw_elided(painter, line, bold_metrics, card.company)
        top += bold_metrics.height() + LINE_GAP
        painter.setFont(font)
        painter.setPen(blend(text, base, 0.85 * dim))
        line = QRect(inner.left(), top, inner.width(), metrics.height())
        _draw_elided(painter, line, metrics, card.role)
        top += metrics.height() + LINE_GAP
        self._paint_badges(painter, palette, font, badges(card, self._now()), inner, top)

    def _paint_badges(
        self, painter: QPainter, palette: QPalette, font: QFont, items: Sequence[Badge],
        inner: QRect, top: int,
    ) -> None:  # fmt: skip
        small = _small_font(font)
        metrics = QFontMetrics(small)
        painter.setFont(small)
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        muted, warning = muted_text(palette), warning_color(palette)
        height = metrics.height() + 4
        x, right = inner.left(), inner.right()
        for badge in items:
            label = badge.text
            width = metrics.horizontalAdvance(label) + 2 * BADGE_PAD
            if x + width > right:
                room = right - x - 2 * BADGE_PAD
                if room < metrics.horizontalAdvance("M…"):
                    break
                label = metrics.elidedText(label, Qt.TextElideMode.ElideRight, room)
                width = metrics.horizontalAdvance(label) + 2 * BADGE_PAD
            pill = QRectF(x, top, width, height)
            tone = warning if badge.warning else text
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(blend(tone, base, 0.14 if badge.warning else 0.07))
            painter.drawRoundedRect(pill, height / 2, height / 2)
            painter.setPen(warning if badge.warning else muted)
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, label)
            x += width + BADGE_GAP

    # -- tooltips -------------------------------------------------------------------------

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: QModelIndex,
    ) -> bool:
        card: CardRow | None = index.data(CARD_ROLE) if index.isValid() else None
        if card is None or event.type() != event.Type.ToolTip:
            return super().helpEvent(event, view, option, index)
        lines = [f"<b>{_html(card.company)}</b>", _html(card.role)]
        lines += [_html(b.tooltip) for b in badges(card, self._now())]
        QToolTip.showText(event.globalPos(), "<br>".join(lines), view)
        return True

    # -- drag pixmap ----------------------------------------------------------------------

    def drag_pixmap(self, view: QAbstractItemView, cards: Sequence[CardRow]) -> QPixmap:
        """Up to three cards, stacked, with a count when several travel together."""
        width = view.viewport().width()
        height = self.card_height(view.font())
        shown = list(cards[:3])
        offset = 6
        ratio = view.devicePixelRatioF()
        size = QSize(width + offset * (len(shown) - 1), height + offset * (len(shown) - 1))
        pixmap = QPixmap(size * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setOpacity(0.92)
        for depth, card in reversed(list(enumerate(shown))):
            rect = QRect(QPoint(offset * depth, offset * depth), QSize(width, height))
            self.paint_card(painter, rect, view.palette(), view.font(), card, selected=True)
        if len(cards) > 1:
            self._paint_count(painter, view.palette(), view.font(), len(cards), width)
        painter.end()
        return pixmap

    @staticmethod
    def _paint_count(
        painter: QPainter, palette: QPalette, font: QFont, count: int, width: int
    ) -> None:
        bold = _bold_font(font)
        metrics = QFontMetrics(bold)
        diameter = max(metrics.height() + 6, metrics.horizontalAdvance(str(count)) + 12)
        circle = QRectF(width - diameter - 2, 2, diameter, diameter)
        painter.setOpacity(1.0)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
        painter.drawEllipse(circle)
        painter.setFont(bold)
        painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
        painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, str(count))


def _look(card: CardRow) -> int:
    """A hash of what is painted on a card: not its rank or search text, which place or
    filter a card without changing its look (so a reorder keeps the cached pixmap)."""
    return hash(
        (card.id, card.stage_id, card.company, card.role, card.location, card.excitement,
         card.stage_entered_text, card.archived, card.trashed, card.next_interview_at,
         card.next_reminder_at)
    )  # fmt: skip


def _draw_elided(painter: QPainter, line: QRect, metrics: QFontMetrics, text: str) -> None:
    elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, line.width())
    painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
