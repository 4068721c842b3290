"""The window on a real full disk: a move is refused with the reason, the card stays where
it was, nothing becomes undoable, and the board still reads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.disks import fill, small_disk


@pytest.fixture
def db_path(tmp_path: Path) -> Iterator[Path]:
    with small_disk(tmp_path / "disk", "4m") as disk:
        yield disk / "jobtracker.sqlite3"


def test_a_move_on_a_full_disk_is_said_and_the_card_stays(
    qtbot, add_card, make_window, db_path: Path
) -> None:
    acme = add_card("Acme", stage="Applied")
    window = make_window()
    offer = next(s.id for s in window.services.board.stages() if s.name == "Offer")
    window.controller.failed.disconnect()  # no modal box in the test: the signal is enough
    filler = fill(db_path.parent)
    try:
        with qtbot.waitSignal(window.controller.failed, timeout=5000) as failed:
            assert not window.controller.move([acme], offer, None)
        still = [c for c in window.services.board.cards() if c.id == acme]
    finally:
        filler.unlink()
    assert "no space left" in failed.args[0].lower() and "damaged" not in failed.args[0]
    applied = next(s.id for s in window.services.board.stages() if s.name == "Applied")
    assert [c.stage_id for c in still] == [applied]
    assert window.undo_stack.count() == 0
