"""The Today agenda as a two-level item model: fixed groups, and their rows under them.

The groups never change (Interviews, Overdue, Today, This week, Later, Snoozed); a refresh
compares each group's rows with the new ones by key and inserts, removes or updates only
what differs, so the selection, the focus and the scroll position stay where they were.

Signals:
    due_changed(int): the number of due rows after a refresh (the badge and the tray).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from difflib import SequenceMatcher
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from jobtracker.domain.agenda import (
    GROUP_KEYS,
    GROUP_TITLES,
    Agenda,
    AgendaInterview,
    AgendaRow,
    when_text,
)

INTERVIEWS = "interviews"
TOP_KEYS = (INTERVIEWS, *GROUP_KEYS)
TOP_TITLES = {INTERVIEWS: "Interviews today and tomorrow", **GROUP_TITLES}
#: the entry behind an index: an AgendaRow, an AgendaInterview, a More, or the group's key
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class More:
    """The last line of a group that lists only its soonest rows."""

    group: str
    hidden: int
    more_than: bool

    @property
    def key(self) -> tuple[str, str]:
        return ("more", self.group)

    @property
    def text(self) -> str:
        amount = f"more than {self.hidden:,}" if self.more_than else f"{self.hidden:,} more"
        return f"… and {amount}, listed as the ones above are dealt with"


Entry = AgendaRow | AgendaInterview | More


def entry_key(entry: Entry) -> tuple[object, ...]:
    if isinstance(entry, AgendaInterview):
        return ("interview", entry.id)
    return entry.key


@dataclass(slots=True)
class _Group:
    key: str
    count: int = 0
    more_than: bool = False
    entries: list[Entry] = field(default_factory=list)

    def rows(self) -> list[Entry]:
        return self.entries


class AgendaModel(QAbstractItemModel):
    """Groups at the top level (always all of them: the view hides the empty ones)."""

    due_changed = Signal(int)

    def __init__(self, tz: tzinfo | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tz = tz
        self.now: datetime | None = None
        self.due = 0
        self._groups = [_Group(key) for key in TOP_KEYS]

    # -- filling -----------------------------------------------------------------------------------

    def set_agenda(self, agenda: Agenda) -> None:
        """Show ``agenda``, changing only the rows that differ."""
        self.now = agenda.now
        for number, group in enumerate(self._groups):
            if group.key == INTERVIEWS:
                entries: list[Entry] = list(agenda.interviews)
                count, more_than = len(entries), False
            else:
                listed = agenda.group(group.key)
                entries = list(listed.rows)
                count, more_than = listed.count, listed.more_than
                if count > len(entries):
                    entries.append(More(group.key, count - len(entries), more_than))
            title = self.group_title(number)
            group.count, group.more_than = count, more_than
            self._replace_rows(number, entries)
            if self.group_title(number) != title:
                self.dataChanged.emit(self.index(number, 0), self.index(number, 0))
        if agenda.tz != self.tz:  # the zone setting changed: every row's time reads anew
            self.tz = agenda.tz
            for number, group in enumerate(self._groups):
                last = len(group.rows()) - 1
                if last >= 0:
                    parent = self.index(number, 0)
                    self.dataChanged.emit(self.index(0, 0, parent), self.index(last, 0, parent))
        self.set_due(agenda.due_count)

    def set_due(self, due: int) -> None:
        self.due = due
        self.due_changed.emit(due)

    def _replace_rows(self, number: int, new: list[Entry]) -> None:
        """Turn group ``number``'s rows into ``new`` with the fewest inserts and removals."""
        parent = self.index(number, 0)
        old = self._groups[number].rows()
        changed: list[Entry] = []
        for tag, i1, i2, j1, j2 in reversed(_opcodes(old, new)):
            if tag == "equal":
                changed += [
                    new[j1 + k]
                    for k in range(i2 - i1)
                    if old[i1 + k] is not new[j1 + k] and old[i1 + k] != new[j1 + k]
                ]
                old[i1:i2] = new[j1:j2]
                continue
            if i2 > i1:
                self.beginRemoveRows(parent, i1, i2 - 1)
                del old[i1:i2]
                self.endRemoveRows()
            if j2 > j1:
                self.beginInsertRows(parent, i1, i1 + j2 - j1 - 1)
                old[i1:i1] = new[j1:j2]
                self.endInsertRows()
        for entry in changed:  # found again: the inserts and removals moved the rows
            row = next(n for n, kept in enumerate(old) if kept is entry)
            index = self.index(row, 0, parent)
            self.dataChanged.emit(index, index)

    # -- reading -----------------------------------------------------------------------------------

    def group_key(self, index: _Index) -> str | None:
        """The group a top-level index stands for (None for a row)."""
        if not index.isValid() or index.internalId():
            return None
        return self._groups[index.row()].key

    def group_count(self, key: str) -> int:
        return next(group.count for group in self._groups if group.key == key)

    def group_row(self, key: str) -> int:
        return TOP_KEYS.index(key)

    def entry(self, index: _Index) -> Entry | None:
        if not index.isValid() or not index.internalId():
            return None
        rows = self._groups[index.internalId() - 1].rows()
        return rows[index.row()] if index.row() < len(rows) else None

    def entries(self, key: str) -> list[Entry]:
        return list(self._groups[TOP_KEYS.index(key)].rows())

    def find(self, wanted: tuple[object, ...]) -> QModelIndex:
        """The index of the entry with key ``wanted`` (invalid when it is gone)."""
        for number, group in enumerate(self._groups):
            for row, entry in enumerate(group.rows()):
                if entry_key(entry) == wanted:
                    return self.index(row, 0, self.index(number, 0))
        return QModelIndex()

    def group_title(self, number: int) -> str:
        group = self._groups[number]
        count = f"{group.count:,}+" if group.more_than else f"{group.count:,}"
        return f"{TOP_TITLES[group.key]} ({count})"

    def when(self, instant: datetime) -> str:
        return when_text(instant, self.now or instant, self.tz)

    # -- QAbstractItemModel ------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self._groups) else QModelIndex()
        if parent.internalId():
            return QModelIndex()
        if row >= len(self._groups[parent.row()].rows()):
            return QModelIndex()
        return self.createIndex(row, 0, parent.row() + 1)

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or not index.internalId():
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId():
            return 0
        return len(self._groups[parent.row()].rows())

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def flags(self, index: _Index) -> Qt.ItemFlag:
        entry = self.entry(index)
        if entry is None or isinstance(entry, More):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key = self.group_key(index)
        if key is not None:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return self.group_title(index.row())
            return key if role == ENTRY_ROLE else None
        entry = self.entry(index)
        if entry is None:
            return None
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._spoken(entry)
        if role in (Qt.ItemDataRole.AccessibleDescriptionRole, Qt.ItemDataRole.ToolTipRole):
            return self._described(entry)
        return None

    def _display(self, entry: Entry) -> str:
        if isinstance(entry, More):
            return entry.text
        if isinstance(entry, AgendaInterview):
            return f"{entry.company} — {entry.title or 'Interview'}"
        return f"{entry.company} — {entry.lead.summary}"

    def _spoken(self, entry: Entry) -> str:
        """What a screen reader says for a row: what, when, for whom."""
        if isinstance(entry, More):
            return entry.text
        if isinstance(entry, AgendaInterview):
            title = entry.title or "Interview"
            return f"{title} with {entry.company}, {self.when(entry.starts_at)}"
        if entry.snoozed:
            when = f"snoozed until {self.when(entry.at)}"
        else:
            when = f"{'due' if entry.due else 'from'} {self.when(entry.at)}"
        parts = [entry.lead.summary, when]
        parts += [item.summary for item in entry.items[1:]]
        if entry.contact is not None:
            parts.append(f"to {entry.contact.name}")
        return ", ".join(parts)

    def _described(self, entry: Entry) -> str:
        if isinstance(entry, More):
            return entry.text
        if isinstance(entry, AgendaInterview):
            return f"{entry.role} at {entry.company}, {self.when(entry.starts_at)}"
        lines = [item.reason for item in entry.items]
        if entry.contact is not None and entry.contact.line:
            lines.append(f"Contact: {entry.contact.line}")
        actions = ", ".join(answer.label for answer in entry.answers)
        lines.append(f"Actions: {actions}, Snooze, Done")
        return "\n".join(lines)


def _opcodes(old: list[Entry], new: list[Entry]) -> list[tuple[str, int, int, int, int]]:
    """How ``old`` becomes ``new``, by key: the rows both begin and end with are kept as
    they are, and only those between are compared (a refresh after one action changes a
    row or two; the agenda hands unchanged rows on as the same objects)."""
    shortest = min(len(old), len(new))
    start = 0
    while start < shortest and _same_key(old[start], new[start]):
        start += 1
    end = 0
    while end < shortest - start and _same_key(old[-1 - end], new[-1 - end]):
        end += 1
    old_end, new_end = len(old) - end, len(new) - end
    middle = SequenceMatcher(
        None,
        [entry_key(e) for e in old[start:old_end]],
        [entry_key(e) for e in new[start:new_end]],
    )
    return [
        ("equal", 0, start, 0, start),
        *(
            (tag, i1 + start, i2 + start, j1 + start, j2 + start)
            for tag, i1, i2, j1, j2 in middle.get_opcodes()
        ),
        ("equal", old_end, len(old), new_end, len(new)),
    ]


def _same_key(old: Entry, new: Entry) -> bool:
    return old is new or entry_key(old) == entry_key(new)
