"""Edit templates: your version overrides the default, problems are shown with their line,
nothing typed is lost, reset brings the default back, custom templates come and go."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from jobtracker.domain.services import Services
from jobtracker.domain.templates import DEFAULT_ORDER, SAMPLE_CONTEXT
from jobtracker.ui.drafts.templates_dialog import TemplatesDialog


@pytest.fixture
def dialog(qtbot, services: Services) -> TemplatesDialog:
    dialog = TemplatesDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _when_modal(action) -> None:
    def run() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or widget.isHidden():
            QTimer.singleShot(10, run)
            return
        action(widget)

    QTimer.singleShot(0, run)


def test_it_lists_the_defaults_and_previews_the_first(dialog: TemplatesDialog) -> None:
    keys = [dialog.list.item(n).text() for n in range(dialog.list.count())]
    assert keys == list(DEFAULT_ORDER)
    assert dialog.editor.toPlainText().startswith("{# purpose: Thank the people you met")
    assert dialog.preview.toPlainText().startswith("Subject: Thank you — Data Engineer at ")
    assert "The default." in dialog.state.text()
    assert not dialog.reset_button.isEnabled()


def test_a_problem_is_shown_with_its_line_and_the_broken_text_kept(
    qtbot, dialog: TemplatesDialog, services: Services, db_path: Path
) -> None:
    dialog.editor.appendPlainText("{{ salary_band }}")
    qtbot.waitUntil(dialog.problem.isVisible, timeout=2000)
    lines = dialog.editor.toPlainText().count("\n") + 1
    assert f"Line {lines}: unknown variable 'salary_band'" in dialog.problem.text()
    dialog.save()
    broken = dialog.editor.toPlainText()
    assert services.templates.source("thank-you") == broken
    assert (db_path.parent / "templates" / "thank-you.txt.j2.broken").read_text() == broken
    # drafts keep using the last good version (the default here)
    rendered = services.templates.render("thank-you", SAMPLE_CONTEXT)
    assert rendered.fallback and rendered.subject.startswith("Thank you — ")
    dialog.list.setCurrentRow(1)
    dialog.list.setCurrentRow(0)
    assert dialog.editor.toPlainText() == broken  # reopened as left


def test_the_first_save_overrides_and_reset_restores_the_default(
    qtbot, dialog: TemplatesDialog, services: Services
) -> None:
    text = dialog.editor.toPlainText().replace("Best regards,", "Warmly,")
    dialog.editor.setPlainText(text)
    dialog.list.setCurrentRow(2)  # switching saves
    assert services.templates.is_overridden("thank-you")
    assert dialog.list.item(0).text() == "thank-you (edited)"
    assert "Warmly," in services.templates.render("thank-you", SAMPLE_CONTEXT).body
    dialog.list.setCurrentRow(0)
    assert "Your version" in dialog.state.text() and dialog.reset_button.isEnabled()
    _when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    dialog.reset_button.click()
    assert not services.templates.is_overridden("thank-you")
    assert dialog.editor.toPlainText() == services.templates.default_source("thank-you")


def test_saving_the_default_text_unchanged_keeps_no_copy(
    dialog: TemplatesDialog, services: Services
) -> None:
    dialog.save()
    assert not services.templates.is_overridden("thank-you")


def test_a_new_custom_template_is_created_and_deleted(
    qtbot, dialog: TemplatesDialog, services: Services
) -> None:
    def name_it(box: QInputDialog) -> None:
        box.setTextValue("second-follow-up")
        box.accept()

    _when_modal(name_it)
    dialog.new_button.click()
    assert "second-follow-up" in services.templates.template_keys()
    assert dialog.list.currentItem().text() == "second-follow-up (custom)"
    assert dialog.preview.toPlainText().startswith("Subject: Data Engineer at Northwind")
    _when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    dialog.reset_button.click()
    assert "second-follow-up" not in services.templates.template_keys()


def test_a_bad_name_for_a_new_template_is_explained(
    qtbot, dialog: TemplatesDialog, services: Services
) -> None:
    messages: list[str] = []

    def name_it(box: QInputDialog) -> None:
        box.setTextValue("Not Allowed!")
        box.accept()
        _when_modal(lambda warning: (messages.append(warning.text()), warning.accept()))

    _when_modal(name_it)
    dialog.new_button.click()
    assert messages and "lower-case letters, digits and dashes" in messages[0]
    assert services.templates.template_keys() == list(DEFAULT_ORDER)
