"""Accessible names for the columns and the cards; moves are announced."""

from __future__ import annotations

from board_helpers import column_view
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible


def test_cards_and_columns_have_accessible_names(services, add_card, make_window, clock) -> None:
    acme = add_card("Acme", "Backend Engineer", "Applied")
    clock.advance(days=3)
    window = make_window()
    view = column_view(window, "Applied")
    assert view.accessibleName() == "Applied column, 1 card"
    add_card("Zephyr", "Data Engineer", "Applied")
    window.reload()
    assert column_view(window, "Applied").accessibleName() == "Applied column, 2 cards"
    view = column_view(window, "Applied")
    index = view.cards.index(view.cards.row_of(acme), 0)
    assert (
        index.data(Qt.ItemDataRole.AccessibleTextRole) == "Acme, Backend Engineer, Applied, 3 days"
    )
    interface = QAccessible.queryAccessibleInterface(view)
    assert interface is not None
    names = [interface.child(i).text(QAccessible.Text.Name) for i in range(interface.childCount())]
    assert "Acme, Backend Engineer, Applied, 3 days" in names


def test_a_move_is_announced(services, add_card, make_window) -> None:
    acme = add_card("Acme", "Backend Engineer", "Applied")
    window = make_window()
    offer = services.board.stage_by_name("Offer").id
    window.controller.move([acme], offer, None)
    assert window.statusBar().currentMessage() == "Acme now in Offer, 1 of 1"
    # announced as an event (tests/e2e/test_screen_reader.py hears it), not left behind
    # in the board's description to be read again with the board
    assert window.board.accessibleDescription() == ""
