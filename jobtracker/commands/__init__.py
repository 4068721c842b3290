"""Subcommands of the command line.

:data:`VERBS` names every subcommand, its line in ``--help`` and the module that implements
it. That module's ``ARGUMENTS`` maps the verb to a function adding its options to its
parser and setting a ``handler(args) -> int`` default. Only the module of the verb a command
line names is imported: each brings its domain services and their libraries, which the
other verbs (and ``--help``) do not need.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from importlib import import_module
from typing import NamedTuple

#: adds a verb's options to its parser and sets its ``handler`` default
AddArguments = Callable[[argparse.ArgumentParser], None]


class Verb(NamedTuple):
    name: str
    help: str  # its one line in ``jobtracker --help``
    module: str  # the module under jobtracker.commands whose ARGUMENTS[name] adds its options


#: every subcommand, in the order ``--help`` lists them
VERBS = (
    Verb("gui", "open the window (the default)", "gui"),
    Verb("add", "add an application and print its id", "board"),
    Verb("list", "list applications (reads only)", "board"),
    Verb("move", "move an application to a stage", "board"),
    Verb("tag", "tag an application (new tags are created)", "tags"),
    Verb("untag", "take tags off an application", "tags"),
    Verb("tags", "list the tags; rename, merge, colour, delete", "tags"),
    Verb(
        "people", "list the people of the search (reads only), or their likely duplicates", "people"
    ),
    Verb("person", "change a person, or merge people into one", "people"),
    Verb("capture", "add an application from a job posting's link and keep the posting", "capture"),
    Verb("demo", "fill the database with realistic sample data", "data"),
    Verb("backup", "take a verified backup now", "data"),
    Verb("restore", "replace the database with a backup (the current file is kept aside)", "data"),
    Verb("check", "check integrity and references (reads only)", "data"),
    Verb("draft", "print a draft (subject and body) for an application (reads only)", "drafts"),
    Verb("templates", "list the draft templates with their purpose (reads only)", "drafts"),
    Verb("profile", "show or set your name, email, phone and signature for drafts", "drafts"),
    Verb(
        "docs", "the document library: resumes, cover letters and where each was sent", "documents"
    ),
    Verb("reminders", "list follow-up reminders (reads only)", "reminders"),
    Verb("stats", "pace, responses and follow-up score over a period (reads only)", "insights"),
    Verb(
        "report",
        "the proof-of-search report: every application sent or under way in a period",
        "insights",
    ),
    Verb(
        "import",
        "import applications from a CSV file (spreadsheet, Huntr, JobSync) or a JSON backup",
        "transfer",
    ),
    Verb(
        "export",
        "export applications (csv), a full backup (json), the activity log or a calendar",
        "transfer",
    ),
    Verb(
        "install-desktop",
        "add jobtracker to the application menu (desktop file and icons in ~/.local/share)",
        "desktop",
    ),
)


def add_arguments(verb: Verb, parser: argparse.ArgumentParser) -> None:
    """Import ``verb``'s module and add the verb's options (and handler) to ``parser``."""
    adders: Mapping[str, AddArguments] = import_module(
        f"jobtracker.commands.{verb.module}"
    ).ARGUMENTS
    adders[verb.name](parser)
