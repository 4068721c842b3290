"""Domain preferences kept in the database (profile, follow-up rules ...), as JSON values.

Window geometry and other per-machine state belong in QSettings, not here.
"""

from __future__ import annotations

import json
from typing import Any

from jobtracker.store.models import Setting


class SettingsService:
    def get(self, key: str, default: Any = None) -> Any:
        row = Setting.get_or_none(Setting.key == key)
        return default if row is None else json.loads(row.value)

    def set(self, key: str, value: Any) -> None:
        Setting.insert(key=key, value=json.dumps(value)).on_conflict_replace().execute()

    def delete(self, key: str) -> None:
        Setting.delete().where(Setting.key == key).execute()
