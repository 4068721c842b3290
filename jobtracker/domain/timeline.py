"""An application's timeline: stage changes, notes, calls, answers and messages sent (stored
entries), with its interviews, the people added, documents attached or sent and drafts
started (read from their own tables, so an undone change leaves the timeline too).

Each entry reads once, as a sentence: "Sent the thank-you note to Sofia", never "Sent: Sent
the thank-you note to Sofia".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

from peewee import JOIN, Expression

from jobtracker.domain import validation
from jobtracker.domain.clock import SYSTEM_CLOCK, Clock
from jobtracker.domain.hooks import WriteHooked
from jobtracker.domain.records import ActivityInfo
from jobtracker.domain.rows import get_or_raise
from jobtracker.store.models import (
    Activity,
    Application,
    ApplicationContact,
    ApplicationDocument,
    Contact,
    Document,
    Draft,
    Interview,
    InterviewInterviewer,
    Stage,
)
from jobtracker.text import fold

#: entries a person adds by hand (the others are written by the app)
MANUAL_KINDS = ("note", "call", "heard_back")

#: what a stored entry's kind says before its text
_LABELS = {
    "created": "Added",
    "edited": "Edited",
    "note": "Note",
    "call": "Called",
    "heard_back": "Heard back",
    "draft_sent": "Sent",
    "archived": "Archived",
    "trashed": "Moved to the trash",
    "restored": "Restored",
    "interview": "Interview",
}
_DELETED_STAGE = "a deleted stage"


class TimelineEntry(NamedTuple):
    """One line of a timeline. ``activity_id`` is set for stored entries (the others
    belong to an interview, a person, a document or a draft)."""

    at: datetime
    kind: str
    text: str
    application_id: int
    activity_id: int | None = None


def _info(a: Activity) -> ActivityInfo:
    return ActivityInfo(
        a.id, a.application_id, a.at, a.kind, a.text, a.from_stage_id, a.to_stage_id
    )


def read_once(label: str, text: str) -> str:
    """The label, then the text, unless the text already says it: ("Heard back", "Heard
    back from the recruiter.") -> "Heard back from the recruiter."."""
    if not text:
        return label
    head, said = fold(label), fold(text)
    if said.startswith(head) and not said[len(head) : len(head) + 1].isalnum():
        return text
    return f"{label}: {text}"


def activity_text(activity: ActivityInfo, stage_names: dict[int, str]) -> str:
    """A stored entry as the timeline says it: "Applied → Interviewing", "Added in
    Wishlist", "Called: spoke to Jane", "Sent the thank-you note to Sofia"."""
    if activity.kind == "stage_changed":
        source = stage_names.get(activity.from_stage_id or -1, _DELETED_STAGE)
        target = stage_names.get(activity.to_stage_id or -1, _DELETED_STAGE)
        return read_once(f"{source} → {target}", activity.text)
    if activity.kind == "created" and activity.to_stage_id in stage_names:
        return read_once(f"Added in {stage_names[activity.to_stage_id]}", activity.text)
    label = _LABELS.get(activity.kind, activity.kind.replace("_", " ").capitalize())
    return read_once(label, activity.text)


def _names(names: list[str]) -> str:
    """ "Sofia", "Sofia and Marco", "Sofia, Marco and Jane"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def interview_text(kind: str, title: str, names: list[str], *, upcoming: bool) -> str:
    """ "Video interview: Technical round, with Sofia Marin", "Phone interview with Sofia
    Marin" ("… planned" before it)."""
    text = f"{kind.capitalize()} interview" + (" planned" if upcoming else "")
    if title:
        text += f": {title}" + ("," if names else "")
    return text + (f" with {_names(names)}" if names else "")


def person_added_text(name: str, role: str) -> str:
    """ "Added Sofia Marin as recruiter" ("Added Sofia Marin" for no particular role;
    "Added as recruiter" on the person's own timeline, where ``name`` is "")."""
    who = f"Added {name}" if name else "Added"
    return who + (f" as {role}" if role and role != "other" else "")


def drafted_text(template_key: str, recipient: str) -> str:
    """ "Drafted the thank-you note to Sofia Marin"."""
    return f"Drafted the {template_key} note" + (f" to {recipient}" if recipient else "")


class TimelineService(WriteHooked):
    def __init__(self, clock: Clock = SYSTEM_CLOCK) -> None:
        self.clock = clock

    def for_application(self, application_id: int) -> list[ActivityInfo]:
        """The stored entries, newest first."""
        rows = Activity.select().where(Activity.application == application_id)
        return [_info(a) for a in rows.order_by(Activity.at.desc(), Activity.id.desc())]

    def entries(self, application_id: int) -> list[TimelineEntry]:
        """Everything that happened on one application, worded, newest first."""
        stages = {s.id: s.name for s in Stage.select(Stage.id, Stage.name)}
        found = [
            TimelineEntry(a.at, a.kind, activity_text(a, stages), application_id, a.id)
            for a in self.for_application(application_id)
        ]
        found += self._interviews(Interview.application == application_id)
        found += self._people(ApplicationContact.application == application_id, person=False)
        found += self._documents(application_id)
        found += self._drafts(Draft.application == application_id, person=False)
        return _newest_first(found)

    def for_person(self, contact_id: int) -> list[TimelineEntry]:
        """What happened with one person across their applications, newest first, each
        entry naming its company: added, interviews with them, notes drafted and sent."""
        companies = {
            a.id: a.company
            for a in Application.select(Application.id, Application.company).where(
                Application.deleted_at.is_null()
            )
        }
        interviews = Interview.id.in_(
            InterviewInterviewer.select(InterviewInterviewer.interview).where(
                InterviewInterviewer.contact == contact_id
            )
        )
        found = self._interviews(interviews, leave_out=contact_id)
        found += self._people(ApplicationContact.contact == contact_id, person=True)
        found += self._drafts(Draft.contact == contact_id, person=True)
        return _newest_first(
            e._replace(text=f"{companies[e.application_id]}: {e.text}")
            for e in found
            if e.application_id in companies
        )

    def _interviews(self, where: Expression, leave_out: int = 0) -> list[TimelineEntry]:
        rows = list(Interview.select().where(where))
        names: dict[int, list[str]] = {}
        links = (
            InterviewInterviewer.select(InterviewInterviewer.interview, Contact.name)
            .join(Contact)
            .where(
                InterviewInterviewer.interview.in_([i.id for i in rows]),
                InterviewInterviewer.contact != leave_out,
            )
            .order_by(Contact.name)
        )
        for link in links:
            names.setdefault(link.interview_id, []).append(link.contact.name)
        now = self.clock.now()
        return [
            TimelineEntry(
                i.starts_at,
                "interview",
                interview_text(i.kind, i.title, names.get(i.id, []), upcoming=i.starts_at > now),
                i.application_id,
            )
            for i in rows
        ]

    def _people(self, where: Expression, *, person: bool) -> list[TimelineEntry]:
        links = (
            ApplicationContact.select(ApplicationContact, Contact.name)
            .join(Contact)
            .where(where, ApplicationContact.added_at.is_null(False))
        )
        return [
            TimelineEntry(
                link.added_at,
                "person_added",
                person_added_text("" if person else link.contact.name, link.role),
                link.application_id,
            )
            for link in links
        ]

    def _documents(self, application_id: int) -> list[TimelineEntry]:
        links = (
            ApplicationDocument.select(ApplicationDocument, Document.label)
            .join(Document)
            .where(ApplicationDocument.application == application_id)
        )
        found = []
        for link in links:
            label = f"“{link.document.label}”"
            if link.sent_at is None or link.sent_at != link.linked_at:
                found.append(
                    TimelineEntry(link.linked_at, "document", f"Attached {label}", application_id)
                )
            if link.sent_at is not None:
                found.append(
                    TimelineEntry(link.sent_at, "document", f"Sent {label}", application_id)
                )
        return found

    def _drafts(self, where: Expression, *, person: bool) -> list[TimelineEntry]:
        drafts = Draft.select(Draft, Contact.name).join(Contact, JOIN.LEFT_OUTER).where(where)
        found = []
        for draft in drafts:
            to = "" if person or draft.contact is None else draft.contact.name
            found.append(
                TimelineEntry(
                    draft.created_at,
                    "drafted",
                    drafted_text(draft.template_key, to),
                    draft.application_id,
                )
            )
            if person and draft.sent_at is not None:  # on the application, a stored entry
                found.append(
                    TimelineEntry(
                        draft.sent_at,
                        "draft_sent",
                        f"Sent the {draft.template_key} note",
                        draft.application_id,
                    )
                )
        return found

    def add(self, application_id: int, kind: str, text: str = "") -> ActivityInfo:
        kind = validation.one_of("kind", kind, MANUAL_KINDS)
        text = validation.optional_text("text", text)
        get_or_raise(Application, application_id, "application")
        activity = Activity.create(
            application=application_id, at=self.clock.now(), kind=kind, text=text
        )
        self.after_write([application_id])
        return _info(activity)

    def remove(self, activity_id: int) -> None:
        activity = Activity.get_or_none(Activity.id == activity_id)
        Activity.delete().where(Activity.id == activity_id).execute()
        if activity is not None:
            self.after_write([activity.application_id])


def _newest_first(entries: Iterable[TimelineEntry]) -> list[TimelineEntry]:
    return sorted(entries, key=lambda e: (e.at, e.activity_id or 0), reverse=True)
