"""Follow-up rules on a large job search, beside a one-row update measured in the same run.

    python tests/benchmarks/bench_followups.py [--quick]

Every write recomputes the reminders of the application it touched, so that must stay
cheap at any size. Target at 10,000 applications (imported from a spreadsheet over 90
days, spread over the board's roles, with interviews and answers): the reminders of one
application after a write, p95 <= 5 ms. A full recompute with nothing changed and listing
the open reminders grouped are reported (the start owes a full recompute only when the
rules or the settings changed).

Per change, in proportion to the change (the scale issue): after each move of a card, the
due count and the next announcement, as the window reads them for its badge and its timer.
They come from the store's tally of open reminders and an index, so the figure stays flat
from 10,000 to 50,000 applications (``--scale 50000``); beside it, the same due count made
by counting the due reminders one by one in the index, which grows with the search.
``--quick`` uses 20 applications and fewer rounds, to check the script works.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _report import median, p95, parse_args, report, time_ms

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.services import Services
from jobtracker.domain.transfer.service import transfer_for
from jobtracker.store.db import open_store
from jobtracker.store.instants import to_db_text
from jobtracker.store.models import Application, database

#: the statuses a search's spreadsheet holds, in the proportions of a real one
STATUSES = ("Applied", "Applied", "Applied", "Interview", "Offer", "Rejected", "Ghosted")


def fill(services: Services, clock: FakeClock, count: int, folder: Path) -> list[int]:
    """``count`` applications imported from a spreadsheet spanning 90 days (the product's
    bulk path), then an interview logged on every tenth and an answer on every eighth, as a
    person logs them (each write recomputes its application)."""
    today = clock.now().date()
    lines = ["Company,Position,Status,Date Applied"]
    for n in range(count):
        day = today - timedelta(days=90 * (count - n) // count)
        lines.append(f"Company {n},Engineer,{STATUSES[n % len(STATUSES)]},{day.isoformat()}")
    sheet = folder / "search.csv"
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    transfer = transfer_for(services)
    ids = list(transfer.apply(transfer.preview(sheet)).application_ids)
    with database.atomic():
        for n, app in enumerate(ids):
            if n % 10 == 0:
                services.interviews.add(app, clock.now() + timedelta(days=n % 9 - 4))
            if n % 8 == 0:
                services.timeline.add(app, "heard_back")
    return ids


def per_move(services: Services, ids: list[int], rounds: int) -> tuple[list[float], list[float]]:
    """Move cards back and forth between two stages (each move recomputes its card's
    reminders); after each, time the due count and the next announcement, and a due count
    made by counting every due reminder."""
    stages = [stage.id for stage in services.board.stages()[1:3]]
    step = max(1, len(ids) // rounds)
    moved, counted = [], []
    for n in range(rounds):
        services.board.move_cards([ids[(n * step) % len(ids)]], stages[n % 2])
        moved.append(time_ms(_due_and_next(services)))
        counted.append(time_ms(_counted_one_by_one(services)))
    return moved, counted


def _due_and_next(services: Services) -> Callable[[], object]:
    return lambda: (services.agenda.due_count(), services.reminders.next_announcement_at())


def _counted_one_by_one(services: Services) -> Callable[[], object]:
    now = to_db_text(services.clock.now())
    sql = (
        'SELECT COUNT(*) FROM "reminder" WHERE "done_at" IS NULL AND "dismissed_at" IS NULL '
        "AND \"rule_key\" NOT IN ('forgot_to_mention', 'keep_in_mind') "
        'AND MAX("due_at", COALESCE("snoozed_until", "due_at")) <= ?'
    )
    return lambda: database.execute_sql(sql, (now,)).fetchone()


def main() -> int:
    args = parse_args(__doc__.splitlines()[0])
    count, rounds = (20, 20) if args.quick else (args.scale or 10_000, 400)
    with tempfile.TemporaryDirectory() as scratch:
        clock = FakeClock(datetime(2026, 3, 10, 9, 0, tzinfo=UTC))
        services = Services(open_store(Path(scratch) / "bench.sqlite3", owner="bench"), clock)
        ids = fill(services, clock, count, Path(scratch))
        step = max(1, len(ids) // rounds)

        def touch_one(n: int) -> None:
            app = ids[(n * step) % len(ids)]
            Application.update(notes=f"note {n}").where(Application.id == app).execute()

        floor = [time_ms(lambda n=n: touch_one(n)) for n in range(rounds)]
        one = [
            time_ms(lambda n=n: services.followups.recompute([ids[(n * step) % len(ids)]]))
            for n in range(rounds)
        ]
        moved, counted = per_move(services, ids, rounds)
        full = [time_ms(services.followups.recompute) for _ in range(3)]
        listing = [time_ms(services.reminders.groups) for _ in range(5)]
        reminders = sum(group.count for group in services.reminders.groups())
        services.close()
    print(f"{count} applications, {reminders} open reminders")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    results = [
        report("floor: one-row update, median", median(floor), "ms"),
        report("floor: one-row update, p95", p95(floor), "ms"),
        report("reminders of one application after a write, median", median(one), "ms"),
        report("reminders of one application after a write, p95", p95(one), "ms", 5),
        report("  median / floor median", median(one) / median(floor), "x"),
        report("  p95 / floor p95", p95(one) / p95(floor), "x"),
        report("a move's due count and next announcement, median", median(moved), "ms"),
        report("a move's due count and next announcement, p95", p95(moved), "ms"),
        report("  p95 / floor p95", p95(moved) / p95(floor), "x"),
        report("reference: due reminders counted one by one, median", median(counted), "ms"),
        report(f"full recompute of {count} applications, median", median(full), "ms"),
        report("every open reminder grouped, median", median(listing), "ms"),
    ]
    return 0 if args.quick or all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
