"""Capture in the board window: File → Capture Posting…, Ctrl+V on the board (a link or
text), a posting's link dropped on the window, a saved page or PDF chosen in the paste dialog, and
the ``jobtracker://capture`` hand-over. (Files dropped on the window belong to the document
library and the import.) Each ends in a new card pre-filled for review (nothing is saved
before the person saves it), or a one-sentence reason with "Paste the text instead" where
that helps.

``install_capture(window)`` adds ``window.capture`` (a :class:`WindowCapture`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence

from jobtracker.domain.capture.errors import CaptureError
from jobtracker.ui.capture.runner import CaptureRunner

if TYPE_CHECKING:  # the readers (and ssl) load on the first capture, not at the start
    from jobtracker.domain.capture.page import PageCapture
    from jobtracker.ui.dialogs.details import DetailsDialog
    from jobtracker.ui.main_window import MainWindow

DROP_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


def web_link(text: str) -> str | None:
    """``text`` when it is one http(s) link (what a browser's address bar gives)."""
    text = text.strip()
    if not text or any(ch.isspace() for ch in text):
        return None
    parts = urlsplit(text)
    return text if parts.scheme in ("http", "https") and parts.hostname else None


class WindowCapture(QObject):
    """Turns links, text and files into pre-filled new cards for one board window.

    Signals:
        review_opened(DetailsDialog): a pre-filled card is on screen for review.
        problem(str): a capture failed; the text says why (also shown in a message box).
    """

    review_opened = Signal(object)
    problem = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.fetch_timeout = 30.0
        self.runner = CaptureRunner(self)
        self.runner.captured.connect(self._review)
        self.runner.failed.connect(self._failed)
        self.action = QAction("&Capture Posting…", window)
        self.action.setStatusTip("A new card from a job posting's link or text")
        self.action.setShortcut(QKeySequence("Ctrl+Shift+V"))
        self.action.triggered.connect(self.from_clipboard)
        self.paste_action = QAction("Paste a Posting", window)
        self.paste_action.setShortcut(QKeySequence.StandardKey.Paste)
        self.paste_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.paste_action.triggered.connect(self.from_clipboard)

    # -- entry points -------------------------------------------------------------------------

    def from_clipboard(self) -> None:
        """A link on the clipboard is fetched; text becomes the posting; else ask for it."""
        text = QGuiApplication.clipboard().text()
        link = web_link(text)
        if link is not None:
            self.capture_link(link)
        elif text.strip():
            self.capture_text(text)
        else:
            self.ask_for_text()

    def capture_link(self, url: str) -> None:
        """Fetch ``url`` in the background; a pre-filled card opens when it is read."""
        from jobtracker.domain.capture.page import capture_link

        if self.runner.running:
            self.window.statusBar().showMessage("Still fetching the last posting…", 5000)
            return
        host = urlsplit(url).hostname or url
        self.window.statusBar().showMessage(f"Fetching the posting from {host}…")
        timeout = self.fetch_timeout
        self.runner.start(lambda: capture_link(url, timeout=timeout))

    def capture_text(self, text: str) -> None:
        from jobtracker.domain.capture.from_text import from_text
        from jobtracker.domain.capture.page import PageCapture

        try:
            self._review(PageCapture(from_text(text), ""))
        except CaptureError as exc:
            self._failed(exc)

    def capture_file(self, path: Path) -> None:
        """A saved posting (.html, .txt or .pdf): read here, small and local."""
        from jobtracker.domain.capture.from_text import from_file
        from jobtracker.domain.capture.page import PageCapture

        try:
            self._review(PageCapture(from_file(path), ""))
        except CaptureError as exc:
            self._failed(exc)

    def ask_for_text(self, reason: str = "") -> None:
        from jobtracker.ui.capture.paste_dialog import PasteDialog

        dialog = PasteDialog(reason, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.pasted.connect(self.capture_text)
        dialog.file_chosen.connect(self.capture_file)
        dialog.open()

    # -- results ------------------------------------------------------------------------------

    def _review(self, captured: PageCapture) -> None:
        """Open the pre-filled card, or first say the posting is already tracked."""
        from PySide6.QtWidgets import QMessageBox  # loaded on first use, as the dialogs

        self.window.statusBar().clearMessage()
        posting = captured.posting
        services = self.window.services
        if services is None:
            return
        tracked = services.postings.already_tracked(posting.url, posting.company, posting.role)
        if not tracked:
            self.open_review(captured)
            return
        card = tracked[0]
        box = QMessageBox(QMessageBox.Icon.Information, "Already tracked",
                          f"You already track {card.company} — {card.role}.",
                          QMessageBox.StandardButton.Cancel, self.window)  # fmt: skip
        box.setObjectName("already-tracked")
        box.setInformativeText("Open it, or add this posting as a new application anyway?")
        open_button = box.addButton("&Open It", QMessageBox.ButtonRole.AcceptRole)
        add_button = box.addButton("&Add Anyway", QMessageBox.ButtonRole.ActionRole)
        box.setDefaultButton(open_button)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered() -> None:
            if box.clickedButton() is open_button:
                self.window.open_details(card.id)
            elif box.clickedButton() is add_button:
                self.open_review(captured)

        box.finished.connect(answered)
        box.open()

    def open_review(self, captured: PageCapture) -> DetailsDialog:
        """The new card, pre-filled, for the person to check and save."""
        from jobtracker.ui.dialogs.details import DetailsDialog

        window = self.window
        assert window.services is not None  # captures start once the services came
        dialog = DetailsDialog(
            window.services, window.undo_stack, None, window,
            refresh=window.refresh_cards, open_application=window.open_details,
            captured=captured,
        )  # fmt: skip
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        self.review_opened.emit(dialog)
        return dialog

    def _failed(self, error: CaptureError) -> None:
        from PySide6.QtWidgets import QMessageBox

        self.window.statusBar().clearMessage()
        self.problem.emit(str(error))
        box = QMessageBox(QMessageBox.Icon.Warning, "Could not capture the posting",
                          str(error), QMessageBox.StandardButton.Close, self.window)  # fmt: skip
        box.setObjectName("capture-failed")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        paste = None
        if error.paste_instead or error.kind in ("not-html", "http", "timeout"):
            paste = box.addButton("&Paste the Text Instead…", QMessageBox.ButtonRole.AcceptRole)
        box.finished.connect(
            lambda _: (
                self.ask_for_text(str(error))
                if paste is not None and box.clickedButton() is paste
                else None
            )
        )
        box.open()

    # -- drops --------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A web link dropped on the window captures it."""
        if watched is not self.window or event.type() not in DROP_EVENTS:
            return False
        target = _dropped(event.mimeData())  # type: ignore[attr-defined]
        if target is None:
            return False
        event.acceptProposedAction()  # type: ignore[attr-defined]
        if event.type() == QEvent.Type.Drop:
            QTimer.singleShot(0, lambda: self._take(target))  # not inside the drop
        return True

    def _take(self, link: str) -> None:
        self.capture_link(link)


def _dropped(mime: QMimeData) -> str | None:
    """The one web link a drop carries (a link dragged from the browser), else None: files
    belong to the library and the import, and other drags (text, cards) to the board."""
    urls = mime.urls() if mime.hasUrls() else []
    if len(urls) == 1 and urls[0].scheme() in ("http", "https"):
        return str(urls[0].toString())
    return None


def install_capture(window: MainWindow) -> WindowCapture:
    """Add File → Capture Posting… under New Application, Ctrl+V on the board, and drops."""
    capture = WindowCapture(window)
    actions = window.file_menu.actions()
    after_new = actions.index(window.new_action) + 1 if window.new_action in actions else 0
    window.file_menu.insertAction(actions[after_new], capture.action)
    window.addAction(capture.action)
    window.board.addAction(capture.paste_action)
    window.setAcceptDrops(True)
    window.installEventFilter(capture)
    return capture
