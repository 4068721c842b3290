"""The board window opens the draft editor on the selected card, for the chosen note."""

from __future__ import annotations

import pytest

from jobtracker.domain.services import Services
from jobtracker.ui.dialogs.details import DetailsDialog


@pytest.fixture
def profile(services: Services) -> None:
    services.profile.save("Alex Morgan", "alex@example.com")


def test_write_thank_you_opens_the_editor_on_the_selected_card(
    qtbot, add_card, make_window, profile
) -> None:
    add_card("Acme", "Backend Engineer", "Interviewing")
    other = add_card("Blue Harbor", "Python Developer", "Interviewing")
    window = make_window()
    window.board.select_ids([other])
    menu_texts = [a.text() for a in window.menuBar().actions()]
    assert menu_texts.index("&Write") == menu_texts.index("&View") - 1
    thanks = window.drafts.actions["thank-you"]
    assert thanks.shortcut().toString() == "Ctrl+T"
    thanks.trigger()
    editor = window.drafts.editor
    assert editor is not None and editor.isVisible()
    assert editor.application_id == other
    assert editor.subject.text() == "Thank you — Python Developer at Blue Harbor"
    window.drafts.actions["follow-up"].trigger()
    assert window.drafts.editor is editor  # one editor, re-pointed
    assert editor.template_box.currentData() == "follow-up"


def test_the_drafts_button_and_a_reminder_action_open_it_too(
    qtbot, services: Services, add_card, make_window, profile
) -> None:
    acme = add_card("Acme", "Backend Engineer")
    window = make_window()
    window.drafts_action.trigger()  # nothing selected: the first card
    assert window.drafts.editor.application_id == acme
    editor = window.drafts.open(acme, "check-in")  # what a reminder's action calls
    assert editor.subject.text() == "Checking in — Backend Engineer at Acme"


def test_closing_the_window_saves_what_was_typed(
    qtbot, services: Services, add_card, make_window, profile
) -> None:
    acme = add_card("Acme", "Backend Engineer")
    window = make_window()
    editor = window.drafts.open(acme, "thank-you")
    qtbot.keyClicks(editor.body, "Typed just now. ")
    window.close()
    saved = services.drafts.for_application(acme)
    assert len(saved) == 1 and saved[0].body.startswith("Typed just now. Dear Hiring Team,")


def test_the_details_dialog_writes_for_its_card(
    qtbot, services: Services, add_card, make_window, profile
) -> None:
    acme = add_card("Acme", "Backend Engineer", "Interviewing")
    kept = services.drafts.save(None, acme, "thank-you", None, "Thanks, Acme", "My words")
    window = make_window()
    window.open_details(acme)
    dialog = next(d for d in window.findChildren(DetailsDialog) if d.isVisible())
    button = next(b for b in dialog.buttons.buttons() if b.text() == "&Write…")
    assert button.isEnabled()
    button.menu().aboutToShow.emit()
    actions = {a.text(): a for a in button.menu().actions()}
    actions["Write F&ollow-Up"].trigger()
    assert window.drafts.editor.application_id == acme
    assert window.drafts.editor.template_box.currentData() == "follow-up"
    actions["Thanks, Acme"].trigger()  # the kept draft, reopened
    assert window.drafts.editor.draft_id == kept.id
    assert window.drafts.editor.body.toPlainText() == "My words"
    dialog.reject()


def test_a_reminder_opens_its_draft_through_the_window(
    qtbot, services: Services, add_card, make_window, profile
) -> None:
    acme = add_card("Acme", "Backend Engineer")
    window = make_window()
    window.drafts.open(acme, "feedback-request")
    assert window.drafts.editor.subject.text() == "Thank you — Backend Engineer at Acme"
    assert window.drafts.editor.template_box.currentData() == "feedback-request"
