"""Store and board speed with 10,000 applications: loading every card row, and single moves.

Targets: load every board row (BoardService.cards) <= 2x a raw sqlite3 select of the same
rows in the same run (median of 5 each, wall and CPU); 1,000 moves, each in its own
transaction, p95 <= 2 ms. The load was first held to 50 ms (issue 2), but the raw select
alone takes about that on the reference machine: what the service adds (instants parsed,
the next interview, reminder and tags of each card, the board order) is judged against it.
Floors measured in the same run: that raw select, and a raw one-row update in its own
transaction with the same pragmas. For context it also reports the disk's fsync time and the
moves under synchronous=NORMAL.

Run: ``python tests/benchmarks/bench_store.py [--quick]``
"""

from __future__ import annotations

import os
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _report import median, p95, parse_args, report, time_ms

from jobtracker.domain.board import BoardService
from jobtracker.domain.clock import FakeClock
from jobtracker.store.db import PRAGMAS, open_store
from jobtracker.store.instants import to_db_text
from jobtracker.store.models import database
from jobtracker.text import search_text

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
LOAD_TARGET_RATIO = 2.0
MOVE_P95_TARGET_MS = 2.0


def fill(count: int) -> None:
    """``count`` applications over the default stages, with interviews and reminders."""
    rng = random.Random(1)
    stage_ids = [row[0] for row in database.execute_sql('SELECT "id" FROM "stage"')]
    rows = []
    for n in range(count):
        company, role, location = f"Company {n}", f"Role {n % 97}", f"City {n % 31}"
        created = NOW - timedelta(days=90, minutes=-13 * n)
        entered = created + timedelta(days=rng.choice([0, 0, 2, 9]), seconds=rng.randrange(9999))
        rows.append(
            (company, role, "", location, "", "", "", "", "", n % 6, stage_ids[n % 8],
             float(n), to_db_text(entered), to_db_text(created), to_db_text(created),
             to_db_text(entered), search_text(company, role, location))
        )  # fmt: skip
    with database.atomic():
        database.connection().executemany(
            'INSERT INTO "application" ("company", "role", "url", "location", "salary_text", '
            '"salary_currency", "source", "description", "notes", "excitement", "stage_id", '
            '"rank", "stage_entered_at", "applied_at", "created_at", "updated_at", '
            '"search_text") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            rows,
        )
        ids = [row[0] for row in database.execute_sql('SELECT "id" FROM "application"')]
        database.connection().executemany(
            'INSERT INTO "interview" ("application_id", "title", "starts_at", '
            '"duration_minutes", "kind", "location", "notes") VALUES (?, ?, ?, 60, ?, ?, ?)',
            [(i, "Interview", to_db_text(NOW + timedelta(days=rng.randint(-9, 9))), "video",
              "", "") for i in rng.sample(ids, count // 5)],
        )  # fmt: skip
        database.connection().executemany(
            'INSERT INTO "reminder" ("application_id", "rule_key", "anchor", "reason", '
            '"template_key", "priority", "due_at") VALUES (?, ?, ?, ?, ?, 1, ?)',
            [(i, "no_reply", "", "No answer for 48 hours", "follow_up",
              to_db_text(NOW + timedelta(hours=rng.randint(-48, 48))))
             for i in rng.sample(ids, count // 3)],
        )  # fmt: skip


def cpu_ms(action: Callable[[], object]) -> float:
    """This process's CPU time for ``action``: steadier than wall time on a busy machine."""
    start = time.process_time()
    action()
    return (time.process_time() - start) * 1000


def raw_select(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return len(
            conn.execute(
                'SELECT "id", "stage_id", "rank", "company", "role", "location", "excitement", '
                '"stage_entered_at", "search_text" FROM "application" '
                'WHERE "archived_at" IS NULL AND "deleted_at" IS NULL'
            ).fetchall()
        )
    finally:
        conn.close()


def time_moves(board: BoardService, count: int, rng: random.Random) -> list[float]:
    """Move random cards to random places, one transaction each; milliseconds per move."""
    columns: dict[int, list[int]] = {}
    for card in board.cards():
        columns.setdefault(card.stage_id, []).append(card.id)
    stage_ids = list(columns)
    times = []
    for _ in range(count):
        source = rng.choice([s for s in stage_ids if columns[s]])
        card_id = rng.choice(columns[source])
        target = rng.choice(stage_ids)
        columns[source].remove(card_id)
        column = columns[target]
        index = rng.randrange(len(column) + 1)
        before = column[index] if index < len(column) else None
        start = time.perf_counter()
        board.move_cards([card_id], target, before)
        times.append((time.perf_counter() - start) * 1000)
        column.insert(index, card_id)
    return times


def raw_update_times(path: Path, count: int, synchronous: str) -> list[float]:
    conn = sqlite3.connect(path, isolation_level=None)
    for name, value in PRAGMAS.items():
        conn.execute(f"PRAGMA {name} = {value if name != 'synchronous' else synchronous}")
    times = []
    for n in range(count):
        start = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute('UPDATE "application" SET "rank" = ? WHERE "id" = ?', (n + 0.5, n % 50 + 1))
        conn.execute("COMMIT")
        times.append((time.perf_counter() - start) * 1000)
    conn.close()
    return times


def fsync_times(folder: Path, count: int) -> list[float]:
    fd = os.open(folder / "fsync-probe", os.O_RDWR | os.O_CREAT, 0o600)
    times = []
    for _ in range(count):
        os.write(fd, b"x" * 4096)
        start = time.perf_counter()
        os.fsync(fd)
        times.append((time.perf_counter() - start) * 1000)
    os.close(fd)
    return times


def main() -> int:
    args = parse_args(__doc__.splitlines()[0])
    cards, moves = (500, 50) if args.quick else (10_000, 1_000)
    judged = not args.quick
    ok = True
    with tempfile.TemporaryDirectory(prefix="bench-store-") as scratch:
        path = Path(scratch) / "jobtracker.sqlite3"
        store = open_store(path, owner="benchmark")
        try:
            fill(cards)
            board = BoardService(FakeClock(NOW))
            loaded = len(board.cards())
            floor_rows = raw_select(path)
            assert loaded == floor_rows == cards, (loaded, floor_rows)
            load = median([time_ms(board.cards) for _ in range(5)])
            floor = median([time_ms(lambda: raw_select(path)) for _ in range(5)])
            load_cpu = median([cpu_ms(board.cards) for _ in range(5)])
            floor_cpu = median([cpu_ms(lambda: raw_select(path)) for _ in range(5)])
            print(f"{cards:,} applications; synchronous={PRAGMAS['synchronous']}")
            report("floor: raw sqlite3 select of the same rows (median of 5)", floor, "ms")
            report("load every board row, BoardService.cards (median of 5)", load, "ms")
            ok &= report(
                "load / floor (wall)", load / floor, "x", LOAD_TARGET_RATIO if judged else None
            )
            report("for context: floor in CPU time (median of 5)", floor_cpu, "ms")
            report("for context: load in CPU time (median of 5)", load_cpu, "ms")
            report("for context: load / floor (CPU)", load_cpu / floor_cpu, "x")
            rng = random.Random(2)
            move_times = time_moves(board, moves, rng)
            floor_update = raw_update_times(path, moves, PRAGMAS["synchronous"])
            report("floor: raw one-row update, own transaction (p95)", p95(floor_update), "ms")
            report("move a card, own transaction (median)", median(move_times), "ms")
            ok &= report(
                f"move a card, own transaction (p95 of {moves:,})",
                p95(move_times), "ms", MOVE_P95_TARGET_MS if judged else None,
            )  # fmt: skip
            database.execute_sql("PRAGMA synchronous = NORMAL")
            normal_times = time_moves(board, moves // 5, rng)
            report("for context: move p95 under synchronous=NORMAL", p95(normal_times), "ms")
            report(
                "for context: raw one-row update p95 under synchronous=NORMAL",
                p95(raw_update_times(path, moves // 5, "NORMAL")), "ms",
            )  # fmt: skip
            fsyncs = fsync_times(Path(scratch), moves // 5)
            report("for context: fsync of a 4 KiB write (median)", median(fsyncs), "ms")
            report("for context: fsync of a 4 KiB write (p95)", p95(fsyncs), "ms")
        finally:
            store.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
