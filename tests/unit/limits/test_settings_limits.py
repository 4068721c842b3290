"""Settings hold JSON within the limits, whatever door they come in by; one stored by hand or
by an older version that is not (not JSON, too deep, not an object) is read as the default."""

from __future__ import annotations

import math
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from jobtracker.domain.errors import ValidationError
from jobtracker.domain.services import Services


def _nested(depth: int) -> object:
    value: object = 1
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("profile", math.nan, "cannot be stored as JSON"),
        ("profile", {"deep": _nested(25)}, "nests deeper"),
        ("profile", {"big": 2**64}, "must be from"),
        ("profile", "x" * 200_000, "the limit is 100,000"),
        ("pro\nfile", 1, "is not a setting's name"),
    ],
)
def test_settings_beyond_the_limits_are_refused(
    services: Services, key: str, value: object, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        services.settings.set(key, value)
    assert services.settings.get(key) is None


@pytest.mark.parametrize("stored", ["not json", "[1, 2]", '{"name": ' + "[" * 30 + "]" * 30 + "}"])
def test_settings_stored_out_of_limits_read_as_defaults(tmp_path: Path, stored: str) -> None:
    db = tmp_path / "db.sqlite3"
    env = {**os.environ, "JOBTRACKER_DB": str(db)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "jobtracker", *args], capture_output=True,
                              text=True, env=env, timeout=120, check=False)  # fmt: skip

    assert run("add", "--company", "Acme", "--role", "Engineer").returncode == 0
    with sqlite3.connect(db) as connection:
        for key in ("profile", "followups", "insights"):
            connection.execute("INSERT OR REPLACE INTO setting VALUES (?, ?)", (key, stored))
    connection.close()
    for command in (("profile",), ("draft", "1", "follow-up"), ("move", "1", "Applied"),
                    ("reminders",), ("list",)):  # fmt: skip
        result = run(*command)
        assert result.returncode == 0, (command, result.stderr)
        assert "Traceback" not in result.stderr
