"""Start at login: an XDG autostart entry (``$XDG_CONFIG_HOME/autostart/<APP_ID>.desktop``).

The entry starts the window hidden in the tray (``--background``), so reminders arrive
without a window popping up at every login.
"""

from __future__ import annotations

import os
from pathlib import Path

from jobtracker import APP_ID
from jobtracker.platform.desktop_entry import installed_command, quote_exec_argument

BACKGROUND_FLAG = "--background"


def autostart_path() -> Path:
    """Where the entry lives, respecting ``XDG_CONFIG_HOME``."""
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "autostart" / f"{APP_ID}.desktop"


def launch_command() -> list[str]:
    """This installation's launcher (an absolute path: ``PATH`` at login varies)."""
    return [*installed_command(), BACKGROUND_FLAG]


def desktop_entry(command: list[str]) -> str:
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Name=jobtracker",
            "Comment=Follow-up reminders for your job search",
            f"Exec={' '.join(quote_exec_argument(part) for part in command)}",
            f"Icon={APP_ID}",
            "Terminal=false",
            "X-GNOME-Autostart-enabled=true",
            "",
        ]
    )


def is_enabled() -> bool:
    return autostart_path().is_file()


def set_enabled(enabled: bool) -> Path:
    """Write or remove the entry; returns its path."""
    path = autostart_path()
    if enabled:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(desktop_entry(launch_command()), encoding="utf-8")
    else:
        path.unlink(missing_ok=True)
    return path
