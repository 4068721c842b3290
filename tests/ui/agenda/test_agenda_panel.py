"""The Today agenda in the board window: groups, dates, actions, keyboard, and the badge."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit

from jobtracker.domain.agenda import AgendaRow
from jobtracker.platform.notifications import NullNotifier
from jobtracker.ui.agenda.model import ENTRY_ROLE, TOP_KEYS, entry_key
from jobtracker.ui.agenda.panel import EMPTY_TEXT, AgendaPanel
from jobtracker.ui.reminders.controller import RemindersController


@pytest.fixture
def window(qtbot, services, tmp_path):
    from jobtracker.ui.main_window import MainWindow
    from jobtracker.ui.opening import opened

    def make():
        settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
        win = MainWindow(opened(services), settings)
        qtbot.addWidget(win)
        win.make_ready()  # as the start has it before the reminders install
        controller = RemindersController(win, services, notifier=NullNotifier(), use_tray=False)
        controller.start()
        win.show()
        qtbot.waitExposed(win)
        controller.show_panel()
        return win, controller

    return make


def interviewed(services, company: str, days_ago: float, interviewer: str = "") -> int:
    stage = services.board.stage_by_name("Interviewing").id
    app = services.applications.add(company, "Engineer", stage).id
    recruiter = services.contacts.add(f"{company} Recruiter", phone="+49 30 1234567")
    services.contacts.link(app, recruiter.id, "recruiter")
    people = (services.contacts.add(interviewer, email="i@example.com").id,) if interviewer else ()
    start = services.clock.now() - timedelta(days=days_ago)
    services.interviews.add(app, start, interviewer_ids=people)
    return app


def titles(panel: AgendaPanel) -> list[str]:
    """The group titles the view shows (empty groups are hidden)."""
    model, root = panel.model, QModelIndex()
    return [
        model.index(n, 0).data()
        for n in range(model.rowCount())
        if not panel.view.isRowHidden(n, root)
    ]


def rows(panel: AgendaPanel, key: str) -> list[AgendaRow]:
    return [e for e in panel.model.entries(key) if isinstance(e, AgendaRow)]


def due_rows(panel: AgendaPanel) -> int:
    return sum(row.due for key in TOP_KEYS for row in rows(panel, key))


def select(panel: AgendaPanel, row: AgendaRow) -> None:
    assert panel.select_key(entry_key(row))


def test_groups_with_full_dates_one_row_per_moment_and_the_badge(qtbot, services, clock, window):
    interviewed(services, "Acme Robotics", 3)
    services.applications.add("Blue Harbor", "Engineer", services.board.stage_by_name("Applied").id)
    win, controller = window()
    panel = controller.panel
    assert titles(panel) == ["Overdue (2)", "Later (2)"]
    thanks, call = rows(panel, "overdue")
    assert [i.rule_key for i in thanks.items] == ["thank_you", "forgot_to_mention"]
    assert call.lead.rule_key == "no_reply" and call.answers[0].label == "Log call"
    # a weekday never stands alone: "Yesterday 09:00" or "Sat 7 Mar 10:30", never "Mon 09:00"
    # (the Saturday interview's thank-you falls due on Monday's working morning)
    assert panel.model.when(thanks.at) == "Yesterday 09:00"
    assert panel.model.when(thanks.at - timedelta(days=2)) == "Sat 7 Mar 09:00"
    spoken = panel.model.index(0, 0, panel.model.index(TOP_KEYS.index("overdue"), 0))
    assert spoken.data(Qt.ItemDataRole.AccessibleTextRole).startswith(
        "Thank Acme Robotics for the interview, due Yesterday 09:00"
    )
    assert "Write thank-you" in spoken.data(Qt.ItemDataRole.AccessibleDescriptionRole)
    assert win.reminders_button.count == due_rows(panel) == 2
    assert panel.summary.text() == "2 to do now"


def test_interviews_of_today_and_tomorrow_head_it_and_open_the_card(qtbot, services, window):
    stage = services.board.stage_by_name("Interviewing").id
    app = services.applications.add("Tomorrow Corp", "Engineer", stage).id
    services.interviews.add(app, services.clock.now() + timedelta(days=1), title="Panel")
    win, controller = window()
    panel = controller.panel
    assert titles(panel)[0] == "Interviews today and tomorrow (1)"
    (interview,) = panel.model.entries("interviews")
    assert panel.select_key(entry_key(interview))
    assert panel.answer_button.text() == "&Open the card"
    with qtbot.waitSignal(win.details_requested) as opened:
        qtbot.mouseClick(panel.answer_button, Qt.MouseButton.LeftButton)
    assert opened.args == [app]


def test_snoozed_rows_wait_in_their_own_group_and_undo_brings_them_back(qtbot, services, window):
    interviewed(services, "Acme Robotics", 3)
    win, controller = window()
    panel = controller.panel
    thanks = rows(panel, "overdue")[0]
    select(panel, thanks)
    assert panel.snooze_button.text() == "&Snooze a day"
    qtbot.mouseClick(panel.snooze_button, Qt.MouseButton.LeftButton)
    (snoozed,) = rows(panel, "snoozed")
    assert snoozed.key == thanks.key and snoozed.snoozed
    assert titles(panel) == ["Overdue (1)", "Later (1)", "Snoozed (1)"]
    for rid in thanks.reminder_ids:  # the forgotten-point prompt is put off with it
        assert services.reminders.get(rid).snoozed_until == services.clock.now() + timedelta(days=1)
    assert win.reminders_button.count == due_rows(panel) == 1
    win.undo_stack.undo()
    qtbot.waitUntil(lambda: win.reminders_button.count == 2)
    assert rows(panel, "overdue")[0].key == thanks.key
    assert due_rows(panel) == 2 and not rows(panel, "snoozed")


def test_done_by_button_and_by_keyboard_then_undo(qtbot, services, window):
    interviewed(services, "Acme Robotics", 3)
    win, controller = window()
    panel = controller.panel
    thanks, call = rows(panel, "overdue")
    select(panel, thanks)
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    open_ids = {r.id for r in services.reminders.open_reminders()}
    assert not open_ids & set(thanks.reminder_ids)
    assert win.reminders_button.count == due_rows(panel) == 1
    select(panel, call)
    win.activateWindow()
    panel.view.setFocus()
    qtbot.waitUntil(panel.view.hasFocus)
    qtbot.keyClick(panel.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert win.reminders_button.count == due_rows(panel) == 0
    assert panel.summary.text() == "Nothing due now."
    win.undo_stack.undo()
    win.undo_stack.undo()
    qtbot.waitUntil(lambda: win.reminders_button.count == 2)
    assert due_rows(panel) == 2


def test_write_thank_you_opens_the_draft_to_the_person_the_row_names(qtbot, services, window):
    app = interviewed(services, "Acme Robotics", 3, interviewer="Ines Interviewer")
    win, controller = window()
    panel = controller.panel
    thanks = rows(panel, "overdue")[0]
    assert thanks.contact is not None and thanks.contact.name == "Ines Interviewer"
    select(panel, thanks)
    panel.view.setFocus()
    assert panel.answer_button.accessibleName() == "Write thank-you"
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)  # Enter answers the current row
    editor = win.drafts.editor
    assert editor is not None and editor.isVisible()
    assert (editor.application_id, editor.template_key) == (app, "thank-you")
    assert editor.recipient_box.currentText().startswith("Ines Interviewer")
    # Mark as sent: the row goes, and the badge follows at once with the list
    editor.subject.setText("Thank you")
    editor._text_changed()
    editor.mark_sent()
    qtbot.waitUntil(lambda: thanks.key not in {r.key for r in rows(panel, "overdue")})
    assert win.reminders_button.count == due_rows(panel) == 0  # the call too: outreach
    editor.close()


def test_the_painted_button_answers_its_row(qtbot, services, window):
    interviewed(services, "Acme Robotics", 3)
    win, controller = window()
    panel = controller.panel
    call = rows(panel, "overdue")[1]
    index = panel.model.find(entry_key(call))
    panel.view.scrollTo(index)
    panel.view.viewport().grab()  # paints it
    button = panel.delegate._painted[entry_key(call)]
    with qtbot.waitSignal(panel.answer_requested) as asked:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=button.center())
    assert asked.args[0].key == call.key and asked.args[1].label == "Log call"
    dialog = next(w for w in QApplication.topLevelWidgets() if w.windowTitle().startswith("Log"))
    assert isinstance(dialog, QDialog) and "Acme Robotics Recruiter, +49 30" in dialog.who.text()
    dialog.note_edit.setText("Left a message")
    dialog.accept()
    calls = [a for a in services.timeline.for_application(call.application_id) if a.kind == "call"]
    assert [a.text for a in calls] == ["Left a message"]
    qtbot.waitUntil(lambda: call.key not in {r.key for r in rows(panel, "overdue")})
    assert win.reminders_button.count == due_rows(panel)
    win.undo_stack.undo()
    qtbot.waitUntil(lambda: call.key in {r.key for r in rows(panel, "overdue")})
    assert win.reminders_button.count == due_rows(panel) == 2


def test_move_to_no_response_then_undo_keep_the_badge_true(qtbot, services, clock, window):
    applied = services.board.stage_by_name("Applied").id
    app = services.applications.add("Quiet Corp", "Engineer", applied).id
    clock.advance(days=22)
    win, controller = window()
    panel = controller.panel
    (suggestion,) = [r for key in TOP_KEYS for r in rows(panel, key) if r.due]
    assert suggestion.lead.rule_key == "suggest_no_response"
    select(panel, suggestion)
    assert panel.answer_button.text() == "&Move to No response"
    qtbot.mouseClick(panel.answer_button, Qt.MouseButton.LeftButton)
    assert services.board.card(app).stage_id == services.board.stage_by_name("No response").id
    qtbot.waitUntil(lambda: win.reminders_button.count == 0)
    assert due_rows(panel) == 0
    win.undo_stack.undo()
    assert services.board.card(app).stage_id == applied
    qtbot.waitUntil(lambda: win.reminders_button.count == 1)
    assert due_rows(panel) == 1


def test_a_refresh_changes_only_the_rows_that_changed(qtbot, services, window):
    interviewed(services, "Acme Robotics", 3)
    interviewed(services, "Blue Harbor", 4)
    _win, controller = window()
    panel = controller.panel
    first, *rest = rows(panel, "overdue")
    kept = QPersistentModelIndex(panel.model.find(entry_key(rest[-1])))
    resets = []
    panel.model.modelReset.connect(lambda: resets.append(True))
    select(panel, rest[-1])
    services.reminders.done(first.reminder_ids)
    controller.scheduler.refresh()
    assert kept.isValid() and kept.data(ENTRY_ROLE).key == rest[-1].key
    assert panel.current_entry().key == rest[-1].key and not resets


def test_every_action_of_a_row_is_in_its_menu(qtbot, services, window):
    interviewed(services, "Acme Robotics", 3)
    _win, controller = window()
    panel = controller.panel
    select(panel, rows(panel, "overdue")[1])
    menu = panel.row_menu()
    labels = [a.text() for a in menu.actions() if a.text()]
    assert labels[:2] == ["Log call", "Write follow-up"]
    assert "Done" in labels and "Snooze for a week" in labels
    assert panel.other_button.text() == "Write follow-up" and panel.other_button.isVisible()


def test_an_empty_agenda_says_what_will_appear(qtbot, services):
    panel = AgendaPanel(services)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.stack.currentWidget() is panel.empty
    assert panel.empty.text() == EMPTY_TEXT
    assert not panel.done_button.isEnabled()


def test_hidden_it_reads_only_the_count(qtbot, services, window):
    win, controller = window()
    controller.dock.hide()
    interviewed(services, "Acme Robotics", 3)
    controller.scheduler.refresh()
    assert not rows(controller.panel, "overdue"), "hidden: the list waits for the show"
    assert win.reminders_button.count == services.agenda.due_count() == 2
    controller.show_panel()
    assert len(rows(controller.panel, "overdue")) == 2


@pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise)",
    r".*systemTrayWindowChanged",  # the offscreen platform has no tray host
)
def test_the_tray_counts_what_the_badge_counts(qtbot, services, tmp_path):
    from jobtracker.platform.tray import ReminderTray
    from jobtracker.ui.main_window import MainWindow
    from jobtracker.ui.opening import opened

    interviewed(services, "Acme Robotics", 3)
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    win = MainWindow(opened(services), settings)
    qtbot.addWidget(win)
    win.make_ready()  # as the start has it before the reminders install
    tray = ReminderTray(win)
    controller = RemindersController(win, services, notifier=NullNotifier(), tray=tray)
    controller.start()
    win.show()
    qtbot.waitExposed(win)
    try:
        controller.show_panel()
        panel = controller.panel
        assert tray.count == win.reminders_button.count == due_rows(panel) == 2
        select(panel, rows(panel, "overdue")[0])
        qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
        assert tray.count == win.reminders_button.count == due_rows(panel) == 1
        assert tray.reminders_action.text() == "Reminders (1 due)"
    finally:
        tray.hide()
        QApplication.instance().setQuitOnLastWindowClosed(True)


def test_a_long_group_lists_its_soonest_and_says_how_many_more(
    qtbot, services, window, monkeypatch
):
    from jobtracker.ui.agenda import panel as panel_module

    monkeypatch.setattr(panel_module, "GROUP_ROWS", 2)
    for n in range(3):
        interviewed(services, f"Company {n}", 3)  # older ones lapse: logged too late
    _win, controller = window()
    entries = controller.panel.model.entries("overdue")
    assert len(entries) == 3 and titles(controller.panel)[0] == "Overdue (6)"
    more = entries[-1]
    assert more.text.startswith("… and 4 more")
    index = controller.panel.model.find(entry_key(more))
    assert not index.flags() & Qt.ItemFlag.ItemIsSelectable


def test_a_change_of_the_zone_setting_reads_every_time_anew(
    qtbot, services, window, machine_in_utc
) -> None:
    """The agenda reads its times in the zone setting as it stands, as the board's badges do:
    set to Auckland (UTC+13 in March) while the window is open, an interview at 23:30 UTC
    on Tuesday 10 March is at 12:30 on Wednesday, tomorrow from the Tuesday morning."""
    stage = services.board.stage_by_name("Interviewing").id
    app = services.applications.add("Acme", "Engineer", stage).id
    starts = datetime(2026, 3, 10, 23, 30, tzinfo=UTC)
    services.interviews.add(app, starts)
    win, controller = window()
    panel = controller.panel
    assert panel.model.when(starts) == "Today 23:30"  # the computer's zone

    def set_zone_and_accept() -> None:
        dialog = QApplication.activeModalWidget()
        editor = dialog.followups.editors["time_zone"]
        assert isinstance(editor, QLineEdit)
        editor.setText("Pacific/Auckland")
        dialog.accept()

    QTimer.singleShot(0, set_zone_and_accept)
    win.settings_action.trigger()  # returns once the dialog has closed

    qtbot.waitUntil(lambda: panel.model.when(starts) == "Tomorrow 12:30", timeout=5_000)
    (interview,) = panel.model.entries("interviews")
    assert interview.starts_at == starts
