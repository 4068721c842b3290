"""Instants as the database stores them: naive-UTC ISO text, which sorts and compares in SQL.

Apart from the column type (``fields``) so that raw reads need not import peewee: the
window reads its first frame before the store's models load.

Instants and days outside the years jobtracker handles (stored by an older version, or by
hand) read as the nearest one inside them: such a value is shown, never fatal, and any
reminder delay can be added to it without overflowing.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

MIN_YEAR = 1900
MAX_YEAR = 2200
EARLIEST = datetime(MIN_YEAR, 1, 1, tzinfo=UTC)
LATEST = datetime(MAX_YEAR, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
_LOW, _HIGH = f"{MIN_YEAR}", f"{MAX_YEAR + 1}"


def from_db_text(value: str) -> datetime:
    """The aware instant of stored UTC text (one C call for any year in range: boards parse
    tens of thousands), the nearest in range for one outside."""
    if _LOW <= value < _HIGH:
        return datetime.fromisoformat(value + "+00:00")
    return max(EARLIEST, min(LATEST, exact_from_db_text(value)))


def iso_text(value: str) -> str:
    """``from_db_text(value).isoformat()``, written from the text where it has the shape
    :func:`to_db_text` stores (a listing writes tens of thousands: no datetime each)."""
    if len(value) == 26 and _LOW <= value < _HIGH and value[10] == "T" and value[19] == ".":
        return (value[:19] if value.endswith(".000000") else value) + "+00:00"
    return from_db_text(value).isoformat()


def iso_text_sql(column: str) -> str:
    """The SQL twin of :func:`iso_text` for a stored instant ``column`` that has the shape
    :func:`to_db_text` stores (see :func:`stored_shape_sql`; its only ``.000000`` is then
    its last): its ISO text; NULL for none."""
    return f"replace({column} || '+00:00', '.000000+', '+')"


def stored_shape_sql(column: str) -> str:
    """SQL: whether ``column`` is NULL or has the shape :func:`iso_text` writes from text
    (where it has not, that value goes through :func:`iso_text`)."""
    return (
        f"({column} IS NULL OR {column} GLOB '????-??-??T??:??:??.??????' "
        f"AND {column} >= '{_LOW}' AND {column} < '{_HIGH}')"
    )


def exact_from_db_text(value: str) -> datetime:
    """The instant exactly as stored, whatever its year (for checks that report it)."""
    return datetime.fromisoformat(value + "+00:00")


def day_in_range(day: date) -> date:
    """A stored day, or the nearest one in range."""
    return max(EARLIEST.date(), min(LATEST.date(), day))


def day_from_db_text(value: str) -> date:
    return day_in_range(date.fromisoformat(value))


def text_as_read(value: str, *, day: bool = False) -> str:
    """Stored text (an instant, or a ``day``) as it reads: the nearest in range, so what is
    exported imports again."""
    if _LOW <= value < _HIGH:
        return value
    return day_from_db_text(value).isoformat() if day else to_db_text(from_db_text(value))


def to_db_text(value: datetime) -> str:
    """The stored text of an instant, for raw SQL comparisons."""
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")
