"""The board window: menus, a toolbar (new, search, filters, reminders, drafts), the board
or the empty-board welcome, and a status bar.

Other parts plug in here with small edits: ``open_details`` (the details dialog),
``manage_stages`` (the stage dialog), the File/Edit/View/Help menus, ``toolbar``,
``reminders_button`` (``set_count`` shows the due badge) and ``drafts_action``.

Signals:
    details_requested(object): an application id, or None for a new application.
    stages_requested(): the person asked to manage stages.
    reminders_requested(), drafts_requested(): the toolbar buttons.
    first_painted(): the window has painted for the first time.
    ready(): the services are open, and the parts the first frame does not show are
        installed (``is_ready``).
    settings_closed(): the Settings dialog closed; what it may have changed is stored.

The window's first frame needs the board, its menus and toolbar, and little else: it paints
the first frame of its :class:`Opening`, read before the file's services open. Right after
it, a step per turn of the event loop, come the services' modules, the services (then the
actions that change the board work, and the rest of the cards are read) and the other
parts (the menus' further entries, drops, filters, capture, documents, drafts); the dialogs
behind them are imported in the methods that open them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from importlib import import_module
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from jobtracker.domain.service_modules import SERVICE_MODULES
from jobtracker.platform.windows import bring_forward
from jobtracker.store.errors import StoreError
from jobtracker.ui.board.badge_button import BadgeButton
from jobtracker.ui.board.board_widget import BoardWidget
from jobtracker.ui.board.density import install_density
from jobtracker.ui.first_paint import after_first_paint, one_per_turn

if TYPE_CHECKING:
    from jobtracker.domain.backups import BackupPolicy
    from jobtracker.domain.services import Services
    from jobtracker.ui.board.controller import BoardController
    from jobtracker.ui.capture.window_capture import WindowCapture
    from jobtracker.ui.dialogs.transfer_actions import TransferActions
    from jobtracker.ui.documents.install import DocumentActions
    from jobtracker.ui.drafts.hookup import DraftWindows
    from jobtracker.ui.filters.hookup import FiltersHookup
    from jobtracker.ui.insights.hookup import InsightsHookup
    from jobtracker.ui.opening import Opening
    from jobtracker.ui.people.hookup import PeopleHookup

BACKUP_CHECK_MS = 60_000
#: the modules the services and the board's controller need, imported one per turn of the
#: event loop before they open (together they would hold it for a long step)
OPENING_MODULES = (*SERVICE_MODULES, "jobtracker.ui.board.controller")
SHORTCUTS = (
    ("Ctrl+N", "New application"),
    ("Ctrl+F", "Search; Escape clears it"),
    ("Arrows", "Move between cards and columns"),
    ("Enter", "Open the card"),
    ("Ctrl+Shift+Left / Right", "Move the selected cards to the previous / next stage"),
    ("Ctrl+Shift+Up / Down", "Move the selected cards up / down"),
    ("Delete", "Move the selected cards to the trash"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo"),
)


def _ids(values: object) -> set[int]:
    """Stage ids stored in QSettings (a list of strings, a single string, or nothing)."""
    if values is None or values == "":
        return set()
    items = values if isinstance(values, list) else [values]
    return {int(str(v)) for v in items if str(v).isdigit()}


def _fit_counts(label: QLabel, widest: str) -> None:
    """Keep a label of changing counts as wide as its widest text and one line high:
    otherwise every keystroke of a search resizes the search field beside it and lays out
    the window again (a label fixed in one direction only still asks its toolbar for a
    new layout at each new text)."""
    margins = label.contentsMargins()
    width = label.fontMetrics().horizontalAdvance(widest) + margins.left() + margins.right()
    label.setFixedSize(width, label.sizeHint().height())


class MainWindow(QMainWindow):
    """The main window over one database: it paints each column's first cards, then opens
    the services, and :meth:`BoardWidget.read_rest` reads the rest, a page at a time."""

    details_requested = Signal(object)
    stages_requested = Signal()
    reminders_requested = Signal()
    drafts_requested = Signal()
    first_painted = Signal()
    ready = Signal()
    settings_closed = Signal()

    # the services and the parts, installed once the first frame has painted
    # (:meth:`_install_parts`)
    services: Services
    controller: BoardController
    drafts: DraftWindows
    transfer: TransferActions
    settings_action: QAction
    about_action: QAction
    documents: DocumentActions
    insights: InsightsHookup
    filters: FiltersHookup
    people: PeopleHookup
    capture: WindowCapture

    def __init__(
        self, opening: Opening, settings: QSettings | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.opening = opening
        self.settings = settings if settings is not None else QSettings()
        self.undo_stack = QUndoStack(self)
        self.board = BoardWidget(opening.clock.now, self)
        self.database_path = opening.path
        #: ``time.monotonic()`` when the window first painted (None until then)
        self.first_painted_at: float | None = None
        self._shown_once = False
        #: the parts beyond the board are installed (see :meth:`_install_parts`)
        self.is_ready = False
        #: what changes the board or the file: it waits for the services
        self._changes: list[QAction | QPushButton] = []
        self._parts = self._install_parts()
        self.setWindowTitle(f"jobtracker — {self.database_path.name}")
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_central()
        self._build_status_bar()
        self.board.counts_changed.connect(self._show_counts)
        self.undo_stack.indexChanged.connect(self._update_empty_state)
        self._restore_settings()
        self.board.delegate.document_counts = opening.first.document_counts  # cards' badge
        self._load(lambda: self.board.show_first_frame(opening.first, None))
        after_first_paint(self, self._painted)
        #: takes the backups that fall due (None until the services open, and for a file
        #: opened to read only)
        self.backup_policy: BackupPolicy | None = None
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_CHECK_MS)
        self.backup_timer.timeout.connect(self.check_backup)
        for action in self._changes:
            action.setEnabled(False)  # until the services open

    def _painted(self) -> None:
        self.first_painted_at = time.monotonic()
        one_per_turn(self, self._parts)
        self.first_painted.emit()

    def _open_services(self) -> bool:
        """Open the file's services; then the actions that change the board work, and the
        rest of the cards are read. False where they did not open (the start says why)."""
        from jobtracker.domain.backups import BackupPolicy  # with the domain
        from jobtracker.ui.board.controller import BoardController

        services = self.opening.services()
        if services is None:
            return False
        self.services = services
        self.controller = BoardController(services, self.board, self.undo_stack)
        self.controller.message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.controller.failed.connect(self.show_problem)
        self.board.open_requested.connect(self.open_details)
        self.board.read_rest_with(self.controller.stage_page)
        self.board.read_rest()
        for action in self._changes:
            action.setEnabled(True)
        if services.store.writable:
            self.backup_policy = BackupPolicy(services.store, services.clock)
            self.backup_timer.start()
        if services.store.notices:  # a damaged log kept aside, a backup not taken
            QTimer.singleShot(0, lambda: self.show_problem("\n\n".join(services.store.notices)))
        return True

    def make_ready(self) -> None:
        """Install at once whatever parts are left (see :meth:`_install_parts`): for a
        window that does not paint first (started in the tray), or that is needed whole now."""
        for _ in self._parts:
            pass

    def _install_parts(self) -> Iterator[None]:
        """The services' modules, the services, then the parts the first frame does not
        show (the menus' further entries, drops on the window, the filters, capture,
        documents, drafts), a part per step; then the window is ready. After the first paint
        each step has a turn of the event loop of its own; the filters come first of the
        parts, as they bring back the view the board showed when closed."""
        for name in OPENING_MODULES:
            import_module(name)
            yield
        if not self._open_services():
            return
        yield
        from jobtracker.ui.filters.hookup import install_filters

        self.filters = install_filters(self)
        yield
        from jobtracker.ui.drafts.hookup import install_drafts

        self.drafts = install_drafts(self, self.services)
        yield
        from jobtracker.ui.dialogs.transfer_actions import install_transfer

        self.transfer = install_transfer(self, self.services)
        yield
        from jobtracker.ui.dialogs.about_action import install_about
        from jobtracker.ui.dialogs.settings_action import install_settings

        self.settings_action = install_settings(self, self.services)
        self.about_action = install_about(self, self.services)
        yield
        from jobtracker.ui.documents.install import install_documents

        self.documents = install_documents(self, self.services)
        yield
        from jobtracker.ui.insights.hookup import install_insights
        from jobtracker.ui.people.hookup import install_people

        self.insights = install_insights(self)
        self.people = install_people(self)
        yield
        from jobtracker.ui.capture.window_capture import install_capture

        self.capture = install_capture(self)
        self.is_ready = True
        self.ready.emit()

    def when_ready(self, action: Callable[[], object]) -> None:
        """Run ``action`` now if the window is ready, else as soon as it is."""
        if self.is_ready:
            action()
        else:
            self.ready.connect(action, Qt.ConnectionType.SingleShotConnection)

    # -- entry points for other parts ---------------------------------------------------------

    def open_details(self, application_id: int | None) -> None:
        """Open the card details (None: a new application); an open card comes forward."""
        from jobtracker.ui.dialogs.details import DetailsDialog  # loaded on first use

        self.details_requested.emit(application_id)
        for dialog in self.findChildren(DetailsDialog) if application_id is not None else ():
            if dialog.isVisible() and dialog.application_id == application_id:
                bring_forward(dialog)
                return
        dialog = DetailsDialog(
            self.services, self.undo_stack, application_id, self,
            refresh=self.refresh_cards, open_application=self.open_details,
        )  # fmt: skip
        self.when_ready(lambda: self.drafts.add_write_button(dialog))
        dialog.show()

    def manage_stages(self) -> None:
        """Open stage management (one dialog); the board reloads after each change."""
        from jobtracker.ui.dialogs.stages import StagesDialog  # loaded on first use

        self.stages_requested.emit()
        dialog = next((d for d in self.findChildren(StagesDialog) if d.isVisible()), None)
        if dialog is not None:
            bring_forward(dialog)
            return
        StagesDialog(self.services, self.undo_stack, self, refresh=self.reload).show()

    def reload(self) -> None:
        """Re-read stages and cards (after stage changes, imports, sample data)."""
        self._load(self.controller.reload)

    def _load(self, read: Callable[[], None]) -> None:
        """Read the board with ``read``, then apply the hidden and folded stages."""
        selected = self.board.selected_ids()
        read()
        self.board.set_hidden_stages(self._stage_ids("board/hidden_stages"))
        if self.settings.contains("board/collapsed_stages"):
            collapsed = self._stage_ids("board/collapsed_stages")
        else:  # first start: closed outcomes folded away, the open search in full view
            collapsed = {s.id for s in self.board.stages if s.is_closed}
        self.board.set_collapsed_stages(collapsed)
        closed = [c for c in self.board.columns.values() if c.stage.is_closed]
        self.collapse_closed_action.blockSignals(True)
        self.collapse_closed_action.setChecked(bool(closed) and all(c.collapsed for c in closed))
        self.collapse_closed_action.blockSignals(False)
        self._rebuild_stage_menu()
        self._update_empty_state()
        if selected:
            self.board.select_ids(selected, focus=False)

    def refresh_cards(self, ids: list[int]) -> None:
        """Re-read some cards after a change made elsewhere (a dialog, a reminder)."""
        self.controller.refresh(ids)
        self._update_empty_state()

    def show_problem(self, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox  # loaded on first use, as the dialogs

        QMessageBox.warning(self, "jobtracker", text)

    # -- building -----------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: str | None = None,
        *,
        board: bool = False,
        changes: bool = False,
    ) -> QAction:
        """An action calling ``slot``; ``board``: its shortcut works where the board has the
        focus; ``changes``: it changes the board or the file, so waits for the services."""
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if board:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.board.addAction(action)
        action.triggered.connect(slot)
        if changes:
            self._changes.append(action)
        return action

    def _toggle(
        self, text: str, slot: Callable[[bool], None], checked: bool = False, *, reads: bool = False
    ) -> QAction:
        """A checkable action; ``reads``: it reads the board again, so waits for the services."""
        action = QAction(text, self, checkable=True, checked=checked)
        action.toggled.connect(slot)
        if reads:
            self._changes.append(action)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(
            "&New Application…", lambda: self.open_details(None), "Ctrl+N", changes=True
        )
        self.sample_action = self._action("Load &Sample Data", self.load_sample_data, changes=True)
        self.quit_action = self._action("&Quit", self.close, "Ctrl+Q")
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.undo_action.setIconText("Undo")  # its name; the text follows the undo entry
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.setIconText("Redo")
        self.open_action = self._action("&Open Details", self._open_current, changes=True)
        self.move_previous_action = self._action(
            "Move to &Previous Stage",
            lambda: self.controller.move_to_neighbour(-1),
            "Ctrl+Shift+Left",
            board=True,
            changes=True,
        )
        self.move_next_action = self._action(
            "Move to &Next Stage",
            lambda: self.controller.move_to_neighbour(1),
            "Ctrl+Shift+Right",
            board=True,
            changes=True,
        )
        self.move_up_action = self._action(
            "Move &Up",
            lambda: self.controller.reorder(-1),
            "Ctrl+Shift+Up",
            board=True,
            changes=True,
        )
        self.move_down_action = self._action(
            "Move &Down",
            lambda: self.controller.reorder(1),
            "Ctrl+Shift+Down",
            board=True,
            changes=True,
        )
        self.archive_action = self._action(
            "&Archive", lambda: self.controller.archive(), "Ctrl+E", board=True, changes=True
        )
        self.trash_action = self._action(
            "Move to &Trash", lambda: self.controller.trash(), "Delete", board=True, changes=True
        )
        self.restore_action = self._action(
            "&Restore from Trash", self._restore_selected, changes=True
        )
        self.find_action = self._action("&Find…", self.focus_search, "Ctrl+F")
        self.clear_search_action = self._action("Clear Search", self.clear_search, "Escape")
        self.stages_action = self._action("Manage &Stages…", self.manage_stages, changes=True)
        self.show_closed_action = self._toggle("Show &Closed Stages", self._set_show_closed, True)
        self.show_archived_action = self._toggle(
            "Show &Archived", self._set_show_archived, reads=True
        )
        self.show_trash_action = self._toggle("Show &Trash", self._set_show_trash, reads=True)
        self.collapse_closed_action = self._toggle(
            "C&ollapse Closed Stages", self._set_collapse_closed
        )
        self.shortcuts_action = self._action("&Keyboard Shortcuts", self._show_shortcuts)
        self.drafts_action = self._action("&Drafts", self.drafts_requested.emit)
        self.addActions([self.clear_search_action, self.find_action, self.new_action])

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.file_menu.addActions([self.new_action, self.sample_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu("&Edit")
        self.edit_menu.addActions([self.undo_action, self.redo_action])
        self.edit_menu.addSeparator()
        self.edit_menu.addActions(
            [
                self.open_action,
                self.move_previous_action,
                self.move_next_action,
                self.move_up_action,
                self.move_down_action,
            ]
        )
        self.edit_menu.addSeparator()
        self.edit_menu.addActions([self.archive_action, self.trash_action, self.restore_action])
        self.edit_menu.addSeparator()
        self.edit_menu.addActions([self.find_action, self.stages_action])
        self.write_menu = bar.addMenu("&Write")  # filled by the drafts, with the services
        self.view_menu = bar.addMenu("&View")
        self.view_menu.addActions([self.show_closed_action, self.collapse_closed_action])
        self.stages_menu = self.view_menu.addMenu("S&tages")
        self.view_menu.addSeparator()
        self.view_menu.addActions([self.show_archived_action, self.show_trash_action])
        self.view_menu.addSeparator()
        self.density_choices = install_density(self.view_menu, self.board.delegate, self.settings)
        self.help_menu = bar.addMenu("&Help")
        self.help_menu.addAction(self.shortcuts_action)

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar("Main", self)
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(self.toolbar)
        self.toolbar.addAction(self.new_action)
        self.toolbar.addSeparator()
        self.search_field = QLineEdit(self)
        self.search_field.setObjectName("search_field")
        self.search_field.setPlaceholderText("Search companies, roles, places, notes, people")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setAccessibleName("Search applications")
        self.search_field.setMinimumWidth(240)
        self.search_field.setMaximumWidth(380)
        self.search_field.textChanged.connect(self.board.set_search)
        self.toolbar.addWidget(self.search_field)
        self.filter_menu = QMenu("Filter", self)
        self.filter_menu.addActions(
            [self.show_closed_action, self.show_archived_action, self.show_trash_action]
        )
        self.filter_button = QToolButton(self)
        self.filter_button.setText("Filter")
        self.filter_button.setMenu(self.filter_menu)
        self.filter_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toolbar.addWidget(self.filter_button)
        self.match_label = QLabel(self)
        self.match_label.setObjectName("match_label")
        self.match_label.setContentsMargins(8, 0, 8, 0)
        _fit_counts(self.match_label, "00000 of 00000 match")
        self.toolbar.addWidget(self.match_label)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.reminders_button = BadgeButton(self)
        self.reminders_button.setText("Reminders")
        self.reminders_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.reminders_button.clicked.connect(self.reminders_requested)
        self.reminders_button.set_count(0)
        self.toolbar.addWidget(self.reminders_button)
        self.toolbar.addAction(self.drafts_action)

    def _build_central(self) -> None:
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.board)
        self.welcome = QWidget(self)
        layout = QVBoxLayout(self.welcome)
        layout.addStretch(1)
        title = QLabel("<h2>Your job search, at a glance</h2>", self.welcome)
        text = QLabel(
            "Add the jobs you are after and move them along as you hear back.<br>"
            "jobtracker reminds you to follow up and drafts the thank-you notes.",
            self.welcome,
        )
        for label in (title, text):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            layout.addWidget(label)
        self.welcome_new_button = QPushButton("New Application", self.welcome)
        self.welcome_new_button.setDefault(True)
        self.welcome_new_button.clicked.connect(lambda: self.open_details(None))
        self.welcome_sample_button = QPushButton("Load Sample Data", self.welcome)
        self.welcome_sample_button.clicked.connect(self.load_sample_data)
        for button in (self.welcome_new_button, self.welcome_sample_button):
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
            self._changes.append(button)
        layout.addStretch(2)
        self.stack.addWidget(self.welcome)
        self.setCentralWidget(self.stack)

    def _build_status_bar(self) -> None:
        self.count_label = QLabel(self)
        self.count_label.setObjectName("count_label")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        _fit_counts(self.count_label, "00000 of 00000 applications")
        self.statusBar().addPermanentWidget(self.count_label)

    # -- board state ---------------------------------------------------------------------------

    def _update_empty_state(self, *_args: object) -> None:
        filters = self.show_archived_action.isChecked() or self.show_trash_action.isChecked()
        empty = len(self.board.card_set) == 0 and not filters
        self.stack.setCurrentWidget(self.welcome if empty else self.board)

    def _show_counts(self, shown: int, total: int) -> None:
        searching = bool(self.search_field.text().strip()) or self.board.card_set.filtered
        self.match_label.setText(f"{shown} of {total} match" if searching else "")
        noun = "application" if total == 1 else "applications"
        self.count_label.setText(f"{shown} of {total} {noun}" if searching else f"{total} {noun}")

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def clear_search(self) -> None:
        if self.search_field.text():
            self.search_field.clear()
        if self.search_field.hasFocus() and not self.board.select_ids(self.board.selected_ids()):
            self.board.focus_first_card()

    def load_sample_data(self) -> None:
        from jobtracker.ui.sample_data import load_sample_data  # loaded on first use

        if load_sample_data(self, self.services, self.undo_stack, self.reload):
            self.board.focus_first_card()

    def _open_current(self) -> None:
        ids = self.board.selected_ids()
        if ids:
            self.open_details(ids[0])

    def _restore_selected(self) -> None:
        self.controller.restore()

    def _set_show_closed(self, show: bool) -> None:
        self.board.set_show_closed(show)
        self.settings.setValue("board/show_closed", show)

    def _set_show_archived(self, show: bool) -> None:
        self.controller.include_archived = show
        self.reload()

    def _set_show_trash(self, show: bool) -> None:
        self.controller.include_trashed = show
        self.reload()

    def _set_collapse_closed(self, collapse: bool) -> None:
        closed = {s.id for s in self.board.stages if s.is_closed}
        self.board.set_collapsed_stages(closed if collapse else set())

    def _rebuild_stage_menu(self) -> None:
        self.stages_menu.clear()
        for stage in self.board.stages:
            action = self.stages_menu.addAction(stage.name)
            action.setCheckable(True)
            action.setChecked(stage.id not in self.board.hidden_stage_ids)
            action.toggled.connect(lambda shown, sid=stage.id: self._set_stage_shown(sid, shown))
        for column in self.board.columns.values():
            column.collapse_toggled.connect(self._save_collapsed)

    def _set_stage_shown(self, stage_id: int, shown: bool) -> None:
        hidden = set(self.board.hidden_stage_ids)
        hidden.discard(stage_id) if shown else hidden.add(stage_id)
        self.board.set_hidden_stages(hidden)
        self.settings.setValue("board/hidden_stages", [str(i) for i in sorted(hidden)])

    def _save_collapsed(self, *_args: object) -> None:
        collapsed = sorted(self.board.collapsed_stage_ids())
        self.settings.setValue("board/collapsed_stages", [str(i) for i in collapsed])

    def _stage_ids(self, key: str) -> set[int]:
        return _ids(self.settings.value(key))

    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        show_closed = self.settings.value("board/show_closed", True)
        self.show_closed_action.setChecked(show_closed not in (False, "false"))
        self.board.set_show_closed(self.show_closed_action.isChecked())

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self._save_collapsed()
        self.settings.sync()

    def _show_shortcuts(self) -> None:
        from jobtracker.ui.dialogs.shortcuts import show_shortcuts  # loaded on first use
        from jobtracker.ui.drafts.keys import editor_rows

        show_shortcuts(self, SHORTCUTS, {"Draft Editor": editor_rows()})

    # -- backups -------------------------------------------------------------------------------

    def check_backup(self) -> None:
        if self.backup_policy is None:
            return
        try:
            taken = self.backup_policy.maybe_backup()
        except StoreError as exc:
            self.statusBar().showMessage(f"Backup failed: {exc}", 10000)
            return
        if taken is not None:
            self.statusBar().showMessage(f"Backed up to {taken.path.name}", 5000)

    # -- window events -------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.board.focus_first_card()

    def closeEvent(self, event: QCloseEvent) -> None:
        from jobtracker.ui.dialogs.details import DetailsDialog  # as in open_details

        unsaved = [d for d in self.findChildren(DetailsDialog) if d.isVisible() and d.is_dirty()]
        if unsaved:  # that card's Save / Discard / Cancel first; closing again then quits
            event.ignore()
            bring_forward(unsaved[0])
            unsaved[0].close()
            return
        self.save_settings()
        super().closeEvent(event)
