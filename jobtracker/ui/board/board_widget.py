"""The board: one column per stage side by side, scrolling sideways when narrow.

Holds the card set and one ColumnModel per stage; knows which cards are selected and
moves the keyboard focus across columns. It changes nothing itself: moves and opens are
signalled to whoever owns the domain services.

Signals:
    move_requested(list ids, int stage_id, object before_id): a drop asked for a move.
    open_requested(int card_id): Enter or a double click on a card.
    counts_changed(int shown, int total): after a search or a change of the cards.
    columns_rebuilt(): the columns were made anew (new stages).
    rest_loaded(): every card is here, after :meth:`read_rest` read those the first frame
        left out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, tzinfo
from typing import Any

from PySide6.QtCore import QItemSelection, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QWidget

from jobtracker.domain.board_reads import FirstFrame
from jobtracker.domain.clock import zone_named
from jobtracker.domain.records import CardRow, StageInfo
from jobtracker.ui.board.card_delegate import CardDelegate
from jobtracker.ui.board.card_model import ID_ROLE, ColumnModel
from jobtracker.ui.board.card_set import CardSet, CardTest, search_words
from jobtracker.ui.board.card_text import accessible_text, description
from jobtracker.ui.board.column import Column, empty_hint
from jobtracker.ui.board.column_view import ColumnView
from jobtracker.ui.board.rest_pages import PageReader, RestPages

COLUMN_GAP = 8
#: how long after every card is here the search's index starts being built ahead
INDEX_AHEAD_DELAY_MS = 500
#: cards put into the search's index per turn of the event loop
INDEX_SLICE = 1000
NO_MATCH_HINT = "No cards match the search or the filters."
GROUP_GAP = 20


class BoardWidget(QScrollArea):
    """Columns of cards. Call :meth:`set_stages` then :meth:`load` (or :meth:`load_first`)."""

    move_requested = Signal(list, int, object)
    open_requested = Signal(int)
    counts_changed = Signal(int, int)
    columns_rebuilt = Signal()
    rest_loaded = Signal()
    #: the search's index (and the filters', once wanted) holds every card
    indexed = Signal()

    def __init__(self, now: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card_set = CardSet()
        self._now = now
        self.delegate = CardDelegate(now, self)
        self.columns: dict[int, Column] = {}
        self.stages: list[StageInfo] = []
        self._stage_names: dict[int, str] = {}
        self.hidden_stage_ids: set[int] = set()
        self.show_closed = True
        self._words: list[str] = []
        self._active: ColumnView | None = None
        self._syncing_selection = False
        #: reads a page of the cards :meth:`load_first` left out; None while no one can
        self._read_page: PageReader | None = None
        #: the pages being read after the first paint, until all are
        self._rest: RestPages | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName("Board")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its columns take it; it scrolls to them
        self._canvas = QWidget(self)
        self._layout = QHBoxLayout(self._canvas)
        self._layout.setContentsMargins(12, 10, 12, 10)
        self._layout.setSpacing(COLUMN_GAP)
        self.setWidget(self._canvas)
        #: builds the search's index ahead of the first keystroke, a slice per turn
        self._indexer = QTimer(self)
        self._indexer.timeout.connect(self._index_slice)

    # -- building ---------------------------------------------------------------------------

    def set_stages(self, stages: Iterable[StageInfo]) -> None:
        """(Re)build the columns for these stages, open ones first, closed outcomes last."""
        collapsed = {sid for sid, column in self.columns.items() if column.collapsed}
        for column in self.columns.values():
            column.deleteLater()
        while self._layout.count():
            self._layout.takeAt(0)
        self.columns = {}
        self._active = None
        self.stages = sorted(stages, key=lambda s: (s.is_closed, s.position))
        self._stage_names = {s.id: s.name for s in self.stages}
        self.delegate.stage_colors = {s.id: QColor(s.color) for s in self.stages}
        previous_closed = False
        for stage in self.stages:
            if stage.is_closed and not previous_closed:
                self._layout.addSpacing(GROUP_GAP - COLUMN_GAP)
            previous_closed = stage.is_closed
            cards = ColumnModel(stage.id, self.card_set, self)
            cards.describe = self._describe
            cards.explain = self._explain
            cards.show_ids(self.card_set.shown_ids(stage.id))
            view = ColumnView(cards, self.delegate)
            column = Column(stage, view, self._canvas)
            self.columns[stage.id] = column
            self._layout.addWidget(column)
            self._wire(view)
            column.set_collapsed(stage.id in collapsed)
        self._layout.addStretch(1)
        self._apply_visibility()
        self.columns_rebuilt.emit()

    def _wire(self, view: ColumnView) -> None:
        view.drop_requested.connect(self.move_requested)
        view.open_requested.connect(self.open_requested)
        view.doubleClicked.connect(lambda index: self.open_requested.emit(index.data(ID_ROLE)))
        view.hop_requested.connect(lambda direction, v=view: self.hop(v, direction))
        view.selectionModel().selectionChanged.connect(
            lambda selected, _deselected, v=view: self._selection_changed(v, selected)
        )

    def load(self, cards: Iterable[CardRow]) -> None:
        """Show these cards (and only these)."""
        self._stop_reading_rest()
        self.card_set.load(cards)
        self._show_matching(repaint=True)
        self._emit_counts()
        self._index_ahead()

    def load_first(
        self,
        cards: Iterable[CardRow],
        totals: Mapping[int, int],
        read_page: PageReader | None,
    ) -> None:
        """Show each stage's first ``cards`` under its full count (``totals``) now; the
        rest, read by ``read_page`` a page at a time, follow :meth:`read_rest` (after the
        first paint). Without ``read_page`` (no services yet) the board stays as it is until
        :meth:`read_rest_with` says how to read them."""
        self._stop_reading_rest()
        self.card_set.load(cards, totals)
        self._show_matching(repaint=True)
        self._emit_counts()
        self._read_page = read_page

    def show_first_frame(self, frame: FirstFrame, read_page: PageReader | None) -> None:
        """The stages of ``frame`` and its first cards (see :meth:`load_first`), their
        badges in the frame's time zone setting."""
        self.set_zone(zone_named(frame.time_zone))
        self.set_stages(frame.stages)
        self.load_first(frame.cards, frame.counts, read_page)

    @property
    def zone(self) -> tzinfo | None:
        """The person's time zone the cards' days are in (None: the system's)."""
        return self.delegate.zone

    def set_zone(self, zone: tzinfo | None) -> None:
        """Cards' days and times in ``zone``, the person's (None: the system's); the
        columns paint again when that changes them."""
        if self.delegate.set_zone(zone):
            for column in self.columns.values():
                column.view.viewport().update()

    def read_rest_with(self, read_page: PageReader) -> None:
        """How to read the cards a first frame shown without a page reader left out."""
        if self.card_set.partial:
            self._read_page = read_page

    @property
    def loading(self) -> bool:
        """Some cards are not read yet (only each stage's first ones are here)."""
        return self.card_set.partial

    def read_rest(self) -> None:
        """Read the cards the first frame left out, a page per turn of the event loop (the
        board answers input between pages); ``rest_loaded`` says when all are here."""
        if self._rest is not None or self._read_page is None or not self.card_set.partial:
            return
        starts = []
        for stage in self.stages:
            ids = self.card_set.stage_ids(stage.id)
            starts.append((stage.id, self.card_set.sort_key(ids[-1]) if ids else None))
        self._rest = RestPages(self._read_page, starts, self._take_page, self)
        self._rest.done.connect(self._rest_read)
        self._rest.start()

    def finish_loading(self) -> None:
        """Read now every card not read yet (what needs them all at once: a move by
        neighbours, selecting a card by id); nothing when all are here."""
        if not self.card_set.partial:
            return
        self.read_rest()
        if self._rest is not None:
            self._rest.finish()

    def _take_page(self, stage_id: int, cards: list[CardRow]) -> None:
        """Add a page of a stage's cards: those new to the column go on its end in one
        insertion (their pages come in rank order), those already there are refreshed."""
        self._settle_columns()
        changes = self.card_set.update(cards)
        column = self._column_cards(stage_id)
        if column is not None:
            new = [a.id for b, a in changes if b is None and a and self.card_set.matches(a.id)]
            column.add(new)
        self._show_changes([(before, after) for before, after in changes if before is not None])
        if self._filtering():
            self._emit_counts()

    def _rest_read(self) -> None:
        self._rest = None
        self.card_set.complete()
        self._emit_counts()
        self.rest_loaded.emit()
        self._index_ahead()

    def _index_ahead(self) -> None:
        """Build the search's index a slice per turn of the event loop, a moment after every
        card is here (the start settles first): the first keystroke finds it built."""
        self._indexer.start(INDEX_AHEAD_DELAY_MS)

    def index_filters_ahead(self) -> None:
        """Build the filters' index too, a slice per turn of the event loop from the next
        turn on (the filter bar is open): its first click finds it built."""
        self.card_set.want_filters()
        if not self.card_set.indexed:
            self._indexer.start(0)

    def _index_slice(self) -> None:
        self._indexer.setInterval(0)
        if self.card_set.partial:
            self._indexer.stop()  # the rest still coming: it starts again then
        elif self.card_set.index_more(INDEX_SLICE):
            self._indexer.stop()
            self.indexed.emit()

    def _stop_reading_rest(self) -> None:
        if self._rest is not None:
            self._rest.stop()
            self._rest = None
        self._read_page = None

    def _keeping_selection(self, refill: Callable[[], None]) -> None:
        """Run ``refill`` (which resets the column models), then select again the cards
        that were selected, where they still show."""
        active = self._active
        selected = active.selected_ids() if active is not None else []
        refill()
        if active is not None and selected:
            active.select_ids(selected)

    def _show_matching(self, repaint: bool = False) -> None:
        """Each column shows its cards that match the search. A column whose cards are the
        same is not painted again, unless ``repaint`` says the cards themselves changed."""
        for column in self.columns.values():
            view = column.view
            cards = view.cards
            changed = cards.show_page(
                *self.card_set.shown_page(column.stage.id, cards.rows_wanted())
            )
            hint = NO_MATCH_HINT if self._filtering() else empty_hint(column.stage)
            if hint != view.empty_hint:
                view.empty_hint = hint
                changed = changed or not view.cards.rowCount()
            if repaint or changed:
                view.viewport().update()

    def update_cards(self, cards: Iterable[CardRow], gone: Iterable[int] = ()) -> None:
        """Refresh or add ``cards`` in their columns, at their rank; drop the ``gone`` ids."""
        self._settle_columns()
        self._show_changes(self.card_set.update(cards, gone))
        self._emit_counts()

    def _show_changes(self, changes: list[tuple[CardRow | None, CardRow | None]]) -> None:
        """Move each changed card's row where its change puts it (see CardSet.update).

        Every card that leaves its place does so before any goes in: while several cards
        change rank at once (a move of a few, a reorder), each column's rows stay in the
        order the bisections rely on."""
        order = self.card_set.order_of
        placed_at = {
            before.id: order(before.stage_id, before) for before, _ in changes if before is not None
        }
        arriving: list[tuple[ColumnModel, int]] = []
        for before, after in changes:
            source = self._column_cards(before.stage_id) if before else None
            target = None
            if after is not None and self.card_set.matches(after.id):
                target = self._column_cards(after.stage_id)
            if before is not None and after is not None and source is not None:
                same_place = source is target and order(after.stage_id, before) == order(
                    after.stage_id, after
                )
                if same_place and source.row_of(after.id) >= 0:
                    source.refresh(after.id)  # edited in place: keeps the selection
                    continue
            if source is not None and before is not None:
                source.remove(before.id, placed_at)
            if target is not None and after is not None:
                arriving.append((target, after.id))
        for target, card_id in arriving:
            target.insert(card_id)

    def _settle_columns(self) -> None:
        """Every column works out all of its ids now, from the cards as they are (see
        ColumnModel.show_page): before the cards change under it."""
        for column in self.columns.values():
            column.view.cards.settle()

    def _column_cards(self, stage_id: int) -> ColumnModel | None:
        column = self.columns.get(stage_id)
        return column.view.cards if column is not None else None

    def _describe(self, card: CardRow) -> str:
        """The sentence a screen reader says for a card: "Acme, Backend Engineer, Applied,
        3 days"."""
        return accessible_text(card, self._stage_names.get(card.stage_id, ""), self._now())

    def _explain(self, card: CardRow) -> str:
        """What the card's badges show, all of them (a narrow card paints only some)."""
        return description(self.delegate.card_badges(card))

    # -- visibility ---------------------------------------------------------------------------

    def set_hidden_stages(self, stage_ids: Iterable[int]) -> None:
        self.hidden_stage_ids = set(stage_ids)
        self._apply_visibility()

    def set_show_closed(self, show: bool) -> None:
        self.show_closed = show
        self._apply_visibility()

    def collapsed_stage_ids(self) -> set[int]:
        return {sid for sid, column in self.columns.items() if column.collapsed}

    def set_collapsed_stages(self, stage_ids: Iterable[int]) -> None:
        wanted = set(stage_ids)
        for sid, column in self.columns.items():
            column.set_collapsed(sid in wanted and column.stage.is_closed)

    def is_shown(self, stage_id: int) -> bool:
        column = self.columns.get(stage_id)
        if column is None or stage_id in self.hidden_stage_ids:
            return False
        return self.show_closed or not column.stage.is_closed

    def _apply_visibility(self) -> None:
        for sid, column in self.columns.items():
            column.setVisible(self.is_shown(sid))
        self._emit_counts()

    # -- search -------------------------------------------------------------------------------

    def set_search(self, text: str) -> None:
        """Show only the cards holding every word; selected cards that still show stay
        selected."""
        words = search_words(text)
        if words == self._words:
            return
        self._words = words
        if not self.card_set.search(words):
            return  # the same cards match: nothing to show again, nor to count

        self._keeping_selection(self._show_matching)
        self._emit_counts()

    def set_only_ids(self, ids: Iterable[int] | None) -> None:
        """Show only these cards (a set chosen in Insights) besides the search; None: all."""
        self.finish_loading()

        def refill() -> None:
            self.card_set.restrict(ids)
            self._show_matching()

        self._keeping_selection(refill)
        self._emit_counts()

    def set_filter(self, keep: CardTest | None) -> None:
        """Show only the cards ``keep`` accepts (the filter bar's) besides the search;
        None: all."""
        if keep is None and not self.card_set.filtered:
            return  # nothing to clear (a start bringing back a view without a filter)
        self.finish_loading()

        def refill() -> None:
            self.card_set.set_filter(keep)
            self._show_matching()

        self._keeping_selection(refill)
        self._emit_counts()

    def set_column_orders(
        self, orders: Mapping[int, Callable[[CardRow], tuple[Any, ...]] | None]
    ) -> None:
        """Sort columns (stage id: key) by their key (None: by rank, the drag order)."""
        self.finish_loading()

        def refill() -> None:
            for stage_id, key in orders.items():
                self.card_set.set_order(stage_id, key)
            self._show_matching()

        self._keeping_selection(refill)

    def _filtering(self) -> bool:
        return bool(self._words) or self.card_set.restricted or self.card_set.filtered

    def counts(self) -> tuple[int, int]:
        """(cards shown in visible columns, cards in visible columns without the search)."""
        visible = [sid for sid in self.columns if self.is_shown(sid)]
        shown = sum(self._shown_count(sid) for sid in visible)
        return shown, sum(self.card_set.stage_count(sid) for sid in visible)

    def _shown_count(self, stage_id: int) -> int:
        """The cards a column shows: its rows under a search, else its stage's full count
        (more than its rows before :meth:`finish_loading`)."""
        if self._filtering():
            return self.columns[stage_id].view.cards.shown_count()
        return self.card_set.stage_count(stage_id)

    def _emit_counts(self) -> None:
        """Refresh the column counts and say how many cards show. Called once per change:
        the models' row signals fire per range and would call Python thousands of times."""
        for stage_id, column in self.columns.items():
            column.update_count(self._shown_count(stage_id))
        self.counts_changed.emit(*self.counts())

    # -- selection and focus -------------------------------------------------------------------

    def views(self) -> list[ColumnView]:
        """The views that can take focus now, left to right."""
        return [c.view for sid, c in self.columns.items() if self.is_shown(sid) and not c.collapsed]

    def active_view(self) -> ColumnView | None:
        return self._active

    def selected_ids(self) -> list[int]:
        return self._active.selected_ids() if self._active is not None else []

    def _selection_changed(self, view: ColumnView, selected: QItemSelection) -> None:
        if self._syncing_selection or selected.isEmpty():
            return
        self._active = view
        self._syncing_selection = True
        try:
            for other in self.views():
                selection = other.selectionModel()
                if other is view or not (
                    selection.hasSelection() or selection.currentIndex().isValid()
                ):
                    continue
                selection.clearSelection()
                # a column's current card reads as focused to screen readers: one only
                selection.clearCurrentIndex()
        finally:
            self._syncing_selection = False

    def select_ids(self, ids: list[int], focus: bool = True) -> bool:
        """Select these cards in the column that holds the first of them."""
        self.finish_loading()
        card = self.card_set.card(ids[0]) if ids else None
        column = self.columns.get(card.stage_id) if card else None
        if column is None or not self.is_shown(column.stage.id):
            return False
        column.set_collapsed(False)
        if focus:  # first: the new current card then tells screen readers it has the focus
            column.view.setFocus(Qt.FocusReason.OtherFocusReason)
        if not column.view.select_ids(ids):
            return False
        self._active = column.view
        self._selection_changed(column.view, column.view.selectionModel().selection())
        if focus:
            self.ensureWidgetVisible(column, 0, 0)
        return True

    def focus_first_card(self) -> bool:
        """Focus the first card of the first non-empty column (the start position)."""
        for view in self.views():
            if view.cards.rowCount():
                first = view.cards.index(0, 0)
                view.setFocus(Qt.FocusReason.OtherFocusReason)
                view.setCurrentIndex(first)
                self._active = view
                self._reveal(view)
                return True
        return False

    def _reveal(self, view: ColumnView) -> None:
        """Scroll the board sideways until ``view``'s column is in sight."""
        column = view.parentWidget()
        if column is not None:
            self.ensureWidgetVisible(column, 0, 0)

    def hop(self, view: ColumnView, direction: int) -> None:
        """Move focus to the nearest non-empty column left or right, at the same height."""
        views = self.views()
        if view not in views:
            return
        position = views.index(view) + direction
        current = view.currentIndex()
        y = view.visualRect(current).center().y() if current.isValid() else 0
        while 0 <= position < len(views):
            target = views[position]
            if target.cards.rowCount():
                index = target.indexAt(QPoint(10, y))
                if not index.isValid():
                    last = target.cards.rowCount() - 1
                    index = target.cards.index(min(max(current.row(), 0), last), 0)
                target.setFocus(Qt.FocusReason.OtherFocusReason)
                target.setCurrentIndex(index)
                self._active = target
                self._reveal(target)
                return
            position += direction

    def neighbour_stage(self, stage_id: int, direction: int) -> StageInfo | None:
        """The next shown stage left or right of ``stage_id`` (collapsed ones included)."""
        shown = [s for s in self.stages if self.is_shown(s.id)]
        ids = [s.id for s in shown]
        if stage_id not in ids:
            return None
        position = ids.index(stage_id) + direction
        return shown[position] if 0 <= position < len(shown) else None

    def column_ids(self, stage_id: int) -> list[int]:
        self.finish_loading()
        column = self.columns.get(stage_id)
        return column.view.cards.ids() if column else []

    def stage_name(self, stage_id: int) -> str:
        return self._stage_names.get(stage_id, "")
