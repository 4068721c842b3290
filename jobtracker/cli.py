"""The command line: ``jobtracker`` starts the window; subcommands reach the same services.

User errors print one clear line on stderr and exit non-zero, never a traceback:
1 for a request the data refuses (unknown id, invalid field), 3 for a database that cannot
be opened or written (locked by another process, newer, damaged, not a jobtracker file, disk
full); 5 for a job posting that could not be fetched or read (capture); 2 for wrong usage
(argparse); 130 when interrupted.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from jobtracker import __version__
from jobtracker.commands import VERBS, add_arguments
from jobtracker.commands.errors import CommandError
from jobtracker.commands.output import say
from jobtracker.domain.capture.errors import CaptureError
from jobtracker.domain.errors import DomainError
from jobtracker.exit_codes import EXIT_CAPTURE, EXIT_DATABASE, EXIT_INTERRUPTED, EXIT_REFUSED
from jobtracker.paths import DB_ENV_VARIABLE, default_database_path
from jobtracker.store.errors import StoreError
from jobtracker.store.faults import explain

#: the options of ``jobtracker`` itself followed by a value (``--db PATH``)
_VALUE_OPTIONS = ("--db",)


def _add_window_options(parser: argparse.ArgumentParser, db_help: str | None) -> None:
    """The options of ``jobtracker`` itself (the window's). ``db_help`` is ``--db``'s help:
    None for a parser that shows no help, so the window's start with ``--db`` never asks
    where the data folder is."""
    parser.add_argument("--version", action="version", version=f"jobtracker {__version__}")
    parser.add_argument("--db", type=Path, metavar="PATH", help=db_help)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the window on a throw-away database filled with sample data",
    )
    parser.add_argument(
        "--background",
        action="store_true",
        help="start in the tray with the window closed (used by Start at login)",
    )


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The parser of ``jobtracker`` for ``argv``: the subcommand it names with its options
    (only that one's module is loaded), or, when it names none or a wrong one, every
    subcommand by its line in ``--help``."""
    parser = argparse.ArgumentParser(
        prog="jobtracker",
        description="Track job applications and never forget a follow-up.",
        epilog="Without a command, the window opens.",
    )
    db_help = _db_help(argv)
    _add_window_options(parser, db_help)
    subcommands = parser.add_subparsers(dest="command", metavar="COMMAND")
    name = _named_verb(argv)
    named = [verb for verb in VERBS if verb.name == name]
    for verb in named or VERBS:  # every verb for --help, or to list them after a mistake
        command = subcommands.add_parser(verb.name, help=verb.help)
        if named:
            add_arguments(verb, command)
            # people type ``jobtracker list --db F`` as often as ``jobtracker --db F list``
            command.add_argument(
                "--db", type=Path, metavar="PATH", default=argparse.SUPPRESS, help=db_help
            )
    return parser


def _db_help(argv: Sequence[str]) -> str:
    """``--db``'s help, naming the default file where ``argv`` asks for help: finding the
    user's data folder loads platformdirs, which a command given ``--db`` never needs."""
    if "-h" in argv or "--help" in argv:
        return f"the database file (default: ${DB_ENV_VARIABLE} or {default_database_path()})"
    return "the database file"


def _named_verb(argv: Sequence[str]) -> str | None:
    """The subcommand ``argv`` names: its first word that is neither an option of
    ``jobtracker`` itself nor an option's value (None: no word, or ``--help`` before it)."""
    words = iter(argv)
    for word in words:
        if word in ("-h", "--help"):
            return None
        if word in _VALUE_OPTIONS:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def _window_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """``argv`` parsed as the window's options when that is all it holds (the window's
    start, which then loads no subcommand); None for anything else (a subcommand,
    ``--help``, a mistake), which the full parser reads and explains."""
    parser = argparse.ArgumentParser(prog="jobtracker", add_help=False, exit_on_error=False)
    _add_window_options(parser, None)
    try:
        args, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    return None if rest else args


def _database_errors() -> tuple[type[Exception], ...]:
    """SQLite's errors, and peewee's where it has loaded: the window's start parses its
    arguments before the store's modules (and peewee) load, and may never need them."""
    peewee = sys.modules.get("peewee")
    return (sqlite3.Error,) if peewee is None else (sqlite3.Error, peewee.DatabaseError)


def _app_link_as_gui(argv: Sequence[str]) -> list[str]:
    """``jobtracker jobtracker://capture?url=...`` (the desktop's ``Exec=jobtracker %u``)
    as ``jobtracker gui --open-link LINK``, keeping options given before it."""
    from jobtracker.domain.capture.link import is_app_link

    if argv and is_app_link(argv[-1]):
        return [*argv[:-1], "gui", "--open-link", argv[-1]]
    return list(argv)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _app_link_as_gui(sys.argv[1:] if argv is None else argv)
    args = _window_arguments(arguments) or build_parser(arguments).parse_args(arguments)
    if args.db is None:
        args.db = default_database_path()
    handler = getattr(args, "handler", None)
    if handler is None:
        from jobtracker.commands.gui import run_gui

        handler = run_gui
    try:
        return handler(args) or 0
    except StoreError as exc:
        say(f"jobtracker: {exc}", file=sys.stderr)
        return EXIT_DATABASE
    except _database_errors() as exc:  # e.g. disk full, busy past the timeout
        fault = explain(exc, args.db)
        say(f"jobtracker: {fault or f'the database {args.db} could not be used: {exc}'}",
              file=sys.stderr)  # fmt: skip
        return EXIT_DATABASE
    except CaptureError as exc:
        say(f"jobtracker: {exc}", file=sys.stderr)
        return EXIT_CAPTURE
    except (DomainError, CommandError) as exc:
        say(f"jobtracker: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # output piped into head and the like
        sys.stderr.close()
        return 0
    except OSError as exc:  # unreadable folder, no space left ...
        say(f"jobtracker: {explain(exc, args.db) or exc}", file=sys.stderr)
        return EXIT_DATABASE
