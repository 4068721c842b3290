"""``jobtracker stats`` prints the insights' figures, as text or JSON."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from fixtures.scripted_search import at
from fixtures.scripted_search import run_cli as jobtracker

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.insights_text import MISSES_LISTED
from jobtracker.domain.services import open_services


def test_stats_json_gives_the_weeks(search_db: Path) -> None:
    result = jobtracker(search_db, "stats", "--since", "2026-02-16", "--until", "2026-03-08",
                        "--json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    pace = figures["pace"]
    assert [w["applications"] for w in pace["weeks"]] == [2, 3, 1]
    assert (pace["goal"], pace["weeks_met"], pace["streak"]) == (10, 0, 0)
    followups = figures["followups"]
    assert followups["thank_you"] == {"hits": 1, "total": 5, "value": 0.2}
    assert [m["kind"] for m in followups["missed"]][:2] == ["thank_you", "no_reply"]
    assert figures["pipeline"]["reached"]["applied"] == 6  # A to F
    assert figures["responses"]["sent"] == 6
    assert figures["responses"]["by_source"][0]["label"] == "LinkedIn"


def test_stats_text_on_an_empty_board(tmp_path: Path) -> None:
    from jobtracker.store.db import open_store

    db = tmp_path / "empty.sqlite3"
    open_store(db, owner="pytest").close()
    result = jobtracker(db, "stats")
    assert result.returncode == 0, result.stderr
    assert "No interview ended in this period" in result.stdout
    assert "No follow-up or check-in fell due in this period." in result.stdout
    assert "0.0 a week" in result.stdout
    assert "No application was sent in this period." in result.stdout
    assert "no application sent" in result.stdout


def test_stats_text_lists_the_latest_misses_and_counts_the_rest(
    db_path: Path, clock: FakeClock
) -> None:
    services = open_services(db_path, owner="pytest", clock=clock)
    try:
        app = services.applications.add("Acme", "Engineer", services.board.stages()[1].id)
        for day in range(1, 16):  # fifteen interviews, never a thank-you
            services.interviews.add(app.id, at(4, day, 10), duration_minutes=60)
    finally:
        services.close()
    missed = json.loads(jobtracker(db_path, "stats", "--json").stdout)["followups"]["missed"]
    assert len(missed) > MISSES_LISTED
    text = jobtracker(db_path, "stats").stdout.splitlines()
    assert f"  Missed ({len(missed)}), the latest {MISSES_LISTED}:" in text
    listed = [line for line in text if line.startswith("    ") and "Acme" in line]
    latest = sorted(missed, key=lambda m: m["due_at"])[-MISSES_LISTED:]
    assert [line.split(", due ")[1][:6] for line in listed] == [
        f"{datetime.fromisoformat(m['due_at']):%d %b}" for m in latest
    ]
    earlier = len(missed) - MISSES_LISTED
    assert text[-1] == f"    and {earlier} earlier ones: --json lists them all"
