"""Killing a writer at random moments loses nothing it reported as saved and corrupts nothing."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from jobtracker.domain.services import Services
from jobtracker.store.db import open_store

MOVER = Path(__file__).parents[2] / "fixtures" / "crash_mover.py"
KILLS = 12


def _run_and_kill(db_path: Path, seed: int, rng: random.Random) -> list[str]:
    """Start the mover, let it commit a few moves, SIGKILL it mid-stream; return its lines."""
    child = subprocess.Popen(
        [sys.executable, str(MOVER), str(db_path), str(seed)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(child.stdout), daemon=True)
    reader.start()
    deadline = time.monotonic() + 30
    while len(lines) < 2 and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.005)
    assert child.poll() is None, child.stderr.read()
    time.sleep(rng.uniform(0.0, 0.25))  # a random moment, usually inside a transaction
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    reader.join(timeout=10)
    child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    assert lines[0].strip() == "ready"
    return [line.strip() for line in lines[1:] if line.strip()]


def test_sigkilled_writers_lose_no_reported_move(services: Services, db_path: Path) -> None:
    stage_ids = [s.id for s in services.board.stages()]
    for n in range(24):
        services.applications.add(f"Company {n}", "Engineer", stage_ids[n % len(stage_ids)])
    services.close()

    rng = random.Random(20261122)
    reported: list[tuple[int, int, int, float]] = []
    for kill in range(KILLS):
        for line in _run_and_kill(db_path, seed=kill, rng=rng):
            activity_id, card_id, stage_id, rank = line.split()
            reported.append((int(activity_id), int(card_id), int(stage_id), float(rank)))
    assert len(reported) >= KILLS * 2

    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        activities = {
            row[0]: row[1:]
            for row in conn.execute(
                'SELECT "id", "application_id", "to_stage_id", "kind" FROM "activity"'
            )
        }
        positions = {
            row[0]: row[1:]
            for row in conn.execute('SELECT "id", "stage_id", "rank" FROM "application"')
        }
        ranks = conn.execute('SELECT "stage_id", "rank" FROM "application"').fetchall()
    finally:
        conn.close()
    for activity_id, card_id, stage_id, _ in reported:
        assert activities.get(activity_id) == (card_id, stage_id, "stage_changed")
    last_reported = {card_id: (a, s, r) for a, card_id, s, r in reported}
    for card_id, (activity_id, stage_id, rank) in last_reported.items():
        later = [a for a, row in activities.items() if row[0] == card_id and a > activity_id]
        if not later:  # nothing committed after the last report: the card is exactly there
            assert positions[card_id] == (stage_id, rank)
    assert len(set(ranks)) == len(ranks), "two cards share a rank in a stage"
    with open_store(db_path, owner="pytest"):  # the app opens it as usual afterwards
        pass
