"""add, list and move: the board from the command line."""

from __future__ import annotations

import argparse
import sys

from jobtracker.commands import AddArguments
from jobtracker.commands.common import (
    add_json_options,
    print_json,
    print_json_text,
    reader_for,
    services_for,
)
from jobtracker.commands.output import one_line, say


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
    from jobtracker.domain.amounts import AmountError, describe_range, read_salary
    from jobtracker.domain.errors import ValidationError

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
    from jobtracker.domain.card_listing import Listing

    listing = Listing(args.archived, args.stage, args.search or "", args.tag)
    with reader_for(args) as reader:
        if args.json and not args.pretty:  # compact: the text as the read wrote it
            text = reader.cards_json(listing)
        else:
            cards = reader.cards(listing)
    if args.json and not args.pretty:
        print_json_text(text)
    elif args.json:
        print_json(cards, pretty=True)
    else:
        from jobtracker.domain.tags import join_tags

        for card in cards:
            tags = f"  [{one_line(join_tags(card['tags']))}]" if card["tags"] else ""
            say(f"{card['id']:>5}  {one_line(card['stage']):<13} {one_line(card['company'])} — "
                f"{one_line(card['role'])}{tags}")  # fmt: skip
    return 0


def move_command(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        stage = services.board.stage_by_name(args.stage)
        services.board.card(args.id)
        services.board.move_cards([args.id], stage.id, args.before)
    say(f"Moved #{args.id} to {stage.name}")
    return 0
