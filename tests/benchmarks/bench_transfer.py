"""Import and export speed at 10,000 applications (``--scale N`` for another size).

Targets: importing a CSV (read, plan, write in one transaction, the follow-up reminders
included, as ``jobtracker import`` does it) <= 0.1 ms a row: 1 s at 10,000 rows, 5 s at
50,000; judged in this process and for the command itself (start to exit, in a private
HOME, into a new file), beside ``jobtracker --version`` from the same rounds. Exporting the
JSON backup of 10,000 applications <= 1 s; ``jobtracker list --json`` (the command) <= twice
``jobtracker --version`` plus the raw query of the applications. Medians of 3 runs, each
import into a fresh database; of 11 for ``list --json`` and ``--version``, taken in turns
after a first run that writes their bytecode. Floors measured in the same run: csv.reader
over the same file, a raw sqlite3 SELECT of every table plus json.dumps of the rows,
``jobtracker --version``, and a raw sqlite3 SELECT of the applications.

Run: ``python tests/benchmarks/bench_transfer.py [--quick] [--scale 50000]``
"""

from __future__ import annotations

import csv
import json
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _report import child_cpu_ms, median, parse_args, person_env, report, time_ms

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.services import Services
from jobtracker.domain.transfer.service import ExportRequest, transfer_for
from jobtracker.store.db import open_store
from jobtracker.store.models import ALL_MODELS

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
IMPORT_TARGET_MS_A_ROW = 0.1
EXPORT_TARGET_MS = 1000.0
#: the size the export target is set for
EXPORT_TARGET_ROWS = 10_000
RUNS = 3
#: rounds of ``--version`` and ``list --json``: each takes a fraction of a second, and on a
#: shared machine the median of three swings by more than the margin it is judged on
LIST_ROUNDS = 11


def write_csv(path: Path, rows: int) -> None:
    """A realistic spreadsheet: every common column, US dates, a few stages and notes."""
    rng = random.Random(6)
    stages = ["Wishlist", "Applied", "Interview", "Offer", "Rejected"]
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Company", "Position", "Status", "Date Applied", "Link", "Location",
                         "Salary", "Contact", "Notes", "Referral"])  # fmt: skip
        for n in range(rows):
            writer.writerow([
                f"Company {n}", f"Engineer {n % 97}", stages[n % 5],
                f"{rng.randint(1, 12):02d}/{rng.randint(13, 28)}/2025",
                f"https://jobs.example.com/{n}", f"City {n % 31}", f"${50 + n % 80}k",
                f"Person {n % 400}" if n % 3 == 0 else "", "Found on a job board" * (n % 2),
                "yes" if n % 7 == 0 else "",
            ])  # fmt: skip


def import_once(csv_path: Path, folder: Path, run: int) -> tuple[float, float, Services]:
    """Wall and CPU milliseconds of one import into a fresh database."""
    store = open_store(folder / f"import-{run}.sqlite3", owner="bench")
    services = Services(store, FakeClock(NOW))
    transfer = transfer_for(services)  # as `jobtracker import` wires it: reminders included
    result = []
    cpu = time.process_time()
    elapsed = time_ms(lambda: result.append(transfer.apply(transfer.preview(csv_path))))
    cpu = (time.process_time() - cpu) * 1000
    assert result[0].added > 0
    return elapsed, cpu, services


def raw_export_floor(path: Path) -> float:
    """Every table selected with sqlite3 and dumped with json: no formatting, no checks."""

    def dump() -> None:
        conn = sqlite3.connect(path)
        tables = {
            model._meta.table_name: conn.execute(
                f'SELECT * FROM "{model._meta.table_name}"'
            ).fetchall()
            for model in ALL_MODELS
        }
        json.dumps(tables)
        conn.close()

    return median([time_ms(dump) for _ in range(RUNS)])


def command_ms(db: Path, home: Path, *args: str) -> tuple[float, float]:
    """Wall and CPU milliseconds of ``jobtracker ARGS`` on ``db``, started as a person
    starts it."""
    run = [sys.executable, "-m", "jobtracker", "--db", str(db), *args]
    env = person_env(home)
    wall: list[float] = []
    cpu = child_cpu_ms(lambda: wall.append(time_ms(
        lambda: subprocess.run(run, env=env, check=True, stdout=subprocess.DEVNULL)
    )))  # fmt: skip
    return wall[0], cpu


def _command_lines(name: str, floor: list[tuple[float, float]],
                   product: list[tuple[float, float]], target: float | None) -> bool:  # fmt: skip
    """The floor and the command, wall and CPU medians, and their ratios."""
    walls, cpus = [median([t[i] for t in floor]) for i in (0, 1)]
    wall, cpu = [median([t[i] for t in product]) for i in (0, 1)]
    report("floor: jobtracker --version, median", walls, "ms")
    met = report(f"{name}, median", wall, "ms", target)
    report("  ratio to the floor", wall / walls, "x")
    report("  CPU time: --version, median", cpus, "ms")
    report(f"  CPU time: {name.split(' (')[0]}, median", cpu, "ms")
    report("  CPU time: ratio to --version's", cpu / cpus, "x")
    return met


def import_command(csv_path: Path, folder: Path, target: float | None) -> bool:
    """``jobtracker import FILE`` into a new file, as a person runs it, beside
    ``jobtracker --version``, each round back to back."""
    home = folder / "home"
    home.mkdir(exist_ok=True)
    version, imports = [], []
    for run in range(RUNS):
        version.append(command_ms(folder / "unused.sqlite3", home, "--version"))
        imports.append(command_ms(folder / f"command-{run}.sqlite3", home, "import",
                                  str(csv_path)))  # fmt: skip
    return _command_lines("jobtracker import FILE (the command)", version, imports, target)


def raw_list_floor(path: Path) -> float:
    """The applications selected with sqlite3, nothing else."""

    def select() -> None:
        conn = sqlite3.connect(path)
        conn.execute('SELECT * FROM "application" WHERE "deleted_at" IS NULL').fetchall()
        conn.close()

    return median([time_ms(select) for _ in range(RUNS)])


def list_json(path: Path, folder: Path) -> bool:
    """``jobtracker list --json`` beside its floors, each round back to back."""
    home = folder / "home"
    home.mkdir(exist_ok=True)
    version, listing = [], []
    command_ms(path, home, "list", "--json")  # bytecode written, as an installed app has it
    for _ in range(LIST_ROUNDS):
        version.append(command_ms(path, home, "--version"))
        listing.append(command_ms(path, home, "list", "--json"))
    raw = raw_list_floor(path)
    report("floor: sqlite3 SELECT of the applications", raw, "ms")
    target = 2 * median([wall for wall, _ in version]) + raw
    return _command_lines("jobtracker list --json", version, listing, target)


def main() -> int:
    args = parse_args(__doc__ or "")
    rows = 500 if args.quick else args.scale or 10_000
    ok = True
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        csv_path = folder / "applications.csv"
        write_csv(csv_path, rows)
        floor = median([time_ms(lambda: list(csv.reader(csv_path.open(newline=""))))
                        for _ in range(RUNS)])  # fmt: skip
        report(f"floor: csv.reader over the {rows:,}-row file", floor, "ms")
        times, cpu_times = [], []
        services = None
        for run in range(RUNS):
            if services is not None:
                services.close()
            elapsed, cpu, services = import_once(csv_path, folder, run)
            times.append(elapsed)
            cpu_times.append(cpu)
        target = None if args.quick else rows * IMPORT_TARGET_MS_A_ROW
        ok &= report(f"import a {rows:,}-row CSV (preview + one transaction)",
                     median(times), "ms", target)  # fmt: skip
        report("  the same, CPU time of this process (shows a busy machine)",
               median(cpu_times), "ms")  # fmt: skip
        ok &= import_command(csv_path, folder, target)
        assert services is not None
        transfer = transfer_for(services)
        path = services.store.path
        services.store.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        report(f"floor: sqlite3 SELECT * + json.dumps, {rows:,} applications",
               raw_export_floor(path), "ms")  # fmt: skip
        data: list[bytes] = []
        export = median([time_ms(lambda: data.append(transfer.export(ExportRequest("json"))))
                         for _ in range(RUNS)])  # fmt: skip
        target = EXPORT_TARGET_MS if rows == EXPORT_TARGET_ROWS else None
        ok &= report(f"export the JSON backup of {rows:,} applications", export, "ms", target)
        report("JSON backup size", len(data[0]) / 1024 / 1024, "MB")
        for kind in ("csv", "activity", "ics"):
            took = median([time_ms(lambda k=kind: transfer.export(ExportRequest(k, UTC)))
                           for _ in range(RUNS)])  # fmt: skip
            report(f"export {kind} of {rows:,} applications", took, "ms")
        services.close()
        listed = list_json(path, folder)
        ok &= listed or args.quick
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
