"""The board with 10,000 applications, beside an empty QMainWindow measured in the same run.

    python tests/benchmarks/bench_board.py [--quick] [--scale N]

The start is the ``jobtracker`` command itself (``python -m jobtracker --db F``, in a private
HOME), which says when it painted and settled (JOBTRACKER_EXIT_AFTER_FIRST_PAINT=1). Targets
(issues 16 and 20), up to 10,000 cards: process start to the first painted board <= 2x the
floor's (an empty QMainWindow to first paint, in a subprocess); to settled (every card read,
reminders caught up: idle) <= 2x; peak RSS at rest (the search's index built ahead too)
<= 1.6x the floor's. Above 10,000 cards: first
paint <= 2x, settled <= 3x, peak RSS <= 2.5x. Each round starts the floor and the app back to
back, and the targets hold for the median of the rounds' ratios: the machine's slow spells
then slow both sides of a ratio.

Typed while starting: keys typed into the search field 100 ms after the first paint show
(and filter the board) within 150 ms, median of rounds (``_typed_while_starting.py``); the
longest the event loop went without a turn between the first paint and settled is reported
beside it (the design's bound is 16 ms). A drop to committed and repainted, p95 <= 16 ms, and
the CPU time of a move (the drop and the reminders' refresh after it) <= 8 ms (<= 10 ms above
10,000 cards); search per keystroke, p95 <= 16 ms. ``--quick`` uses 300 cards and fewer
rounds, to check the script works; ``--scale N`` uses N cards.
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _report import median, p95, parse_args, person_env, report, time_ms
from PySide6.QtCore import QEvent, QObject

FLOOR_WINDOW = Path(__file__).with_name("_floor_window.py")
TYPED_WHILE_STARTING = Path(__file__).with_name("_typed_while_starting.py")
#: above this many cards, the looser targets of a very large board
LARGE_BOARD = 10_000


COMPANIES = ["Acme", "Northwind", "Helios", "Kestrel", "Lumen", "Mosaic", "Nimbus", "Orchard"]
ROLES = ["Backend Engineer", "Data Engineer", "Platform Engineer", "Frontend Developer"]
PLACES = ["Berlin", "Munich", "Remote", "Lisbon", "Vienna", "Dublin"]
#: the searches typed, a key at a time
SEARCHES = ("backend eng", "acme 12", "remote data", "lisbon 9")


def populate(db_path: Path, count: int) -> None:
    """``count`` applications over every stage in one bulk insert (adding them one by one
    through the service takes minutes), then their reminders, computed by the domain."""
    from jobtracker.domain.clock import SYSTEM_CLOCK
    from jobtracker.domain.services import Services
    from jobtracker.store.db import open_store
    from jobtracker.store.models import Application, database
    from jobtracker.text import search_text

    rng = random.Random(3)
    now = SYSTEM_CLOCK.now()
    with open_store(db_path, owner="benchmark setup") as store:
        services = Services(store)
        stages = services.board.stages()
        rows = []
        for n in range(count):
            company, role = f"{rng.choice(COMPANIES)} {n}", rng.choice(ROLES)
            place, notes = rng.choice(PLACES), f"note {n}"
            rows.append({
                "company": company, "role": role, "location": place, "notes": notes,
                "excitement": rng.randint(0, 5), "stage": stages[n % len(stages)].id,
                "rank": float(n), "stage_entered_at": now, "created_at": now,
                "updated_at": now, "applied_at": now,
                "search_text": search_text(company, role, place, notes),
            })  # fmt: skip
        with database.atomic():
            for start in range(0, len(rows), 500):
                Application.insert_many(rows[start : start + 500]).execute()
        services.followups.recompute()


def private_env(home: Path) -> dict[str, str]:
    """The children's environment: a person's (see ``person_env``), offscreen, each start
    quitting once it has settled and said when it painted."""
    return {
        **person_env(home),
        "QT_QPA_PLATFORM": "offscreen",
        "JOBTRACKER_EXIT_AFTER_FIRST_PAINT": "1",
    }


def started(command: list[str], env: dict[str, str]) -> tuple[float, float, float, float]:
    """(ms from the spawn to the first paint, ms to settled, peak RSS in MB, CPU ms) of a
    process that says ``first paint {...}`` on stderr once it is at rest (see
    ``jobtracker.ui.app``): settled, then its search's index built ahead, which a board
    holds from then on; memory and CPU count until then. CPU time counts the process's own
    work, whatever else the machine runs meanwhile."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    spawned = time.monotonic()  # CLOCK_MONOTONIC is system-wide: the child's readings compare
    result = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=120, env=env
    )
    now_used = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (now_used.ru_utime + now_used.ru_stime - used.ru_utime - used.ru_stime) * 1000
    line = next(x for x in result.stderr.splitlines() if x.startswith("first paint "))
    facts = json.loads(line.removeprefix("first paint "))
    painted = (facts["painted"] - spawned) * 1000
    settled = (facts.get("settled", facts["painted"]) - spawned) * 1000
    return painted, settled, facts["peak_rss_kib"] / 1024, cpu


def start_up(db_path: Path, folder: Path, rounds: int, count: int) -> list[bool]:
    """The ``jobtracker`` command as a person starts it, beside the empty window, in turns."""
    env = private_env(folder)
    floor = [sys.executable, str(FLOOR_WINDOW)]
    command = [sys.executable, "-m", "jobtracker", "--db", str(db_path)]
    started(command, env)  # warm-up: bytecode, caches, the start-of-day backup
    started(floor, env)
    floors, apps = [], []
    for _ in range(rounds):  # taken in turn, so a slow spell of the machine slows both
        floors.append(started(floor, env))
        apps.append(started(command, env))
    floor_ms, floor_mb = median([f[0] for f in floors]), median([f[2] for f in floors])
    report("floor: empty QMainWindow, start to first paint", floor_ms, "ms")
    report("floor: empty QMainWindow, peak RSS", floor_mb, "MB")
    report("app: jobtracker command, start to first paint", median([a[0] for a in apps]), "ms")
    report("app: start to settled (every card read, reminders)", median([a[1] for a in apps]),
           "ms")  # fmt: skip
    report("app: peak RSS, at rest (search index built)", median([a[2] for a in apps]), "MB")
    # the floor alone swings widely between rounds on a shared machine: each round's ratio
    # compares two starts taken back to back
    paint_ratios = sorted(a[0] / f[0] for f, a in zip(floors, apps, strict=True))
    settle_ratios = [a[1] / f[0] for f, a in zip(floors, apps, strict=True)]
    memory_ratios = [a[2] / f[2] for f, a in zip(floors, apps, strict=True)]
    large = count > LARGE_BOARD
    results = [
        report("app: first paint over the floor's (median of rounds)", median(paint_ratios),
               "x", 2),
        report("app: settled over the floor's paint (median of rounds)",
               median(settle_ratios), "x", 3 if large else 2),
        report("app: peak RSS over the floor's (median of rounds)", median(memory_ratios),
               "x", 2.5 if large else 1.6),
    ]  # fmt: skip
    report("app: first paint over the floor's, lowest round", paint_ratios[0], "x")
    report("app: first paint over the floor's, highest round", paint_ratios[-1], "x")
    report("for context: floor's CPU time to first paint", median([f[3] for f in floors]), "ms")
    report("for context: app's CPU time to rest", median([a[3] for a in apps]), "ms")
    report("for context: app CPU to rest over floor CPU (median)",
           median([a[3] / f[3] for f, a in zip(floors, apps, strict=True)]), "x")  # fmt: skip
    return results


def typed_while_starting(db_path: Path, folder: Path, rounds: int) -> list[bool]:
    """Keys typed 100 ms after the first paint, through the app's one start: how long until
    they show, and how long the event loop was held at most meanwhile."""
    env = private_env(folder)
    rounds_facts = []
    for _ in range(rounds):
        result = subprocess.run(
            [sys.executable, str(TYPED_WHILE_STARTING), str(db_path)],
            capture_output=True, text=True, check=True, timeout=120, env=env,
        )  # fmt: skip
        rounds_facts.append(json.loads(result.stdout.splitlines()[-1]))

    def figure(key: str) -> float:
        return median([facts[key] for facts in rounds_facts])

    report("typed while starting: event loop's longest step, median", figure("longest_step_ms"),
           "ms")  # fmt: skip
    report("typed while starting: every card read and filtered", figure("every_card_ms"), "ms")
    return [report("typed while starting: keys shown, board filtered (median)",
                   figure("shown_ms"), "ms", 150)]  # fmt: skip


def interactions(db_path: Path, folder: Path, rounds: int) -> list[bool]:
    """Drops (committed and repainted) and search keystrokes, in one window built as the app
    builds it: with its reminders running (a drop refreshes their count and next alarm)."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from jobtracker.domain.services import open_services
    from jobtracker.ui.app import settle_after_start
    from jobtracker.ui.main_window import MainWindow
    from jobtracker.ui.opening import opened
    from jobtracker.ui.reminders.controller import install_reminders

    app = QApplication.instance() or QApplication([])
    services = open_services(db_path, owner="benchmark")
    try:
        window = MainWindow(
            opened(services), QSettings(str(folder / "i.ini"), QSettings.Format.IniFormat)
        )
        window.resize(1280, 800)
        window.make_ready()  # its services and parts, as the start has them for the reminders
        reminders = install_reminders(window, services)
        window.show()
        app.processEvents()
        reminders.start()  # at once if the first paint has not started it yet
        settle_after_start(window)  # as the app does after the first paint
        until_indexed(app, window)
        floor, floor_cpu = floor_keystrokes(app, typed_queries() * 3)
        report("floor: keystroke into an empty window's field, median", median(floor), "ms")
        report("floor: keystroke into an empty window's field, p95", p95(floor), "ms")
        report("floor: CPU per keystroke, median", median(floor_cpu), "ms")
        return [
            measure_drops(app, window, rounds, reminders.scheduler.refresh, p95(floor)),
            measure_search(app, window, p95(floor)),
        ]
    finally:
        services.close()


def until_indexed(app, window) -> list[float]:
    """Let the board build the indexes it builds ahead, a slice per turn of the event loop
    (the search's a moment after the start, the filters' once their bar is open): the
    per-change figures are those of a board at rest. Returns each turn's wall ms (how long
    the building holds input at a time)."""
    turns = [time_ms(app.processEvents)]
    deadline = time.monotonic() + 60
    while not window.board.card_set.indexed and time.monotonic() < deadline:
        time.sleep(0.01)  # the search's index starts a moment after the start
        turns.append(time_ms(app.processEvents))
    return turns


def typed_queries() -> list[str]:
    """Each prefix of each search, as a person types it (cleared between searches)."""
    texts = []
    for query in SEARCHES:
        texts += [query[:end] for end in range(1, len(query) + 1)] + [""]
    return texts


def floor_keystrokes(app, texts: list[str]) -> tuple[list[float], list[float]]:
    """A keystroke into the search field of an empty window, to the field repainted: the
    floor of the per-change figures, measured in the same process and run (wall ms, CPU
    ms)."""
    from PySide6.QtWidgets import QLineEdit, QMainWindow, QToolBar

    window = QMainWindow()
    bar = QToolBar(window)
    field = QLineEdit(window)
    bar.addWidget(field)
    window.addToolBar(bar)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    times, cpu_times = [], []
    for text in texts:

        def keystroke(text: str = text) -> None:
            field.setText(text)
            app.processEvents()
            field.repaint()

        cpu = time.process_time()
        times.append(time_ms(keystroke))
        cpu_times.append((time.process_time() - cpu) * 1000)
    window.close()
    return times, cpu_times


class PaintLog(QObject):
    """The widgets given a paint event since it was cleared, while ``counting()`` holds."""

    def __init__(self, widgets, counting=lambda: True) -> None:
        super().__init__()
        self.painted: set = set()
        self._counting = counting
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and self._counting():
            self.painted.add(watched)
        return False


def show_text(app, field, log: PaintLog, text: str) -> None:
    """Set ``text`` into ``field`` and let the screen show it: what it changed is painted
    through the event loop, or, when nothing else changed, the field itself."""
    log.painted.clear()
    field.setText(text)
    app.processEvents()
    if not log.painted:
        field.repaint()


def measure_drops(app, window, rounds: int, refresh_reminders, floor_p95: float) -> bool:
    """Drops to committed and repainted (wall time), and the CPU time a move costs the
    process: the drop, and the reminders' refresh that follows each write once edits pause
    (``refresh_reminders``: the due count and the next alarm)."""
    from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

    from jobtracker.ui.board.card_model import CARD_MIME_TYPE, encode_ids

    views = window.board.views()
    move, left, none = (
        Qt.DropAction.MoveAction,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    board = window.services.board
    domain_times: list[float] = []
    domain_move = board.move_cards

    def timed_move(*args, **kwargs):
        start = time.perf_counter()
        try:
            return domain_move(*args, **kwargs)
        finally:
            domain_times.append((time.perf_counter() - start) * 1000)

    board.move_cards = timed_move  # the share of the domain (and its reminder hook)
    moved = {"card": 0, "stage": 0}

    def board_shows_the_move() -> bool:
        card = window.board.card_set.card(moved["card"])
        return card is not None and card.stage_id == moved["stage"]

    log = PaintLog([view.viewport() for view in views], board_shows_the_move)
    times, cpu_times = [], []
    for n in range(rounds):
        source, target = views[n % (len(views) - 1)], views[n % (len(views) - 1) + 1]
        card_id = source.cards.index(0, 0).data(Qt.ItemDataRole.UserRole + 1)
        moved.update(card=card_id, stage=target.cards.stage_id)
        mime = QMimeData()
        mime.setData(CARD_MIME_TYPE, encode_ids([card_id]))
        point = QPoint(100, 30)

        def drop(source=source, target=target, mime=mime, point=point) -> None:
            viewport = target.viewport()
            app.sendEvent(viewport, QDragEnterEvent(point, move, mime, left, none))
            app.sendEvent(viewport, QDragMoveEvent(point, move, mime, left, none))
            app.sendEvent(viewport, QDropEvent(QPointF(point), move, mime, left, none))
            log.painted.clear()
            app.processEvents()  # the zero timer: the domain move, the model update, paints
            for view in (source, target):  # one paint of each after the move, no more
                if view.viewport() not in log.painted:
                    view.viewport().repaint()

        cpu = time.process_time()
        times.append(time_ms(drop))
        refresh_reminders()
        cpu_times.append((time.process_time() - cpu) * 1000)
        assert window.board.card_set.card(card_id).stage_id == target.cards.stage_id
    del board.move_cards
    report("drop: of which the domain move and reminder update, median", median(domain_times), "ms")
    report("drop: committed and repainted, median", median(times), "ms")
    cpu_target = 8 if len(window.board.card_set) <= LARGE_BOARD else 10
    results = [
        report("drop: committed and repainted, p95", p95(times), "ms", 16),
        report("drop: CPU per move (drop and reminder refresh), median", median(cpu_times),
               "ms", cpu_target),
    ]  # fmt: skip
    report("drop: CPU per move, p95", p95(cpu_times), "ms")
    report("drop: p95 over the floor keystroke's p95", p95(times) / floor_p95, "x")
    return all(results)


def measure_search(app, window, floor_p95: float) -> bool:
    """Each keystroke through the event loop: the filter, the columns' layouts, and the
    paint of what is on screen (a column scrolled out of sight is not painted, nor one whose
    cards stay the same)."""
    times, cpu_times = [], []
    log = PaintLog([view.viewport() for view in window.board.views()])
    for text in typed_queries():
        keystroke = partial(show_text, app, window.search_field, log, text)
        if text:
            cpu = time.process_time()
            times.append(time_ms(keystroke))
            cpu_times.append((time.process_time() - cpu) * 1000)
        else:  # cleared between searches, as before: not a keystroke of a search
            keystroke()
    report("search: per keystroke, median", median(times), "ms")
    result = report("search: per keystroke, p95", p95(times), "ms", 16)
    report("search: CPU per keystroke, median", median(cpu_times), "ms")
    report("search: CPU per keystroke, p95", p95(cpu_times), "ms")
    report("search: p95 over the floor keystroke's p95", p95(times) / floor_p95, "x")
    return result


def main() -> int:
    args = parse_args(__doc__.splitlines()[0])
    count, rounds, drops = (300, 1, 8) if args.quick else (10_000, 11, 60)
    count = args.scale or count
    with tempfile.TemporaryDirectory(prefix="jobtracker-bench-") as scratch:
        folder = Path(scratch)
        for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
            os.environ[name] = private_env(folder)[name]  # this process's window too
        db_path = folder / "board.sqlite3"
        setup = time_ms(lambda: populate(db_path, count))
        report(f"setup: {count} applications written", setup, "ms")
        results = start_up(db_path, folder, rounds, count)
        results += typed_while_starting(db_path, folder, max(rounds // 2, 1))
        results += interactions(db_path, folder, drops)
    return 0 if all(results) or args.quick else 1


if __name__ == "__main__":
    sys.exit(main())
