"""The local day and week of a stored instant, as SQL, so SQLite can group by them.

Instants are stored as UTC text (``store/instants.py``); which day one falls on depends on
the zone's offset at that instant. :class:`LocalDays` holds the offsets a zone has over a
span of instants (one per stretch between two changes, so two a year where clocks change)
and writes them as an SQL expression: ``date(instant, <offset of that instant>)``.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from typing import NamedTuple

from jobtracker.domain.clock import to_local
from jobtracker.store.instants import to_db_text

#: how far apart the zone's offset is looked at: no zone changes its offset twice in a week
PROBE = timedelta(days=7)
SECOND = timedelta(seconds=1)


def _offset(instant: datetime, tz: tzinfo | None) -> int:
    offset = to_local(instant, tz).utcoffset()
    assert offset is not None  # astimezone gives an aware datetime
    return int(offset.total_seconds())


def _change(before: datetime, after: datetime, tz: tzinfo | None) -> datetime:
    """The first whole second at or before ``after`` with ``after``'s offset (zones change
    on whole seconds), found by halving the span."""
    wanted = _offset(after, tz)
    while after - before > SECOND:
        middle = before + (after - before) // 2
        middle -= timedelta(microseconds=middle.microsecond)
        if _offset(middle, tz) == wanted:
            after = middle
        else:
            before = middle
    return after


class LocalDays(NamedTuple):
    """The zone's offsets over a span: (from when, as stored text; seconds east of UTC),
    oldest first. Before the first change the first offset holds, after the last the last."""

    offsets: tuple[tuple[str, int], ...]

    @classmethod
    def over(cls, tz: tzinfo | None, first: datetime, last: datetime) -> LocalDays:
        """The offsets of ``tz`` (None: the system's zone) from ``first`` to ``last``."""
        start = first.replace(microsecond=0)
        offsets = [(to_db_text(start), _offset(start, tz))]
        probe = start
        while probe < last:
            after = min(probe + PROBE, last)
            if _offset(after, tz) != offsets[-1][1]:
                change = _change(probe, after, tz)
                offsets.append((to_db_text(change), _offset(change, tz)))
            probe = after
        return cls(tuple(offsets))

    def _shift(self, column: str) -> str:
        """The SQL date modifiers, each after a comma, moving ``column`` (stored UTC text)
        to its local time: none where the zone is UTC throughout (parsing even a zero shift
        is most of what ``date()`` costs)."""
        (_, first), *changes = self.offsets
        if not changes:
            return f", '{first:+d} seconds'" if first else ""
        cases = " ".join(
            f"WHEN {column} < '{since}' THEN '{offset:+d} seconds'"
            for (since, _), (_, offset) in zip(changes, self.offsets, strict=False)
        )
        return f", CASE {cases} ELSE '{self.offsets[-1][1]:+d} seconds' END"

    def day(self, column: str) -> str:
        """SQL giving the local day of ``column`` as ``YYYY-MM-DD`` (NULL for NULL)."""
        return f"date({column}{self._shift(column)})"

    def monday(self, column: str) -> str:
        """SQL giving the Monday of the local week of ``column`` as ``YYYY-MM-DD``."""
        return f"date({column}{self._shift(column)}, '-6 days', 'weekday 1')"
