"""Plain, immutable views of stored rows, handed to the UI and the command line.

Callers never hold peewee model instances, so nothing outside the domain touches the ORM.
The records the window's start defines are named tuples, not frozen dataclasses: a frozen
dataclass with slots generates and compiles its methods when it is defined, on every start.
For the same reason the module's annotations are evaluated, not postponed: ``NamedTuple``
compiles each string annotation into a forward reference.
"""

from datetime import date, datetime, timedelta
from typing import NamedTuple


class StageInfo(NamedTuple):
    """A stage: ``kind`` (open or closed) groups the board, ``role`` drives the rules
    (domain/stage_roles.py; "" for a custom stage)."""

    id: int
    name: str
    position: int
    kind: str
    color: str
    role: str = ""

    @property
    def is_closed(self) -> bool:
        return self.kind == "closed"


class TagInfo(NamedTuple):
    """A tag: its name as the person typed it, and its colour (#rrggbb)."""

    id: int
    name: str
    color: str


class CardRow(NamedTuple):
    """What the board needs to draw, filter and sort one application.

    A named tuple built straight from the database row, its instants parsed as they are read
    (an aware datetime is smaller than its stored text): the board keeps one per card and
    paints only the few on screen.
    """

    id: int
    stage_id: int
    rank: float
    company: str
    role: str
    location: str
    excitement: int
    stage_entered_at: datetime
    search_text: str
    archived: bool = False
    trashed: bool = False
    next_interview_at: datetime | None = None
    next_reminder_at: datetime | None = None
    #: where the posting was found ("LinkedIn", "referral"), for the filter bar
    source: str = ""
    applied_at: datetime | None = None
    #: the card's tags by name; cards share one TagInfo per tag
    tags: tuple[TagInfo, ...] = ()


class ContactInfo(NamedTuple):
    id: int
    name: str
    title: str = ""
    company: str = ""
    email: str = ""
    phone: str = ""
    url: str = ""
    notes: str = ""
    role: str = ""  # the role on one application, where listed for one

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else ""


class InterviewInfo(NamedTuple):
    id: int
    application_id: int
    title: str
    starts_at: datetime
    duration_minutes: int
    kind: str
    location: str
    notes: str
    interviewer_ids: tuple[int, ...] = ()

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)


class ActivityInfo(NamedTuple):
    id: int
    application_id: int
    at: datetime
    kind: str
    text: str
    from_stage_id: int | None
    to_stage_id: int | None


class ApplicationDetails(NamedTuple):
    """Every stored field of one application, with its people and interviews."""

    id: int
    company: str
    role: str
    url: str
    location: str
    salary_text: str
    salary_min: int | None
    salary_max: int | None
    salary_currency: str
    source: str
    deadline: date | None
    description: str
    notes: str
    excitement: int
    stage_id: int
    rank: float
    stage_entered_at: datetime
    applied_at: datetime | None
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None
    deleted_at: datetime | None
    contacts: tuple[ContactInfo, ...] = ()
    interviews: tuple[InterviewInfo, ...] = ()


#: The fields a person edits on an application (everything but position and bookkeeping).
EDITABLE_FIELDS = (
    "company",
    "role",
    "url",
    "location",
    "salary_text",
    "salary_min",
    "salary_max",
    "salary_currency",
    "source",
    "deadline",
    "description",
    "notes",
    "excitement",
    "applied_at",
)
