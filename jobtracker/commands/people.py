"""people: everyone of the search from the command line; find, edit and merge people."""

from __future__ import annotations

import argparse

from jobtracker.commands import AddArguments
from jobtracker.commands.common import add_json_options, print_json, services_for
from jobtracker.commands.errors import CommandError
from jobtracker.commands.output import one_line, say
from jobtracker.domain.people import Person, duplicates
from jobtracker.text import matches_query

#: the options that change a person, as (option, contact field)
_EDITS = (("--name", "name"), ("--title", "title"), ("--company", "company"),
          ("--email", "email"), ("--phone", "phone"), ("--url", "url"))  # fmt: skip


def _people_arguments(people: argparse.ArgumentParser) -> None:
    people.add_argument("--search", metavar="Q", help="name, company, title, email, phone")
    people.add_argument(
        "--duplicates", action="store_true", help="only likely duplicates, in groups"
    )
    add_json_options(people)
    people.set_defaults(handler=people_command)


def _person_arguments(person: argparse.ArgumentParser) -> None:
    person.add_argument("id", type=int, metavar="PERSON", help="the person's id")
    for option, field in _EDITS:
        person.add_argument(option, dest=field, metavar="TEXT")
    person.add_argument(
        "--merge", type=int, nargs="+", metavar="OTHER",
        help="fold these people into PERSON (their applications, interviews and drafts); "
        "PERSON's values are kept, empty ones filled from the others",
    )  # fmt: skip
    person.set_defaults(handler=person_command)


ARGUMENTS: dict[str, AddArguments] = {"people": _people_arguments, "person": _person_arguments}


def _json(person: Person) -> dict[str, object]:
    return {
        "id": person.id, "name": person.name, "title": person.title, "company": person.company,
        "email": person.email, "phone": person.phone, "url": person.url,
        "last_contact": person.last_contact.isoformat() if person.last_contact else None,
        "applications": [
            {"id": a.id, "company": a.company, "role": a.role, "as": a.contact_role}
            for a in person.applications
        ],
    }  # fmt: skip


def _line(person: Person) -> str:
    parts = [person.name, person.title, person.company, person.email, person.phone]
    text = " · ".join(one_line(p) for p in parts if p)
    apps = person.applications_text()
    return f"{person.id:>5}  {text}" + (f"  [{one_line(apps)}]" if apps else "")


def people_command(args: argparse.Namespace) -> int:
    if not args.db.exists():
        say("[]" if args.json else f"No people yet ({args.db} does not exist).")
        return 0
    with services_for(args, readonly=True) as services:
        everyone = services.people.everyone()
    if args.search:
        everyone = [p for p in everyone if matches_query(p.search_text, args.search)]
    if args.duplicates:
        groups = duplicates(everyone)
        if args.json:
            print_json([[_json(p) for p in group] for group in groups], pretty=args.pretty)
        for number, group in enumerate(groups if not args.json else (), start=1):
            say(f"Likely the same person ({number}):")
            for person in group:
                say(_line(person))
        return 0
    if args.json:
        print_json([_json(p) for p in everyone], pretty=args.pretty)
    else:
        for person in everyone:
            say(_line(person))
    return 0


def person_command(args: argparse.Namespace) -> int:
    changes = {f: getattr(args, f) for _, f in _EDITS if getattr(args, f) is not None}
    if not changes and not args.merge:
        raise CommandError("say what to change (--name, --email ...) or whom to --merge")
    with services_for(args) as services:
        contacts = services.contacts
        if args.merge:
            kept = contacts.get(args.id)
            others = [contacts.get(other) for other in args.merge]
            filled = {
                field: next((getattr(o, field) for o in others if getattr(o, field)), "")
                for field in ("title", "company", "email", "phone", "url", "notes")
                if not getattr(kept, field)
            }
            contacts.merge(args.id, args.merge, {**filled, **changes})
            changes = {}
        if changes:
            contacts.edit(args.id, **changes)
        person = services.people.person(args.id)
    assert person is not None
    say(_line(person))
    return 0
