"""What the filter bar narrows the board to, and the orders a column can be sorted in.

Plain Python over the board's :class:`CardRow` records (no Qt, no store), so the window,
saved views and tests share one meaning of every filter. A filter is a value: it is saved
in a view as JSON and read back, unknown or damaged parts dropped, never fatal.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, time, timedelta, tzinfo
from operator import itemgetter
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
    """The cards' ids grouped by what the filter bar asks (tag, place, source, stars), and in
    order of the instants it asks about (next reminder, date applied): a filter reads
    groups and bisections, never every card. Kept as cards come and go (:meth:`add`,
    :meth:`remove`), so a change costs its own cards, not a rebuild of the board's.

    Places and sources repeat across a search (a few dozen for 10,000 cards), so a place
    typed into the bar is looked for in each distinct place once, not in every card."""

    def __init__(self) -> None:
        self.ids: set[int] = set()
        self.by_tag: dict[str, set[int]] = {}
        self.by_place: dict[str, set[int]] = {}
        self.by_source: dict[str, set[int]] = {}
        self.by_stars: dict[int, set[int]] = {}
        #: each distinct place and source folded once, for every keystroke after
        self.folded: dict[str, str] = {}
        self._interviews: set[int] = set()
        self._reminders = Timeline()
        self._applied = Timeline()

    def add(self, card: CardRow, in_bulk: bool = False) -> None:
        """Index ``card`` (not in the index). ``in_bulk``: one of many added at once (a
        build), put in order of their instants together by :meth:`settle`, or at the latest
        by the first filter reading them."""
        card_id = card.id
        self.ids.add(card_id)
        for groups, key in ((self.by_place, card.location), (self.by_source, card.source)):
            _group(groups, key, card_id)
            if key not in self.folded:
                self.folded[key] = fold(key)
        _group(self.by_stars, card.excitement, card_id)
        for tag in card.tags:
            _group(self.by_tag, tag.name.casefold(), card_id)
        if card.next_interview_at is not None:
            self._interviews.add(card_id)
        if card.next_reminder_at is not None:
            self._reminders.add(card.next_reminder_at.timestamp(), card_id, in_bulk)
        if card.applied_at is not None:
            self._applied.add(card.applied_at.timestamp(), card_id, in_bulk)

    def settle(self) -> None:
        """Put the cards added in bulk in order of their instants now (a build is done),
        rather than in the first filter that reads them."""
        self._reminders.settle()
        self._applied.settle()

    def remove(self, card: CardRow) -> None:
        """Forget ``card``, indexed as it is given."""
        card_id = card.id
        self.ids.discard(card_id)
        _ungroup(self.by_place, card.location, card_id)
        _ungroup(self.by_source, card.source, card_id)
        _ungroup(self.by_stars, card.excitement, card_id)
        for tag in card.tags:
            _ungroup(self.by_tag, tag.name.casefold(), card_id)
        self._interviews.discard(card_id)
        if card.next_reminder_at is not None:
            self._reminders.remove(card.next_reminder_at.timestamp(), card_id)
        if card.applied_at is not None:
            self._applied.remove(card.applied_at.timestamp(), card_id)

    def select(self, wanted: CardFilter, now: datetime) -> set[int]:
        """The ids meeting ``wanted`` at ``now`` (days in ``now``'s zone): set operations on
        the groups, and for the overdue and date-applied conditions a bisection of the
        cards in order of that instant."""
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
        if wanted.overdue:
            narrow(self._reminders.up_to(now.timestamp()))
        if wanted.interview:
            narrow(self._interviews)
        first, last = wanted.applied_range(now)
        if first is not None or last is not None:
            zone = now.tzinfo
            after = None if last is None or last == date.max else last + timedelta(days=1)
            narrow(self._applied.within(_day_start(first, zone), _day_start(after, zone)))
        return set(self.ids) if found is None else found


class Timeline:
    """Card ids in order of an instant of theirs (seconds since the epoch), so those up to
    or between two instants are one slice, however many cards there are."""

    def __init__(self) -> None:
        self._instants: list[float] = []
        self._ids: list[int] = []
        #: cards added in bulk, not in order yet: put there by :meth:`settle`, at the latest
        #: at the next reading
        self._loose: list[tuple[float, int]] = []

    def add(self, instant: float, card_id: int, in_bulk: bool = False) -> None:
        """Place ``card_id`` at ``instant``; ``in_bulk`` leaves it for :meth:`settle` to sort
        with the others added so (one sort, not an insertion per card)."""
        if in_bulk:
            self._loose.append((instant, card_id))
            return
        self.settle()
        at = bisect_right(self._instants, instant)
        self._instants.insert(at, instant)
        self._ids.insert(at, card_id)

    def remove(self, instant: float, card_id: int) -> None:
        """Forget ``card_id``, placed at ``instant``."""
        self.settle()
        low = bisect_left(self._instants, instant)
        high = bisect_right(self._instants, instant, lo=low)
        at = self._ids.index(card_id, low, high)
        del self._instants[at], self._ids[at]

    def up_to(self, last: float) -> set[int]:
        """The ids placed at ``last`` or before."""
        self.settle()
        return set(self._ids[: bisect_right(self._instants, last)])

    def within(self, start: float | None, end: float | None) -> set[int]:
        """The ids placed from ``start`` on and before ``end`` (None: open on that side)."""
        self.settle()
        first = 0 if start is None else bisect_left(self._instants, start)
        last = len(self._ids) if end is None else bisect_left(self._instants, end)
        return set(self._ids[first:last])

    def settle(self) -> None:
        """Put the ids added in bulk in their places (one sort, comparing instants alone:
        floats, compared without a call per pair)."""
        if self._loose:
            placed = sorted(
                [*zip(self._instants, self._ids, strict=True), *self._loose], key=itemgetter(0)
            )
            self._instants = [instant for instant, _ in placed]
            self._ids = [card_id for _, card_id in placed]
            self._loose = []


def _group(groups: dict[Any, set[int]], key: object, card_id: int) -> None:
    ids = groups.get(key)
    if ids is None:
        groups[key] = {card_id}
    else:
        ids.add(card_id)


def _ungroup(groups: dict[Any, set[int]], key: object, card_id: int) -> None:
    ids = groups.get(key)
    if ids is not None:
        ids.discard(card_id)
        if not ids:
            del groups[key]


def _day_start(day: date | None, zone: tzinfo | None) -> float | None:
    """The first instant of ``day`` in ``zone`` (None: no bound)."""
    return None if day is None else datetime.combine(day, time.min, zone).timestamp()


def _union(groups: Iterable[set[int]]) -> set[int]:
    found: set[int] = set()
    for ids in groups:
        found.update(ids)
    return found


class CardSelection:
    """A filter at one moment, as the board asks for it: a test of one card (a card that
    changed), and the ids of all that pass, from an index of the cards."""

    def __init__(self, wanted: CardFilter, now: datetime) -> None:
        self.wanted = wanted
        self._now = now
        self._matches = wanted.matcher(now)

    def __call__(self, card: CardRow) -> bool:
        return self._matches(card)

    def select(self, index: CardIndex) -> set[int]:
        return index.select(self.wanted, self._now)


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
