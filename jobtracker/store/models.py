"""The tables of a job search. Models bind to ``database`` once a file is opened."""

from __future__ import annotations

from peewee import (
    AutoField,
    CompositeKey,
    DatabaseProxy,
    DateField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from jobtracker.store.fields import DayField, UTCDateTimeField

database = DatabaseProxy()

ACTIVITY_KINDS = (
    "created",
    "applied",
    "stage_changed",
    "edited",
    "note",
    "draft_sent",
    "call",
    "heard_back",
    "archived",
    "trashed",
    "restored",
    "interview",
)


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class Stage(BaseModel):
    id = AutoField()
    name = TextField(unique=True, collation="NOCASE")
    position = IntegerField()
    kind = TextField(default="open")  # domain.stage_roles.OPEN_KIND
    color = TextField()
    #: what the stage means to the rules (domain/stage_roles.py), "" for none (schema v4)
    role = TextField(default="")


class Application(BaseModel):
    id = AutoField()
    company = TextField()
    role = TextField()
    url = TextField(default="")
    location = TextField(default="")
    salary_text = TextField(default="")
    salary_min = IntegerField(null=True)
    salary_max = IntegerField(null=True)
    salary_currency = TextField(default="")
    source = TextField(default="")
    deadline = DayField(null=True)
    description = TextField(default="")
    notes = TextField(default="")
    excitement = IntegerField(default=0)
    stage = ForeignKeyField(Stage, backref="applications", on_delete="RESTRICT")
    stage_id: int
    rank = FloatField()
    stage_entered_at = UTCDateTimeField()
    applied_at = UTCDateTimeField(null=True)
    created_at = UTCDateTimeField()
    updated_at = UTCDateTimeField()
    archived_at = UTCDateTimeField(null=True)
    deleted_at = UTCDateTimeField(null=True)
    #: company, role, location, notes and contact names, case- and accent-folded (schema v2)
    search_text = TextField(default="")

    class Meta:
        indexes = ((("stage", "rank"), False),)


class Contact(BaseModel):
    id = AutoField()
    name = TextField()
    title = TextField(default="")
    company = TextField(default="")
    email = TextField(default="")
    phone = TextField(default="")
    url = TextField(default="")
    notes = TextField(default="")
    created_at = UTCDateTimeField()


class ApplicationContact(BaseModel):
    application = ForeignKeyField(Application, backref="contact_links", on_delete="CASCADE")
    contact = ForeignKeyField(Contact, backref="application_links", on_delete="CASCADE")
    application_id: int
    contact_id: int
    role = TextField(default="other")
    #: when the person was added to the application, for the timeline (schema v11)
    added_at = UTCDateTimeField(null=True)

    class Meta:
        primary_key = CompositeKey("application", "contact")


class Interview(BaseModel):
    id = AutoField()
    application = ForeignKeyField(Application, backref="interviews", on_delete="CASCADE")
    application_id: int
    title = TextField(default="")
    starts_at = UTCDateTimeField()
    duration_minutes = IntegerField(default=60)
    kind = TextField(default="video")
    location = TextField(default="")
    notes = TextField(default="")


class InterviewInterviewer(BaseModel):
    interview = ForeignKeyField(Interview, backref="interviewer_links", on_delete="CASCADE")
    contact = ForeignKeyField(Contact, backref="interview_links", on_delete="CASCADE")
    interview_id: int
    contact_id: int

    class Meta:
        primary_key = CompositeKey("interview", "contact")


class Activity(BaseModel):
    id = AutoField()
    application = ForeignKeyField(Application, backref="activities", on_delete="CASCADE")
    at = UTCDateTimeField()
    kind = TextField()
    from_stage = ForeignKeyField(Stage, null=True, on_delete="SET NULL", backref="+")
    to_stage = ForeignKeyField(Stage, null=True, on_delete="SET NULL", backref="+")
    application_id: int
    from_stage_id: int | None
    to_stage_id: int | None
    text = TextField(default="")

    class Meta:
        indexes = ((("application", "at"), False),)


class Reminder(BaseModel):
    id = AutoField()
    application = ForeignKeyField(Application, backref="reminders", on_delete="CASCADE")
    application_id: int
    rule_key = TextField()
    #: what the reminder was derived from (an interview id, a date), so it is made once
    anchor = TextField(default="")
    reason = TextField()
    template_key = TextField(default="")
    priority = IntegerField(default=1)
    due_at = UTCDateTimeField()
    snoozed_until = UTCDateTimeField(null=True)
    notified_at = UTCDateTimeField(null=True)
    done_at = UTCDateTimeField(null=True)
    dismissed_at = UTCDateTimeField(null=True)
    #: first wanted long after its moment (imported or back-dated history): stored
    #: dismissed, never announced, back only if a change makes it actionable (schema v9)
    lapsed = IntegerField(default=0)

    class Meta:
        indexes = ((("application", "rule_key", "anchor"), True),)


class Draft(BaseModel):
    id = AutoField()
    application = ForeignKeyField(Application, backref="drafts", on_delete="CASCADE")
    template_key = TextField()
    contact = ForeignKeyField(Contact, null=True, on_delete="SET NULL", backref="drafts")
    application_id: int
    contact_id: int | None
    subject = TextField(default="")
    body = TextField(default="")
    created_at = UTCDateTimeField()
    updated_at = UTCDateTimeField()
    sent_at = UTCDateTimeField(null=True)


class Posting(BaseModel):
    """The job posting an application was captured from, kept for when the page is gone."""

    id = AutoField()
    application = ForeignKeyField(Application, unique=True, backref="postings", on_delete="CASCADE")
    url = TextField(default="")  # the page fetched ("" for pasted text or a dropped file)
    captured_at = UTCDateTimeField()
    source = TextField(default="")  # json-ld, microdata, opengraph or text
    employment_type = TextField(default="")
    date_posted = DateField(null=True)
    text = TextField(default="")  # the posting as readable text
    #: the page's HTML, zlib-compressed then base64, so the JSON backup carries it as text
    html = TextField(default="")


class Setting(BaseModel):
    key = TextField(primary_key=True)
    value = TextField()


class Document(BaseModel):
    """A file in the library, stored once by content hash in the data folder (schema v5)."""

    id = AutoField()
    kind = TextField()
    label = TextField(unique=True, collation="NOCASE")
    notes = TextField(default="")
    added_at = UTCDateTimeField()
    #: the version this one replaces ("Backend v3" knows "Backend v2")
    predecessor = ForeignKeyField("self", null=True, on_delete="SET NULL", backref="successors")
    sha256 = TextField(unique=True)
    size = IntegerField()
    original_name = TextField()
    #: extracted text: "pending", "done" or "skipped" (text_note says why)
    text_state = TextField(default="pending")
    text_note = TextField(default="")
    text = TextField(default="")
    #: label, notes, original name and text, case- and accent-folded
    search_text = TextField(default="")
    deleted_at = UTCDateTimeField(null=True)


class ApplicationDocument(BaseModel):
    """A document linked to an application: a draft for it, or sent (and when)."""

    application = ForeignKeyField(Application, backref="document_links", on_delete="CASCADE")
    document = ForeignKeyField(Document, backref="application_links", on_delete="CASCADE")
    state = TextField(default="draft")
    linked_at = UTCDateTimeField()
    sent_at = UTCDateTimeField(null=True)

    class Meta:
        primary_key = CompositeKey("application", "document")


class Tag(BaseModel):
    """A free label on applications ("remote", "referral"), with a colour (schema v10)."""

    id = AutoField()
    name = TextField(unique=True, collation="NOCASE")
    color = TextField()


class ApplicationTag(BaseModel):
    application = ForeignKeyField(Application, backref="tag_links", on_delete="CASCADE")
    tag = ForeignKeyField(Tag, backref="application_links", on_delete="CASCADE")
    application_id: int
    tag_id: int

    class Meta:
        primary_key = CompositeKey("application", "tag")


ALL_MODELS: tuple[type[BaseModel], ...] = (
    Stage,
    Application,
    Contact,
    ApplicationContact,
    Interview,
    InterviewInterviewer,
    Activity,
    Reminder,
    Draft,
    Setting,
    Document,
    ApplicationDocument,
    Posting,
    Tag,
    ApplicationTag,
)
