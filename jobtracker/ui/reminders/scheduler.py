"""The reminder scheduler: one single-shot timer set to the next announcement, no polling.

On start it catches up: everything that fell due while the app was closed is announced once,
grouped when there are many. ``notified_at`` is written as a notice is shown, so a restart
never repeats one. Quiet hours hold announcements until they end. Qt timers count monotonic
time, which stands still while the machine sleeps, so the wait is capped and every check
compares the wall clock with the monotonic one to notice a sleep or a clock jump.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from jobtracker.domain.services import Services
from jobtracker.platform.notifications import DEFAULT, DONE, OPEN, SNOOZE, Notice, Notifier
from jobtracker.platform.notifications.base import LOW_URGENCY, NORMAL_URGENCY

if TYPE_CHECKING:
    from jobtracker.domain.reminders import ReminderInfo

log = logging.getLogger(__name__)

#: the longest wait between checks, so a sleep delays an announcement by at most this
MAX_WAIT = timedelta(minutes=15)
#: a difference between wall-clock and monotonic time beyond this is a sleep or a jump
JUMP_TOLERANCE_S = 90.0
#: lines listed in a grouped notification before "and N more"
GROUP_LINES = 5
#: coming back to the app re-checks only if the last check is older than this: a check
#: catches up with the time that passed, more than each Alt+Tab needs
ACTIVATION_CHECK_AFTER_S = 60.0


class ReminderScheduler(QObject):
    """Announces due reminders once and carries out what the person chose.

    Signals:
        changed(): reminders were added, announced, snoozed or done (refresh lists, badges).
        acted_on(application_ids: list): reminders of these cards were snoozed or done.
        open_requested(application_id: int, template_key: str): show the card and its draft.
        show_panel_requested(): show the Reminders panel (a grouped notice was clicked).
        clock_jumped(seconds: float): the wall clock moved unlike the monotonic one.
    """

    changed = Signal()
    acted_on = Signal(list)
    open_requested = Signal(int, str)
    show_panel_requested = Signal()
    clock_jumped = Signal(float)

    def __init__(self, services: Services, notifier: Notifier, parent: QObject | None = None):
        super().__init__(parent)
        self.services = services
        self.notifier = notifier
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.CoarseTimer)
        self.timer.timeout.connect(self.check)
        self._marks: tuple[datetime, float] | None = None
        self._checked_at: float | None = None  # monotonic seconds
        #: activation re-checks only once started, so a start's catch-up runs once
        self.started = False
        notifier.action_invoked.connect(self.act)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._state_changed)

    # -- the timer -------------------------------------------------------------------------

    def start(self) -> None:
        """Recompute and catch up on what fell due while the app was closed."""
        self.started = True
        self.check()

    def set_notifier(self, notifier: Notifier) -> None:
        """Announce through ``notifier`` from now on; the previous one is closed."""
        self.notifier.action_invoked.disconnect(self.act)
        self.notifier.close()
        self.notifier = notifier
        notifier.action_invoked.connect(self.act)

    def stop(self) -> None:
        self.timer.stop()
        self.notifier.close()

    def check(self) -> None:
        """Recompute, announce what is due (outside quiet hours), set the timer again.

        A failure (a disk full, a database locked too long) is logged and retried later:
        the timer must never stop for good.
        """
        now = self.services.clock.now()
        self._notice_jump(now)
        self._checked_at = time.monotonic()
        try:
            self.services.followups.catch_up()
            due = self.services.reminders.to_announce(now)
            if due:
                self._announce(due, now)
        except Exception:
            log.exception("checking reminders failed; trying again in %s", MAX_WAIT)
            self.timer.start(int(MAX_WAIT.total_seconds() * 1000))
            return
        self.changed.emit()
        self._arm(now)

    def refresh(self) -> None:
        """After a write elsewhere (its reminders are already recomputed by the domain's
        hook): update the lists and re-arm, so a reminder that is due now is announced in a
        second, without a full recompute on every edit."""
        self.changed.emit()
        self._arm(self.services.clock.now())

    def next_check_at(self) -> datetime | None:
        """When the timer fires next (wall clock), or None when it is idle."""
        if not self.timer.isActive():
            return None
        return self.services.clock.now() + timedelta(milliseconds=self.timer.remainingTime())

    def _arm(self, now: datetime) -> None:
        upcoming = self.services.reminders.next_announcement_at(now)
        wait = MAX_WAIT if upcoming is None else min(max(upcoming - now, timedelta()), MAX_WAIT)
        # one extra second: fire just after the due time, never a hair before it
        self.timer.start(int(wait.total_seconds() * 1000) + 1000)

    def _notice_jump(self, now: datetime) -> None:
        mono = time.monotonic()
        if self._marks is not None:
            wall_then, mono_then = self._marks
            drift = (now - wall_then).total_seconds() - (mono - mono_then)
            if abs(drift) > JUMP_TOLERANCE_S:
                log.info("clock moved %.0f s beyond monotonic time; re-checking", drift)
                self.clock_jumped.emit(drift)
        self._marks = (now, mono)

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive or not self.started:
            return
        since = None if self._checked_at is None else time.monotonic() - self._checked_at
        if since is None or since >= ACTIVATION_CHECK_AFTER_S:
            self.check()

    # -- announcing ------------------------------------------------------------------------

    def _announce(self, due: list[ReminderInfo], now: datetime) -> None:
        """Notify (unless turned off in the settings: then the panel and badge tell) and
        mark them announced either way, so turning notifications on never replays them."""
        settings = self.services.followups.settings()
        if settings.notifications:
            grouped = len(due) > settings.group_above
            notices = [self._group_notice(due)] if grouped else [self._notice(i) for i in due]
            for notice in notices:
                self.notifier.show(notice)
        self.services.reminders.mark_announced(now)  # the same ones: one writer, one ``now``

    def _notice(self, info: ReminderInfo) -> Notice:
        body = info.reason
        if info.contact_line and info.template_key:
            body += f"\n{info.contact_line}"
        days = self.services.followups.settings().snooze_days
        return Notice(
            summary=info.summary,
            body=body,
            reminder_ids=(info.id,),
            actions=((DEFAULT, "Open"), (OPEN, "Open"), (SNOOZE, _snooze_label(days)),
                     (DONE, "Done")),
            urgency=NORMAL_URGENCY if info.priority > 0 else LOW_URGENCY,
        )  # fmt: skip

    def _group_notice(self, due: list[ReminderInfo]) -> Notice:
        first = sorted(due, key=lambda info: (-info.priority, info.effective_at))
        lines = [f"• {info.summary}" for info in first[:GROUP_LINES]]
        if len(due) > GROUP_LINES:
            lines.append(f"and {len(due) - GROUP_LINES} more")
        days = self.services.followups.settings().snooze_days
        return Notice(
            summary=f"{len(due)} follow-ups are due",
            body="\n".join(lines),
            reminder_ids=tuple(info.id for info in due),
            actions=((DEFAULT, "Show all"), (OPEN, "Show all"),
                     (SNOOZE, _snooze_label(days, every=True))),
        )  # fmt: skip

    # -- acting ----------------------------------------------------------------------------

    def act(self, reminder_ids: Sequence[int], action: str, days: float | None = None) -> None:
        """Carry out a notification or panel action, on the GUI thread (the one writer).

        ``days`` is the snooze length (None: the setting).
        """
        ids = [int(i) for i in reminder_ids]
        open_apps = {r.id: r.application_id for r in self.services.reminders.open_reminders()}
        ids = [i for i in ids if i in open_apps]  # already done elsewhere: nothing to do
        if not ids:
            return
        if action == SNOOZE:
            self.services.reminders.snooze(ids, days)
        elif action == DONE:
            self.services.reminders.done(ids)
        elif action in (OPEN, DEFAULT):
            if len(ids) == 1:
                info = self.services.reminders.get(ids[0])
                self.open_requested.emit(info.application_id, info.template_key)
            else:
                self.show_panel_requested.emit()
            return
        else:
            log.info("ignoring unknown notification action %r", action)
            return
        self.changed.emit()
        self.acted_on.emit(sorted({open_apps[i] for i in ids}))
        self._arm(self.services.clock.now())


def _snooze_label(days: int, *, every: bool = False) -> str:
    span = "a day" if days == 1 else f"{days} days"
    return f"Snooze all {span}" if every else f"Snooze {span}"
