"""The in-app Reminders panel: Overdue / Today / Upcoming, with Open, Snooze and Done.

It is always there, whatever the desktop offers for notifications, and acts through the
same actions as a notification (the scheduler carries them out).
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QFont, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jobtracker.domain.clock import to_local
from jobtracker.domain.services import Services
from jobtracker.platform.notifications import DONE, OPEN, SNOOZE
from jobtracker.ui.board.colors import muted_text, warning_color
from jobtracker.ui.tree_items import children

if TYPE_CHECKING:
    from jobtracker.domain.reminders import ReminderInfo

ID_ROLE = Qt.ItemDataRole.UserRole
EMPTY_TEXT = (
    "Nothing to follow up on.\n\nReminders appear here after interviews, applications "
    "and answers: thank-you notes, follow-ups, check-ins."
)


def when_text(instant: datetime, now: datetime, tz: tzinfo | None) -> str:
    """ "15:30" today, "Tue 15:30" within a week, "10 Mar" further away."""
    local, today = to_local(instant, tz), to_local(now, tz)
    days = abs((local.date() - today.date()).days)
    if days == 0:
        return local.strftime("%H:%M")
    if days < 7:
        return local.strftime("%a %H:%M")
    return local.strftime("%d %b")


#: rows listed per group, soonest first: a list of thousands helps nobody, and building it
#: took over a second at 10,000 cards (the group's title still counts them all)
GROUP_ROWS = 200
#: the Snooze button's menu: label, days
SNOOZE_CHOICES = (("For an hour", 1 / 24), ("For 3 days", 3), ("For a week", 7))
#: the rule whose answer is a move, and where to
SUGGEST_RULE, NO_RESPONSE_STAGE = "suggest_no_response", "No response"


class RemindersPanel(QWidget):
    """Empty until the first :meth:`refresh` (the controller's, when the scheduler starts);
    lists reminders only while shown.

    Signals:
    action_requested(reminder_ids: list, action: str): Open, Snooze (by the setting), Done.
    snooze_requested(reminder_ids: list, days: float): Snooze for a chosen time.
    move_requested(application_id: int, stage_name: str): a suggestion to close was taken.
    """

    action_requested = Signal(list, str)
    snooze_requested = Signal(list, float)
    move_requested = Signal(int, str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setObjectName("reminders_panel")
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName("Reminders")
        self.tree.setColumnCount(2)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(self.fontMetrics().averageCharWidth() * 2)
        self.tree.setUniformRowHeights(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        self.empty = QLabel(EMPTY_TEXT, self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty)
        self.open_button = QPushButton("&Open", self)
        # a split button: a click snoozes by the setting, the arrow offers other lengths
        self.snooze_button = QToolButton(self)
        self.snooze_button.setText("&Snooze")  # with its length once the panel shows
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.snooze_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.done_button = QPushButton("&Done", self)
        self.move_button = QPushButton(f"&Move to {NO_RESPONSE_STAGE}", self)
        self.move_button.clicked.connect(self._move)
        self.move_button.hide()
        snooze_menu = QMenu(self.snooze_button)
        for label, days in SNOOZE_CHOICES:
            snooze_menu.addAction(label, partial(self._snooze_for, days))
        self.snooze_button.setMenu(snooze_menu)
        buttons = QHBoxLayout()
        for button, action in (
            (self.open_button, OPEN), (self.snooze_button, SNOOZE), (self.done_button, DONE),
        ):  # fmt: skip
            button.clicked.connect(lambda _=False, a=action: self._request(a))
            buttons.addWidget(button, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.move_button)
        layout.addLayout(buttons)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.tree.itemActivated.connect(lambda *_: self._request(OPEN))
        QShortcut(QKeySequence("Ctrl+D"), self.tree, lambda: self._request(DONE))
        self.stack.setCurrentWidget(self.empty)
        self._stale = False
        self._selection_changed()

    def refresh(self) -> None:
        """Re-read the reminders now if the panel is on screen, else when it is next shown:
        the board refreshes reminders after every edit, and listing thousands of them takes
        longer than the edit itself."""
        self._stale = True
        if self.isVisible():
            self._reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._reload()
        self._show_snooze_length()

    def _reload(self) -> None:
        """List the reminders, keeping the selection where the rows still exist."""
        self._stale = False
        keep = set(self.selected_ids())
        now = self.services.clock.now()
        tz = self.services.followups.tz
        self.tree.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        total = 0
        for listed in self.services.reminders.groups(now, GROUP_ROWS):
            if not listed.count:
                continue
            total += listed.count
            group = QTreeWidgetItem(self.tree, [f"{listed.name} ({listed.count})", ""])
            group.setFont(0, bold)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for info in listed.reminders:
                item = self._item(group, info, now, tz, overdue=listed.name == "Overdue")
                item.setSelected(info.id in keep)
            if listed.count > GROUP_ROWS:
                more = QTreeWidgetItem(group, [f"… and {listed.count - GROUP_ROWS} more", ""])
                more.setFlags(Qt.ItemFlag.NoItemFlags)
                more.setForeground(0, QBrush(muted_text(self.palette())))
            group.setExpanded(True)
        self.stack.setCurrentWidget(self.tree if total else self.empty)
        self._selection_changed()

    def _item(
        self,
        group: QTreeWidgetItem,
        info: ReminderInfo,
        now: datetime,
        tz: tzinfo | None,
        *,
        overdue: bool,
    ) -> QTreeWidgetItem:
        when = when_text(info.effective_at, now, tz)
        item = QTreeWidgetItem(group, [info.summary, when])
        item.setData(0, ID_ROLE, info.id)
        local = to_local(info.effective_at, tz).strftime("%a %d %b %Y %H:%M")
        tip = f"{info.summary}\n{info.reason}\nDue {local}"
        if info.contact_line:
            tip += f"\nContact: {info.contact_line}"
        item.setToolTip(0, tip)
        item.setToolTip(1, f"Due {local}")
        palette = self.palette()
        item.setForeground(1, QBrush(warning_color(palette) if overdue else muted_text(palette)))
        return item

    def selected_ids(self) -> list[int]:
        return [
            int(item.data(0, ID_ROLE))
            for item in self.tree.selectedItems()
            if item.data(0, ID_ROLE) is not None
        ]

    def select(self, reminder_ids: list[int]) -> None:
        wanted = set(reminder_ids)
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            for item in children(group):
                item.setSelected(item.data(0, ID_ROLE) in wanted)
                if item.isSelected():
                    self.tree.scrollToItem(item)

    def _selection_changed(self) -> None:
        ids = self.selected_ids()
        for button in (self.snooze_button, self.done_button):
            button.setEnabled(bool(ids))
        self.open_button.setEnabled(len(ids) == 1)
        single = self.services.reminders.get(ids[0]) if len(ids) == 1 else None
        self.move_button.setVisible(single is not None and single.rule_key == SUGGEST_RULE)
        if single is not None:
            info = single
            text = info.reason
            if info.contact_line:
                text += f"\nContact: {info.contact_line}"
            self.detail.setText(text)
        else:
            self.detail.setText(f"{len(ids)} reminders selected" if ids else "")
        if self.isVisible():  # hidden, as while the window starts, it waits for the show
            self._show_snooze_length()

    def _show_snooze_length(self) -> None:
        """The snooze button's length, a setting (reading it loads the follow-up rules)."""
        days = self.services.followups.settings().snooze_days
        self.snooze_button.setText("&Snooze a day" if days == 1 else f"&Snooze {days} days")

    def _snooze_for(self, days: float) -> None:
        if self.selected_ids():
            self.snooze_requested.emit(self.selected_ids(), days)

    def _move(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            info = self.services.reminders.get(ids[0])
            self.move_requested.emit(info.application_id, NO_RESPONSE_STAGE)

    def _request(self, action: str) -> None:
        ids = self.selected_ids()
        if ids and (action != OPEN or len(ids) == 1):
            self.action_requested.emit(ids, action)
