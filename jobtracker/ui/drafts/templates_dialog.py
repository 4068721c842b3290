"""Edit templates: your own version of a default, reset to default, new custom templates.

The first save of a default copies it into your templates folder, which then overrides it.
The text is checked as you type (syntax, unknown variables, the sandbox) and the problem is
shown with its line beside it, with a preview of the result. Saving broken text keeps it
(nothing typed is lost) while drafts go on using the last good version. Changes are saved
when you switch template or close; Save (Ctrl+S) saves at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QFontDatabase, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from jobtracker.domain.errors import DomainError
from jobtracker.domain.services import Services
from jobtracker.domain.templates import (
    CONTEXT_VARIABLES,
    SAMPLE_CONTEXT,
    check_source,
    compile_source,
    render_compiled,
)
from jobtracker.ui.dialogs.widgets import FieldError

CHECK_DELAY_MS = 250


class TemplatesDialog(QDialog):
    """The list of templates and an editor with live checking and a preview."""

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        *,
        context: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = services.templates
        self.context = dict(context) if context else SAMPLE_CONTEXT
        self.key: str | None = None
        self._saved_text = ""
        self.setWindowTitle("Edit templates")
        self._build()
        self._fill_list()
        keys = self.library.template_keys()
        if keys:
            self.open_template(keys[0])

    def _build(self) -> None:
        self.list = QListWidget()
        self.list.setAccessibleName("Templates")
        self.list.setSpacing(2)
        self.new_button = QPushButton("&New template…")
        self.reset_button = QPushButton("&Reset to default")
        self.save_button = QPushButton("&Save")
        self.close_button = QPushButton("Close")
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Template text")
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.problem = FieldError()
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName("Preview")
        variables = QLabel(
            "<b>Variables</b><br>"
            + "<br>".join(
                f"<code>{name}</code>: {text}" for name, text in CONTEXT_VARIABLES.items()
            )
            + "<br>and the inputs named in the first line."
        )
        variables.setWordWrap(True)
        variables.setTextFormat(Qt.TextFormat.RichText)
        variables.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.new_button)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.state)
        middle_layout.addWidget(self.editor, 1)
        middle_layout.addWidget(self.problem)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel("Preview"))
        right_layout.addWidget(self.preview, 1)
        right_layout.addWidget(variables)
        splitter = QSplitter()
        for part in (left, middle, right):
            splitter.addWidget(part)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([180, 520, 380])
        buttons = QHBoxLayout()
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.resize(1120, 640)

        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.check)
        self.editor.textChanged.connect(self._check_timer.start)
        self.list.currentItemChanged.connect(self._template_chosen)
        self.new_button.clicked.connect(self.new_template)
        self.reset_button.clicked.connect(self.reset_to_default)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

    def _fill_list(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for info in self.library.all_info():
            mark = "" if info.has_default and not info.overridden else " (edited)"
            mark = " (custom)" if not info.has_default else mark
            mark += " (problem)" if info.problem else ""
            item = QListWidgetItem(info.key + mark)
            item.setData(Qt.ItemDataRole.UserRole, info.key)
            item.setToolTip(f"{info.purpose}\n{info.problem}" if info.problem else info.purpose)
            self.list.addItem(item)
        self.list.blockSignals(False)

    def _select_key(self, key: str) -> None:
        """Highlight ``key`` in the list without reopening it."""
        self.list.blockSignals(True)
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.list.setCurrentRow(row)
        self.list.blockSignals(False)

    def _template_chosen(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is None:
            return
        key = current.data(Qt.ItemDataRole.UserRole)
        if key == self.key:
            return
        self.save_if_changed()
        self.open_template(key)

    def open_template(self, key: str) -> None:
        self.key = key
        self._select_key(key)
        self._saved_text = self.library.source(key)
        self.editor.setPlainText(self._saved_text)
        self._show_state()
        self.check()

    def _show_state(self) -> None:
        key = self.key or ""
        if not self.library.has_default(key):
            text = "Your own template. Reset deletes it."
        elif self.library.is_overridden(key):
            text = "Your version, used instead of the default. Reset brings the default back."
        else:
            text = "The default. Your first save keeps your own version of it."
        self.state.setText(text)
        self.reset_button.setEnabled(self.library.is_overridden(key) or bool(
            self.library.pending_problem(key)
        ))  # fmt: skip

    def check(self) -> None:
        """Check the text as typed and preview it on the current application, each input
        shown as its [label]."""
        source = self.editor.toPlainText()
        problem = check_source(source)
        if problem is None:
            compiled = compile_source(source)
            shown = {i.name: f"[{i.label.partition(' (')[0]}]" for i in compiled.inputs}
            rendered = render_compiled(compiled, {**self.context, **shown})
            problem = rendered.problem
            if rendered.ok:
                self.preview.setPlainText(f"Subject: {rendered.subject}\n\n{rendered.body}")
        if problem is None:
            self.problem.clear_message()
        else:
            self.problem.show_message(
                f"{problem}. Drafts keep using the last good version until this is fixed."
            )

    def save(self) -> None:
        if self.key is None:
            return
        text = self.editor.toPlainText()
        if self.library.has_default(self.key) and text == self.library.default_source(self.key):
            self.library.reset(self.key)
        else:
            self.library.save(self.key, text)
        self._saved_text = text
        self._fill_list()
        self._select_key(self.key)
        self._show_state()
        self.check()

    def save_if_changed(self) -> None:
        if self.key is not None and self.editor.toPlainText() != self._saved_text:
            self.save()

    def reset_to_default(self) -> None:
        if self.key is None:
            return
        custom = not self.library.has_default(self.key)
        question = (
            f"Delete your template “{self.key}”?"
            if custom
            else f"Throw away your version of “{self.key}” and use the default again?"
        )
        answer = QMessageBox.question(
            self, "Reset to default", question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        key = self.key
        self.library.reset(key)
        self._fill_list()
        self.open_template(self.library.template_keys()[0] if custom else key)

    def new_template(self) -> None:
        key, ok = QInputDialog.getText(
            self, "New template", "Name (lower-case words joined by dashes, like second-follow-up):"
        )
        if not ok or not key.strip():
            return
        try:
            self.save_if_changed()
            self.library.create(key.strip())
        except DomainError as exc:
            QMessageBox.warning(self, "New template", str(exc))
            return
        self._fill_list()
        self.open_template(key.strip())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_if_changed()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self.save_if_changed()
        super().done(result)
