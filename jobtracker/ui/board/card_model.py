"""The one model of every card the board shows, and the MIME format cards travel in.

A ``QStandardItemModel`` on purpose: the column proxies filter and sort 10,000 rows, and
with the row data held in C++ they never call back into Python for it.
Each row keeps its ``CardRow`` under :data:`CARD_ROLE` for the delegate.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from jobtracker.domain.records import CardRow

ID_ROLE = Qt.ItemDataRole.UserRole + 1
STAGE_ROLE = Qt.ItemDataRole.UserRole + 2
RANK_ROLE = Qt.ItemDataRole.UserRole + 3
#: the folded text a search matches: company, role, location, notes, people
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 4
CARD_ROLE = Qt.ItemDataRole.UserRole + 5

CARD_MIME_TYPE = "application/x-jobtracker-card-ids"
CARD_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsDragEnabled
    | Qt.ItemFlag.ItemNeverHasChildren
)


def encode_ids(ids: Sequence[int]) -> QByteArray:
    return QByteArray(",".join(str(i) for i in ids).encode("ascii"))


def decode_ids(mime: QMimeData) -> list[int]:
    """The card ids a drag carries; empty for anything that is not ours."""
    if not mime.hasFormat(CARD_MIME_TYPE):
        return []
    text = bytes(mime.data(CARD_MIME_TYPE).data()).decode("ascii", "replace")
    return [int(part) for part in text.split(",") if part.strip().isdigit()]


def _roles(card: CardRow, describe: Callable[[CardRow], str]) -> dict[int, object]:
    return {
        Qt.ItemDataRole.AccessibleTextRole: describe(card),
        Qt.ItemDataRole.DisplayRole: card.company,
        ID_ROLE: card.id,
        STAGE_ROLE: card.stage_id,
        RANK_ROLE: card.rank,
        SEARCH_ROLE: card.search_text,
        CARD_ROLE: card,
    }


def _item(card: CardRow, describe: Callable[[CardRow], str]) -> QStandardItem:
    item = QStandardItem(card.company)
    item.setFlags(CARD_FLAGS)
    for role, value in _roles(card, describe).items():
        item.setData(value, role)
    return item


class CardModel(QStandardItemModel):
    """Every card on the board, one row each, in no particular order (proxies sort)."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)
        #: the sentence a screen reader says for a card (set by the board, which knows stages)
        self.describe: Callable[[CardRow], str] = lambda card: f"{card.company}, {card.role}"
        self._rows: dict[int, QPersistentModelIndex] = {}
        #: cards per stage id, kept in step with the rows (column totals without a search)
        self.stage_counts: Counter[int] = Counter()
        self.invisibleRootItem().setFlags(Qt.ItemFlag.ItemIsEnabled)

    # -- loading and updating -------------------------------------------------------------

    def load(self, cards: Iterable[CardRow]) -> None:
        """Replace every row (at start and when archived or trashed cards are shown)."""
        self.clear()
        cards = list(cards)
        self.stage_counts = Counter(card.stage_id for card in cards)
        items = [_item(card, self.describe) for card in cards]
        if items:
            self.invisibleRootItem().appendRows(items)
        self._index_rows()

    def update(self, cards: Iterable[CardRow], gone: Iterable[int] = ()) -> None:
        """Refresh the given cards in place (adding new ones) and drop the ``gone`` ids."""
        for card in cards:
            index = self.index_of(card.id)
            self.stage_counts[card.stage_id] += 1
            if index.isValid():
                self.stage_counts[index.data(CARD_ROLE).stage_id] -= 1
                self.setItemData(index, _roles(card, self.describe))
            else:
                self.appendRow(_item(card, self.describe))
                self._rows[card.id] = QPersistentModelIndex(self.index(self.rowCount() - 1, 0))
        doomed = sorted((self.index_of(i).row() for i in gone if i in self._rows), reverse=True)
        for row in doomed:
            self.stage_counts[self.index(row, 0).data(STAGE_ROLE)] -= 1
            self.removeRow(row)
        if doomed:
            self._index_rows()

    def _index_rows(self) -> None:
        self._rows = {
            self.index(row, 0).data(ID_ROLE): QPersistentModelIndex(self.index(row, 0))
            for row in range(self.rowCount())
        }

    # -- lookups --------------------------------------------------------------------------

    def index_of(self, card_id: int) -> QModelIndex:
        persistent = self._rows.get(card_id)
        return QModelIndex(persistent) if persistent is not None else QModelIndex()

    def card(self, card_id: int) -> CardRow | None:
        index = self.index_of(card_id)
        return index.data(CARD_ROLE) if index.isValid() else None

    def ids(self) -> list[int]:
        return list(self._rows)

    # -- drag and drop --------------------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [CARD_MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        ids = [index.data(ID_ROLE) for index in indexes if index.isValid()]
        mime.setData(CARD_MIME_TYPE, encode_ids(ids))
        mime.setText("\n".join(self.card(i).company for i in ids if self.card(i)))
        return mime

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction
