"""The draft editor: a first draft filled with the right names, made your own in a minute.

One window per editor, beside the board. It opens pre-selected from where it was asked for
(a card's "Write thank-you note", a reminder's action, the Drafts button) and reopens the
unsent draft of that application and template if there is one.

The inputs (topics discussed, the point to add ...) re-render the draft live until the person
edits the subject or body; from then on only "Fill again from template" replaces their words,
and it asks first (and stays undoable with Ctrl+Z). Text is autosaved within a second.

Signals:
    sent(int): a draft of this application id was marked as sent.
    saved(int): a draft of this application id was saved.
"""

from __future__ import annotations

from datetime import datetime
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QPalette,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from jobtracker.domain.clock import to_local
from jobtracker.domain.documents.records import DocumentInfo
from jobtracker.domain.drafts import DraftInfo
from jobtracker.domain.errors import DomainError
from jobtracker.domain.services import Services
from jobtracker.domain.templates import TemplateInfo, TemplateInput
from jobtracker.platform.mail import MailHandoff
from jobtracker.store.errors import StoreError
from jobtracker.ui.dialogs.profile import ProfileDialog
from jobtracker.ui.dialogs.widgets import FieldError, local_text
from jobtracker.ui.documents.letter import SaveLetterButton
from jobtracker.ui.documents.mail import AttachmentsButton
from jobtracker.ui.drafts.autosave import Autosaver
from jobtracker.ui.drafts.inputs import InputsForm
from jobtracker.ui.drafts.keys import EDITOR_KEYS
from jobtracker.ui.drafts.mailto import mailto_url
from jobtracker.ui.drafts.templates_dialog import TemplatesDialog

NO_CONTACT = "Hiring Team (no contact)"


def _utf16_length(text: str) -> int:
    """Qt counts text positions in UTF-16 units (an emoji is two)."""
    return len(text.encode("utf-16-le")) // 2


def replace_changed_part(edit: QPlainTextEdit, text: str) -> None:
    """Make ``edit`` hold ``text`` by replacing only what differs, as one undo step.

    A keystroke in an input changes one sentence; relaying out only that paragraph keeps
    the re-render within what a keystroke may take.
    """
    old = edit.toPlainText()
    if old == text:
        return
    start = 0
    limit = min(len(old), len(text))
    while start < limit and old[start] == text[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == text[-1 - end]:
        end += 1
    cursor = QTextCursor(edit.document())
    cursor.beginEditBlock()
    cursor.setPosition(_utf16_length(old[:start]))
    cursor.setPosition(_utf16_length(old[: len(old) - end]), QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(text[start : len(text) - end])
    cursor.endEditBlock()


def _muted(label: QLabel) -> QLabel:
    """Secondary text in the palette's muted colour, by role rather than a copied colour,
    so it follows a change between the light and dark palettes."""
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


class DraftEditor(QDialog):
    """Write, copy, send off and mark as sent one draft at a time.

    A dialog beside the board, not modal: screen readers then present it as one (a plain
    window widget reads as a "filler"). None of its buttons is a default one: Enter in the
    subject or a detail field clicks nothing.
    """

    sent = Signal(int)
    saved = Signal(int)

    def __init__(
        self,
        services: Services,
        application_id: int,
        template_key: str = "thank-you",
        contact_id: int | None = None,
        *,
        draft_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.drafts = services.drafts
        self.application_id = application_id
        self.template_key = template_key
        self.draft_id: int | None = None
        self.sent_at: datetime | None = None
        #: the person edited the subject or body: renders no longer replace the text
        self.text_edited = False
        self._loading = False
        self._context: dict[str, Any] = {}
        self.profile_dialog: ProfileDialog | None = None
        self.autosaver = Autosaver(self.save_now, self)
        self._build()
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        self._fill_applications()
        self._fill_templates()
        self._restore_geometry()
        self.open_application(application_id, template_key, contact_id, draft_id=draft_id)

    # -- layout ---------------------------------------------------------------------------------

    def _build(self) -> None:
        self.setWindowTitle("Draft")
        self.application_box = QComboBox()
        self.application_box.setAccessibleName("Application")
        self.application_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.application_box.setMinimumContentsLength(24)
        self.template_box = QComboBox()
        self.template_box.setAccessibleName("Template")
        self.recipient_box = QComboBox()
        self.recipient_box.setAccessibleName("To")
        self.purpose = _muted(QLabel())
        self.purpose.setWordWrap(True)
        self.inputs = InputsForm()
        self.inputs_box = QGroupBox("Details to include")
        inputs_layout = QVBoxLayout(self.inputs_box)
        inputs_layout.addWidget(self.inputs)
        self.inputs_hint = _muted(QLabel())
        self.inputs_hint.setWordWrap(True)
        self.inputs_hint.hide()
        inputs_layout.addWidget(self.inputs_hint)

        self.subject = QLineEdit()
        self.subject.setAccessibleName("Subject")
        self.body = QPlainTextEdit()
        self.body.setAccessibleName("Body")
        self.body.setTabChangesFocus(True)
        self.body.setMinimumHeight(self.fontMetrics().lineSpacing() * 12)
        self.body.document().setDocumentMargin(self.fontMetrics().averageCharWidth() * 1.5)
        self.problem = FieldError()
        self.status = _muted(QLabel())

        for box in (self.application_box, self.template_box, self.recipient_box):
            box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Application:", self.application_box)
        form.addRow("&Template:", self.template_box)
        form.addRow("", self.purpose)
        form.addRow("&To:", self.recipient_box)
        form.addRow(self.inputs_box)
        form.addRow("S&ubject:", self.subject)

        self.copy_subject_button = QPushButton("Copy &subject")
        self.copy_body_button = QPushButton("Copy &body")
        self.copy_all_button = QPushButton("&Copy all")
        self.email_button = QPushButton("Open in &email app")
        self.refill_button = QPushButton("&Fill again from template…")
        self.sent_button = QPushButton("&Mark as sent")
        self.profile_button = QPushButton("Your &details…")
        self.templates_button = QPushButton("Edit t&emplates…")
        self.close_button = QPushButton("Close")
        self.close_button.setToolTip("Close the draft; it is kept (Esc, Ctrl+W)")
        self.copy_all_button.setToolTip("Subject and body as plain text (Ctrl+Shift+C)")
        self.email_button.setToolTip("A new message in your email app, ready to check and send")
        self.sent_button.setToolTip(
            "Logs it on the timeline, completes the reminder it answers and restarts "
            "the no-reply timers"
        )
        actions = QHBoxLayout()
        for button in (self.copy_subject_button, self.copy_body_button, self.copy_all_button):
            actions.addWidget(button)
        actions.addStretch(1)
        self.attachments = AttachmentsButton(self.services)
        self.attachments.failed.connect(self.problem_text)
        self.save_letter = SaveLetterButton(
            self.services, lambda: (self.application_id, self.body.toPlainText())
        )
        self.save_letter.failed.connect(self.problem_text)
        self.save_letter.saved.connect(self._letter_saved)
        actions.addWidget(self.save_letter)
        actions.addWidget(self.attachments)
        actions.addWidget(self.email_button)
        actions.addWidget(self.sent_button)
        actions.addWidget(self.close_button)
        tools = QHBoxLayout()
        tools.addWidget(self.refill_button)
        tools.addStretch(1)
        tools.addWidget(self.status)
        tools.addStretch(1)
        tools.addWidget(self.profile_button)
        tools.addWidget(self.templates_button)

        editor = QWidget()
        right = QVBoxLayout(editor)
        right.addLayout(form)
        right.addWidget(self.body, 1)
        right.addWidget(self.problem)
        right.addLayout(tools)
        right.addLayout(actions)

        self.draft_list = QListWidget()
        self.draft_list.setAccessibleName("Drafts of this application")
        self.draft_list.setSpacing(3)
        self.draft_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.new_button = QPushButton("&New draft")
        self.delete_button = QPushButton("Delete")
        list_panel = QWidget()
        left = QVBoxLayout(list_panel)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(QLabel("Drafts for this application"))
        left.addWidget(self.draft_list, 1)
        self.empty_list = _muted(QLabel("None kept yet: a draft is kept once you change it."))
        self.empty_list.setWordWrap(True)
        left.addWidget(self.empty_list)
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.new_button)
        list_buttons.addWidget(self.delete_button)
        left.addLayout(list_buttons)

        splitter = QSplitter()
        splitter.addWidget(list_panel)
        splitter.addWidget(editor)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 680])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.application_box.activated.connect(self._application_chosen)
        self.template_box.activated.connect(self._template_chosen)
        self.recipient_box.activated.connect(self._recipient_chosen)
        self.inputs.changed.connect(self._inputs_changed)
        self.subject.textEdited.connect(self._text_changed)
        self.body.document().contentsChange.connect(self._body_changed)
        self.copy_subject_button.clicked.connect(self.copy_subject)
        self.copy_body_button.clicked.connect(self.copy_body)
        self.copy_all_button.clicked.connect(self.copy_all)
        self._bind_keys()
        self.email_button.clicked.connect(self.open_in_email_app)
        self.close_button.clicked.connect(self.close)
        self.mail = MailHandoff(self)
        self.mail.failed.connect(lambda error: self._mail_failed(error.reason))
        self.mail.handed_over.connect(self._mail_handed_off)
        self.sent_button.clicked.connect(self.mark_sent)
        self.refill_button.clicked.connect(self.fill_again)
        self.profile_button.clicked.connect(self.edit_profile)
        self.templates_button.clicked.connect(self.edit_templates)
        self.draft_list.itemActivated.connect(self._draft_chosen)
        self.draft_list.itemClicked.connect(self._draft_chosen)
        self.new_button.clicked.connect(self.new_draft)
        self.delete_button.clicked.connect(self.delete_draft)

    def _fill_applications(self) -> None:
        self.application_box.clear()
        for card in self.services.board.cards(include_archived=True):
            self.application_box.addItem(f"{card.company} — {card.role}", card.id)
            index = self.application_box.count() - 1
            self.application_box.setItemData(
                index, f"{card.company} — {card.role}", Qt.ItemDataRole.ToolTipRole
            )

    def _fill_templates(self) -> None:
        self.template_box.clear()
        self._templates: dict[str, TemplateInfo] = {}
        for info in self.services.templates.all_info():
            self._templates[info.key] = info
            self.template_box.addItem(info.title, info.key)
            index = self.template_box.count() - 1
            tip = f"{info.purpose}\n{info.problem}" if info.problem else info.purpose
            self.template_box.setItemData(index, tip, Qt.ItemDataRole.ToolTipRole)

    def _fill_recipients(self) -> None:
        self.recipient_box.clear()
        for person in self.target.people:
            title = f", {person.title}" if person.title else ""
            self.recipient_box.addItem(f"{person.name}{title}", person.id)
            tip = " · ".join(p for p in (person.email, person.phone, person.role) if p)
            self.recipient_box.setItemData(
                self.recipient_box.count() - 1, tip, Qt.ItemDataRole.ToolTipRole
            )
        self.recipient_box.addItem(NO_CONTACT, None)

    def _select(self, box: QComboBox, value: object) -> None:
        index = box.findData(value)
        box.setCurrentIndex(index if index >= 0 else box.count() - 1)

    # -- opening -------------------------------------------------------------------------------

    def open_application(
        self,
        application_id: int,
        template_key: str | None = None,
        contact_id: int | None = None,
        *,
        draft_id: int | None = None,
    ) -> None:
        """Show ``draft_id``, else the unsent draft of this template, else a fresh one."""
        self.autosaver.flush()
        self.application_id = application_id
        self.template_key = template_key or self.template_key
        self._select(self.application_box, application_id)
        self.attachments.load(application_id)
        self.target = self.drafts.target(application_id)
        self._fill_recipients()
        existing = self._find_draft(draft_id)
        if existing is not None:
            self._load_draft(existing)
        else:
            if contact_id is None:
                contact_id = self._default_recipient()
            self._start_fresh(contact_id)
        self._fill_draft_list()
        self._ask_profile_if_needed()

    def _find_draft(self, draft_id: int | None) -> DraftInfo | None:
        drafts = self.drafts.for_application(self.application_id)
        if draft_id is not None:
            return next((d for d in drafts if d.id == draft_id), None)
        return next((d for d in drafts if d.template_key == self.template_key and not d.sent), None)

    def _start_fresh(self, contact_id: int | None) -> None:
        """A new, unsaved draft rendered from the template (saved once something changes)."""
        self.draft_id = None
        self.sent_at = None
        self.text_edited = False
        self.inputs.clear()
        self._show_template()
        self._select(self.recipient_box, contact_id)
        self._context = self.drafts.context(self.application_id, contact_id, self.target)
        self.rerender()
        self._update_state()
        self.status.setText("New draft, saved as soon as you change it")

    def _load_draft(self, draft: DraftInfo) -> None:
        """A kept draft: its text is the person's, so renders no longer replace it."""
        self.draft_id = draft.id
        self.sent_at = draft.sent_at
        self.template_key = draft.template_key
        self.text_edited = True
        self.inputs.clear()
        self._show_template()
        self._select(self.recipient_box, draft.contact_id)
        self._context = self._current_context()
        self._set_text(draft.subject, draft.body)
        self.body.moveCursor(QTextCursor.MoveOperation.Start)
        self.problem.clear_message()
        self._update_state()
        self.status.setText(f"Saved {self._when(draft.updated_at)}")

    def _show_template(self) -> None:
        if self.template_key not in self._templates:
            self._fill_templates()
        self._select(self.template_box, self.template_key)
        info = self._templates.get(self.template_key)
        self.purpose.setText(info.purpose if info else "")
        self.inputs.set_inputs(info.inputs if info else ())
        self.inputs_box.setVisible(bool(info and info.inputs))
        self._order_tabs()

    def _order_tabs(self) -> None:
        """Tab in the order seen: the drafts list on the left, then the editor from the top
        down, each row from left to right. A template's fields are built anew for each
        template, and Qt would otherwise put new ones last."""
        order: list[QWidget] = [
            self.draft_list, self.new_button, self.delete_button,
            self.application_box, self.template_box, self.recipient_box,
            *self.inputs.edits.values(), self.subject, self.body,
            self.refill_button, self.profile_button, self.templates_button,
            self.copy_subject_button, self.copy_body_button, self.copy_all_button,
            self.save_letter, self.attachments, self.email_button, self.sent_button,
            self.close_button,
        ]  # fmt: skip
        for before, after in pairwise(order):
            QWidget.setTabOrder(before, after)

    def _default_recipient(self) -> int | None:
        return self.drafts.default_recipient(self.application_id, self.template_key, self.target)

    def _current_context(self) -> dict[str, Any]:
        return self.drafts.context(self.application_id, self._current_contact(), self.target)

    def _current_contact(self) -> int | None:
        """The chosen recipient if they are still on the application."""
        value = self.recipient_box.currentData()
        return value if isinstance(value, int) else None

    # -- rendering ------------------------------------------------------------------------------

    def rerender(self) -> None:
        """Fill the template with the context and inputs; the text stays if it cannot."""
        try:
            rendered = self.drafts.render(self.template_key, self._context, self.inputs.values())
        except DomainError as exc:  # the template was deleted, or every version is broken
            self.problem.show_message(f"Template “{self.template_key}”: {exc}")
            return
        if rendered.problem is not None:
            note = " Drafts use the last good version." if rendered.fallback else ""
            self.problem.show_message(
                f"Template “{self.template_key}”: {rendered.problem}.{note} "
                "Fix it with Edit templates…"
            )
        else:
            self.problem.clear_message()
        if rendered.ok or rendered.fallback:
            self._set_text(rendered.subject, rendered.body)

    def _set_text(self, subject: str, body: str) -> None:
        """Replace subject and body as one undoable step, without counting as the person's."""
        self._loading = True
        try:
            self.subject.setText(subject)
            was_empty = self.body.document().isEmpty()
            replace_changed_part(self.body, body)
            if was_empty:
                self.body.moveCursor(QTextCursor.MoveOperation.Start)
        finally:
            self._loading = False

    def _inputs_changed(self) -> None:
        if self.text_edited:
            self.inputs_hint.setText(
                "Your edits to the text are kept. Use “Fill again from template” to "
                "apply these details."
            )
            self.inputs_hint.show()
            return
        self.rerender()
        self.autosaver.changed()

    def _text_changed(self, *_args: object) -> None:
        if self._loading:
            return
        self.text_edited = True
        self.autosaver.changed()

    def _body_changed(self, _position: int, removed: int, added: int) -> None:
        if removed or added:
            self._text_changed()

    def fill_again(self) -> None:
        """Replace the text with a fresh render, after asking (it stays undoable)."""
        if self.text_edited:
            answer = QMessageBox.question(
                self,
                "Fill again from template",
                "Replace the subject and body with a fresh draft from the template? "
                "Your changes to the text will be replaced (Ctrl+Z in the text brings them "
                "back).",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._context = self._current_context()
        self.rerender()
        self.text_edited = False
        self.inputs_hint.hide()
        self.autosaver.changed()

    # -- choosing ------------------------------------------------------------------------------

    def _application_chosen(self, index: int) -> None:
        app_id = self.application_box.itemData(index)
        if app_id != self.application_id:
            self.open_application(app_id, self.template_key)

    def _template_chosen(self, index: int) -> None:
        key = self.template_box.itemData(index)
        if key == self.template_key and self.draft_id is None:
            return
        self.autosaver.flush()
        self.template_key = key
        existing = self._find_draft(None)
        if existing is not None:
            self._load_draft(existing)
        else:
            self._start_fresh(self._default_recipient())
        self._fill_draft_list()

    def _recipient_chosen(self, _index: int) -> None:
        self.recipient_box.setToolTip(self.recipient_box.currentText())
        self._context = self._current_context()
        if not self.text_edited:
            self.rerender()
        self.autosaver.changed()

    # -- keeping ----------------------------------------------------------------------------------

    def save_now(self) -> None:
        """The autosave: one row written; a refusal is shown and the text stays on screen."""
        try:
            draft = self.drafts.save(
                self.draft_id, self.application_id, self.template_key, self._current_contact(),
                self.subject.text(), self.body.toPlainText(),
            )  # fmt: skip
        except (DomainError, StoreError) as exc:
            self.status.setText("Not saved")
            self.problem.show_message(f"Could not save the draft: {exc}")
            return
        created = self.draft_id is None
        self.draft_id = draft.id
        self.status.setText(f"Saved {self._when(draft.updated_at)}")
        if created:
            self._fill_draft_list()
        else:
            self._update_list_item(draft)
        self.saved.emit(self.application_id)

    def save_pending(self) -> None:
        """Ctrl+S: save now what the autosave would save in a moment."""
        self.autosaver.flush()

    def _fill_draft_list(self) -> None:
        self.draft_list.clear()
        for draft in self.drafts.for_application(self.application_id):
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, draft.id)
            self._describe(item, draft)
            self.draft_list.addItem(item)
            if draft.id == self.draft_id:
                self.draft_list.setCurrentItem(item)
        self.delete_button.setEnabled(self.draft_list.count() > 0)
        self.empty_list.setVisible(self.draft_list.count() == 0)

    def _update_list_item(self, draft: DraftInfo) -> None:
        for row in range(self.draft_list.count()):
            item = self.draft_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == draft.id:
                self._describe(item, draft)

    def _describe(self, item: QListWidgetItem, draft: DraftInfo) -> None:
        title = self._templates[draft.template_key].title if (
            draft.template_key in self._templates
        ) else draft.template_key  # fmt: skip
        when = (
            f"sent {self._when(draft.sent_at)}" if draft.sent_at else self._when(draft.updated_at)
        )
        to = next((p.name for p in self.target.people if p.id == draft.contact_id), "Hiring Team")
        item.setText(f"{'✓ ' if draft.sent else ''}{title} to {to}\n{when}")
        item.setToolTip(draft.subject or title)

    def _when(self, moment: datetime) -> str:
        """``today 13:30`` for today, else ``2026-03-10 13:30``, in the person's zone."""
        tz = self.services.followups.tz
        local = to_local(moment, tz)
        if local.date() == to_local(self.services.clock.now(), tz).date():
            return f"today {local:%H:%M}"
        return local_text(moment, tz)

    def _draft_chosen(self, item: QListWidgetItem) -> None:
        draft_id = item.data(Qt.ItemDataRole.UserRole)
        if draft_id == self.draft_id:
            return
        self.autosaver.flush()
        self.open_application(self.application_id, draft_id=draft_id)

    def new_draft(self) -> None:
        self.autosaver.flush()
        self._start_fresh(self._default_recipient())
        self.draft_list.clearSelection()

    def delete_draft(self) -> None:
        item = self.draft_list.currentItem()
        if item is None:
            return
        answer = QMessageBox.question(
            self, "Delete draft", f"Delete the draft “{item.text().splitlines()[0]}”?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        draft_id = item.data(Qt.ItemDataRole.UserRole)
        if draft_id == self.draft_id:
            self.autosaver.discard()
        self.drafts.delete(draft_id)
        if draft_id == self.draft_id:
            self._start_fresh(self._current_contact())
        self._fill_draft_list()

    # -- using the draft ------------------------------------------------------------------------

    def all_text(self) -> str:
        return f"Subject: {self.subject.text()}\n\n{self.body.toPlainText()}"

    def _copy(self, text: str, what: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self.status.setText(f"Copied the {what}")

    def copy_subject(self) -> None:
        self._copy(self.subject.text(), "subject")

    def copy_body(self) -> None:
        if self.go_ahead_with_gaps("Copy anyway"):
            self._copy(self.body.toPlainText(), "body")

    def _bind_keys(self) -> None:
        """The editor's shortcuts as named actions, from the table the shortcut list reads
        (Ctrl+S only saves sooner: saving is automatic, but hands type it)."""
        slots = {"copy_all": self.copy_all, "save": self.save_pending, "close": self.close}
        for key, (text, keys) in EDITOR_KEYS.items():
            action = QAction(text, self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.triggered.connect(slots[key])
            self.addAction(action)

    def copy_all(self) -> None:
        if self.go_ahead_with_gaps("Copy anyway"):
            self._copy(self.all_text(), "subject and body")

    def recipient_email(self) -> str:
        return str(self._context.get("recipient", {}).get("email", ""))

    def mailto_url(self) -> str:
        return mailto_url(self.recipient_email(), self.subject.text(), self.body.toPlainText())

    def problem_text(self, text: str) -> None:
        self.problem.show_message(text)

    def _letter_saved(self, document: DocumentInfo) -> None:
        self.status.setText(f"Kept as the document {document.label!r}")
        self.attachments.load(self.application_id)

    def open_in_email_app(self) -> None:
        if not self.go_ahead_with_gaps("Open anyway"):
            return
        if self.attachments.chosen_paths():  # mailto: links cannot carry files
            self.attachments.send(
                self.recipient_email(), self.subject.text(), self.body.toPlainText()
            )
            return
        self.status.setText("Opening your email app…")
        self.mail.open(self.mailto_url())

    def _mail_handed_off(self) -> None:
        self.status.setText("Opened in your email app: send it there, then Mark as sent")

    def _mail_failed(self, reason: str) -> None:
        """Say so, and offer the copy instead (nothing is copied unasked)."""
        self.status.setText("Not opened in an email app")
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Open in email app",
            f"Your email app did not open the draft: {reason}.\n\n"
            "Copy the subject and body, to paste them into a new email?",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        copy = box.addButton("&Copy all", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(copy)
        copy.clicked.connect(lambda: self._copy(self.all_text(), "subject and body"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.mail_problem = box
        box.open()

    def gaps(self) -> list[TemplateInput]:
        """Required inputs still empty whose gap ("[The point to add]") the text shows."""
        missing = self.drafts.missing_inputs(self.template_key, self.inputs.values())
        text = self.all_text()
        return [item for item in missing if not self.text_edited or item.gap in text]

    def go_ahead_with_gaps(self, anyway: str) -> bool:
        """Ask before a draft with an empty required input leaves the editor."""
        gaps = self.gaps()
        if not gaps:
            return True
        names = ", ".join(f"“{item.label.partition(' (')[0]}”" for item in gaps)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Something is missing",
            f"{names} is still empty, so the note shows {gaps[0].gap} where it should say "
            "something. Fill it in first?",
            QMessageBox.StandardButton.NoButton,
            self,
        )
        fill = box.addButton("&Fill it in", QMessageBox.ButtonRole.RejectRole)
        box.addButton(anyway, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(fill)
        self.gap_question = box
        box.exec()
        if box.clickedButton() is fill:
            self.inputs.focus(gaps[0].name)
            return False
        return True

    def mark_sent(self) -> None:
        """Save, then log it sent: the timeline, the reminder it answers, the timers."""
        if not self.go_ahead_with_gaps("Mark as sent anyway"):
            return
        self.autosaver.changed()
        self.autosaver.flush()
        if self.draft_id is None:
            return
        try:
            result = self.drafts.mark_sent(self.draft_id)
        except (DomainError, StoreError) as exc:
            self.problem.show_message(str(exc))
            return
        self.sent_at = result.draft.sent_at
        done = len(result.completed_reminder_ids)
        self.status.setText(
            "Marked as sent and logged on the timeline"
            + (
                f"; {done} reminder done"
                if done == 1
                else f"; {done} reminders done"
                if done
                else ""
            )
        )
        self._update_state()
        self._fill_draft_list()
        self.sent.emit(self.application_id)

    def _update_state(self) -> None:
        """A sent draft is a record of what went out: read-only, copyable, not re-sendable."""
        sent = self.sent_at is not None
        self.sent_button.setEnabled(not sent)
        self.sent_button.setText(
            f"Sent {self._when(self.sent_at)}" if self.sent_at is not None else "&Mark as sent"
        )
        self.subject.setReadOnly(sent)
        self.body.setReadOnly(sent)
        for part in (self.inputs_box, self.recipient_box, self.refill_button):
            part.setEnabled(not sent)
        if sent:
            self.inputs_hint.hide()
        company = self.application_box.currentText()
        self.setWindowTitle(f"Draft — {company}" if company else "Draft")
        self.application_box.setToolTip(company)
        self.recipient_box.setToolTip(self.recipient_box.currentText())

    # -- profile and templates ----------------------------------------------------------------

    def _ask_profile_if_needed(self) -> None:
        if self.services.profile.get().is_complete or self.profile_dialog is not None:
            return
        self.profile_dialog = ProfileDialog(self.services.profile, self, first_time=True)
        self.profile_dialog.accepted.connect(self._profile_changed)
        self.profile_dialog.finished.connect(self._profile_dialog_closed)
        self.profile_dialog.open()

    def _profile_dialog_closed(self) -> None:
        self.profile_dialog = None

    def edit_profile(self) -> None:
        dialog = ProfileDialog(self.services.profile, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._profile_changed()

    def _profile_changed(self) -> None:
        """A new name or signature: re-render unless the text is the person's."""
        self._context = self._current_context()
        if not self.text_edited:
            self.rerender()

    def edit_templates(self) -> None:
        dialog = TemplatesDialog(self.services, self, context=self._context)
        dialog.exec()
        self.templates_changed()

    def templates_changed(self) -> None:
        """Templates were edited: new names and inputs; a re-render unless the text is yours."""
        self._fill_templates()
        self._show_template()
        if not self.text_edited:
            self.rerender()

    # -- window -------------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("drafts/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(980, 680)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.autosaver.flush()
        QSettings().setValue("drafts/geometry", self.saveGeometry())
        super().closeEvent(event)
