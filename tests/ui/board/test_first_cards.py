"""The window paints each column's first cards under their full counts, then reads the rest;
whatever needs every card (search, moves, selecting a card by id) reads them first."""

from __future__ import annotations

import gc

import pytest
from board_helpers import column_view

from jobtracker.ui.board import controller as board_controller
from jobtracker.ui.main_window import MainWindow

CARDS = 8


@pytest.fixture
def window(qtbot, services, add_card, qsettings, monkeypatch) -> MainWindow:
    """A board window built (not shown) over eight Applied cards, three read at first."""
    monkeypatch.setattr(board_controller, "FIRST_CARDS", 3)
    for n in range(CARDS):
        add_card(f"Co {n}")  # a new card goes on top: Co 7 first, Co 0 last
    built = MainWindow(services, qsettings)
    qtbot.addWidget(built)
    return built


def _applied_ids(services) -> list[int]:
    applied = services.board.stage_by_name("Applied").id
    return [c.id for c in services.board.cards() if c.stage_id == applied]


def test_first_cards_show_under_full_counts_and_the_rest_follow_the_first_paint(
    qtbot, services, window
) -> None:
    applied = column_view(window, "Applied")
    column = window.board.columns[applied.cards.stage_id]
    assert applied.cards.ids() == _applied_ids(services)[:3]
    assert column.header.count == CARDS
    assert window.count_label.text() == f"{CARDS} applications"

    window.show()
    qtbot.waitUntil(lambda: applied.cards.rowCount() == CARDS)

    assert applied.cards.ids() == _applied_ids(services)
    assert column.header.count == CARDS
    assert window.board.selected_ids() == _applied_ids(services)[:1]  # the start's focus stays
    assert not window.board.card_set.partial


def test_a_search_before_the_rest_finds_cards_not_read_yet(services, window) -> None:
    window.search_field.setText("co 0")

    applied = column_view(window, "Applied")
    assert applied.cards.ids() == _applied_ids(services)[-1:]
    assert window.count_label.text() == f"1 of {CARDS} applications"


def test_a_card_not_read_yet_can_be_selected_by_id(services, window) -> None:
    last = _applied_ids(services)[-1]

    assert window.board.select_ids([last], focus=False)

    assert window.board.selected_ids() == [last]


def test_a_reorder_at_the_edge_of_the_first_cards_moves_past_it(services, window) -> None:
    """The third card moves below the fourth, which the first read left out."""
    before = _applied_ids(services)
    window.board.select_ids([before[2]], focus=False)

    assert window.controller.reorder(1)

    expected = [*before[:2], before[3], before[2], *before[4:]]
    assert _applied_ids(services) == expected
    assert column_view(window, "Applied").cards.ids() == expected


def test_reminders_start_once_the_board_has_every_card(services, window) -> None:
    """Their catch-up takes a while at 10,000 cards; the columns must not wait for it."""
    from jobtracker.ui.reminders.controller import install_reminders

    reminders = install_reminders(window, services)

    reminders.start()

    assert not window.board.card_set.partial
    assert column_view(window, "Applied").cards.rowCount() == CARDS


def test_the_scroll_bar_spans_the_cards_not_read_yet(qtbot, window) -> None:
    """Its handle keeps its size when the rest of the column comes in."""
    window.resize(900, 360)  # a column shorter than its eight cards
    window.show()  # lays the columns out; the rest is read after the first paint
    applied = column_view(window, "Applied")
    bar = applied.verticalScrollBar()
    assert window.board.card_set.partial
    spanned = bar.maximum() + bar.pageStep()  # the height the bar stands for

    qtbot.waitUntil(lambda: applied.cards.rowCount() == CARDS)

    assert spanned == bar.maximum() + bar.pageStep()
    assert bar.maximum() > 0


def test_the_start_settles_once_every_card_is_read(window) -> None:
    """The cards read after the first paint are frozen out of the cycle collector's way too."""
    from jobtracker.ui.app import settle_after_start

    try:
        settle_after_start(window)
        frozen = gc.get_freeze_count()
    finally:
        gc.unfreeze()  # this test run goes on collecting

    assert not window.board.card_set.partial
    assert frozen > 0
