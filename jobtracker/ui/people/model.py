"""The People view's table: one row per person, five columns edited in place, a filter by
words that matches names, companies, titles, emails, phones and applications.

The model does not write: an edit is handed to the window (``edit_requested``), which
checks and stores it through the domain and puts the stored row back with :meth:`put`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

from jobtracker.domain.people import Person
from jobtracker.text import fold
from jobtracker.ui.dialogs.widgets import local_text

AnyIndex = QModelIndex | QPersistentModelIndex

#: (contact field, column title); the first five are edited in place
COLUMNS = (
    ("name", "Name"),
    ("company", "Company"),
    ("title", "Job title"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("last_contact", "Last contact"),
    ("applications", "Applications"),
)
EDITABLE = frozenset(field for field, _ in COLUMNS[:5])
ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


def column_of(field: str) -> int:
    return next(number for number, (name, _) in enumerate(COLUMNS) if name == field)


class PeopleModel(QAbstractTableModel):
    """Every person of the search, in the order read (the proxy sorts).

    Signals:
        edit_requested(int, str, str, QPersistentModelIndex): a person's id, the field and
            the text typed, and where it was typed (to reopen the editor if refused).
    """

    edit_requested = Signal(int, str, str, QPersistentModelIndex)

    def __init__(self) -> None:
        super().__init__()
        self.people: list[Person] = []
        self._rows: dict[int, int] = {}

    def set_people(self, people: Iterable[Person]) -> None:
        self.beginResetModel()
        self.people = list(people)
        self._rows = {p.id: row for row, p in enumerate(self.people)}
        self.endResetModel()

    def put(self, person_id: int, person: Person | None) -> None:
        """Show one person as now stored (None: gone, merged or deleted)."""
        row = self._rows.get(person_id)
        if person is None:
            if row is not None:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.people[row]
                self._rows = {p.id: number for number, p in enumerate(self.people)}
                self.endRemoveRows()
        elif row is None:
            self.beginInsertRows(QModelIndex(), len(self.people), len(self.people))
            self._rows[person.id] = len(self.people)
            self.people.append(person)
            self.endInsertRows()
        else:
            self.people[row] = person
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def row_of(self, person_id: int) -> int | None:
        return self._rows.get(person_id)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.people)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and COLUMNS[index.column()][0] in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        person = self.people[index.row()]
        field = COLUMNS[index.column()][0]
        if role == ID_ROLE:
            return person.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(person, field, tooltip=role == Qt.ItemDataRole.ToolTipRole)
        if role == Qt.ItemDataRole.EditRole:
            return getattr(person, field) if field in EDITABLE else None
        if role == SORT_ROLE:
            if field == "last_contact":
                return person.last_contact.timestamp() if person.last_contact else 0.0
            if field == "applications":
                return len(person.applications)
            return fold(self._text(person, field))
        return None

    @staticmethod
    def _text(person: Person, field: str, *, tooltip: bool = False) -> str:
        if field == "last_contact":
            return local_text(person.last_contact, with_time=False) if person.last_contact else ""
        if field == "applications":
            if tooltip:
                return "\n".join(f"{a.company} — {a.role} ({a.contact_role})"
                                 for a in person.applications)  # fmt: skip
            return person.applications_text()
        text: str = getattr(person, field)
        return text

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Hand the typed text to the window; the row changes once it is stored."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        field = COLUMNS[index.column()][0]
        person = self.people[index.row()]
        text = "" if value is None else str(value)
        if field not in EDITABLE or text == getattr(person, field):
            return False
        self.edit_requested.emit(person.id, field, text, QPersistentModelIndex(index))
        return False


class PeopleFilter(QSortFilterProxyModel):
    """Rows whose folded search text holds every word of the query; sorting by column."""

    def __init__(self) -> None:
        super().__init__()
        self._words: list[str] = []
        self.setSortRole(SORT_ROLE)

    def set_query(self, query: str) -> None:
        self.beginFilterChange()
        self._words = fold(query).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        assert isinstance(model, PeopleModel)
        haystack = model.people[source_row].search_text
        return all(word in haystack for word in self._words)
