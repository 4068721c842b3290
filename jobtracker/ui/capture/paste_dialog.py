"""Paste a posting's text: for pages that cannot be read (scripts, logins) or no link."""

from __future__ import annotations

from pathlib import Path

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
    """A box for the posting's text (or a saved page to open); the card is pre-filled from it
    for review.

    Signals:
        pasted(str): the person chose Capture with this text.
        file_chosen(Path): the person chose a saved page (.html), text or PDF instead.
    """

    pasted = Signal(str)
    file_chosen = Signal(object)

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
        open_file = buttons.addButton("&Open a Saved Page…", QDialogButtonBox.ButtonRole.ActionRole)
        open_file.setToolTip("A posting saved from the browser (.html), as text or as a PDF")
        open_file.clicked.connect(self._choose_file)
        buttons.accepted.connect(self._capture)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(560, 420)

    def _choose_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getOpenFileName(
            self, "A saved posting", "", "Postings (*.html *.htm *.txt *.pdf)"
        )
        if chosen:
            self.file_chosen.emit(Path(chosen))
            self.accept()

    def _capture(self) -> None:
        self.pasted.emit(self.text.toPlainText())
        self.accept()
