"""The People view: everyone of the search in one table, edited in place, searched, merged;
the chosen person's applications and timeline beside it. Every edit and merge goes to the
board window's undo stack.

Everyone is read in a worker on a connection of its own (``ReadApart``): the window shows
at once, saying it is loading, and the table fills when the read is done. A header click
has the rows sorted in that worker too, and Find Duplicates… looks in one of its own, so
the window answers meanwhile; it says what it is busy with beside the count."""

from __future__ import annotations

import gc
from collections.abc import Callable
from functools import partial
from typing import NamedTuple

from PySide6.QtCore import QEvent, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jobtracker.domain.errors import ValidationError
from jobtracker.domain.people import Person, duplicates, ordered
from jobtracker.domain.services import Services
from jobtracker.ui.dialogs.details_timeline import entry_line
from jobtracker.ui.dialogs.widgets import ElidedLabel, FieldError, Refresh, push_done
from jobtracker.ui.people.merge_dialog import FIELD_LABELS, MergeDialog
from jobtracker.ui.people.model import (
    COLUMNS,
    ID_ROLE,
    AnyIndex,
    PeopleModel,
    Read,
    as_shown,
    changed_people,
)
from jobtracker.ui.read_apart import ReadApart


class _KeepTyped(QStyledItemDelegate):
    """An in-place editor that reopens with the text a refused edit held, not the stored
    value, so nothing typed is lost."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.pending: dict[tuple[int, int], str] = {}

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        key = (int(index.data(ID_ROLE)), index.column())
        if key in self.pending and isinstance(editor, QLineEdit):
            editor.setText(self.pending.pop(key))
        else:
            super().setEditorData(editor, index)

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        editor = super().createEditor(parent, option, index)
        editor.setAccessibleName(COLUMNS[index.column()][1])
        return editor


class _Found(NamedTuple):
    """Likely duplicates, as the worker found them among ``among``."""

    among: list[Person]
    groups: list[tuple[Person, ...]]


def _find_duplicates(among: list[Person]) -> _Found:
    return _Found(among, duplicates(among))


def _sort(field: str, descending: bool, before: list[Person]) -> Read:
    """In the worker: the people listed, put in another order."""
    people = ordered(before, field, descending)
    return Read(people, before, changed_people(before, people))


def _label(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class PeopleWindow(QWidget):
    """A window of its own beside the board (one per board window).

    Signals:
        loaded(): everyone read (again) is in the table.
    """

    loaded = Signal()

    def __init__(
        self,
        services: Services,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
        *,
        refresh: Refresh | None = None,
        open_application: Callable[[int], None] | None = None,
    ) -> None:
        """``refresh`` gets the applications whose cards a change touched (a renamed person
        changes their search); ``open_application`` opens a card."""
        super().__init__(parent, Qt.WindowType.Window)
        self.services = services
        self.undo_stack = undo_stack
        self.refresh: Refresh = refresh or (lambda _ids: None)
        self.open_application = open_application
        self._stack_moves = 0  # how often the undo stack moved
        self._loaded_moves = -1  # ... when the people shown were read (-1: none read yet)
        #: the latest request: the undo stack's moves then, the order, a read (or a sort)
        self._asked: tuple[int, tuple[str, bool], bool] = (-1, ("name", False), True)
        self._reader = ReadApart(self)  # reads and sorts
        self._reader.read.connect(self._take)
        self._finder = ReadApart(self)  # searches for duplicates
        self._finder.read.connect(self._found)
        self.setWindowTitle("People — jobtracker")
        self.setObjectName("people_window")

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search names, companies, emails, phones, applications")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search people")
        self.count = QLabel()
        self.merge_button = QPushButton("&Merge Selected…")
        self.merge_button.setEnabled(False)
        self.duplicates_button = QPushButton("Find &Duplicates…")

        self.model = PeopleModel(services.followups.tz)
        self._shown_order = self.model.order  # the order of the rows in the table
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("People")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # arrows move between cells; Tab leaves
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((140, 120, 150, 190, 115, 95)):
            self.table.setColumnWidth(column, width)
        self.delegate = _KeepTyped(self.table)
        self.table.setItemDelegate(self.delegate)
        self.error = FieldError()
        self.placeholder = QLabel("Loading…")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)

        self.heading = ElidedLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.reach = QLabel()
        self.reach.setWordWrap(True)
        self.reach.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.applications = QListWidget()
        self.applications.setAccessibleName("Their applications (Enter opens one)")
        self.timeline = QListWidget()
        self.timeline.setAccessibleName("Their timeline, newest first")
        for listing in (self.applications, self.timeline):
            listing.setWordWrap(True)
            listing.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        top.addWidget(self.merge_button)
        top.addWidget(self.duplicates_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget()  # "Loading…" until everyone is read, then the table
        self.pages.addWidget(self.placeholder)
        self.pages.addWidget(self.table)
        left_layout.addWidget(self.pages, 1)
        left_layout.addWidget(self.error)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.reach)
        right_layout.addWidget(_label("Applications"))
        right_layout.addWidget(self.applications, 1)
        right_layout.addWidget(_label("Timeline"))
        right_layout.addWidget(self.timeline, 2)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        for action, keys in (
            (undo_stack.createUndoAction(self, "&Undo"), [QKeySequence("Ctrl+Z")]),
            (
                undo_stack.createRedoAction(self, "&Redo"),
                [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")],
            ),
        ):
            action.setShortcuts(keys)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)

        self.search.textChanged.connect(self._search)
        self.model.edit_requested.connect(self._edit_requested)
        self.model.sort_requested.connect(self._resort)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.merge_button.clicked.connect(self.merge_selected)
        self.duplicates_button.clicked.connect(self.find_duplicates)
        self.applications.itemActivated.connect(self._open_application)
        undo_stack.indexChanged.connect(self._stack_moved)
        self.resize(1280, 720)
        self.reload()

    # -- reading ------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        """A read of everyone, or a sort, is under way."""
        return self._reader.busy

    @property
    def sorting(self) -> bool:
        """The rows are being put in the order the header shows."""
        return self._shown_order != self.model.order

    @property
    def finding(self) -> bool:
        """A search for duplicates is under way."""
        return self._finder.busy

    def reload(self) -> None:
        """Read everyone again in the worker; the table keeps what it shows until then."""
        if self.loading and self._asked == (self._stack_moves, self.model.order, True):
            return  # the read under way is as recent
        self._ask(read=True)

    def _resort(self) -> None:
        """Put the rows in the order the header asks for, in the worker: the rows shown
        when they are current, else everyone read again in that order."""
        self._ask(read=self.loading or self._loaded_moves != self._stack_moves)

    def _ask(self, *, read: bool) -> None:
        order = self.model.order
        self._asked = (self._stack_moves, order, read)
        if self._loaded_moves < 0:
            self.count.setText("Loading…")
        job = self._read if read else _sort
        self._reader.ask(partial(job, *order, self.model.everyone))
        self._show_busy()

    def _read(self, field: str, descending: bool, before: list[Person]) -> Read:
        """In the worker: everyone, and how they differ from what the table listed (the
        people unchanged as the same objects, see ``as_shown``).

        The cycle collector waits while the read makes its objects (a person is a few
        tuples that live as long as the table), which then join what the start moved out
        of its way (see ``settle_after_start``): its passes would otherwise walk them all,
        holding every thread, the GUI's too, each time.
        """
        collecting = gc.isenabled()
        gc.disable()
        try:
            people = as_shown(before, self.services.people.everyone_apart(field, descending))
            return Read(people, before, changed_people(before, people))
        finally:
            gc.freeze()
            if collecting:
                gc.enable()

    def wait(self) -> None:
        """Let a read, sort or search under way finish (tests, and the window's close)."""
        self._reader.wait()
        self._finder.wait()

    def _take(self, answer: object) -> None:
        """Show everyone as read, keeping the current person and the selection; a read
        that a change may have overtaken is made again."""
        moves, order, _read = self._asked
        if isinstance(answer, Exception):
            self._shown_order = order  # nothing more to wait for
            self._show_busy()
            message = f"The people could not be read: {answer}"
            if self._loaded_moves < 0:
                self.placeholder.setText(message)
                self.count.setText("")
            else:
                self.error.show_message(message)
            return
        if moves != self._stack_moves:
            self.reload()
            return
        assert isinstance(answer, Read)
        current = self.current_person()
        selected = self.selected_ids()
        if self.model.set_people(answer.people, since=answer):
            self.select_ids(selected, current=current.id if current else None)
        self._loaded_moves = moves
        self._shown_order = order
        self.pages.setCurrentWidget(self.table)
        self._show_busy()
        self._show_current()
        self.loaded.emit()

    def _stack_moved(self, _index: int) -> None:
        self._stack_moves += 1

    def changeEvent(self, event: QEvent) -> None:
        """Coming back to the window after changes made elsewhere (a card's People tab,
        an undo in the board) reads everyone again."""
        super().changeEvent(event)
        if (
            event.type() == QEvent.Type.ActivationChange
            and self.isActiveWindow()
            and self._loaded_moves != self._stack_moves
        ):
            self.reload()

    def _changed(self, person_ids: list[int]) -> None:
        """Show these people as now stored and refresh the cards they are on."""
        touched: set[int] = set()
        for person_id in person_ids:
            row = self.model.row_of(person_id)
            if row is not None:
                touched.update(a.id for a in self.model.people[row].applications)
            person = self.services.people.person(person_id)
            if person is not None:
                touched.update(a.id for a in person.applications)
            self.model.put(person_id, person)
        self._loaded_moves = self._stack_moves + 1  # the move this change makes is shown
        self._update_count()
        self._show_current()
        if touched:
            self.refresh(sorted(touched))

    # -- selection ----------------------------------------------------------------------

    def current_person(self) -> Person | None:
        index = self.table.currentIndex()
        return self.model.people[index.row()] if index.isValid() else None

    def selected_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        return [int(index.data(ID_ROLE)) for index in rows]

    def select_ids(self, ids: list[int], *, current: int | None = None) -> None:
        """Select these people (and make ``current`` the current one)."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
        for person_id in ids:
            row = self.model.row_of(person_id)
            if row is not None:
                selection.select(self.model.index(row, 0), flags)
        row = self.model.row_of(current) if current is not None else None
        if row is not None:
            index = self.model.index(row, 0)
            selection.setCurrentIndex(index, selection.SelectionFlag.NoUpdate)
            self.table.scrollTo(index)

    def _selection_changed(self) -> None:
        self.merge_button.setEnabled(len(self.selected_ids()) >= 2)

    def _search(self, text: str) -> None:
        current = self.current_person()
        selected = self.selected_ids()
        self.model.set_query(text)
        self.select_ids(selected, current=current.id if current else None)
        self._update_count()

    def _update_count(self, note: str = "") -> None:
        """``3 of 120 people``, and what the window is busy with, or ``note``."""
        shown, total = self.model.rowCount(), len(self.model.everyone)
        noun = "person" if total == 1 else "people"
        text = f"{shown} of {total} {noun}" if shown != total else f"{total} {noun}"
        if self.finding:
            note = " · finding duplicates…"
        elif self.sorting and self._loaded_moves >= 0:
            note = " · sorting…"
        self.count.setText(text + note)

    def _show_busy(self) -> None:
        """Say beside the count, and with the table's pointer, when a sort or a search for
        duplicates is under way (the window keeps answering meanwhile)."""
        busy = self.finding or (self.sorting and self._loaded_moves >= 0)
        viewport = self.table.viewport()
        if busy:
            viewport.setCursor(Qt.CursorShape.BusyCursor)
        else:
            viewport.unsetCursor()
        self.duplicates_button.setEnabled(not self.finding)
        if self._loaded_moves >= 0:
            self._update_count()

    def _show_current(self) -> None:
        person = self.current_person()
        self.applications.clear()
        self.timeline.clear()
        if person is None:
            self.heading.set_full_text("")
            self.reach.setText("Choose a person to see their applications and timeline.")
            return
        self.heading.set_full_text(person.name)
        title = " at ".join(part for part in (person.title, person.company) if part)
        reach = " · ".join(part for part in (title, person.email, person.phone) if part)
        self.reach.setText(reach)
        stages = {s.id: s.name for s in self.services.board.stages()}
        for application in person.applications:
            text = (
                f"{application.company} — {application.role} "
                f"({stages.get(application.stage_id, '')}; {application.contact_role})"
            )
            item = QListWidgetItem(text)
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.UserRole, application.id)
            self.applications.addItem(item)
        tz = self.services.followups.tz
        for entry in self.services.timeline.for_person(person.id):
            text = entry_line(entry, tz)
            item = QListWidgetItem(text)
            item.setToolTip(text)
            self.timeline.addItem(item)

    def _open_application(self, item: QListWidgetItem) -> None:
        if self.open_application is not None:
            self.open_application(int(item.data(Qt.ItemDataRole.UserRole)))

    # -- editing ------------------------------------------------------------------------

    def _edit_requested(
        self, person_id: int, field: str, text: str, where: QPersistentModelIndex
    ) -> None:
        """Store one typed value; a refused one is said under the table and the editor
        opens again with what was typed."""
        contacts = self.services.contacts
        row = self.model.row_of(person_id)
        name = self.model.people[row].name if row is not None else "this person"
        self.error.clear_message()
        try:
            previous = contacts.edit(person_id, **{field: text})
        except ValidationError as exc:
            label = FIELD_LABELS[field].replace("&", "")
            self.error.show_message(f"{name}, {label}: {exc.message}. Nothing was changed.")
            self.delegate.pending[(person_id, where.column())] = text
            QTimer.singleShot(0, self, partial(self._edit_again, where))
            return
        stored = contacts.get(person_id)
        push_done(
            self.undo_stack,
            f"Edit {stored.name}",
            undo=partial(contacts.restore, person_id, previous),
            redo=partial(contacts.restore, person_id, {field: getattr(stored, field)}),
            after=partial(self._changed, [person_id]),
        )

    def _edit_again(self, where: QPersistentModelIndex) -> None:
        if where.isValid():
            index = self.model.index(where.row(), where.column())
            self.table.setCurrentIndex(index)
            self.table.edit(index)

    # -- merging ------------------------------------------------------------------------

    def merge_selected(self) -> bool:
        """Merge the selected people (two or more), asking which values to keep."""
        chosen = set(self.selected_ids())
        people = sorted((p for p in self.model.everyone if p.id in chosen), key=lambda p: p.id)
        return len(people) >= 2 and self._offer_merge(people)

    def find_duplicates(self) -> None:
        """Look for likely duplicates (same email, or same name at the same company) in a
        worker; the first group is then offered for merging, or the count says there are
        none."""
        self._finder.ask(partial(_find_duplicates, self.model.everyone))
        self._show_busy()

    def _found(self, answer: object) -> None:
        """Offer what the search found, unless the window was closed meanwhile; the people
        changed meanwhile (an edit, a read, a sort): look again."""
        self._show_busy()
        assert isinstance(answer, _Found)
        if not self.isVisible():
            return
        if answer.among is not self.model.everyone:
            self.find_duplicates()
            return
        groups = answer.groups
        if not groups:
            self.error.clear_message()
            self._update_count(" · no duplicates found")
            return
        self.select_ids([p.id for p in groups[0]], current=groups[0][0].id)
        count = f"Likely duplicates: 1 group of {len(groups)}." if len(groups) > 1 else ""
        self._offer_merge(list(groups[0]), heading=count)

    def _offer_merge(self, people: list[Person], heading: str = "") -> bool:
        dialog = MergeDialog(people, self, heading=heading)
        dialog.setObjectName("merge_dialog")
        accepted = dialog.exec() == MergeDialog.DialogCode.Accepted
        dialog.deleteLater()
        return accepted and self.merge(dialog.kept_id, dialog.other_ids, dialog.values())

    def merge(self, kept_id: int, other_ids: list[int], values: dict[str, str]) -> bool:
        """Merge and record it for undo; a refused value is said under the table."""
        contacts = self.services.contacts
        self.error.clear_message()
        try:
            result = contacts.merge(kept_id, other_ids, values)
        except ValidationError as exc:
            self.error.show_message(f"Not merged: {exc}.")
            return False
        done = {"result": result}
        everyone = [kept_id, *other_ids]

        def redo() -> None:
            done["result"] = contacts.redo_merge(done["result"])

        name = contacts.get(kept_id).name
        push_done(
            self.undo_stack,
            f"Merge {len(everyone)} people into {name}",
            undo=lambda: contacts.undo_merge(done["result"]),
            redo=redo,
            after=partial(self._changed, everyone),
        )
        self.select_ids([kept_id], current=kept_id)
        return True
