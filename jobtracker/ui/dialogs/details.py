"""The card details dialog: every field of one application, its people, interviews and timeline.

Non-modal, so the board stays usable beside it. Field changes are kept in the form until
Save or Apply and go to the window's undo stack as one "Edit Acme" entry (fields and stage
together). People, interviews and timeline entries are saved as they are added, each as its
own undo entry. Closing with unsaved changes asks Save / Discard / Cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from html import escape
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jobtracker.domain.applications import AddResult, EditResult, clean_fields
from jobtracker.domain.board import MoveResult
from jobtracker.domain.capture.errors import CaptureError
from jobtracker.domain.capture.fields import application_values
from jobtracker.domain.capture.page import PageCapture
from jobtracker.domain.errors import NotFoundError, ValidationError, every_error
from jobtracker.domain.records import ApplicationDetails
from jobtracker.domain.services import Services
from jobtracker.text import counted
from jobtracker.ui.accessibility import name_for_screen_readers
from jobtracker.ui.capture.posting_panel import PostingPanel
from jobtracker.ui.capture.runner import CaptureRunner
from jobtracker.ui.dialogs.details_form import STAGE, ApplicationForm
from jobtracker.ui.dialogs.details_interviews import InterviewsPanel
from jobtracker.ui.dialogs.details_people import PeoplePanel
from jobtracker.ui.dialogs.details_timeline import TimelinePanel
from jobtracker.ui.dialogs.widgets import ElidedLabel, Refresh, push_done
from jobtracker.ui.documents.panel import DocumentsPanel
from jobtracker.ui.filters.tags_field import TagsField, add_tags_row

#: how long the company field rests before the "already applied there" check runs
COMPANY_CHECK_DELAY_MS = 250


class _EditOperation:
    """One saved edit of an existing application, redoable and undoable exactly."""

    def __init__(self, services: Services, edit: EditResult, move: MoveResult | None) -> None:
        self.services = services
        self.edit = edit
        self.move = move

    def undo(self) -> None:
        if self.move is not None:
            self.services.board.undo_move(self.move)
        self.services.applications.undo_edit(self.edit)

    def redo(self) -> None:
        if self.edit.after:
            self.edit = self.services.applications.apply_edit(
                self.edit.application_id, **self.edit.after
            )
        if self.move is not None:
            self.move = self.services.board.redo_move(self.move)


class _AddOperation:
    """Adding an application (with its captured posting): undo removes it, redo adds it
    again (under a new id)."""

    def __init__(
        self,
        services: Services,
        application_id: int,
        values: dict[str, Any],
        captured: PageCapture | None,
    ) -> None:
        self.services = services
        self.application_id = application_id
        self.values = values
        self.captured = captured

    def undo(self) -> None:
        self.services.applications.remove(self.application_id)

    def redo(self) -> None:
        self.application_id = add_application(self.services, self.values, self.captured).id


def add_application(
    services: Services, values: dict[str, Any], captured: PageCapture | None = None
) -> AddResult:
    """Add from form values, keeping the captured posting beside it; an unset applied date
    is left to the domain's default."""
    fields = {k: v for k, v in values.items() if k not in ("company", "role", STAGE)}
    if fields.get("applied_at") is None:
        fields.pop("applied_at", None)
    result = services.applications.add(values["company"], values["role"], values[STAGE], **fields)
    if captured is not None:
        services.postings.keep(result.id, captured.posting, html=captured.html)
    return result


class DetailsDialog(QDialog):
    """Shows and edits one application (``application_id`` None: a new one).

    Signals:
        saved(int): the application was saved (added or edited); carries its id.
    """

    saved = Signal(int)

    def __init__(
        self,
        services: Services,
        undo_stack: QUndoStack,
        application_id: int | None = None,
        parent: QWidget | None = None,
        *,
        stage_id: int | None = None,
        refresh: Refresh | None = None,
        open_application: Callable[[int], None] | None = None,
        captured: PageCapture | None = None,
    ) -> None:
        """``refresh`` gets the changed application ids after every change, undo and redo;
        ``open_application`` opens another card (the duplicate-company links); ``captured``
        pre-fills a new application from a job posting, kept with it when saved."""
        super().__init__(parent)
        self.services = services
        self.undo_stack = undo_stack
        self.application_id = application_id
        self.refresh: Refresh = refresh or (lambda _ids: None)
        self.open_application = open_application or self._open_sibling
        self.captured = captured
        self._snapshot: tuple[Any, ...] = ()
        self._loaded: ApplicationDetails | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setModal(False)
        self.setSizeGripEnabled(True)

        self.heading = ElidedLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.same_company = QLabel()
        self.same_company.setWordWrap(True)
        self.same_company.setTextFormat(Qt.TextFormat.RichText)
        self.same_company.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.same_company.linkActivated.connect(self._open_link)
        self.same_company.hide()

        self.form = ApplicationForm(services.board.stages(), services.followups.tz)
        self.tags = TagsField(services.tags, undo_stack, self.refresh)
        add_tags_row(self.form, self.tags, self.form.source, self.form.errors, self.form.inputs)
        self.tags.textChanged.connect(self._update_title)
        scroll = QScrollArea()
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to its fields; it follows them
        self.people = PeoplePanel(services, undo_stack, self.refresh)
        self.interviews = InterviewsPanel(services, undo_stack, self.refresh)
        self.timeline = TimelinePanel(services, undo_stack, self.refresh)
        self.documents = DocumentsPanel(services, self.refresh)
        self.posting = PostingPanel(services)
        self.posting.kept.connect(lambda app_id: self.refresh([app_id]))
        self.capture_runner = CaptureRunner(self)
        self.capture_runner.captured.connect(self._captured_from_link)
        self.capture_runner.failed.connect(self._capture_failed)
        self.form.capture_url.clicked.connect(self.capture_from_link)
        self.tabs = QTabWidget()
        self.tabs.addTab(scroll, "&Application")
        self.tabs.addTab(self.people, "&People")
        self.tabs.addTab(self.interviews, "&Interviews")
        self.tabs.addTab(self.timeline, "Ti&meline")
        self.tabs.addTab(self.documents, "&Documents")
        self.tabs.addTab(self.posting, "Po&sting")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save
            | QDialogButtonBox.StandardButton.Apply
            | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self.save_close)
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        save_shortcut.activated.connect(self.save)  # Ctrl+S saves and keeps the dialog open

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.same_company)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)

        self._company_timer = QTimer(self)
        self._company_timer.setSingleShot(True)
        self._company_timer.setInterval(COMPANY_CHECK_DELAY_MS)
        self._company_timer.timeout.connect(self.check_same_company)
        self.form.company_edited.connect(lambda _: self._company_timer.start())
        self.form.changed.connect(self._update_title)
        undo_stack.indexChanged.connect(self._stack_moved)
        self._following_stack = True
        name_for_screen_readers(self)

        self._load(stage_id)
        self.resize(self.sizeHint().expandedTo(self.minimumSizeHint()).width() + 120, 720)

    # -- loading --------------------------------------------------------------------------

    def _load(self, stage_id: int | None = None) -> None:
        """Fill everything from the database (a new application: a blank form)."""
        app_id = self.application_id
        self._loaded = self.services.applications.get(app_id) if app_id is not None else None
        self.form.set_details(self._loaded, stage_id)
        self.tags.load(app_id)
        self.form.clear_errors()
        self._snapshot = self.form.snapshot()
        if app_id is None and self.captured is not None:
            self._fill_from(self.captured)
        self._load_panels()
        self.check_same_company()
        self._update_title()

    def _load_panels(self) -> None:
        company = self._loaded.company if self._loaded else ""
        for panel in (self.people, self.interviews, self.timeline, self.documents):
            panel.load(self.application_id, company)
        for index in (1, 2, 3, 4):
            self.tabs.setTabEnabled(index, self.application_id is not None)
            self.tabs.setTabToolTip(
                index, "" if self.application_id is not None else "Save the application first"
            )
        has_posting = self.posting.load(
            self.application_id, self._loaded.url if self._loaded else ""
        )
        if self.application_id is None and self.captured is not None:
            self.posting.show_pending(self.captured.posting)
            has_posting = True
        self.form.capture_url.setVisible(self.application_id is None)
        self.tabs.setTabEnabled(
            self.tabs.indexOf(self.posting), has_posting or self.application_id is not None
        )

    def _stack_moved(self, _index: int) -> None:
        """Undo/redo elsewhere may have changed this application: show what is stored now."""
        if self.application_id is None:
            return
        try:
            stored = self.services.applications.get(self.application_id)
        except NotFoundError:  # its adding was undone
            self._snapshot = self.form.snapshot()
            self.close()
            return
        if not self.is_dirty() and stored != self._loaded:
            self._load()
        else:
            self._loaded = stored
            self._load_panels()

    def is_dirty(self) -> bool:
        return self.form.snapshot() != self._snapshot or self.tags.is_dirty()

    def _update_title(self) -> None:
        values = self.form.snapshot()
        company, role = values[0].strip(), values[1].strip()
        if self.application_id is None:
            title = "New application" + (f" at {company}" if company else "")
        else:
            title = " — ".join(part for part in (company, role) if part) or "Application"
        self.heading.set_full_text(title)
        self.setWindowTitle(("* " if self.is_dirty() else "") + title)

    # -- same company -------------------------------------------------------------------------

    def check_same_company(self) -> None:
        """Say when there are applications at the same company, with links to open them."""
        self._company_timer.stop()
        company = self.form.company.text().strip()
        others = (
            self.services.applications.same_company(company, exclude_id=self.application_id)
            if company
            else []
        )
        if not others:
            self.same_company.hide()
            self.same_company.clear()
            return
        stages = {s.id: s.name for s in self.services.board.stages()}
        links = ", ".join(
            f'<a href="application:{card.id}">{escape(card.role)}</a> '
            f"({escape(stages.get(card.stage_id, ''))})"
            for card in others
        )
        lead = "You already applied" if self.application_id is None else "Also"
        self.same_company.setText(f"{lead} at {escape(others[0].company)}: {links}")
        self.same_company.setToolTip(f"{counted(len(others), 'other application')} at this company")
        self.same_company.show()

    # -- capture ------------------------------------------------------------------------------

    def _fill_from(self, captured: PageCapture) -> None:
        """Pre-fill the form from a captured posting, its guesses marked, for review."""
        values = application_values(captured.posting)
        self.form.fill(values)
        self.form.mark_guesses(captured.posting.guesses)
        if captured.posting.notes:
            self.form.errors["url"].show_message(" ".join(captured.posting.notes))
        self.check_same_company()
        self._update_title()

    def capture_from_link(self) -> None:
        """New Application's link field: fetch the posting and fill in the empty fields."""
        from jobtracker.domain.capture.page import capture_link

        url = self.form.url.text().strip()
        if not url or self.capture_runner.running:
            return
        self.form.capture_url.setEnabled(False)
        self.form.errors["url"].show_message("Fetching the posting…")
        timeout = self.posting.fetch_timeout
        self.capture_runner.start(lambda: capture_link(url, timeout=timeout))

    def _captured_from_link(self, captured: PageCapture) -> None:
        self.form.capture_url.setEnabled(True)
        self.form.errors["url"].clear_message()
        typed = self.form.read()[0] if self.form.company.text() else {}
        self.captured = captured
        self._fill_from(captured)
        for name in ("company", "role"):  # what the person typed wins
            if typed.get(name, "").strip():
                getattr(self.form, name).setText(typed[name])
        self.posting.show_pending(captured.posting)
        self.tabs.setTabEnabled(self.tabs.indexOf(self.posting), True)

    def _capture_failed(self, error: CaptureError) -> None:
        self.form.capture_url.setEnabled(True)
        self.form.errors["url"].show_message(str(error))

    def _open_link(self, link: str) -> None:
        if link.startswith("application:"):
            self.open_application(int(link.split(":", 1)[1]))

    def _open_sibling(self, application_id: int) -> None:
        dialog = DetailsDialog(
            self.services, self.undo_stack, application_id, self.parentWidget(),
            refresh=self.refresh, open_application=self.open_application,
        )  # fmt: skip
        dialog.show()

    # -- saving -------------------------------------------------------------------------

    def save(self) -> bool:
        """Validate and store the form; show every problem beside its field at once.

        Nothing is written when a field is refused. Returns whether it was saved.
        """
        self.form.clear_errors()
        values, problems = self.form.read()
        problems += self.tags.problems()
        fields = {k: v for k, v in values.items() if k != STAGE}
        try:
            clean_fields(fields)  # every field checked before anything is written
            if not problems:
                if self.application_id is None:
                    self._add(values)
                else:
                    self._edit(fields, values[STAGE])
                assert self.application_id is not None
                self.tags.save(self.application_id, values["company"].strip())
        except ValidationError as exc:
            problems += every_error(exc)
        if problems:
            self.form.show_errors(problems)
            self.tabs.setCurrentIndex(0)
            return False
        self._load()
        self.saved.emit(self.application_id)
        return True

    def save_close(self) -> None:
        if self.save():
            self.accept()

    def _add(self, values: dict[str, Any]) -> None:
        result = add_application(self.services, values, self.captured)
        operation = _AddOperation(self.services, result.id, values, self.captured)
        self.application_id = result.id
        refresh = self.refresh  # the command outlives the dialog
        push_done(
            self.undo_stack,
            f"Add {values['company'].strip()}",
            undo=operation.undo,
            redo=operation.redo,
            after=lambda: refresh([operation.application_id]),
        )

    def _edit(self, fields: dict[str, Any], stage_id: int) -> None:
        assert self.application_id is not None and self._loaded is not None
        edit = self.services.applications.apply_edit(self.application_id, **fields)
        move = None
        if stage_id != self._loaded.stage_id:
            move = self.services.board.move_cards([self.application_id], stage_id)
        if not edit.before and move is None:
            return
        operation = _EditOperation(self.services, edit, move)
        push_done(
            self.undo_stack,
            f"Edit {fields['company'].strip()}",
            undo=operation.undo,
            redo=operation.redo,
            after=partial(self.refresh, [self.application_id]),
        )

    # -- closing ------------------------------------------------------------------------

    def done(self, result: int) -> None:
        """Closed for good: stop following the undo stack, which outlives the dialog."""
        if self._following_stack:
            self._following_stack = False
            self.undo_stack.indexChanged.disconnect(self._stack_moved)
        super().done(result)

    def reject(self) -> None:
        """Cancel, Escape or the window's close button: ask first when changes are unsaved."""
        if self.is_dirty():
            self._ask_about_changes()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_dirty():
            event.ignore()
            self._ask_about_changes()
            return
        super().closeEvent(event)

    def _ask_about_changes(self) -> None:
        """Save / Discard / Cancel, as a sheet over the dialog (no nested event loop)."""
        if self.findChild(QMessageBox, "unsaved") is not None:
            return
        company = self.form.company.text().strip() or "this application"
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Unsaved changes",
            f"Save the changes to {company}?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("unsaved")
        box.setInformativeText("If you don't save, your changes will be lost.")
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _: self._answered(box.standardButton(box.clickedButton())))
        box.open()

    def _answered(self, answer: QMessageBox.StandardButton) -> None:
        if answer == QMessageBox.StandardButton.Save:
            if self.save():
                self.accept()
        elif answer == QMessageBox.StandardButton.Discard:
            self._snapshot = self.form.snapshot()
            super().reject()
