"""Puts the insights into the board window: View → Insights, File → Report, and the bar
that says the board shows only the cards chosen in Insights.

Installed with the services, after the first paint; the Insights window, the report
dialog and pyqtgraph load when first opened.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QPushButton

if TYPE_CHECKING:
    from jobtracker.domain.services import Services
    from jobtracker.ui.insights.window import InsightsWindow
    from jobtracker.ui.main_window import MainWindow


class InsightsHookup(QObject):
    """The insights' entries in one board window (the window keeps it as ``insights``)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.view: InsightsWindow | None = None
        self.open_action = QAction("&Insights…", window)
        self.open_action.setShortcut(QKeySequence("Ctrl+I"))
        self.open_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.open_action.triggered.connect(self.open)
        window.view_menu.addSeparator()
        window.view_menu.addAction(self.open_action)
        self.report_action = QAction("&Report of the Search…", window)
        self.report_action.triggered.connect(self.report)
        window.file_menu.insertAction(window.quit_action, self.report_action)
        window.file_menu.insertSeparator(window.quit_action)
        self.filter_label: QLabel | None = None
        self.show_all_button: QPushButton | None = None

    def open(self) -> InsightsWindow:
        """Show the Insights window (built on first use, then refreshed and raised)."""
        if self.view is None:
            from jobtracker.ui.insights.window import InsightsWindow

            self.view = InsightsWindow(self._services().insights, self.window)
            self.view.filter_requested.connect(self.show_only)
            self.view.write_requested.connect(self._write)
        else:
            self.view.reload()
        self.view.show()
        self.view.raise_()
        self.view.activateWindow()
        return self.view

    def show_only(self, ids: Iterable[int] | None, label: str) -> None:
        """The board shows only ``ids`` (None: every card again), and says so."""
        chosen = None if ids is None else list(ids)
        self.window.board.set_only_ids(chosen)
        if chosen is not None and self.filter_label is None:  # made on first use
            self.filter_label = QLabel()
            self.show_all_button = QPushButton("Show All Cards")
            self.show_all_button.clicked.connect(lambda: self.show_only(None, ""))
            self.window.statusBar().addPermanentWidget(self.filter_label)
            self.window.statusBar().addPermanentWidget(self.show_all_button)
        if self.filter_label is None or self.show_all_button is None:
            return
        if chosen is not None:
            self.filter_label.setText(f"Showing {len(chosen)} cards: {label}")
        self.filter_label.setVisible(chosen is not None)
        self.show_all_button.setVisible(chosen is not None)

    def _services(self) -> Services:
        services = self.window.services
        assert services is not None  # installed with the services
        return services

    def _write(self, application_id: int, template_key: str) -> None:
        self.window.drafts.open(application_id, template_key)

    def report(self) -> None:
        from jobtracker.ui.insights.report_dialog import ReportDialog

        ReportDialog(self._services().insights, self.window).exec()


def install_insights(window: MainWindow) -> InsightsHookup:
    return InsightsHookup(window)
