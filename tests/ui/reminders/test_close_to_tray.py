"""Closing the window keeps the app in the tray (said once); the tray's Quit really quits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from jobtracker.platform.notifications import NullNotifier
from jobtracker.platform.tray import ReminderTray
from jobtracker.ui.reminders.controller import TRAY_HINT_KEY, RemindersController

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise)",
    r".*systemTrayWindowChanged",  # the offscreen platform has no tray host
)


@pytest.fixture
def window_with_tray(qtbot, services, tmp_path):
    from jobtracker.ui.main_window import MainWindow
    from jobtracker.ui.opening import opened

    app = QApplication.instance()
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(opened(services), settings)
    qtbot.addWidget(window)
    tray = ReminderTray(window)
    tray.show()
    controller = RemindersController(window, services, notifier=NullNotifier(), tray=tray)
    controller.start()
    window.show()
    qtbot.waitExposed(window)
    yield window, controller
    tray.hide()
    app.setQuitOnLastWindowClosed(True)


def test_closing_hides_to_the_tray_and_says_so_once(qtbot, services, window_with_tray):
    window, controller = window_with_tray
    assert not QApplication.instance().quitOnLastWindowClosed()
    assert not QSettings().value(TRAY_HINT_KEY, False, type=bool)
    window.close()
    assert not window.isVisible()
    assert QSettings().value(TRAY_HINT_KEY, False, type=bool)
    controller.tray.show_window_requested.emit()
    assert window.isVisible()


def test_the_setting_off_makes_closing_quit(qtbot, services, window_with_tray):
    window, _controller = window_with_tray
    services.followups.save_settings(keep_running_in_tray=False)
    window.close()
    assert not window.isVisible()
    assert QApplication.instance().quitOnLastWindowClosed()


def test_quit_from_the_tray_closes_the_window_for_real(qtbot, services, window_with_tray):
    window, controller = window_with_tray
    controller.tray.quit_action.trigger()  # no event loop runs here, so nothing exits
    assert controller.quitting
    assert not window.isVisible()
    assert not controller.tray.isVisible()
