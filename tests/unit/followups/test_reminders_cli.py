"""`jobtracker reminders [--due] [--json]` through a real subprocess, on a real database."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta

from jobtracker.domain.demo import fill_with_sample_data


def run_cli(db_path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "jobtracker", "--db", str(db_path), "reminders", *args],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_reminders_lists_due_and_upcoming_ones_and_only_reads(services, clock, db_path):
    clock.set(datetime.now(UTC) - timedelta(hours=1))
    # round-the-clock hours, so what is due does not depend on when the test runs
    services.followups.save_settings(
        work_days="Mon-Sun", work_start="00:00", work_end="23:59", thank_you_cutoff="23:59",
        no_reply_hours=40,
    )  # fmt: skip
    interviewing = services.board.stage_by_name("Interviewing").id
    app = services.applications.add("Acme Robotics", "Engineer", interviewing).id
    services.interviews.add(app, clock.now() - timedelta(hours=46), title="first interview")
    before = services.reminders.open_reminders()

    listing = run_cli(db_path)
    assert listing.returncode == 0, listing.stderr
    assert "Today (" in listing.stdout or "Overdue (" in listing.stdout
    assert "Thank Acme Robotics for the interview" in listing.stdout
    assert "Upcoming (" in listing.stdout
    assert "Check in with Acme Robotics" in listing.stdout

    due = json.loads(run_cli(db_path, "--due", "--json").stdout)
    assert {r["rule"] for r in due} == {"thank_you", "forgot_to_mention", "no_reply"}
    assert all(datetime.fromisoformat(r["effective_at"]) <= datetime.now(UTC) for r in due)
    assert due[0]["company"] == "Acme Robotics"
    follow_up = next(r for r in due if r["rule"] == "no_reply")
    assert follow_up["template"] == "follow-up"
    assert follow_up["summary"] == "Follow up with Acme Robotics"
    assert services.reminders.open_reminders() == before  # not even marked as notified


def test_the_demo_data_has_reminders_that_are_due(services, db_path):
    fill_with_sample_data(services)
    due = json.loads(run_cli(db_path, "--due", "--json").stdout)
    assert len(due) >= 5
    assert {"thank_you", "check_in"} <= {r["rule"] for r in due}


def test_nothing_due_says_so(services, db_path):
    result = run_cli(db_path, "--due")
    assert result.returncode == 0
    assert result.stdout.strip() == "Nothing is due."
