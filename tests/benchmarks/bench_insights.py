"""Insights on a large job search, as a person runs them, beside floors from the same run.

    python tests/benchmarks/bench_insights.py [--quick]

10,000 applications over six months with their stage moves, 4,000 interviews, 3,000 sent
drafts and 4,000 follow-up reminders. Targets: ``jobtracker stats`` (the command, start to
exit) median <= 300 ms; the Insights window opened (a fresh process importing it, building
it and painting its first frame) median <= 500 ms. Also shown: the window filled in (its
worker read the figures and loaded pyqtgraph, the four charts drawn and painted). Beside
each, a floor: ``jobtracker --version`` and an empty QWidget painted in a fresh process.
The machine is shared: read the ratios to the floors, and the CPU times.
``--quick`` uses 200 applications and 3 rounds, to check the script works.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _report import child_cpu_ms, median, parse_args, person_env, report, time_ms

from jobtracker.store.db import open_store
from jobtracker.store.instants import to_db_text
from jobtracker.store.models import database

START = datetime(2025, 9, 1, 9, 0, tzinfo=UTC)
SOURCES = ("LinkedIn", "Referral", "Company site", "Indeed", "")

#: run in a fresh process: the window's open, as View -> Insights does it the first time;
#: prints the milliseconds to the first frame, then to the figures painted
OPEN_VIEW = """
import sys, time
from datetime import UTC
from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication
app = QApplication(["bench"])
from jobtracker.domain.services import open_services
services = open_services(__import__("pathlib").Path(sys.argv[1]), owner="bench", readonly=True)
services.followups.tz = UTC
start = time.perf_counter()
from jobtracker.ui.insights.window import InsightsWindow
window = InsightsWindow(services.insights)
window.show()
app.processEvents()
window.repaint()
opened = time.perf_counter()
if window.figures is None:
    loop = QEventLoop()
    window.figures_shown.connect(loop.quit)
    loop.exec()
window.repaint()
print((opened - start) * 1000, (time.perf_counter() - start) * 1000)
"""
EMPTY_WIDGET = """
import time
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(["bench"])
start = time.perf_counter()
window = QWidget()
window.show()
app.processEvents()
window.repaint()
print((time.perf_counter() - start) * 1000)
"""


def fill(path: Path, count: int) -> None:
    """``count`` applications written in bulk (the rules are not what is measured)."""
    store = open_store(path, owner="bench")
    stages = {
        role: stage_id
        for stage_id, role in database.execute_sql('SELECT "id", "role" FROM "stage"').fetchall()
    }
    flow = ["applied", "interviewing", "offer", "rejected", "no_response", "accepted"]
    apps, moves, interviews, drafts, reminders = [], [], [], [], []
    for n in range(1, count + 1):
        applied = START + timedelta(hours=n * 4380 // count, minutes=n % 60)
        end = flow[n % len(flow)]
        at = to_db_text(applied)
        apps.append((n, f"Company {n}", "Engineer", SOURCES[n % 5], n % 6, stages[end],
                     float(n), at, at, at, at, f"company {n} engineer", *[""] * 6))  # fmt: skip
        moves.append((n, at, "created", None, stages["applied"]))
        if end != "applied":
            later = to_db_text(applied + timedelta(days=3 + n % 20))
            moves.append((n, later, "stage_changed", stages["applied"], stages[end]))
        if n % 5 < 2:
            interview = applied + timedelta(days=5 + n % 9)
            interviews.append((n, to_db_text(interview)))
            if n % 3:
                sent = to_db_text(interview + timedelta(hours=2 + n % 40))
                drafts.append((n, "thank-you", sent, sent, sent))
            due = interview + timedelta(hours=49)
            done = to_db_text(due + timedelta(hours=n % 30)) if n % 2 else None
            reminders.append((n, "no_reply", f"interview:{n}", "x", "follow-up",
                              to_db_text(due), done))  # fmt: skip
    with database.atomic():
        run = database.cursor().executemany
        run('INSERT INTO "application" ("id", "company", "role", "source", "excitement", '
            '"stage_id", "rank", "stage_entered_at", "applied_at", "created_at", "updated_at", '
            '"search_text", "url", "location", "salary_text", "salary_currency", "description", '
            f'"notes") VALUES ({", ".join("?" * 18)})', apps)  # fmt: skip
        run('INSERT INTO "activity" ("application_id", "at", "kind", "from_stage_id", '
            '"to_stage_id", "text") VALUES (?, ?, ?, ?, ?, \'\')', moves)  # fmt: skip
        run('INSERT INTO "interview" ("application_id", "starts_at", "title", "duration_minutes",'
            ' "kind", "location", "notes") VALUES (?, ?, \'\', 60, \'video\', \'\', \'\')',
            interviews)  # fmt: skip
        run(
            'INSERT INTO "draft" ("application_id", "template_key", "subject", "body", '
            '"created_at", "updated_at", "sent_at") VALUES (?, ?, \'\', \'\', ?, ?, ?)',
            drafts,
        )
        run('INSERT INTO "reminder" ("application_id", "rule_key", "anchor", "reason", '
            '"template_key", "priority", "due_at", "done_at") VALUES (?, ?, ?, ?, ?, 1, ?, ?)',
            reminders)  # fmt: skip
    store.close()


def command(*args: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=env, check=True
    )
    return result.stdout


def main() -> int:
    args = parse_args(__doc__.splitlines()[0])
    count, rounds = (200, 3) if args.quick else (10_000, 7)
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch) / "home"
        home.mkdir()
        env = {**person_env(home), "QT_QPA_PLATFORM": "offscreen"}
        db = Path(scratch) / "bench.sqlite3"
        fill(db, count)
        jobtracker = ("-m", "jobtracker", "--db", str(db))
        floor_cli, stats, floor_cpu, stats_cpu = [], [], [], []
        floor_view, view, filled = [], [], []
        for _ in range(rounds):  # each round runs floor and product back to back
            floor_cpu.append(
                child_cpu_ms(
                    lambda: floor_cli.append(
                        time_ms(lambda: command(*jobtracker, "--version", env=env))
                    )
                )
            )
            stats_cpu.append(child_cpu_ms(lambda: stats.append(
                time_ms(lambda: command(*jobtracker, "stats", env=env)))))  # fmt: skip
            floor_view.append(float(command("-c", EMPTY_WIDGET, env=env)))
            opened, shown = command("-c", OPEN_VIEW, str(db), env=env).split()
            view.append(float(opened))
            filled.append(float(shown))
        sent = command(*jobtracker, "stats", "--json", env=env).count('"week"')
    print(f"{count} applications, {sent} weeks")
    results = [
        report("floor: jobtracker --version, median", median(floor_cli), "ms"),
        report("jobtracker stats, median", median(stats), "ms", 300),
        report("  ratio to the floor", median(stats) / median(floor_cli), "x"),
        report("  CPU time: --version, median", median(floor_cpu), "ms"),
        report("  CPU time: stats, median", median(stats_cpu), "ms"),
        report("  CPU time: ratio to --version's", median(stats_cpu) / median(floor_cpu), "x"),
        report("floor: an empty QWidget painted, median", median(floor_view), "ms"),
        report("Insights window opened and painted, median", median(view), "ms", 500),
        report("  the same, filled in: figures read, charts drawn", median(filled), "ms"),
    ]
    return 0 if args.quick or all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
