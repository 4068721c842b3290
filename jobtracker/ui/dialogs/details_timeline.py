"""One application's timeline, newest first (stage changes, interviews, people, documents,
drafts, messages sent), where the person logs notes, calls and answers."""

from __future__ import annotations

from datetime import tzinfo
from functools import partial

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from jobtracker.domain.errors import ValidationError
from jobtracker.domain.timeline import TimelineEntry
from jobtracker.ui.dialogs.widgets import ApplicationTab, FieldError, local_text, push_done

#: what the person can log by hand, as (timeline kind, label in the menu)
MANUAL_ENTRIES = (("note", "Note"), ("heard_back", "Heard back"), ("call", "Called"))


def entry_line(entry: TimelineEntry, tz: tzinfo | None) -> str:
    """ "2026-03-10 09:00 · Applied → Interviewing", the time in ``tz``."""
    return f"{local_text(entry.at, tz)} · {entry.text}"


class TimelinePanel(ApplicationTab):
    """The timeline list and a one-line entry for a note, a call or an answer."""

    def _build(self) -> None:
        self.list.setAccessibleName("Timeline, newest first")
        self.list.setWordWrap(True)
        self.kind = QComboBox()
        for kind, label in MANUAL_ENTRIES:
            self.kind.addItem(label, kind)
        self.kind.setAccessibleName("Kind of entry")
        self.text = QLineEdit()
        self.text.setPlaceholderText("What happened? (Enter adds it)")
        self.text.setAccessibleName("Entry text")
        self.add_button = QPushButton("Add to &timeline")
        self.error = FieldError()

        entry = QHBoxLayout()
        entry.addWidget(self.kind)
        entry.addWidget(self.text, 1)
        entry.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(entry)
        layout.addWidget(self.error)
        layout.addWidget(self.list, 1)

        self.add_button.clicked.connect(self.add_entry)
        self.text.returnPressed.connect(self.add_entry)

    def _fill(self, application_id: int) -> None:
        tz = self.services.followups.tz
        for entry in self.services.timeline.entries(application_id):
            self._add_entry(entry_line(entry, tz), entry.activity_id or 0)

    def add_entry(self) -> bool:
        app_id = self.application_id
        if app_id is None:
            return False
        kind, text = self.kind.currentData(), self.text.text()
        timeline = self.services.timeline
        self.error.clear_message()
        try:
            added = timeline.add(app_id, kind, text)
        except ValidationError as exc:
            self.error.show_message(f"{exc.field.capitalize()} {exc.message}.")
            return False
        current = {"id": added.id}

        def redo() -> None:
            current["id"] = timeline.add(app_id, kind, text).id

        label = self.kind.currentText().lower()
        push_done(
            self.undo_stack,
            f"Add {label} to {self.company}",
            undo=lambda: timeline.remove(current["id"]),
            redo=redo,
            after=partial(self.refresh, [app_id]),
        )
        self.text.clear()
        return True
