"""The window the app shows before its store opens: it paints the first frame read ahead,
lets nothing that needs the services act until they come (``attach``), then works as a
window built over them does."""

from __future__ import annotations

import pytest
from board_helpers import column_view
from PySide6.QtCore import Qt

from jobtracker.domain.board_reads import read_first_frame
from jobtracker.store.check import OpenCheck
from jobtracker.ui.dialogs.details import DetailsDialog
from jobtracker.ui.main_window import MainWindow

CARDS = 5


@pytest.fixture
def cards(add_card) -> list[int]:
    return [add_card(f"Co {n}") for n in range(CARDS)] + [add_card("Zeta", stage="Interviewing")]


@pytest.fixture
def early_window(qtbot, db_path, qsettings, cards) -> MainWindow:
    """A shown window over the first frame of ``db_path``, without services yet."""
    frame = OpenCheck(db_path, read_first_frame).peeked()
    window = MainWindow(None, qsettings, database_path=db_path, first_frame=frame)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _columns(window: MainWindow) -> list[tuple[str, int, list[int]]]:
    return [
        (column.stage.name, column.header.count, column.view.cards.ids())
        for column in window.board.columns.values()
    ]


def test_the_first_frame_shows_what_a_window_over_the_services_shows(
    qtbot, services, qsettings, early_window
) -> None:
    built = MainWindow(services, qsettings)
    qtbot.addWidget(built)

    assert _columns(early_window) == _columns(built)
    assert early_window.windowTitle() == built.windowTitle()
    assert early_window.count_label.text() == f"{CARDS + 1} applications"
    assert early_window.board.selected_ids() == [column_view(built, "Applied").cards.ids()[0]]


def test_before_the_services_come_actions_and_search_wait(qtbot, services, early_window) -> None:
    applied = column_view(early_window, "Applied")
    early_window.board.select_ids([applied.cards.ids()[0]], focus=True)

    early_window.new_action.trigger()
    early_window.move_next_action.trigger()
    qtbot.keyClick(
        early_window.board.active_view(),
        Qt.Key.Key_Right,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    early_window.search_field.setText("zeta")

    assert early_window.findChildren(DetailsDialog) == []
    assert early_window.board.card_set.partial  # the search read nothing yet
    assert len(applied.cards.ids()) == CARDS
    assert [c.stage_id for c in services.board.cards() if c.company.startswith("Co")] == [
        applied.cards.stage_id
    ] * CARDS


def test_once_attached_the_window_works_and_the_typed_search_applies(
    qtbot, services, early_window
) -> None:
    early_window.search_field.setText("zeta")
    applied = column_view(early_window, "Applied")
    first = applied.cards.ids()[0]

    with qtbot.waitSignal(early_window.attached):
        early_window.attach(services)

    assert applied.cards.ids() == []  # "zeta" is in Interviewing
    assert early_window.count_label.text() == f"1 of {CARDS + 1} applications"
    early_window.search_field.clear()
    early_window.board.select_ids([first], focus=True)
    early_window.move_next_action.trigger()
    assert (
        services.board.card(first).stage_id
        == column_view(early_window, "Interviewing").cards.stage_id
    )
    early_window.new_action.trigger()
    qtbot.waitUntil(lambda: bool(early_window.findChildren(DetailsDialog)))


def test_the_rest_of_the_cards_come_through_the_services(
    qtbot, services, add_card, db_path, qsettings, monkeypatch
) -> None:
    from jobtracker.domain import board_reads

    monkeypatch.setattr(board_reads, "FIRST_CARDS", 2)
    ids = [add_card(f"Co {n}") for n in range(CARDS)]
    frame = OpenCheck(db_path, board_reads.read_first_frame).peeked()
    window = MainWindow(None, qsettings, database_path=db_path, first_frame=frame)
    qtbot.addWidget(window)
    applied = column_view(window, "Applied")
    assert len(applied.cards.ids()) == 2
    assert window.board.columns[applied.cards.stage_id].header.count == CARDS

    window.attach(services)
    window.board.finish_loading()

    assert sorted(applied.cards.ids()) == sorted(ids)
    assert not window.board.card_set.partial


def test_a_window_needs_its_services_or_a_first_frame(qsettings, db_path) -> None:
    with pytest.raises(ValueError, match="first frame"):
        MainWindow(None, qsettings, database_path=db_path)


def test_nothing_on_screen_moves_when_the_services_come(qtbot, services, early_window) -> None:
    """The menus the services bring (Write's entries, import, settings ...) fill menus the
    first frame already shows: the menu bar does not shift under the person's eyes."""
    menus = [action.text() for action in early_window.menuBar().actions()]
    before = early_window.grab().toImage()

    early_window.attach(services)

    assert [action.text() for action in early_window.menuBar().actions()] == menus
    assert early_window.write_menu.actions()  # filled now
    assert early_window.grab().toImage() == before
