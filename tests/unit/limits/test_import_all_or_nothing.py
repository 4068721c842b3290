"""All or nothing at any size, reminders included: a quarter of a million rows import in one
transaction, and a process killed right after the commit leaves cards with their reminders."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jobtracker.domain.clock import SYSTEM_CLOCK
from jobtracker.domain.services import Services
from jobtracker.store.db import open_store

DIE_AFTER_COMMIT = Path(__file__).parents[2] / "fixtures" / "import_then_die.py"


def _write_rows(path: Path, count: int) -> None:
    """Applications applied to a few days ago: each one gets a no-reply reminder."""
    with path.open("w", encoding="utf-8") as out:
        out.write("Company,Role,Stage,Date Applied\n")
        out.writelines(f"Company {n},Role {n % 97},Applied,2026-03-0{1 + n % 8}\n"
                       for n in range(count))  # fmt: skip


def _cli(db: Path, *args: str, timeout: float) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JOBTRACKER_DB": str(db)}
    result = subprocess.run(
        [sys.executable, "-m", "jobtracker", *args],
        capture_output=True, text=True, env=env, timeout=timeout, check=False,
    )  # fmt: skip
    assert "Traceback" not in result.stderr, result.stderr
    return result


def _count(db: Path, sql: str) -> int:
    with sqlite3.connect(db) as connection:
        (value,) = connection.execute(sql).fetchone()
    connection.close()
    return int(value)


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_a_quarter_million_rows_import_in_one_transaction(tmp_path: Path) -> None:
    rows = 250_001
    source = tmp_path / "big.csv"
    _write_rows(source, rows)
    db = tmp_path / "db.sqlite3"

    started = time.monotonic()
    result = _cli(db, "import", str(source), timeout=840)
    elapsed = time.monotonic() - started

    assert result.returncode == 0, result.stderr
    assert f"Imported {rows} applications" in result.stdout
    assert _count(db, "SELECT COUNT(*) FROM application") == rows
    cards_with_reminders = "SELECT COUNT(DISTINCT application_id) FROM reminder"
    assert _count(db, cards_with_reminders) == rows
    print(f"\n250,001-row import through the command: {elapsed:.1f} s")


def test_killed_right_after_the_import_commits_the_cards_have_their_reminders(
    tmp_path: Path,
) -> None:
    source = tmp_path / "rows.csv"
    _write_rows(source, 40)
    db = tmp_path / "db.sqlite3"
    assert _cli(db, "list", timeout=60).returncode == 0  # the database, made

    child = subprocess.run(
        [sys.executable, str(DIE_AFTER_COMMIT), str(db), str(source)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip

    assert child.returncode == -signal.SIGKILL, child.stderr
    assert _count(db, "SELECT COUNT(*) FROM application") == 40
    assert _count(db, "SELECT COUNT(DISTINCT application_id) FROM reminder") == 40
    store = open_store(db, owner="pytest")
    try:
        assert Services(store, SYSTEM_CLOCK).followups.recompute().created == 0
    finally:
        store.close()
