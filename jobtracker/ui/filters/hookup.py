"""Puts the filters into the board window: View → Filter Bar, View → Views (saved named
views), View → Sort Columns By, a Sort menu on each column's header, and Edit → Tags.

The bar is built on first use. What the board showed when it closed (filter, search,
sorted columns) comes back after the first paint, so the start still paints each column's
first cards before it reads the rest.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar, QWidget

from jobtracker.domain.card_filters import (
    ORDER_LABELS,
    POSITION,
    CardFilter,
    CardKey,
    CardSelection,
    order_key,
)
from jobtracker.domain.clock import to_local
from jobtracker.text import fold
from jobtracker.ui.filters.views import SavedViews, View

#: how long the board must stay as it is before what it shows is written to the settings
REMEMBER_AFTER_MS = 1000

if TYPE_CHECKING:
    from jobtracker.ui.board.column import Column
    from jobtracker.ui.filters.filter_bar import FilterBar
    from jobtracker.ui.main_window import MainWindow


class FiltersHookup(QObject):
    """The filters of one board window (the window keeps it as ``filters``)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.views = SavedViews(window.settings)
        self.filter = CardFilter()
        #: folded stage name -> order, for the columns not in their drag order
        self.orders: dict[str, str] = {}
        self.bar: FilterBar | None = None
        self.toolbar: QToolBar | None = None
        self.bar_action = QAction("&Filter Bar", window, checkable=True)
        self.bar_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.bar_action.toggled.connect(self.show_bar)
        self.bar_action.triggered.connect(self._focus_bar)
        self.tags_action = QAction("&Tags…", window)
        self.tags_action.triggered.connect(self.manage_tags)
        self.views_menu = QMenu("&Views", window)
        self.views_menu.aboutToShow.connect(self._fill_views_menu)
        self.sort_menu = QMenu("S&ort Columns By", window)
        for order, label in ORDER_LABELS.items():
            action = self.sort_menu.addAction(label)
            action.triggered.connect(lambda _checked=False, o=order: self.sort_all(o))
        menu = window.view_menu
        first = menu.actions()[0]  # the window's own entries come first
        menu.insertAction(first, self.bar_action)
        menu.insertMenu(first, self.views_menu)
        menu.insertMenu(first, self.sort_menu)
        menu.insertSeparator(first)
        window.filter_menu.insertAction(window.filter_menu.actions()[0], self.bar_action)
        window.filter_menu.insertSeparator(window.filter_menu.actions()[1])
        window.edit_menu.insertAction(window.stages_action, self.tags_action)
        window.board.columns_rebuilt.connect(self._decorate_columns)
        #: writes what the board shows into the settings once changes pause
        self._remembering = QTimer(self)
        self._remembering.setSingleShot(True)
        self._remembering.setInterval(REMEMBER_AFTER_MS)
        self._remembering.timeout.connect(self._write_current)
        window.installEventFilter(self)  # a closing window writes it at once
        window.search_field.textChanged.connect(lambda _text: self._remember())
        self._decorate_columns()
        self._restore()  # installed once the board has painted

    # -- the bar ----------------------------------------------------------------------------

    def show_bar(self, shown: bool) -> None:
        if shown and self.bar is None:
            self._build_bar()
        if self.toolbar is not None:
            self.toolbar.setVisible(shown)
        if self.bar_action.isChecked() != shown:
            self.bar_action.setChecked(shown)
        if shown and self.bar is not None:
            self._offer_choices()
            # while the bar waits for its first click, a slice per turn of the event loop
            self.window.board.index_filters_ahead()

    def _focus_bar(self, shown: bool) -> None:
        """Shown by the person (Ctrl+Shift+F, the menu): the keyboard goes to its first
        control, as a find bar takes it."""
        if shown and self.bar is not None:
            self.bar.tags_button.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _build_bar(self) -> None:
        from jobtracker.ui.filters.filter_bar import FilterBar

        window = self.window
        today = to_local(window.services.clock.now(), window.board.zone).date()
        self.bar = FilterBar(today, window)
        self.bar.set_filter(self.filter)
        self.bar.changed.connect(self.apply)
        self.bar.close_requested.connect(lambda: self.show_bar(False))
        self.toolbar = QToolBar("Filters", window)
        self.toolbar.setObjectName("filter_toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.addWidget(self.bar)
        window.addToolBarBreak()
        window.addToolBar(self.toolbar)
        self._tab_after_toolbar(self.bar)

    def _tab_after_toolbar(self, bar: QWidget) -> None:
        """Tab reaches the bar's controls right after the toolbar's, as they are seen: Qt
        puts a widget made after the window's at the end, after the board and the agenda."""
        toolbar = self.window.toolbar
        last: QWidget = self.window.search_field
        for widget in _focus_chain(last):
            if not toolbar.isAncestorOf(widget):
                break
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                last = widget
        for control in [
            w for w in _focus_chain(bar)  # not a control's own parts (a date's text field)
            if w.parentWidget() is bar and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]:  # fmt: skip
            QWidget.setTabOrder(last, control)
            last = control

    def _offer_choices(self) -> None:
        """Fill the bar's tag and source lists from the cards."""
        if self.bar is None:
            return
        cards = self.window.board.card_set
        found = [card for card_id in cards.ids() if (card := cards.card(card_id))]
        tags = {t.name.casefold(): t.name for c in found for t in c.tags}
        sources = {fold(c.source): c.source for c in found if c.source.strip()}
        self.bar.set_choices(
            sorted(tags.values(), key=str.casefold), sorted(sources.values(), key=str.casefold)
        )

    # -- applying ---------------------------------------------------------------------------

    def apply(self, wanted: CardFilter) -> None:
        """Narrow the board to ``wanted`` (combined with the search)."""
        self.filter = wanted
        window = self.window
        now = to_local(window.services.clock.now(), window.board.zone)  # the cards' days
        test = None if wanted.is_empty else CardSelection(wanted, now)
        self.window.board.set_filter(test)
        count = len(wanted.to_json())
        self.window.filter_button.setText(f"Filter ({count})" if count else "Filter")
        self.window.filter_button.setToolTip(wanted.describe() or "No filter")
        self._remember()

    def apply_view(self, view: View) -> None:
        """Show a saved view: its filter (in the bar), its search and its columns' orders."""
        self.orders = dict(view.orders)
        self._apply_orders()
        self.window.search_field.setText(view.search)
        if not view.filter.is_empty:
            self.show_bar(True)
        if self.bar is not None:
            self.bar.set_filter(view.filter)  # emits changed -> apply
        else:
            self.apply(view.filter)

    def current_view(self, name: str = "") -> View:
        orders = tuple(sorted(self.orders.items()))
        return View(name, self.filter, self.window.search_field.text(), orders)

    def _remember(self) -> None:
        """Keep what the board shows for the next start, once changes pause (or the window
        closes): each write of the settings writes their file anew, which at every keystroke
        held the keystroke for milliseconds of disk."""
        self._remembering.start()

    def _write_current(self) -> None:
        self._remembering.stop()
        self.views.set_current(self.current_view())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and self._remembering.isActive():
            self._write_current()  # before the window writes its settings out
        return False

    def _restore(self) -> None:
        """Bring back what the board showed when it was last closed."""
        last = self.views.current()
        if last != View(""):
            self.apply_view(last)

    # -- sorting ----------------------------------------------------------------------------

    def sort_column(self, stage_name: str, order: str) -> None:
        key = fold(stage_name)
        if order == POSITION:
            self.orders.pop(key, None)
        else:
            self.orders[key] = order
        self._apply_orders()
        self._remember()

    def sort_all(self, order: str) -> None:
        for column in self.window.board.columns.values():
            key = fold(column.stage.name)
            if order == POSITION:
                self.orders.pop(key, None)
            else:
                self.orders[key] = order
        self._apply_orders()
        self._remember()

    def _apply_orders(self) -> None:
        board = self.window.board
        changed: dict[int, CardKey | None] = {}
        for column in board.columns.values():
            order = self.orders.get(fold(column.stage.name), POSITION)
            if order != POSITION or board.card_set.has_order(column.stage.id):
                changed[column.stage.id] = None if order == POSITION else order_key(order)
            self._label_column(column, order)
        if changed:
            board.set_column_orders(changed)

    def _decorate_columns(self) -> None:
        """Give each column's header its Sort menu (columns are rebuilt on stage changes)."""
        for column in self.window.board.columns.values():
            header = column.header
            header.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            for old in header.actions():
                header.removeAction(old)
            group = QActionGroup(header)
            for order, label in ORDER_LABELS.items():
                action = QAction(f"Sort by {label}", header, checkable=True)
                action.setData(order)
                group.addAction(action)
                header.addAction(action)
                action.triggered.connect(
                    lambda _c=False, name=column.stage.name, o=order: self.sort_column(name, o)
                )
            self._label_column(column, self.orders.get(fold(column.stage.name), POSITION))
        if self.orders and self.window.board.card_set.ids():
            self._apply_orders()

    def _label_column(self, column: Column, order: str) -> None:
        for action in column.header.actions():
            action.setChecked(action.data() == order)
        name = column.stage.name
        sorted_by = "" if order == POSITION else f", sorted by {ORDER_LABELS[order].lower()}"
        column.header.setToolTip(f"{name}{sorted_by} (right-click to sort)")
        column.header.setAccessibleDescription(f"Cards{sorted_by or ' in their own order'}")

    # -- views menu -------------------------------------------------------------------------

    def _fill_views_menu(self) -> None:
        menu = self.views_menu
        menu.clear()
        current = self.current_view()
        for view in self.views.all():
            action = menu.addAction(view.name)
            action.setCheckable(True)
            action.setChecked(view._replace(name="") == current)
            action.triggered.connect(lambda _c=False, v=view: self.apply_view(v))
        if self.views.all():
            menu.addSeparator()
        menu.addAction("&Save Current View…", self.save_view_asked)
        delete = menu.addMenu("&Delete View")
        for view in self.views.all():
            gone = delete.addAction(view.name)
            gone.triggered.connect(lambda _c=False, n=view.name: self.views.delete(n))
        delete.setEnabled(bool(self.views.all()))
        menu.addAction("Show &All Cards", lambda: self.apply_view(View("")))

    def save_view_asked(self) -> None:
        from PySide6.QtWidgets import QInputDialog  # loaded on first use, as the dialogs

        name, ok = QInputDialog.getText(self.window, "Save View", "Name of the view:")
        if ok and name.strip():
            self.save_view(name.strip())

    def save_view(self, name: str) -> View:
        """Keep what the board shows now as the view ``name`` (replacing one so named)."""
        view = self.current_view(name)
        self.views.save(view)
        self.window.statusBar().showMessage(f"Saved the view {name!r}", 5000)
        return view

    # -- tags -------------------------------------------------------------------------------

    def manage_tags(self) -> None:
        from jobtracker.ui.filters.tags_dialog import TagsDialog  # loaded on first use

        dialog = next((d for d in self.window.findChildren(TagsDialog) if d.isVisible()), None)
        if dialog is None:
            dialog = TagsDialog(self.window.services, self.window.undo_stack, self.window)
            dialog.changed.connect(self._tags_changed)
        dialog.show()
        dialog.raise_()

    def _tags_changed(self, application_ids: list[int]) -> None:
        self.window.refresh_cards(application_ids)
        self._offer_choices()


def install_filters(window: MainWindow) -> FiltersHookup:
    return FiltersHookup(window)


def _focus_chain(start: QWidget) -> Iterator[QWidget]:
    """The widgets after ``start`` in its window's focus chain, once round."""
    widget = start.nextInFocusChain()
    while widget is not None and widget is not start:
        yield widget
        widget = widget.nextInFocusChain()
