"""The default command: open the window (Qt is imported only here)."""

from __future__ import annotations

import argparse


def register(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    gui = subcommands.add_parser("gui", help="open the window (the default)")
    gui.add_argument(
        "--open-link",
        metavar="LINK",
        help="a jobtracker://capture?url=... link (from the browser's bookmarklet): the "
        "window, already open or starting, captures that posting for review",
    )
    gui.set_defaults(handler=run_gui)


def run_gui(args: argparse.Namespace) -> int:
    link = getattr(args, "open_link", None)
    capture_url = None
    if link:
        from jobtracker.domain.capture.link import capture_target

        capture_url = capture_target(link)  # a bad link is said before any window opens
    from jobtracker.ui.app import run

    return run(args.db, demo=args.demo, background=args.background, capture_url=capture_url)
