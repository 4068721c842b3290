"""Settings → Capture: the bookmarklet that sends a browser's page to jobtracker, and
what a capture sends over the network."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from jobtracker.domain.capture.link import BOOKMARKLET

EXPLANATION = (
    "Capture a job posting from any browser, without an extension: make a new bookmark "
    "(in the bookmarks bar) and paste this as its address. On a posting's page, click the "
    "bookmark: jobtracker opens a new card filled from the posting, for you to check and save."
)
PRIVACY = (
    "What leaves this computer: only the page you capture. jobtracker requests that one "
    "address, with no cookies and a User-Agent naming jobtracker; nothing else is sent, to "
    "the site or anyone. The page's text and HTML are kept in your database."
)


class CapturePage(QWidget):
    """The bookmarklet, ready to copy, and the privacy promise behind capture."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bookmarklet = QLineEdit(BOOKMARKLET)
        self.bookmarklet.setReadOnly(True)
        self.bookmarklet.setAccessibleName("Bookmarklet address")
        self.bookmarklet.setCursorPosition(0)
        self.copy_button = QPushButton("&Copy Bookmarklet")
        self.copy_button.clicked.connect(self.copy)
        self.copied = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.copy_button)
        row.addWidget(self.copied, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(_wrapped(EXPLANATION))
        layout.addWidget(self.bookmarklet)
        layout.addLayout(row)
        layout.addWidget(_wrapped(
            "The bookmark opens a jobtracker:// link. Your desktop passes it to jobtracker "
            "once jobtracker is in the application menu (jobtracker install-desktop, or a "
            "package). You can also paste or drop a posting's link or text on the board."
        ))  # fmt: skip
        layout.addWidget(_wrapped(PRIVACY))
        layout.addStretch(1)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(BOOKMARKLET)
        self.copied.setText("Copied.")


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label
