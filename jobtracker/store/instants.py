"""Instants as the database stores them: naive-UTC ISO text, which sorts and compares in SQL.

Apart from the column type (``fields``) so that raw reads need not import peewee: the
window reads its first frame before the store's models load.
"""

from __future__ import annotations

from datetime import UTC, datetime


def from_db_text(value: str) -> datetime:
    """The aware instant of stored UTC text (one C call: boards parse tens of thousands)."""
    return datetime.fromisoformat(value + "+00:00")


def to_db_text(value: datetime) -> str:
    """The stored text of an instant, for raw SQL comparisons."""
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")
