"""The card details dialog, driven like a person would, checked in the SQLite file."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime

import pytest
from dialog_helpers import answer_message_box, read_tables
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from jobtracker.ui.dialogs.details import DetailsDialog


@pytest.fixture
def acme(services) -> int:
    return services.applications.add(
        "Acme Robotics", "Backend Engineer", services.board.stage_by_name("Applied").id
    ).id


@pytest.fixture
def open_dialog(qtbot, services, undo_stack):
    def make(application_id: int | None = None, **kwargs) -> DetailsDialog:
        dialog = DetailsDialog(services, undo_stack, application_id, **kwargs)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return make


def click(dialog: DetailsDialog, which: QDialogButtonBox.StandardButton) -> None:
    dialog.buttons.button(which).click()


SAVE = QDialogButtonBox.StandardButton.Save
APPLY = QDialogButtonBox.StandardButton.Apply
CANCEL = QDialogButtonBox.StandardButton.Cancel


def test_bad_url_is_shown_at_the_url_field_and_nothing_is_written(
    open_dialog, acme, db_path, undo_stack
) -> None:
    before = read_tables(db_path)
    dialog = open_dialog(acme)
    dialog.form.url.setText("acme example jobs")
    dialog.form.notes.setPlainText("this must not be saved either")
    click(dialog, SAVE)
    assert dialog.isVisible()
    errors = dialog.form.visible_errors()
    assert list(errors) == ["url"]
    assert "not a web address" in errors["url"]
    assert dialog.form.errors["url"].isVisible()
    assert dialog.focusWidget() is dialog.form.url
    assert read_tables(db_path) == before
    assert undo_stack.count() == 0
    dialog.form.url.setText("https://acme.example/jobs/1")
    click(dialog, APPLY)
    assert dialog.form.visible_errors() == {}
    assert read_tables(db_path) != before


def test_company_is_required_for_a_new_application(open_dialog, services, db_path) -> None:
    before = read_tables(db_path)
    dialog = open_dialog(None)
    dialog.form.role.setText("Backend Engineer")
    click(dialog, SAVE)
    assert dialog.form.visible_errors() == {"company": "Company is required."}
    assert read_tables(db_path) == before
    assert services.board.cards() == []


def test_salary_that_is_not_a_number_is_refused_at_its_field(open_dialog, acme, db_path) -> None:
    before = read_tables(db_path)
    dialog = open_dialog(acme)
    dialog.form.salary_min.setText("90000")
    dialog.form.salary_max.setText("60000")
    click(dialog, SAVE)
    assert dialog.form.visible_errors() == {
        "salary_min": "The maximum salary must not be below the minimum salary."
    }
    assert read_tables(db_path) == before


def test_every_field_is_saved_and_shown_again(open_dialog, services, undo_stack) -> None:
    dialog = open_dialog(None)
    form = dialog.form
    form.company.setText("Café Lumière")
    form.role.setText("Full-Stack Developer")
    form.url.setText("https://lumiere.example/jobs/7")
    form.location.setText("Lyon")
    form.stage.setCurrentIndex(form.stage.findText("Interviewing"))
    form.source.setEditText("Referral")
    form.salary_text.setText("55–65k + tickets")
    form.salary_min.setText("55000")
    form.salary_max.setText("65000")
    form.salary_currency.setEditText("eur")
    form.deadline.check.setChecked(True)
    form.deadline.edit.setDate(QDate(2026, 4, 1))
    form.applied_at.check.setChecked(True)
    form.applied_at.edit.setDate(QDate(2026, 3, 2))
    form.excitement.buttons[3].click()
    form.description.setPlainText("Build the booking system.\nSecond line.")
    form.notes.setPlainText("Ask about the team size.")
    click(dialog, SAVE)
    assert not dialog.isVisible()
    assert undo_stack.undoText() == "Add Café Lumière"

    (card,) = services.board.cards()
    stored = services.applications.get(card.id)
    assert (stored.company, stored.role, stored.url, stored.location) == (
        "Café Lumière", "Full-Stack Developer", "https://lumiere.example/jobs/7", "Lyon",
    )  # fmt: skip
    assert services.board.stage(stored.stage_id).name == "Interviewing"
    assert stored.source == "Referral"
    assert (stored.salary_text, stored.salary_min, stored.salary_max) == (
        "55–65k + tickets", 55000, 65000,
    )  # fmt: skip
    assert stored.salary_currency == "EUR"
    assert stored.deadline == date(2026, 4, 1)
    assert stored.applied_at.astimezone().date() == date(2026, 3, 2)
    assert stored.excitement == 4
    assert stored.description == "Build the booking system.\nSecond line."
    assert stored.notes == "Ask about the team size."

    again = open_dialog(card.id)
    assert again.form.snapshot() == form.snapshot()
    assert not again.is_dirty()
    click(again, SAVE)  # saving unchanged values writes nothing
    assert undo_stack.count() == 1


def test_people_added_new_and_picked_from_known_ones(open_dialog, services, acme) -> None:
    known = services.contacts.add("Marco Bianchi", title="Staff Engineer")
    dialog = open_dialog(acme)
    people = dialog.people
    people.person.setEditText("Jane Doe")
    people.role.setCurrentText("recruiter")
    people.email.setText("jane-at-acme")
    people.add_button.click()
    assert "Email" in people.error.text() and "not an email address" in people.error.text()
    assert services.contacts.for_application(acme) == []

    people.email.setText("jane@acme.example")
    people.add_button.click()
    people.person.setCurrentIndex(people.person.findText("Marco Bianchi"))
    assert not people.email.isEnabled()  # details belong to a new person only
    people.role.setCurrentText("interviewer")
    people.add_button.click()

    linked = {c.name: c for c in services.contacts.for_application(acme)}
    assert set(linked) == {"Jane Doe", "Marco Bianchi"}
    assert (linked["Jane Doe"].role, linked["Jane Doe"].email) == ("recruiter", "jane@acme.example")
    assert (linked["Marco Bianchi"].id, linked["Marco Bianchi"].role) == (known.id, "interviewer")
    assert people.list.count() == 2
    assert len(services.contacts.all()) == 2


def test_interview_picked_in_local_time_is_stored_in_utc(
    open_dialog, services, acme, monkeypatch
) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        marco = services.contacts.add("Marco Bianchi")
        services.contacts.link(acme, marco.id, "interviewer")
        dialog = open_dialog(acme)
        panel = dialog.interviews
        # 14:30 in New York on 2026-03-12 (EDT from 8 March: UTC-4) is 18:30 UTC
        panel.starts.setDateTime(QDateTime(QDate(2026, 3, 12), QTime(14, 30)))
        panel.kind.setCurrentText("onsite")
        panel.duration.setValue(90)
        panel.title.setText("Technical round")
        panel.location.setText("1 Main St")
        panel.interviewers.item(0).setCheckState(Qt.CheckState.Checked)
        panel.save_button.click()

        (stored,) = services.interviews.for_application(acme)
        assert stored.starts_at == datetime(2026, 3, 12, 18, 30, tzinfo=UTC)
        assert (stored.kind, stored.duration_minutes, stored.title, stored.location) == (
            "onsite", 90, "Technical round", "1 Main St",
        )  # fmt: skip
        assert stored.interviewer_ids == (marco.id,)
        assert panel.list.item(0).text().startswith("2026-03-12 14:30 · Technical round")

        panel.select(stored.id)
        assert panel.starts.dateTime().time() == QTime(14, 30)
        panel.duration.setValue(45)
        panel.save_button.click()
        assert services.interviews.get(stored.id).duration_minutes == 45
    finally:
        monkeypatch.undo()
        time.tzset()


def test_timeline_entries_are_added_and_listed_newest_first(
    open_dialog, services, acme, clock, undo_stack
) -> None:
    dialog = open_dialog(acme)
    panel = dialog.timeline
    clock.advance(hours=1)
    panel.kind.setCurrentIndex(panel.kind.findData("call"))
    panel.text.setText("Spoke to the recruiter")
    panel.add_button.click()
    clock.advance(hours=1)
    panel.kind.setCurrentIndex(panel.kind.findData("heard_back"))
    panel.text.setText("Invited to a first interview")
    panel.text.returnPressed.emit()

    kinds = [a.kind for a in services.timeline.for_application(acme)]
    assert kinds == ["heard_back", "call", "created"]
    assert "Heard back: Invited to a first interview" in panel.list.item(0).text()
    assert "Called: Spoke to the recruiter" in panel.list.item(1).text()
    assert undo_stack.undoText() == "Add heard back to Acme Robotics"
    undo_stack.undo()
    assert [a.kind for a in services.timeline.for_application(acme)] == ["call", "created"]
    assert panel.list.count() == 2


def test_closing_with_unsaved_changes_asks_save_discard_or_cancel(
    qtbot, open_dialog, services, acme, db_path
) -> None:
    before = read_tables(db_path)
    dialog = open_dialog(acme)
    dialog.form.role.setText("Staff Engineer")
    assert dialog.windowTitle().startswith("* ")

    click(dialog, CANCEL)
    text = answer_message_box(qtbot, dialog, QMessageBox.StandardButton.Cancel)
    assert text == "Save the changes to Acme Robotics?"
    assert dialog.isVisible() and dialog.form.role.text() == "Staff Engineer"

    dialog.close()
    answer_message_box(qtbot, dialog, QMessageBox.StandardButton.Discard)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert read_tables(db_path) == before

    again = open_dialog(acme)
    again.form.role.setText("Staff Engineer")
    again.close()
    answer_message_box(qtbot, again, QMessageBox.StandardButton.Save)
    qtbot.waitUntil(lambda: not again.isVisible())
    assert services.applications.get(acme).role == "Staff Engineer"


def test_unchanged_dialog_closes_without_asking(open_dialog, acme) -> None:
    dialog = open_dialog(acme)
    dialog.close()
    assert not dialog.isVisible()
    assert dialog.findChild(QMessageBox) is None


def test_same_company_is_pointed_out_and_opens_the_existing_one(
    qtbot, open_dialog, services, acme
) -> None:
    opened: list[int] = []
    dialog = open_dialog(None, open_application=opened.append)
    dialog.form.company.setText("ACME robotics ")
    qtbot.waitUntil(dialog.same_company.isVisible, timeout=3000)
    assert "You already applied at Acme Robotics" in dialog.same_company.text()
    assert f'href="application:{acme}"' in dialog.same_company.text()
    dialog.same_company.linkActivated.emit(f"application:{acme}")
    assert opened == [acme]

    dialog.form.company.setText("Globex")
    qtbot.waitUntil(lambda: not dialog.same_company.isVisible(), timeout=3000)


def test_same_company_link_opens_a_details_dialog_by_default(
    qtbot, open_dialog, services, acme
) -> None:
    dialog = open_dialog(None)
    dialog.form.company.setText("Acme Robotics")
    dialog.check_same_company()
    dialog.same_company.linkActivated.emit(f"application:{acme}")
    shown = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, DetailsDialog) and w.isVisible() and w.application_id == acme
    ]
    assert len(shown) == 1
    assert shown[0].form.company.text() == "Acme Robotics"
    shown[0].close()


def test_undo_of_an_edit_restores_the_database_and_redo_repeats_it(
    open_dialog, services, acme, clock, db_path, undo_stack
) -> None:
    before = read_tables(db_path)
    clock.advance(days=2)
    dialog = open_dialog(acme)
    dialog.form.company.setText("Acme Robotics GmbH")
    dialog.form.excitement.buttons[4].click()
    dialog.form.stage.setCurrentIndex(dialog.form.stage.findText("Interviewing"))
    click(dialog, APPLY)
    edited = read_tables(db_path)
    assert edited != before
    assert undo_stack.undoText() == "Edit Acme Robotics GmbH"
    assert services.board.stage(services.applications.get(acme).stage_id).name == "Interviewing"

    undo_stack.undo()
    assert read_tables(db_path) == before
    assert dialog.form.company.text() == "Acme Robotics"  # the open dialog follows
    assert dialog.form.stage.currentText() == "Applied"

    undo_stack.redo()
    app = services.applications.get(acme)
    assert (app.company, app.excitement) == ("Acme Robotics GmbH", 5)
    assert services.board.stage(app.stage_id).name == "Interviewing"
    undo_stack.undo()
    assert read_tables(db_path) == before


def test_undo_of_adding_removes_the_application_and_closes_its_dialog(
    open_dialog, services, db_path, undo_stack
) -> None:
    before = read_tables(db_path)
    dialog = open_dialog(None)
    dialog.form.company.setText("Globex")
    dialog.form.role.setText("SRE")
    click(dialog, APPLY)
    assert dialog.application_id is not None
    assert dialog.tabs.isTabEnabled(1)
    undo_stack.undo()
    assert read_tables(db_path) == before
    assert not dialog.isVisible()
    undo_stack.redo()
    assert [c.company for c in services.board.cards()] == ["Globex"]


def test_people_and_interview_changes_undo_cleanly(
    open_dialog, services, acme, db_path, undo_stack
) -> None:
    before = read_tables(db_path)
    dialog = open_dialog(acme)
    dialog.people.person.setEditText("Jane Doe")
    dialog.people.add_button.click()
    dialog.interviews.save_button.click()
    dialog.interviews.select(services.interviews.for_application(acme)[0].id)
    dialog.interviews.delete_button.click()
    assert services.interviews.for_application(acme) == []
    while undo_stack.canUndo():
        undo_stack.undo()
    assert read_tables(db_path) == before


def test_a_long_name_is_elided_in_the_heading_with_all_of_it_in_the_tooltip(
    qtbot, open_dialog, services
) -> None:
    company = ("Extremely Long Company Name " * 8).strip()
    app_id = services.applications.add(company, "Engineer").id
    dialog = open_dialog(app_id)
    dialog.resize(560, 700)
    qtbot.waitUntil(lambda: dialog.heading.text().endswith("…"))
    assert dialog.heading.toolTip() == f"{company} — Engineer"
    assert dialog.width() == 560  # the name did not widen the dialog


def test_ctrl_s_saves_and_keeps_the_dialog_open(qtbot, open_dialog, services, acme) -> None:
    dialog = open_dialog(acme)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # shortcuts reach the active window only
    dialog.form.role.setFocus()
    dialog.form.role.setText("Platform Engineer")
    qtbot.keyClick(dialog.form.role, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert services.applications.get(acme).role == "Platform Engineer"
    assert dialog.isVisible() and not dialog.is_dirty()


def test_an_interview_on_an_applied_card_offers_the_move_as_one_undoable_step(
    open_dialog, services, acme, undo_stack
) -> None:
    dialog = open_dialog(acme)
    assert dialog.interviews.move_bar.isHidden()
    dialog.interviews.save_button.click()
    (interview,) = services.interviews.for_application(acme)
    made = {r.rule_key for r in services.reminders.open_reminders()}
    assert {"thank_you", "prepare"} <= made  # the reminders exist before any move
    bar = dialog.interviews
    assert not bar.move_bar.isHidden()
    assert bar.move_hint.text() == "Acme Robotics is still in Applied."
    assert bar.move_button.text() == "&Move to Interviewing"
    bar.move_button.click()
    assert services.board.stage(services.board.card(acme).stage_id).name == "Interviewing"
    assert bar.move_bar.isHidden()
    assert {r.rule_key for r in services.reminders.open_reminders()} >= made - {"check_in"}
    assert undo_stack.undoText() == "Move Acme Robotics to Interviewing"
    undo_stack.undo()
    assert services.board.stage(services.board.card(acme).stage_id).name == "Applied"
    assert services.interviews.for_application(acme) == [interview]  # only the move undone
    assert not bar.move_bar.isHidden()
