"""reminders: what to follow up on, grouped Overdue / Today / Upcoming. Reads only."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING

from jobtracker.commands import AddArguments
from jobtracker.commands.common import add_json_options, print_json, services_for
from jobtracker.commands.output import one_line, say
from jobtracker.domain.clock import to_local

if TYPE_CHECKING:
    from jobtracker.domain.reminders import ReminderInfo


def _reminders_arguments(reminders: argparse.ArgumentParser) -> None:
    reminders.add_argument("--due", action="store_true", help="only the ones due now")
    add_json_options(reminders)
    reminders.set_defaults(handler=reminders_command)


ARGUMENTS: dict[str, AddArguments] = {"reminders": _reminders_arguments}


def reminders_command(args: argparse.Namespace) -> int:
    with services_for(args, readonly=True) as services:
        now = services.clock.now()
        tz = services.followups.tz
        groups = [
            (group.name, [r for r in group.reminders if not args.due or r.effective_at <= now])
            for group in services.reminders.groups(now)
        ]
    if args.json:
        rows = [_json(info, name) for name, infos in groups for info in infos]
        print_json(rows, pretty=args.pretty)
        return 0
    if not any(infos for _, infos in groups):
        say("Nothing is due." if args.due else "No reminders.")
        return 0
    for name, infos in groups:
        if not infos:
            continue
        say(f"{name} ({len(infos)})")
        for info in infos:
            when = to_local(info.effective_at, tz).strftime("%a %d %b %H:%M")
            say(f"  #{info.id:<5} {when}  {one_line(info.summary)}")
            say(f"          {one_line(info.reason)}")
            if info.contact_line:
                say(f"          Contact: {info.contact_line}")
    return 0


def _json(info: ReminderInfo, group: str) -> dict[str, object]:
    def stamp(value: datetime | None) -> str | None:
        return value.isoformat() if value is not None else None

    return {
        "id": info.id,
        "application_id": info.application_id,
        "company": info.company,
        "role": info.role,
        "group": group,
        "rule": info.rule_key,
        "summary": info.summary,
        "reason": info.reason,
        "template": info.template_key,
        "priority": info.priority,
        "due_at": stamp(info.due_at),
        "snoozed_until": stamp(info.snoozed_until),
        "effective_at": stamp(info.effective_at),
        "notified_at": stamp(info.notified_at),
        "contact": {
            "name": info.contact_name,
            "phone": info.contact_phone,
            "email": info.contact_email,
        },
    }
