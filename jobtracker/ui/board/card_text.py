"""The words on a card: its badges and the sentence screen readers say for it."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from functools import lru_cache
from typing import NamedTuple

from jobtracker.domain.clock import to_local
from jobtracker.domain.records import CardRow


class Badge(NamedTuple):
    """A badge's words, the sentence it stands for, and its look: the warning tone, or for
    a tag chip the tag's colour (#rrggbb). ``fact`` marks what the job is (place, stars,
    documents, tags) rather than where it stands in time (badge_layout.py lines them up)."""

    text: str
    tooltip: str
    warning: bool = False
    color: str = ""
    fact: bool = False


def days_in_stage(card: CardRow, now: datetime) -> str:
    days = max(0, (now - card.stage_entered_at).days)
    if days == 0:
        return "today"
    return "1 day" if days == 1 else f"{days} days"


def _short_date(when: datetime, now: datetime, tz: tzinfo | None, with_time: bool = True) -> str:
    """ "today 13:00", "tomorrow 09:00", "Mon 13:00" within the week, else "19 Mar", in the
    zone ``tz`` (None: the system's); without the time for a badge that needs only the day."""
    local, today = to_local(when, tz), to_local(now, tz).date()
    day = local.date()
    days = (day - today).days
    time = f" {local.hour:02d}:{local.minute:02d}" if with_time else ""
    if days == 0:
        return f"today{time}"
    if days == 1:
        return f"tomorrow{time}"
    if 0 < days < 7:
        return f"{_weekday(day)}{time}"
    return _day_and_month(day)


@lru_cache(maxsize=64)
def _weekday(day: date) -> str:
    """ "Mon": the locale's short name (strftime reads the locale, at a cost per call)."""
    return f"{day:%a}"


@lru_cache(maxsize=1024)
def _day_and_month(day: date) -> str:
    """ "19 Mar"."""
    return f"{day:%d %b}".lstrip("0")


def badges(card: CardRow, now: datetime, tz: tzinfo | None, documents: int = 0) -> list[Badge]:
    """The card's badges, most important first: a narrow card drops them from the end; their
    days and times in the zone ``tz`` (the person's; None: the system's).

    Trash or archive state, then the order DESIGN.md section 7 gives: an overdue follow-up,
    the next interview, the next follow-up, days in the stage, the place, excitement, the
    ``documents`` attached; the card's tags last, as chips.
    """
    result: list[Badge] = []
    if card.trashed:
        result.append(Badge("In trash", "In the trash: restore it from the Edit menu"))
    elif card.archived:
        result.append(Badge("Archived", "Archived"))
    if card.next_reminder_at is not None and card.next_reminder_at <= now:
        when = _short_date(card.next_reminder_at, now, tz)
        result.append(Badge("Overdue", f"Follow-up was due {when}", warning=True))
    if card.next_interview_at is not None:
        when = _short_date(card.next_interview_at, now, tz)
        result.append(Badge(f"Interview {when}", f"Next interview {when}"))
    if card.next_reminder_at is not None and card.next_reminder_at > now:
        day = _short_date(card.next_reminder_at, now, tz, with_time=False)
        when = _short_date(card.next_reminder_at, now, tz)
        result.append(Badge(f"Follow up {day}", f"Follow-up due {when}"))
    days = days_in_stage(card, now)
    tip = "Entered this stage today" if days == "today" else f"In this stage for {days}"
    result.append(Badge(days, tip))
    if card.location:
        result.append(Badge(card.location, f"Location: {card.location}", fact=True))
    if card.excitement:
        stars = "★" * card.excitement
        result.append(Badge(stars, f"Excitement {card.excitement} of 5", fact=True))
    if documents:
        docs = f"{documents} doc{'s' * (documents > 1)}"
        result.append(Badge(docs, "Documents attached", fact=True))
    result += [
        Badge(tag.name, f"Tagged {tag.name}", color=tag.color, fact=True) for tag in card.tags
    ]
    return result


def description(shown: list[Badge]) -> str:
    """What the badges say, as sentences: a card's tooltip lines and its accessible
    description ("Follow-up was due Mon 09:00. In this stage for 3 days. Location: Berlin")."""
    return ". ".join(badge.tooltip for badge in shown)


def accessible_text(card: CardRow, stage_name: str, now: datetime) -> str:
    """ "Acme, Backend Engineer, Applied, 3 days"."""
    return f"{card.company}, {card.role}, {stage_name}, {days_in_stage(card, now)}"
