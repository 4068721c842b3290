"""What the agenda's buttons do: write the note, log the call, move or open the card, snooze,
done. Snooze, Done and a logged call are undoable from the window's Edit menu, like a move.

After each, the scheduler refreshes: the list, the badge and the tray change together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog

from jobtracker.domain.agenda import CALL, MOVE, WRITE, AgendaRow, Answer
from jobtracker.domain.errors import DomainError
from jobtracker.domain.services import Services
from jobtracker.domain.stage_roles import NO_RESPONSE
from jobtracker.store.errors import StoreError
from jobtracker.ui.dialogs.widgets import push_done

if TYPE_CHECKING:
    from jobtracker.ui.reminders.controller import RemindersController


class AgendaActions(QObject):
    """Carries out the agenda panel's requests for one window."""

    def __init__(self, controller: RemindersController, services: Services) -> None:
        super().__init__(controller)
        self.controller = controller
        self.services = services
        panel = controller.panel
        panel.answer_requested.connect(self.answer)
        panel.interview_requested.connect(lambda app_id: controller.open_card(app_id, ""))
        panel.snooze_requested.connect(self.snooze)
        panel.done_requested.connect(self.done)

    @property
    def _window(self):  # type: ignore[no-untyped-def]  # the board window, duck-typed
        return self.controller.window

    def answer(self, row: AgendaRow, answer: Answer) -> None:
        """Write the note (to the person the row names), log the call, move or open."""
        if answer.kind == WRITE:
            self.controller.show_window()
            self._window.board.select_ids([row.application_id])
            drafts = getattr(self._window, "drafts", None)
            if drafts is None:
                self._window.open_details(row.application_id)
                return
            contact = row.contact.id if row.contact is not None else None
            drafts.open(row.application_id, answer.template_key, contact)
        elif answer.kind == CALL:
            self.log_call(row)
        elif answer.kind == MOVE:
            self.controller.move_to_role(row.application_id, NO_RESPONSE)
        else:
            self.controller.open_card(row.application_id, "")

    def log_call(self, row: AgendaRow) -> QDialog:
        """Ask how the call went (without blocking), then log it, undoably."""
        from jobtracker.ui.agenda.log_call import LogCallDialog

        dialog = LogCallDialog(row, self._window)
        dialog.accepted.connect(lambda: self._log_call(row, dialog.note))
        dialog.open()
        return dialog

    def _log_call(self, row: AgendaRow, note: str) -> None:
        timeline = self.services.timeline
        app_id = row.application_id
        try:
            current = {"id": timeline.add(app_id, "call", note).id}
        except (DomainError, StoreError) as exc:
            self._window.show_problem(str(exc))
            return

        def redo() -> None:
            current["id"] = timeline.add(app_id, "call", note).id

        push_done(
            self._window.undo_stack,
            f"Log a call to {row.company}",
            undo=lambda: timeline.remove(current["id"]),
            redo=redo,
            after=lambda: self._changed([app_id]),
        )

    def snooze(self, ids: list[int], days: float | None) -> None:
        reminders = self.services.reminders
        before = reminders.snooze_state(ids)
        try:
            reminders.snooze(ids, days)
        except (DomainError, StoreError) as exc:
            self._window.show_problem(str(exc))
            return
        apps = self._apps(ids)

        def again() -> None:
            reminders.snooze(ids, days)

        push_done(
            self._window.undo_stack,
            f"Snooze {self._what(ids)}",
            undo=lambda: reminders.restore_snooze(before),
            redo=again,
            after=lambda: self._changed(apps),
        )

    def done(self, ids: list[int]) -> None:
        reminders = self.services.reminders
        apps = self._apps(ids)
        try:
            completed = reminders.done(ids)
        except (DomainError, StoreError) as exc:
            self._window.show_problem(str(exc))
            return

        def again() -> None:
            reminders.done(completed)

        push_done(
            self._window.undo_stack,
            f"Mark {self._what(ids)} done",
            undo=lambda: reminders.undo_done(completed),
            redo=again,
            after=lambda: self._changed(apps),
        )

    def _apps(self, ids: list[int]) -> list[int]:
        wanted = set(ids)
        rows = self.controller.panel.selected_rows()
        found = {row.application_id for row in rows if wanted & set(row.reminder_ids)}
        return sorted(found) or sorted({self.services.reminders.get(i).application_id for i in ids})

    def _what(self, ids: list[int]) -> str:
        rows = [r for r in self.controller.panel.selected_rows() if set(r.reminder_ids) & set(ids)]
        if len(rows) == 1:
            return f"“{rows[0].lead.summary}”"
        return f"{len(rows) or len(ids)} follow-ups"

    def _changed(self, application_ids: list[int]) -> None:
        """The list, badge and tray now; the cards' badges too."""
        self.controller.scheduler.refresh()
        self._window.refresh_cards(application_ids)
