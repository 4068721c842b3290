"""Tags through the window: typed with completion in the details dialog and saved with
it, managed in the Tags window; every change shows on the cards and undoes."""

from __future__ import annotations

import pytest
from dialog_helpers import answer_message_box
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from jobtracker.domain.services import Services


def _card_tags(window, app_id: int) -> list[str]:
    return [t.name for t in window.board.card_set.card(app_id).tags]


# the completion list grabs the keyboard, which the offscreen platform cannot do
@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_tags_typed_with_completion_in_the_details_dialog(
    services: Services, add_card, make_window, qtbot
) -> None:
    from jobtracker.ui.dialogs.details import DetailsDialog

    acme = add_card("Acme", "Engineer", "Applied")
    globex = add_card("Globex", "Analyst", "Applied")
    services.tags.add([globex], ["python", "fintech"])
    window = make_window()
    window.open_details(acme)
    dialog = window.findChild(DetailsDialog)
    field = dialog.tags
    assert field.text() == ""

    field.setFocus()
    qtbot.keyClicks(field, "PY")
    popup = field.completion.popup()
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    assert field.completion.currentCompletion() == "python"
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert field.text() == "python, "
    qtbot.keyClicks(field, "Remote")
    assert dialog.is_dirty() and dialog.windowTitle().startswith("* ")

    dialog.buttons.button(QDialogButtonBox.StandardButton.Apply).click()
    assert _card_tags(window, acme) == ["python", "Remote"]
    assert field.text() == "python, Remote" and not dialog.is_dirty()
    assert window.undo_stack.undoText() == "Tag Acme"
    window.undo_stack.undo()
    assert _card_tags(window, acme) == []
    assert field.text() == ""
    window.undo_stack.redo()
    assert _card_tags(window, acme) == ["python", "Remote"]


def test_a_tag_too_long_is_shown_at_the_field_and_nothing_is_saved(
    services: Services, add_card, make_window
) -> None:
    from jobtracker.ui.dialogs.details import DetailsDialog

    acme = add_card("Acme", "Engineer", "Applied")
    window = make_window()
    window.open_details(acme)
    dialog = window.findChild(DetailsDialog)
    dialog.form.role.setText("Staff Engineer")
    dialog.tags.setText("ok, " + "x" * 41)
    assert not dialog.save()
    assert "Tag is 41 characters long" in dialog.form.visible_errors()["tag"]
    assert services.applications.get(acme).role == "Engineer"
    assert services.tags.names() == []


def test_the_tags_manager_renames_merges_recolours_and_deletes_undoably(
    services: Services, add_card, make_window, qtbot
) -> None:
    acme = add_card("Acme", "Engineer", "Applied")
    globex = add_card("Globex", "Analyst", "Applied")
    services.tags.add([acme], ["wfh", "python"])
    services.tags.add([globex], ["remote"])
    window = make_window()
    window.filters.tags_action.trigger()  # Edit → Tags…
    from jobtracker.ui.filters.tags_dialog import TagsDialog

    dialog = window.findChild(TagsDialog)
    assert dialog.isVisible()
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == [
        "python  (1 application)", "remote  (1 application)", "wfh  (1 application)",
    ]  # fmt: skip
    tags = {u.tag.name: u.tag.id for u in services.tags.tags()}

    assert dialog.merge([tags["wfh"]], tags["remote"])
    assert _card_tags(window, acme) == ["python", "remote"]
    assert dialog.rename(tags["remote"], "Remote only")
    assert _card_tags(window, globex) == ["Remote only"]
    assert dialog.recolor(tags["python"], "#112233")
    assert window.board.card_set.card(acme).tags[0].color == "#112233"
    assert dialog.delete(tags["python"])
    assert _card_tags(window, acme) == ["Remote only"]
    said: list[str] = []
    QTimer.singleShot(
        0, lambda: said.append(answer_message_box(qtbot, dialog, QMessageBox.StandardButton.Ok))
    )
    assert not dialog.rename(tags["remote"], "python, x")  # refused: said, nothing changed
    assert said == ["name: 'python, x': a tag's name cannot hold a comma or semicolon"]

    for _ in range(4):
        window.undo_stack.undo()
    assert _card_tags(window, acme) == ["python", "wfh"]
    assert _card_tags(window, globex) == ["remote"]
    assert dialog.list.count() == 3
