"""Follow-up rules on a large job search, beside a one-row update measured in the same run.

    python tests/benchmarks/bench_followups.py [--quick]

Every write recomputes the reminders of the application it touched, so that must stay
cheap at any size. Targets at 10,000 applications (a search spread over the default board's
roles, with interviews, answers and sent check-ins): the reminders of one application after
a write, p95 <= 5 ms; a full recompute with nothing changed and listing the open reminders
grouped are reported (the start recomputes in full only when the rules or settings changed).
``--quick`` uses 20 applications and fewer rounds, to check the script works.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _report import median, p95, parse_args, report, time_ms

from jobtracker.domain import stage_roles as roles
from jobtracker.domain.clock import FakeClock
from jobtracker.domain.services import Services
from jobtracker.store.db import open_store
from jobtracker.store.models import Application, database

#: the roles the applications are spread over, as a search's board holds them
SPREAD = (roles.APPLIED, roles.APPLIED, roles.INTERVIEWING, roles.OFFER, roles.REJECTED)


def fill(services: Services, clock: FakeClock, count: int) -> list[int]:
    """``count`` applications added over 90 days, as a person adds them, with interviews,
    answers and check-ins along the way."""
    stages = [services.board.stage_for_role(role) for role in SPREAD]
    start = clock.now()
    clock.set(start - timedelta(days=90))
    ids = []
    with database.atomic():
        for n in range(count):
            clock.set(start - timedelta(days=90) + timedelta(days=90) * n / count)
            stage = stages[n % len(stages)]
            assert stage is not None
            app = services.applications.add(f"Company {n}", "Engineer", stage.id).id
            if n % 3:
                services.interviews.add(app, clock.now() + timedelta(days=n % 9 - 4))
            if n % 4 == 0:
                services.timeline.add(app, "heard_back")
            ids.append(app)
    clock.set(start)
    return ids


def main() -> int:
    args = parse_args(__doc__.splitlines()[0])
    count, rounds = (20, 20) if args.quick else (10_000, 400)
    with tempfile.TemporaryDirectory() as scratch:
        clock = FakeClock(datetime(2026, 3, 10, 9, 0, tzinfo=UTC))
        services = Services(open_store(Path(scratch) / "bench.sqlite3", owner="bench"), clock)
        ids = fill(services, clock, count)
        services.followups.recompute()
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
    floor_ms, one_p95 = median(floor), p95(one)
    results = [
        report("floor: one-row update, median", floor_ms, "ms"),
        report("reminders of one application after a write, median", median(one), "ms"),
        report("reminders of one application after a write, p95", one_p95, "ms", 5),
        report("  p95 / floor", one_p95 / floor_ms, "x"),
        report(f"full recompute of {count} applications, median", median(full), "ms"),
        report("every open reminder grouped, median", median(listing), "ms"),
    ]
    return 0 if args.quick or all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
