"""Real X server, D-Bus session bus and notification daemon for end-to-end tests.

Each fixture starts its program itself and stops it by pid. When a program is missing the
test is skipped with the reason on a developer's machine, and fails under CI=true, so CI
always runs these tests.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


def require_program(name: str, package: str) -> str:
    """The program's path; skip (or fail under CI) when it is not installed."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (Debian package: {package})"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}; CI must run this test")
        pytest.skip(message)
    return path


def _free_display() -> str:
    for number in range(150, 250):
        if (
            not Path(f"/tmp/.X11-unix/X{number}").exists()
            and not Path(f"/tmp/.X{number}-lock").exists()
        ):
            return f":{number}"
    raise RuntimeError("no free X display number")


@pytest.fixture(scope="session")
def xvfb_display() -> Iterator[str]:
    """A private Xvfb screen (1600x1000); yields its DISPLAY value."""
    xvfb = require_program("Xvfb", "xvfb")
    display = _free_display()
    proc = subprocess.Popen(
        [xvfb, display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    socket = Path(f"/tmp/.X11-unix/X{display[1:]}")
    deadline = time.monotonic() + 10
    while not socket.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"Xvfb did not start on {display}")
        time.sleep(0.05)
    yield display
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def session_bus() -> Iterator[str]:
    """A private D-Bus session bus; yields its address. Stopped after the test."""
    daemon = require_program("dbus-daemon", "dbus")
    out = subprocess.run(
        [daemon, "--session", "--fork", "--print-address=1", "--print-pid=1"],
        capture_output=True, text=True, check=True, timeout=10,
    ).stdout.split()  # fmt: skip
    address, pid = out[0], int(out[1])
    yield address
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, 15)
