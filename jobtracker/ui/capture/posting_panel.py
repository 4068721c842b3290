"""The details dialog's Posting tab: the kept posting, read-only, with its capture date,
"Open original" and "Re-fetch", which shows what changed before anything is replaced."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jobtracker.domain.capture.errors import CaptureError
from jobtracker.domain.capture.page import PageCapture, capture_link
from jobtracker.domain.capture.posting import CapturedPosting
from jobtracker.domain.clock import to_local
from jobtracker.domain.postings import PostingInfo, text_changes
from jobtracker.domain.services import Services
from jobtracker.text import counted
from jobtracker.ui.capture.runner import CaptureRunner

NO_POSTING = (
    "No posting kept for this application. Re-fetch captures it from the link; or paste "
    "its text into Description."
)


class PostingPanel(QWidget):
    """Shows one application's kept posting (or the one captured for a new card).

    Signals:
        kept(int): a re-fetched version replaced the kept one (the application's id).
    """

    kept = Signal(int)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.application_id: int | None = None
        self.url = ""
        self.fetch_timeout = 30.0
        self._fresh: PageCapture | None = None
        self._text_to_show: str | None = None
        self.runner = CaptureRunner(self)
        self.runner.captured.connect(self._refetched)
        self.runner.failed.connect(self._refetch_failed)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName("The posting's text")
        self.open_button = QPushButton("&Open Original")
        self.open_button.setToolTip("Open the posting's page in the browser")
        self.open_button.clicked.connect(self._open_original)
        self.refetch_button = QPushButton("Re-&fetch")
        self.refetch_button.setToolTip("Fetch the page again and show what changed")
        self.refetch_button.clicked.connect(self.refetch)
        self.changes_label = QLabel()
        self.changes_label.setWordWrap(True)
        self.changes = QPlainTextEdit()
        self.changes.setReadOnly(True)
        self.changes.setAccessibleName("What changed in the posting")
        self.keep_button = QPushButton("&Keep the New Version")
        self.keep_button.clicked.connect(self._keep_fresh)
        for widget in (self.changes_label, self.changes, self.keep_button):
            widget.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.refetch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.keep_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.text, 3)
        layout.addWidget(self.changes_label)
        layout.addWidget(self.changes, 1)
        layout.addLayout(buttons)

    def load(self, application_id: int | None, fallback_url: str = "") -> bool:
        """Show the kept posting of ``application_id``; False when it has none."""
        self.application_id = application_id
        kept = self.services.postings.get(application_id) if application_id is not None else None
        self._hide_changes()
        if kept is None:
            self._show(None, "", fallback_url)
            return False
        self._show(kept, kept.text, kept.url or fallback_url)
        return True

    def show_pending(self, posting: CapturedPosting) -> None:
        """A posting captured for a new card: kept when the card is saved."""
        self._hide_changes()
        posted = posting.date_posted.isoformat() if posting.date_posted else None
        summary = _describe(posting.source, posting.employment_type, posted)
        self.summary.setText(f"{summary} Kept with the application when you save it.")
        self._set_text(posting.description)
        self.url = posting.url
        self.open_button.setEnabled(bool(posting.url))
        self.refetch_button.setEnabled(False)

    def _show(self, kept: PostingInfo | None, text: str, url: str) -> None:
        self.url = url
        if kept is None:
            self.summary.setText(NO_POSTING)
        else:
            local = to_local(kept.captured_at, self.services.followups.tz)
            when = local.strftime("%d %b %Y, %H:%M")
            posted = kept.date_posted.isoformat() if kept.date_posted else None
            summary = _describe(kept.source, kept.employment_type, posted)
            self.summary.setText(f"Captured {when}" + (f" from {url}. " if url else ". ") + summary)
        self._set_text(text)
        linked = url.startswith(("http://", "https://"))
        self.open_button.setEnabled(linked)
        self.refetch_button.setEnabled(linked and self.application_id is not None)

    def _set_text(self, text: str) -> None:
        """Show ``text``, laid out when the tab is first shown (a long posting's layout is
        work the card's first paint need not wait for)."""
        self._text_to_show = text
        if self.isVisible():
            self._show_text()

    def _show_text(self) -> None:
        if self._text_to_show is not None:
            self.text.setPlainText(self._text_to_show)
            self._text_to_show = None

    def showEvent(self, event: QShowEvent) -> None:
        self._show_text()
        super().showEvent(event)

    def kept_text(self) -> str:
        """The posting's text as shown (or about to be)."""
        return self.text.toPlainText() if self._text_to_show is None else self._text_to_show

    # -- re-fetch -------------------------------------------------------------------------

    def refetch(self) -> None:
        """Fetch the page again in the background; the changes show when it arrives."""
        if not self.url or self.runner.running:
            return
        self.refetch_button.setEnabled(False)
        self.changes_label.setText("Fetching the page again…")
        self.changes_label.show()
        url, timeout = self.url, self.fetch_timeout
        self.runner.start(lambda: capture_link(url, timeout=timeout))

    def _refetched(self, fresh: PageCapture) -> None:
        self.refetch_button.setEnabled(True)
        changed = text_changes(self.kept_text(), fresh.posting.description)
        if not changed:
            self.changes_label.setText("The posting has not changed since it was captured.")
            self.changes.hide()
            self.keep_button.hide()
            return
        self._fresh = fresh
        self.changes_label.setText(
            f"The posting changed: {counted(len(changed), 'line')} "
            f"{'differs' if len(changed) == 1 else 'differ'} (- removed, + added)."
        )
        self.changes.setPlainText("\n".join(changed))
        self.changes.show()
        self.keep_button.show()

    def _refetch_failed(self, error: CaptureError) -> None:
        self.refetch_button.setEnabled(True)
        self.changes_label.setText(f"{error} The kept posting is unchanged.")
        self.changes_label.show()

    def _keep_fresh(self) -> None:
        if self._fresh is None or self.application_id is None:
            return
        fresh, self._fresh = self._fresh, None
        self.services.postings.keep(self.application_id, fresh.posting, html=fresh.html)
        self.load(self.application_id)
        self.changes_label.setText("Kept the new version.")
        self.changes_label.show()
        self.kept.emit(self.application_id)

    def _hide_changes(self) -> None:
        self._fresh = None
        for widget in (self.changes_label, self.changes, self.keep_button):
            widget.hide()

    def _open_original(self) -> None:
        if self.url:
            QDesktopServices.openUrl(QUrl(self.url))


def _describe(source: str, employment_type: str, posted: str | None) -> str:
    """ "Read from the page's structured data. Full-time, posted 2024-05-01."."""
    origin = {
        "json-ld": "Read from the page's structured data.",
        "microdata": "Read from the page's structured data.",
        "opengraph": "Read from the page's title and text: check the guessed fields.",
        "text": "Read from pasted text: check the guessed fields.",
    }.get(source, "")
    facts = ", ".join(p for p in (employment_type, posted and f"posted {posted}") if p)
    return f"{origin} {facts}." if facts else origin
