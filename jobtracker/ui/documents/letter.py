"""A letter written in the app (a cover letter from a template, in the draft editor) kept
as a document of the application: plain text, or a PDF drawn by Qt's own PDF writer."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, Signal
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from jobtracker.domain.documents.records import COVER_LETTER, DRAFT, DocumentInfo
from jobtracker.domain.errors import DomainError
from jobtracker.domain.services import Services
from jobtracker.store.errors import StoreError

#: what the letter is made of: the application it belongs to, and its text
LetterSource = Callable[[], tuple[int, str]]


def letter_pdf(text: str, title: str) -> bytes:
    """``text`` on A4 pages with 25 mm margins, as PDF bytes."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("jobtracker")
    margins = QMarginsF(25, 25, 25, 25)
    a4 = QPageSize(QPageSize.PageSizeId.A4)
    portrait = QPageLayout.Orientation.Portrait
    writer.setPageLayout(QPageLayout(a4, portrait, margins, QPageLayout.Unit.Millimeter))
    document = QTextDocument()
    document.setPlainText(text)
    document.print_(writer)
    buffer.close()
    return bytes(data.data())


def save_letter(
    services: Services, application_id: int, text: str, *, as_pdf: bool
) -> DocumentInfo:
    """Keep ``text`` as a cover letter attached to the application (as a draft)."""
    company = services.applications.get(application_id).company
    name = f"Cover letter {company}".strip()
    data = letter_pdf(text, name) if as_pdf else text.encode("utf-8")
    file_name = f"{name}.{'pdf' if as_pdf else 'txt'}"
    added = services.documents.add_bytes(data, file_name, kind=COVER_LETTER)
    services.documents.attach(application_id, added.document.id, state=DRAFT)
    return services.documents.get(added.document.id)


class SaveLetterButton(QToolButton):
    """Save as Document: the letter as text or PDF, attached to its application.

    Signals:
        saved(object): the DocumentInfo kept.
        failed(str): it could not be kept (the message says why).
    """

    saved = Signal(object)
    failed = Signal(str)

    def __init__(self, services: Services, source: LetterSource, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.source = source
        self.setText("Save as &Document")
        self.setToolTip("Keep this letter with the application's documents (a cover letter)")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        menu.addAction("As &PDF").triggered.connect(lambda: self.save(as_pdf=True))
        menu.addAction("As &Text").triggered.connect(lambda: self.save(as_pdf=False))
        self.setMenu(menu)

    def save(self, *, as_pdf: bool) -> None:
        application_id, text = self.source()
        try:
            document = save_letter(self.services, application_id, text, as_pdf=as_pdf)
        except (DomainError, StoreError, OSError) as exc:
            self.failed.emit(f"The letter could not be kept as a document: {exc}")
            return
        self.saved.emit(document)
