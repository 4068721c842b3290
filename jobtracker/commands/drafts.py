"""draft, templates and profile: drafts from the command line (they only read, but profile)."""

from __future__ import annotations

import argparse
import sys

from jobtracker.commands import AddArguments
from jobtracker.commands.common import services_for
from jobtracker.commands.errors import CommandError
from jobtracker.commands.output import one_line, say


def _draft_arguments(draft: argparse.ArgumentParser) -> None:
    draft.add_argument("id", type=int, metavar="APP_ID")
    draft.add_argument("template", metavar="TEMPLATE", help="a key from `jobtracker templates`")
    draft.add_argument("--contact", type=int, metavar="ID", help="the recipient's contact id")
    draft.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="fill a template input, e.g. --set topics='your data platform' (repeatable)",
    )
    draft.set_defaults(handler=draft_command)


def _profile_arguments(profile: argparse.ArgumentParser) -> None:
    for name in ("name", "email", "phone", "signature"):
        profile.add_argument(f"--{name}")
    profile.set_defaults(handler=profile_command)


ARGUMENTS: dict[str, AddArguments] = {
    "draft": _draft_arguments,
    "templates": lambda templates: templates.set_defaults(handler=templates_command),
    "profile": _profile_arguments,
}


def parse_assignments(items: list[str]) -> dict[str, str]:
    values = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise CommandError(f"--set {item!r}: write it as KEY=VALUE, e.g. topics='our roadmap'")
        values[key.strip()] = value
    return values


def draft_command(args: argparse.Namespace) -> int:
    inputs = parse_assignments(args.set)
    with services_for(args, readonly=True) as services:
        info = services.templates.info(args.template)
        known = {i.name for i in info.inputs}
        for key in inputs:
            if key not in known:
                listed = ", ".join(sorted(known)) or "none"
                raise CommandError(
                    f"--set {key}: the {args.template} template has no such input "
                    f"(its inputs: {listed})"
                )
        contact_id = args.contact
        if contact_id is None:
            contact_id = services.drafts.default_recipient(args.id, args.template)
        rendered = services.drafts.prepare(args.id, args.template, contact_id, inputs)
        if not services.profile.get().is_complete:
            say(
                "Note: your name is not set; set it with: jobtracker profile --name 'Your Name'",
                file=sys.stderr,
            )
    if rendered.problem is not None:
        say(f"jobtracker: template {args.template}: {rendered.problem}", file=sys.stderr)
        if not rendered.fallback:
            return 1
    say(f"Subject: {one_line(rendered.subject)}\n\n{rendered.body}")
    return 0


def templates_command(args: argparse.Namespace) -> int:
    with services_for(args, readonly=True) as services:
        infos = services.templates.all_info()
    width = max((len(i.key) for i in infos), default=0)
    for info in infos:
        mark = " (edited)" if info.overridden and info.has_default else ""
        mark = " (custom)" if not info.has_default else mark
        problem = f" (problem: {one_line(str(info.problem))})" if info.problem else ""
        say(f"{info.key:<{width}}  {one_line(info.purpose)}{mark}{problem}")
    return 0


def profile_command(args: argparse.Namespace) -> int:
    changes = {k: getattr(args, k) for k in ("name", "email", "phone", "signature")}
    changes = {k: v for k, v in changes.items() if v is not None}
    with services_for(args, readonly=not changes) as services:
        profile = services.profile.get()
        if changes:
            fields = {
                "name": profile.name,
                "email": profile.email,
                "phone": profile.phone,
                "signature": profile.signature,
            }
            profile = services.profile.save(**{**fields, **changes})
    say(f"Name:      {profile.name}")
    say(f"Email:     {profile.email}")
    say(f"Phone:     {profile.phone}")
    say("Signature: " + profile.sign_off.replace("\n", "\n           "))
    return 0
