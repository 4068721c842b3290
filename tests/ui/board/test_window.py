"""Window state across restarts, the empty board, hidden and collapsed stages, backups."""

from __future__ import annotations

from datetime import timedelta

from board_helpers import column_view
from PySide6.QtCore import QRect

from jobtracker.store.backup import list_backups


def test_empty_board_invites_and_loads_sample_data(qtbot, services, make_window) -> None:
    window = make_window()
    assert window.stack.currentWidget() is window.welcome
    with qtbot.waitSignal(window.details_requested) as new:
        window.welcome_new_button.click()
    assert new.args == [None]
    window.welcome_sample_button.click()
    assert window.stack.currentWidget() is window.board
    assert len(services.board.cards()) == len(window.board.card_set) > 20


def test_an_empty_column_says_what_belongs_in_it(add_card, make_window) -> None:
    add_card("Acme")
    window = make_window()
    assert column_view(window, "Offer").empty_hint == "Offers you are weighing."


def test_hidden_and_collapsed_stages_and_geometry_survive_a_restart(
    qtbot,
    services,
    add_card,
    make_window,
    qsettings,
) -> None:
    add_card("Acme")
    window = make_window()
    offer = services.board.stage_by_name("Offer").id
    rejected = services.board.stage_by_name("Rejected").id
    window.setGeometry(QRect(40, 50, 700, 500))
    next(a for a in window.stages_menu.actions() if a.text() == "Offer").setChecked(False)
    window.board.columns[rejected].header.collapse_button.click()
    assert not window.board.columns[offer].isVisible()
    assert window.board.columns[rejected].collapsed
    window.close()

    again = make_window()
    assert not again.board.is_shown(offer)
    assert not again.board.columns[offer].isVisible()
    assert again.board.columns[rejected].collapsed
    assert again.board.columns[rejected].strip.isVisible()
    assert (again.width(), again.height()) == (700, 500)
    again.board.columns[rejected].strip.expand_requested.emit()
    assert not again.board.columns[rejected].collapsed


def test_closed_stages_can_be_hidden_from_the_filter_menu(add_card, make_window, services) -> None:
    add_card("Acme", stage="Rejected")
    add_card("Bolt", stage="Applied")
    window = make_window()
    rejected = services.board.stage_by_name("Rejected").id
    assert window.board.columns[rejected].isVisible()
    window.show_closed_action.setChecked(False)
    assert not window.board.columns[rejected].isVisible()
    assert window.count_label.text() == "1 application"


def test_archived_cards_show_only_when_asked(add_card, make_window, services) -> None:
    acme = add_card("Acme")
    services.applications.archive([acme])
    window = make_window()
    assert window.board.card_set.card(acme) is None
    window.show_archived_action.setChecked(True)
    assert window.board.card_set.card(acme).archived
    window.show_archived_action.setChecked(False)
    assert window.board.card_set.card(acme) is None


def test_changed_data_is_backed_up_while_the_window_is_open(
    services,
    add_card,
    make_window,
    clock,
) -> None:
    acme = add_card("Acme")
    window = make_window()
    backups_dir = services.store.backups_dir
    window.check_backup()
    before = len(list_backups(backups_dir))
    window.controller.move([acme], services.board.stage_by_name("Offer").id, None)
    clock.advance(minutes=31)
    window.check_backup()
    backups = list_backups(backups_dir)
    assert len(backups) == before + 1
    assert abs(clock.now() - backups[0].taken_at) < timedelta(seconds=1)
    clock.advance(minutes=31)
    window.check_backup()  # nothing changed since: no new backup
    assert len(list_backups(backups_dir)) == before + 1
