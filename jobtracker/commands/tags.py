"""tag, untag and tags: an application's tags, and the tags themselves, from the command line."""

from __future__ import annotations

import argparse

from jobtracker.commands import AddArguments
from jobtracker.commands.common import add_json_options, print_json, services_for
from jobtracker.commands.output import one_line, say
from jobtracker.domain.tags import split_tags


def _tag_arguments(tag: argparse.ArgumentParser) -> None:
    tag.add_argument("id", type=int, metavar="APP", help="the application's id")
    tag.add_argument("tags", nargs="+", metavar="TAG", help='tags ("remote" or "a, b")')
    tag.set_defaults(handler=tag_command)


def _untag_arguments(untag: argparse.ArgumentParser) -> None:
    untag.add_argument("id", type=int, metavar="APP", help="the application's id")
    untag.add_argument("tags", nargs="+", metavar="TAG")
    untag.set_defaults(handler=untag_command)


def _tags_arguments(tags: argparse.ArgumentParser) -> None:
    change = tags.add_mutually_exclusive_group()
    change.add_argument("--rename", nargs=2, metavar=("TAG", "NEW_NAME"))
    change.add_argument("--merge", nargs=2, metavar=("TAG", "INTO"), help="fold TAG into INTO")
    change.add_argument("--color", nargs=2, metavar=("TAG", "#RRGGBB"))
    change.add_argument("--delete", metavar="TAG", help="delete TAG from every application")
    add_json_options(tags)
    tags.set_defaults(handler=tags_command)


ARGUMENTS: dict[str, AddArguments] = {
    "tag": _tag_arguments, "untag": _untag_arguments, "tags": _tags_arguments,
}  # fmt: skip


def _names(arguments: list[str]) -> list[str]:
    return [name for argument in arguments for name in split_tags(argument)]


def tag_command(args: argparse.Namespace) -> int:
    names = _names(args.tags)
    with services_for(args) as services:
        services.tags.add([args.id], names)
        now = [t.name for t in services.tags.tags_of(args.id)]
    say(f"#{args.id} is tagged {one_line(', '.join(now))}")
    return 0


def untag_command(args: argparse.Namespace) -> int:
    names = _names(args.tags)
    with services_for(args) as services:
        services.board.card(args.id)
        services.tags.remove([args.id], names)
        now = [t.name for t in services.tags.tags_of(args.id)]
    say(f"#{args.id} is tagged {one_line(', '.join(now))}" if now else f"#{args.id} has no tags")
    return 0


def tags_command(args: argparse.Namespace) -> int:
    changing = args.rename or args.merge or args.color or args.delete
    if not changing and not args.db.exists():
        say("[]" if args.json else f"No tags yet ({args.db} does not exist).")
        return 0
    with services_for(args, readonly=not changing) as services:
        tags = services.tags
        if args.rename:
            tags.rename(tags.named(args.rename[0]).id, args.rename[1])
        elif args.merge:
            tags.merge([tags.named(args.merge[0]).id], tags.named(args.merge[1]).id)
        elif args.color:
            tags.set_color(tags.named(args.color[0]).id, args.color[1])
        elif args.delete:
            tags.delete(tags.named(args.delete).id)
        usages = tags.tags()
    if args.json:
        listed = [{"name": u.tag.name, "color": u.tag.color, "applications": u.uses}
                  for u in usages]  # fmt: skip
        print_json(listed, pretty=args.pretty)
        return 0
    for usage in usages:
        say(f"{usage.uses:>5}  {usage.tag.color}  {one_line(usage.tag.name)}")
    return 0
