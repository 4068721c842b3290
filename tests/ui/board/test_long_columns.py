"""A long column makes Qt rows only for the cards near where it is scrolled: a search
matching thousands lays out what can be seen, and every card further down still scrolls
into sight, is counted, selected, moved and announced."""

from __future__ import annotations

import pytest
from board_helpers import column_view
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

from jobtracker.ui.board import card_model

CARDS = 30
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(monkeypatch, add_card, make_window):
    """Thirty Applied cards ("Co 29" on top) in a column a few cards high, rows made five
    at a time."""
    monkeypatch.setattr(card_model, "PAGE_ROWS", 5)
    ids = [add_card(f"Co {n}") for n in range(CARDS)]
    built = make_window()
    built.resize(900, 420)
    QApplication.processEvents()
    built.card_ids = ids[::-1]  # top to bottom
    return built


def test_rows_are_made_as_the_column_scrolls_down_and_the_bar_spans_every_card(
    qtbot, window
) -> None:
    applied = column_view(window, "Applied")
    assert applied.cards.rowCount() < CARDS and applied.cards.shown_count() == CARDS
    assert window.board.columns[applied.cards.stage_id].header.count == CARDS
    bar = applied.verticalScrollBar()
    step = (
        applied.visualRect(applied.cards.index(1, 0)).top()
        - applied.visualRect(applied.cards.index(0, 0)).top()
    )
    spanned = bar.maximum() + applied.viewport().height()
    assert spanned == CARDS * step, "the bar stands for every card, rows or not"

    bar.setValue(bar.maximum())

    qtbot.waitUntil(lambda: applied.cards.rowCount() == CARDS)
    last = applied.cards.index(CARDS - 1, 0)
    assert last.data(card_model.ID_ROLE) == window.card_ids[-1]
    assert applied.viewport().rect().intersects(applied.visualRect(last)), "in sight"
    assert bar.maximum() + applied.viewport().height() == spanned


def test_a_search_matching_many_makes_rows_for_the_first_only_and_counts_them_all(
    window,
) -> None:
    applied = column_view(window, "Applied")
    applied.verticalScrollBar().setValue(0)
    window.search_field.setText("co")
    QApplication.processEvents()
    assert applied.cards.rowCount() < CARDS
    assert window.board.columns[applied.cards.stage_id].header.count == CARDS
    assert window.board.counts() == (CARDS, CARDS)
    window.search_field.setText("co 1")  # Co 1, Co 10-19, Co 21
    QApplication.processEvents()
    numbers = range(CARDS - 1, -1, -1)  # top to bottom
    expected = [i for n, i in zip(numbers, window.card_ids, strict=True) if "1" in str(n)]
    assert applied.cards.ids() == expected


def test_a_card_without_a_row_yet_is_selected_moved_and_announced_in_place(qtbot, window) -> None:
    applied = column_view(window, "Applied")
    last = window.card_ids[-1]
    assert applied.cards.row_of(last) >= applied.cards.rowCount(), "no row yet"

    assert window.board.select_ids([last])

    assert window.board.selected_ids() == [last]
    window.controller.reorder(-1)
    assert applied.cards.ids()[-2:] == [last, window.card_ids[-2]]
    assert window.statusBar().currentMessage().endswith(f"Applied, {CARDS - 1} of {CARDS}")
    qtbot.keyClick(applied, Qt.Key.Key_Right, CTRL_SHIFT)
    interviewing = column_view(window, "Interviewing")
    assert interviewing.cards.ids() == [last]
    assert window.board.columns[applied.cards.stage_id].header.count == CARDS - 1


def test_select_all_takes_the_cards_further_down_too(qtbot, window) -> None:
    applied = column_view(window, "Applied")
    applied.setFocus()
    applied.selectAll()
    assert window.board.selected_ids() == window.card_ids
    applied.selectionModel().select(
        applied.cards.index(0, 0), QItemSelectionModel.SelectionFlag.Deselect
    )
    assert window.board.selected_ids() == window.card_ids[1:]


def test_under_a_search_a_column_works_out_the_rest_of_its_cards_before_they_change(
    window,
) -> None:
    """A search shows a long column's first cards and counts the rest without listing them;
    a card moved out of such a column, or into it, leaves or joins it once, rows and
    count alike."""
    applied, interviewing = column_view(window, "Applied"), column_view(window, "Interviewing")
    top, *rest = window.card_ids

    def rows(view) -> list[int]:
        return [
            view.cards.index(r, 0).data(card_model.ID_ROLE) for r in range(view.cards.rowCount())
        ]

    window.search_field.setText("co")
    QApplication.processEvents()
    assert applied.cards.rowCount() < CARDS
    window.controller.move([top], interviewing.cards.stage_id, None)
    assert rows(applied) == rest[: applied.cards.rowCount()] and applied.cards.ids() == rest
    assert window.board.columns[applied.cards.stage_id].header.count == CARDS - 1
    window.search_field.setText("c")  # the columns show their first cards only again
    QApplication.processEvents()
    window.controller.move([top], applied.cards.stage_id, rest[0])
    assert applied.cards.ids() == window.card_ids and interviewing.cards.ids() == []
    assert rows(applied) == window.card_ids[: applied.cards.rowCount()]
    assert window.board.counts() == (CARDS, CARDS)
