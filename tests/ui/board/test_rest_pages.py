"""Reading a stage's cards a page at a time: every card once, in rank order, ``done`` once."""

from __future__ import annotations

import gc
from datetime import UTC, datetime

from PySide6.QtCore import QTimer

from jobtracker.domain.records import CardRow
from jobtracker.ui.board import rest_pages
from jobtracker.ui.board.rest_pages import RestPages

ENTERED = datetime(2026, 3, 10, tzinfo=UTC)


def _one_turn(qtbot) -> None:
    """Let the event loop run the zero-timers already asked for (timers fire in order)."""
    marker = QTimer()
    marker.setSingleShot(True)
    with qtbot.waitSignal(marker.timeout, timeout=5000):
        marker.start(0)


def _reader(stages: dict[int, list[CardRow]], asked: list[tuple[int, object, int]]):
    def read(stage_id: int, after: tuple[float, int] | None, limit: int) -> list[CardRow]:
        asked.append((stage_id, after, limit))
        cards = [c for c in stages[stage_id] if after is None or (c.rank, c.id) > after]
        return cards[:limit]

    return read


def ids(cards: list[CardRow]) -> list[int]:
    return [card.id for card in cards]


def _cards(stage_id: int, count: int) -> list[CardRow]:
    return [
        CardRow(stage_id * 100 + n, stage_id, float(n), "Co", "R", "", 0, ENTERED, "")
        for n in range(count)
    ]


def test_pages_follow_each_stage_from_where_it_was_left(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(rest_pages, "PAGE_CARDS", 2)
    stages = {1: _cards(1, 5), 2: _cards(2, 2)}
    asked: list[tuple[int, object, int]] = []
    taken: list[tuple[int, list[int]]] = []
    starts = [(1, (0.0, 100)), (2, None)]  # stage 1's first card is already here
    pages = RestPages(
        _reader(stages, asked), starts, lambda stage, cards: taken.append((stage, ids(cards)))
    )

    with qtbot.waitSignal(pages.done, timeout=5000):
        pages.start()

    assert taken == [(1, [101, 102]), (1, [103, 104]), (2, [200, 201])]
    assert asked[1] == (1, (2.0, 102), 2)  # after the last card of the page before


def test_finish_reads_what_is_left_at_once_and_says_done_once(qtbot) -> None:
    stages = {1: _cards(1, 3)}
    taken: list[int] = []
    done: list[bool] = []
    pages = RestPages(_reader(stages, []), [(1, None)], lambda _s, c: taken.extend(x.id for x in c))
    pages.done.connect(lambda: done.append(True))

    pages.start()
    pages.finish()
    _one_turn(qtbot)  # the turn start() asked for finds nothing left

    assert taken == [100, 101, 102]
    assert done == [True]


def test_stop_reads_no_more_and_says_nothing(qtbot) -> None:
    taken: list[int] = []
    done: list[bool] = []
    pages = RestPages(_reader({1: _cards(1, 3)}, []), [(1, None)], lambda _s, c: taken.append(1))
    pages.done.connect(lambda: done.append(True))

    pages.start()
    pages.stop()
    _one_turn(qtbot)

    assert taken == [] and done == []


def test_a_page_taken_is_out_of_the_collectors_passes(qtbot) -> None:
    """The board keeps the cards it takes: the collector's passes do not walk them."""
    pages_taken: list[list[CardRow]] = []
    pages = RestPages(
        _reader({1: _cards(1, 3)}, []), [(1, None)], lambda _s, cards: pages_taken.append(cards)
    )

    with qtbot.waitSignal(pages.done, timeout=5000):
        pages.start()

    walked = {id(o) for o in gc.get_objects()}
    assert pages_taken
    assert not any(id(page) in walked for page in pages_taken)
