"""Edit → Settings… on the board window.

A module of its own so that the window's start adds the menu entry without loading the
dialog, its pages and the follow-up rules behind them; they load when Settings opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from jobtracker.ui import theme

if TYPE_CHECKING:
    from jobtracker.domain.services import Services
    from jobtracker.ui.main_window import MainWindow


def install_settings(window: MainWindow, services: Services) -> QAction:
    """Edit → Settings… (Ctrl+,) on the board window; a restore reloads the board, and the
    cards' badges follow the time zone setting as it stands when the dialog closes, and the
    reminders the follow-up settings made anew."""
    action = QAction(theme.icon("settings"), "Se&ttings…", window)
    action.setShortcut(QKeySequence("Ctrl+,"))
    action.setMenuRole(QAction.MenuRole.PreferencesRole)

    def open_settings() -> None:
        from jobtracker.ui.dialogs.settings import SettingsDialog

        followups = services.followups.settings()
        dialog = SettingsDialog(services, window, window.settings)
        dialog.database_replaced.connect(lambda _path: window.reload())
        dialog.exec()
        window.board.set_zone(services.followups.tz)
        if services.followups.settings() != followups:  # every reminder was made again
            window.reload()
        window.settings_closed.emit()

    action.triggered.connect(open_settings)
    window.edit_menu.addSeparator()
    window.edit_menu.addAction(action)
    return action
