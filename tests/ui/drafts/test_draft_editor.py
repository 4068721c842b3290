"""The draft editor with real widgets over a real database file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.services import Services
from jobtracker.store.models import Reminder
from jobtracker.ui.drafts.editor import DraftEditor


@pytest.fixture
def app_id(services: Services, clock: FakeClock) -> int:
    services.profile.save("Alex Morgan", "alex@example.com")
    app = services.applications.add("Café Lumière", "Full-Stack Developer").id
    jonas = services.contacts.add(
        "Jonas Weber", title="Engineering Manager", email="jw@example.com"
    )
    amira = services.contacts.add("Amira Haddad", title="Recruiter", email="amira@example.com")
    services.contacts.link(app, amira.id, "recruiter")
    services.interviews.add(
        app, clock.now() - timedelta(hours=18), kind="video", interviewer_ids=(jonas.id,)
    )
    return app


@pytest.fixture
def open_editor(qtbot: QtBot, services: Services) -> Callable[..., DraftEditor]:
    def make(*args: object, **kwargs: object) -> DraftEditor:
        editor = DraftEditor(services, *args, **kwargs)
        qtbot.addWidget(editor)
        editor.show()
        return editor

    return make


def type_unicode(widget: QWidget, text: str) -> None:
    """Type text the way an input method delivers it (QTest.keyClicks knows ASCII only)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def answer_next_question(button: QMessageBox.StandardButton) -> None:
    """Click ``button`` in the next message box, once it is up."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, click)
            return
        box.button(button).click()

    QTimer.singleShot(0, click)


def test_the_editor_opens_pre_filled_from_the_card(
    open_editor: Callable[..., DraftEditor], app_id: int
) -> None:
    editor = open_editor(app_id, "thank-you")
    assert editor.template_box.currentData() == "thank-you"
    assert editor.recipient_box.currentText() == "Jonas Weber, Engineering Manager"
    assert editor.application_box.currentText() == "Café Lumière — Full-Stack Developer"
    assert editor.subject.text() == "Thank you — Full-Stack Developer at Café Lumière"
    body = editor.body.toPlainText()
    assert body.startswith("Hi Jonas,\n\nThank you for the video call yesterday about the ")
    assert body.endswith("Best regards,\nAlex Morgan\nalex@example.com")
    assert list(editor.inputs.edits) == ["topics", "fit"]
    assert editor.purpose.text().startswith("Thank the people you met")
    assert editor.draft_id is None and not editor.text_edited


def test_a_follow_up_goes_to_the_recruiter(
    open_editor: Callable[..., DraftEditor], app_id: int
) -> None:
    editor = open_editor(app_id, "follow-up")
    assert editor.recipient_box.currentText() == "Amira Haddad, Recruiter"
    assert editor.body.toPlainText().startswith("Hi Amira,")


def test_inputs_re_render_the_draft_live(
    qtbot: QtBot, open_editor: Callable[..., DraftEditor], app_id: int
) -> None:
    editor = open_editor(app_id, "thank-you")
    topics = editor.inputs.edits["topics"]
    qtbot.keyClicks(topics, "your")
    assert "our conversation about your;" in editor.body.toPlainText()
    qtbot.keyClicks(topics, " test suite")
    assert "our conversation about your test suite;" in editor.body.toPlainText()
    qtbot.keyClicks(editor.inputs.edits["fit"], "i have run such suites for years")
    assert "\n\nI have run such suites for years.\n\n" in editor.body.toPlainText()
    assert not editor.text_edited


def test_typed_text_is_never_overwritten_without_asking(
    qtbot: QtBot, open_editor: Callable[..., DraftEditor], app_id: int, services: Services
) -> None:
    editor = open_editor(app_id, "thank-you")
    editor.body.moveCursor(editor.body.textCursor().MoveOperation.End)
    qtbot.keyClick(editor.body, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.body, "P.S. Mine.")
    mine = editor.body.toPlainText()
    assert editor.text_edited and mine.endswith("P.S. Mine.")

    qtbot.keyClicks(editor.inputs.edits["topics"], "the roadmap")
    assert editor.body.toPlainText() == mine
    assert editor.inputs_hint.isVisible()
    amira = editor.recipient_box.findText("Amira Haddad, Recruiter")
    editor.recipient_box.setCurrentIndex(amira)
    editor.recipient_box.activated.emit(amira)
    assert editor.body.toPlainText() == mine

    answer_next_question(QMessageBox.StandardButton.Cancel)
    editor.fill_again()
    assert editor.body.toPlainText() == mine

    answer_next_question(QMessageBox.StandardButton.Yes)
    editor.fill_again()
    fresh = editor.body.toPlainText()
    assert fresh.startswith("Hi Amira,") and "about the roadmap;" in fresh
    assert not editor.text_edited
    editor.body.undo()  # the replaced words are one Ctrl+Z away
    assert editor.body.toPlainText() == mine


def test_the_clipboard_holds_exactly_the_text(
    qtbot: QtBot, open_editor: Callable[..., DraftEditor], app_id: int
) -> None:
    editor = open_editor(app_id, "thank-you")
    type_unicode(editor.body, "Zürich & “quotes” ✓ ")
    clipboard = QGuiApplication.clipboard()
    qtbot.mouseClick(editor.copy_body_button, Qt.MouseButton.LeftButton)
    assert clipboard.text() == editor.body.toPlainText()
    qtbot.mouseClick(editor.copy_subject_button, Qt.MouseButton.LeftButton)
    assert clipboard.text() == "Thank you — Full-Stack Developer at Café Lumière"
    qtbot.mouseClick(editor.copy_all_button, Qt.MouseButton.LeftButton)
    expected = f"Subject: {editor.subject.text()}\n\n{editor.body.toPlainText()}"
    assert clipboard.text() == expected
    assert "Zürich & “quotes” ✓ " in clipboard.text()


def test_mark_as_sent_logs_it_completes_the_reminder_and_locks_the_button(
    qtbot: QtBot, open_editor: Callable[..., DraftEditor], app_id: int, services: Services
) -> None:
    editor = open_editor(app_id, "thank-you")
    # the interview's own reminders (made wherever the card stands) are done already
    services.reminders.done([r.id for r in services.reminders.open_reminders()])
    reminder = Reminder.create(
        application=app_id, rule_key="ui-test", anchor="x", reason="Say thanks",
        template_key="thank-you", due_at=services.clock.now() + timedelta(hours=3),
    )  # fmt: skip
    with qtbot.waitSignal(editor.sent) as signal:
        qtbot.mouseClick(editor.sent_button, Qt.MouseButton.LeftButton)
    assert signal.args == [app_id]
    draft = services.drafts.get(editor.draft_id)
    assert draft.sent_at == services.clock.now()
    assert draft.body == editor.body.toPlainText()
    entry = services.timeline.for_application(app_id)[0]
    assert entry.kind == "draft_sent"
    assert entry.text.startswith("Sent the thank-you note to Jonas Weber")
    assert Reminder.get_by_id(reminder.id).done_at == services.clock.now()
    assert not editor.sent_button.isEnabled() and editor.sent_button.text().startswith("Sent ")
    assert editor.body.isReadOnly() and editor.subject.isReadOnly()  # a record of what went out
    assert not editor.refill_button.isEnabled() and not editor.inputs_box.isEnabled()
    editor.new_draft()
    assert not editor.body.isReadOnly() and editor.sent_button.isEnabled()
    assert editor.draft_list.item(0).text().startswith("✓ Thank you")


def test_typing_is_autosaved_within_a_second_and_reopened(
    qtbot: QtBot, open_editor: Callable[..., DraftEditor], app_id: int, services: Services
) -> None:
    editor = open_editor(app_id, "thank-you")
    qtbot.keyClicks(editor.body, "Typed. ")
    qtbot.waitUntil(lambda: services.drafts.for_application(app_id) != [], timeout=1000)
    saved = services.drafts.for_application(app_id)[0]
    assert saved.body == editor.body.toPlainText() and saved.body.startswith("Typed. Hi Jonas")
    assert editor.draft_list.count() == 1
    qtbot.keyClicks(editor.subject, "!")
    qtbot.keyClick(editor.subject, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert services.drafts.get(saved.id).subject.endswith("Café Lumière!")  # Ctrl+S: at once
    qtbot.keyClicks(editor.subject, "?")
    editor.close()  # saves what is pending at once
    assert services.drafts.get(saved.id).subject.endswith("Café Lumière!?")

    again = open_editor(app_id, "thank-you")
    assert again.draft_id == saved.id and again.text_edited
    assert again.body.toPlainText() == saved.body
    qtbot.keyClicks(again.inputs.edits["topics"], "anything")
    assert again.body.toPlainText() == saved.body


def test_new_draft_and_switching_template_keep_the_first(
    qtbot: QtBot, open_editor: Callable[..., DraftEditor], app_id: int, services: Services
) -> None:
    editor = open_editor(app_id, "thank-you")
    qtbot.keyClicks(editor.body, "First. ")
    index = editor.template_box.findData("forgot-to-mention")
    editor.template_box.setCurrentIndex(index)
    editor.template_box.activated.emit(index)
    assert [d.template_key for d in services.drafts.for_application(app_id)] == ["thank-you"]
    assert editor.subject.text().startswith("One more thing")
    assert editor.draft_id is None and not editor.text_edited
    editor.draft_list.itemClicked.emit(editor.draft_list.item(0))
    assert editor.body.toPlainText().startswith("First. ")
    assert editor.template_box.currentData() == "thank-you"


def test_the_profile_is_asked_for_before_the_first_draft(
    qtbot: QtBot, open_editor: Callable[..., DraftEditor], services: Services
) -> None:
    app = services.applications.add("Acme", "Engineer").id
    editor = open_editor(app, "follow-up")
    dialog = editor.profile_dialog
    assert dialog is not None and dialog.isVisible()
    assert editor.body.toPlainText().startswith("Dear Hiring Team,")
    qtbot.keyClicks(dialog.email, "not an address")
    dialog.accept()
    assert dialog.isVisible() and "Email 'not an address' is not an email address" in (
        dialog.errors["email"].text()
    )
    dialog.email.clear()
    qtbot.keyClicks(dialog.name, "Sam Lee")
    dialog.accept()
    assert not dialog.isVisible()
    assert editor.body.toPlainText().endswith("Best regards,\nSam Lee")
    assert services.profile.get().name == "Sam Lee"


def test_a_broken_template_is_explained_and_the_last_good_version_used(
    open_editor: Callable[..., DraftEditor], app_id: int, services: Services
) -> None:
    problem = services.templates.save("thank-you", "Subject: Hi\n\n{{ salary }}\n")
    assert problem is not None
    editor = open_editor(app_id, "thank-you")
    assert editor.problem.isVisible()
    assert "Line 3: unknown variable 'salary'" in editor.problem.text()
    assert "last good version" in editor.problem.text()
    assert editor.subject.text().startswith("Thank you — ")


def test_a_draft_whose_custom_template_was_deleted_still_opens_and_explains(
    open_editor: Callable[..., DraftEditor], app_id: int, services: Services
) -> None:
    services.templates.create("coffee-thanks")
    draft = services.drafts.save(None, app_id, "coffee-thanks", None, "Thanks", "My words")
    services.templates.reset("coffee-thanks")  # deletes the custom template
    editor = open_editor(app_id, draft_id=draft.id)
    assert editor.body.toPlainText() == "My words"
    editor.text_edited = False
    editor.fill_again()
    assert editor.body.toPlainText() == "My words"
    assert "There is no template 'coffee-thanks'" in editor.problem.text()
