"""The Reminders panel in the board window: groups, badge, Snooze / Done / Open, empty state."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QSettings, Qt

from jobtracker.platform.notifications import NullNotifier
from jobtracker.ui.reminders.controller import RemindersController
from jobtracker.ui.reminders.panel import EMPTY_TEXT, RemindersPanel


@pytest.fixture
def window(qtbot, services, tmp_path):
    from jobtracker.ui.main_window import MainWindow

    def make():
        settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
        win = MainWindow(services, settings)
        qtbot.addWidget(win)
        controller = RemindersController(win, services, notifier=NullNotifier(), use_tray=False)
        controller.start()
        win.show()
        qtbot.waitExposed(win)
        return win, controller

    return make


def interviewed(services, company: str, days_ago: float) -> int:
    stage = services.board.stage_by_name("Interviewing").id
    app = services.applications.add(company, "Engineer", stage).id
    services.interviews.add(app, services.clock.now() - timedelta(days=days_ago))
    return app


def group_texts(panel: RemindersPanel) -> list[str]:
    return [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]


def rows(panel: RemindersPanel, group: int) -> list:
    top = panel.tree.topLevelItem(group)
    return [top.child(i) for i in range(top.childCount())]


def test_panel_groups_overdue_today_upcoming_and_the_badge_counts_due(qtbot, services, window):
    interviewed(services, "Acme Robotics", 3)
    services.applications.add("Blue Harbor", "Engineer", services.board.stage_by_name("Applied").id)
    win, controller = window()
    panel = controller.panel
    overdue = services.reminders.groups()[0].reminders
    assert win.reminders_button.count == services.reminders.due_count() == len(overdue)
    assert not controller.dock.isVisible()
    qtbot.mouseClick(win.reminders_button, Qt.MouseButton.LeftButton)
    assert controller.dock.isVisible()
    assert group_texts(panel) == [f"Overdue ({len(overdue)})", "Upcoming (6)"]  # 2 check-in chains
    first = rows(panel, 0)[0]
    assert "Acme Robotics" in first.text(0)
    assert "\nDue " in first.toolTip(0)


def test_snooze_and_done_from_the_panel_update_database_badge_and_list(qtbot, services, window):
    interviewed(services, "Acme Robotics", 3)
    win, controller = window()
    controller.show_panel()
    panel = controller.panel
    due_before = win.reminders_button.count
    panel.tree.setCurrentItem(rows(panel, 0)[0])
    chosen = panel.selected_ids()[0]
    assert panel.snooze_button.text() == "&Snooze a day"
    qtbot.mouseClick(panel.snooze_button, Qt.MouseButton.LeftButton)
    assert services.reminders.get(chosen).snoozed_until == services.clock.now() + timedelta(days=1)
    assert win.reminders_button.count == due_before - 1
    panel.tree.setCurrentItem(rows(panel, 0)[0])
    done = panel.selected_ids()[0]
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert done not in {r.id for r in services.reminders.open_reminders()}
    assert win.reminders_button.count == due_before - 2


def test_open_selects_the_card_and_opens_its_draft(qtbot, services, window):
    app = interviewed(services, "Acme Robotics", 3)
    win, controller = window()
    controller.show_panel()
    panel = controller.panel
    thanks = next(r for r in services.reminders.open_reminders() if r.rule_key == "thank_you")
    panel.select([thanks.id])
    qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert win.board.selected_ids() == [app]
    editor = win.drafts.editor
    assert editor is not None and editor.isVisible()
    assert (editor.application_id, editor.template_key) == (app, "thank-you")
    editor.close()


def test_open_without_a_draft_shows_the_card_details(qtbot, services, window):
    app = services.applications.add("Acme Robotics", "Engineer", None).id
    services.applications.edit(app, deadline=services.clock.now().date() + timedelta(days=1))
    win, controller = window()
    reminder = services.reminders.open_reminders()[0]
    assert reminder.rule_key == "apply_deadline"
    with qtbot.waitSignal(win.details_requested) as opened:
        controller.scheduler.act([reminder.id], "open")
    assert opened.args == [app]


def test_an_empty_panel_says_what_will_appear(qtbot, services):
    panel = RemindersPanel(services)
    qtbot.addWidget(panel)
    assert panel.stack.currentWidget() is panel.empty
    assert panel.empty.text() == EMPTY_TEXT
    assert not panel.done_button.isEnabled()


def test_a_suggestion_to_close_moves_the_card_undoably(qtbot, services, clock, window):
    applied = services.board.stage_by_name("Applied").id
    app = services.applications.add("Quiet Corp", "Engineer", applied).id
    clock.advance(days=22)
    win, controller = window()
    controller.show_panel()
    panel = controller.panel
    suggestion = next(r for r in services.reminders.open_reminders() if r.application_id == app)
    assert suggestion.rule_key == "suggest_no_response"
    panel.select([suggestion.id])
    assert panel.move_button.isVisible()
    qtbot.mouseClick(panel.move_button, Qt.MouseButton.LeftButton)
    no_response = services.board.stage_by_name("No response").id
    assert services.board.card(app).stage_id == no_response
    assert suggestion.id not in {r.id for r in services.reminders.open_reminders()}
    qtbot.waitUntil(lambda: win.reminders_button.count == 0)  # refreshed after the edit
    assert not panel.move_button.isVisible()
    win.undo_stack.undo()
    assert services.board.card(app).stage_id == applied
    assert suggestion.id in {r.id for r in services.reminders.open_reminders()}
    qtbot.waitUntil(lambda: win.reminders_button.count == 1)


def test_the_snooze_menu_offers_other_lengths(qtbot, services, window):
    interviewed(services, "Acme Robotics", 3)
    _win, controller = window()
    controller.show_panel()
    panel = controller.panel
    panel.tree.setCurrentItem(rows(panel, 0)[0])
    chosen = panel.selected_ids()[0]
    week = next(a for a in panel.snooze_button.menu().actions() if a.text() == "For a week")
    week.trigger()
    assert services.reminders.get(chosen).snoozed_until == services.clock.now() + timedelta(days=7)


def test_a_hidden_panel_lists_nothing_until_shown_then_what_is_current(qtbot, services, window):
    win, controller = window()
    panel = controller.panel
    interviewed(services, "Acme Robotics", 3)
    controller.scheduler.refresh()
    assert panel.tree.topLevelItemCount() == 0, "hidden: edits do not rebuild the list"
    assert win.reminders_button.count == services.reminders.due_count() > 0
    controller.show_panel()
    assert group_texts(panel)[0].startswith("Overdue")
    assert "Acme Robotics" in rows(panel, 0)[0].text(0)


def test_a_long_group_lists_its_soonest_and_says_how_many_more(
    qtbot, services, window, monkeypatch
):
    from jobtracker.ui.reminders import panel as panel_module

    monkeypatch.setattr(panel_module, "GROUP_ROWS", 2)
    for n in range(3):
        interviewed(services, f"Company {n}", 3 + n)
    _win, controller = window()
    controller.show_panel()
    upcoming = services.reminders.groups()[2].reminders
    assert len(upcoming) > 2
    assert group_texts(controller.panel)[-1] == f"Upcoming ({len(upcoming)})"
    listed = rows(controller.panel, len(group_texts(controller.panel)) - 1)
    assert [row.data(0, Qt.ItemDataRole.UserRole) for row in listed[:2]] == [
        info.id for info in upcoming[:2]
    ]
    assert listed[2].text(0) == f"… and {len(upcoming) - 2} more"
    assert not listed[2].flags() & Qt.ItemFlag.ItemIsSelectable
