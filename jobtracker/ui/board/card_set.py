"""Every card on the board, grouped by stage in rank order, and the search over them.

Plain Python on purpose (no Qt): the column models read from here, so the board keeps one
copy of each card. A keystroke looks its words up in a :class:`SearchIndex` per stage (built
ahead of the first search, then kept with the cards) and reads only the cards that hold
them: each stage's matches come out as a set of their own, so a column's count is their
number and its cards are found without reading the other stages'.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable, Iterable, Mapping
from itertools import islice
from operator import attrgetter
from typing import Any, Protocol

from jobtracker.domain.card_filters import CardIndex
from jobtracker.domain.records import CardRow
from jobtracker.text import fold
from jobtracker.ui.board.search_index import SearchIndex


def search_words(query: str) -> list[str]:
    """The folded words a search matches, each anywhere in a card's text."""
    return fold(query).split()


#: a stage's matches fewer than one in this many of its cards are sorted into place one by
#: one; more, and the stage's list is filtered (at C speed: far cheaper per card)
SPARSE = 16

#: where a card sits in its column: by rank, ties (never made by the domain) by id
rank_key: Callable[[CardRow], tuple[float, int]] = attrgetter("rank", "id")


def _take(backlog: dict[int, None], count: int) -> list[int]:
    """The first ``count`` ids of ``backlog``, taken out of it."""
    taken = list(islice(backlog, count))
    for card_id in taken:
        del backlog[card_id]
    return taken


def sort_by_rank(cards: list[CardRow]) -> None:
    """Sort ``cards`` as :data:`rank_key` orders them, in place: two stable sorts on values
    the cards hold, where one on ``rank_key`` would make a key tuple per card (memory at
    the peak of a large board's start)."""
    cards.sort(key=attrgetter("id"))
    cards.sort(key=attrgetter("rank"))


class CardTest(Protocol):
    """What the filter bar narrows the board with: a test of one card, and the ids of
    every card that passes, read from the index of the board's cards."""

    def __call__(self, card: CardRow) -> bool: ...

    def select(self, index: CardIndex) -> set[int]:
        """The ids of the cards in ``index`` that pass."""
        ...


class CardSet:
    """The cards by id, each stage's ids in rank order, and the ids the search matches."""

    def __init__(self) -> None:
        self._cards: dict[int, CardRow] = {}
        self._stages: dict[int, list[int]] = {}
        #: each stage's full count while only its first cards are here (a board's start)
        self._totals: dict[int, int] | None = None
        self._words: list[str] = []
        #: each stage's ids that hold every word (None: no words, every card matches)
        self._matches: dict[int, set[int]] | None = None
        #: each stage's cards by word; None until the first search needs them or they
        #: are built ahead
        self._indexes: dict[int, SearchIndex] | None = None
        #: while the indexes are built ahead (see :meth:`index_more`): the ids not in yet
        self._unindexed: dict[int, None] = {}
        #: the filters' index of the cards, None until the filters are wanted (see
        #: :meth:`want_filters`); and while it is built ahead, the ids not in it yet
        self._filters: CardIndex | None = None
        self._unfiltered: dict[int, None] = {}
        #: the only ids shown, whatever the search (a set chosen in Insights), or None
        self._only: frozenset[int] | None = None
        #: the filter bar's test, and the ids that pass it (None: no filter)
        self._keep: CardTest | None = None
        self._passing: set[int] | None = None
        #: columns sorted by something other than rank: their key, and their ids in
        #: that order while no card of theirs changes
        self._orders: dict[int, Callable[[CardRow], tuple[Any, ...]]] = {}
        self._sorted: dict[int, list[int]] = {}

    def __len__(self) -> int:
        return len(self._cards)

    def card(self, card_id: int) -> CardRow | None:
        return self._cards.get(card_id)

    def ids(self) -> list[int]:
        return list(self._cards)

    def stage_ids(self, stage_id: int) -> list[int]:
        """The stage's card ids in rank order (a copy)."""
        return list(self._stages.get(stage_id, ()))

    def stage_count(self, stage_id: int) -> int:
        """How many cards the stage holds, counting those not loaded yet."""
        if self._totals is not None:
            return self._totals.get(stage_id, 0)
        return len(self._stages.get(stage_id, ()))

    @property
    def partial(self) -> bool:
        """Only each stage's first cards are here (loaded with their stages' totals)."""
        return self._totals is not None

    def sort_key(self, card_id: int) -> tuple[float, int]:
        return rank_key(self._cards[card_id])

    def column_key(self, stage_id: int) -> Callable[[int], tuple[Any, ...]]:
        """Where a card id sits in the stage's column, as it is sorted now."""
        order = self._orders.get(stage_id)
        if order is None:
            return self.sort_key
        cards = self._cards
        return lambda card_id: order(cards[card_id])

    def order_of(self, stage_id: int, card: CardRow) -> tuple[Any, ...]:
        """``card``'s place in the stage's column as it is sorted now."""
        order = self._orders.get(stage_id)
        return rank_key(card) if order is None else order(card)

    def has_order(self, stage_id: int) -> bool:
        """The stage's column is sorted by something other than rank."""
        return stage_id in self._orders

    def set_order(self, stage_id: int, key: Callable[[CardRow], tuple[Any, ...]] | None) -> None:
        """Sort the stage's column by ``key``; None: by rank (the drag order)."""
        self._sorted.pop(stage_id, None)
        if key is None:
            self._orders.pop(stage_id, None)
        else:
            self._orders[stage_id] = key

    # -- changes ----------------------------------------------------------------------------

    def load(self, cards: Iterable[CardRow], totals: Mapping[int, int] | None = None) -> None:
        """Replace every card. ``totals`` (stage id: card count) says these are only each
        stage's first cards, and how many each stage holds in all."""
        self._totals = None if totals is None else dict(totals)
        self._cards = {card.id: card for card in cards}
        stages: dict[int, list[CardRow]] = {}
        for card in self._cards.values():
            stages.setdefault(card.stage_id, []).append(card)
        self._stages = {}
        for stage_id, rows in stages.items():
            sort_by_rank(rows)
            self._stages[stage_id] = [card.id for card in rows]
        self._indexes, self._unindexed = None, {}
        if self._filters is not None:  # wanted: built again, ahead as before
            self._filters, self._unfiltered = CardIndex(), dict.fromkeys(self._cards)
        self._sorted = {}
        self._matches = self._search(self._words)
        self._passing = self._filter()

    def complete(self) -> None:
        """Every card is here now (the rest after a start's first cards, added by
        :meth:`update`): counts come from the cards themselves again."""
        self._totals = None

    def update(
        self, cards: Iterable[CardRow], gone: Iterable[int] = ()
    ) -> list[tuple[CardRow | None, CardRow | None]]:
        """Refresh or add ``cards`` and drop the ``gone`` ids; returns (before, after) for
        each card that was there or is now (None where it was not or is no more)."""
        changes: list[tuple[CardRow | None, CardRow | None]] = []
        for card in cards:
            before = self._cards.get(card.id)
            if before is not None:
                self._unplace(before)
            self._place(card)
            changes.append((before, card))
        for card_id in gone:
            before = self._cards.get(card_id)
            if before is not None:
                self._unplace(before)
                del self._cards[card_id]
                self._unindexed.pop(card_id, None)
                self._unfiltered.pop(card_id, None)
                if self._passing is not None:
                    self._passing.discard(card_id)
                changes.append((before, None))
        return changes

    def _place(self, card: CardRow) -> None:
        self._cards[card.id] = card
        column = self._stages.setdefault(card.stage_id, [])
        if not column or self.sort_key(column[-1]) < rank_key(card):
            column.append(card.id)  # after every card there: how a start's pages come
        else:
            insort(column, card.id, key=self.sort_key)
        self._sorted.pop(card.stage_id, None)
        if self._passing is not None and self._keep is not None:
            if self._keep(card):
                self._passing.add(card.id)
            else:
                self._passing.discard(card.id)
        if self._indexes is not None and card.id not in self._unindexed:
            self._index_of(card.stage_id).add(card.id, card.search_text)
        if self._filters is not None and card.id not in self._unfiltered:
            if self._unfiltered:  # being built: in bulk with the rest (a start's pages)
                self._unfiltered[card.id] = None
            else:
                self._filters.add(card)
        if self._matches is not None and self._match(card, self._words):
            self._matches.setdefault(card.stage_id, set()).add(card.id)

    def _unplace(self, card: CardRow) -> None:
        column = self._stages[card.stage_id]
        del column[bisect_left(column, rank_key(card), key=self.sort_key)]
        self._sorted.pop(card.stage_id, None)
        if self._indexes is not None and card.id not in self._unindexed:
            self._index_of(card.stage_id).remove(card.id, card.search_text)
        if self._filters is not None and card.id not in self._unfiltered:
            self._filters.remove(card)
        if self._matches is not None:
            self._matches.get(card.stage_id, set()).discard(card.id)

    def _index_of(self, stage_id: int) -> SearchIndex:
        assert self._indexes is not None
        index = self._indexes.get(stage_id)
        if index is None:
            index = self._indexes[stage_id] = SearchIndex()
        return index

    # -- search -----------------------------------------------------------------------------

    def search(self, words: list[str]) -> bool:
        """Show the cards that hold every one of ``words`` from now on; says whether that
        changes which cards match (typing on often does not)."""
        if words == self._words:
            return False
        self._words = list(words)
        matches = self._search(self._words)
        if matches == self._matches:
            return False
        self._matches = matches
        return True

    def index_more(self, count: int) -> bool:
        """Put up to ``count`` more cards into the search's index, and as many into the
        filters' once they are wanted (:meth:`want_filters`), building them ahead of the
        first search or filter a slice at a time; says whether every card is in them. A
        card changed before its turn goes in as it is then."""
        self._index_search(count)
        self._index_filters(count)
        return self.indexed

    def _index_search(self, count: int) -> None:
        if self._indexes is None:
            self._indexes, self._unindexed = {}, dict.fromkeys(self._cards)
        cards = self._cards
        for card_id in _take(self._unindexed, count):
            card = cards[card_id]
            self._index_of(card.stage_id).add(card_id, card.search_text)

    def _index_filters(self, count: int) -> None:
        if self._filters is not None and self._unfiltered:
            cards = self._cards
            for card_id in _take(self._unfiltered, count):
                self._filters.add(cards[card_id], in_bulk=True)
            if not self._unfiltered:
                self._filters.settle()

    def want_filters(self) -> None:
        """The filters are wanted (the filter bar is open): :meth:`index_more` builds their
        index too from now on, and it is kept as the cards change."""
        if self._filters is None:
            self._filters, self._unfiltered = CardIndex(), dict.fromkeys(self._cards)

    @property
    def indexed(self) -> bool:
        """Every card is in the search's indexes (built, ahead or by a search), and in the
        filters' once they are wanted."""
        return self._indexes is not None and not self._unindexed and not self._unfiltered

    def matching_ids(self, query: str) -> set[int] | None:
        """The ids of the cards holding every word of ``query`` (folded, anywhere in their
        text); None when it has no words, as every card matches. Reads only the cards that
        hold its longest word."""
        found = self._search(search_words(query))
        return None if found is None else set().union(*found.values())

    def restrict(self, ids: Iterable[int] | None) -> None:
        """Show only ``ids`` (as well as matching the search); None shows every card."""
        self._only = None if ids is None else frozenset(ids)

    @property
    def restricted(self) -> bool:
        return self._only is not None

    def set_filter(self, keep: CardTest | None) -> None:
        """Show only the cards ``keep`` accepts (as well as matching the search); None
        shows every card."""
        self._keep = keep
        self._passing = self._filter()

    @property
    def filtered(self) -> bool:
        return self._passing is not None

    def _filter(self) -> set[int] | None:
        keep = self._keep
        if keep is None:
            return None
        self.want_filters()
        self._index_filters(len(self._unfiltered))  # what is not built ahead yet, now
        assert self._filters is not None
        return keep.select(self._filters)

    def matches(self, card_id: int) -> bool:
        only = self._only is None or card_id in self._only
        passing = self._passing is None or card_id in self._passing
        if not (only and passing) or self._matches is None:
            return only and passing
        card = self._cards.get(card_id)
        return card is not None and card_id in self._matches.get(card.stage_id, ())

    def shown_ids(self, stage_id: int) -> list[int]:
        """The stage's ids that match the search (and the restriction and the filter), in
        the column's order."""
        matches = None if self._matches is None else self._matches.get(stage_id, set())
        if matches is not None and len(matches) * SPARSE < len(self._stages.get(stage_id, ())):
            column = sorted(matches, key=self.column_key(stage_id))  # few: in their places
        else:
            column = self._column(stage_id)
            if matches is not None:
                column = list(filter(matches.__contains__, column))
        if self._only is not None:
            column = list(filter(self._only.__contains__, column))
        if self._passing is not None:
            column = list(filter(self._passing.__contains__, column))
        return list(column)

    def shown_page(
        self, stage_id: int, first: int
    ) -> tuple[list[int], int, Callable[[], list[int]] | None]:
        """What :meth:`shown_ids` says, worked out only as far as a column shows at first:
        (at least the first ``first`` ids, or all of them; how many there are; what works
        out all of them while they are not all here, else None). Under a search alone, a
        stage's count is its matches' and its first ids come from the top of its list;
        the whole list only when something reads further, before the cards change."""
        matches = None if self._matches is None else self._matches.get(stage_id, set())
        column = self._stages.get(stage_id, [])
        if (
            matches is None or self._only is not None or self._passing is not None
            or len(matches) * SPARSE < len(column)
        ):  # fmt: skip
            ids = self.shown_ids(stage_id)
            return ids, len(ids), None
        column = self._column(stage_id)
        head = list(islice(filter(matches.__contains__, column), first))
        if len(head) == len(matches):
            return head, len(head), None
        return head, len(matches), lambda: list(filter(matches.__contains__, column))

    def _column(self, stage_id: int) -> list[int]:
        """The stage's ids in the column's order (rank, or the order it is sorted by)."""
        column = self._stages.get(stage_id, [])
        if stage_id not in self._orders:
            return column
        ordered = self._sorted.get(stage_id)
        if ordered is None:
            ordered = self._sorted[stage_id] = sorted(column, key=self.column_key(stage_id))
        return ordered

    @staticmethod
    def _match(card: CardRow, words: list[str]) -> bool:
        text = card.search_text
        return all(word in text for word in words)

    def _search(self, words: list[str]) -> dict[int, set[int]] | None:
        """Each stage's ids whose text holds every word; None when there are no words."""
        if not words:
            return None
        if self._indexes is None or self._unindexed:
            self._index_search(len(self._cards))
        assert self._indexes is not None
        ordered: list[str] = []
        for word in sorted(set(words), key=len, reverse=True):
            if not any(word in longer for longer in ordered):
                ordered.append(word)  # a word inside another ("backend e") asks nothing more
        found: dict[int, set[int]] = {}
        for stage_id, index in self._indexes.items():
            held = index.find(ordered[0])
            for word in ordered[1:]:  # the longest first: each narrows what the next reads
                held = index.narrow(held, word)
            found[stage_id] = held
        return found
