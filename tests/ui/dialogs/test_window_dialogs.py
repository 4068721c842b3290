"""The board window opens the details and stage dialogs, and the board follows their changes."""

from __future__ import annotations

from dialog_helpers import answer_message_box
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from jobtracker.ui.dialogs.details import DetailsDialog
from jobtracker.ui.dialogs.stages import StagesDialog


def company_on_board(window, card_id: int) -> str | None:
    card = window.board.card_set.card(card_id)
    return None if card is None else card.company


def test_open_details_shows_one_dialog_per_card(add_card, make_window) -> None:
    acme = add_card("Acme")
    window = make_window()
    window.open_details(acme)
    window.open_details(acme)  # comes forward instead of opening twice
    dialogs = window.findChildren(DetailsDialog)
    assert [d.application_id for d in dialogs] == [acme]
    assert dialogs[0].isVisible()


def test_an_edit_in_the_dialog_reaches_the_board_and_undo_reverts_both(
    add_card, make_window, services
) -> None:
    acme = add_card("Acme")
    window = make_window()
    window.open_details(acme)
    (dialog,) = window.findChildren(DetailsDialog)
    dialog.form.company.setText("Acme Robotics")
    dialog.form.stage.setCurrentIndex(dialog.form.stage.findText("Offer"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert company_on_board(window, acme) == "Acme Robotics"
    offer = services.board.stage_by_name("Offer").id
    assert window.board.card_set.card(acme).stage_id == offer
    assert window.undo_action.text() == "&Undo Edit Acme Robotics"
    window.undo_action.trigger()
    assert company_on_board(window, acme) == "Acme"
    assert window.board.card_set.card(acme).stage_id != offer
    assert services.applications.get(acme).company == "Acme"


def test_a_new_application_appears_on_the_board(make_window, services) -> None:
    window = make_window()
    window.open_details(None)
    (dialog,) = window.findChildren(DetailsDialog)
    dialog.form.company.setText("Globex")
    dialog.form.role.setText("SRE")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    (card,) = services.board.cards()
    assert company_on_board(window, card.id) == "Globex"
    window.undo_action.trigger()
    assert company_on_board(window, card.id) is None
    assert services.board.cards() == []


def test_stage_changes_rebuild_the_board(add_card, make_window, services) -> None:
    add_card("Acme")
    window = make_window()
    window.manage_stages()
    window.manage_stages()
    (dialog,) = window.findChildren(StagesDialog)
    dialog.new_name.setText("Phone screen")
    dialog.add_button.click()
    stage = services.board.stage_by_name("Phone screen")
    assert stage.id in window.board.columns
    window.undo_action.trigger()
    assert stage.id not in window.board.columns


def test_closing_the_window_asks_about_an_unsaved_card_first(
    qtbot, add_card, make_window, services
) -> None:
    acme = add_card("Acme")
    window = make_window()
    window.open_details(acme)
    (dialog,) = window.findChildren(DetailsDialog)
    dialog.form.role.setText("Staff Engineer")
    window.close()
    assert window.isVisible()
    text = answer_message_box(qtbot, dialog, QMessageBox.StandardButton.Save)
    assert text == "Save the changes to Acme?"
    assert services.applications.get(acme).role == "Staff Engineer"
    window.close()
    assert not window.isVisible()
