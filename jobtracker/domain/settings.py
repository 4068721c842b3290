"""Domain preferences kept in the database (profile, follow-up rules ...), as JSON values.

Window geometry and other per-machine state belong in QSettings, not here.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from jobtracker.domain import limits
from jobtracker.domain.errors import ValidationError

if TYPE_CHECKING:  # the reading commands read a setting without the board's reads
    from jobtracker.domain.board_reads import Execute


class SettingsService:
    """The settings of the open store, or of any connection's ``execute`` (a reading
    command's, which loads neither peewee nor the models)."""

    def __init__(self, execute: Execute | None = None) -> None:
        self._execute = execute

    def get(self, key: str, default: Any = None) -> Any:
        """The stored value; ``default`` when there is none or what is stored is not JSON
        within the limits (written by hand or by an older version): shown, never fatal."""
        return self.parse(self.stored(key), default)

    @staticmethod
    def parse(text: str | None, default: Any = None) -> Any:
        """What stored ``text`` holds (see :meth:`get`)."""
        if text is None or limits.json_problem(text):
            return default
        return json.loads(text)

    def stored(self, key: str) -> str | None:
        """The stored JSON text, unparsed (None when there is none): one indexed read, so a
        caller can keep what it made of the text until the text changes."""
        execute = self._execute
        if execute is None:
            from jobtracker.store.models import database

            execute = database.execute_sql
        rows = execute('SELECT "value" FROM "setting" WHERE "key" = ?', (key,))
        found = next(iter(rows), None)
        return None if found is None else str(found[0])

    def mapping(self, key: str) -> dict[str, Any]:
        """A setting that holds a JSON object; ``{}`` when it is missing or holds anything
        else (so one stored by hand or by an older version is never fatal)."""
        value = self.get(key, {})
        return value if isinstance(value, dict) else {}

    def set(self, key: str, value: Any) -> None:
        """Store ``value`` as JSON; raises ValidationError for a key or value beyond the
        limits every door applies (see :func:`limits.json_problem`)."""
        if not key or limits.clean_line(key) != key or limits.length_problem(key, limits.MAX_LINE):
            raise ValidationError("setting", f"{key[:40]!r} is not a setting's name")
        try:
            text = json.dumps(value, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise ValidationError(key, f"cannot be stored as JSON ({exc})") from exc
        problem = limits.json_problem(text)
        if problem:
            raise ValidationError(key, problem)
        from jobtracker.store.models import Setting

        Setting.insert(key=key, value=text).on_conflict_replace().execute()

    def delete(self, key: str) -> None:
        from jobtracker.store.models import Setting

        Setting.delete().where(Setting.key == key).execute()
