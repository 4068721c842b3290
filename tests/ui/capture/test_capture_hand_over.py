"""The ``capture URL`` request of the single-instance hand-over, and links on the command
line that are not capture links."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from jobtracker.platform.single_instance import SingleInstance, capture_request


def test_a_second_start_hands_its_capture_link_over(qtbot, db_path: Path) -> None:
    first = SingleInstance(db_path)
    assert first.claim()
    url = "https://jobs.example.com/view?id=7&q=a%20b#x"
    second = SingleInstance(db_path)
    with qtbot.waitSignal(first.capture_requested, timeout=5000) as handed:
        assert not second.claim(capture_request(url))  # the first one has the database
    assert handed.args == [url]
    first.close()


def test_a_link_that_is_not_a_capture_link_is_refused(db_path: Path) -> None:
    for link in ("jobtracker://delete?id=1", "jobtracker://capture?url=file:///etc/passwd"):
        result = subprocess.run(
            [sys.executable, "-m", "jobtracker", "--db", str(db_path), link],
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert result.returncode == 5, result.stderr
        assert "not a capture link" in result.stderr or "is not a web link" in result.stderr
        assert "Traceback" not in result.stderr
    assert not db_path.exists()
