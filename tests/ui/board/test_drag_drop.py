"""Drops delivered as QDragEnter/Move/Drop events to a column's viewport (offscreen Qt
cannot run a real drag: QDrag.exec returns at once there; tests/e2e does a real one)."""

from __future__ import annotations

import pytest
from board_helpers import (
    BUTTONS,
    MOVE,
    NO_KEYS,
    card_mime,
    column_view,
    drop_on,
    point_before_row,
    point_below_cards,
)
from PySide6.QtCore import QMimeData, QPoint
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent
from PySide6.QtWidgets import QApplication

from jobtracker.ui.board.card_model import CARD_ROLE, ID_ROLE
from jobtracker.ui.board.column_view import placement


def test_drop_on_another_column_moves_and_persists(
    qtbot,
    services,
    add_card,
    make_window,
    stored_stage,
) -> None:
    acme = add_card("Acme", "Backend Engineer", "Applied")
    zephyr = add_card("Zephyr", "ML Engineer", "Interviewing")
    window = make_window()
    source, target = column_view(window, "Applied"), column_view(window, "Interviewing")
    mime = source.cards.mimeData([source.cards.index(0, 0)])  # what a drag from it carries
    drop = drop_on(target, mime, point_before_row(target, 0))
    assert drop.isAccepted()
    interviewing = services.board.stage_by_name("Interviewing").id
    qtbot.waitUntil(lambda: stored_stage(acme) == interviewing)
    assert services.board.card(acme).stage_id == interviewing
    assert target.cards.ids() == [acme, zephyr]
    assert source.cards.ids() == []
    assert window.board.selected_ids() == [acme]


def test_drop_is_deferred_out_of_the_drop_handler(
    qtbot,
    services,
    add_card,
    make_window,
    stored_stage,
) -> None:
    acme = add_card("Acme", "Backend Engineer", "Applied")
    window = make_window()
    target = column_view(window, "Offer")
    drop_on(target, card_mime([acme]), point_below_cards(target))
    applied = services.board.stage_by_name("Applied").id
    assert stored_stage(acme) == applied, "the move must wait for the event loop"
    offer = services.board.stage_by_name("Offer").id
    qtbot.waitUntil(lambda: stored_stage(acme) == offer)


def test_reorder_inside_a_column(qtbot, services, add_card, make_window) -> None:
    ids = [add_card(name, stage="Wishlist") for name in ("C", "B", "A")]  # each added on top
    window = make_window()
    view = column_view(window, "Wishlist")
    assert view.cards.ids() == [ids[2], ids[1], ids[0]]
    drop_on(view, card_mime([ids[2]]), point_below_cards(view))
    qtbot.waitUntil(lambda: view.cards.ids() == [ids[1], ids[0], ids[2]])
    wishlist = services.board.stage_by_name("Wishlist").id
    stored = [c.id for c in services.board.cards() if c.stage_id == wishlist]
    assert stored == [ids[1], ids[0], ids[2]]
    assert window.undo_stack.undoText() == "Reorder A in Wishlist"


def test_dropping_a_card_where_it_already_is_changes_nothing(
    qtbot,
    add_card,
    make_window,
    db_snapshot,
) -> None:
    first = add_card("First", stage="Applied")
    add_card("Second", stage="Applied")
    window = make_window()
    view = column_view(window, "Applied")
    before = db_snapshot()
    drop_on(view, card_mime([first]), point_before_row(view, 1))  # just before itself
    qtbot.wait(20)
    assert db_snapshot() == before
    assert window.undo_stack.count() == 0


def test_several_selected_cards_move_together_in_order(
    qtbot,
    services,
    add_card,
    make_window,
    stored_stage,
) -> None:
    ids = [add_card(f"Company {n}", stage="Applied") for n in range(4)]
    keep = add_card("Already there", stage="Offer")
    window = make_window()
    source, target = column_view(window, "Applied"), column_view(window, "Offer")
    rows = [0, 2]
    moving = [source.cards.index(r, 0).data(ID_ROLE) for r in rows]
    mime = source.cards.mimeData([source.cards.index(r, 0) for r in rows])
    drop_on(target, mime, point_before_row(target, 0))
    offer = services.board.stage_by_name("Offer").id
    qtbot.waitUntil(lambda: all(stored_stage(i) == offer for i in moving))
    assert target.cards.ids() == [*moving, keep]
    assert source.cards.rowCount() == len(ids) - 2
    assert window.undo_stack.undoText() == "Move 2 cards to Offer"


def test_moved_card_survives_qt6_remove_rows_after_a_move(
    qtbot,
    services,
    add_card,
    make_window,
    stored_stage,
) -> None:
    """Regression: Qt 6's startDrag removes the dragged rows from the source view after a
    MoveAction; with one shared model the card vanished from its new column."""
    acme = add_card("Acme", "Backend Engineer", "Applied")
    other = add_card("Other", stage="Applied")
    window = make_window()
    source, target = column_view(window, "Applied"), column_view(window, "Offer")
    row = source.cards.row_of(acme)
    drop_on(target, card_mime([acme]), point_below_cards(target))
    offer = services.board.stage_by_name("Offer").id
    qtbot.waitUntil(lambda: stored_stage(acme) == offer)
    # what QAbstractItemView::startDrag does to the source after an accepted MoveAction:
    assert source.cards.removeRows(row, 1) is False
    assert target.cards.ids() == [acme]
    assert source.cards.ids() == [other]
    assert window.board.card_set.card(acme) is not None
    assert {c.id for c in services.board.cards()} == {acme, other}


def test_start_drag_offscreen_leaves_every_card_in_place(
    qtbot,
    services,
    add_card,
    make_window,
) -> None:
    """Our own startDrag runs (offscreen QDrag.exec returns IgnoreAction at once) and never
    takes the cards off the board."""
    ids = [add_card(f"C{n}", stage="Applied") for n in range(3)]
    window = make_window()
    view = column_view(window, "Applied")
    view.selectAll()
    view.startDrag(view.defaultDropAction())
    assert sorted(view.cards.ids()) == sorted(ids)
    assert window.undo_stack.count() == 0


def test_foreign_drags_are_refused(make_window, add_card) -> None:

    add_card("Acme")
    window = make_window()
    view = column_view(window, "Applied")
    mime = QMimeData()
    mime.setText("not a card")
    event = QDragEnterEvent(QPoint(10, 10), MOVE, mime, BUTTONS, NO_KEYS)
    QApplication.sendEvent(view.viewport(), event)
    assert not event.isAccepted()


def test_drop_highlights_the_target_and_shows_where_it_lands(make_window, add_card) -> None:

    acme = add_card("Acme")
    add_card("Zed", stage="Offer")
    window = make_window()
    view = column_view(window, "Offer")
    point = point_below_cards(view)
    mime = card_mime([acme])  # kept alive: the event does not own it
    QApplication.sendEvent(
        view.viewport(), QDragEnterEvent(QPoint(point), MOVE, mime, BUTTONS, NO_KEYS)
    )
    assert view.drop_row == 1
    QApplication.sendEvent(view.viewport(), QDragLeaveEvent())
    assert view.drop_row is None


def test_dragging_near_the_bottom_scrolls_the_column(qtbot, add_card, make_window) -> None:
    ids = [add_card(f"Company {n}", stage="Applied") for n in range(30)]
    window = make_window()
    view = column_view(window, "Applied")
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    mime = card_mime(ids[:1])
    near_bottom = QPoint(view.viewport().width() // 2, view.viewport().height() - 5)
    QApplication.sendEvent(
        view.viewport(), QDragEnterEvent(QPoint(near_bottom), MOVE, mime, BUTTONS, NO_KEYS)
    )
    QApplication.sendEvent(
        view.viewport(), QDragMoveEvent(QPoint(near_bottom), MOVE, mime, BUTTONS, NO_KEYS)
    )
    qtbot.waitUntil(lambda: bar.value() > 0)
    QApplication.sendEvent(view.viewport(), QDragLeaveEvent())
    stopped = bar.value()
    qtbot.wait(120)
    assert bar.value() == stopped, "scrolling stops when the drag leaves"


def test_drag_pixmap_shows_the_cards_and_their_count(add_card, make_window) -> None:
    for n in range(3):
        add_card(f"Company {n}", stage="Applied")
    window = make_window()
    view = column_view(window, "Applied")
    cards = [view.cards.index(r, 0).data(CARD_ROLE) for r in range(3)]
    pixmap = view.itemDelegate().drag_pixmap(view, cards)
    assert pixmap.width() > view.viewport().width() // 2
    assert not pixmap.toImage().isNull()


@pytest.mark.parametrize(
    ("column", "moving", "row", "expected"),
    [
        ([1, 2, 3], [1], 0, (2, False)),  # dropped just above itself
        ([1, 2, 3], [1], 1, (2, False)),  # just below itself
        ([1, 2, 3], [1], 2, (3, True)),  # below the next card
        ([1, 2, 3], [3], 3, (None, False)),  # the last card at the end
        ([1, 2, 3], [1], 3, (None, True)),  # the first card to the end
        ([1, 2, 3, 4], [2, 3], 1, (4, False)),  # a block onto itself
        ([1, 2, 3, 4], [3, 2], 1, (4, True)),  # the same block, reversed
        ([1, 2, 3], [9], 0, (1, True)),  # from another column, to the top
    ],
)
def test_placement(column, moving, row, expected) -> None:
    assert placement(column.__getitem__, len(column), moving, row) == expected
