"""The People window over a search with 15,000 people, beside floors from the same run.

    python tests/benchmarks/bench_people.py [--quick] [--scale N]

10,000 applications, 15,000 people (each on one to three applications), 5,000 interviews
with their interviewers and 3,000 notes sent. One board window built as the app builds it,
in a private HOME; View -> People… is triggered as a person does. Targets (issue 21): the
People window opened and painted <= 500 ms (the first time: its modules load then); the
longest the event loop goes without a turn, from that paint until the table is filled, and
while everyone is read again after a change (as when the window comes back to the front),
<= 16 ms; a keystroke in the window's search to the table painted, p95 <= 16 ms.

Floors, measured in the same run and process: an empty window shown and painted; the
longest gap between 1 ms timer ticks with nothing to do; a keystroke into an empty window's
field. The machine is shared: read the ratios to the floors, and the CPU times.
``--quick`` uses 300 people and fewer keys, to check the script works.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _report import enter_private_home, median, p95, parse_args, report, time_ms
from bench_board import COMPANIES, ROLES, PaintLog, floor_keystrokes, show_text
from bench_filters import typed

FIRST = ["Sofia", "Marco", "Lena", "Jonas", "Aisha", "Tomás", "Mei", "Olu", "Ines", "Pavel"]
LAST = ["Marin", "Bianchi", "Novak", "Schulz", "Khan", "Silva", "Chen", "Okafor", "Berg"]
TITLES = ["Recruiter", "Engineering Manager", "Talent Partner", "Staff Engineer", "CTO"]
SEARCHES = ("sofia mar", "acme 12", "recruiter", "okafor")


def populate(db_path: Path, people: int) -> None:
    """Applications, people, their links, interviews and sent notes, in bulk inserts."""
    from jobtracker.domain.clock import SYSTEM_CLOCK
    from jobtracker.store.db import open_store
    from jobtracker.store.instants import to_db_text
    from jobtracker.store.models import database
    from jobtracker.text import search_text

    rng = random.Random(21)
    now = SYSTEM_CLOCK.now()
    count = max(1, people * 2 // 3)
    with open_store(db_path, owner="benchmark setup"):
        stages = [row[0] for row in database.execute_sql('SELECT "id" FROM "stage"')]
        apps, contacts, links, interviews, interviewers, drafts = [], [], [], [], [], []
        for n in range(1, count + 1):
            company, role = f"{rng.choice(COMPANIES)} {n}", rng.choice(ROLES)
            at = to_db_text(now - timedelta(days=rng.randint(1, 150)))
            apps.append((n, company, role, stages[n % len(stages)], float(n), at, at, at, at,
                         search_text(company, role)))  # fmt: skip
        for n in range(1, people + 1):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            first = rng.randint(1, count)
            company = apps[first - 1][1]
            email = f"{name.split()[0].lower()}.{n}@example.com"
            contacts.append((n, name, rng.choice(TITLES), company, email, f"+49 30 {n:06d}",
                             to_db_text(now)))  # fmt: skip
            for app_id in {first, *rng.sample(range(1, count + 1), rng.randint(0, 2))}:
                links.append((app_id, n, rng.choice(("recruiter", "hiring manager", "other"))))
        for n in range(1, people // 3 + 1):
            starts = to_db_text(now - timedelta(days=rng.randint(-20, 120)))
            interviews.append((n, rng.randint(1, count), starts))
            interviewers.append((n, rng.randint(1, people)))
        for _ in range(people // 5):
            sent = to_db_text(now - timedelta(days=rng.randint(1, 120)))
            drafts.append((rng.randint(1, count), rng.randint(1, people), sent, sent, sent))
        with database.atomic():
            run = database.cursor().executemany
            run('INSERT INTO "application" ("id", "company", "role", "stage_id", "rank", '
                '"stage_entered_at", "applied_at", "created_at", "updated_at", "search_text", '
                '"url", "location", "salary_text", "salary_currency", "source", "description", '
                "\"notes\", \"excitement\") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "'', '', '', '', '', '', '', 0)", apps)  # fmt: skip
            run('INSERT INTO "contact" ("id", "name", "title", "company", "email", "phone", '
                "\"created_at\", \"url\", \"notes\") VALUES (?, ?, ?, ?, ?, ?, ?, '', '')",
                contacts)  # fmt: skip
            run('INSERT INTO "application_contact" ("application_id", "contact_id", "role") '
                "VALUES (?, ?, ?)", links)  # fmt: skip
            run('INSERT INTO "interview" ("id", "application_id", "starts_at", "title", '
                '"duration_minutes", "kind", "location", "notes") '
                "VALUES (?, ?, ?, 'Interview', 60, 'video', '', '')", interviews)  # fmt: skip
            run('INSERT OR IGNORE INTO "interview_interviewer" ("interview_id", "contact_id") '
                "VALUES (?, ?)", interviewers)  # fmt: skip
            run('INSERT INTO "draft" ("application_id", "contact_id", "template_key", '
                '"subject", "body", "created_at", "updated_at", "sent_at") '
                "VALUES (?, ?, 'thank-you', '', '', ?, ?, ?)", drafts)  # fmt: skip


class Turns:
    """The longest gap between the event loop's turns (a 1 ms timer's ticks) since started,
    and the most CPU time the GUI thread spent in one such gap: on a shared machine the
    gaps also hold the time the process waited for a core, the CPU time only its own work."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest = self.longest_cpu = 0.0
        self._last = self._last_cpu = 0.0
        self._timer = QTimer()
        self._timer.setInterval(1)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.longest = self.longest_cpu = 0.0
        self._last, self._last_cpu = time.perf_counter(), time.thread_time()
        self._timer.start()

    def stop(self) -> tuple[float, float]:
        """The longest gap and the most GUI-thread CPU in one gap, in ms."""
        self._timer.stop()
        return self.longest * 1000, self.longest_cpu * 1000

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.longest = max(self.longest, now - self._last)
        self.longest_cpu = max(self.longest_cpu, cpu - self._last_cpu)
        self._last, self._last_cpu = now, cpu


def run_until(app, done: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the People window did not finish in time")
        app.processEvents()
        time.sleep(0.0002)


def floors(app) -> tuple[float, float]:
    """(an empty window shown and painted, ms; the longest gap between 1 ms ticks with
    nothing to do, ms)."""
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    window.resize(1280, 720)
    log = PaintLog([window])
    start = time.perf_counter()
    window.show()
    run_until(app, lambda: bool(log.painted))
    shown = (time.perf_counter() - start) * 1000
    turns = Turns()
    turns.start()
    deadline = time.monotonic() + 0.5
    run_until(app, lambda: time.monotonic() > deadline)
    window.close()
    return shown, turns.stop()[0]


def measure(db_path: Path, folder: Path, quick: bool) -> list[bool]:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QUndoCommand
    from PySide6.QtWidgets import QApplication

    from jobtracker.domain.services import open_services
    from jobtracker.ui.app import settle_after_start
    from jobtracker.ui.main_window import MainWindow
    from jobtracker.ui.opening import opened

    app = QApplication.instance() or QApplication([])
    searches = typed(SEARCHES, quick)
    floor_shown, floor_idle = floors(app)
    floor_keys, floor_cpu = floor_keystrokes(app, searches * (1 if quick else 3))
    services = open_services(db_path, owner="benchmark")
    try:
        board = MainWindow(
            opened(services), QSettings(str(folder / "p.ini"), QSettings.Format.IniFormat)
        )
        board.resize(1280, 800)
        board.show()
        app.processEvents()
        settle_after_start(board)  # as the app does after the first paint

        from jobtracker.ui.people.window import PeopleWindow

        painted: list[float] = []
        turns = Turns()

        class FirstPaint(PaintLog):
            def eventFilter(self, watched, event) -> bool:
                if event.type() == event.Type.Paint and not painted:
                    painted.append(time.perf_counter())
                    turns.start()
                return False

        watcher = FirstPaint([])
        app.installEventFilter(watcher)  # the window is built by the action
        cpu, start = time.process_time(), time.perf_counter()
        board.people.open_action.trigger()
        view = board.people.view
        assert isinstance(view, PeopleWindow)
        run_until(app, lambda: bool(painted))
        app.removeEventFilter(watcher)
        opened = (painted[0] - start) * 1000
        run_until(app, lambda: not view.loading)
        view.table.viewport().repaint()
        filled = (time.perf_counter() - start) * 1000
        open_cpu = (time.process_time() - cpu) * 1000
        open_hold, open_cpu_hold = turns.stop()
        rows = view.model.rowCount()

        board.undo_stack.push(QUndoCommand("a change in the board"))
        turns.start()
        again = time_ms(lambda: (view.reload(), run_until(app, lambda: not view.loading)))
        again_hold, again_cpu_hold = turns.stop()

        log = PaintLog([view.table.viewport()])
        keys, keys_cpu = [], []
        for text in searches:
            cpu = time.process_time()
            keys.append(time_ms(partial(show_text, app, view.search, log, text)))
            keys_cpu.append((time.process_time() - cpu) * 1000)
        view.wait()
        view.close()
        board.close()
    finally:
        services.close()

    print(f"{rows:,} people in the table; shared 2-core machine: read the ratios")
    results = [report("People window opened and painted", opened, "ms", 500)]
    report("floor: an empty window shown and painted", floor_shown, "ms")
    report("opened over the floor's", opened / max(floor_shown, 0.01), "x")
    report("opened to every person in the table, painted", filled, "ms")
    report("CPU of this process from the open to filled", open_cpu, "ms")
    results.append(report("longest event-loop hold, painted to filled", open_hold, "ms", 16))
    results.append(
        report("longest event-loop hold, read again after a change", again_hold, "ms", 16)
    )
    report("read again after a change, to shown", again, "ms")
    report("most GUI-thread CPU in one turn, painted to filled", open_cpu_hold, "ms")
    report("most GUI-thread CPU in one turn, read again", again_cpu_hold, "ms")
    report("floor: longest gap between 1 ms ticks, nothing to do", floor_idle, "ms")
    report("longest hold over the floor's", max(open_hold, again_hold) / max(floor_idle, 1), "x")
    floor_p95 = p95(floor_keys)
    report("search: keystroke to the table painted, median", median(keys), "ms")
    results.append(report("search: keystroke to the table painted, p95", p95(keys), "ms", 16))
    report("search: CPU per keystroke, p95", p95(keys_cpu), "ms")
    report("floor: keystroke into an empty window's field, p95", floor_p95, "ms")
    report("floor: CPU per keystroke, p95", p95(floor_cpu), "ms")
    report("search p95 over the floor's", p95(keys) / max(floor_p95, 0.01), "x")
    return results


def main() -> int:
    args = parse_args(__doc__.splitlines()[0])
    people = args.scale or (300 if args.quick else 15_000)
    with tempfile.TemporaryDirectory(prefix="jobtracker-bench-") as scratch:
        enter_private_home(Path(scratch) / "home")
        db_path = Path(scratch) / "people.sqlite3"
        setup = time_ms(lambda: populate(db_path, people)) / 1000
        print(f"{people:,} people (setup {setup:.1f} s)")
        met = all(measure(db_path, Path(scratch), args.quick))
    return 0 if met or args.quick else 1


if __name__ == "__main__":
    sys.exit(main())
