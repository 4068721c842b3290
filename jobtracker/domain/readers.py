"""What the reading commands (``stats``, ``list``) and the window's first frame read, from
one snapshot of the file on plain sqlite3 (:mod:`jobtracker.store.reading`): they load
neither peewee, nor the models, nor the services a writer needs, and they write nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from jobtracker.domain import board_reads
from jobtracker.domain.board_reads import FirstFrame
from jobtracker.domain.clock import SYSTEM_CLOCK, Clock, zone_named
from jobtracker.store.errors import StoreError
from jobtracker.store.reading import ReadOnlyFile, open_checked, open_read_only

if TYPE_CHECKING:
    from jobtracker.domain.card_listing import ListedCard, Listing
    from jobtracker.domain.insights import Insights, Period
    from jobtracker.store.check import OpenCheck

T = TypeVar("T")


class Reader:
    """The reads of one snapshot; ``notices`` are what the person should hear about the
    file (a damaged log: what is shown). Close it, or use it as a context manager."""

    def __init__(self, file: ReadOnlyFile, clock: Clock = SYSTEM_CLOCK) -> None:
        self.file = file
        self.clock = clock

    @property
    def notices(self) -> tuple[str, ...]:
        return self.file.notices

    def insights(self, period: Period) -> Insights:
        """The figures of ``period`` (see :func:`insights.compute`), with the stored goal, in
        the days of the time zone setting (else the system's), read as the first frame reads
        it, without the follow-up settings' module."""
        from jobtracker.domain.insights import compute
        from jobtracker.domain.insights_service import weekly_goal
        from jobtracker.domain.settings import SettingsService

        def read() -> Insights:
            execute = self.file.execute
            goal = weekly_goal(SettingsService(execute))
            zone = zone_named(board_reads.zone_setting(execute))
            return compute(execute, period, self.clock.now(), goal, zone)

        return self._sound(read)

    def cards(self, listing: Listing) -> list[ListedCard]:
        """The applications as listed (see :func:`card_listing.listed_cards`)."""
        from jobtracker.domain.card_listing import listed_cards

        return self._sound(lambda: listed_cards(self.file.execute, self.clock.now(), listing))

    def cards_json(self, listing: Listing) -> str:
        """The same cards as compact JSON text (see :func:`card_listing.listed_json`)."""
        from jobtracker.domain.card_listing import listed_json

        return self._sound(lambda: listed_json(self.file.execute, self.clock.now(), listing))

    def first_frame(self, per_stage: int) -> FirstFrame:
        """What a board paints first (see :func:`board_reads.first_frame`)."""
        now = self.clock.now()
        return self._sound(lambda: board_reads.first_frame(self.file.execute, now, per_stage))

    def _sound(self, read: Callable[[], T]) -> T:
        """What ``read`` read, once the pages it could have read proved sound (see
        :meth:`ReadOnlyFile.confirm_sound`): SQLite's error on a damaged page gives way to
        the message that names the newest backup."""
        try:
            found = read()
        except sqlite3.DatabaseError:
            self.file.confirm_sound()
            raise
        self.file.confirm_sound()
        return found

    def close(self) -> None:
        self.file.close()

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_reader(path: Path, *, owner: str, clock: Clock = SYSTEM_CLOCK) -> Reader:
    """Open ``path`` to read only (refused as the store refuses it; an older schema is
    upgraded first, by ``owner``)."""
    return Reader(open_read_only(path, owner=owner), clock)


def read_first_frame(
    check: OpenCheck, per_stage: int, clock: Clock = SYSTEM_CLOCK
) -> FirstFrame | None:
    """The board's first frame of the file ``check`` checked, read before a writer opens it
    (see :func:`reading.open_checked`); None where the writer opens it first, and says what
    is wrong with it, if anything."""
    try:
        file = open_checked(check)
        if file is None:
            return None
        with Reader(file, clock) as reader:
            return reader.first_frame(per_stage)
    except (StoreError, sqlite3.Error):
        return None
