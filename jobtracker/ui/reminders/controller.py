"""Reminders in the window: the Today agenda dock, the toolbar badge, the tray, the scheduler.

``install_reminders(window, services)`` wires everything to a board window through its
public entry points (``reminders_requested``, ``reminders_button``, ``open_details``,
``board.select_ids``, ``board.finish_loading``, ``refresh_cards``, ``undo_stack``,
``drafts.open``) and an event filter for closing to the tray, so the window class needs no
reminder code.

The badge and the tray show the agenda model's ``due_changed``, the same refresh that fills
the list, after every reminder action, every domain write (a draft marked as sent, a card
moved, an undo) and every scheduler check.

The scheduler starts after the window's first paint: its catch-up recomputes and reads every
reminder, and the desktop's notifier opens a D-Bus connection; the board need not wait.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDockWidget, QSystemTrayIcon

from jobtracker.domain.services import Services
from jobtracker.domain.stage_roles import ROLE_LABELS
from jobtracker.platform.notifications import Notifier, NullNotifier, create_notifier
from jobtracker.platform.tray import ReminderTray
from jobtracker.ui.agenda.actions import AgendaActions
from jobtracker.ui.agenda.panel import AgendaPanel
from jobtracker.ui.first_paint import after_first_paint
from jobtracker.ui.reminders.scheduler import ReminderScheduler

if TYPE_CHECKING:
    from jobtracker.ui.main_window import MainWindow

TRAY_HINT_KEY = "reminders/tray_hint_shown"
#: the badge and the next alarm follow edits this long after the last one, so their reads
#: do not land in the frame that shows the edit
REFRESH_AFTER_EDIT_MS = 250
#: the scheduler starts by then even if the window has not painted (minimized, on another
#: workspace, not exposed by the window manager)
LATEST_START_MS = 3000


class RemindersController(QObject):
    """Owns the scheduler, the panel and the tray of one window."""

    def __init__(
        self,
        window: MainWindow,
        services: Services,
        *,
        notifier: Notifier | None = None,
        tray: ReminderTray | None = None,
        use_tray: bool = True,
    ) -> None:
        """``notifier`` and ``tray`` default to what the desktop offers (the notifier is
        looked up by :meth:`start`)."""
        super().__init__(window)
        self.window = window
        self.services = services
        self.quitting = False
        if tray is None and use_tray and QSystemTrayIcon.isSystemTrayAvailable():
            tray = ReminderTray(window)
        self.tray = tray
        if self.tray is not None:
            self.tray.show_window_requested.connect(self.show_window)
            self.tray.show_reminders_requested.connect(self.show_panel)
            self.tray.quit_requested.connect(self.quit)
            self.tray.show()
        #: the desktop's notifier is still to be looked up (none was given)
        self._desktop_notifier = notifier is None
        self.scheduler = ReminderScheduler(services, notifier or NullNotifier(), self)
        self.panel = AgendaPanel(services)
        self.dock = QDockWidget("Today", window)
        self.dock.setObjectName("reminders_dock")
        self.dock.setWidget(self.panel)
        self.dock.setMinimumWidth(300)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.actions = AgendaActions(self, services)
        self.panel.model.due_changed.connect(self._show_due)
        self.scheduler.changed.connect(self._refresh)
        self.scheduler.acted_on.connect(self._cards_changed)
        self.scheduler.open_requested.connect(self.open_card)
        self.scheduler.show_panel_requested.connect(self.show_panel)
        window.reminders_requested.connect(self.toggle_panel)
        # after undoable edits: refresh once they pause (a drag, typing, an undo burst)
        self._after_edit = QTimer(self)
        self._after_edit.setSingleShot(True)
        self._after_edit.setInterval(REFRESH_AFTER_EDIT_MS)
        self._after_edit.timeout.connect(self.scheduler.refresh)
        window.undo_stack.indexChanged.connect(self._after_edit.start)
        services.add_write_listener(lambda _ids: self._after_edit.start())
        # the Settings dialog may change the follow-up settings (the reminders recomputed,
        # perhaps in another time zone): the lists and the timer follow once it closes
        window.settings_closed.connect(self.scheduler.refresh)
        window.installEventFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.scheduler.stop)

    def start(self) -> None:
        """Catch up on what fell due while the app was closed, then wait for the next
        (once: later calls do nothing). The board reads all its cards first: the catch-up
        takes a while at 10,000 cards, and the board's columns should not wait for it."""
        if self.scheduler.started:
            return
        self.window.board.finish_loading()
        # read here, not while the window starts: the follow-up rules load on first use (a
        # close before this is still kept in the tray, by the close's own reading)
        self._keep_in_tray(self.services.followups.settings().keep_running_in_tray)
        self.open_notifier()
        self.scheduler.start()

    def open_notifier(self) -> None:
        """Look up the desktop's notifier (once; :meth:`start` does it if no one has): its
        library loads and it connects to the session bus, which the window's start does on a
        turn of the event loop of its own. The notifications setting is read at each
        announcement, not here."""
        if self._desktop_notifier:
            self._desktop_notifier = False
            self.scheduler.set_notifier(create_notifier(self.tray))

    def start_after_first_paint(self) -> None:
        """:meth:`start` once the window has painted, or after ``LATEST_START_MS``."""
        after_first_paint(self.window, self.start)
        QTimer.singleShot(LATEST_START_MS, self.start)

    # -- showing ---------------------------------------------------------------------------

    def _refresh(self) -> None:
        self.panel.refresh()

    def _show_due(self, due: int) -> None:
        self.window.reminders_button.set_count(due)
        self.window.reminders_button.setToolTip(
            f"Today: {due} to do now" if due else "Today: nothing due now"
        )
        if self.tray is not None:
            self.tray.set_count(due)

    def _cards_changed(self, application_ids: list[int]) -> None:
        self.window.refresh_cards(application_ids)

    def show_window(self) -> None:
        self.window.showNormal() if self.window.isMinimized() else self.window.show()
        self.window.raise_()
        self.window.activateWindow()

    def show_panel(self) -> None:
        self.show_window()
        if not self.dock.isVisible():
            self.dock.show()
            width = max(self.panel.sizeHint().width(), 300)
            self.window.resizeDocks([self.dock], [width], Qt.Orientation.Horizontal)
        self.dock.raise_()
        self.panel.view.setFocus()

    def toggle_panel(self) -> None:
        if self.dock.isVisible():
            self.dock.hide()
        else:
            self.show_panel()

    def open_card(self, application_id: int, template_key: str) -> None:
        """Raise the window on the card, then open its draft (or its details)."""
        self.show_window()
        self.window.board.select_ids([application_id])
        drafts = getattr(self.window, "drafts", None)  # present once drafts are installed
        if template_key and drafts is not None:
            drafts.open(application_id, template_key)
        else:
            self.window.open_details(application_id)

    def move_to_role(self, application_id: int, role: str) -> None:
        """Take a suggestion to close a card: an undoable move to the board's stage of
        ``role``, like a drag on the board."""
        stage = self.services.board.stage_for_role(role)
        if stage is None:
            label = ROLE_LABELS.get(role, role)
            self.window.show_problem(
                f"No stage has the role “{label}”. "
                "Give one that role in View › Stages › Manage Stages."
            )
            return
        if self.window.controller is not None:  # the board is attached once the store opens
            self.window.controller.move([application_id], stage.id, None)

    # -- closing to the tray ---------------------------------------------------------------

    def _keep_in_tray(self, keep: bool) -> bool:
        active = keep and self.tray is not None and self.tray.isVisible()
        QApplication.setQuitOnLastWindowClosed(not active)
        return active

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close and not self.quitting:
            keep = self.services.followups.settings().keep_running_in_tray
            if self._keep_in_tray(keep):
                self.window.save_settings()
                self.window.hide()
                self._say_once_still_running()
                event.ignore()
                return True
        return super().eventFilter(watched, event)

    def _say_once_still_running(self) -> None:
        settings = QSettings()
        if settings.value(TRAY_HINT_KEY, False, type=bool) or self.tray is None:
            return
        settings.setValue(TRAY_HINT_KEY, True)
        self.tray.showMessage(
            "jobtracker is still running",
            "Reminders keep coming while the window is closed. Quit from the tray menu; "
            "this can be changed in Settings.",
            QSystemTrayIcon.MessageIcon.Information,
            8000,
        )

    def quit(self) -> None:
        """Quit for real (the tray's Quit): close the window, stop, leave the event loop."""
        self.quitting = True
        self.window.close()
        if self.tray is not None:
            self.tray.hide()
        QApplication.quit()


def install_reminders(window: MainWindow, services: Services) -> RemindersController:
    """Add reminders to ``window``; the scheduler starts after the window's first paint."""
    controller = RemindersController(window, services)
    controller.start_after_first_paint()
    return controller
