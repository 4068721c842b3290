"""One stage's cards, filtered by the search and sorted by rank, all in C++.

The filter is one regular expression over the model's FILTER_ROLE ("<stage>\x1f<text>"), so
neither filtering nor sorting calls back into Python per row.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRegularExpression, QSortFilterProxyModel, Qt

from jobtracker.text import fold
from jobtracker.ui.board.card_model import FILTER_ROLE, ID_ROLE, RANK_ROLE


def search_words(query: str) -> list[str]:
    return fold(query).split()


def stage_pattern(stage_id: int, words: list[str]) -> QRegularExpression:
    """Cards of ``stage_id`` whose text holds every word, in any order."""
    lookaheads = "".join(f"(?=.*{QRegularExpression.escape(word)})" for word in words)
    return QRegularExpression(f"^{stage_id}\x1f{lookaheads}")


class StageProxy(QSortFilterProxyModel):
    """The cards of one stage column."""

    def __init__(self, stage_id: int, parent: object | None = None) -> None:
        super().__init__(parent)
        self.stage_id = stage_id
        self._words: list[str] = []
        self.setFilterRole(FILTER_ROLE)
        self.setSortRole(RANK_ROLE)
        self.setDynamicSortFilter(True)
        self.setFilterRegularExpression(stage_pattern(stage_id, []))
        self.sort(0, Qt.SortOrder.AscendingOrder)

    def set_search(self, words: list[str]) -> None:
        if words != self._words:
            self._words = list(words)
            self.setFilterRegularExpression(stage_pattern(self.stage_id, self._words))

    def removeRows(self, row: int, count: int, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: B008
        """Refuse: cards leave a column by a domain move, never by a view.

        Qt 6's ``QAbstractItemView.startDrag`` removes the dragged rows from the *source*
        view after a MoveAction; with one shared model that would delete the moved card.
        """
        return False

    def ids(self) -> list[int]:
        """The column's card ids, top to bottom."""
        return [self.index(row, 0).data(ID_ROLE) for row in range(self.rowCount())]

    def row_of(self, card_id: int) -> int:
        """The row showing ``card_id``, or -1."""
        for row in range(self.rowCount()):
            if self.index(row, 0).data(ID_ROLE) == card_id:
                return row
        return -1
