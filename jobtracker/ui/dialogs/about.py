"""Help → About: what this is, which version, where the data lives, under which licence."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jobtracker import APP_NAME, __version__
from jobtracker.ui import theme

LICENCE = "MIT"
SUMMARY = "Track job applications and never forget a follow-up."


def open_folder(folder: Path) -> bool:
    """Show ``folder`` in the desktop's file manager (created first, private, if missing)."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class AboutDialog(QDialog):
    """Icon, name and version, the data folder with "Open Folder", and the licence."""

    def __init__(self, database_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.data_folder = database_path.parent
        icon = QLabel()
        icon.setPixmap(theme.app_icon().pixmap(96, 96))
        title = QLabel(f"<h2>{APP_NAME} {__version__}</h2>{SUMMARY}")
        title.setWordWrap(True)
        self.folder_label = QLabel(str(database_path))
        self.folder_label.setWordWrap(True)
        self.folder_label.setToolTip(str(database_path))
        self.open_button = QPushButton(theme.icon("folder"), "&Open Folder")
        self.open_button.clicked.connect(lambda: open_folder(self.data_folder))
        details = QGridLayout()
        details.addWidget(QLabel("<b>Database:</b>"), 0, 0)
        details.addWidget(self.folder_label, 0, 1)
        details.addWidget(self.open_button, 0, 2)
        details.addWidget(QLabel("<b>Licence:</b>"), 1, 0)
        details.addWidget(
            QLabel(f"{LICENCE}. Your data stays on this computer; nothing is sent anywhere."),
            1,
            1,
            1,
            2,
        )
        details.setColumnStretch(1, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        header = QGridLayout()
        header.addWidget(icon, 0, 0)
        header.addWidget(title, 0, 1)
        header.setColumnStretch(1, 1)
        layout.addLayout(header)
        layout.addLayout(details)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())
