"""Follow-up rules on a large job search, beside a one-row update measured in the same run.

    python tests/benchmarks/bench_followups.py [--quick]

Every write recomputes the reminders of the application it touched, so that must stay
cheap at any size. Target at 10,000 applications (imported from a spreadsheet over 90
days, spread over the board's roles, with interviews and answers): the reminders of one
application after a write, p95 <= 5 ms. A full recompute with nothing changed and listing
the open reminders grouped are reported (the start owes a full recompute only when the
rules or the settings changed).
``--quick`` uses 20 applications and fewer rounds, to check the script works.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _report import median, p95, parse_args, report, time_ms

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.services import Services
from jobtracker.domain.transfer.service import transfer_for
from jobtracker.store.db import open_store
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


def main() -> int:
    args = parse_args(__doc__.splitlines()[0])
    count, rounds = (20, 20) if args.quick else (10_000, 400)
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
        full = [time_ms(services.followups.recompute) for _ in range(3)]
        listing = [time_ms(services.reminders.groups) for _ in range(5)]
        reminders = sum(group.count for group in services.reminders.groups())
        services.close()
    print(f"{count} applications, {reminders} open reminders")
    results = [
        report("floor: one-row update, median", median(floor), "ms"),
        report("floor: one-row update, p95", p95(floor), "ms"),
        report("reminders of one application after a write, median", median(one), "ms"),
        report("reminders of one application after a write, p95", p95(one), "ms", 5),
        report("  median / floor median", median(one) / median(floor), "x"),
        report("  p95 / floor p95", p95(one) / p95(floor), "x"),
        report(f"full recompute of {count} applications, median", median(full), "ms"),
        report("every open reminder grouped, median", median(listing), "ms"),
    ]
    return 0 if args.quick or all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
