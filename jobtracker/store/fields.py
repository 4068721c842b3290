"""Column types: instants stored as sortable UTC text, read back as aware datetimes."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from peewee import DateField, TextField

from jobtracker.store.instants import day_in_range, from_db_text, to_db_text


class UTCDateTimeField(TextField):
    """An instant in time, stored as naive-UTC ISO text so it sorts and compares in SQL.

    Naive datetimes are refused: every time in the app is timezone-aware, which keeps
    reminders right across DST changes and travel.
    """

    def db_value(self, value: datetime | None) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"{self.name}: naive datetime {value!r}; pass an aware one")
        return to_db_text(value)

    def python_value(self, value: str | None) -> datetime | None:
        return None if value is None else from_db_text(value)


class DayField(DateField):
    """A calendar day as ISO text; one outside the years jobtracker handles (stored by an
    older version) reads as the nearest day inside them (see ``instants``)."""

    def python_value(self, value: Any) -> Any:
        day = super().python_value(value)  # type: ignore[no-untyped-call]
        return day_in_range(day) if isinstance(day, date) else day
