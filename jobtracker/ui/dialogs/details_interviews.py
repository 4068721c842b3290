"""Interviews on one application: when (picked in the person's time zone, stored in UTC),
how, how long, where, and with whom among the application's people. A card with an
interview that still stands before the interviewing stage gets an offer to move it there
(one undoable step); its reminders exist either way."""

from __future__ import annotations

from datetime import tzinfo
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jobtracker.domain.board import MoveResult
from jobtracker.domain.errors import ValidationError, every_error
from jobtracker.domain.records import ContactInfo, InterviewInfo
from jobtracker.domain.vocabulary import INTERVIEW_KINDS
from jobtracker.ui.dialogs.widgets import (
    ApplicationTab,
    FieldError,
    buttons_at_right,
    from_qdatetime,
    local_text,
    push_done,
    qt_zone,
    to_local_qdatetime,
)


def interview_line(
    interview: InterviewInfo, people: dict[int, ContactInfo], tz: tzinfo | None
) -> str:
    """ "2026-03-12 14:30 · video · 45 min · with Jane Doe", the time in ``tz``."""
    when = local_text(interview.starts_at, tz)
    parts = [when, interview.kind, f"{interview.duration_minutes} min"]
    if interview.title:
        parts.insert(1, interview.title)
    names = [people[i].name for i in interview.interviewer_ids if i in people]
    if names:
        parts.append("with " + ", ".join(names))
    return " · ".join(parts)


class InterviewsPanel(ApplicationTab):
    """The application's interviews, soonest first, and an editor for the selected one."""

    def _build(self) -> None:
        self._editing: int | None = None
        self._people: dict[int, ContactInfo] = {}
        self.list.setAccessibleName("Interviews")
        self.new_button = QPushButton("&New interview")
        self.delete_button = QPushButton("De&lete")
        self.delete_button.setEnabled(False)

        self.starts = QDateTimeEdit()
        self.starts.setCalendarPopup(True)
        self.starts.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.starts.setAccessibleName("Starts (local time)")
        self._follow_zone()
        self.kind = QComboBox()
        self.kind.addItems(INTERVIEW_KINDS)
        self.duration = QSpinBox()
        self.duration.setRange(5, 24 * 60)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(" min")
        self.duration.setAccessibleName("Duration")
        self.title = QLineEdit()
        self.title.setPlaceholderText("e.g. Technical round")
        self.location = QLineEdit()
        self.location.setPlaceholderText("an address or a video link")
        self.interviewers = QListWidget()
        self.interviewers.setAccessibleName("Interviewers")
        self.interviewers.setMaximumHeight(90)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(70)
        self.save_button = QPushButton("Sa&ve interview")
        self.error = FieldError()

        self.editor = QGroupBox("New interview")
        form = QFormLayout(self.editor)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        when = QHBoxLayout()
        when.addWidget(self.starts, 1)
        when.addWidget(self.duration)
        when_label = QLabel("&When (local)")
        when_label.setBuddy(self.starts)
        form.addRow(when_label, when)
        form.addRow("&Kind", self.kind)
        form.addRow("&Title", self.title)
        form.addRow("&Where", self.location)
        form.addRow("With", self.interviewers)
        form.addRow("Notes", self.notes)
        form.addRow(self.error)
        form.addRow(buttons_at_right(self.save_button))

        self.move_hint = QLabel()
        self.move_hint.setWordWrap(True)
        self.move_button = QPushButton()
        self.move_bar = QWidget()
        self.move_bar.setObjectName("interview-move")
        move_row = QHBoxLayout(self.move_bar)
        move_row.setContentsMargins(0, 0, 0, 0)
        move_row.addWidget(self.move_hint, 1)
        move_row.addWidget(self.move_button)
        self.move_bar.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons_at_right(self.new_button, self.delete_button))
        layout.addWidget(self.move_bar)
        layout.addWidget(self.editor)
        self.move_button.clicked.connect(self.move_to_interviewing)

        self.list.currentItemChanged.connect(self._selected)
        self.new_button.clicked.connect(self.start_new)
        self.delete_button.clicked.connect(self.delete_selected)
        self.save_button.clicked.connect(self.save)

    def _fill(self, application_id: int) -> None:
        self._people = {c.id: c for c in self.services.contacts.for_application(application_id)}
        self._follow_zone()
        for interview in self.services.interviews.for_application(application_id):
            self._add_entry(interview_line(interview, self._people, self.zone), interview.id)
        current = self._editing
        self.start_new()
        if current is not None:
            self.select(current)
        self._offer_move(application_id)

    def _follow_zone(self) -> None:
        """Times shown and typed in the person's zone, the one the agenda and the reminders
        use (the setting may have changed since the dialog opened)."""
        self.zone: tzinfo | None = self.services.followups.tz
        self.starts.setTimeZone(qt_zone(self.zone))

    def _clear(self) -> None:
        super()._clear()
        self.move_bar.hide()

    def _offer_move(self, application_id: int) -> None:
        """Show the move to the interviewing stage while the card has interviews and stands
        before that stage."""
        board = self.services.board
        target = board.interviewing_stage_for(application_id) if self.list.count() else None
        self.move_bar.setVisible(target is not None)
        if target is not None:
            where = board.stage(board.card(application_id).stage_id).name
            self.move_hint.setText(f"{self.company or 'This application'} is still in {where}.")
            self.move_button.setText(f"&Move to {target.name}")
            self.move_button.setAccessibleDescription(
                f"Moves the card from {where} to {target.name}; Undo puts it back"
            )

    def move_to_interviewing(self) -> None:
        app_id = self.application_id
        if app_id is None:
            return
        board = self.services.board
        moved = board.move_to_interviewing(app_id)
        if moved is None:
            return
        state: list[MoveResult] = [moved]

        def undo() -> None:
            board.undo_move(state[0])

        def redo() -> None:
            state[0] = board.redo_move(state[0])

        target = board.stage(moved.after[0].stage_id).name
        push_done(
            self.undo_stack,
            f"Move {self.company} to {target}",
            undo=undo,
            redo=redo,
            after=partial(self.refresh, [app_id]),
        )
        self._offer_move(app_id)

    def select(self, interview_id: int) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == interview_id:
                self.list.setCurrentRow(row)

    def start_new(self) -> None:
        """An empty editor for a new interview, tomorrow at 10:00 in the person's zone."""
        self._editing = None
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        self.list.blockSignals(False)
        self.delete_button.setEnabled(False)
        self.editor.setTitle("New interview")
        self.save_button.setText("Add intervie&w")
        tomorrow = to_local_qdatetime(self.services.clock.now(), self.zone).addDays(1)
        tomorrow.setTime(QTime(10, 0))
        self.starts.setDateTime(tomorrow)
        self.kind.setCurrentText("video")
        self.duration.setValue(60)
        for edit in (self.title, self.location):
            edit.clear()
        self.notes.clear()
        self._fill_interviewers(())
        self.error.clear_message()

    def _selected(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is None:
            return
        interview = self.services.interviews.get(item.data(Qt.ItemDataRole.UserRole))
        self._editing = interview.id
        self.delete_button.setEnabled(True)
        self.editor.setTitle("Interview")
        self.save_button.setText("Sa&ve interview")
        self.starts.setDateTime(to_local_qdatetime(interview.starts_at, self.zone))
        self.kind.setCurrentText(interview.kind)
        self.duration.setValue(interview.duration_minutes)
        self.title.setText(interview.title)
        self.location.setText(interview.location)
        self.notes.setPlainText(interview.notes)
        self._fill_interviewers(interview.interviewer_ids)
        self.error.clear_message()

    def _fill_interviewers(self, chosen: tuple[int, ...]) -> None:
        self.interviewers.clear()
        people = self._people
        if not people:
            placeholder = QListWidgetItem("Add people on the People tab to pick interviewers")
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.interviewers.addItem(placeholder)
        for contact in people.values():
            item = QListWidgetItem(contact.name)
            item.setData(Qt.ItemDataRole.UserRole, contact.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = contact.id in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.interviewers.addItem(item)

    def values(self) -> dict[str, Any]:
        return {
            "starts_at": from_qdatetime(self.starts.dateTime()),
            "kind": self.kind.currentText(),
            "duration_minutes": self.duration.value(),
            "title": self.title.text(),
            "location": self.location.text(),
            "notes": self.notes.toPlainText(),
        }

    def chosen_interviewers(self) -> tuple[int, ...]:
        return tuple(
            item.data(Qt.ItemDataRole.UserRole)
            for row in range(self.interviewers.count())
            if (item := self.interviewers.item(row)).checkState() == Qt.CheckState.Checked
        )

    def save(self) -> bool:
        """Add the new interview or save the selected one; False when the input was refused."""
        app_id = self.application_id
        if app_id is None:
            return False
        interviews = self.services.interviews
        values, people = self.values(), self.chosen_interviewers()
        self.error.clear_message()
        try:
            if self._editing is None:
                added = interviews.add(app_id, interviewer_ids=people, **values)
                current = {"id": added.id}
                self._editing = added.id

                def redo_add() -> None:
                    current["id"] = interviews.add(app_id, interviewer_ids=people, **values).id

                push_done(
                    self.undo_stack,
                    f"Add interview at {self.company}",
                    undo=lambda: interviews.delete(current["id"]),
                    redo=redo_add,
                    after=partial(self.refresh, [app_id]),
                )
            else:
                before = interviews.get(self._editing)
                interviews.edit(before.id, interviewer_ids=people, **values)
                push_done(
                    self.undo_stack,
                    f"Edit interview at {self.company}",
                    undo=lambda: interviews.edit(
                        before.id, interviewer_ids=before.interviewer_ids, **_fields_of(before)
                    ),
                    redo=lambda: interviews.edit(before.id, interviewer_ids=people, **values),
                    after=partial(self.refresh, [app_id]),
                )
        except ValidationError as exc:
            self.error.show_message(
                "\n".join(
                    f"{problem.field.replace('_', ' ').capitalize()} {problem.message}."
                    for problem in every_error(exc)
                )
            )
            return False
        return True

    def delete_selected(self) -> None:
        if self._editing is None:
            return
        interviews = self.services.interviews
        gone = interviews.get(self._editing)
        current = {"id": gone.id}
        interviews.delete(gone.id)
        self._editing = None

        def undo() -> None:
            current["id"] = interviews.add(
                gone.application_id, interviewer_ids=gone.interviewer_ids, **_fields_of(gone)
            ).id

        push_done(
            self.undo_stack,
            f"Delete interview at {self.company}",
            undo=undo,
            redo=lambda: interviews.delete(current["id"]),
            after=partial(self.refresh, [gone.application_id]),
        )


def _fields_of(interview: InterviewInfo) -> dict[str, Any]:
    return {
        "starts_at": interview.starts_at,
        "kind": interview.kind,
        "duration_minutes": interview.duration_minutes,
        "title": interview.title,
        "location": interview.location,
        "notes": interview.notes,
    }
