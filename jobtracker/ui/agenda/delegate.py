"""Paints the agenda's groups and rows from the palette, with each row's answer as a button.

A row reads: the company (bold) and when, on the right; why, in two lines at most; the
prompt that comes with it; whom to write or call; and the button that answers it (Write
thank-you, Log call ...). The button is painted by the style, so it looks like the
desktop's; a click on it is reported by :attr:`AgendaDelegate.answer_clicked`. The same
actions sit under the list as real buttons and in the row's menu, for the keyboard.

Signals:
    answer_clicked(QModelIndex): the painted button of a row was clicked.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionViewItem,
)

from jobtracker.domain.agenda import AgendaInterview, AgendaRow
from jobtracker.ui.agenda.model import ENTRY_ROLE, AgendaModel, More, entry_key
from jobtracker.ui.board.colors import card_border, muted_text, warning_color

_Index = QModelIndex | QPersistentModelIndex
#: lines of a reason shown before it is cut with an ellipsis (the tooltip has all of it)
REASON_LINES = 2


def wrap(text: str, metrics: QFontMetrics, width: int, lines: int) -> list[str]:
    """``text`` in at most ``lines`` lines of ``width`` pixels, cut between words; the last
    line elided when there is more."""
    words, out, current = text.split(), [], ""
    for number, word in enumerate(words):
        trial = f"{current} {word}" if current else word
        if metrics.horizontalAdvance(trial) <= width or not current:
            current = trial
            continue
        out.append(current)
        current = word
        if len(out) == lines - 1:
            current = " ".join(words[number:])
            break
    if current:
        out.append(metrics.elidedText(current, Qt.TextElideMode.ElideRight, width))
    return out[:lines]


class AgendaDelegate(QStyledItemDelegate):
    answer_clicked = Signal(QModelIndex)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: where each row's button was last painted, by the row's key: a click is tested
        #: against what the person saw
        self._painted: dict[tuple[object, ...], QRect] = {}
        self._sizes: dict[tuple[str, int, str], QSize] = {}

    # -- geometry --------------------------------------------------------------------------

    @staticmethod
    def _margin(metrics: QFontMetrics) -> int:
        return max(4, metrics.height() // 2)

    @staticmethod
    def _bold(font: QFont) -> QFont:
        bold = QFont(font)
        bold.setBold(True)
        return bold

    def _button_size(self, label: str, metrics: QFontMetrics) -> QSize:
        return QSize(
            metrics.horizontalAdvance(label) + 2 * metrics.averageCharWidth() * 2,
            metrics.height() + metrics.height() // 2 + 4,
        )

    def button_rect(self, rect: QRect, label: str, metrics: QFontMetrics) -> QRect:
        """Where a row's answer button sits: bottom right, inside the margins."""
        margin = self._margin(metrics)
        size = self._button_size(label, metrics)
        return QRect(
            rect.right() - margin - size.width(),
            rect.bottom() - margin - size.height() + 1,
            size.width(),
            size.height(),
        )

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        """By the entry's shape and the font only (so it is cached): rows never grow with
        their text, which is wrapped and elided to fit."""
        entry = index.data(ENTRY_ROLE)
        shape = (
            type(entry).__name__,
            len(entry.items) if isinstance(entry, AgendaRow) else 0,
            option.font.key(),
        )
        size = self._sizes.get(shape)
        if size is None:
            size = self._sizes[shape] = self._size(option, entry)
        return size

    def _size(self, option: QStyleOptionViewItem, entry: object) -> QSize:
        metrics = QFontMetrics(option.font)
        margin, line = self._margin(metrics), metrics.lineSpacing()
        width = 40 * metrics.averageCharWidth()
        if isinstance(entry, str | More) or entry is None:
            return QSize(width, line + margin + (margin if isinstance(entry, str) else 0))
        button = self._button_size("Write", metrics).height()
        if isinstance(entry, AgendaInterview):
            return QSize(width, 2 * margin + 2 * line + button + margin // 2 + margin // 3)
        extra = len(entry.items) - 1 if isinstance(entry, AgendaRow) else 0
        height = 2 * margin + (1 + REASON_LINES + extra) * line + button + margin // 2
        height += margin // 3  # between the company and the reason
        return QSize(width, height)

    # -- painting --------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        entry = index.data(ENTRY_ROLE)
        rect: QRect = option.rect
        palette: QPalette = option.palette
        metrics = QFontMetrics(option.font)
        painter.save()
        if isinstance(entry, str):
            self._paint_group(painter, option, index, rect, palette, metrics)
        elif isinstance(entry, More):
            painter.setPen(muted_text(palette))
            margin = self._margin(metrics)
            text_rect = rect.adjusted(margin, 0, -margin, 0)
            text = metrics.elidedText(entry.text, Qt.TextElideMode.ElideRight, text_rect.width())
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, text)
        elif isinstance(entry, AgendaRow | AgendaInterview):
            self._paint_row(painter, option, index, entry, rect, palette, metrics)
        painter.restore()

    def _paint_group(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: _Index,
        rect: QRect,
        palette: QPalette,
        metrics: QFontMetrics,
    ) -> None:
        margin = self._margin(metrics)
        if index.row() > 0:
            painter.setPen(card_border(palette))
            painter.drawLine(
                rect.left() + margin, rect.top() + 1, rect.right() - margin, rect.top() + 1
            )
        painter.setFont(self._bold(option.font))
        key = index.data(ENTRY_ROLE)
        overdue = key == "overdue"
        painter.setPen(
            warning_color(palette) if overdue else palette.color(QPalette.ColorRole.Text)
        )
        text_rect = rect.adjusted(margin, margin, -margin, 0)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, index.data())

    def _paint_row(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: _Index,
        entry: AgendaRow | AgendaInterview,
        rect: QRect,
        palette: QPalette,
        metrics: QFontMetrics,
    ) -> None:
        style = option.widget.style() if option.widget else QApplication.style()
        background = QStyleOptionViewItem(option)
        background.text = ""
        style.drawPrimitive(
            QStyle.PrimitiveElement.PE_PanelItemViewItem, background, painter, option.widget
        )
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = text if selected else muted_text(palette)
        model = index.model()
        assert isinstance(model, AgendaModel)
        margin, line = self._margin(metrics), metrics.lineSpacing()
        inner = rect.adjusted(margin, margin, -margin, -margin)
        font: QFont = option.font
        # line 1: company, and when on the right
        if isinstance(entry, AgendaInterview):
            when = f"{model.when(entry.starts_at)}–{entry.ends_at.astimezone(model.tz):%H:%M}"
            urgent = False
        elif entry.snoozed:
            when, urgent = f"Back {model.when(entry.at)}", False
        else:
            when, urgent = model.when(entry.at), entry.due
        when_width = metrics.horizontalAdvance(when)
        painter.setPen(muted if not urgent or selected else warning_color(palette))
        painter.drawText(
            QRect(inner.right() - when_width, inner.top(), when_width, line),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            when,
        )
        bold = self._bold(font)
        bold_metrics = QFontMetrics(bold)
        room = inner.width() - when_width - metrics.averageCharWidth() * 2
        painter.setFont(bold)
        painter.setPen(text)
        company = bold_metrics.elidedText(entry.company, Qt.TextElideMode.ElideRight, room)
        painter.drawText(
            QRect(inner.left(), inner.top(), room, line), Qt.AlignmentFlag.AlignVCenter, company
        )
        painter.setFont(font)
        y = inner.top() + line + margin // 3
        # then why, the prompts that come with it, and whom
        if isinstance(entry, AgendaInterview):
            details = " · ".join(p for p in (entry.title or "Interview", entry.role) if p)
            lines = [metrics.elidedText(details, Qt.TextElideMode.ElideRight, inner.width())]
            to = ""
            label = "Open the card"
        else:
            lines = wrap(entry.lead.reason, metrics, inner.width(), REASON_LINES)
            lines += ["" for _ in range(REASON_LINES - len(lines))]
            lines += [
                metrics.elidedText(f"+ {item.summary}", Qt.TextElideMode.ElideRight, inner.width())
                for item in entry.items[1:]
            ]
            to = f"To {entry.contact.name}" if entry.contact is not None else ""
            label = entry.answers[0].label
        for number, text_line in enumerate(lines):
            painter.setPen(text if number < REASON_LINES else muted)
            painter.drawText(
                QRect(inner.left(), y, inner.width(), line),
                Qt.AlignmentFlag.AlignVCenter,
                text_line,
            )
            y += line
        button = self.button_rect(rect, label, metrics)
        if to:
            painter.setPen(muted)
            room = button.left() - inner.left() - metrics.averageCharWidth()
            painter.drawText(
                QRect(inner.left(), button.top(), room, button.height()),
                Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(to, Qt.TextElideMode.ElideRight, room),
            )
        self._painted[entry_key(entry)] = QRect(button)
        self._paint_button(painter, option, button, label, style)

    def _paint_button(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        rect: QRect,
        label: str,
        style: QStyle,
    ) -> None:
        button = QStyleOptionButton()
        button.rect = rect
        button.text = label
        button.palette = QApplication.palette(option.widget)
        button.fontMetrics = option.fontMetrics
        button.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Raised
        style.drawControl(QStyle.ControlElement.CE_PushButton, button, painter, option.widget)

    # -- clicks ----------------------------------------------------------------------------

    def editorEvent(
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: _Index,
    ) -> bool:
        if event.type() != QEvent.Type.MouseButtonRelease or not isinstance(event, QMouseEvent):
            return super().editorEvent(event, model, option, index)
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        entry = index.data(ENTRY_ROLE)
        if not isinstance(entry, AgendaRow | AgendaInterview):
            return False
        button = self._painted.get(entry_key(entry))
        if button is not None and button.contains(event.position().toPoint()):
            self.answer_clicked.emit(model.index(index.row(), 0, index.parent()))
            return True
        return False
