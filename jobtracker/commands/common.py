"""Helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the window's start parses the command line before the store loads
    from jobtracker.domain.services import Services


class CommandError(Exception):
    """A command-line mistake found after parsing (a missing file, a bad value ...)."""


@contextmanager
def services_for(args: argparse.Namespace, *, readonly: bool = False) -> Iterator[Services]:
    """Open the services on ``--db``; writers take the lock as "jobtracker <command>"."""
    from jobtracker.domain.services import open_services

    services = open_services(args.db, owner=f"jobtracker {args.command}", readonly=readonly)
    for notice in services.store.notices:
        print(f"jobtracker: {notice}", file=sys.stderr)
    try:
        yield services
    finally:
        services.close()
