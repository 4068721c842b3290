"""Subcommands of the command line. Each module has ``register(subparsers)`` and sets a
``handler(args) -> int`` default on its parser.

The modules load only when the command line needs its subcommands: the window's start
(``jobtracker`` with options only) parses without them."""

from __future__ import annotations

from types import ModuleType


def command_modules() -> tuple[ModuleType, ...]:
    """Every subcommand's module, in the order ``--help`` lists them."""
    from jobtracker.commands import (
        board,
        capture,
        data,
        desktop,
        documents,
        drafts,
        gui,
        insights,
        people,
        reminders,
        tags,
        transfer,
    )

    return (
        gui, board, tags, people, capture, data, drafts, documents, reminders, insights, transfer,
        desktop,
    )  # fmt: skip
