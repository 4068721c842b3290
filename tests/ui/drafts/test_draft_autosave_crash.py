"""A killed process loses at most the last second of typing.

A real child process opens the editor (offscreen) and types steadily, one key every 40 ms,
reporting each key; the test SIGKILLs it mid-sentence and checks that everything typed up
to a second before the kill is in the database file.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from jobtracker.domain.services import Services, open_services

TYPED = "Thank you for the chat about pipelines and tests. " * 4

CHILD = Path(__file__).parents[2] / "fixtures" / "draft_editor_typing.py"


def _prepare(db_path: Path) -> int:
    services: Services = open_services(db_path, owner="pytest")
    try:
        services.profile.save("Alex Morgan", "alex@example.com")
        return services.applications.add("Acme Robotics", "Backend Engineer").id
    finally:
        services.close()


def test_typing_survives_sigkill_up_to_a_second_before(db_path: Path) -> None:
    app_id = _prepare(db_path)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(db_path), str(app_id), TYPED],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    reports: list[tuple[float, int]] = []
    started = threading.Event()

    def read() -> None:
        for line in child.stdout:
            if line.strip() == "ready":
                started.set()
            elif line.strip().isdigit():
                reports.append((time.monotonic(), int(line)))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert started.wait(60), child.stderr.read() if child.poll() is not None else "no start"
        deadline = time.monotonic() + 60
        while (not reports or reports[-1][1] < 60) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert reports and reports[-1][1] >= 60, "the child stopped typing"
        killed_at = time.monotonic()
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=30)
        reader.join(timeout=10)
    assert child.returncode == -signal.SIGKILL
    typed_by_then = max((n for at, n in reports if at <= killed_at - 1.0), default=0)
    assert typed_by_then >= 20  # the child typed for well over a second

    services = open_services(db_path, owner="pytest", readonly=True)
    try:
        drafts = services.drafts.for_application(app_id)
    finally:
        services.close()
    assert len(drafts) == 1
    body = drafts[0].body
    saved = _typed_prefix(body)
    assert saved >= typed_by_then, (saved, typed_by_then, reports[-1])


def _typed_prefix(body: str) -> int:
    """How many characters of TYPED start the saved body (typed before the greeting)."""
    greeting = body.find("Dear Hiring Team")
    assert greeting >= 0, body[:200]
    prefix = body[:greeting]
    assert TYPED.startswith(prefix)
    return len(prefix)
