"""The filter bar under the toolbar: tags, stars, source, place or remote, overdue,
interview ahead and the date applied, each narrowing the board as it changes.

Signals:
    changed(object): the new :class:`CardFilter`, after any control changed.
    close_requested(): the person closed the bar (its filter stays until cleared).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from jobtracker.domain.card_filters import CardFilter
from jobtracker.ui.accessibility import name_for_screen_readers

#: the date-applied choices: label, days back (0: any time, -1: a range of days)
APPLIED_CHOICES = (
    ("Applied: any time", 0),
    ("Applied: last 7 days", 7),
    ("Applied: last 30 days", 30),
    ("Applied: last 90 days", 90),
    ("Applied between…", -1),
)
ANY_SOURCE = "Any source"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class FilterBar(QWidget):
    """Controls for every condition of a :class:`CardFilter`."""

    changed = Signal(object)
    close_requested = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filter_bar")
        self.setAccessibleName("Filters")
        self._quiet = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 6)
        layout.setSpacing(8)

        self.tags_button = QPushButton(self)
        self.tags_button.setAccessibleName("Tags")
        self.tags_menu = QMenu(self.tags_button)
        self.tags_button.setMenu(self.tags_menu)
        self._tags: tuple[str, ...] = ()

        self.stars = QComboBox(self)
        self.stars.setAccessibleName("Excitement")
        self.stars.addItem("Any stars", 0)
        for stars in range(1, 6):
            self.stars.addItem(f"{stars}+ star{'s' if stars > 1 else ''}", stars)

        self.source = QComboBox(self)
        self.source.setAccessibleName("Source")
        self.source.addItem(ANY_SOURCE, "")

        self.place = QLineEdit(self)
        self.place.setPlaceholderText("Location")
        self.place.setAccessibleName("Location")
        self.place.setClearButtonEnabled(True)
        self.place.setFixedWidth(self.place.fontMetrics().horizontalAdvance("M" * 9))

        self.remote = QCheckBox("Remote", self)
        self.overdue = QCheckBox("Overdue", self)
        self.overdue.setToolTip("A follow-up is due now or was due earlier")
        self.interview = QCheckBox("Interview ahead", self)

        self.applied = QComboBox(self)
        self.applied.setAccessibleName("Date applied")
        for label, days in APPLIED_CHOICES:
            self.applied.addItem(label, days)
        self.applied_from = QDateEdit(_qdate(today.replace(day=1)), self)
        self.applied_to = QDateEdit(_qdate(today), self)
        for edit, name in ((self.applied_from, "Applied from"), (self.applied_to, "Applied to")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
            edit.setVisible(False)
        self.to_label = QLabel("to", self)
        self.to_label.setVisible(False)

        self.clear_button = QToolButton(self)
        self.clear_button.setText("Clear")
        self.clear_button.setAccessibleName("Clear filters")
        self.clear_button.clicked.connect(self.clear)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Hide the filter bar")
        self.close_button.setAccessibleName("Hide the filter bar")
        self.close_button.clicked.connect(self.close_requested)

        for widget in (
            self.tags_button, self.stars, self.source, self.place, self.remote, self.overdue,
            self.interview, self.applied, self.applied_from, self.to_label, self.applied_to,
        ):  # fmt: skip
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.clear_button)
        layout.addWidget(self.close_button)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        for combo in (self.stars, self.source, self.applied):  # never narrower than their text
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

        self.stars.currentIndexChanged.connect(self._emit)
        self.source.currentIndexChanged.connect(self._emit)
        self.place.textChanged.connect(self._emit)
        for box in (self.remote, self.overdue, self.interview):
            box.toggled.connect(self._emit)
        self.applied.currentIndexChanged.connect(self._applied_changed)
        self.applied_from.dateChanged.connect(self._emit)
        self.applied_to.dateChanged.connect(self._emit)
        self._show_tags()
        name_for_screen_readers(self)  # its combo boxes show no label

    # -- choices the board offers ----------------------------------------------------------

    def set_choices(self, tags: list[str], sources: list[str]) -> None:
        """The tags and sources the cards carry (a chosen one stays even if none has it)."""
        self._quiet = True
        try:
            self.tags_menu.clear()
            chosen = {t.casefold() for t in self._tags}
            known = {t.casefold() for t in tags}
            for name in [*tags, *(t for t in self._tags if t.casefold() not in known)]:
                action = QAction(name, self.tags_menu, checkable=True)
                action.setChecked(name.casefold() in chosen)
                action.toggled.connect(self._tags_toggled)
                self.tags_menu.addAction(action)
            if not self.tags_menu.actions():
                self.tags_menu.addAction("No tags yet").setEnabled(False)
            current = self.source.currentData()
            self.source.clear()
            self.source.addItem(ANY_SOURCE, "")
            for source in sources:
                self.source.addItem(source, source)
            if current and self.source.findData(current) < 0:
                self.source.addItem(current, current)
            self.source.setCurrentIndex(max(0, self.source.findData(current or "")))
        finally:
            self._quiet = False

    # -- the filter ------------------------------------------------------------------------

    def card_filter(self) -> CardFilter:
        days = int(self.applied.currentData())
        between = days < 0
        source = str(self.source.currentData() or "")
        return CardFilter(
            tags=self._tags,
            min_excitement=int(self.stars.currentData()),
            sources=(source,) if source else (),
            place=self.place.text().strip(),
            remote=self.remote.isChecked(),
            overdue=self.overdue.isChecked(),
            interview=self.interview.isChecked(),
            applied_days=max(days, 0),
            applied_from=_day(self.applied_from.date()) if between else None,
            applied_to=_day(self.applied_to.date()) if between else None,
        )

    def set_filter(self, wanted: CardFilter) -> None:
        """Show ``wanted`` in the controls (a saved view), then emit it once."""
        self._quiet = True
        try:
            self._tags = wanted.tags
            for action in self.tags_menu.actions():
                action.setChecked(action.text().casefold() in {t.casefold() for t in wanted.tags})
            self.stars.setCurrentIndex(max(0, self.stars.findData(wanted.min_excitement)))
            source = wanted.sources[0] if wanted.sources else ""
            if source and self.source.findData(source) < 0:
                self.source.addItem(source, source)
            self.source.setCurrentIndex(max(0, self.source.findData(source)))
            self.place.setText(wanted.place)
            self.remote.setChecked(wanted.remote)
            self.overdue.setChecked(wanted.overdue)
            self.interview.setChecked(wanted.interview)
            between = wanted.applied_from is not None or wanted.applied_to is not None
            days = -1 if between else wanted.applied_days
            index = self.applied.findData(days)
            if index < 0:  # a number of days the menu does not offer
                self.applied.addItem(f"Applied: last {days} days", days)
                index = self.applied.count() - 1
            self.applied.setCurrentIndex(index)
            if wanted.applied_from is not None:
                self.applied_from.setDate(_qdate(wanted.applied_from))
            if wanted.applied_to is not None:
                self.applied_to.setDate(_qdate(wanted.applied_to))
            self._show_range(between)
        finally:
            self._quiet = False
        self._show_tags()
        self._emit()

    def clear(self) -> None:
        self.set_filter(CardFilter())

    # -- reacting --------------------------------------------------------------------------

    def _tags_toggled(self) -> None:
        if self._quiet:
            return
        self._tags = tuple(a.text() for a in self.tags_menu.actions() if a.isChecked())
        self._show_tags()
        self._emit()

    def _show_tags(self) -> None:
        text = f"Tags: {', '.join(self._tags)}" if self._tags else "Any tag"
        metrics = self.tags_button.fontMetrics()
        self.tags_button.setText(metrics.elidedText(text, Qt.TextElideMode.ElideRight, 180))
        self.tags_button.setToolTip(text)

    def _applied_changed(self) -> None:
        self._show_range(int(self.applied.currentData()) < 0)
        self._emit()

    def _show_range(self, shown: bool) -> None:
        for widget in (self.applied_from, self.to_label, self.applied_to):
            widget.setVisible(shown)

    def _emit(self) -> None:
        if not self._quiet:
            self.changed.emit(self.card_filter())
