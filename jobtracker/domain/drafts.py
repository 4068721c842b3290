"""Drafts: the values a template is filled with, rendering, keeping drafts, marking them sent.

The editor builds the context once per application and recipient (:meth:`DraftService.context`)
and re-renders on every keystroke in an input field, which is a pure in-memory render.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from jobtracker.domain import recipients, validation
from jobtracker.domain.applications import details_of
from jobtracker.domain.clock import SYSTEM_CLOCK, Clock, to_local
from jobtracker.domain.errors import NotFoundError, ValidationError
from jobtracker.domain.hooks import WriteHooked
from jobtracker.domain.limits import TextLimit, clean_line
from jobtracker.domain.profile import ProfileService
from jobtracker.domain.records import ApplicationDetails, ContactInfo, InterviewInfo
from jobtracker.domain.reminders import answered_by_sending
from jobtracker.domain.rows import get_or_raise
from jobtracker.domain.templates import Rendered, TemplateInput, TemplateLibrary
from jobtracker.store.models import Activity, Application, Contact, Draft, Reminder, database

NO_RECIPIENT = "Hiring Team"
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
_KINDS = {"phone": "phone call", "video": "video call", "onsite": "on-site interview"}


@dataclass(frozen=True, slots=True)
class DraftInfo:
    id: int
    application_id: int
    template_key: str
    contact_id: int | None
    subject: str
    body: str
    created_at: datetime
    updated_at: datetime
    sent_at: datetime | None

    @property
    def sent(self) -> bool:
        return self.sent_at is not None


@dataclass(frozen=True, slots=True)
class DraftTarget:
    """An application and the people a draft can go to, read once."""

    details: ApplicationDetails
    people: tuple[ContactInfo, ...]


@dataclass(frozen=True, slots=True)
class SentResult:
    """What "Mark as sent" did: the draft, the timeline entry, the reminders it completed."""

    draft: DraftInfo
    activity_id: int
    completed_reminder_ids: tuple[int, ...]


def _info(d: Draft) -> DraftInfo:
    return DraftInfo(
        d.id, d.application_id, d.template_key, d.contact_id, d.subject, d.body,
        d.created_at, d.updated_at, d.sent_at,
    )  # fmt: skip


def day_text(when: datetime, tz: tzinfo | None) -> str:
    """``3 March``, the day in ``tz`` (the person's zone; None: the system's), in English
    whatever the machine's locale."""
    local = to_local(when, tz)
    return f"{local.day} {_MONTHS[local.month - 1]}"


def days_between(earlier: datetime, later: datetime, tz: tzinfo | None) -> int:
    """How many days in ``tz`` lie from the day of ``earlier`` to that of ``later``."""
    return (to_local(later, tz).date() - to_local(earlier, tz).date()).days


def relative_day(when: datetime, now: datetime, tz: tzinfo | None) -> str:
    """``today``, ``yesterday``, ``on Tuesday`` (within a week) or ``on 3 March``, the days
    in ``tz``."""
    days = days_between(when, now, tz)
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if 1 < days < 7:
        return f"on {_WEEKDAYS[to_local(when, tz).weekday()]}"
    return f"on {day_text(when, tz)}"


def latest_interview(details: ApplicationDetails, now: datetime) -> InterviewInfo | None:
    """The most recent interview that has started (the one a note thanks for)."""
    past = [i for i in details.interviews if i.starts_at <= now]
    return max(past, key=lambda i: i.starts_at) if past else None


def interview_context(
    details: ApplicationDetails, now: datetime, tz: tzinfo | None
) -> dict[str, Any] | None:
    """The latest interview as templates name it, its days in ``tz`` (the person's zone)."""
    interview = latest_interview(details, now)
    if interview is None:
        return None
    ordered = sorted(details.interviews, key=lambda i: i.starts_at)
    number = ordered.index(interview)
    weekday = _WEEKDAYS[to_local(interview.starts_at, tz).weekday()]
    return {
        "date": f"{weekday} {day_text(interview.starts_at, tz)}",
        "weekday": weekday,
        "day": day_text(interview.starts_at, tz),
        "when": relative_day(interview.starts_at, now, tz),
        "kind": _KINDS.get(interview.kind, "interview"),
        "round": _ORDINALS[number] if number < len(_ORDINALS) else f"{number + 1}th",
        "title": interview.title or "interview",
    }


def recipient_context(contact: ContactInfo | None) -> dict[str, Any]:
    if contact is None:
        return {
            "name": NO_RECIPIENT, "first_name": NO_RECIPIENT, "title": "", "email": "",
            "phone": "", "is_person": False,
        }  # fmt: skip
    return {
        "name": clean_line(contact.name),
        "first_name": clean_line(contact.first_name or contact.name),
        "title": clean_line(contact.title),
        "email": clean_line(contact.email),
        "phone": clean_line(contact.phone),
        "is_person": True,
    }


class DraftService(WriteHooked):
    """Filling templates for an application, and the drafts kept for it.

    Marking a draft sent is announced through :meth:`after_write`, so the follow-up rules
    restart their no-reply timers from it. ``zone`` gives the person's time zone (None: the
    system's), which the days a draft names are in.
    """

    def __init__(
        self,
        templates: TemplateLibrary,
        profile: ProfileService,
        clock: Clock = SYSTEM_CLOCK,
        zone: Callable[[], tzinfo | None] = lambda: None,
    ) -> None:
        self.templates = templates
        self.profile = profile
        self.clock = clock
        self.zone = zone

    # -- who the draft is for ---------------------------------------------------------------

    def target(self, application_id: int) -> DraftTarget:
        """The application and its people, read once for an editor to reuse."""
        details = details_of(get_or_raise(Application, application_id, "application"))
        people = list(details.contacts)
        known = {c.id for c in people}
        interviewer_ids = [i for iv in details.interviews for i in iv.interviewer_ids]
        missing = [i for i in dict.fromkeys(interviewer_ids) if i not in known]
        for c in Contact.select().where(Contact.id.in_(missing)).order_by(Contact.name):
            people.append(
                ContactInfo(c.id, c.name, c.title, c.company, c.email, c.phone, role="interviewer")
            )
        return DraftTarget(details, tuple(people))

    def recipients(self, application_id: int) -> list[ContactInfo]:
        """The people of an application: its contacts, then interviewers not linked to it."""
        return list(self.target(application_id).people)

    def default_recipient(
        self, application_id: int, template_key: str, target: DraftTarget | None = None
    ) -> int | None:
        """Whom ``template_key`` goes to: the last interviewer for a thank-you, the
        recruiter for a follow-up, the referral for network thanks; None when nobody fits."""
        target = target or self.target(application_id)
        interview = latest_interview(target.details, self.clock.now())
        chosen = recipients.pick(
            template_key, target.people, interview.interviewer_ids if interview else ()
        )
        return None if chosen is None else chosen.id

    # -- rendering ---------------------------------------------------------------------------

    def context(
        self, application_id: int, contact_id: int | None, target: DraftTarget | None = None
    ) -> dict[str, Any]:
        """Every variable a template can use, for one application and recipient."""
        target = target or self.target(application_id)
        details = target.details
        now = self.clock.now()
        contact = None
        if contact_id is not None:
            contact = next((p for p in target.people if p.id == contact_id), None)
            if contact is None:
                raise NotFoundError(
                    "contact", contact_id, f"It is not one of application #{application_id}'s."
                )
        me = self.profile.get()
        tz = self.zone()
        interview = interview_context(details, now, tz)
        last = latest_interview(details, now)
        applied = details.applied_at
        return {
            "me": {
                "name": clean_line(me.name),
                "first_name": clean_line(me.first_name),
                "email": clean_line(me.email),
                "phone": clean_line(me.phone),
                "signature": me.sign_off,
            },
            "company": clean_line(details.company),
            "role": clean_line(details.role),
            "url": clean_line(details.url),
            "recipient": recipient_context(contact),
            "interview": interview,
            "days_since_interview": (
                None if last is None else days_between(last.starts_at, now, tz)
            ),
            "applied_on": None if applied is None else day_text(applied, tz),
            "days_since_applied": None if applied is None else (now - applied).days,
        }

    def render(
        self,
        template_key: str,
        context: Mapping[str, Any],
        inputs: Mapping[str, str] | None = None,
    ) -> Rendered:
        """Fill ``template_key``; problems come back in ``Rendered.problem``, never raised.
        A required input left empty shows as its gap ("[The point to add]"), so the draft
        never reads as if it said something."""
        values = _clean_inputs(inputs or {})
        for item in self.missing_inputs(template_key, values):
            values[item.name] = item.gap
        return self.templates.render(template_key, {**context, **values})

    def missing_inputs(
        self, template_key: str, inputs: Mapping[str, str] | None = None
    ) -> tuple[TemplateInput, ...]:
        """The required inputs of ``template_key`` that ``inputs`` leaves empty."""
        values = inputs or {}
        return tuple(
            item
            for item in self.templates.compiled(template_key)[0].inputs
            if item.required and not str(values.get(item.name, "")).strip()
        )

    def prepare(
        self,
        application_id: int,
        template_key: str,
        contact_id: int | None = None,
        inputs: Mapping[str, str] | None = None,
    ) -> Rendered:
        """One-shot: context and render (the command line's ``draft``)."""
        return self.render(template_key, self.context(application_id, contact_id), inputs)

    # -- keeping drafts ----------------------------------------------------------------------

    def get(self, draft_id: int) -> DraftInfo:
        return _info(self._get(draft_id))

    def _get(self, draft_id: int) -> Draft:
        return get_or_raise(Draft, draft_id, "draft")

    def for_application(self, application_id: int) -> list[DraftInfo]:
        """Newest first."""
        rows = Draft.select().where(Draft.application == application_id)
        return [_info(d) for d in rows.order_by(Draft.updated_at.desc(), Draft.id.desc())]

    def save(
        self,
        draft_id: int | None,
        application_id: int,
        template_key: str,
        contact_id: int | None,
        subject: str,
        body: str,
    ) -> DraftInfo:
        """Create (``draft_id`` None) or update a draft: the autosave, one row per call."""
        subject = clean_line(subject)
        _check_length("subject", subject, 1000)
        _check_length("body", body, validation.MAX_LONG_TEXT)
        now = self.clock.now()
        fields = {
            "template_key": template_key,
            "contact": contact_id,
            "subject": subject,
            "body": body,
            "updated_at": now,
        }
        if draft_id is None:
            get_or_raise(Application, application_id, "application")
            return _info(Draft.create(application=application_id, created_at=now, **fields))
        updated = Draft.update(fields).where(Draft.id == draft_id).execute()
        if not updated:
            raise NotFoundError("draft", draft_id)
        return self.get(draft_id)

    def delete(self, draft_id: int) -> None:
        Draft.delete().where(Draft.id == draft_id).execute()

    def mark_sent(self, draft_id: int) -> SentResult:
        """In one transaction: stamp the draft sent, log a ``draft_sent`` timeline entry
        naming the template and recipient, and complete the open reminders of that
        application asking for this template (every one already due, else the soonest, so
        a later check-in still counts towards its cap). The follow-up rules read the latest
        ``draft_sent`` entry as the restart of their no-reply timers."""
        now = self.clock.now()
        with database.atomic():
            draft = self._get(draft_id)
            if draft.sent_at is not None:
                when = to_local(draft.sent_at, self.zone()).strftime("%Y-%m-%d %H:%M")
                raise ValidationError("draft", f"was already marked as sent on {when}")
            Draft.update(sent_at=now).where(Draft.id == draft_id).execute()
            to = Contact.get_by_id(draft.contact_id).name if draft.contact_id else NO_RECIPIENT
            text = f"Sent the {draft.template_key} note to {to}"
            if draft.subject:
                text += f": “{draft.subject}”"
            activity = Activity.create(
                application=draft.application_id, at=now, kind="draft_sent", text=text
            )
            ids = tuple(answered_by_sending(draft.application_id, draft.template_key, now))
            if ids:
                Reminder.update(done_at=now).where(Reminder.id.in_(list(ids))).execute()
        self.after_write([draft.application_id])
        return SentResult(self.get(draft_id), activity.id, ids)


def _check_length(field: str, text: str, limit: int) -> None:
    """Drafts are kept exactly as typed (no stripping), only bounded."""
    if not isinstance(text, str):
        raise ValidationError(field, f"must be text, not {type(text).__name__}")
    if len(text) > limit:
        raise ValidationError(field, f"is {len(text):,} characters long; the limit is {limit:,}")


_INPUT = TextLimit(5000, single_line=False)


def _clean_inputs(inputs: Mapping[str, str]) -> dict[str, str]:
    """Input values as plain stripped text (they come from people, never from code)."""
    return {str(k): validation.optional_text(str(k), v, _INPUT) for k, v in inputs.items()}
