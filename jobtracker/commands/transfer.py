"""import and export: spreadsheets and other trackers in; CSV, JSON and calendar out.

The readers and writers load when one of these commands runs, not with every command line.
"""

from __future__ import annotations

import argparse
import errno
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from jobtracker.commands import AddArguments
from jobtracker.commands.common import services_for
from jobtracker.commands.errors import CommandError
from jobtracker.commands.output import say
from jobtracker.domain.transfer.choices import (
    DUPLICATE_CHOICES,
    EXPORT_KINDS,
    UNKNOWN_COLUMN_CHOICES,
)
from jobtracker.domain.transfer.dates import DMY, MDY
from jobtracker.text import counted

if TYPE_CHECKING:
    from jobtracker.domain.transfer.csv_import import ImportPreview

#: problems printed in full; the rest are counted
SHOWN_PROBLEMS = 50


def _import_arguments(importer: argparse.ArgumentParser) -> None:
    importer.description = (
        "Reads the file, reports every problem by row and column, then imports "
        "all accepted rows in one transaction (all or nothing). A JSON backup is restored "
        "into an empty database."
    )
    importer.add_argument("file", type=Path)
    importer.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    importer.add_argument(
        "--map-stage", action="append", default=[], metavar="FROM=TO",
        help="put rows whose stage is FROM into the board's stage TO (repeatable)",
    )  # fmt: skip
    importer.add_argument(
        "--create-stages", action="store_true", help="add stages the board does not have"
    )
    importer.add_argument(
        "--duplicates", choices=DUPLICATE_CHOICES, default="skip",
        help="rows with the same company, role and link as an existing one (default: skip)",
    )  # fmt: skip
    importer.add_argument(
        "--unknown-columns", choices=UNKNOWN_COLUMN_CHOICES, default="notes",
        help="columns jobtracker has no field for: kept in the notes, or dropped",
    )  # fmt: skip
    importer.add_argument(
        "--date-order", choices=(DMY, MDY),
        help="how to read dates like 03/04/2025 when nothing in the file settles it",
    )  # fmt: skip
    importer.add_argument(
        "--skip-invalid", action="store_true", help="import the good rows, leave out bad ones"
    )
    importer.set_defaults(handler=import_command)


def _export_arguments(exporter: argparse.ArgumentParser) -> None:
    exporter.add_argument("kind", choices=EXPORT_KINDS)
    exporter.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: stdout")
    exporter.add_argument(
        "--tz", metavar="ZONE",
        help="time zone for dates and times, e.g. Europe/Berlin (default: the time zone "
        "setting, else this machine's; ics: UTC)",
    )  # fmt: skip
    exporter.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="activity: from")
    exporter.add_argument("--until", type=_date, metavar="YYYY-MM-DD", help="activity: to")
    exporter.set_defaults(handler=export_command)


ARGUMENTS: dict[str, AddArguments] = {"import": _import_arguments, "export": _export_arguments}


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2025-03-31") from exc


def _stage_map(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        source, sep, target = pair.partition("=")
        if not sep or not source.strip() or not target.strip():
            raise CommandError(f"--map-stage {pair!r}: write it as FROM=TO, e.g. 'Phone=Applied'")
        mapping[source.strip()] = target.strip()
    return mapping


def import_command(args: argparse.Namespace) -> int:
    from jobtracker.domain.transfer.csv_import import ImportOptions
    from jobtracker.domain.transfer.service import is_backup_file, is_bundle_file, transfer_for

    if not args.file.is_file():
        raise CommandError(f"There is no file at {args.file}")
    if is_backup_file(args.file) or is_bundle_file(args.file):
        return _restore(args)
    options = ImportOptions(
        stage_map=_stage_map(args.map_stage),
        create_stages=args.create_stages,
        duplicates=args.duplicates,
        unknown_columns=args.unknown_columns,
        date_order=args.date_order,
        skip_invalid=args.skip_invalid,
    )
    with services_for(args, readonly=args.dry_run) as services:
        transfer = transfer_for(services)
        preview = transfer.preview(args.file, options)
        print_preview(preview)
        if args.dry_run:
            say("Dry run: nothing was written.")
            return 1 if preview.errors and not args.skip_invalid else 0
        result = transfer.apply(preview)
    extras = [
        text
        for count, text in (
            (result.merged, f"merged {result.merged}"),
            (result.skipped, f"skipped {counted(result.skipped, 'duplicate')}"),
            (result.invalid, f"left out {counted(result.invalid, 'row')} with errors"),
            (result.created_stages, f"created {_stages(result.created_stages)}"),
        )
        if count
    ]
    line = f"Imported {counted(result.added, 'application')} from {args.file.name}"
    say(line + (f"; {'; '.join(extras)}" if extras else "") + ".")
    return 0


def _stages(names: tuple[str, ...]) -> str:
    """ "the stage Screening", "the stages Screening, Offer"."""
    noun = "stage" if len(names) == 1 else "stages"
    return f"the {noun} {', '.join(names)}"


def print_preview(preview: ImportPreview) -> None:
    from jobtracker.domain.transfer import formats
    from jobtracker.domain.transfer.csv_import import INVALID, MERGE, SKIP
    from jobtracker.domain.transfer.problems import ERROR
    from jobtracker.domain.transfer.reading import DELIMITER_NAMES

    rows = len(preview.rows)
    say(
        f"Read {preview.source_name}: {preview.format_name} layout, {preview.encoding}, "
        f"{DELIMITER_NAMES[preview.delimiter]}-separated, {counted(rows, 'row')}."
    )
    mapped = [f"{h} -> {formats.FIELD_LABELS[t]}" for h, t in preview.mapping.items()
              if t != formats.IGNORE]  # fmt: skip
    say(f"Columns: {', '.join(mapped)}")
    ignored = [h for h, t in preview.mapping.items() if t == formats.IGNORE]
    if ignored:
        say(f"Not imported: {', '.join(ignored)}")
    if preview.unknown_columns:
        fate = "kept in the notes" if preview.options.unknown_columns == "notes" else "dropped"
        say(f"Columns jobtracker has no field for ({fate}): {', '.join(preview.unknown_columns)}")
    if preview.new_stages:
        say(f"New stages to create: {', '.join(preview.new_stages)}")
    for note in preview.file_notes:
        say(f"Note: {note}")
    problems = sorted(preview.problems, key=lambda p: (p.row, p.severity != ERROR))
    for problem in problems[:SHOWN_PROBLEMS]:
        say(f"  {problem.severity:<7} {problem}")
    if len(problems) > SHOWN_PROBLEMS:
        say(f"  ... and {len(problems) - SHOWN_PROBLEMS} more")
    if preview.unknown_stages:
        names = ", ".join(f"{name!r} ({n})" for name, n in preview.unknown_stages.items())
        say(f"Stages not on the board: {names}. Use --map-stage FROM=TO or --create-stages.")
    say(
        f"To add: {preview.count('add')}, to merge: {preview.count(MERGE)}, duplicates "
        f"skipped: {preview.count(SKIP)}, rows with errors: {preview.count(INVALID)}."
    )


def _restore(args: argparse.Namespace) -> int:
    """A JSON backup, or a bundle (the backup and the documents' files) restored together."""
    from jobtracker.domain.transfer import json_io
    from jobtracker.domain.transfer.bundle import is_bundle, read_bundle
    from jobtracker.domain.transfer.service import transfer_for

    kind = "bundle" if is_bundle(args.file) else "backup"
    data = read_bundle(args.file) if kind == "bundle" else json_io.load_backup(args.file)
    counts = {name: len(table["rows"]) for name, table in data["tables"].items()}
    summary = ", ".join(counted(n, name.replace("_", " ")) for name, n in counts.items() if n)
    if args.dry_run:
        say(f"{args.file.name} is a valid {kind} ({summary}). Dry run: nothing was written.")
        return 0
    with services_for(args) as services:
        transfer_for(services).restore_backup(args.file)
    say(f"Restored {args.file.name} into {args.db}: {summary}.")
    return 0


def _export_bundle(args: argparse.Namespace) -> int:
    from jobtracker.domain.transfer.bundle import export_bundle
    from jobtracker.paths import documents_dir

    if args.output is None:
        raise CommandError("a bundle is a zip file: name it with -o FILE.zip")
    with services_for(args, readonly=True) as services:
        count = export_bundle(services.clock, documents_dir(services.store.path), args.output)
    say(f"Wrote {args.output} (the backup and {counted(count, 'document')})", file=sys.stderr)
    return 0


def export_command(args: argparse.Namespace) -> int:
    from jobtracker.domain.transfer import ics_export
    from jobtracker.domain.transfer.service import ExportRequest, transfer_for, write_file

    if args.kind != "activity" and (args.since or args.until):
        raise CommandError("--since and --until apply to the activity log only")
    tz = ics_export.zone(args.tz) if args.tz else None
    if args.output is not None and not args.output.parent.is_dir():
        raise CommandError(f"There is no folder {args.output.parent} to write into")
    if not args.db.exists():
        raise CommandError(f"No database at {args.db}")
    if args.kind == "bundle":
        return _export_bundle(args)
    with services_for(args, readonly=True) as services:
        data = transfer_for(services).export(ExportRequest(args.kind, tz, args.since, args.until))
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    try:
        write_file(args.output, data, spreadsheet=args.kind in ("csv", "activity"))
    except OSError as exc:
        from jobtracker.store.faults import explain

        fault = explain(exc, args.output) if exc.errno == errno.ENOSPC else None
        raise fault or CommandError(f"Cannot write {args.output}: {exc.strerror or exc}") from exc
    say(f"Wrote {args.output} ({len(data):,} bytes)", file=sys.stderr)
    return 0
