"""The People view's table: one row per person, five columns edited in place, a filter by
words that matches names, companies, titles, emails, phones and applications.

The model filters itself: a filter is one pass over folded texts with a model reset (the
view reads only the rows on screen), where a proxy would call back into Python for every
row on every keystroke. A header click only records the order asked for and says so
(``sort_requested``): the window has the rows put in that order in its worker and hands
them back with :meth:`set_people`.

The model does not write: an edit is handed to the window (``edit_requested``), which
checks and stores it through the domain and puts the stored row back with :meth:`put`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import tzinfo
from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

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
#: the roles the model answers (a view asks each cell for many more as it paints)
_ROLES = frozenset(
    (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.EditRole, ID_ROLE)
)

_CELL = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
#: each column's cell flags
_FLAGS = tuple(
    _CELL | Qt.ItemFlag.ItemIsEditable if field in EDITABLE else _CELL for field, _ in COLUMNS
)


def column_of(field: str) -> int:
    return next(number for number, (name, _) in enumerate(COLUMNS) if name == field)


def changed_people(before: Sequence[Person], after: Sequence[Person]) -> dict[int, Person] | None:
    """The people of ``after`` that differ from the same person in ``before``, by id; None
    when the two do not list the same people in the same order. Any thread may call it."""
    if len(before) != len(after) or any(
        new.id != old.id for new, old in zip(after, before, strict=True)
    ):
        return None
    return {new.id: new for new, old in zip(after, before, strict=True) if new != old}


def as_shown(before: Sequence[Person], after: list[Person]) -> list[Person]:
    """``after`` (changed in place), each person equal to one of ``before`` handed on as
    that object. The copies read again die in the thread that read them (a worker), not in
    the GUI thread when the table lets the old ones go; and one at a time, as each is
    replaced: a list of thousands freed at once holds the interpreter's lock until the
    last is gone, and the window's thread waits that long for its turn. Any thread may
    call it."""
    shown = {person.id: person for person in before}
    for row, person in enumerate(after):
        old = shown.get(person.id)
        if old is not None and old == person:
            after[row] = old
    return after


class Read(NamedTuple):
    """Everyone as a worker read them, compared with what the model listed when asked."""

    people: list[Person]
    #: the model's ``everyone`` when the read was asked for
    before: list[Person]
    #: :func:`changed_people` of the two
    changed: dict[int, Person] | None


class PeopleModel(QAbstractTableModel):
    """Every person of the search, sorted by a column, filtered by a query.

    Signals:
        edit_requested(int, str, str, QPersistentModelIndex): a person's id, the field and
            the text typed, and where it was typed (to reopen the editor if refused).
        sort_requested(): the view asked for another order (:attr:`order`); the rows keep
            theirs until they come back in it.
    """

    edit_requested = Signal(int, str, str, QPersistentModelIndex)
    sort_requested = Signal()

    def __init__(self, tz: tzinfo | None) -> None:
        super().__init__()
        #: the person's time zone (None: the system's), the days of last contact are in
        self.tz = tz
        #: everyone, in the chosen order; ``people`` are those the query matches
        self.everyone: list[Person] = []
        self.people: list[Person] = []
        self._row_index: dict[int, int] | None = {}  # person id -> row; None: to be made
        self._order = (0, Qt.SortOrder.AscendingOrder)
        self._query = ""
        self._words: list[str] = []

    @property
    def order(self) -> tuple[str, bool]:
        """The field the rows are sorted by, and whether descending (see ``ordered``)."""
        column, order = self._order
        return COLUMNS[column][0], order == Qt.SortOrder.DescendingOrder

    def set_people(self, people: Iterable[Person], *, since: Read | None = None) -> bool:
        """Show these people, sorted as :attr:`order` says. When the same people come in
        the same order (a read after a few edits), only the rows that changed are updated;
        otherwise the model is reset: returns whether it was. ``since``: a worker's
        comparison with what the model listed when it read (used while the model still
        lists that)."""
        listed = list(people)
        if since is not None and since.before is self.everyone:
            changed = since.changed
        else:
            changed = changed_people(self.everyone, listed)
        if changed is not None and self._update_in_place(listed, changed):
            return False
        self.everyone = listed
        self._show()
        return True

    def _update_in_place(self, listed: list[Person], changed: dict[int, Person]) -> bool:
        """Take ``listed`` (the people listed, some ``changed``) as everyone without a reset,
        unless a change makes a person appear or vanish under the query."""
        if not changed:
            return True  # the rows shown hold what was read
        shown = {p.id for p in self.people}
        if any(self._matches(p) != (p.id in shown) for p in changed.values()):
            return False
        self.everyone = listed
        last = len(COLUMNS) - 1
        for row, person in enumerate(self.people):
            if person.id in changed:
                self.people[row] = changed[person.id]
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))
        return True

    def set_query(self, query: str) -> None:
        """Show only the people whose folded search text holds every word of ``query``;
        typing on narrows the rows already shown."""
        folded = fold(query)
        narrowing = bool(self._query) and folded.startswith(self._query)
        self._query, self._words = folded, folded.split()
        self._show(self.people if narrowing else self.everyone)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Take the order the view asks for (a header click), to be put in by the window."""
        if (column, order) != self._order:
            self._order = (column, order)
            self.sort_requested.emit()

    def _matches(self, person: Person) -> bool:
        return all(word in person.search_text for word in self._words)

    def _show(self, among: list[Person] | None = None) -> None:
        """Show the people of ``among`` (everyone) the query matches; when those are the
        rows already shown (a key that matches the same people), the view is left alone."""
        shown = list(self.everyone if among is None else among)
        for word in self._words:
            shown = [p for p in shown if word in p.search_text]
        if len(shown) == len(self.people) and all(
            new is old for new, old in zip(shown, self.people, strict=True)
        ):
            return
        self.beginResetModel()
        self.people = shown
        self._row_index = None  # made when a row is looked up, not on every keystroke
        self.endResetModel()

    def put(self, person_id: int, person: Person | None) -> None:
        """Show one person as now stored (None: gone, merged or deleted); a new one comes
        last until the next sort, and shows when the query matches."""
        kept = [p for p in self.everyone if p.id != person_id]
        at = next((n for n, p in enumerate(self.everyone) if p.id == person_id), len(kept))
        self.everyone = kept if person is None else [*kept[:at], person, *kept[at:]]
        row = self.row_of(person_id)
        if person is not None and not self._matches(person):
            person = None
        if person is None:
            if row is not None:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.people[row]
                self._row_index = None
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

    @property
    def _rows(self) -> dict[int, int]:
        if self._row_index is None:
            self._row_index = {p.id: row for row, p in enumerate(self.people)}
        return self._row_index

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
        """Asked for every cell painted: answered from a table made once."""
        return _FLAGS[index.column()] if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid():
            return None
        person = self.people[index.row()]
        if role == ID_ROLE:
            return person.id
        field = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.EditRole:
            return getattr(person, field) if field in EDITABLE else None
        return self._text(person, field, tooltip=role == Qt.ItemDataRole.ToolTipRole)

    def _text(self, person: Person, field: str, *, tooltip: bool = False) -> str:
        if field == "last_contact":
            last = person.last_contact
            return local_text(last, self.tz, with_time=False) if last else ""
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
