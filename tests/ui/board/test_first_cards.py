"""The window paints each column's first cards under their full counts, then reads the rest a
page per turn of the event loop: input typed meanwhile is kept and applies to the cards still
coming; whatever needs every card at once (moves by neighbours, selecting a card by id) reads
them first."""

from __future__ import annotations

import gc

import pytest
from board_helpers import column_view
from PySide6.QtCore import QTimer

from jobtracker.ui.board import rest_pages
from jobtracker.ui.main_window import MainWindow
from jobtracker.ui.opening import opened

CARDS = 8


@pytest.fixture
def window(qtbot, services, add_card, qsettings) -> MainWindow:
    """A board window built (not shown) over eight Applied cards, three read at first."""
    for n in range(CARDS):
        add_card(f"Co {n}")  # a new card goes on top: Co 7 first, Co 0 last
    built = MainWindow(opened(services, per_stage=3), qsettings)
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
    qtbot.waitUntil(lambda: not window.board.loading)

    assert applied.cards.ids() == _applied_ids(services)
    assert column.header.count == CARDS
    assert window.board.selected_ids() == _applied_ids(services)[:1]  # the start's focus stays
    assert not window.board.card_set.partial


def test_the_first_paint_comes_before_the_rest_is_read(qtbot, window) -> None:
    at_paint = []
    window.first_painted.connect(lambda: at_paint.append(len(window.board.card_set)))

    window.show()
    qtbot.waitUntil(lambda: not window.board.loading)

    assert at_paint == [3]
    assert len(window.board.card_set) == CARDS


def test_the_rest_comes_a_page_per_turn_of_the_event_loop(qtbot, window, monkeypatch) -> None:
    """Between two pages the event loop runs (a key typed then is handled then)."""
    monkeypatch.setattr(rest_pages, "PAGE_CARDS", 2)
    applied = column_view(window, "Applied")
    batches: list[tuple[int, int]] = []  # (cards, turns run since the first page)
    turns = [0]

    def inserted(_parent, first: int, last: int) -> None:
        batches.append((last - first + 1, turns[0]))
        QTimer.singleShot(0, lambda: turns.__setitem__(0, turns[0] + 1))

    applied.cards.rowsInserted.connect(inserted)
    window.show()
    qtbot.waitUntil(lambda: not window.board.loading)

    # eight cards: three first, then pages of two, each after the last one's turn ended
    assert batches == [(2, 0), (2, 1), (1, 2)]


def test_a_search_typed_while_the_rest_is_read_finds_them_as_they_come(
    qtbot, services, window
) -> None:
    window.show()
    window.search_field.setText("co 0")  # before any page was read
    assert window.board.loading

    applied = column_view(window, "Applied")
    qtbot.waitUntil(lambda: not window.board.loading)

    assert window.search_field.text() == "co 0"
    assert applied.cards.ids() == _applied_ids(services)[-1:]
    assert window.count_label.text() == f"1 of {CARDS} applications"


def test_a_card_changed_while_the_rest_is_read_shows_once_where_it_now_is(
    qtbot, services, window
) -> None:
    """Trash one card not read yet and move another to a later stage: the pages read after
    the change agree with it."""
    window.make_ready()  # its services open: the rest is read from the next turn on
    window.show()
    ids = _applied_ids(services)
    interview = services.board.stage_by_name("Interviewing").id
    services.applications.trash([ids[-1]])
    services.board.move_cards([ids[-2]], interview, None)
    window.refresh_cards([ids[-1], ids[-2]])

    qtbot.waitUntil(lambda: not window.board.loading)

    assert column_view(window, "Applied").cards.ids() == ids[:-2]
    assert column_view(window, "Interviewing").cards.ids() == [ids[-2]]
    assert window.count_label.text() == f"{CARDS - 1} applications"


def test_clearing_a_filter_that_is_not_set_leaves_the_rest_to_the_pages(window) -> None:
    """A start that brings back a kept search and no filter clears the filter: that must
    not read every card at once."""
    window.board.set_filter(None)

    assert window.board.loading


def test_a_card_not_read_yet_can_be_selected_by_id(services, window) -> None:
    last = _applied_ids(services)[-1]
    window.make_ready()  # its services open, as right after the first paint

    assert window.board.select_ids([last], focus=False)

    assert window.board.selected_ids() == [last]


def test_a_reorder_at_the_edge_of_the_first_cards_moves_past_it(services, window) -> None:
    """The third card moves below the fourth, which the first read left out."""
    before = _applied_ids(services)
    window.make_ready()
    window.board.select_ids([before[2]], focus=False)

    assert window.controller.reorder(1)

    expected = [*before[:2], before[3], before[2], *before[4:]]
    assert _applied_ids(services) == expected
    assert column_view(window, "Applied").cards.ids() == expected


def test_reminders_start_once_the_board_has_every_card(services, window) -> None:
    """Their catch-up takes a while at 10,000 cards; the columns must not wait for it."""
    from jobtracker.ui.reminders.controller import install_reminders

    window.make_ready()
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
