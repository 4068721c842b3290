"""Undo and redo of every board change restore the database file exactly."""

from __future__ import annotations

import pytest
from board_helpers import column_view


@pytest.fixture
def window(add_card, make_window, clock):
    add_card("Zed", stage="Applied")
    add_card("Acme", "Backend Engineer", stage="Applied")
    add_card("Bolt", stage="Interviewing")
    clock.advance(days=3)  # so a move writes a different stage_entered_at
    return make_window()


def card_id(window, company: str) -> int:
    return next(
        i for i in window.board.card_set.ids() if window.board.card_set.card(i).company == company
    )


def check_undo_redo(window, db_snapshot, change, expected_text: str) -> None:
    before = db_snapshot()
    assert change()
    after = db_snapshot()
    assert after != before
    assert window.undo_action.text().replace("&", "") == f"Undo {expected_text}"
    window.undo_action.trigger()
    assert db_snapshot() == before
    assert window.redo_action.text().replace("&", "") == f"Redo {expected_text}"
    window.redo_action.trigger()
    redone = db_snapshot()
    # the same positions and values; the timeline rows are written again (new ids)
    assert redone["application"] == after["application"]
    assert [row[1:] for row in redone["activity"]] == [row[1:] for row in after["activity"]]
    window.undo_action.trigger()
    assert db_snapshot() == before


def test_undo_redo_move_to_another_stage(services, window, db_snapshot) -> None:
    acme = card_id(window, "Acme")
    stage = services.board.stage_by_name("Interviewing").id
    check_undo_redo(
        window,
        db_snapshot,
        lambda: window.controller.move([acme], stage, None),
        "Move Acme to Interviewing",
    )
    assert column_view(window, "Applied").cards.row_of(acme) == 0, "the board follows the undo"


def test_undo_redo_reorder(services, window, db_snapshot) -> None:
    acme = card_id(window, "Acme")
    stage = services.board.stage_by_name("Applied").id
    check_undo_redo(
        window,
        db_snapshot,
        lambda: window.controller.move([acme], stage, None),
        "Reorder Acme in Applied",
    )


def test_undo_redo_trash(window, db_snapshot) -> None:
    acme = card_id(window, "Acme")
    check_undo_redo(
        window, db_snapshot, lambda: window.controller.trash([acme]), "Move Acme to the trash"
    )
    assert window.board.card_set.card(acme) is not None, "undo puts the card back on the board"


def test_undo_redo_archive(window, db_snapshot) -> None:
    acme = card_id(window, "Acme")
    check_undo_redo(window, db_snapshot, lambda: window.controller.archive([acme]), "Archive Acme")


def test_undo_redo_restore_from_trash(services, window, db_snapshot) -> None:
    acme = card_id(window, "Acme")
    services.applications.trash([acme])
    window.show_trash_action.setChecked(True)
    assert window.board.card_set.card(acme).trashed
    check_undo_redo(
        window,
        db_snapshot,
        lambda: window.controller.restore([acme]),
        "Restore Acme from the trash",
    )


def test_undo_redo_several_cards(services, window, db_snapshot) -> None:
    ids = [card_id(window, "Acme"), card_id(window, "Zed")]
    stage = services.board.stage_by_name("Offer").id
    check_undo_redo(
        window,
        db_snapshot,
        lambda: window.controller.move(ids, stage, None),
        "Move 2 cards to Offer",
    )


def test_a_refused_move_is_reported_and_not_undoable(qtbot, window, monkeypatch) -> None:
    acme = card_id(window, "Acme")
    window.controller.failed.disconnect()
    with qtbot.waitSignal(window.controller.failed) as failed:
        assert not window.controller.move([acme], 9999, None)
    assert "stage" in failed.args[0]
    assert window.undo_stack.count() == 0
