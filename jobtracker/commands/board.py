"""add, list and move: the board from the command line."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from jobtracker.commands import AddArguments
from jobtracker.commands.common import add_json_options, print_json, services_for
from jobtracker.commands.output import one_line, say
from jobtracker.domain.amounts import AmountError, describe_range, read_salary
from jobtracker.domain.errors import ValidationError
from jobtracker.domain.records import CardRow, StageInfo
from jobtracker.domain.tags import join_tags


def _add_arguments(add: argparse.ArgumentParser) -> None:
    add.add_argument("--company", required=True)
    add.add_argument("--role", required=True)
    add.add_argument("--stage", help="stage name (default: the first stage)")
    add.add_argument("--url", default="")
    add.add_argument("--location", default="")
    add.add_argument(
        "--salary", default="", help='as advertised: "65000", "60-70k EUR", "$80,000 - $90,000"'
    )
    add.set_defaults(handler=add_command)


def _list_arguments(listing: argparse.ArgumentParser) -> None:
    listing.add_argument("--stage", help="only this stage")
    listing.add_argument("--search", metavar="Q", help="company, role, location, notes, people")
    listing.add_argument("--archived", action="store_true", help="include archived ones")
    listing.add_argument(
        "--tag", action="append", default=[], metavar="TAG", help="only those tagged TAG "
        "(repeat for several: all of them)",
    )  # fmt: skip
    add_json_options(listing)
    listing.set_defaults(handler=list_command)


def _move_arguments(move: argparse.ArgumentParser) -> None:
    move.add_argument("id", type=int)
    move.add_argument("stage")
    move.add_argument("--before", type=int, metavar="ID", help="place it before this card")
    move.set_defaults(handler=move_command)


ARGUMENTS: dict[str, AddArguments] = {
    "add": _add_arguments, "list": _list_arguments, "move": _move_arguments,
}  # fmt: skip


def add_command(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        stage_id = services.board.stage_by_name(args.stage).id if args.stage else None
        fields, salary = salary_fields(args.salary)
        result = services.applications.add(
            args.company, args.role, stage_id, url=args.url, location=args.location, **fields
        )
        if salary:
            say(f"Note: the salary reads as {salary}", file=sys.stderr)
        for other in result.same_company:
            stage = services.board.stage(other.stage_id).name
            say(
                f"Note: already at {other.company}: #{other.id} {other.role} ({stage})",
                file=sys.stderr,
            )
    say(result.id)
    return 0


def salary_fields(text: str) -> tuple[dict[str, object], str]:
    """The salary as typed and what was read from it, and that reading in words ("60,000
    to 70,000 EUR"); raises ValidationError when nothing can be read, so a typed salary is
    never dropped without a word."""
    if not text.strip():
        return {}, ""
    try:
        low, high = read_salary(text)
    except AmountError as exc:
        raise ValidationError("salary", str(exc)) from None
    fields = {
        "salary_text": text,
        "salary_min": low.whole,
        "salary_max": high.whole,
        "salary_currency": low.currency,
    }
    return fields, describe_range(low, high if high != low else None, low.currency)


def list_command(args: argparse.Namespace) -> int:
    if not args.db.exists():  # nothing saved yet: say so without creating the file
        say("[]" if args.json else f"No applications yet ({args.db} does not exist).")
        return 0
    with services_for(args, readonly=True) as services:
        stages = {s.id: s for s in services.board.stages()}
        if args.search:
            cards = services.board.search(args.search, include_archived=args.archived)
        else:
            cards = services.board.cards(include_archived=args.archived)
        if args.stage:
            wanted = services.board.stage_by_name(args.stage).id
            cards = [c for c in cards if c.stage_id == wanted]
        for tag in args.tag:
            tagged = services.tags.application_ids(tag)
            cards = [c for c in cards if c.id in tagged]
        created = services.board.created_times() if args.json else {}
    if args.json:
        listed = [_card_json(c, stages, created[c.id]) for c in cards]
        print_json(listed, pretty=args.pretty)
    else:
        for card in cards:
            stage = one_line(stages[card.stage_id].name)
            tags = f"  [{one_line(join_tags(t.name for t in card.tags))}]" if card.tags else ""
            say(f"{card.id:>5}  {stage:<13} {one_line(card.company)} — {one_line(card.role)}{tags}")
    return 0


def _card_json(
    card: CardRow, stages: dict[int, StageInfo], created_at: datetime
) -> dict[str, object]:
    return {
        "id": card.id,
        "company": card.company,
        "role": card.role,
        "location": card.location,
        "stage": stages[card.stage_id].name,
        "rank": card.rank,
        "excitement": card.excitement,
        "stage_entered_at": card.stage_entered_at.isoformat(),
        "created_at": created_at.isoformat(),
        "archived": card.archived,
        "next_interview_at": card.next_interview_at and card.next_interview_at.isoformat(),
        "next_reminder_at": card.next_reminder_at and card.next_reminder_at.isoformat(),
        "source": card.source,
        "applied_at": card.applied_at and card.applied_at.isoformat(),
        "tags": [tag.name for tag in card.tags],
    }


def move_command(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        stage = services.board.stage_by_name(args.stage)
        services.board.card(args.id)
        services.board.move_cards([args.id], stage.id, args.before)
    say(f"Moved #{args.id} to {stage.name}")
    return 0
