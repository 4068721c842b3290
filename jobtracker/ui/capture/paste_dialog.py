"""Paste a posting's text: for pages that cannot be read (scripts, logins) or no link."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class PasteDialog(QDialog):
    """A box for the posting's text; the card is pre-filled from it for review.

    Signals:
        pasted(str): the person chose Capture with this text.
    """

    pasted = Signal(str)

    def __init__(self, reason: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Paste the posting's text")
        intro = QLabel(
            (reason + "\n\n" if reason else "")
            + "Copy the posting's text from the browser (Ctrl+A, Ctrl+C on its page) and "
            "paste it here. It is kept as the description; the company, role, place and "
            "salary it names are filled in as guesses to check."
        )
        intro.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("The posting's text")
        self.text.setTabChangesFocus(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.capture_button = buttons.addButton("&Capture", QDialogButtonBox.ButtonRole.AcceptRole)
        self.capture_button.setEnabled(False)
        self.text.textChanged.connect(
            lambda: self.capture_button.setEnabled(bool(self.text.toPlainText().strip()))
        )
        buttons.accepted.connect(self._capture)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(560, 420)

    def _capture(self) -> None:
        self.pasted.emit(self.text.toPlainText())
        self.accept()
