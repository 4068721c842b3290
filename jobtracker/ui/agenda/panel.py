"""The Today agenda: what to do now, grouped by when, each row with the action that answers it.

The list is a :class:`QTreeView` over :class:`AgendaModel`, painted by
:class:`AgendaDelegate`. Under it, real buttons act on the current row (its answers, Snooze
with other lengths in its menu, Done), so everything is reachable by keyboard and named for
screen readers: Enter answers the current row, Ctrl+D marks it done, the Menu key opens
every action of the row. Reading the agenda happens only while the panel is shown; hidden,
a refresh reads the due count alone (the badge).

Signals:
    answer_requested(object, object): a row (AgendaRow) and the Answer chosen.
    interview_requested(int): open the card of this application (an interview row).
    snooze_requested(list, object): reminder ids, and days (None: the setting).
    done_requested(list): reminder ids.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from jobtracker.domain.agenda import AgendaInterview, AgendaRow, Answer
from jobtracker.domain.services import Services
from jobtracker.ui.agenda.delegate import AgendaDelegate
from jobtracker.ui.agenda.model import ENTRY_ROLE, TOP_KEYS, AgendaModel, entry_key

EMPTY_TEXT = (
    "Nothing to follow up on.\n\nThis list fills as you apply, interview and hear back: "
    "thank-you notes after interviews, follow-ups when nobody answers, check-ins, and your "
    "interviews of today and tomorrow at the top."
)
#: the panel's width in average characters
WIDTH_EM = 74
#: rows listed per group (the group's title still counts them all)
GROUP_ROWS = 20
#: the Snooze button's menu: label, days
SNOOZE_CHOICES = (("For an hour", 1 / 24), ("Until tomorrow", 1.0), ("For 3 days", 3.0),
                  ("For a week", 7.0))  # fmt: skip


def _snooze_label(days: int) -> str:
    return "&Snooze a day" if days == 1 else f"&Snooze {days} days"


class AgendaPanel(QWidget):
    answer_requested = Signal(object, object)
    interview_requested = Signal(int)
    snooze_requested = Signal(list, object)
    done_requested = Signal(list)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setObjectName("agenda_panel")
        self.model = AgendaModel(services.followups.tz, self)
        self.view = QTreeView(self)
        self.view.setObjectName("agenda_view")
        self.view.setAccessibleName("Today's agenda")
        self.view.setAccessibleDescription(
            "Follow-ups grouped by when they are due. Enter answers the selected one, "
            "Ctrl+D marks it done, the menu key lists every action."
        )
        self.view.setModel(self.model)
        self.delegate = AgendaDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.setHeaderHidden(True)
        self.view.setRootIsDecorated(False)
        self.view.setItemsExpandable(False)
        self.view.setIndentation(0)
        self.view.setUniformRowHeights(False)
        self.view.setMouseTracking(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.expandAll()  # the groups are fixed: expanded once, they stay so
        self.summary = QLabel(self)
        self.summary.setObjectName("agenda_summary")
        self.summary.setWordWrap(True)
        self.empty = QLabel(EMPTY_TEXT, self)
        self.empty.setObjectName("agenda_empty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setAccessibleName("Nothing to follow up on")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        self.stack.setCurrentWidget(self.empty)

        self.answer_button = QPushButton(self)
        self.answer_button.setObjectName("agenda_answer")
        self.other_button = QPushButton(self)
        self.other_button.setObjectName("agenda_other_answer")
        self.snooze_button = QToolButton(self)
        self.snooze_button.setObjectName("agenda_snooze")
        self.snooze_button.setText(_snooze_label(1))
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.snooze_button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.snooze_button.setAccessibleDescription("Put the selected follow-ups off")
        snooze_menu = QMenu(self.snooze_button)
        for label, days in SNOOZE_CHOICES:
            snooze_menu.addAction(label, partial(self.snooze, days))
        self.snooze_button.setMenu(snooze_menu)
        self.done_button = QPushButton("&Done", self)
        self.done_button.setObjectName("agenda_done")
        self.done_button.setToolTip("Mark the selected follow-ups done (Ctrl+D)")
        self.done_button.setAccessibleDescription("Mark the selected follow-ups done")
        buttons = QHBoxLayout()
        buttons.addWidget(self.answer_button)
        buttons.addWidget(self.other_button)
        buttons.addStretch(1)
        buttons.addWidget(self.snooze_button)
        buttons.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)

        self.answer_button.clicked.connect(lambda: self._answer_current(0))
        self.other_button.clicked.connect(lambda: self._answer_current(1))
        self.snooze_button.clicked.connect(lambda: self.snooze(None))
        self.done_button.clicked.connect(self.done)
        self.delegate.answer_clicked.connect(self._button_clicked)
        self.view.activated.connect(lambda index: self._answer(index, 0))
        self.view.customContextMenuRequested.connect(self._menu_at)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.view.selectionModel().currentChanged.connect(self._selection_changed)
        for text, keys, slot in (
            ("Mark the Reminder Done", ("Ctrl+D",), self.done),
            ("Reminder Menu", ("Menu", "Shift+F10"), self._menu_at_current),
        ):
            action = QAction(text, self.view)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.view.addAction(action)
        self._stale = True
        self._selection_changed()

    def sizeHint(self) -> QSize:
        """A summary, its reason and a button fit side by side; the same whatever row is
        selected, so the dock does not change width under the pointer."""
        metrics = self.fontMetrics()
        return QSize(WIDTH_EM * metrics.averageCharWidth(), 40 * metrics.lineSpacing())

    # -- reading --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the agenda if shown (the due count follows from it), else the count alone;
        the model's ``due_changed`` carries the count to the badge either way."""
        if self.isVisible():
            self._reload()
        else:
            self._stale = True
            self.model.set_due(self.services.agenda.due_count())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._reload()
        self._show_snooze_length()

    def _reload(self) -> None:
        self._stale = False
        current = self.current_entry()
        agenda = self.services.agenda.read(limit=GROUP_ROWS)
        self.model.set_agenda(agenda)
        root = QModelIndex()
        for number, key in enumerate(TOP_KEYS):
            hide = self.model.group_count(key) == 0
            if self.view.isRowHidden(number, root) != hide:
                self.view.setRowHidden(number, root, hide)
        self.stack.setCurrentWidget(self.empty if agenda.empty else self.view)
        if current is not None and not self.view.currentIndex().isValid():
            self.select_key(entry_key(current))
        self.summary.setText(self._summary_text())
        self._selection_changed()

    def _summary_text(self) -> str:
        due = self.model.due
        if due:
            return f"{due} to do now" if due > 1 else "1 to do now"
        return "Nothing due now."

    # -- selection ------------------------------------------------------------------------

    def current_entry(self) -> AgendaRow | AgendaInterview | None:
        entry = self.view.currentIndex().data(ENTRY_ROLE)
        return entry if isinstance(entry, AgendaRow | AgendaInterview) else None

    def selected_rows(self) -> list[AgendaRow]:
        rows = [index.data(ENTRY_ROLE) for index in self.view.selectionModel().selectedIndexes()]
        return [row for row in rows if isinstance(row, AgendaRow)]

    def selected_ids(self) -> list[int]:
        return [rid for row in self.selected_rows() for rid in row.reminder_ids]

    def select_key(self, key: tuple[object, ...]) -> bool:
        """Make the entry with ``key`` current and selected; False when it is not listed."""
        index = self.model.find(key)
        if not index.isValid():
            return False
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.view.scrollTo(index)
        return True

    def _selection_changed(self, *_args: object) -> None:
        entry = self.current_entry()
        answers: tuple[Answer, ...] = ()
        if isinstance(entry, AgendaRow):
            answers = entry.answers
        elif isinstance(entry, AgendaInterview):
            answers = (Answer("open", "Open the card"),)
        for number, button in enumerate((self.answer_button, self.other_button)):
            if number < len(answers):
                button.setText(("&" if number == 0 else "") + answers[number].label)
                company = entry.company if entry is not None else ""
                button.setAccessibleName(answers[number].label)
                button.setAccessibleDescription(f"{answers[number].label} for {company}")
                button.setEnabled(True)
                button.show()
            else:
                button.setVisible(number == 0)
                button.setEnabled(False)
                if number == 0:
                    button.setText("&Answer")
        ids = self.selected_ids()
        self.snooze_button.setEnabled(bool(ids))
        self.done_button.setEnabled(bool(ids))

    def _show_snooze_length(self) -> None:
        """The snooze button's length, a setting (reading it loads the follow-up rules)."""
        self.snooze_button.setText(_snooze_label(self.services.followups.settings().snooze_days))

    # -- acting ---------------------------------------------------------------------------

    def _answer_current(self, number: int) -> None:
        self._answer(self.view.currentIndex(), number)

    def _button_clicked(self, index: QModelIndex) -> None:
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self._answer(index, 0)

    def _answer(self, index: QModelIndex, number: int) -> None:
        entry = index.data(ENTRY_ROLE)
        if isinstance(entry, AgendaInterview):
            self.interview_requested.emit(entry.application_id)
        elif isinstance(entry, AgendaRow) and number < len(entry.answers):
            self.answer_requested.emit(entry, entry.answers[number])

    def snooze(self, days: float | None) -> None:
        ids = self.selected_ids()
        if ids:
            self.snooze_requested.emit(ids, days)

    def done(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.done_requested.emit(ids)

    def _menu_at(self, point: QPoint) -> None:
        index = self.view.indexAt(point)
        if index.isValid() and index != self.view.currentIndex():
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        menu = self.row_menu()
        if menu is not None:
            menu.exec(self.view.viewport().mapToGlobal(point))

    def _menu_at_current(self) -> None:
        menu = self.row_menu()
        if menu is not None:
            rect = self.view.visualRect(self.view.currentIndex())
            menu.exec(self.view.viewport().mapToGlobal(rect.center()))

    def row_menu(self) -> QMenu | None:
        """Every action on the current row: its answers, each snooze length, Done."""
        entry = self.current_entry()
        if entry is None:
            return None
        menu = QMenu(self)
        if isinstance(entry, AgendaInterview):
            menu.addAction("Open the card", lambda: self._answer_current(0))
            return menu
        for number, answer in enumerate(entry.answers):
            menu.addAction(answer.label, partial(self._answer_current, number))
        menu.addSeparator()
        for label, days in SNOOZE_CHOICES:
            menu.addAction(f"Snooze {label.lower()}", partial(self.snooze, days))
        menu.addAction("Done", self.done)
        return menu
