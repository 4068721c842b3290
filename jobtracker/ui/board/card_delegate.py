"""Paints a card from the palette: company in bold, role, then one or two lines of small
badges (as many as the density gives), placed whole by priority (badge_layout.py).

A card is drawn from parts worked out once and kept: its frame (one picture per size, state
and stage colour), its two lines of text shaped once (their glyph runs) and its badges'
pictures and places. A card seen for the first time is drawn from those parts straight onto
the view: it allocates nothing large (a search shows dozens of new cards at once). Painted
again, it is kept as one picture, and from then on costs a copy (a drop or a keystroke
repaints whole columns of the same cards).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from datetime import datetime, tzinfo
from typing import Generic, NamedTuple, TypeVar

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QGlyphRun,
    QHelpEvent,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
    QTextLayout,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
)

from jobtracker.domain.records import CardRow
from jobtracker.ui.board.badge_layout import DEFAULT_DENSITY, Density, place_badges
from jobtracker.ui.board.card_model import CARD_ROLE, ColumnModel
from jobtracker.ui.board.card_text import Badge, badges
from jobtracker.ui.board.colors import (
    blend,
    card_border,
    column_background,
    muted_text,
    warning_color,
)

MARGIN_X, MARGIN_Y = 6, 4
PAD_X, PAD_Y = 12, 8
LINE_GAP = 3
BADGE_PAD, BADGE_GAP = 6, 4
ACCENT_WIDTH = 3
RADIUS = 6.0
#: card frames kept per style (sizes, states and stage colours seen lately)
FRAME_CACHE_SIZE = 64
#: card faces kept (each its two lines of shaped text and its badges' places: a few KB)
FACE_CACHE_SIZE = 4096
#: what the pictures of cards painted more than once may hold: a few screens of cards,
#: also on 2x screens
PIXMAP_BUDGET = 24 * 1024 * 1024
#: badge pictures, widths and shaped lines kept per style (each a few KB)
BADGE_CACHE_SIZE = 2048
#: card layouts and looks kept (a few hundred bytes each)
LAYOUT_CACHE_SIZE = 4096

_SELECTED = QStyle.StateFlag.State_Selected.value
_FOCUSED = QStyle.StateFlag.State_HasFocus.value
_HOVERED = QStyle.StateFlag.State_MouseOver.value
_STATES = _SELECTED | _FOCUSED | _HOVERED


def _small_font(font: QFont) -> QFont:
    small = QFont(font)
    small.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
    return small


def _bold_font(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    return bold


class CardStyle:
    """The fonts, metrics and colours of cards under one palette and font, worked out once
    (a view paints dozens of cards per frame with the same ones)."""

    def __init__(self, palette: QPalette, font: QFont) -> None:
        font = QFont(font)  # copies: a view's style option, and its font, live for one paint
        self.font, self.bold, self.small = font, _bold_font(font), _small_font(font)
        self.metrics, self.bold_metrics = QFontMetrics(font), QFontMetrics(self.bold)
        self.small_metrics = QFontMetrics(self.small)
        self.background = column_background(palette)
        self.base = palette.color(QPalette.ColorRole.Base)
        self.text = palette.color(QPalette.ColorRole.Text)
        self.highlight = palette.color(QPalette.ColorRole.Highlight)
        self.selected_fill = blend(self.highlight, self.base, 0.14)
        self.faded_fill = blend(self.text, self.base, 0.05)
        self.border, self.hover_border = card_border(palette), blend(self.text, self.base, 0.32)
        self.muted, self.warning = muted_text(palette), warning_color(palette)
        self.badge_fill = blend(self.text, self.base, 0.07)
        self.warning_fill = blend(self.warning, self.base, 0.14)
        self.badge_height = self.small_metrics.height() + 4
        self._ink: dict[tuple[float, float], QColor] = {}
        self._widths: dict[str, int] = {}
        #: lines of text shaped, by (text, bold, left, top, width): roles and places
        #: recur on card after card
        self._lines: dict[tuple[str, bool, int, int, int], Shaped] = {}
        self._badges: dict[tuple[str, bool, str, float], QPixmap] = {}
        #: (width, height, device pixel ratio, look, accent colour) -> frame
        self._frames: dict[
            tuple[int, int, float, tuple[bool, bool, bool, bool], int | None], QPixmap
        ] = {}
        #: the same, each frame on the column's background: see :meth:`box`
        self._boxes: dict[
            tuple[int, int, float, tuple[bool, bool, bool, bool], int | None], QPixmap
        ] = {}

    def ink(self, amount: float, dim: float) -> QColor:
        """Text colour at ``amount``, ``dim`` for archived and trashed cards."""
        key = (amount, dim)
        if key not in self._ink:
            self._ink[key] = blend(self.text, self.base, amount * dim)
        return self._ink[key]

    def badge_width(self, label: str) -> int:
        """A badge's width, its label padded."""
        width = self._widths.get(label)
        if width is None:
            if len(self._widths) > BADGE_CACHE_SIZE:
                self._widths.clear()
            width = self.small_metrics.horizontalAdvance(label) + 2 * BADGE_PAD
            self._widths[label] = width
        return width

    def line(self, text: str, bold: bool, left: int, top: int, width: int) -> Shaped:
        """One line of ``text`` (bold, or not) at (``left``, ``top``), elided to ``width``,
        shaped once for every card that shows it."""
        key = (text, bold, left, top, width)
        shaped = self._lines.get(key)
        if shaped is None:
            if len(self._lines) > BADGE_CACHE_SIZE:
                self._lines.clear()
            font, metrics = (self.bold, self.bold_metrics) if bold else (self.font, self.metrics)
            shaped = self._lines[key] = _shaped(text, font, metrics, left, top, width)
        return shaped

    def badge_colors(self, badge: Badge) -> tuple[QColor, QColor]:
        """A badge's pill fill and text colour: the warning tone, a tag chip's own colour
        faintly over the card, or the muted plain pill."""
        if badge.warning:
            return self.warning_fill, self.warning
        if badge.color:
            return blend(QColor(badge.color), self.base, 0.2), self.ink(0.85, 1.0)
        return self.badge_fill, self.muted

    def badge(self, badge: Badge, ratio: float) -> QPixmap:
        """A badge, pill and label: drawn once, as the same few ("3 days", "Berlin", "★★")
        recur on card after card."""
        key = (badge.text, badge.warning, badge.color, ratio)
        pixmap = self._badges.get(key)
        if pixmap is None:
            if len(self._badges) > BADGE_CACHE_SIZE:
                self._badges.clear()
            fill, ink = self.badge_colors(badge)
            size = QSize(self.badge_width(badge.text), self.badge_height)
            pixmap = _blank(size, ratio, Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            pill = QRectF(0, 0, size.width(), size.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
            painter.setFont(self.small)
            painter.setPen(ink)
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, badge.text)
            painter.end()
            self._badges[key] = pixmap
        return pixmap

    def frame(
        self, size: QSize, ratio: float, look: tuple[bool, bool, bool, bool], accent: QColor | None
    ) -> QPixmap:
        """The card's rounded box, border and stage bar: the costly antialiased shapes, drawn
        once for every card with the same size, state and stage colour."""
        key = (size.width(), size.height(), ratio, look, accent.rgba() if accent else None)
        pixmap = self._frames.get(key)
        if pixmap is None:
            if len(self._frames) >= FRAME_CACHE_SIZE:
                self._frames.clear()
            pixmap = _blank(size, ratio, Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint_frame(painter, QRectF(0, 0, size.width(), size.height()), look, accent)
            painter.end()
            self._frames[key] = pixmap
        return pixmap

    def box(
        self, size: QSize, ratio: float, look: tuple[bool, bool, bool, bool], accent: QColor | None
    ) -> QPixmap:
        """:meth:`frame` on the column's background, cut to the card's box (inside its
        margins, which are the column's background anyway): opaque, so a view copies it
        rather than blending it."""
        key = (size.width(), size.height(), ratio, look, accent.rgba() if accent else None)
        pixmap = self._boxes.get(key)
        if pixmap is None:
            if len(self._boxes) >= FRAME_CACHE_SIZE:
                self._boxes.clear()
            inside = QSize(size.width() - 2 * MARGIN_X, size.height() - 2 * MARGIN_Y)
            pixmap = _blank(inside, ratio, self.background)
            painter = QPainter(pixmap)
            painter.drawPixmap(-MARGIN_X, -MARGIN_Y, self.frame(size, ratio, look, accent))
            painter.end()
            self._boxes[key] = pixmap
        return pixmap

    def _paint_frame(
        self, painter: QPainter, rect: QRectF, look: tuple[bool, bool, bool, bool],
        accent: QColor | None,
    ) -> None:  # fmt: skip
        selected, focused, hovered, faded = look
        box = rect.adjusted(MARGIN_X, MARGIN_Y, -MARGIN_X, -MARGIN_Y)
        fill = self.faded_fill if faded else (self.selected_fill if selected else self.base)
        border = self.highlight if selected or focused else self.border
        if hovered and not selected and not focused:
            border = self.hover_border
        pen_width = 2.0 if selected or focused else 1.0
        pen = QPen(border)
        pen.setWidthF(pen_width)
        painter.setPen(pen)
        painter.setBrush(fill)
        half = pen_width / 2
        painter.drawRoundedRect(box.adjusted(half, half, -half, -half), RADIUS, RADIUS)
        if accent is not None:  # a stage-coloured bar along the left edge, inside the corners
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(blend(accent, self.base, 0.85))
            height = box.height() - 2 * RADIUS
            bar = QRectF(box.left() + 3, box.top() + RADIUS, ACCENT_WIDTH, height)
            painter.drawRoundedRect(bar, ACCENT_WIDTH / 2, ACCENT_WIDTH / 2)

    def card_height(self, badge_lines: int) -> int:
        inner = (
            self.bold_metrics.height() + self.metrics.height()
            + badge_lines * (self.badge_height + LINE_GAP) + LINE_GAP
        )  # fmt: skip
        return inner + 2 * PAD_Y + 2 * MARGIN_Y


class _Frame(NamedTuple):
    """What every card of one paint of a view shares: its style (None until the first
    card) and the device's pixel ratio."""

    style: CardStyle | None
    ratio: float


class CardLayout(NamedTuple):
    """What a card shows where: its badges' rectangles (in the painter's coordinates) and
    the badges left out for want of room, least important last."""

    shown: list[tuple[Badge, QRect]]
    left_out: list[Badge]


class Shaped(NamedTuple):
    """A line of text shaped once: its glyphs, and where to draw them from (relative to a
    card's top left) to stand on the line's baseline."""

    at: QPointF
    runs: list[QGlyphRun]


class CardFace(NamedTuple):
    """What a card shows inside its frame, ready to be drawn anywhere: its company and role
    shaped once, their colours, and its badges' pictures, each at its offset from the
    card's top left."""

    company: Shaped
    role: Shaped
    inks: tuple[QColor, QColor]
    badges: list[tuple[QPoint, QPixmap]]


Kept_ = TypeVar("Kept_")


class Kept(Generic[Kept_]):
    """Values by key, the least recently used dropped first once their weights add up to
    more than ``budget``.

    Our own rather than QPixmapCache: its default budget holds fewer cards than one board
    shows on a 2x screen, so every frame would repaint every card.
    """

    def __init__(self, budget: int, weight: Callable[[Kept_], int] = lambda _value: 1) -> None:
        self.budget = budget
        self._weight = weight
        self._values: OrderedDict[Hashable, Kept_] = OrderedDict()
        self._total = 0

    def find(self, key: Hashable) -> Kept_ | None:
        value = self._values.get(key)
        if value is not None:
            self._values.move_to_end(key)
        return value

    def insert(self, key: Hashable, value: Kept_) -> None:
        self._values[key] = value
        self._total += self._weight(value)
        while self._total > self.budget and len(self._values) > 1:
            _, dropped = self._values.popitem(last=False)
            self._total -= self._weight(dropped)

    def __len__(self) -> int:
        return len(self._values)

    def clear(self) -> None:
        self._values.clear()
        self._total = 0


def _size(pixmap: QPixmap) -> int:
    return pixmap.width() * pixmap.height() * 4


class CardDelegate(QStyledItemDelegate):
    """Draws cards; ``now`` gives the time badges are measured against (injected clock),
    ``zone`` the person's time zone their days and times are in (None: the system's)."""

    def __init__(self, now: Callable[[], datetime], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._now = now
        self.stage_colors: dict[int, QColor] = {}
        self.faces: Kept[CardFace] = Kept(FACE_CACHE_SIZE)
        #: cards painted more than once, as pictures (see :meth:`paint`)
        self.pixmaps: Kept[QPixmap] = Kept(PIXMAP_BUDGET, _size)
        #: the minute every kept face was worked out in (badges say "today", "overdue"),
        #: so it need not be part of their keys
        self._painted_minute = 0
        #: each card's look (see :func:`_look`) with the card row it was worked out from
        self._looks: dict[int, tuple[CardRow, int]] = {}
        #: what the cards of the view painting now share, while it paints
        self._frame: _Frame | None = None
        self._styles: dict[tuple[int, str], CardStyle] = {}
        #: the palette key, font and style of the last card painted: the next card of the
        #: same view has the same ones, found without building the font's key
        self._last_style: tuple[int, QFont, CardStyle] | None = None
        #: application id -> documents attached (a badge; set by the document library)
        self.document_counts: dict[int, int] = {}
        self.density = DEFAULT_DENSITY
        self.zone: tzinfo | None = None

    def set_zone(self, zone: tzinfo | None) -> bool:
        """Badges in ``zone`` from now on; True when that changes them (the views must paint
        again: the kept faces, which show the old zone's times, are dropped)."""
        if zone == self.zone:
            return False
        self.zone = zone
        self._forget_pictures()
        return True

    def set_density(self, density: Density) -> None:
        """Cards get the badge lines of ``density``; views lay out again (the signal's
        index does not matter to them: their rows share one size)."""
        if density is self.density:
            return
        self.density = density
        self._forget_pictures()
        self.sizeHintChanged.emit(QModelIndex())

    def card_badges(self, card: CardRow) -> list[Badge]:
        """Every badge of the card, most important first."""
        return badges(card, self._now(), self.zone, self.document_counts.get(card.id, 0))

    def style_for(self, palette: QPalette, font: QFont) -> CardStyle:
        palette_key = palette.cacheKey()
        last = self._last_style
        if last is not None and last[0] == palette_key and last[1] == font:
            return last[2]
        key = (palette_key, font.key())
        style = self._styles.get(key)
        if style is None:
            style = self._styles[key] = CardStyle(palette, font)
        self._last_style = (palette_key, QFont(font), style)
        return style

    # -- geometry -------------------------------------------------------------------------

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        height = self.style_for(option.palette, option.font).card_height(self.density.badge_lines)
        return QSize(max(option.rect.width(), 200), height)

    # -- painting -------------------------------------------------------------------------

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """Draw the card: the first time its box and its face (see :class:`CardFace`)
        straight onto the view, then as one picture of both, kept.

        Runs for every card on screen at every paint of a column (a drop or a keystroke
        repaints whole columns): a card painted before costs a few lookups and a copy."""
        card = _card_of(index)
        if card is None:
            return
        state = option.state.value & _STATES
        rect = option.rect
        frame = self._frame
        if frame is None or frame.style is None:
            # the first card of a view's paint (or a card painted on its own): the clock's
            # minute, the style and the pixel ratio, the same for the frame's other cards
            self._check_minute()
            now = _Frame(
                self.style_for(option.palette, option.font),
                painter.device().devicePixelRatioF(),
            )
            if frame is not None:
                self._frame = now
            frame = now
        style, ratio = frame.style, frame.ratio
        assert style is not None
        size = rect.size()
        accent = self.stage_colors.get(card.stage_id)
        face_key = self._face_key(style, card, size, ratio)
        key = (face_key, state, accent.rgba() if accent is not None else 0)
        x, y = rect.x() + MARGIN_X, rect.y() + MARGIN_Y
        pixmap = self.pixmaps.find(key)
        if pixmap is None:
            face = self.faces.find(face_key)
            seen = face is not None
            if face is None:
                face = self._make_face(style, card, QRect(QPoint(0, 0), size), ratio)
                self.faces.insert(face_key, face)
            look = (
                bool(state & _SELECTED), bool(state & _FOCUSED), bool(state & _HOVERED),
                card.trashed or card.archived,
            )  # fmt: skip
            box = style.box(size, ratio, look, accent)
            if not seen:  # a first sight: drawn from its parts, nothing allocated
                painter.drawPixmap(x, y, box)
                self._draw_face(painter, QPoint(rect.x(), rect.y()), face)
                return
            pixmap = box.copy()  # on the column's colour: opaque, copied rather than blended
            card_painter = QPainter(pixmap)
            self._draw_face(card_painter, QPoint(-MARGIN_X, -MARGIN_Y), face)
            card_painter.end()
            self.pixmaps.insert(key, pixmap)
        painter.drawPixmap(x, y, pixmap)

    def begin_frame(self) -> None:
        """A view starts painting its cards: what every card of the frame shares is worked
        out at its first card, not at each (see :meth:`paint`)."""
        self._frame = _Frame(None, 1.0)

    def end_frame(self) -> None:
        self._frame = None

    def _check_minute(self) -> None:
        minute = int(self._now().timestamp() // 60)
        if minute != self._painted_minute:
            # every cached card shows an earlier minute's badges and will never be asked for
            # again: without this, a long session kept the whole budget of them
            self._forget_pictures()
            self._painted_minute = minute

    def _look_of(self, card: CardRow) -> int:
        """:func:`_look` of ``card``, kept while the board holds the same card row."""
        kept = self._looks.get(card.id)
        if kept is not None and kept[0] is card:
            return kept[1]
        if len(self._looks) >= LAYOUT_CACHE_SIZE:
            self._looks.clear()
        look = _look(card)
        self._looks[card.id] = (card, look)
        return look

    def paint_card(
        self,
        painter: QPainter,
        rect: QRect,
        style: CardStyle,
        card: CardRow,
        selected: bool = False,
        focused: bool = False,
        hovered: bool = False,
    ) -> None:
        """Paint one card onto ``painter`` on its own (a drag pixmap, a test): the frame, then
        the face, as a view paints it but on whatever is beneath."""
        faded = card.trashed or card.archived
        accent = self.stage_colors.get(card.stage_id)
        ratio = painter.device().devicePixelRatioF()
        frame = style.frame(rect.size(), ratio, (selected, focused, hovered, faded), accent)
        painter.drawPixmap(rect.topLeft(), frame)
        self._draw_face(painter, rect.topLeft(), self._face_of(style, card, rect.size(), ratio))

    @staticmethod
    def _draw_face(painter: QPainter, at: QPoint, face: CardFace) -> None:
        for line, ink in zip((face.company, face.role), face.inks, strict=True):
            painter.setPen(ink)
            origin = line.at + at
            for run in line.runs:
                painter.drawGlyphRun(origin, run)
        for place, pixmap in face.badges:
            painter.drawPixmap(place + at, pixmap)

    def _forget_pictures(self) -> None:
        """Drop the kept faces and pictures (a new minute, another density or zone)."""
        self.faces.clear()
        self.pixmaps.clear()

    def _face_of(self, style: CardStyle, card: CardRow, size: QSize, ratio: float) -> CardFace:
        """The card's face for a card of ``size``, kept while the card looks the same in this
        minute: painted again selected, focused or hovered, or in another column's paint,
        nothing is shaped or laid out again."""
        key = self._face_key(style, card, size, ratio)
        face = self.faces.find(key)
        if face is None:
            face = self._make_face(style, card, QRect(QPoint(0, 0), size), ratio)
            self.faces.insert(key, face)
        return face

    def _face_key(self, style: CardStyle, card: CardRow, size: QSize, ratio: float) -> Hashable:
        """What decides a card's face: what it shows, its size, style and density."""
        return (
            self._look_of(card), size.width(), size.height(), ratio, id(style), self.density,
            self.document_counts.get(card.id, 0),
        )  # fmt: skip

    def _make_face(self, style: CardStyle, card: CardRow, rect: QRect, ratio: float) -> CardFace:
        """The face of ``card`` painted in ``rect``: the company in bold on the first line,
        the role on the second, each elided to the card's width, then the badges."""
        inner = _inner(rect)
        dim = 0.55 if card.trashed or card.archived else 1.0
        left, top = inner.left(), inner.top()
        second = top + style.bold_metrics.height() + LINE_GAP
        badges = [
            (place.topLeft(), style.badge(badge, ratio))
            for badge, place in self.card_layout(style, card, rect).shown
        ]
        return CardFace(
            style.line(card.company, True, left, top, inner.width()),
            style.line(card.role, False, left, second, inner.width()),
            (style.ink(1.0, dim), style.ink(0.85, dim)),
            badges,
        )

    def card_layout(self, style: CardStyle, card: CardRow, rect: QRect) -> CardLayout:
        """Where the badges of ``card`` painted in ``rect`` go, and which are left out."""
        inner = _inner(rect)
        top = inner.top() + style.bold_metrics.height() + style.metrics.height() + 2 * LINE_GAP
        items = self.card_badges(card)
        placed = place_badges(
            items, style.badge_width, inner.width(), self.density.badge_lines, BADGE_GAP
        )
        step = style.badge_height + LINE_GAP
        shown = [
            (p.badge, QRect(inner.left() + p.x, top + p.line * step, p.width, style.badge_height))
            for p in placed
        ]
        return CardLayout(shown, items[len(placed) :])

    # -- tooltips -------------------------------------------------------------------------

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        card: CardRow | None = index.data(CARD_ROLE) if index.isValid() else None
        if card is None or event.type() != event.Type.ToolTip:
            return super().helpEvent(event, view, option, index)
        lines = [f"<b>{_html(card.company)}</b>", _html(card.role)]
        lines += [_html(b.tooltip) for b in self.card_badges(card)]
        QToolTip.showText(event.globalPos(), "<br>".join(lines), view)
        return True

    # -- drag pixmap ----------------------------------------------------------------------

    def drag_pixmap(self, view: QAbstractItemView, cards: Sequence[CardRow]) -> QPixmap:
        """Up to three cards, stacked, with a count when several travel together."""
        width = view.viewport().width()
        style = self.style_for(view.palette(), view.font())
        height = style.card_height(self.density.badge_lines)
        shown = list(cards[:3])
        offset = 6
        ratio = view.devicePixelRatioF()
        size = QSize(width + offset * (len(shown) - 1), height + offset * (len(shown) - 1))
        pixmap = _blank(size, ratio, Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setOpacity(0.92)
        for depth, card in reversed(list(enumerate(shown))):
            rect = QRect(QPoint(offset * depth, offset * depth), QSize(width, height))
            self.paint_card(painter, rect, style, card, selected=True)
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


def _card_of(index: QModelIndex | QPersistentModelIndex) -> CardRow | None:
    """The card at ``index``: straight from a column's own list where it is one (no call
    through Qt's data() and back per card painted), else by its role."""
    model = index.model()
    if isinstance(model, ColumnModel):
        return model.card_at(index.row())
    card: CardRow | None = index.data(CARD_ROLE)
    return card


def _look(card: CardRow) -> int:
    """A hash of what is painted on a card: not its rank or search text, which place or
    filter a card without changing its look (so a reorder keeps the cached pixmap)."""
    return hash(
        (card.id, card.stage_id, card.company, card.role, card.location, card.excitement,
         card.stage_entered_at, card.archived, card.trashed, card.next_interview_at,
         card.next_reminder_at, card.tags)
    )  # fmt: skip


def _inner(rect: QRect) -> QRect:
    """The card's text area: inside its margins and padding."""
    return rect.adjusted(
        MARGIN_X + PAD_X, MARGIN_Y + PAD_Y, -MARGIN_X - PAD_X + 2, -MARGIN_Y - PAD_Y
    )


def _blank(size: QSize, ratio: float, fill: QColor | Qt.GlobalColor) -> QPixmap:
    """A pixmap of ``size`` (device-independent pixels) at ``ratio``, filled with ``fill``."""
    pixmap = QPixmap(size * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(fill)
    return pixmap


def _shaped(
    text: str, font: QFont, metrics: QFontMetrics, left: int, top: int, width: int
) -> Shaped:
    """One line of ``text`` in ``font`` on the line of ``metrics``' height at (``left``,
    ``top``), elided to ``width``: drawn from its glyphs where ``drawText`` at the line's
    baseline puts them (the baseline is the line's own, taller where a fallback font is)."""
    if metrics.horizontalAdvance(text) > width:
        text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
    layout = QTextLayout(text, font)
    layout.beginLayout()
    line = layout.createLine()
    layout.endLayout()
    return Shaped(QPointF(left, top + metrics.ascent() - line.ascent()), layout.glyphRuns())


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
