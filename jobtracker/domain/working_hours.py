"""When a reminder may fall due: inside the person's working hours, in their time zone.

A rule computes a raw moment (the interview's end plus half an hour, the day applied plus a
week); these functions move it to a working moment: forward for what follows an event, back
for what must come before a deadline. Days are local calendar days, so a DST change moves
nothing off the wall clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from jobtracker.domain.clock import at_local, to_local
from jobtracker.domain.errors import ValidationError

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True, slots=True)
class WorkingHours:
    """From ``start`` to ``end`` (both included) on ``days`` (0 = Monday), in ``tz``.

    Each distinct instant is put on the wall clock, and each wall time on a day made an
    instant, once per object: a recompute asks about the same few hundred days for every
    application. So an object serves one piece of work and is then dropped, and a change of
    the computer's zone (``tz`` None) is seen by the next one."""

    start: time
    end: time
    days: frozenset[int]
    tz: tzinfo | None
    _locals: dict[datetime, datetime] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _instants: dict[tuple[date, time], datetime] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def local(self, instant: datetime) -> datetime:
        """``instant`` on the zone's wall clock."""
        if instant.tzinfo is not UTC:  # equal instants of one other zone may differ by fold
            return to_local(instant, self.tz)
        found = self._locals.get(instant)
        if found is None:
            found = self._locals[instant] = to_local(instant, self.tz)
        return found

    def is_working(self, instant: datetime) -> bool:
        local = self.local(instant)
        return local.weekday() in self.days and self.start <= local.time() <= self.end

    def at(self, day: date, wall: time) -> datetime:
        """``wall`` on ``day``, held inside the day's hours."""
        key = (day, min(max(wall, self.start), self.end))
        found = self._instants.get(key)
        if found is None:
            found = self._instants[key] = at_local(*key, self.tz)
        return found

    def working_day_from(self, day: date, step: int = 1) -> date:
        """``day`` if it is a working day, else the next (``step`` 1) or previous (-1) one."""
        while day.weekday() not in self.days:
            day += timedelta(days=step)
        return day

    def forward(self, instant: datetime) -> datetime:
        """The first working moment at or after ``instant``."""
        if self.is_working(instant):
            return instant
        local = self.local(instant)
        day = local.date()
        if day.weekday() in self.days and local.time() < self.start:
            return self.at(day, self.start)
        return self.at(self.working_day_from(day + timedelta(days=1)), self.start)

    def backward(self, instant: datetime) -> datetime:
        """The last working moment at or before ``instant``."""
        if self.is_working(instant):
            return instant
        local = self.local(instant)
        day = local.date()
        if day.weekday() in self.days and local.time() > self.end:
            return self.at(day, self.end)
        return self.at(self.working_day_from(day - timedelta(days=1), -1), self.end)

    def morning_on_or_after(self, instant: datetime, morning: time) -> datetime:
        """``morning`` on the first working day on or after ``instant``'s local day: when a
        check-in falls due, whatever hour the week before ended on."""
        day = self.local(instant).date()
        return self.at(self.working_day_from(day), morning)

    def next_morning(self, instant: datetime, morning: time) -> datetime:
        """``morning`` on the first working day after ``instant``'s local day."""
        day = self.local(instant).date() + timedelta(days=1)
        return self.at(self.working_day_from(day), morning)

    def morning_on_or_before(self, day: date, morning: time) -> datetime:
        """``morning`` on ``day``, or on the working day before it."""
        return self.at(self.working_day_from(day, -1), morning)


def parse_days(name: str, value: object) -> frozenset[int]:
    """ "Mon-Fri", "Mon,Tue,Thu" or "Sun-Thu" as weekday numbers; a ValidationError naming
    the setting otherwise."""
    days: set[int] = set()
    text = str(value).strip()
    for part in filter(None, (p.strip() for p in text.split(","))):
        ends = [_day(name, end) for end in part.split("-")]
        if len(ends) > 2:
            raise ValidationError(name, f"{part!r} is not a day or a range like Mon-Fri")
        first, last = ends[0], ends[-1]
        days.update((first + n) % 7 for n in range((last - first) % 7 + 1))
    if not days:
        raise ValidationError(name, "name at least one working day, like Mon-Fri")
    return frozenset(days)


def format_days(days: frozenset[int]) -> str:
    """Weekday numbers as the shortest text :func:`parse_days` reads back ("Mon-Fri")."""
    runs: list[list[int]] = []
    for day in sorted(days):
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ",".join(
        DAY_NAMES[run[0]] if len(run) == 1 else f"{DAY_NAMES[run[0]]}-{DAY_NAMES[run[-1]]}"
        for run in runs
    )


def _day(name: str, text: str) -> int:
    key = text.strip()[:3].capitalize()
    if key not in DAY_NAMES:
        raise ValidationError(name, f"{text.strip()!r} is not a day of the week (Mon to Sun)")
    return DAY_NAMES.index(key)
