"""The source of "now". Injected everywhere so rules and schedules can be tested with days
passing in microseconds, DST changes included."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FakeClock:
    """A clock that only moves when told to."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._now = start

    def now(self) -> datetime:
        return self._now

    def set(self, when: datetime) -> None:
        self._now = when

    def advance(self, **delta: float) -> datetime:
        self._now += timedelta(**delta)
        return self._now


SYSTEM_CLOCK = SystemClock()


def to_local(instant: datetime, tz: tzinfo | None) -> datetime:
    """``instant`` in ``tz`` (None: the system's local zone, DST-aware)."""
    return instant.astimezone(tz)


def zone_named(name: str) -> tzinfo | None:
    """The IANA zone ``name`` (like "Europe/Berlin"); None, the system's, for "" or a name
    this computer does not know. ``zoneinfo`` loads only for a name: a window whose person
    never set a zone paints its first frame without it."""
    if not name:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def at_local(day: date, wall: time, tz: tzinfo | None) -> datetime:
    """The UTC instant of a wall-clock time on a local day."""
    if tz is None:
        return datetime.combine(day, wall).astimezone().astimezone(UTC)
    return datetime.combine(day, wall, tzinfo=tz).astimezone(UTC)
