"""One column's cards as a list model, and the MIME format cards travel in.

Each column has its own small model over the shared :class:`CardSet`: the ids it shows, in
rank order. A move touches two of them (a row out, a row in) and a search replaces each
one's id list; nothing re-sorts or re-filters 10,000 rows, and no card is copied into Qt.
A long column makes Qt rows only for its first cards and more as the view scrolls down to
them (Qt's canFetchMore/fetchMore), so a search matching thousands of cards lays out and
stores only what can be seen. Under a search it may hold only those first ids and its count,
and work out the rest when something reads past them (see :meth:`ColumnModel.show_page`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
)

from jobtracker.domain.records import CardRow
from jobtracker.ui.board.card_set import CardSet

ID_ROLE = Qt.ItemDataRole.UserRole + 1
CARD_ROLE = Qt.ItemDataRole.UserRole + 5

CARD_MIME_TYPE = "application/x-jobtracker-card-ids"

#: Qt rows a long column makes at a time: several screens of cards, also on a tall screen
PAGE_ROWS = 64

_DISPLAY = Qt.ItemDataRole.DisplayRole
_EDIT = Qt.ItemDataRole.EditRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
_EXPLAINED = Qt.ItemDataRole.AccessibleDescriptionRole
_ROLES = frozenset({CARD_ROLE, ID_ROLE, _DISPLAY, _ACCESSIBLE, _EXPLAINED})
_CARD_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsDragEnabled
    | Qt.ItemFlag.ItemNeverHasChildren
)

Index = QModelIndex | QPersistentModelIndex


def encode_ids(ids: Sequence[int]) -> QByteArray:
    return QByteArray(",".join(str(i) for i in ids).encode("ascii"))


def decode_ids(mime: QMimeData) -> list[int]:
    """The card ids a drag carries; empty for anything that is not ours."""
    if not mime.hasFormat(CARD_MIME_TYPE):
        return []
    text = bytes(mime.data(CARD_MIME_TYPE).data()).decode("ascii", "replace")
    return [int(part) for part in text.split(",") if part.strip().isdigit()]


class ColumnModel(QStringListModel):
    """The cards one column shows, top to bottom: its stage's cards that match the search.

    The rows are the card ids, held by Qt as strings (and as a list of ints here, which
    the bisections and comparisons read without a call into Qt per row); everything else
    comes from the :class:`CardSet`. Why a string list: a view lays out every row by
    calling ``index`` and ``rowCount``, a few calls per card. Answered in C++ they cost
    next to nothing; answered in Python they made each drop visibly slower (see
    bench_board's drop figures).

    ``describe`` gives the sentence a screen reader says for a card and ``explain`` its
    description, what its badges show (both set by the board, which knows stage names, the
    clock and the badges).
    """

    def __init__(self, stage_id: int, cards: CardSet, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stage_id = stage_id
        self.card_set = cards
        self.describe: Callable[[CardRow], str] = lambda card: f"{card.company}, {card.role}"
        self.explain: Callable[[CardRow], str] = lambda card: ""
        #: the ids the column shows, top to bottom (or only the first of them, while
        #: ``_rest`` is set); the first ``_rows`` of them are Qt's rows
        self._ids: list[int] = []
        self._rows = 0
        #: works out every id shown, while ``_ids`` holds only the first ``_rows`` or more
        #: of ``_count`` (see :meth:`show_page`)
        self._rest: Callable[[], list[int]] | None = None
        self._count = 0
        #: the rows the view needs for where it is scrolled (see :meth:`want_rows`)
        self._wanted = 0

    # -- what the board tells it ----------------------------------------------------------

    def show_ids(self, ids: list[int]) -> bool:
        """Show exactly these ids, in this order (a load or a new search); says whether
        they differ from the ones shown. Only the first of a long list become rows."""
        if self._rest is None and ids == self._ids:
            return False
        self._show(list(ids), len(ids), None)
        return True

    def show_page(self, first: list[int], count: int, rest: Callable[[], list[int]] | None) -> bool:
        """Show ``count`` ids of which ``first`` are the first, at least as many as
        :meth:`rows_wanted` (or all of them); ``rest`` works out all of them, in order,
        when something reads past the first (None: ``first`` is all). Until the cards
        change: the board settles the column (:meth:`settle`) before they do. Says whether
        what the rows show changed."""
        made = self._rows
        if count == self.shown_count() and len(first) >= made and first[:made] == self._ids[:made]:
            self._ids, self._rest, self._count = first, rest, count
            return False  # the same rows and count: nothing to lay out or paint again
        self._show(first, count, rest)
        return True

    def _show(self, ids: list[int], count: int, rest: Callable[[], list[int]] | None) -> None:
        self._ids, self._rest, self._count = ids, rest, count
        self._rows = min(count, self.rows_wanted())
        self.setStringList(list(map(str, ids[: self._rows])))

    def rows_wanted(self) -> int:
        """How many rows the column makes at most when it shows new cards: a page, or as
        far as the view is scrolled."""
        return max(PAGE_ROWS, self._wanted)

    def settle(self) -> None:
        """Work out every id shown (see :meth:`show_page`): before the cards change."""
        self._every_id()

    def _every_id(self) -> list[int]:
        if self._rest is not None:
            self._ids, self._rest = self._rest(), None
        return self._ids

    def insert(self, card_id: int) -> None:
        """Show a card, at its rank (a row if it lands among the rows made)."""
        key = self.card_set.column_key(self.stage_id)
        ids = self._every_id()
        row = bisect_left(ids, key(card_id), key=key)
        every_row_made = self._rows == len(ids)
        ids.insert(row, card_id)
        if row < self._rows or every_row_made:
            self._rows += 1
            self.insertRows(row, 1)
            self.setData(self.index(row, 0), str(card_id), _EDIT)

    def add(self, card_ids: Sequence[int]) -> None:
        """Show these cards (none shown yet) in the column's order: a page read after the
        cards shown goes on the end in one insertion, anything else card by card."""
        if not card_ids:
            return
        ids = self._every_id()
        key, end = self.card_set.column_key(self.stage_id), len(ids)
        ordered = sorted(card_ids, key=key)
        if end and key(self.id_at(end - 1)) > key(ordered[0]):
            for card_id in ordered:
                self.insert(card_id)
            return
        every_row_made = self._rows == end
        ids.extend(ordered)
        if every_row_made:
            self.make_rows(max(PAGE_ROWS, self._wanted))

    def remove(self, card_id: int, placed_at: Mapping[int, tuple[Any, ...]]) -> None:
        """Stop showing a card. ``placed_at`` holds the keys (in the column's order) that
        the cards changing now (this one among them) were placed by, where the card set
        holds their new ones already: with them the rows are in order, and the card is
        found by bisection."""
        key = self.card_set.column_key(self.stage_id)

        def placed(row_id: int) -> tuple[Any, ...]:
            where = placed_at.get(row_id)
            return key(row_id) if where is None else where

        rows = self._every_id()
        row = bisect_left(rows, placed_at[card_id], key=placed)
        if row < len(rows) and rows[row] == card_id:
            del rows[row]
            if row < self._rows:
                self._rows -= 1
                QStringListModel.removeRows(self, row, 1, QModelIndex())

    def refresh(self, card_id: int) -> None:
        """The card changed but not its place: repaint it (if it has a row)."""
        row = self.row_of(card_id)
        if 0 <= row < self._rows:
            index = self.index(row, 0)
            self.dataChanged.emit(index, index)

    def make_rows(self, count: int) -> None:
        """Make rows for the first ``count`` ids shown (at most all of them)."""
        end = min(count, self.shown_count())
        start = self._rows
        if end <= start:
            return
        if end > len(self._ids):
            self._every_id()
        self._rows = end
        self.insertRows(start, end - start)
        for row in range(start, end):
            self.setData(self.index(row, 0), str(self._ids[row]), _EDIT)

    def want_rows(self, count: int) -> None:
        """The view shows down to row ``count`` where it is scrolled: make rows that far
        and a page more, and keep that many through the next searches."""
        self._wanted = count
        if count > self._rows:
            self.make_rows(count + PAGE_ROWS)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._rows < self.shown_count()

    def fetchMore(self, parent: Index) -> None:
        if not parent.isValid():
            self.make_rows(self._rows + PAGE_ROWS)

    # -- reading --------------------------------------------------------------------------

    def ids(self) -> list[int]:
        """The column's card ids, top to bottom."""
        return list(self._every_id())

    def id_at(self, row: int) -> int:
        ids = self._ids if row < len(self._ids) else self._every_id()
        return ids[row]

    def shown_count(self) -> int:
        """How many cards the column shows (its rows, and those not made rows yet)."""
        return len(self._ids) if self._rest is None else self._count

    def unmade_count(self) -> int:
        """Cards the column shows that have no row yet (further down a long column)."""
        return self.shown_count() - self._rows

    def card_at(self, row: int) -> CardRow | None:
        """The card shown at ``row`` (None past the end, or for a card no more here)."""
        ids = self._ids if row < len(self._ids) else self._every_id()
        return self.card_set.card(ids[row]) if 0 <= row < len(ids) else None

    def unread_count(self) -> int:
        """Cards of this stage the board has not read yet (at its start; see
        BoardWidget.load_first)."""
        if not self.card_set.partial:
            return 0
        return self.card_set.stage_count(self.stage_id) - self.shown_count()

    def row_of(self, card_id: int) -> int:
        """The place of ``card_id`` in the column (a row, or a place not made a row yet:
        see :meth:`make_rows`), or -1."""
        if self.card_set.card(card_id) is None:
            return -1
        key = self.card_set.column_key(self.stage_id)
        rows, place = self._ids, key(card_id)
        row = bisect_left(rows, place, key=key)
        if row == len(rows) and self._rest is not None:  # past the first ids worked out
            rows = self._every_id()
            row = bisect_left(rows, place, key=key)
        return row if row < len(rows) and rows[row] == card_id else -1

    # -- what views ask -------------------------------------------------------------------

    def data(self, index: Index, role: int = _DISPLAY) -> object:
        if role not in _ROLES:
            return None
        text = super().data(index, _EDIT)
        card = self.card_set.card(int(text)) if text else None  # "" for a row being added
        if card is None:
            return None
        if role == CARD_ROLE:
            return card
        if role == ID_ROLE:
            return card.id
        if role == _ACCESSIBLE:
            return self.describe(card)
        if role == _EXPLAINED:
            return self.explain(card)
        return card.company

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _CARD_FLAGS if index.isValid() else Qt.ItemFlag.ItemIsDropEnabled

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        """Refuse: cards leave a column by a domain move, never by a view.

        Qt 6's ``QAbstractItemView.startDrag`` removes the dragged rows from the *source*
        view after a MoveAction; the board's own drag start avoids that, and this keeps any
        other path from hiding a card that was just moved.
        """
        return False

    def mimeTypes(self) -> list[str]:
        return [CARD_MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        cards = [index.data(CARD_ROLE) for index in indexes if index.isValid()]
        mime.setData(CARD_MIME_TYPE, encode_ids([card.id for card in cards]))
        mime.setText("\n".join(card.company for card in cards))
        return mime

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction
