"""Subcommands of the command line. Each module has ``register(subparsers)`` and sets a
``handler(args) -> int`` default on its parser."""

from jobtracker.commands import (
    board,
    data,
    desktop,
    documents,
    drafts,
    gui,
    insights,
    reminders,
    transfer,
)

COMMAND_MODULES = (gui, board, data, drafts, documents, reminders, insights, transfer, desktop)
