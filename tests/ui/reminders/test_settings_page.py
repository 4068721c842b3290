"""The follow-up settings page: shows the stored values, stores changes, Start at login."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QTime

from jobtracker.domain.followup_settings import SETTING_SPECS, FollowupSettings
from jobtracker.platform import autostart
from jobtracker.ui.reminders.settings_page import FollowupSettingsPage


def test_every_setting_has_an_editor_showing_its_value(qtbot, services):
    services.followups.save_settings(check_in_cap=4, quiet_start="22:30", quiet_hours=False)
    page = FollowupSettingsPage(services)
    qtbot.addWidget(page)
    assert list(page.editors) == [spec.name for spec in SETTING_SPECS]
    assert page.editors["check_in_cap"].value() == 4
    assert page.editors["quiet_start"].time() == QTime(22, 30)
    assert not page.editors["quiet_hours"].isChecked()
    assert page.editors["no_reply_hours"].suffix() == " hours"
    assert page.values()["quiet_start"] == "22:30"


def test_apply_stores_the_settings_recomputes_and_sets_start_at_login(qtbot, services, clock):
    applied = services.board.stage_by_name("Applied").id
    app = services.applications.add("Acme", "Engineer", applied).id
    page = FollowupSettingsPage(services)
    qtbot.addWidget(page)
    page.editors["check_in_days"].setValue(10)
    page.editors["quiet_end"].setTime(QTime(7, 15))
    page.autostart.setChecked(True)
    saved = page.apply()
    assert saved == FollowupSettings(check_in_days=10, quiet_end="07:15")
    assert services.followups.settings() == saved
    first = next(r for r in services.reminders.open_reminders() if r.application_id == app)
    assert first.due_at == clock.now() + timedelta(days=10)
    assert autostart.is_enabled()
    page.restore_defaults()
    page.autostart.setChecked(False)
    assert page.apply() == FollowupSettings()
    assert not autostart.is_enabled()


def test_units_read_naturally_and_quiet_times_follow_the_switch(qtbot, services):
    page = FollowupSettingsPage(services)
    qtbot.addWidget(page)
    snooze = page.editors["snooze_days"]
    assert snooze.text() == "1 day"
    snooze.setValue(3)
    assert snooze.text() == "3 days"
    page.editors["quiet_hours"].setChecked(False)
    assert not page.editors["quiet_start"].isEnabled()
    assert not page.editors["quiet_end"].isEnabled()


def test_working_hours_and_time_zone_are_edited_and_checked(qtbot, services):
    page = FollowupSettingsPage(services)
    qtbot.addWidget(page)
    assert page.editors["work_days"].text() == "Mon-Fri"
    assert page.editors["time_zone"].placeholderText() == "e.g. Europe/Berlin"
    page.editors["work_days"].setText("sun-thu")
    page.editors["work_start"].setTime(QTime(8, 0))
    page.editors["time_zone"].setText("Asia/Jerusalem")
    saved = page.apply()
    assert saved is not None and (saved.work_days, saved.work_start) == ("Mon-Thu,Sun", "08:00")
    assert str(services.followups.tz) == "Asia/Jerusalem"
    page.editors["time_zone"].setText("Atlantis/Capital")
    assert page.apply() is None
    assert "time_zone: 'Atlantis/Capital' is not a time zone" in page.problem.text()
    assert services.followups.settings().time_zone == "Asia/Jerusalem"  # nothing half-saved
