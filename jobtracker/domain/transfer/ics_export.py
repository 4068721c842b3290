"""Interviews and pending reminders as an iCalendar file, written with the icalendar library.

Times are UTC by default, or in a named zone with its VTIMEZONE so calendar programs show
them right across DST changes. UIDs are derived from the row ids, so importing the file
again updates the same events instead of duplicating them.
"""

from __future__ import annotations

import os
from datetime import UTC, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jobtracker.domain.clock import Clock
from jobtracker.domain.errors import ValidationError
from jobtracker.domain.tags import TagService
from jobtracker.store.models import (
    Application,
    Contact,
    Interview,
    InterviewInterviewer,
    Reminder,
)

if TYPE_CHECKING:  # icalendar is slow to load: only when a calendar is written
    from icalendar import Event

UID_DOMAIN = "jobtracker.local"
REMINDER_MINUTES = 15


def zone(name: str | None) -> tzinfo:
    """The zone called ``name`` ("Europe/Berlin"); UTC for None or "UTC"."""
    if not name or name.upper() == "UTC":
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError("time zone", f"{name!r} is not a time zone name") from exc


def local_zone_name() -> str | None:
    """The machine's IANA zone name (from $TZ or /etc/localtime), None when unknown."""
    candidate = os.environ.get("TZ", "").lstrip(":")
    if not candidate:
        try:
            target = str(Path("/etc/localtime").resolve())
        except OSError:
            return None
        candidate = target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else ""
    try:
        ZoneInfo(candidate)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return candidate


def export_ics(clock: Clock, tz: tzinfo = UTC) -> bytes:
    """Interviews and reminders (not done or dismissed) of applications not in the trash."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", "-//jobtracker//jobtracker//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "jobtracker")
    stamp = clock.now().astimezone(UTC)
    tags = TagService().tags_by_application()
    for event in (*_interview_events(tz, tags), *_reminder_events(tz, tags)):
        event.add("dtstamp", stamp)
        calendar.add_component(event)
    if tz is not UTC:
        calendar.add_missing_timezones()
    ical: bytes = calendar.to_ical()
    return ical


def _interviewers() -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    links = InterviewInterviewer.select(InterviewInterviewer, Contact).join(Contact)
    for link in links.order_by(Contact.name):
        names.setdefault(link.interview_id, []).append(link.contact.name)
    return names


def _interview_events(tz: tzinfo, tags: dict[int, list[str]]) -> list[Event]:
    interviewers = _interviewers()
    rows = (
        Interview.select(Interview, Application)
        .join(Application)
        .where(Application.deleted_at.is_null())
        .order_by(Interview.starts_at, Interview.id)
    )
    events = []
    for interview in rows:
        app = interview.application
        event = _new_event()
        event.add("uid", f"interview-{interview.id}@{UID_DOMAIN}")
        title = interview.title or f"{interview.kind.capitalize()} interview"
        event.add("summary", f"{title}: {app.role} at {app.company}")
        event.add("dtstart", interview.starts_at.astimezone(tz))
        event.add("dtend", (interview.starts_at + timedelta(minutes=interview.duration_minutes))
                  .astimezone(tz))  # fmt: skip
        if interview.location:
            event.add("location", interview.location)
        lines = (
            [f"With: {', '.join(interviewers[interview.id])}"]
            if interview.id in interviewers
            else []
        )
        lines += [interview.notes] if interview.notes else []
        if app.url:
            lines.append(app.url)
        if lines:
            event.add("description", "\n".join(lines))
        event.add("categories", ["Interview", *tags.get(app.id, [])])
        events.append(event)
    return events


def _reminder_events(tz: tzinfo, tags: dict[int, list[str]]) -> list[Event]:
    rows = (
        Reminder.select(Reminder, Application)
        .join(Application)
        .where(
            Reminder.done_at.is_null()
            & Reminder.dismissed_at.is_null()
            & Application.deleted_at.is_null()
        )
        .order_by(Reminder.due_at, Reminder.id)
    )
    events = []
    for reminder in rows:
        app = reminder.application
        due = reminder.snoozed_until or reminder.due_at
        event = _new_event()
        event.add("uid", f"reminder-{reminder.id}@{UID_DOMAIN}")
        event.add("summary", f"{reminder.reason} ({app.company})")
        event.add("dtstart", due.astimezone(tz))
        event.add("dtend", (due + timedelta(minutes=REMINDER_MINUTES)).astimezone(tz))
        event.add("description", f"{app.role} at {app.company}: {reminder.reason}")
        event.add("categories", ["Reminder", *tags.get(app.id, [])])
        from icalendar import Alarm

        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", reminder.reason)
        alarm.add("trigger", timedelta(0))
        event.add_component(alarm)
        events.append(event)
    return events


def _new_event() -> Event:
    from icalendar import Event

    return Event()
