"""Keyboard use: start focus, arrows across columns, moves and reorders with
Ctrl+Shift+arrows, Enter, Delete, Ctrl+F and Escape."""

from __future__ import annotations

import pytest
from board_helpers import column_view
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def board(add_card):
    """Wishlist empty; Applied: A1 (top), A2; Interviewing: I1."""
    ids = {"A2": add_card("A2", stage="Applied")}
    ids["A1"] = add_card("A1", stage="Applied")
    ids["I1"] = add_card("I1", stage="Interviewing")
    return ids


def focused_card(window) -> int | None:
    view = QApplication.focusWidget()
    return view.currentIndex().data(Qt.ItemDataRole.UserRole + 1) if view is not None else None


def test_start_focus_is_the_first_card_of_the_first_non_empty_column(
    qtbot, board, make_window
) -> None:
    window = make_window()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is column_view(window, "Applied"))
    assert focused_card(window) == board["A1"]


def test_arrows_move_within_and_across_columns(qtbot, board, make_window) -> None:
    window = make_window()
    applied = column_view(window, "Applied")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is applied)
    qtbot.keyClick(applied, Qt.Key.Key_Down)
    assert focused_card(window) == board["A2"]
    qtbot.keyClick(applied, Qt.Key.Key_Right)
    interviewing = column_view(window, "Interviewing")
    assert QApplication.focusWidget() is interviewing
    assert focused_card(window) == board["I1"]
    qtbot.keyClick(interviewing, Qt.Key.Key_Left)
    assert QApplication.focusWidget() is applied
    qtbot.keyClick(applied, Qt.Key.Key_Left)  # the empty Wishlist is skipped: stays put
    assert QApplication.focusWidget() is applied


def test_ctrl_shift_right_moves_the_card_to_the_next_stage_and_persists(
    qtbot,
    services,
    board,
    make_window,
    stored_stage,
) -> None:
    window = make_window()
    applied = column_view(window, "Applied")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is applied)
    qtbot.keyClick(applied, Qt.Key.Key_Right, CTRL_SHIFT)
    interviewing = services.board.stage_by_name("Interviewing").id
    assert stored_stage(board["A1"]) == interviewing
    assert column_view(window, "Interviewing").cards.ids() == [board["A1"], board["I1"]]
    assert window.board.selected_ids() == [board["A1"]], "the moved card stays selected"
    view = QApplication.focusWidget()
    qtbot.keyClick(view, Qt.Key.Key_Left, CTRL_SHIFT)
    assert stored_stage(board["A1"]) == services.board.stage_by_name("Applied").id


def test_ctrl_shift_down_and_up_reorder(qtbot, services, board, make_window) -> None:
    window = make_window()
    applied = column_view(window, "Applied")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is applied)
    qtbot.keyClick(applied, Qt.Key.Key_Down, CTRL_SHIFT)
    assert applied.cards.ids() == [board["A2"], board["A1"]]
    stage = services.board.stage_by_name("Applied").id
    assert [c.id for c in services.board.cards() if c.stage_id == stage] == [
        board["A2"],
        board["A1"],
    ]
    qtbot.keyClick(applied, Qt.Key.Key_Up, CTRL_SHIFT)
    assert applied.cards.ids() == [board["A1"], board["A2"]]
    assert window.undo_stack.undoText() == "Reorder A1 in Applied"


def test_several_selected_cards_move_with_the_keyboard(
    qtbot, services, board, make_window, stored_stage
) -> None:
    window = make_window()
    applied = column_view(window, "Applied")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is applied)
    applied.selectAll()
    qtbot.keyClick(applied, Qt.Key.Key_Right, CTRL_SHIFT)
    interviewing = services.board.stage_by_name("Interviewing").id
    assert stored_stage(board["A1"]) == stored_stage(board["A2"]) == interviewing
    assert window.undo_stack.undoText() == "Move 2 cards to Interviewing"


def test_enter_opens_details_and_ctrl_n_asks_for_a_new_one(qtbot, board, make_window) -> None:
    window = make_window()
    applied = column_view(window, "Applied")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is applied)
    with qtbot.waitSignal(window.details_requested) as opened:
        qtbot.keyClick(applied, Qt.Key.Key_Return)
    assert opened.args == [board["A1"]]
    with qtbot.waitSignal(window.details_requested) as new:
        qtbot.keyClick(applied, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert new.args == [None]


def test_delete_sends_the_card_to_the_trash(qtbot, services, board, make_window) -> None:
    window = make_window()
    applied = column_view(window, "Applied")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is applied)
    qtbot.keyClick(applied, Qt.Key.Key_Delete)
    assert services.applications.get(board["A1"]).deleted_at is not None
    assert applied.cards.ids() == [board["A2"]]
    assert window.undo_stack.undoText() == "Move A1 to the trash"


def test_ctrl_f_focuses_search_and_escape_clears_it(qtbot, board, make_window) -> None:
    window = make_window()
    applied = column_view(window, "Applied")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is applied)
    qtbot.keyClick(applied, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.search_field
    qtbot.keyClicks(window.search_field, "a2")
    assert applied.cards.ids() == [board["A2"]]
    qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)
    assert window.search_field.text() == ""
    assert applied.cards.rowCount() == 2
    assert QApplication.focusWidget() is applied
