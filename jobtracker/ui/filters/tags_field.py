"""The details dialog's Tags field: tags typed with commas between them, each completed
from the tags already in use; saved with the dialog as an undoable step of its own."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QCompleter, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from jobtracker.domain.errors import ValidationError
from jobtracker.domain.tags import TagService, join_tags, split_tags
from jobtracker.ui.dialogs.widgets import FieldError, Refresh
from jobtracker.ui.filters.tag_undo import push_tag_change

#: the ValidationError field a refused tag is named by (see domain/tags.py)
TAG_FIELD = "tag"


class TagsField(QLineEdit):
    """Comma-separated tags with completion of the one being typed."""

    def __init__(
        self, tags: TagService, stack: QUndoStack, refresh: Refresh | None = None,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.tags = tags
        self.stack = stack
        self.refresh = refresh
        self.application_id: int | None = None
        self._stored = ""
        self.setPlaceholderText("remote, referral …")
        self.setAccessibleName("Tags")
        self.setToolTip("Tags, separated by commas")
        self.names = QStringListModel(self)
        self.completion = QCompleter(self.names, self)
        self.completion.setWidget(self)
        self.completion.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completion.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completion.activated.connect(self._complete)
        self.textEdited.connect(self._offer)
        stack.indexChanged.connect(self._stack_moved)

    def load(self, application_id: int | None) -> None:
        """Show the application's stored tags (none for a new one)."""
        self.application_id = application_id
        names = (
            [] if application_id is None else [t.name for t in self.tags.tags_of(application_id)]
        )
        self._stored = join_tags(names)
        self.setText(self._stored)
        self.names.setStringList(self.tags.names())

    def typed(self) -> list[str]:
        """The tag names typed (ValidationError for one that cannot be a tag)."""
        return split_tags(self.text())

    def problems(self) -> list[ValidationError]:
        """What keeps the typed text from being stored as tags (none when all is well)."""
        try:
            self.typed()
        except ValidationError as exc:
            return [exc]
        return []

    def is_dirty(self) -> bool:
        return [n.casefold() for n in split_tags_lenient(self.text())] != [
            n.casefold() for n in split_tags_lenient(self._stored)
        ]

    def save(self, application_id: int, label: str) -> None:
        """Store the typed tags on ``application_id`` as one undoable step."""
        change = self.tags.set_tags(application_id, self.typed())
        push_tag_change(self.stack, self.tags, f"Tag {label}", change, self._after)
        self.load(application_id)

    def _after(self, ids: list[int]) -> None:
        if self.refresh is not None:
            self.refresh(ids)

    def _stack_moved(self, _index: int) -> None:
        if self.application_id is not None and not self.is_dirty():
            self.load(self.application_id)

    # -- completion ------------------------------------------------------------------------

    def _current_part(self) -> str:
        return self.text()[: self.cursorPosition()].replace(";", ",").split(",")[-1].strip()

    def _offer(self) -> None:
        part = self._current_part()
        if part:
            self.completion.setCompletionPrefix(part)
        popup = self.completion.popup()
        if part and self.completion.completionCount():
            self.completion.complete()
        elif popup is not None:
            popup.hide()

    def _complete(self, name: str) -> None:
        """Put ``name`` in place of the tag being typed, ready for the next."""
        before = self.text()[: self.cursorPosition()]
        after = self.text()[self.cursorPosition() :]
        cut = max(before.rfind(","), before.rfind(";"))
        head = before[: cut + 1] + (" " if cut >= 0 else "")
        self.setText(f"{head}{name}, {after.lstrip(' ,')}".rstrip() + " ")
        self.setCursorPosition(len(head) + len(name) + 2)


def add_tags_row(form: QWidget, field: TagsField, after: QWidget, errors: dict[str, FieldError],
                 inputs: dict[str, QWidget]) -> None:  # fmt: skip
    """Put ``field`` into ``form``'s layout under the row of ``after``, with the message slot
    the form shows a refused tag in."""
    layout = form.layout()
    assert isinstance(layout, QFormLayout)
    labels = [
        layout.itemAt(row, QFormLayout.ItemRole.LabelRole) for row in range(layout.rowCount())
    ]
    row = next(
        index for index, item in enumerate(labels)
        if item is not None and isinstance(label := item.widget(), QLabel)
        and label.buddy() is after
    )  # fmt: skip
    label = QLabel("&Tags")
    label.setBuddy(field)
    error = FieldError()
    cell = QVBoxLayout()
    cell.setSpacing(2)
    cell.addWidget(field)
    cell.addWidget(error)
    layout.insertRow(row + 1, label, cell)
    errors[TAG_FIELD] = error
    inputs[TAG_FIELD] = field


def split_tags_lenient(text: str) -> list[str]:
    """The parts of ``text`` as tags, without refusing any (to compare, not to store)."""
    return [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
