"""The default command: open the window (Qt is imported only here)."""

from __future__ import annotations

import argparse

from jobtracker.commands import AddArguments


def _gui_arguments(gui: argparse.ArgumentParser) -> None:
    gui.add_argument(
        "--open-link",
        metavar="LINK",
        help="a jobtracker://capture?url=... link (from the browser's bookmarklet): the "
        "window, already open or starting, captures that posting for review",
    )
    gui.set_defaults(handler=run_gui)


ARGUMENTS: dict[str, AddArguments] = {"gui": _gui_arguments}


def run_gui(args: argparse.Namespace) -> int:
    link = getattr(args, "open_link", None)
    capture_url = None
    if link:
        from jobtracker.domain.capture.link import capture_target

        capture_url = capture_target(link)  # a bad link is said before any window opens
    from jobtracker.ui.app import run

    return run(args.db, demo=args.demo, background=args.background, capture_url=capture_url)
