"""Helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from jobtracker.commands.output import say

if TYPE_CHECKING:  # the window's start parses the command line before the store loads
    from jobtracker.domain.readers import Reader
    from jobtracker.domain.services import Services


@contextmanager
def services_for(args: argparse.Namespace, *, readonly: bool = False) -> Iterator[Services]:
    """Open the services on ``--db``; writers take the lock as "jobtracker <command>"."""
    from jobtracker.domain.services import open_services

    services = open_services(args.db, owner=f"jobtracker {args.command}", readonly=readonly)
    for notice in services.store.notices:
        say(f"jobtracker: {notice}", file=sys.stderr)
    try:
        yield services
    finally:
        services.close()


@contextmanager
def reader_for(args: argparse.Namespace) -> Iterator[Reader]:
    """Open ``--db`` to read only, without the services (see :mod:`domain.readers`)."""
    from jobtracker.domain.readers import open_reader

    reader = open_reader(args.db, owner=f"jobtracker {args.command}")
    for notice in reader.notices:
        say(f"jobtracker: {notice}", file=sys.stderr)
    try:
        yield reader
    finally:
        reader.close()


def add_json_options(parser: argparse.ArgumentParser) -> None:
    """``--json`` (compact, one line) and ``--pretty`` (indented) for a listing command."""
    parser.add_argument("--json", action="store_true", help="machine-readable output (compact)")
    parser.add_argument("--pretty", action="store_true", help="with --json: indented")


def print_json(value: object, *, pretty: bool = False) -> None:
    """``value`` as JSON on stdout: compact by default, which json's C encoder writes
    (indenting goes through its pure-Python one, many times slower on a large board)."""
    if pretty:
        text = json.dumps(value, indent=2, ensure_ascii=False)
    else:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    print_json_text(text)


def print_json_text(text: str) -> None:
    """JSON text, as :func:`json.dumps` wrote it (``ensure_ascii=False``), on stdout."""
    if text.isascii() and "\x7f" not in text:  # json escaped every other control character
        print(text)
    else:
        say(text)  # DEL and C1 controls, which json leaves raw, shown escaped
