"""Column types: instants stored as sortable UTC text, read back as aware datetimes."""

from __future__ import annotations

from datetime import datetime

from peewee import TextField

from jobtracker.store.instants import from_db_text, to_db_text


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
