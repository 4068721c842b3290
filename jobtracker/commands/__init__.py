"""Subcommands of the command line. Each module has ``register(subparsers)`` and sets a
``handler(args) -> int`` default on its parser."""

from jobtracker.commands import (
    board,
    capture,
    data,
    desktop,
    documents,
    drafts,
    gui,
    insights,
    reminders,
    transfer,
)

COMMAND_MODULES = (
    gui, board, capture, data, drafts, documents, reminders, insights, transfer, desktop,
)  # fmt: skip
