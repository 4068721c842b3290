"""Small widgets and helpers the dialogs share: field errors, optional dates, stars, local time,
stage colour icons, and undo commands for operations that already ran."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, QSize, Qt, QTimeZone, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap, QResizeEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from jobtracker.domain.clock import to_local
from jobtracker.ui.undo import DomainCommand

if TYPE_CHECKING:
    from jobtracker.domain.services import Services

#: tells the board which applications changed (it re-reads them; missing ones leave)
Refresh = Callable[[list[int]], None]


class ApplicationTab(QWidget):
    """A details tab about one application (people, interviews, timeline): a list of its
    entries and controls to change them. Changes go through the window's undo stack and
    ``refresh`` the board's copy of the card.

    Subclasses build their controls in :meth:`_build` and list the entries in :meth:`_fill`.
    """

    def __init__(
        self,
        services: Services,
        undo_stack: QUndoStack,
        refresh: Refresh,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.undo_stack = undo_stack
        self.refresh = refresh
        self.application_id: int | None = None
        self.company = ""
        self.list = QListWidget()
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._build()

    def load(self, application_id: int | None, company: str) -> None:
        """Show this application's entries (none for one not saved yet)."""
        self.application_id = application_id
        self.company = company
        self._clear()
        if application_id is not None:
            self._fill(application_id)

    def _build(self) -> None:
        """Create the tab's controls and layout around :attr:`list`."""
        raise NotImplementedError

    def _clear(self) -> None:
        """Empty what :meth:`_fill` fills."""
        self.list.clear()

    def _fill(self, application_id: int) -> None:
        """List the application's entries (with :meth:`_add_entry`)."""
        raise NotImplementedError

    def _add_entry(self, text: str, entry_id: int) -> None:
        """One list row, its id in ``UserRole`` and its whole text as tooltip (rows elide)."""
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, entry_id)
        item.setToolTip(text)
        self.list.addItem(item)


def buttons_at_right(*buttons: QWidget) -> QHBoxLayout:
    """A row with ``buttons`` at its right end, as dialogs place their actions."""
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row


def push_done(
    stack: QUndoStack,
    text: str,
    *,
    undo: Callable[[], object],
    redo: Callable[[], object],
    after: Callable[[], None] | None = None,
) -> None:
    """Record an operation that has already run (so its errors reached the user, not Qt).

    The command's first ``redo()`` (which ``push`` calls) only runs ``after``; later redos
    repeat the operation.
    """
    pending_first = True

    def do() -> None:
        nonlocal pending_first
        if pending_first:
            pending_first = False
            return
        redo()

    stack.push(DomainCommand(text, do, undo, after))


def warning_color(palette: QPalette) -> QColor:
    """A red that reads on this palette's window colour (light or dark)."""
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return QColor.fromHsl(4, 190, 170 if dark else 95)


def color_icon(color: str, size: int = 16) -> QIcon:
    """A rounded swatch of a stage colour, outlined in the palette's mid tone."""
    pixmap = QPixmap(QSize(size, size))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPalette().color(QPalette.ColorRole.Mid))
    painter.setBrush(QColor(color))
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)


def qt_zone(tz: tzinfo | None) -> QTimeZone:
    """Qt's zone for ``tz`` (the person's; None: the system's): an IANA zone by its name, so
    Qt knows its DST changes; any other by its offset now."""
    if tz is None:
        return QTimeZone.systemTimeZone()
    name = getattr(tz, "key", "")  # a ZoneInfo's IANA name
    zone = QTimeZone(name.encode()) if isinstance(name, str) and name else QTimeZone()
    if zone.isValid():
        return zone
    offset = datetime.now(tz).utcoffset()
    return QTimeZone(int(offset.total_seconds()) if offset is not None else 0)


def to_local_qdatetime(value: datetime, tz: tzinfo | None) -> QDateTime:
    """An aware instant as a QDateTime in ``tz`` (the person's zone; None: the system's)."""
    utc = QDateTime.fromSecsSinceEpoch(int(value.timestamp()), QTimeZone.utc())
    return utc.toTimeZone(qt_zone(tz))


def from_qdatetime(value: QDateTime) -> datetime:
    """The instant a QDateTime shows (in whatever zone it carries), as an aware UTC datetime."""
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), UTC)


def local_text(value: datetime, tz: tzinfo | None, with_time: bool = True) -> str:
    """A short rendering of an instant in ``tz`` (the person's zone; None: the system's):
    2026-03-10 14:30."""
    return to_local(value, tz).strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")


class ElidedLabel(QLabel):
    """One line of plain text that shortens with "…" when narrow; the whole text is the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self.setAccessibleName(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        metrics = self.fontMetrics()
        self.setText(metrics.elidedText(self._full, Qt.TextElideMode.ElideRight, self.width()))


class FieldError(QLabel):
    """The message under a form field saying what is wrong with it; hidden while all is well."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, message: str) -> None:
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, warning_color(palette))
        self.setPalette(palette)
        self.setText(message)
        self.setAccessibleName(message)
        self.show()

    def clear_message(self) -> None:
        self.clear()
        self.hide()


class OptionalDateEdit(QWidget):
    """A date that may be unset: a check box turns the date picker on and off.

    Signals:
        changed: the date or its presence changed.
    """

    changed = Signal()

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(label)
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setDate(QDate.currentDate())
        self.edit.setEnabled(False)
        self.edit.setAccessibleName(label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(self.changed)
        self.edit.dateChanged.connect(self.changed)
        self.setFocusProxy(self.check)

    def value(self) -> date | None:
        if not self.check.isChecked():
            return None
        day = self.edit.date()
        return date(day.year(), day.month(), day.day())

    def set_value(self, value: date | None) -> None:
        self.check.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(QDate(value.year, value.month, value.day))


class StarRating(QWidget):
    """Excitement from 0 to 5 as five star buttons; clicking the current star clears it.

    Signals:
        changed: the rating changed.
    """

    changed = Signal()
    MAXIMUM = 5

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = 0
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.buttons: list[QAbstractButton] = []
        star_font = self.font()
        star_font.setPointSizeF(star_font.pointSizeF() * 1.4)
        for number in range(1, self.MAXIMUM + 1):
            button = QToolButton()
            button.setAutoRaise(True)
            button.setFont(star_font)
            button.setAccessibleName(f"{number} of {self.MAXIMUM}")
            button.setCheckable(True)  # checked up to the rating: read as on or off
            button.clicked.connect(lambda _=False, n=number: self._clicked(n))
            layout.addWidget(button)
            self.buttons.append(button)
        self.hint = QLabel()
        layout.addSpacing(6)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self._show()

    def value(self) -> int:
        return self._value

    def set_value(self, value: int) -> None:
        self._value = max(0, min(self.MAXIMUM, value))
        self._show()

    def _clicked(self, number: int) -> None:
        self.set_value(number - 1 if number == self._value else number)
        self.changed.emit()

    def _show(self) -> None:
        for number, button in enumerate(self.buttons, start=1):
            button.setText("★" if number <= self._value else "☆")
            button.setChecked(number <= self._value)
        words = ("not rated", "meh", "fine", "good", "keen", "dream job")
        self.hint.setText(words[self._value])
        self.setAccessibleName(f"Excitement {self._value} of {self.MAXIMUM}")
