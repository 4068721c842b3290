"""The Today agenda's refresh on a large job search, beside floors measured in the same run.

    python tests/benchmarks/bench_agenda.py [--quick]

A refresh is what the window does after every reminder action and every edit: the
scheduler's ``refresh()`` (re-arm the timer, emit ``changed``), the agenda read (counts and
each group's soonest rows), the model's update of the rows that changed, the badge, and the
events that repaint them. Target: p95 <= 16 ms at 10,000 applications (one frame); its CPU
time is reported beside (on a shared machine the wall time waits for other processes). The
run acts on one reminder before each timed refresh (done, or an undo of it), so every
refresh has something to change. Floors: a one-row update, and the old panel's grouped read of the
same reminders (200 per group). Timings on a shared 2-core machine are noisy: read the
ratios. ``--quick`` uses 60 applications, to check the script works.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def main() -> int:
    from _report import median, p95, parse_args, report, time_ms

    args = parse_args(__doc__.splitlines()[0])
    count, rounds = (60, 20) if args.quick else (10_000, 200)
    with tempfile.TemporaryDirectory() as home:
        for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
            os.environ[name] = home
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        return _run(Path(home), count, rounds, args.quick, median, p95, report, time_ms)


def _run(home: Path, count, rounds, quick, median, p95, report, time_ms) -> int:  # type: ignore[no-untyped-def]
    from bench_followups import fill
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from jobtracker.domain.clock import FakeClock
    from jobtracker.domain.services import Services
    from jobtracker.platform.notifications import NullNotifier
    from jobtracker.store.db import open_store
    from jobtracker.store.models import Application
    from jobtracker.ui.main_window import MainWindow
    from jobtracker.ui.opening import opened
    from jobtracker.ui.reminders.controller import RemindersController

    app = QApplication.instance() or QApplication([])
    clock = FakeClock(datetime(2026, 3, 10, 9, 0, tzinfo=UTC))
    services = Services(open_store(home / "bench.sqlite3", owner="bench"), clock)
    ids = fill(services, clock, count, home)
    settings = QSettings(str(home / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(opened(services), settings)
    controller = RemindersController(window, services, notifier=NullNotifier(), use_tray=False)
    controller.start()
    window.show()
    controller.show_panel()
    app.processEvents()
    panel = controller.panel
    open_ids = [r.id for r in services.reminders.open_reminders()][: rounds // 2 + 1]
    acted: list[int] = []

    def act(n: int) -> None:
        """Done on the next reminder, or (every other round) undo the last one."""
        if n % 2 == 0 and open_ids:
            acted.append(open_ids.pop())
            services.reminders.done([acted[-1]])
        elif acted:
            services.reminders.undo_done([acted.pop()])

    def refresh() -> None:
        controller.scheduler.refresh()
        app.processEvents()

    def touch_one(n: int) -> None:
        Application.update(notes=f"note {n}").where(Application.id == ids[n % len(ids)]).execute()

    floor = [time_ms(lambda n=n: touch_one(n)) for n in range(rounds)]
    old_read = [time_ms(lambda: services.reminders.groups(limit=200)) for _ in range(20)]
    timed, cpu = [], []
    for n in range(rounds):
        act(n)
        started = time.process_time()
        timed.append(time_ms(refresh))
        cpu.append((time.process_time() - started) * 1000)
    badge_true = window.reminders_button.count == services.agenda.due_count()
    shown = sum(panel.model.rowCount(panel.model.index(g, 0)) for g in range(6))
    window.close()
    services.close()
    print(f"{count} applications; {shown} agenda rows listed; badge matches: {badge_true}")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    floor_ms, old_ms = median(floor), median(old_read)
    results = [
        report("floor: one-row update, median", floor_ms, "ms"),
        report("floor: old panel's grouped read, median", old_ms, "ms"),
        report("agenda refresh (read, model, badge, events), median", median(timed), "ms"),
        report("agenda refresh, p95", p95(timed), "ms", 16),
        report("agenda refresh, CPU time, median", median(cpu), "ms"),
        report("agenda refresh, CPU time, p95", p95(cpu), "ms"),
        report("agenda refresh p95 / one-row update", p95(timed) / floor_ms, "x"),
        report("agenda refresh p95 / old panel's grouped read", p95(timed) / old_ms, "x"),
    ]
    return 0 if quick or (all(results) and badge_true) else 1


if __name__ == "__main__":
    sys.exit(main())
