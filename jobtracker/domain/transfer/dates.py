"""Dates as spreadsheets and trackers write them: ISO, US (MM/DD/YYYY) and European
(DD.MM.YYYY, DD/MM/YYYY), with or without a time.

Day and month are never guessed. A column's order is settled by its own dates (13/04/2025
can only be day-first); when nothing in the column settles it, the rest of the file may; when
nothing does, ambiguous dates are reported and the person chooses the order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, time

DMY = "dmy"
MDY = "mdy"
CONFLICT = "conflict"
ORDER_NAMES = {DMY: "day first (DD/MM/YYYY)", MDY: "month first (MM/DD/YYYY)"}
#: a date without a time is stored at noon UTC, so it shows as the same day in any time zone
#: from UTC-11 to UTC+11
DATE_ONLY_HOUR = 12

_TIME = r"(?:[ T](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>[AaPp][Mm])?)?"
_ISO = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)
_ISO_LONG_FRACTION = re.compile(r"(\.\d{6})\d+")
_YMD_SLASH = re.compile(r"^(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})" + _TIME + "$")
_NUMERIC = re.compile(
    r"^(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})" + _TIME + "$"
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH_FIRST = re.compile(r"^(?P<mon>[A-Za-z]{3,9})\.? (?P<d>\d{1,2}),? (?P<y>\d{4})$")
_DAY_FIRST = re.compile(r"^(?P<d>\d{1,2})\.? (?P<mon>[A-Za-z]{3,9})\.?,? (?P<y>\d{4})$")


_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


class DateProblemError(ValueError):
    """A cell that is not a date, not a real date, or ambiguous; the message says which."""


def _numeric_parts(text: str) -> tuple[int, int] | None:
    match = _NUMERIC.match(text.strip())
    if match is None or match["sep"] == ".":
        return None
    return int(match["a"]), int(match["b"])


def decide_order(values: Iterable[str]) -> str | None:
    """DMY or MDY when some values settle it, CONFLICT when they disagree, else None."""
    votes = set()
    for value in values:
        parts = _numeric_parts(value)
        if parts is None:
            continue
        first, second = parts
        if first > 12 >= second:
            votes.add(DMY)
        elif second > 12 >= first:
            votes.add(MDY)
    if len(votes) == 2:
        return CONFLICT
    return votes.pop() if votes else None


def parse_date(text: str, order: str | None) -> datetime:
    """An aware datetime for ``text``; ``order`` (DMY, MDY or None) resolves NN/NN/YYYY."""
    value = text.strip()
    if _ISO.match(value):
        return _iso(value)
    for pattern in (_YMD_SLASH, _NUMERIC, _MONTH_FIRST, _DAY_FIRST):
        match = pattern.match(value)
        if match is None:
            continue
        groups = match.groupdict()
        if pattern is _NUMERIC:
            day, month = _day_month(value, match, order)
        elif "mon" in groups:
            named = _MONTHS.get(groups["mon"].lower())
            if named is None:
                raise DateProblemError(f"{value!r}: {groups['mon']!r} is not a month name")
            month = named
            day = int(groups["d"])
        else:
            day, month = int(groups["d"]), int(groups["m"])
        year = int(groups["y"])
        year = year + 2000 if year < 100 else year
        return _build(value, year, month, day, groups)
    raise DateProblemError(
        f"{value!r} is not a date jobtracker understands "
        "(use 2025-03-04, 03/04/2025, 04.03.2025 or Mar 4, 2025)"
    )


def _iso(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(_ISO_LONG_FRACTION.sub(r"\1", value))
    except ValueError as exc:
        raise DateProblemError(f"{value!r} is not a real date or time") from exc
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    parsed = parsed.astimezone(UTC)
    if parsed.time() == time(0, 0):
        # a bare date, or a date a tracker stored as midnight UTC: keep the day everywhere
        parsed = parsed.replace(hour=DATE_ONLY_HOUR)
    return parsed


def _day_month(value: str, match: re.Match[str], order: str | None) -> tuple[int, int]:
    first, second = int(match["a"]), int(match["b"])
    if match["sep"] == ".":
        return first, second
    if first > 12 >= second:
        if order == MDY:
            raise DateProblemError(f"{value!r} is day-first, unlike the column's month-first dates")
        return first, second
    if second > 12 >= first:
        if order == DMY:
            raise DateProblemError(f"{value!r} is month-first, unlike the column's day-first dates")
        return second, first
    if first == second or order == DMY:
        return first, second
    if order == MDY:
        return second, first
    raise DateProblemError(
        f"{value!r} could be {_spell(first, second)} or {_spell(second, first)}, and no "
        "date in the file settles it; choose the date order"
    )


def _spell(day: int, month: int) -> str:
    return f"{day} {_MONTH_NAMES[month - 1]}" if 1 <= month <= 12 else f"day {day} of month {month}"


def _build(value: str, year: int, month: int, day: int, groups: dict[str, str | None]) -> datetime:
    hour, minute, second = DATE_ONLY_HOUR, 0, 0
    if groups.get("H") is not None:
        hour, minute, second = int(groups["H"] or 0), int(groups["M"] or 0), int(groups["S"] or 0)
        ampm = (groups.get("ampm") or "").lower()
        if ampm and not 1 <= hour <= 12:
            raise DateProblemError(f"{value!r} is not a real time")
        if ampm == "pm" and hour != 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError as exc:
        raise DateProblemError(f"{value!r} is not a real date ({exc})") from exc
