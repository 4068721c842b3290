"""Puts the People view into the board window: View → People… (Ctrl+Shift+P).

The view and its modules load when first opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from jobtracker.ui.main_window import MainWindow
    from jobtracker.ui.people.window import PeopleWindow


class PeopleHookup(QObject):
    """The People entry of one board window (the window keeps it as ``people``)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.view: PeopleWindow | None = None
        self.open_action = QAction("&People…", window)
        self.open_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.open_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.open_action.setStatusTip("Everyone you met in this search, with their applications")
        self.open_action.triggered.connect(self.open)
        window.view_menu.addSeparator()
        window.view_menu.addAction(self.open_action)

    def open(self) -> PeopleWindow:
        """Show the People window (built on first use, then read again and raised)."""
        if self.view is None:
            from jobtracker.ui.people.window import PeopleWindow

            self.view = PeopleWindow(
                self.window.services, self.window.undo_stack, self.window,
                refresh=self.window.refresh_cards, open_application=self.window.open_details,
            )  # fmt: skip
        else:
            self.view.reload()
        self.view.show()
        self.view.raise_()
        self.view.activateWindow()
        return self.view


def install_people(window: MainWindow) -> PeopleHookup:
    return PeopleHookup(window)
