"""Puts import and export into the board window's File menu.

``install_transfer(window, services)`` gives ``window.transfer`` (a :class:`TransferActions`)
with an Import… action (Ctrl+Shift+I) and an Export submenu: applications as CSV, a full
JSON backup, the activity log and a calendar of interviews and reminders. A CSV or JSON file
dropped on the window opens the import wizard on it. ``open_import`` and
``export_to`` are the entry points for other parts and for tests.

The menu entries exist from the start; the readers, writers and the wizard load on first use.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMimeData, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QDropEvent, QKeySequence
from PySide6.QtWidgets import QMenu

from jobtracker.domain.clock import to_local
from jobtracker.domain.errors import DomainError
from jobtracker.text import counted

if TYPE_CHECKING:
    from jobtracker.domain.services import Services
    from jobtracker.domain.transfer.service import TransferService
    from jobtracker.ui.dialogs.import_wizard import ImportWizard
    from jobtracker.ui.main_window import MainWindow

#: kind, menu text, file name stem, file filter
EXPORTS = (
    ("csv", "Applications as &CSV…", "applications", "CSV files (*.csv)"),
    ("json", "Full &Backup as JSON…", "backup", "JSON files (*.json)"),
    ("activity", "&Activity Log (CSV)…", "activity-log", "CSV files (*.csv)"),
    ("ics", "Interviews and Reminders as &Calendar…", "calendar", "iCalendar files (*.ics)"),
)
EXTENSIONS = {"csv": "csv", "json": "json", "activity": "csv", "ics": "ics"}
LAST_FOLDER_KEY = "transfer/last_folder"
IMPORTABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".json")
DROP_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


class TransferActions(QObject):
    """The File menu's Import… and Export entries of one board window."""

    def __init__(self, window: MainWindow, services: Services) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self.import_action = QAction("&Import…", window)
        self.import_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.import_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.import_action.setStatusTip("Import a spreadsheet, a Huntr or JobSync export, a backup")
        self.import_action.triggered.connect(lambda: self.open_import())
        self.export_menu = QMenu("&Export", window)
        self.export_actions: dict[str, QAction] = {}
        for kind, text, _stem, _filter in EXPORTS:
            action = self.export_menu.addAction(text)
            action.triggered.connect(lambda _=False, k=kind: self.choose_and_export(k))
            self.export_actions[kind] = action

    @cached_property
    def service(self) -> TransferService:
        from jobtracker.domain.transfer.service import transfer_for

        return transfer_for(self.services)

    def open_import(self, path: Path | None = None) -> ImportWizard:
        """Show the import wizard (on ``path`` when given); the board reloads after it."""
        from jobtracker.ui.dialogs.import_wizard import ImportWizard

        wizard = ImportWizard(self.services, path, self.window)
        wizard.setWindowModality(Qt.WindowModality.WindowModal)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.imported.connect(lambda ids: self._imported(wizard))
        wizard.show()
        return wizard

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A CSV or JSON file dragged from the file manager onto the window imports it."""
        if watched is not self.window or event.type() not in DROP_EVENTS:
            return False
        if not isinstance(event, QDropEvent):  # QDragEnterEvent is one too
            return False
        path = _importable_file(event.mimeData())
        if path is None:
            return False
        event.acceptProposedAction()
        if event.type() == QEvent.Type.Drop:
            QTimer.singleShot(0, lambda: self.open_import(path))  # not inside the drop
        return True

    def _imported(self, wizard: ImportWizard) -> None:
        """Show the new cards; a CSV import goes on the undo list (a restore does not)."""
        from jobtracker.ui.dialogs.widgets import push_done

        self.window.reload()
        result, preview = wizard.outcome, wizard.preview
        if result is None or preview is None:
            self.window.statusBar().showMessage("Restored the backup", 8000)
            return
        done = [result]

        def undo() -> None:
            self.service.undo(done[0])

        def redo() -> None:
            done[0] = self.service.apply(preview)

        what = f"{counted(result.added, 'application')} from {preview.source_name}"
        push_done(self.window.undo_stack, f"Import {what}",
                  undo=undo, redo=redo, after=self.window.reload)  # fmt: skip
        them = "it" if result.added == 1 else "them"
        self.window.statusBar().showMessage(
            f"Imported {what} (Edit → Undo takes {them} back)", 8000
        )

    def _settings(self) -> QSettings:
        return getattr(self.window, "settings", None) or QSettings()

    def choose_and_export(self, kind: str) -> None:
        """Ask where to save, then export there."""
        from PySide6.QtCore import QStandardPaths  # loaded on first use, as the dialog
        from PySide6.QtWidgets import QFileDialog

        stem, file_filter = next((e[2], e[3]) for e in EXPORTS if e[0] == kind)
        folder = self._settings().value(LAST_FOLDER_KEY) or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        now = self.services.clock.now()
        today = to_local(now, self.services.followups.tz).date().isoformat()
        suggested = str(Path(str(folder)) / f"jobtracker-{stem}-{today}.{EXTENSIONS[kind]}")
        chosen, _ = QFileDialog.getSaveFileName(self.window, "Export", suggested, file_filter)
        if chosen:
            self.export_to(kind, Path(chosen))

    def export_to(self, kind: str, path: Path) -> bool:
        """Write the export to ``path`` (all at once); problems go to a message box."""
        from jobtracker.domain.transfer import ics_export
        from jobtracker.domain.transfer.service import ExportRequest, write_file

        zone = None  # the time zone setting's, where set; a calendar reads best in local time
        if kind == "ics" and self.service.zone_setting() is None:
            zone = ics_export.zone(ics_export.local_zone_name())
        try:
            data = self.service.export(ExportRequest(kind, zone))
            write_file(path, data, spreadsheet=kind in ("csv", "activity"))
        except (DomainError, OSError) as exc:
            detail = getattr(exc, "strerror", None) or str(exc)
            self.window.show_problem(f"Could not export to {path}: {detail}")
            return False
        self._settings().setValue(LAST_FOLDER_KEY, str(path.parent))
        self.window.statusBar().showMessage(f"Exported to {path}", 8000)
        return True


def _importable_file(mime: QMimeData) -> Path | None:
    """The one local CSV/JSON file a drag carries, else None."""
    urls = mime.urls() if mime.hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.suffix.lower() in IMPORTABLE_SUFFIXES else None


def install_transfer(window: MainWindow, services: Services) -> TransferActions:
    """Add Import… and the Export submenu to the File menu, above Quit."""
    transfer = TransferActions(window, services)
    menu = window.file_menu
    menu.insertAction(window.quit_action, transfer.import_action)
    menu.insertMenu(window.quit_action, transfer.export_menu)
    menu.insertSeparator(window.quit_action)
    window.setAcceptDrops(True)
    window.installEventFilter(transfer)
    return transfer
