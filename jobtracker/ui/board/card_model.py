"""The one model of every card the board shows, and the MIME format cards travel in.

A ``QStandardItemModel`` on purpose: the column proxies filter and sort 10,000 rows, and
with the row data held in C++ they never call back into Python for it.
Each row keeps its ``CardRow`` under :data:`CARD_ROLE` for the delegate.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from jobtracker.domain.records import CardRow

ID_ROLE = Qt.ItemDataRole.UserRole + 1
STAGE_ROLE = Qt.ItemDataRole.UserRole + 2
RANK_ROLE = Qt.ItemDataRole.UserRole + 3
#: the folded text a search matches: company, role, location, notes, people
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 4
CARD_ROLE = Qt.ItemDataRole.UserRole + 5

CARD_MIME_TYPE = "application/x-jobtracker-card-ids"


def encode_ids(ids: Sequence[int]) -> QByteArray:
    return QByteArray(",".join(str(i) for i in ids).encode("ascii"))


def decode_ids(mime: QMimeData) -> list[int]:
    """The card ids a drag carries; empty for anything that is not ours."""
    if not mime.hasFormat(CARD_MIME_TYPE):
        return []
    text = bytes(mime.data(CARD_MIME_TYPE).data()).decode("ascii", "replace")
    return [int(part) for part in text.split(",") if part.strip().isdigit()]


_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_ID, _STAGE, _RANK, _SEARCH, _CARD = (
    int(role) for role in (ID_ROLE, STAGE_ROLE, RANK_ROLE, SEARCH_ROLE, CARD_ROLE)
)


def _roles(card: CardRow, describe: Callable[[CardRow], str]) -> dict[int, object]:
    return {
        _ACCESSIBLE: describe(card),
        int(Qt.ItemDataRole.DisplayRole): card.company,
        _ID: card.id,
        _STAGE: card.stage_id,
        _RANK: card.rank,
        _SEARCH: card.search_text,
        _CARD: card,
    }


def _item(card: CardRow, describe: Callable[[CardRow], str]) -> QStandardItem:
    """One row. Built with plain calls: this runs 10,000 times at start."""
    item = QStandardItem(card.company)
    set_data = item.setData
    set_data(describe(card), _ACCESSIBLE)
    set_data(card.id, _ID)
    set_data(card.stage_id, _STAGE)
    set_data(card.rank, _RANK)
    set_data(card.search_text, _SEARCH)
    set_data(card, _CARD)
    return item


class CardModel(QStandardItemModel):
    """Every card on the board, one row each, in no particular order (proxies sort)."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)
        #: the sentence a screen reader says for a card (set by the board, which knows stages)
        self.describe: Callable[[CardRow], str] = lambda card: f"{card.company}, {card.role}"
        self._items: dict[int, QStandardItem] = {}
        #: cards per stage id, kept in step with the rows (column totals without a search)
        self.stage_counts: Counter[int] = Counter()

    # -- loading and updating -------------------------------------------------------------

    def load(self, cards: Iterable[CardRow]) -> None:
        """Replace every row (at start and when archived or trashed cards are shown).

        One reset around the whole replacement, with the row signals held back: the
        proxies then rebuild in one pass instead of placing 10,000 inserted rows one by one
        into their sorted mappings.
        """
        cards = list(cards)
        describe = self.describe
        self.beginResetModel()
        blocked = self.blockSignals(True)
        try:
            self.removeRows(0, self.rowCount())
            self._items = {card.id: _item(card, describe) for card in cards}
            self.stage_counts = Counter(card.stage_id for card in cards)
            if self._items:
                self.invisibleRootItem().appendRows(list(self._items.values()))
        finally:
            self.blockSignals(blocked)
            self.endResetModel()

    def update(self, cards: Iterable[CardRow], gone: Iterable[int] = ()) -> None:
        """Refresh the given cards in place (adding new ones) and drop the ``gone`` ids."""
        for card in cards:
            self.stage_counts[card.stage_id] += 1
            item = self._items.get(card.id)
            if item is not None:
                self.stage_counts[item.data(_STAGE)] -= 1
                self.setItemData(item.index(), _roles(card, self.describe))
            else:
                item = self._items[card.id] = _item(card, self.describe)
                self.appendRow(item)
        for card_id in gone:
            item = self._items.pop(card_id, None)
            if item is not None:
                self.stage_counts[item.data(_STAGE)] -= 1
                self.removeRow(item.row())

    # -- lookups --------------------------------------------------------------------------

    def index_of(self, card_id: int) -> QModelIndex:
        item = self._items.get(card_id)
        return item.index() if item is not None else QModelIndex()

    def card(self, card_id: int) -> CardRow | None:
        item = self._items.get(card_id)
        return item.data(_CARD) if item is not None else None

    def ids(self) -> list[int]:
        return list(self._items)

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
