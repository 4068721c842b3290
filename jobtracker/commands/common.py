"""Helpers shared by the subcommands."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from jobtracker.domain.services import Services, open_services


class CommandError(Exception):
    """A command-line mistake found after parsing (a missing file, a bad value ...)."""


@contextmanager
def services_for(args: argparse.Namespace, *, readonly: bool = False) -> Iterator[Services]:
    """Open the services on ``--db``; writers take the lock as "jobtracker <command>"."""
    services = open_services(args.db, owner=f"jobtracker {args.command}", readonly=readonly)
    try:
        yield services
    finally:
        services.close()
