"""Named views (a filter, a search and the columns' sort orders) kept in the user's
settings, so they are there after a restart and in every database.

A view is stored as JSON text under one QSettings key; what cannot be read is dropped,
never fatal. Column orders are kept by stage name, which another database may share.
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple

from PySide6.QtCore import QSettings

from jobtracker.domain.card_filters import ORDERS, POSITION, CardFilter

SAVED_KEY = "views/saved"
#: the filter, search and orders the board showed when it was closed
CURRENT_KEY = "views/current"


class View(NamedTuple):
    name: str
    filter: CardFilter = CardFilter()
    search: str = ""
    #: stage name (folded) -> order; columns not named here keep their drag order
    orders: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "filter": self.filter.to_json(),
            "search": self.search,
            "orders": {k: v for k, v in self.orders if v != POSITION},
        }

    @classmethod
    def from_json(cls, data: object) -> View | None:
        if not isinstance(data, dict) or not isinstance(data.get("name"), str):
            return None
        orders = data.get("orders")
        search = data.get("search")
        return cls(
            name=data["name"],
            filter=CardFilter.from_json(data.get("filter")),
            search=search if isinstance(search, str) else "",
            orders=tuple(
                (str(k), v) for k, v in (orders.items() if isinstance(orders, dict) else ())
                if v in ORDERS
            ),
        )  # fmt: skip


class SavedViews:
    """The named views in the user's settings, by name (case-insensitive, as typed)."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def all(self) -> list[View]:
        views = [View.from_json(item) for item in _loads(self.settings.value(SAVED_KEY))]
        return [view for view in views if view is not None]

    def get(self, name: str) -> View | None:
        return next((v for v in self.all() if v.name.casefold() == name.casefold()), None)

    def save(self, view: View) -> None:
        """Add ``view``, replacing one of the same name."""
        kept = [v for v in self.all() if v.name.casefold() != view.name.casefold()]
        self._write(sorted([*kept, view], key=lambda v: v.name.casefold()))

    def delete(self, name: str) -> None:
        self._write([v for v in self.all() if v.name.casefold() != name.casefold()])

    def current(self) -> View:
        """What the board showed last (a view without a name)."""
        data = _loads(self.settings.value(CURRENT_KEY), wanted=dict)
        return View.from_json({**data, "name": ""}) or View("")

    def set_current(self, view: View) -> None:
        self.settings.setValue(CURRENT_KEY, json.dumps(view.to_json()))

    def _write(self, views: list[View]) -> None:
        self.settings.setValue(SAVED_KEY, json.dumps([v.to_json() for v in views]))
        self.settings.sync()


def _loads(value: object, wanted: type = list) -> Any:
    """JSON text from QSettings, or an empty ``wanted`` when it is missing or damaged."""
    if isinstance(value, str):
        try:
            data = json.loads(value)
        except ValueError:
            return wanted()
        if isinstance(data, wanted):
            return data
    return wanted()
