"""capture: a job posting's link (or a saved copy) to a new application, posting kept.

The page is fetched and read before the database opens, so a failed capture writes nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jobtracker.commands import AddArguments
from jobtracker.commands.common import add_json_options, print_json, services_for
from jobtracker.commands.errors import CommandError
from jobtracker.commands.output import say

if TYPE_CHECKING:
    from jobtracker.domain.capture.posting import CapturedPosting


def _capture_arguments(capture: argparse.ArgumentParser) -> None:
    capture.description = (
        "Fetch the page (only it; no cookies), read the posting's company, role, "
        "place, salary, dates and description, and add it to the board with the posting kept."
    )
    capture.add_argument("url", nargs="?", help="the posting's link (https://...)")
    capture.add_argument(
        "--file", type=Path, metavar="PATH", help="a saved posting (.html, .txt or .pdf) instead"
    )
    capture.add_argument("--stage", help="stage name (default: the first stage)")
    capture.add_argument(
        "--timeout", type=float, default=30.0, metavar="SECONDS", help="give up after (30)"
    )
    capture.add_argument(
        "--force", action="store_true", help="add it even if it looks already tracked"
    )
    add_json_options(capture)
    capture.set_defaults(handler=capture_command)


ARGUMENTS: dict[str, AddArguments] = {"capture": _capture_arguments}


def capture_command(args: argparse.Namespace) -> int:
    if (args.url is None) == (args.file is None):
        raise CommandError("give the posting's link or --file PATH (one of them)")
    if args.timeout <= 0:
        raise CommandError("--timeout must be more than 0 seconds")
    posting, html = _read(args)
    with services_for(args) as services:
        stage_id = services.board.stage_by_name(args.stage).id if args.stage else None
        tracked = services.postings.already_tracked(posting.url, posting.company, posting.role)
        if tracked and not args.force:
            listed = "; ".join(f"#{c.id} {c.company} — {c.role}" for c in tracked[:3])
            raise CommandError(
                f"already tracked: {listed} (open it with jobtracker, or add --force to "
                "capture it anyway)"
            )
        result = services.postings.add_captured(posting, stage_id=stage_id, html=html)
        stage = services.board.stage(services.board.card(result.id).stage_id).name
    if args.json:
        print_json(_as_json(result.id, stage, posting), pretty=args.pretty)
    else:
        _describe(result.id, stage, posting)
    return 0


def _read(args: argparse.Namespace) -> tuple[CapturedPosting, str]:
    if args.file is not None:
        from jobtracker.domain.capture.from_text import from_file

        return from_file(args.file), ""
    from jobtracker.domain.capture.page import capture_link

    captured = capture_link(args.url, timeout=args.timeout)
    return captured.posting, captured.html


def _as_json(application_id: int, stage: str, posting: CapturedPosting) -> dict[str, Any]:
    return {
        "id": application_id,
        "stage": stage,
        "source": posting.source,
        "company": posting.company,
        "role": posting.role,
        "location": posting.location_text,
        "remote": posting.remote,
        "employment_type": posting.employment_type,
        "salary_min": posting.salary_min,
        "salary_max": posting.salary_max,
        "salary_currency": posting.salary_currency,
        "salary_unit": posting.salary_unit,
        "salary_text": posting.salary_text,
        "date_posted": posting.date_posted and posting.date_posted.isoformat(),
        "valid_through": posting.valid_through and posting.valid_through.isoformat(),
        "url": posting.url,
        "description": posting.description,
        "guesses": sorted(posting.guesses),
        "notes": list(posting.notes),
    }


def _describe(application_id: int, stage: str, posting: CapturedPosting) -> None:
    guessed = " (guessed: check it)"
    lines = [
        ("Company", posting.company, "company"),
        ("Role", posting.role, "role"),
        ("Location", posting.location_text, "location"),
        ("Type", posting.employment_type, "employment_type"),
        ("Salary", posting.salary_text, "salary_min"),
        ("Posted", posting.date_posted and posting.date_posted.isoformat(), ""),
        ("Apply by", posting.valid_through and posting.valid_through.isoformat(), ""),
    ]
    say(f"Captured #{application_id} into {stage}")
    for label, value, name in lines:
        if value:
            say(f"  {label + ':':<10}{value}{guessed if name in posting.guesses else ''}")
    for note in posting.notes:
        say(f"Note: {note}", file=sys.stderr)
