"""The default command: open the window (Qt is imported only here)."""

from __future__ import annotations

import argparse


def register(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    gui = subcommands.add_parser("gui", help="open the window (the default)")
    gui.set_defaults(handler=run_gui)


def run_gui(args: argparse.Namespace) -> int:
    from jobtracker.ui.app import run

    return run(args.db, demo=args.demo, background=args.background)
