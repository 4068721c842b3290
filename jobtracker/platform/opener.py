"""Handing files to the desktop: the system's viewer (xdg-open) and the email app with
attachments (xdg-email). Plain subprocesses, so the window and the command line share them
and a test can put recording stand-ins first on PATH."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

#: how long a launcher may take to hand over (xdg-open returns once the viewer is started)
LAUNCH_TIMEOUT_S = 30


class OpenError(Exception):
    """The desktop could not open something; the message says what to do instead."""


def _run(program: str, arguments: Sequence[str], what: str) -> None:
    found = shutil.which(program)
    if found is None:
        raise OpenError(f"{program} is not installed, so {what} cannot be handed to the desktop "
                        "(install xdg-utils).")  # fmt: skip
    try:
        result = subprocess.run([found, *arguments], capture_output=True, text=True,
                                timeout=LAUNCH_TIMEOUT_S, check=False)  # fmt: skip
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise OpenError(f"{program} failed to open {what}: {exc}") from exc
    if result.returncode != 0:
        detail = result.stderr.strip().splitlines()[-1:] or [f"exit status {result.returncode}"]
        raise OpenError(f"{program} could not open {what}: {detail[0]}")


def open_with_viewer(path: Path) -> None:
    """Open a file (or a folder) in the application the desktop uses for it."""
    _run("xdg-open", [str(path)], str(path))


def compose_email(to: str, subject: str, body: str, attachments: Sequence[Path]) -> None:
    """Open the email app on a new message with ``attachments`` (xdg-email --attach)."""
    arguments = ["--utf8", "--subject", subject, "--body", body]
    for path in attachments:
        arguments += ["--attach", str(path)]
    _run("xdg-email", [*arguments, *([to] if to else [])], "the message")
