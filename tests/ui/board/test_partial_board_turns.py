"""A board shown with its columns' first cards under their full counts, and no page reader
yet (the file's services still opening, or not opening at all), stays idle: its turns of the
event loop stay short instead of laying the columns out again and again for the cards still
to come."""

from __future__ import annotations

import time

import pytest
from board_helpers import column_view
from PySide6.QtCore import QTimer

from jobtracker.ui.main_window import MainWindow
from jobtracker.ui.opening import Opening

CARDS = 8
FIRST = 3
TURNS = 20
LONGEST_TURN_S = 0.1


@pytest.mark.timeout(30)
def test_a_partial_board_without_a_page_reader_keeps_its_turns_short(
    qtbot, services, add_card, qsettings
) -> None:
    for n in range(CARDS):
        add_card(f"Co {n}")
    first = services.board.first_frame(FIRST)
    # services that do not open (the person chose Quit): no page reader ever comes
    opening = Opening(services.store.path, services.clock, first, lambda: None)
    window = MainWindow(opening, qsettings)
    qtbot.addWidget(window)
    window.resize(1280, 800)  # the first cards fit their column, the full count does not
    with qtbot.waitSignal(window.first_painted, timeout=5_000):
        window.show()
    applied = column_view(window, "Applied")
    assert window.board.card_set.partial and applied.cards.rowCount() == FIRST
    assert FIRST * applied.sizeHintForRow(0) < applied.viewport().height()
    assert CARDS * applied.sizeHintForRow(0) > applied.viewport().height()

    turns: list[float] = []
    last = [time.monotonic()]

    def turn() -> None:
        now = time.monotonic()
        turns.append(now - last[0])
        last[0] = now
        if len(turns) < TURNS and turns[-1] < LONGEST_TURN_S:
            QTimer.singleShot(0, window, turn)

    QTimer.singleShot(0, window, turn)
    qtbot.waitUntil(
        lambda: len(turns) == TURNS or max(turns, default=0) >= LONGEST_TURN_S, timeout=10_000
    )

    assert max(turns) < LONGEST_TURN_S, [round(t * 1000) for t in turns]
    assert window.board.card_set.partial and applied.cards.rowCount() == FIRST
    bar = applied.verticalScrollBar()
    assert bar.isVisible() and bar.maximum() > 0  # it spans the eight cards, not three
