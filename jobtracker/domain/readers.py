"""What the reading commands (``stats``, ``list``) read, from one snapshot of the file on
plain sqlite3 (:mod:`jobtracker.store.reading`): they load neither peewee, nor the models,
nor the services a writer needs, and they write nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from jobtracker.domain.clock import SYSTEM_CLOCK, Clock
from jobtracker.store.reading import ReadOnlyFile, open_read_only

if TYPE_CHECKING:
    from jobtracker.domain.card_listing import ListedCard
    from jobtracker.domain.insights import Insights, Period


class Reader:
    """The reads of one snapshot; ``notices`` are what the person should hear about the
    file (a damaged log: what is shown). Close it, or use it as a context manager."""

    def __init__(self, file: ReadOnlyFile, clock: Clock = SYSTEM_CLOCK) -> None:
        self.file = file
        self.clock = clock

    @property
    def notices(self) -> tuple[str, ...]:
        return self.file.notices

    def insights(self, period: Period, tz: tzinfo | None = None) -> Insights:
        """The figures of ``period`` (see :func:`insights.compute`), with the stored goal."""
        from jobtracker.domain.insights import compute
        from jobtracker.domain.insights_service import weekly_goal
        from jobtracker.domain.settings import SettingsService

        goal = weekly_goal(SettingsService(self.file.execute))
        return compute(self.file.execute, period, self.clock.now(), goal, tz)

    def cards(
        self,
        *,
        include_archived: bool = False,
        stage: str | None = None,
        search: str = "",
        tags: Sequence[str] = (),
    ) -> list[ListedCard]:
        """The applications as listed (see :func:`card_listing.listed_cards`)."""
        from jobtracker.domain.card_listing import listed_cards

        return listed_cards(self.file.execute, self.clock.now(), include_archived=include_archived,
                            stage=stage, search=search, tags=tags)  # fmt: skip

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
