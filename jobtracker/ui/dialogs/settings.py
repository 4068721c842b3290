"""The Settings dialog: every preference in one place, a page per subject.

Pages: Appearance (colour scheme), Profile (the details drafts are signed with), Follow-ups
(rules, quiet hours, notifications, tray, Start at login: the reminders' own page), Backups
(the list, Back Up Now, Restore) and Data (the data folder, Open Folder). Choices are stored
on OK; backups act at once, since they are actions rather than preferences.

Signals: ``database_replaced(Path)`` after a restore, so the window reloads what it shows.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from jobtracker.domain.backups import BackupPolicy, list_backups, restore_in_place
from jobtracker.domain.clock import to_local
from jobtracker.domain.services import Services
from jobtracker.store.errors import StoreError
from jobtracker.ui import theme
from jobtracker.ui.capture.settings_page import CapturePage
from jobtracker.ui.dialogs.about import open_folder
from jobtracker.ui.dialogs.profile import ProfileDialog
from jobtracker.ui.reminders.settings_page import FollowupSettingsPage

SCHEME_LABELS = {"system": "Follow the &desktop", "light": "&Light", "dark": "Dar&k"}


def _size(path: Path) -> str:
    size = path.stat().st_size if path.exists() else 0
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class AppearancePage(QWidget):
    """Follow the desktop's light or dark scheme, or keep one."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.addWidget(_wrapped("Colours of the window, cards and icons:"))
        current = theme.stored_choice(settings)
        for choice, label in SCHEME_LABELS.items():
            button = QRadioButton(label)
            button.setObjectName(choice)
            button.setChecked(choice == current)
            self.group.addButton(button)
            layout.addWidget(button)
        layout.addStretch()

    def choice(self) -> str:
        checked = self.group.checkedButton()
        return checked.objectName() if checked is not None else ""


class ProfilePage(QWidget):
    """Who the drafts are signed by; edited in the profile dialog drafts also open."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.summary = _wrapped("")
        edit = QPushButton("&Edit Your Details…")
        edit.clicked.connect(self.edit)
        layout = QVBoxLayout(self)
        layout.addWidget(_wrapped("Drafts are signed with your name, email and phone."))
        layout.addWidget(self.summary)
        layout.addWidget(edit, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch()
        self.refresh()

    def refresh(self) -> None:
        profile = self.services.profile.get()
        self.summary.setText(profile.sign_off or "Not filled in yet.")

    def edit(self) -> None:
        if ProfileDialog(self.services.profile, self).exec():
            self.refresh()


class BackupsPage(QWidget):
    """Verified backups, newest first: take one now, restore one, open their folder."""

    restored = Signal(Path)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.list = QListWidget()
        self.list.setAlternatingRowColors(True)
        self.status = _wrapped("")
        self.backup_button = QPushButton(theme.icon("backup"), "&Back Up Now")
        self.restore_button = QPushButton("&Restore…")
        folder_button = QPushButton(theme.icon("folder"), "Open &Folder")
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        folder_button.clicked.connect(lambda: open_folder(self.services.store.backups_dir))
        self.list.currentRowChanged.connect(self._update_buttons)
        writable = services.store.writable
        self.backup_button.setEnabled(writable)
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, folder_button):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(
            _wrapped(
                "A verified backup is taken each day you open jobtracker and every 30 minutes "
                "while you work; a year of history is kept, thinned to days, weeks and months."
            )
        )
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        tz = self.services.followups.tz
        for info in list_backups(self.services.store.backups_dir):
            taken = to_local(info.taken_at, tz).strftime("%a %d %b %Y, %H:%M")
            item = QListWidgetItem(f"{taken}    ({_size(info.path)})")
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
            item.setToolTip(str(info.path))
            self.list.addItem(item)
        if self.list.count() == 0:
            self.status.setText("No backups yet: the first is taken once there is data.")
        self.list.setCurrentRow(0 if self.list.count() else -1)
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        self.restore_button.setEnabled(
            self.services.store.writable and self.list.currentItem() is not None
        )

    def selected_backup(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def back_up_now(self) -> None:
        try:
            taken = BackupPolicy(self.services.store, self.services.clock).backup_now()
        except StoreError as exc:
            self.status.setText(f"Backup failed: {exc}")
            return
        self.refresh()
        self.status.setText(f"Backed up to {taken.path.name}.")

    def restore_selected(self, *, confirm: bool = True) -> Path | None:
        """Put the selected backup in place of the database (the current one is kept aside)."""
        chosen = self.selected_backup()
        if chosen is None:
            return None
        if confirm and not self._confirm(chosen):
            return None
        try:
            aside = restore_in_place(self.services.store, chosen, self.services.clock)
        except StoreError as exc:
            self.status.setText(f"Nothing restored: {exc}")
            return None
        kept = f" The replaced database was kept as {aside.name}." if aside else ""
        self.status.setText(f"Restored the backup from {self.list.currentItem().text()}.{kept}")
        self.restored.emit(chosen)
        return chosen

    def _confirm(self, chosen: Path) -> bool:
        answer = QMessageBox.question(
            self,
            "Restore Backup",
            f"Replace everything with the backup {chosen.name}?\n\n"
            "Your current data is kept aside in the data folder, so this can be undone "
            "by restoring that file.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes


class DataPage(QWidget):
    """Where the database lives, and a way to look at it."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        path = services.store.path
        self.path_label = QLabel(str(path))
        self.path_label.setWordWrap(True)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path_label.setToolTip(str(path))
        open_button = QPushButton(theme.icon("folder"), "&Open Folder")
        open_button.clicked.connect(lambda: open_folder(path.parent))
        form = QFormLayout(self)
        form.addRow("Database:", self.path_label)
        form.addRow("Size:", QLabel(_size(path)))
        row = QHBoxLayout()
        row.addWidget(open_button)
        row.addStretch()
        form.addRow("", row)
        form.addRow(
            _wrapped(
                "The folder is private to you. Keep it out of cloud-synced folders; copy a "
                "backup instead. Another database: start with jobtracker --db PATH."
            )
        )


class SettingsDialog(QDialog):
    """Every preference, a page per subject chosen from a list on the left."""

    database_replaced = Signal(Path)

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.settings = settings or QSettings()
        self.appearance = AppearancePage(self.settings)
        self.profile = ProfilePage(services)
        self.followups = FollowupSettingsPage(services)
        self.backups = BackupsPage(services)
        self.data = DataPage(services)
        self.capture = CapturePage()
        self.backups.restored.connect(self.database_replaced)
        self.pages = QStackedWidget()
        self.index = QListWidget()
        self.index.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 14)
        pages = (
            ("Appearance", "settings", self.appearance),
            ("Profile", "person", self.profile),
            ("Follow-ups", "bell", self.followups),
            ("Backups", "backup", self.backups),
            ("Data", "folder", self.data),
            ("Capture", "import", self.capture),
        )
        for title, icon_name, page in pages:
            self.index.addItem(QListWidgetItem(theme.icon(icon_name), title))
            self.pages.addWidget(page)
        self.index.currentRowChanged.connect(self.pages.setCurrentIndex)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        restore = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.setToolTip("Put the default follow-up rules in the Follow-ups page")
        restore.clicked.connect(self.followups.restore_defaults)
        self.pages.currentChanged.connect(
            lambda _index: restore.setVisible(self.pages.currentWidget() is self.followups)
        )
        self.index.setCurrentRow(0)
        restore.setVisible(False)
        body = QHBoxLayout()
        body.addWidget(self.index)
        body.addWidget(self.pages, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(buttons)
        self.resize(760, 560)

    def show_page(self, title: str) -> None:
        matches = self.index.findItems(title, Qt.MatchFlag.MatchExactly)
        if not matches:
            raise ValueError(f"No settings page called {title!r}")
        self.index.setCurrentItem(matches[0])

    def accept(self) -> None:
        """Store every page's choices; stay open on the page whose value was refused."""
        if self.followups.apply() is None:
            self.show_page("Follow-ups")
            return
        active = theme.current_theme()
        if active is not None:
            active.set_choice(self.appearance.choice())
        else:
            self.settings.setValue(theme.SCHEME_KEY, self.appearance.choice())
        super().accept()
