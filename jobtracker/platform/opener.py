"""Handing things to the desktop's programs: a file or folder to the system's viewer
(xdg-open), a new message with attachments or a ``mailto:`` link to the email app
(xdg-email). The one place the app starts another program, for the window and the command
line alike: plain subprocesses, so a test can put recording stand-ins first on PATH.

A launcher is started detached (a session of its own, so a Ctrl+C in our terminal or our
exit leaves the program it starts alone), without a shell (the arguments go as a list), with
nothing of ours for input and nowhere to print (xdg-email may echo the whole draft), and on
Windows without a console window. Its exit code says whether the desktop took the hand-off;
a launcher still running after :data:`HANDOVER_WAIT_S` (some hold on until the viewer they
started closes) has handed over, and is left to run. Messages are made from the program's
name, what was handed and the exit code, never from its arguments or output, so nothing of
a draft's text reaches a message or a log.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

#: how long a launcher may take to say whether the desktop took the hand-off
HANDOVER_WAIT_S = 30.0
#: xdg-utils' exit codes, in words; ``{app}`` names the kind of program asked for
_EXIT_REASONS = {
    1: "it did not understand what it was given",
    2: "a file it was given does not exist",
    3: "no {app} is set up",
    4: "the {app} did not start",
    5: "a file it was given cannot be read",
}
#: Windows: start the launcher without a console window of its own
if sys.platform == "win32":
    _NO_WINDOW = subprocess.CREATE_NO_WINDOW
else:
    _NO_WINDOW = 0


class OpenError(Exception):
    """The desktop could not open something; the message says what and why, ``reason`` why
    alone (for a sentence of the caller's own)."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


def launch(
    programs: Sequence[str], arguments: Sequence[str], what: str, *, app: str = "application",
    wait_s: float = HANDOVER_WAIT_S,
) -> None:  # fmt: skip
    """Hand ``arguments`` to the first of ``programs`` found on PATH and wait (up to
    ``wait_s``) for its answer; OpenError when none is installed, it cannot start, or it
    says the desktop did not take ``what`` (``app``: the kind of program it asks for)."""
    found = next((p for p in (shutil.which(name) for name in programs) if p), None)
    if found is None:
        reason = f"{programs[0]} is not installed (it comes with xdg-utils)"
        raise OpenError(
            f"{programs[0]} is not installed, so {what} cannot be handed to the desktop "
            "(install xdg-utils).",
            reason,
        )
    name = Path(found).name
    try:
        process = subprocess.Popen(
            [found, *arguments], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True, creationflags=_NO_WINDOW,
        )  # fmt: skip
    except OSError as exc:
        reason = f"{name} could not be started ({exc.strerror or exc.__class__.__name__})"
        raise OpenError(f"{reason}, so {what} was not opened.", reason) from exc
    try:
        code = process.wait(wait_s)
    except subprocess.TimeoutExpired:
        # still running: it has handed over; a thread of its own collects its exit
        threading.Thread(target=process.wait, name=f"{name} exit", daemon=True).start()
        return
    if code == 0:
        return
    if code < 0:
        reason = f"{name} stopped unexpectedly"
    else:
        reason = _EXIT_REASONS.get(code, f"it failed (exit status {code})").format(app=app)
    raise OpenError(f"{name} could not open {what}: {reason}.", reason)


def open_with_viewer(path: Path) -> None:
    """Open a file (or a folder) in the application the desktop uses for it."""
    launch(["xdg-open"], [str(path)], str(path))


def compose_email(to: str, subject: str, body: str, attachments: Sequence[Path]) -> None:
    """Open the email app on a new message with ``attachments`` (xdg-email --attach)."""
    arguments = ["--utf8", "--subject", subject, "--body", body]
    for path in attachments:
        arguments += ["--attach", str(path)]
    launch(["xdg-email"], [*arguments, *([to] if to else [])], "the message", app="email app")


def open_mail_link(url: str) -> None:
    """Hand a ``mailto:`` link to the email app (xdg-email, else xdg-open)."""
    launch(["xdg-email", "xdg-open"], [url], "the draft", app="email app")
