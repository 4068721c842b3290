"""``jobtracker draft``, ``templates`` and ``profile`` through real subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jobtracker.domain.templates import DEFAULT_ORDER


def run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command on ``db``, as a person whose settings folder sits beside it (the profile
    is the person's, kept across this module's tests like the database)."""
    env = {**os.environ, "XDG_CONFIG_HOME": str(db.parent / "config")}
    return subprocess.run(
        [sys.executable, "-m", "jobtracker", "--db", str(db), *args],
        capture_output=True, text=True, timeout=60, check=False, env=env,
    )  # fmt: skip


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "jobtracker.sqlite3"
    assert run(db, "demo").returncode == 0
    assert (
        run(db, "profile", "--name", "Alex Morgan", "--email", "alex@example.com").returncode == 0
    )
    return db


def _interviewing_app(db: Path) -> tuple[int, str, str]:
    first = json.loads(run(db, "list", "--stage", "Interviewing", "--json").stdout)[0]
    return first["id"], first["company"], first["role"]


def test_templates_lists_every_key_with_its_purpose(demo_db: Path) -> None:
    result = run(demo_db, "templates")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == list(DEFAULT_ORDER)
    assert all(len(line.split(None, 1)[1]) > 20 for line in lines)


def test_draft_prints_subject_and_body_with_inputs(demo_db: Path) -> None:
    app_id, company, role = _interviewing_app(demo_db)
    result = run(demo_db, "draft", str(app_id), "thank-you", "--set", "topics=your Qt tooling")
    assert result.returncode == 0, result.stderr
    subject, blank, greeting, *body = result.stdout.splitlines()
    assert subject == f"Subject: Thank you — {role} at {company}"
    assert blank == "" and greeting.startswith("Hi ")
    text = "\n".join(body)
    assert "our conversation about your Qt tooling;" in text
    assert text.endswith("Best regards,\nAlex Morgan\nalex@example.com")
    assert result.stderr == ""


def test_draft_to_a_chosen_contact_and_errors_named(demo_db: Path) -> None:
    app_id, _, _ = _interviewing_app(demo_db)
    result = run(demo_db, "draft", str(app_id), "follow-up")
    assert result.returncode == 0
    missing = run(demo_db, "draft", str(app_id), "thank-yuo")
    assert missing.returncode == 1
    assert "There is no template 'thank-yuo'. Known templates: thank-you," in missing.stderr
    bad_input = run(demo_db, "draft", str(app_id), "thank-you", "--set", "salary=1")
    assert bad_input.returncode == 1
    assert "--set salary: the thank-you template has no such input (its inputs: fit, topics)" in (
        bad_input.stderr
    )
    stranger = run(demo_db, "draft", str(app_id), "thank-you", "--contact", "9999")
    assert stranger.returncode == 1 and "no contact #9999" in stranger.stderr
    assert "Traceback" not in missing.stderr + bad_input.stderr + stranger.stderr


def test_a_broken_user_template_still_prints_from_the_default(demo_db: Path) -> None:
    folder = demo_db.parent / "templates"
    folder.mkdir(exist_ok=True)
    (folder / "check-in.txt.j2").write_text("Subject: {{ role }\n")
    app_id, _, role = _interviewing_app(demo_db)
    try:
        result = run(demo_db, "draft", str(app_id), "check-in")
    finally:
        (folder / "check-in.txt.j2").unlink()
    assert result.returncode == 0
    assert result.stdout.startswith(f"Subject: Checking in — {role}")
    assert "template check-in: Line 1: syntax error" in result.stderr


def test_profile_shows_and_validates(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    result = run(db, "profile", "--name", "Sam Lee", "--phone", "+1 555 0100")
    assert result.returncode == 0, result.stderr
    assert "Name:      Sam Lee" in result.stdout
    assert "Signature: Sam Lee\n           +1 555 0100" in result.stdout
    bad = run(db, "profile", "--email", "nope")
    assert bad.returncode == 1 and "email: 'nope' is not an email address" in bad.stderr
    assert "Sam Lee" in run(db, "profile").stdout
