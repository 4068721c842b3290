"""Follow-up rules on a large job search, beside a one-row update measured in the same run.

    python tests/benchmarks/bench_followups.py [--quick]

Every write recomputes the reminders of the application it touched, so that must stay
cheap; the scheduler recomputes everything on each check. Targets: the reminders of one
application after a write, p95 <= 16 ms (one frame: seven small queries, mostly peewee
building them); a full recompute of 200 applications (nothing changed), median <= 150 ms;
listing the open reminders grouped, median <= 60 ms.
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
from jobtracker.store.db import open_store
from jobtracker.store.models import Application, database


def fill(services: Services, count: int) -> list[int]:
    """``count`` applications over the open stages, with interviews and answers."""
    stages = [services.board.stage_by_name(n).id for n in ("Applied", "Interviewing", "Offer")]
    ids = []
    with database.atomic():
        for n in range(count):
            app = services.applications.add(f"Company {n}", "Engineer", stages[n % 3]).id
            if n % 3:
                start = services.clock.now() - timedelta(days=n % 9, hours=2)
                services.interviews.add(app, start, title="interview")
            if n % 4 == 0:
                services.timeline.add(app, "heard_back")
            ids.append(app)
    return ids


def main() -> int:
    args = parse_args(__doc__.splitlines()[0])
    count, rounds = (20, 20) if args.quick else (200, 200)
    with tempfile.TemporaryDirectory() as scratch:
        clock = FakeClock(datetime(2026, 3, 10, 9, 0, tzinfo=UTC))
        services = Services(open_store(Path(scratch) / "bench.sqlite3", owner="bench"), clock)
        ids = fill(services, count)

        def touch_one(n: int) -> None:
            app = ids[n % len(ids)]
            Application.update(notes=f"note {n}").where(Application.id == app).execute()

        floor = [time_ms(lambda n=n: touch_one(n)) for n in range(rounds)]
        one = [
            time_ms(lambda n=n: services.followups.recompute([ids[n % len(ids)]]))
            for n in range(rounds)
        ]
        full = [time_ms(services.followups.recompute) for _ in range(max(5, rounds // 20))]
        listing = [time_ms(services.reminders.groups) for _ in range(max(5, rounds // 20))]
        reminders = sum(group.count for group in services.reminders.groups())
        services.close()
    print(f"{count} applications, {reminders} open reminders")
    results = [
        report("floor: one-row update, median", median(floor), "ms"),
        report("reminders of one application after a write, median", median(one), "ms"),
        report("reminders of one application after a write, p95", p95(one), "ms", 16),
        report(f"full recompute of {count} applications, median", median(full), "ms", 150),
        report("every open reminder grouped, median", median(listing), "ms", 60),
    ]
    return 0 if args.quick or all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
