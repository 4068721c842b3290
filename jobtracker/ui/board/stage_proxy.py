"""One column's cards: a stage filter sorted by rank, under a search filter; all in C++.

Two QSortFilterProxyModels per column rather than one: a keystroke then re-filters only the
column's own rows (10,000 in all) instead of every card once per column (80,000), and the
stage layer, which sorts, is left alone by a search. Both filter with regular expressions
over roles the model holds in C++, so neither calls back into Python per row.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
)

from jobtracker.text import fold
from jobtracker.ui.board.card_model import ID_ROLE, RANK_ROLE, SEARCH_ROLE, STAGE_ROLE


def search_words(query: str) -> list[str]:
    return fold(query).split()


def search_pattern(words: list[str]) -> QRegularExpression:
    """Text holding every word, in any order (words are matched literally).

    A single word is a plain match: lookaheads cost several times more per row."""
    escaped = [QRegularExpression.escape(word) for word in words]
    if len(escaped) == 1:
        return QRegularExpression(escaped[0])
    return QRegularExpression("".join(f"(?=.*{word})" for word in escaped))


def stage_rows(stage_id: int, parent: QObject | None = None) -> QSortFilterProxyModel:
    """The cards of one stage, in rank order.

    A plain QSortFilterProxyModel, not a Python subclass: every row a search looks at
    passes through it, and a Python subclass makes each of those C++ calls check for
    Python overrides (about 30 % slower per keystroke, measured).
    """
    rows = QSortFilterProxyModel(parent)
    rows.setFilterRole(STAGE_ROLE)
    rows.setFilterRegularExpression(QRegularExpression(f"^{stage_id}$"))
    rows.setSortRole(RANK_ROLE)
    rows.setDynamicSortFilter(True)
    rows.sort(0, Qt.SortOrder.AscendingOrder)
    return rows


class ColumnProxy(QSortFilterProxyModel):
    """What a column shows: its stage's cards that match the search, in rank order."""

    def __init__(self, stage_id: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stage_id = stage_id
        self.stage = stage_rows(stage_id, self)
        self._words: list[str] = []
        self.setFilterRole(SEARCH_ROLE)
        self.setDynamicSortFilter(True)
        self.setSourceModel(self.stage)

    def removeRows(self, row: int, count: int, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: B008
        """Refuse: cards leave a column by a domain move, never by a view.

        Qt 6's ``QAbstractItemView.startDrag`` removes the dragged rows from the *source*
        view after a MoveAction; with one shared model that would delete the moved card.
        """
        return False

    def set_card_model(self, model: QAbstractItemModel | None) -> None:
        self.stage.setSourceModel(model)

    def set_search(self, words: list[str]) -> None:
        if words != self._words:
            self._words = list(words)
            self.setFilterRegularExpression(search_pattern(self._words))

    def ids(self) -> list[int]:
        """The column's card ids, top to bottom."""
        return [self.index(row, 0).data(ID_ROLE) for row in range(self.rowCount())]

    def id_at(self, row: int) -> int:
        return self.index(row, 0).data(ID_ROLE)

    def row_of(self, card_id: int) -> int:
        """The row showing ``card_id``, or -1 (through the proxies' own mappings)."""
        cards = self.stage.sourceModel()
        if cards is None:
            return -1
        index = self.mapFromSource(self.stage.mapFromSource(cards.index_of(card_id)))
        return index.row() if index.isValid() else -1
