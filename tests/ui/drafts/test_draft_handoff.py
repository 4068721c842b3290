"""The editor's ways out: the email app (a fake xdg-email on PATH), closing, and the
question before a draft with an empty required input leaves it."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.services import Services
from jobtracker.ui.drafts.editor import DraftEditor
from jobtracker.ui.drafts.mailto import parse_mailto

#: a stand-in for xdg-email: records its arguments, prints them (as xdg-open does), and
#: exits with $FAKE_MAIL_EXIT
FAKE = """#!/bin/sh
printf '%s\\n' "$@" > "$FAKE_MAIL_LOG"
echo "handing over: $*"
echo "handing over: $*" >&2
exit "${FAKE_MAIL_EXIT:-0}"
"""


@pytest.fixture
def app_id(services: Services, clock: FakeClock) -> int:
    services.profile.save("Alex Morgan", "alex@example.com")
    app = services.applications.add("Café Lumière", "Full-Stack Developer").id
    jonas = services.contacts.add("Jonas Weber", email="jw@example.com")
    services.interviews.add(app, clock.now() - timedelta(hours=18), interviewer_ids=(jonas.id,))
    return app


@pytest.fixture
def editor(qtbot: QtBot, services: Services, app_id: int) -> Callable[[str], DraftEditor]:
    def make(template: str) -> DraftEditor:
        opened = DraftEditor(services, app_id, template)
        qtbot.addWidget(opened)
        opened.show()
        qtbot.waitExposed(opened)
        return opened

    return make


@pytest.fixture
def fake_mail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[int], Path]:
    """Put a fake xdg-email first on PATH (the only mail handler there); its log path."""

    def install(exit_code: int) -> Path:
        bin_dir = tmp_path / "bin"
        bin_dir.mkdir(exist_ok=True)
        script = bin_dir / "xdg-email"
        script.write_text(FAKE)
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
        log = tmp_path / "xdg-email.args"
        monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}/usr/bin:/bin")
        monkeypatch.setenv("FAKE_MAIL_LOG", str(log))
        monkeypatch.setenv("FAKE_MAIL_EXIT", str(exit_code))
        return log

    return install


def click_in_next_box(text: str) -> None:
    """Click the button labelled ``text`` in the next modal message box, once it is up."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        found = [b for b in box.buttons() if b.text() == text] if box else []
        if not isinstance(box, QMessageBox) or not found:
            QTimer.singleShot(10, click)
            return
        found[0].click()

    QTimer.singleShot(0, click)


def test_the_email_app_gets_the_draft_and_nothing_reaches_our_terminal(
    qtbot: QtBot, editor, fake_mail, capfd: pytest.CaptureFixture[str]
) -> None:
    log = fake_mail(0)
    opened = editor("thank-you")
    qtbot.mouseClick(opened.email_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: opened.status.text().startswith("Opened in your email app"))
    (url,) = log.read_text().splitlines()
    assert url == opened.mailto_url()
    to, subject, body = parse_mailto(url)
    assert (to, subject, body) == (
        "jw@example.com",
        opened.subject.text(),
        opened.body.toPlainText(),
    )
    out, err = capfd.readouterr()
    assert "handing over" not in out + err and "Thank you" not in out + err


def test_a_failed_hand_off_says_so_and_offers_the_copy(
    qtbot: QtBot, editor, fake_mail, capfd: pytest.CaptureFixture[str]
) -> None:
    fake_mail(3)  # xdg-utils: no email app set up
    opened = editor("thank-you")
    QGuiApplication.clipboard().setText("something of mine")
    qtbot.mouseClick(opened.email_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(opened, "mail_problem", None) is not None)
    box = opened.mail_problem
    qtbot.waitUntil(box.isVisible)
    assert "did not open the draft: no email app is set up" in box.text()
    assert opened.status.text() == "Not opened in an email app"
    assert QGuiApplication.clipboard().text() == "something of mine"  # nothing copied unasked
    next(b for b in box.buttons() if b.text() == "&Copy all").click()
    assert QGuiApplication.clipboard().text() == opened.all_text()
    assert opened.status.text() == "Copied the subject and body"
    out, err = capfd.readouterr()
    assert "handing over" not in out + err


def test_without_any_mail_handler_it_says_so(
    qtbot: QtBot, editor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    opened = editor("thank-you")
    qtbot.mouseClick(opened.email_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(opened, "mail_problem", None) is not None)
    assert "xdg-email is not installed" in opened.mail_problem.text()
    opened.mail_problem.close()


@pytest.mark.parametrize("how", ["Escape", "Ctrl+W", "Close button"])
def test_the_editor_closes_with_escape_ctrl_w_and_a_button(
    qtbot: QtBot, editor, services: Services, app_id: int, how: str
) -> None:
    opened = editor("thank-you")
    opened.activateWindow()
    opened.body.setFocus()
    qtbot.waitUntil(opened.body.hasFocus)
    qtbot.keyClicks(opened.body, "Kept. ")
    if how == "Escape":
        qtbot.keyClick(opened.body, Qt.Key.Key_Escape)
    elif how == "Ctrl+W":
        qtbot.keyClick(opened.body, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    else:
        qtbot.mouseClick(opened.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not opened.isVisible())
    (kept,) = services.drafts.for_application(app_id)
    assert kept.body.startswith("Kept. ")  # closing saves


def test_an_empty_required_input_is_marked_and_asked_about_before_it_leaves(
    qtbot: QtBot, editor, services: Services, app_id: int
) -> None:
    opened = editor("forgot-to-mention")
    point = opened.inputs.edits["point"]
    caption = opened.inputs.form.labelForField(point)
    assert caption.text() == "The point to add (required):"
    assert point.accessibleDescription().startswith("Required")
    assert "I hadn't mentioned [The point to add]." in opened.body.toPlainText()
    QGuiApplication.clipboard().setText("before")
    click_in_next_box("&Fill it in")
    qtbot.mouseClick(opened.copy_all_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "before"
    assert "“The point to add” is still empty" in opened.gap_question.text()
    qtbot.waitUntil(lambda: opened.focusWidget() is point)
    click_in_next_box("&Fill it in")
    qtbot.mouseClick(opened.sent_button, Qt.MouseButton.LeftButton)
    assert "Mark as sent anyway" in [b.text() for b in opened.gap_question.buttons()]
    assert all(not d.sent for d in services.drafts.for_application(app_id))
    # filled in: no question, copied at once
    qtbot.keyClicks(point, "that I led our move to PostgreSQL")
    qtbot.mouseClick(opened.copy_all_button, Qt.MouseButton.LeftButton)
    assert "I hadn't mentioned that I led our move to PostgreSQL." in (
        QGuiApplication.clipboard().text()
    )


def test_copy_anyway_goes_ahead(qtbot: QtBot, editor) -> None:
    opened = editor("forgot-to-mention")
    click_in_next_box("Copy anyway")
    qtbot.mouseClick(opened.copy_all_button, Qt.MouseButton.LeftButton)
    assert "[The point to add]" in QGuiApplication.clipboard().text()
