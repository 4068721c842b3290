"""The words on a card: its badges and the sentence screen readers say for it."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from jobtracker.domain.records import CardRow


class Badge(NamedTuple):
    text: str
    tooltip: str
    warning: bool = False


def days_in_stage(card: CardRow, now: datetime) -> str:
    days = max(0, (now - card.stage_entered_at).days)
    if days == 0:
        return "today"
    return "1 day" if days == 1 else f"{days} days"


def _short_date(when: datetime, now: datetime) -> str:
    local, today = when.astimezone(), now.astimezone().date()
    if local.date() == today:
        return f"today {local:%H:%M}"
    if (local.date() - today).days == 1:
        return f"tomorrow {local:%H:%M}"
    if 0 < (local.date() - today).days < 7:
        return f"{local:%a %H:%M}"
    return f"{local:%d %b}".lstrip("0")


def badges(card: CardRow, now: datetime) -> list[Badge]:
    """The card's badges, most important first: a narrow card drops them from the end.

    Trash or archive state, an overdue follow-up, the next interview, days in the stage,
    the place, an upcoming follow-up, excitement.
    """
    result: list[Badge] = []
    if card.trashed:
        result.append(Badge("In trash", "In the trash: restore it from the Edit menu"))
    elif card.archived:
        result.append(Badge("Archived", "Archived"))
    reminder = None
    if card.next_reminder_at is not None:
        overdue = card.next_reminder_at <= now
        when = _short_date(card.next_reminder_at, now)
        text = "Overdue" if overdue else f"Follow up {when}"
        tip = f"Follow-up {'was due' if overdue else 'due'} {when}"
        reminder = Badge(text, tip, warning=overdue)
        if overdue:
            result.append(reminder)
    if card.next_interview_at is not None:
        when = _short_date(card.next_interview_at, now)
        result.append(Badge(f"Interview {when}", f"Next interview {when}"))
    days = days_in_stage(card, now)
    tip = "Entered this stage today" if days == "today" else f"In this stage for {days}"
    result.append(Badge(days, tip))
    if card.location:
        result.append(Badge(card.location, f"Location: {card.location}"))
    if reminder is not None and not reminder.warning:
        result.append(reminder)
    if card.excitement:
        result.append(Badge("★" * card.excitement, f"Excitement {card.excitement} of 5"))
    return result


def accessible_text(card: CardRow, stage_name: str, now: datetime) -> str:
    """ "Acme, Backend Engineer, Applied, 3 days"."""
    return f"{card.company}, {card.role}, {stage_name}, {days_in_stage(card, now)}"
