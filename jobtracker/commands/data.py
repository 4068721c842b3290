"""demo, backup, restore and check: looking after the database file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jobtracker.commands import AddArguments
from jobtracker.commands.common import services_for
from jobtracker.commands.errors import CommandError
from jobtracker.commands.output import say
from jobtracker.domain.backups import take_backup


def _restore_arguments(restore: argparse.ArgumentParser) -> None:
    restore.add_argument("file", type=Path)
    restore.set_defaults(handler=restore_command)


ARGUMENTS: dict[str, AddArguments] = {
    "demo": lambda demo: demo.set_defaults(handler=demo_command),
    "backup": lambda backup: backup.set_defaults(handler=backup_command),
    "restore": _restore_arguments,
    "check": lambda check: check.set_defaults(handler=check_command),
}


def demo_command(args: argparse.Namespace) -> int:
    from jobtracker.domain.demo import fill_with_sample_data, sample_data_refusal

    with services_for(args) as services:
        refusal = sample_data_refusal(services)
        if refusal:
            raise CommandError(
                f"{args.db}: {refusal}, or an empty database file: "
                "jobtracker --db /tmp/demo.sqlite3 demo"
            )
        count = len(fill_with_sample_data(services).application_ids)
    say(f"Added {count} sample applications to {args.db}")
    return 0


def backup_command(args: argparse.Namespace) -> int:
    """Reads only (the online backup API), so it works while the window is open."""
    if not args.db.exists():
        raise CommandError(f"No database at {args.db}")
    with services_for(args, readonly=True) as services:
        taken = take_backup(services.store, services.clock)
    say(f"Backed up to {taken.path}")
    return 0


def restore_command(args: argparse.Namespace) -> int:
    from jobtracker.domain.backups import restore_file

    if not args.file.is_file():
        raise CommandError(f"No backup file at {args.file}")
    aside = restore_file(args.file, args.db)
    if aside is not None:
        say(f"The replaced database was kept as {aside}")
    say(f"Restored {args.db} from {args.file}")
    return 0


def check_command(args: argparse.Namespace) -> int:
    from jobtracker.store.db import integrity_report, open_store  # not on the window's start

    if not args.db.exists():
        raise CommandError(f"No database at {args.db}")
    from jobtracker.domain.documents.service import DocumentService
    from jobtracker.paths import documents_dir

    with open_store(args.db, readonly=True) as store:
        for notice in store.notices:
            say(f"jobtracker: {notice}", file=sys.stderr)
        problems = integrity_report(store)
        if not problems:
            problems = DocumentService(documents_dir(args.db)).stored_file_problems()
    if problems:
        say(f"PROBLEMS in {args.db}:")
        for problem in problems:
            say(f"  {problem}")
        return 1
    say(f"OK: {args.db} passed the integrity and foreign-key checks; every stored "
          "document matches its hash")  # fmt: skip
    return 0
