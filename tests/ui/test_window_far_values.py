"""The window's start and the reminder scheduler over values an older version stored out of
range (year 1, year 9999): the board opens with every card, and the scheduler keeps going."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from fixtures.far_values import write_far_values

from jobtracker.domain.clock import SYSTEM_CLOCK
from jobtracker.domain.services import Services
from jobtracker.platform.notifications import Notice, Notifier
from jobtracker.store.db import open_store
from jobtracker.ui.reminders.scheduler import ReminderScheduler


def test_the_window_starts_over_far_stored_dates(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    write_far_values(db)
    env = {**os.environ, "JOBTRACKER_EXIT_AFTER_FIRST_PAINT": "1", "TZ": "America/New_York"}
    started = subprocess.run(
        [sys.executable, "-m", "jobtracker", "--db", str(db)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert started.returncode == 0, started.stderr
    assert "Traceback" not in started.stderr, started.stderr


class _Shown(Notifier):
    def __init__(self) -> None:
        super().__init__()
        self.shown: list[Notice] = []

    def show(self, notice: Notice) -> bool:
        self.shown.append(notice)
        return True


def test_the_scheduler_checks_and_rearms_over_far_stored_dates(qtbot, tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    write_far_values(db)
    store = open_store(db, owner="pytest")
    try:
        services = Services(store, SYSTEM_CLOCK)
        scheduler = ReminderScheduler(services, _Shown())
        with qtbot.waitSignal(scheduler.changed, timeout=10_000):
            scheduler.check()
        assert scheduler.timer.isActive()
        assert scheduler.next_check_at() is not None
        scheduler.stop()
    finally:
        store.close()
