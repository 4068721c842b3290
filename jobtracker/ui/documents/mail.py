"""Documents carried by a draft: the application's documents to choose from, and the hand-
over to the email app with attachments (xdg-email --attach), saying when it cannot."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from jobtracker.domain.documents.records import KIND_LABELS
from jobtracker.domain.services import Services
from jobtracker.platform.handoff import Handoff
from jobtracker.platform.opener import OpenError, compose_email


class AttachmentsButton(QToolButton):
    """A menu of the application's documents, each checkable to go with the message.

    Signals:
        failed(str): the email app could not be given the message and its attachments.
        handed_over(): the email app has the message.
    """

    failed = Signal(str)
    handed_over = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self.setToolTip("Documents to attach when the message opens in your email app")
        self._paths: dict[int, Path] = {}
        self._handoff = Handoff(self)
        self._handoff.handed_over.connect(self.handed_over)
        self._handoff.failed.connect(self._not_handed_over)
        self._sent: list[Path] = []  # the files of the latest message handed over
        self.menu().triggered.connect(lambda _action: self._update_text())

    def load(self, application_id: int) -> None:
        """List the application's documents; sent ones first, none chosen."""
        menu = self.menu()
        menu.clear()
        self._paths = {}
        library = self.services.documents
        for attached in library.for_application(application_id):
            document = attached.document
            kind = KIND_LABELS.get(document.kind, document.kind)
            action = menu.addAction(f"{document.label} ({kind})")
            action.setCheckable(True)
            action.setData(document.id)
            self._paths[document.id] = library.path(document)
        self.setEnabled(bool(self._paths))
        self._update_text()

    def choose(self, document_id: int, chosen: bool = True) -> None:
        for action in self.menu().actions():
            if action.data() == document_id:
                action.setChecked(chosen)
        self._update_text()

    def chosen_paths(self) -> list[Path]:
        return [self._paths[a.data()] for a in self.menu().actions() if a.isChecked()]

    def _update_text(self) -> None:
        count = len(self.chosen_paths())
        self.setText(f"Attach ({count})" if count else "Attach…")
        if not self._paths:
            self.setToolTip("No documents on this application: add them in its Documents tab")

    def send(self, to: str, subject: str, body: str) -> None:
        """Open a new message with the chosen documents (in a worker: a mail app may take
        a moment to start)."""
        self._sent = self.chosen_paths()
        self._handoff.start(partial(compose_email, to, subject, body, self._sent))

    def _not_handed_over(self, error: OpenError) -> None:
        listed = "\n".join(str(p) for p in self._sent)
        self.failed.emit(
            f"Your email app could not be given the attachments ({error}). "
            f"Copy the text and attach these files by hand:\n{listed}"
        )
