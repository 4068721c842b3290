"""Puts the drafts into the board window: the Drafts button, a Write menu, Ctrl+T.

``install_drafts(window, services)`` gives ``window.drafts`` (a :class:`DraftWindows`), whose
:meth:`DraftWindows.open` is the one entry point for other parts: a reminder's "Write
follow-up" action calls ``window.drafts.open(app_id, reminder.template_key)``, the details
dialog gets a Write… button from :meth:`DraftWindows.add_write_button`, and
``window.drafts.write_menu`` can go into a card's context menu as it is.

The menu is built with the window; the editor and dialogs behind it (and jinja2 with them)
are imported when first opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QPushButton

if TYPE_CHECKING:
    from jobtracker.domain.drafts import DraftInfo
    from jobtracker.domain.services import Services
    from jobtracker.ui.dialogs.details import DetailsDialog
    from jobtracker.ui.drafts.editor import DraftEditor
    from jobtracker.ui.main_window import MainWindow

#: what the Write menu offers, in the order a job search needs them
WRITE_ACTIONS = (
    ("thank-you", "Write &Thank-You Note…", "Ctrl+T"),
    ("forgot-to-mention", "Write &Forgot-to-Mention Note…", None),
    ("follow-up", "Write F&ollow-Up…", None),
    ("check-in", "Write &Check-In…", None),
    ("feedback-request", "Ask for F&eedback…", None),
    ("keep-in-touch", "Write &Keep-in-Touch Note…", None),
    ("smooth-over", "Write &Smooth-Over Note…", None),
    ("network-thanks", "Thank a &Contact…", None),
)


class DraftWindows(QObject):
    """The draft editor windows of one board window: one editor, reused and raised."""

    def __init__(self, window: MainWindow, services: Services) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self.editor: DraftEditor | None = None
        self.write_menu = window.write_menu  # the menu bar holds it from the first paint
        self.actions: dict[str, QAction] = {}
        for key, text, shortcut in WRITE_ACTIONS:
            action = QAction(text, window)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _=False, k=key: self.open_for_selection(k))
            self.write_menu.addAction(action)
            self.actions[key] = action
        self.write_menu.addSeparator()
        self.write_menu.addAction(window.drafts_action)
        self.profile_action = self.write_menu.addAction("Your &Details for Drafts…")
        self.profile_action.triggered.connect(self.edit_profile)
        self.templates_action = self.write_menu.addAction("Edit T&emplates…")
        self.templates_action.triggered.connect(self.edit_templates)

    def open_for_selection(self, template_key: str | None = None) -> None:
        """The editor on the selected card (else the first card), for ``template_key``."""
        ids = self.window.board.selected_ids()
        if not ids:
            cards = self.services.board.cards()
            if not cards:
                self.window.statusBar().showMessage("Add an application first", 5000)
                return
            ids = [cards[0].id]
        self.open(ids[0], template_key)

    def open(
        self, application_id: int, template_key: str | None = None, contact_id: int | None = None
    ) -> DraftEditor:
        """Show the editor pre-selected on an application, template and recipient."""
        if self.editor is None:
            from jobtracker.ui.drafts.editor import DraftEditor

            self.editor = DraftEditor(
                self.services,
                application_id,
                template_key or "thank-you",
                contact_id,
                parent=self.window,
            )
            self.editor.sent.connect(lambda app_id: self.window.refresh_cards([app_id]))
        else:
            self.editor.open_application(application_id, template_key, contact_id)
        self.editor.show()
        self.editor.raise_()
        self.editor.activateWindow()
        return self.editor

    def add_write_button(self, dialog: DetailsDialog) -> QPushButton:
        """A "Write…" menu button in a card's details dialog, for that application."""
        from PySide6.QtWidgets import QDialogButtonBox  # loaded with the first dialog

        button = QPushButton("&Write…")
        button.setToolTip("Write a thank-you note, a follow-up … for this application")
        menu = QMenu(button)
        menu.aboutToShow.connect(lambda: self._fill_write_menu(menu, dialog))
        button.setMenu(menu)
        button.setEnabled(dialog.application_id is not None)
        dialog.saved.connect(lambda _id: button.setEnabled(True))
        dialog.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        return button

    def _fill_write_menu(self, menu: QMenu, dialog: DetailsDialog) -> None:
        """The notes to write, then the card's kept drafts to reopen."""
        menu.clear()
        for key, text, _shortcut in WRITE_ACTIONS:
            action = menu.addAction(text.replace("…", ""))
            action.triggered.connect(lambda _=False, k=key: self._write_from(dialog, k))
        kept = self.services.drafts.for_application(dialog.application_id or 0)
        if kept:
            menu.addSection("Drafts")
        for draft in kept:
            title = draft.subject or draft.template_key
            action = menu.addAction(("✓ " if draft.sent else "") + title)
            action.triggered.connect(lambda _=False, d=draft: self._reopen(d))

    def _reopen(self, draft: DraftInfo) -> None:
        self.open(draft.application_id, draft.template_key)
        if self.editor is not None and self.editor.draft_id != draft.id:
            self.editor.open_application(draft.application_id, draft_id=draft.id)

    def edit_profile(self) -> None:
        from jobtracker.ui.dialogs.profile import ProfileDialog

        ProfileDialog(self.services.profile, self.window).exec()

    def edit_templates(self) -> None:
        from jobtracker.ui.drafts.templates_dialog import TemplatesDialog

        TemplatesDialog(self.services, self.window).exec()
        if self.editor is not None:
            self.editor.templates_changed()

    def _write_from(self, dialog: DetailsDialog, template_key: str) -> None:
        if dialog.application_id is not None:
            self.open(dialog.application_id, template_key)

    def close(self) -> None:
        """Save and close the editor (the board window is closing)."""
        if self.editor is not None:
            self.editor.close()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.close()
        return False


def install_drafts(window: MainWindow, services: Services) -> DraftWindows:
    """Wire the drafts into ``window``: the Drafts button, the Write menu's entries, Ctrl+T."""
    drafts = DraftWindows(window, services)
    window.drafts_requested.connect(drafts.open_for_selection)
    window.installEventFilter(drafts)
    return drafts
