"""install-desktop: put jobtracker in the desktop's application menu (pip and pipx users)."""

from __future__ import annotations

import argparse

from jobtracker.commands import AddArguments
from jobtracker.commands.output import say
from jobtracker.platform import desktop_entry


def _install_arguments(install: argparse.ArgumentParser) -> None:
    install.add_argument(
        "--remove", action="store_true", help="remove the menu entry and icons again"
    )
    install.set_defaults(handler=install_desktop_command)


ARGUMENTS: dict[str, AddArguments] = {"install-desktop": _install_arguments}


def install_desktop_command(args: argparse.Namespace) -> int:
    target = desktop_entry.data_home()
    if args.remove:
        removed = desktop_entry.remove(target)
        for path in removed:
            say(f"Removed {path}")
        if not removed:
            say(f"Nothing to remove: no jobtracker menu entry under {target}")
        return 0
    for path in desktop_entry.install(target):
        say(f"Wrote {path}")
    say("jobtracker is in the application menu (log out and in if it does not show yet).")
    return 0
