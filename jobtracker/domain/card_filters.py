"""What the filter bar narrows the board to, and the orders a column can be sorted in.

Plain Python over the board's :class:`CardRow` records (no Qt, no store), so the window,
saved views and tests share one meaning of every filter. A filter is a value: it is saved
in a view as JSON and read back, unknown or damaged parts dropped, never fatal.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, NamedTuple

from jobtracker.domain.records import CardRow
from jobtracker.text import fold

#: how a column can be sorted: its drag order (the default), or by a card's value
POSITION, APPLIED, EXCITEMENT, COMPANY = "position", "applied", "excitement", "company"
ORDERS = (POSITION, APPLIED, EXCITEMENT, COMPANY)
ORDER_LABELS = {
    POSITION: "Position",
    APPLIED: "Date Applied",
    EXCITEMENT: "Excitement",
    COMPANY: "Company",
}

#: the location a remote job names
REMOTE = "remote"

CardKey = Callable[[CardRow], tuple[Any, ...]]


class CardFilter(NamedTuple):
    """Every condition of the filter bar; a card shows when it meets all that are set."""

    #: tag names (any case); a card carries every one
    tags: tuple[str, ...] = ()
    #: at least this many stars (0: any)
    min_excitement: int = 0
    #: one of these sources (any case; empty: any)
    sources: tuple[str, ...] = ()
    #: words in the location (folded)
    place: str = ""
    remote: bool = False
    #: a follow-up due now or earlier
    overdue: bool = False
    #: an interview still ahead
    interview: bool = False
    #: applied in the last so many days (0: any time)
    applied_days: int = 0
    applied_from: date | None = None
    applied_to: date | None = None

    @property
    def is_empty(self) -> bool:
        return self == CardFilter()

    def matcher(self, now: datetime) -> Callable[[CardRow], bool]:
        """A predicate for this filter at ``now`` (dates in ``now``'s zone)."""
        tests = self._tests(now)

        def matches(card: CardRow) -> bool:
            return all(test(card) for test in tests)

        return matches

    def _tests(self, now: datetime) -> list[Callable[[CardRow], bool]]:
        return [*self._indexed_tests(), *self._residual_tests(now)]

    def _indexed_tests(self) -> list[Callable[[CardRow], bool]]:
        """The tests :class:`CardIndex` answers from its groups."""
        tests: list[Callable[[CardRow], bool]] = []
        if self.tags:
            wanted = {name.casefold() for name in self.tags}
            tests.append(lambda c: wanted <= {t.name.casefold() for t in c.tags})
        if self.min_excitement:
            least = self.min_excitement
            tests.append(lambda c: c.excitement >= least)
        # sources and places repeat across cards: each distinct one is folded once
        folded = _Folded()
        if self.sources:
            sources = {fold(s) for s in self.sources}
            tests.append(lambda c: folded(c.source) in sources)
        words = fold(self.place).split()
        if words:
            tests.append(lambda c: all(w in folded(c.location) for w in words))
        if self.remote:
            tests.append(lambda c: REMOTE in folded(c.location))
        return tests

    def _residual_tests(self, now: datetime) -> list[Callable[[CardRow], bool]]:
        """The tests of each card's own instants (no index groups them)."""
        tests: list[Callable[[CardRow], bool]] = []
        if self.overdue:
            tests.append(lambda c: c.next_reminder_at is not None and c.next_reminder_at <= now)
        if self.interview:
            tests.append(lambda c: c.next_interview_at is not None)
        first, last = self.applied_range(now)
        if first is not None or last is not None:
            zone = now.tzinfo
            low, high = first or date.min, last or date.max
            tests.append(
                lambda c: (
                    c.applied_at is not None and low <= c.applied_at.astimezone(zone).date() <= high
                )
            )
        return tests

    def applied_range(self, now: datetime) -> tuple[date | None, date | None]:
        """The first and last day of the applied range (None: open on that side)."""
        if self.applied_days:
            return (now.date() - timedelta(days=self.applied_days - 1), None)
        return (self.applied_from, self.applied_to)

    def describe(self) -> str:
        """The filter in a few words, for the status line and the bar's summary."""
        parts = [*(f"#{t}" for t in self.tags)]
        if self.min_excitement:
            parts.append(f"{self.min_excitement}+ stars")
        if self.sources:
            parts.append(f"from {' or '.join(self.sources)}")
        if self.place:
            parts.append(f"in {self.place}")
        if self.remote:
            parts.append("remote")
        if self.overdue:
            parts.append("overdue")
        if self.interview:
            parts.append("interview ahead")
        if self.applied_days:
            parts.append(f"applied in the last {self.applied_days} days")
        elif self.applied_from or self.applied_to:
            first = self.applied_from.isoformat() if self.applied_from else "…"
            last = self.applied_to.isoformat() if self.applied_to else "…"
            parts.append(f"applied {first} to {last}")
        return ", ".join(parts)

    # -- saved views ------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        """The set conditions as JSON values (dates as ISO days)."""
        saved: dict[str, Any] = {}
        for name, value in self._asdict().items():
            if value == _DEFAULTS[name]:
                continue
            if isinstance(value, date):
                saved[name] = value.isoformat()
            elif isinstance(value, tuple):
                saved[name] = list(value)
            else:
                saved[name] = value
        return saved

    @classmethod
    def from_json(cls, data: object) -> CardFilter:
        """A filter from :meth:`to_json`'s output; what is missing or not understood is
        left unset."""
        if not isinstance(data, Mapping):
            return cls()
        values: dict[str, Any] = {}
        for name in ("tags", "sources"):
            items = data.get(name)
            if isinstance(items, list):
                values[name] = tuple(v for v in items if isinstance(v, str) and v.strip())
        for name in ("remote", "overdue", "interview"):
            values[name] = data.get(name) is True
        for name, most in (("min_excitement", 5), ("applied_days", 3650)):
            number = data.get(name)
            if isinstance(number, int) and not isinstance(number, bool):
                values[name] = max(0, min(number, most))
        place = data.get("place")
        values["place"] = place.strip() if isinstance(place, str) else ""
        values["applied_from"] = _day(data.get("applied_from"))
        values["applied_to"] = _day(data.get("applied_to"))
        return cls(**values)


_DEFAULTS: dict[str, Any] = CardFilter()._asdict()


class CardIndex:
    """The cards' ids grouped by what the filter bar asks: tag, place, source, stars.

    Places and sources repeat across a search (a few dozen for 10,000 cards), so a place
    typed into the bar is looked for in each distinct place once, not in every card."""

    def __init__(self, cards: Mapping[int, CardRow]) -> None:
        self.ids = set(cards)
        self.by_tag: dict[str, set[int]] = {}
        self.by_place: dict[str, list[int]] = {}
        self.by_source: dict[str, list[int]] = {}
        self.by_stars: dict[int, list[int]] = {}
        for card_id, card in cards.items():
            self.by_place.setdefault(card.location, []).append(card_id)
            self.by_source.setdefault(card.source, []).append(card_id)
            self.by_stars.setdefault(card.excitement, []).append(card_id)
            for tag in card.tags:
                self.by_tag.setdefault(tag.name.casefold(), set()).add(card_id)
        #: each distinct place and source folded once, for every keystroke after
        self.folded = {text: fold(text) for text in (*self.by_place, *self.by_source)}
        self._cards = cards
        #: the cards' instants in order, each worked out at the first filter asking for it
        self._reminders: tuple[list[datetime], list[int]] | None = None
        self._interviews: set[int] | None = None
        self._applied: tuple[tzinfo | None, list[date], list[int]] | None = None

    def select(self, wanted: CardFilter, now: datetime | None = None) -> set[int]:
        """The ids meeting ``wanted``'s tag, star, source and place conditions, and with
        ``now`` its overdue, interview and date-applied ones too (each a bisection of the
        cards in order of that instant, not a test of every card)."""
        found: set[int] | None = None

        def narrow(ids: set[int]) -> None:
            nonlocal found
            found = set(ids) if found is None else found & ids  # never an index's own set

        for name in wanted.tags:
            narrow(self.by_tag.get(name.casefold(), set()))
        if wanted.min_excitement:
            narrow(_union(ids for stars, ids in self.by_stars.items()
                          if stars >= wanted.min_excitement))  # fmt: skip
        if wanted.sources:
            sources = {fold(s) for s in wanted.sources}
            narrow(_union(ids for source, ids in self.by_source.items()
                          if self.folded[source] in sources))  # fmt: skip
        words = fold(wanted.place).split() + ([REMOTE] if wanted.remote else [])
        if words:
            narrow(_union(ids for place, ids in self.by_place.items()
                          if all(word in self.folded[place] for word in words)))  # fmt: skip
        if now is not None:
            if wanted.overdue:
                narrow(self._due_by(now))
            if wanted.interview:
                narrow(self._interviewing())
            first, last = wanted.applied_range(now)
            if first is not None or last is not None:
                narrow(self._applied_between(first or date.min, last or date.max, now.tzinfo))
        return set(self.ids) if found is None else found

    def prepare(self, now: datetime) -> None:
        """Put the cards in order of each instant now (reminder, interview, date applied in
        ``now``'s zone), ahead of the first filter asking for one: each is otherwise
        worked out inside that filter's click."""
        self._due_by(now)
        self._interviewing()
        self._applied_between(date.min, date.min, now.tzinfo)

    def prepared(self, now: datetime) -> bool:
        """Every order :meth:`prepare` works out is here, for ``now``'s zone."""
        return (
            self._reminders is not None and self._interviews is not None
            and self._applied is not None and self._applied[0] == now.tzinfo
        )  # fmt: skip

    def _due_by(self, now: datetime) -> set[int]:
        """The cards whose next reminder is due at ``now`` (overdue)."""
        if self._reminders is None:
            timed = sorted(
                (card.next_reminder_at, card_id)
                for card_id, card in self._cards.items()
                if card.next_reminder_at is not None
            )
            self._reminders = ([when for when, _ in timed], [card_id for _, card_id in timed])
        instants, ids = self._reminders
        return set(ids[: bisect_right(instants, now)])

    def _interviewing(self) -> set[int]:
        if self._interviews is None:
            self._interviews = {
                card_id for card_id, card in self._cards.items()
                if card.next_interview_at is not None
            }  # fmt: skip
        return self._interviews

    def _applied_between(self, low: date, high: date, zone: tzinfo | None) -> set[int]:
        """The cards applied from day ``low`` to day ``high`` (both in), days in ``zone``."""
        if self._applied is None or self._applied[0] != zone:
            dated = sorted(
                (card.applied_at.astimezone(zone).date(), card_id)
                for card_id, card in self._cards.items()
                if card.applied_at is not None
            )
            self._applied = (zone, [day for day, _ in dated], [card_id for _, card_id in dated])
        _, days, ids = self._applied
        return set(ids[bisect_left(days, low) : bisect_right(days, high)])


def _union(groups: Iterable[list[int]]) -> set[int]:
    found: set[int] = set()
    for ids in groups:
        found.update(ids)
    return found


class IndexCache:
    """One :class:`CardIndex`, built again only when the cards changed."""

    def __init__(self) -> None:
        self._key: tuple[int, int] | None = None
        self._index: CardIndex | None = None

    def get(self, cards: Mapping[int, CardRow], version: int) -> CardIndex:
        key = (id(cards), version)
        if self._index is None or self._key != key:
            self._index, self._key = CardIndex(cards), key
        return self._index

    def built(self, cards: Mapping[int, CardRow], version: int) -> CardIndex | None:
        """The index of these cards at this version, if it is built."""
        return self._index if self._key == (id(cards), version) else None


class CardSelection:
    """A filter at one moment, as the board asks for it: a test of one card (a card that
    changed), and the ids of all that pass, from an index of the cards."""

    def __init__(self, wanted: CardFilter, now: datetime, cache: IndexCache) -> None:
        self.wanted = wanted
        self._now = now
        self._matches = wanted.matcher(now)
        self._cache = cache

    def __call__(self, card: CardRow) -> bool:
        return self._matches(card)

    def select(self, cards: Mapping[int, CardRow], version: int) -> set[int]:
        return self._cache.get(cards, version).select(self.wanted, self._now)


class _Folded(dict[str, str]):
    """``fold(text)``, remembered per text."""

    def __call__(self, text: str) -> str:
        found = self.get(text)
        if found is None:
            found = self[text] = fold(text)
        return found


def _day(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def order_key(order: str) -> CardKey:
    """How a column sorted by ``order`` ranks two cards; ties keep the drag order. Dates
    applied newest first (cards not applied yet last), excitement highest first."""
    if order == APPLIED:
        return lambda c: (
            c.applied_at is None,
            -c.applied_at.timestamp() if c.applied_at is not None else 0.0,
            c.rank,
            c.id,
        )
    if order == EXCITEMENT:
        return lambda c: (-c.excitement, c.rank, c.id)
    if order == COMPANY:
        return lambda c: (c.company.casefold(), c.rank, c.id)
    return lambda c: (c.rank, c.id)
