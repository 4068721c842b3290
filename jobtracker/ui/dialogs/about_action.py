"""Help → About on the board window.

A module of its own so that the window's start adds the menu entry without loading the dialog;
it loads when About opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from jobtracker import APP_NAME

if TYPE_CHECKING:
    from jobtracker.domain.services import Services
    from jobtracker.ui.main_window import MainWindow


def install_about(window: MainWindow, services: Services) -> QAction:
    """Help → About jobtracker on the board window."""
    action = QAction(f"&About {APP_NAME}", window)
    action.setMenuRole(QAction.MenuRole.AboutRole)

    def open_about() -> None:
        from jobtracker.ui.dialogs.about import AboutDialog

        AboutDialog(services.store.path, window).exec()

    action.triggered.connect(open_about)
    window.help_menu.addAction(action)
    return action
