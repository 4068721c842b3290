"""The insights and the proof-of-search report over the open store."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from jobtracker.domain.clock import SYSTEM_CLOCK, Clock, to_local
from jobtracker.domain.insights import Insights, Period, compute
from jobtracker.store.errors import StoreError
from jobtracker.store.identity import read_only_connection

if TYPE_CHECKING:  # the reading commands compute the figures without the services
    from jobtracker.domain.profile import ProfileService
    from jobtracker.domain.search_report import Report
    from jobtracker.domain.settings import SettingsService

SETTINGS_KEY = "insights"
DEFAULT_WEEKLY_GOAL = 10
MAX_WEEKLY_GOAL = 500


def weekly_goal(settings: SettingsService) -> int:
    """The applications a week the person aims for (the default where none, or none
    valid, is stored)."""
    goal = settings.mapping(SETTINGS_KEY).get("weekly_goal", DEFAULT_WEEKLY_GOAL)
    valid = isinstance(goal, int) and 1 <= goal <= MAX_WEEKLY_GOAL
    return goal if valid else DEFAULT_WEEKLY_GOAL


class InsightsService:
    """Reads one snapshot of the search per call; ``tz`` is the local zone, which decides
    what day and week an instant falls in. ``source`` is the file the store reads from,
    which :meth:`read_apart` opens a connection of its own to."""

    def __init__(
        self,
        settings: SettingsService,
        profile: ProfileService,
        source: Path,
        clock: Clock = SYSTEM_CLOCK,
        zone: Callable[[], tzinfo | None] = lambda: None,
    ) -> None:
        """``zone`` gives the zone a person's days are in, the follow-ups' (the time zone
        setting, else the one given, else the system's: None): one zone for the reminders
        and the weeks they are counted in."""
        self.settings = settings
        self.profile = profile
        self.source = source
        self.clock = clock
        self.zone = zone

    @property
    def tz(self) -> tzinfo | None:
        return self.zone()

    def today(self) -> date:
        return to_local(self.clock.now(), self.tz).date()

    def weekly_goal(self) -> int:
        return weekly_goal(self.settings)

    def set_weekly_goal(self, goal: object) -> int:
        """Store the applications a week the person aims for; ValidationError if out of range."""
        from jobtracker.domain import validation

        value = validation.int_in_range("weekly_goal", goal, 1, MAX_WEEKLY_GOAL)
        stored = self.settings.mapping(SETTINGS_KEY)
        self.settings.set(SETTINGS_KEY, {**stored, "weekly_goal": value})
        return value

    def insights(self, period: Period) -> Insights:
        from jobtracker.store.models import database

        with database.atomic():
            return compute(
                database.execute_sql, period, self.clock.now(), self.weekly_goal(), self.tz
            )

    def read_apart(self, period: Period, goal: int) -> Insights:
        """:meth:`insights` read over a read-only connection of its own, so any thread may
        call it (a window's worker); ``goal`` is :meth:`weekly_goal`, read beforehand."""
        try:
            connection = read_only_connection(self.source, whole_file=False)
            try:
                connection.execute("BEGIN")  # one snapshot for every read
                return compute(connection.execute, period, self.clock.now(), goal, self.tz)
            finally:
                connection.close()
        except sqlite3.Error as exc:
            raise StoreError(f"Cannot read {self.source}: {exc}") from exc

    def report(self, period: Period) -> Report:
        """The proof-of-search rows of ``period`` (open ends: the first fact, today)."""
        from jobtracker.domain.insights_facts import local_days, report_facts
        from jobtracker.domain.search_report import Report, report_rows
        from jobtracker.store.models import database

        now = self.clock.now()
        with database.atomic():
            days = local_days(database.execute_sql, self.tz, now)
            rows = report_rows(report_facts(database.execute_sql, days, now), period)
        first = period.since or (rows[0].applied_on if rows else self.today())
        return Report(self.profile.get().name, first, period.until or self.today(), tuple(rows))
