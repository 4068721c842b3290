"""Stage management: every change lands in the database; undo puts it back."""

from __future__ import annotations

import pytest
from dialog_helpers import read_tables
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog

from jobtracker.ui.dialogs.stages import DeleteStageDialog, StagesDialog


@pytest.fixture
def dialog(qtbot, services, undo_stack) -> StagesDialog:
    refreshed: list[int] = []
    dialog = StagesDialog(services, undo_stack, refresh=lambda: refreshed.append(1))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    dialog.refreshed = refreshed
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def names(services) -> list[str]:
    return [s.name for s in services.board.stages()]


def select(dialog: StagesDialog, name: str) -> None:
    dialog.list.setCurrentItem(dialog.list.findItems(name, Qt.MatchFlag.MatchExactly)[0])


def test_add_an_open_stage_and_an_outcome(dialog, services, undo_stack, db_path) -> None:
    before = read_tables(db_path)
    dialog.new_name.setText("Phone screen")
    dialog.add_button.click()
    dialog.new_name.setText("Ghosted")
    dialog.new_kind.setCurrentIndex(1)
    dialog.new_name.returnPressed.emit()
    assert names(services) == [
        "Wishlist", "Applied", "Interviewing", "Offer", "Phone screen",
        "Accepted", "Rejected", "Withdrawn", "No response", "Ghosted",
    ]  # fmt: skip
    assert services.board.stage_by_name("Ghosted").is_closed
    assert [dialog.list.item(r).text() for r in range(dialog.list.count())] == names(services)
    assert dialog.refreshed
    assert undo_stack.undoText() == "Add stage Ghosted"
    undo_stack.undo()
    undo_stack.undo()
    assert read_tables(db_path) == before


def test_a_duplicate_name_is_refused_with_a_message(dialog, services, db_path) -> None:
    before = read_tables(db_path)
    dialog.new_name.setText("applied")
    dialog.add_button.click()
    assert dialog.add_error.isVisible()
    assert "already exists" in dialog.add_error.text()
    assert read_tables(db_path) == before


def test_rename_in_place_and_undo(dialog, services, undo_stack, db_path) -> None:
    before = read_tables(db_path)
    item = dialog.list.findItems("Wishlist", Qt.MatchFlag.MatchExactly)[0]
    item.setText("Maybe later")  # what the inline editor commits
    assert names(services)[0] == "Maybe later"
    assert undo_stack.undoText() == "Rename stage Wishlist to Maybe later"
    dialog.list.findItems("Offer", Qt.MatchFlag.MatchExactly)[0].setText("Applied")
    assert "already exists" in dialog.list_error.text()
    assert names(services)[3] == "Offer"
    assert dialog.list.item(3).text() == "Offer"  # the refused name is not left on show
    undo_stack.undo()
    assert read_tables(db_path) == before


def test_recolour_through_the_colour_picker(qtbot, dialog, services, undo_stack, db_path) -> None:
    before = read_tables(db_path)
    select(dialog, "Offer")
    dialog.color_button.click()
    picker = dialog.findChild(QColorDialog)
    assert picker is not None and picker.isVisible()
    picker.setCurrentColor(QColor("#123456"))
    picker.accept()
    assert services.board.stage_by_name("Offer").color == "#123456"
    assert undo_stack.undoText() == "Recolour stage Offer"
    undo_stack.undo()
    assert read_tables(db_path) == before


def test_reorder_with_buttons_and_by_drag(dialog, services, undo_stack, db_path) -> None:
    before = read_tables(db_path)
    select(dialog, "Offer")
    dialog.up_button.click()
    assert names(services)[:4] == ["Wishlist", "Applied", "Offer", "Interviewing"]
    assert dialog.list.currentItem().text() == "Offer"  # the selection follows the stage
    dialog.down_button.click()
    dialog.down_button.click()
    assert names(services)[3:5] == ["Accepted", "Offer"]
    undo_stack.undo()
    undo_stack.undo()
    undo_stack.undo()
    assert read_tables(db_path) == before
    dialog.reorder([s.id for s in reversed(services.board.stages())])
    assert names(services)[0] == "No response"
    undo_stack.undo()
    assert read_tables(db_path) == before


def test_delete_moves_the_cards_to_the_chosen_stage_and_undo_restores_all(
    qtbot, dialog, services, undo_stack, db_path
) -> None:
    applied = services.board.stage_by_name("Applied").id
    ids = [services.applications.add(f"Co {i}", "Dev", applied).id for i in range(3)]
    services.board.move_cards([ids[0]], services.board.stage_by_name("Offer").id)
    services.board.move_cards([ids[0]], applied)  # a timeline entry naming Applied twice
    start = read_tables(db_path)
    dialog.new_name.setText("Scratch")
    dialog.add_button.click()
    before = read_tables(db_path)
    select(dialog, "Applied")
    dialog.delete_button.click()
    confirm = dialog.findChild(DeleteStageDialog)
    assert confirm is not None and confirm.target.isVisible()
    assert "Its 3 cards move to:" in confirm.message.text()
    confirm.target.setCurrentIndex(confirm.target.findText("Interviewing"))
    confirm.delete_button.click()
    assert "Applied" not in names(services)
    interviewing = services.board.stage_by_name("Interviewing").id
    moved = [c.id for c in services.board.cards() if c.stage_id == interviewing]
    assert moved == [ids[2], ids[1], ids[0]]  # in the order they stood
    assert dialog.list.count() == len(names(services))
    assert undo_stack.undoText() == "Delete stage Applied"
    undo_stack.undo()
    assert read_tables(db_path) == before
    assert dialog.list.item(1).text() == "Applied"
    undo_stack.redo()
    assert "Applied" not in names(services)
    assert [c.id for c in services.board.cards() if c.stage_id == interviewing] == moved
    while undo_stack.canUndo():
        undo_stack.undo()
    assert read_tables(db_path) == start


def test_deleting_an_empty_stage_needs_no_target(dialog, services) -> None:
    select(dialog, "Withdrawn")
    dialog.delete_button.click()
    confirm = dialog.findChild(DeleteStageDialog)
    assert not confirm.target.isVisible()
    confirm.delete_button.click()
    assert "Withdrawn" not in names(services)


def test_the_selected_stage_shows_its_role_and_a_new_role_is_undoable(
    dialog, services, undo_stack, db_path
) -> None:
    before = read_tables(db_path)
    select(dialog, "Offer")
    assert dialog.role.currentData() == "offer"
    assert dialog.role.currentText() == "Offer"
    dialog.role.setCurrentIndex(dialog.role.findData("rejected"))
    dialog.role.activated.emit(dialog.role.currentIndex())
    offer = services.board.stage_by_name("Offer")
    assert (offer.role, offer.is_closed) == ("rejected", True)
    assert dialog.list.currentItem().font().italic()  # shown as an outcome now
    assert undo_stack.undoText() == "Set the role of Offer to Rejected"
    undo_stack.undo()
    assert read_tables(db_path) == before
    assert dialog.role.currentData() == "offer"  # the dialog follows the undo


def test_a_new_stage_with_a_role_takes_the_kind_of_the_role(dialog, services) -> None:
    dialog.new_role.setCurrentIndex(dialog.new_role.findData("no_response"))
    assert not dialog.new_kind.isEnabled()
    assert dialog.new_kind.currentData() == "closed"
    dialog.new_name.setText("Ghosted")
    dialog.add_button.click()
    ghosted = services.board.stage_by_name("Ghosted")
    assert (ghosted.role, ghosted.kind) == ("no_response", "closed")
    assert dialog.new_role.currentData() == "" and dialog.new_kind.isEnabled()
