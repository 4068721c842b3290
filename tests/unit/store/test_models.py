"""Every model keeps every field as written: aware instants, dates, nulls, defaults."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from peewee import IntegrityError

from jobtracker.domain.services import Services
from jobtracker.store.models import (
    ALL_MODELS,
    Activity,
    Application,
    ApplicationContact,
    ApplicationDocument,
    ApplicationTag,
    Contact,
    Document,
    Draft,
    Interview,
    InterviewInterviewer,
    Posting,
    Reminder,
    Setting,
    Stage,
    Tag,
    database,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
#: summer time in Berlin, with microseconds, so offset and precision both matter
SUMMER = datetime(2026, 7, 14, 18, 30, 15, 123456, tzinfo=BERLIN)
WINTER = datetime(2026, 1, 5, 7, 5, 0, 1, tzinfo=NEW_YORK)


def _fields(instance: object) -> dict[str, object]:
    return {f.name: getattr(instance, f.name) for f in type(instance)._meta.sorted_fields}


def _reloaded(model: type, instance: object) -> object:
    return model.get_by_id(instance._pk)  # type: ignore[attr-defined]


def _assert_round_trip(model: type, instance: object) -> None:
    """Reading the row back gives every field equal, and every instant aware in UTC."""
    written = _fields(instance)
    back = _reloaded(model, instance)
    read = _fields(back)
    for name, value in written.items():
        stored = read[name]
        if hasattr(value, "_pk"):  # a foreign key: compare the referenced row
            value = value._pk
            stored = stored._pk
        assert stored == value, f"{model.__name__}.{name}: wrote {value!r}, read {stored!r}"
        if isinstance(stored, datetime):
            assert stored.tzinfo is UTC, f"{model.__name__}.{name} read back without UTC"


def _application(stage: Stage, **extra: object) -> Application:
    return Application.create(
        company="Café Zürich GmbH",
        role="Senior Python Developer",
        url="https://jobs.example.com/cafe/123",
        location="Zürich, hybrid",
        salary_text="CHF 120k–140k",
        salary_min=120_000,
        salary_max=140_000,
        salary_currency="CHF",
        source="Referral",
        deadline=date(2026, 8, 31),
        description="Build the ordering backend.\nSecond line with ✓ unicode.",
        notes="Ask about the four-day week.",
        excitement=5,
        stage=stage,
        rank=-2.5,
        stage_entered_at=SUMMER,
        applied_at=WINTER,
        created_at=WINTER - timedelta(days=3),
        updated_at=SUMMER,
        archived_at=SUMMER + timedelta(hours=1),
        deleted_at=SUMMER + timedelta(hours=2),
        search_text="cafe zurich gmbh senior python developer",
        **extra,
    )


def test_every_model_is_covered_here() -> None:
    covered = {
        Stage, Application, Contact, ApplicationContact, Interview, InterviewInterviewer,
        Activity, Reminder, Draft, Setting, Document, ApplicationDocument, Posting, Tag,
        ApplicationTag,
    }  # fmt: skip
    assert set(ALL_MODELS) == covered


def test_all_fields_round_trip(services: Services) -> None:
    stage = Stage.create(name="Phone screen", position=8, kind="open", color="#123456")
    app = _application(stage)
    contact = Contact.create(
        name="Chloé Dubois",
        title="HR Business Partner",
        company="Café Zürich GmbH",
        email="chloe@example.com",
        phone="+41 44 123 45 67",
        url="https://example.com/chloe",
        notes="Met at the meetup.",
        created_at=SUMMER,
    )
    link = ApplicationContact.create(application=app, contact=contact, role="hiring manager")
    interview = Interview.create(
        application=app,
        title="Second round",
        starts_at=WINTER,
        duration_minutes=90,
        kind="onsite",
        location="Bahnhofstrasse 1",
        notes="Bring the portfolio.",
    )
    interviewer = InterviewInterviewer.create(interview=interview, contact=contact)
    activity = Activity.create(
        application=app, at=SUMMER, kind="stage_changed", from_stage=stage, to_stage=stage,
        text="Moved",
    )  # fmt: skip
    reminder = Reminder.create(
        application=app, rule_key="thank_you", anchor=f"interview:{interview.id}",
        reason="Send a thank-you note today", template_key="thank_you", priority=3,
        due_at=SUMMER, snoozed_until=WINTER, notified_at=SUMMER, done_at=WINTER,
        dismissed_at=SUMMER,
    )  # fmt: skip
    draft = Draft.create(
        application=app, template_key="thank_you", contact=contact, subject="Thank you",
        body="Dear Chloé,\n\nthank you…", created_at=WINTER, updated_at=SUMMER, sent_at=SUMMER,
    )  # fmt: skip
    setting = Setting.create(key="profile", value='{"name": "Alex"}')
    first = Document.create(
        kind="resume", label="Backend v2", notes="", added_at=WINTER, sha256="a" * 64,
        size=10, original_name="v2.pdf", text_state="done", text="", search_text="",
    )  # fmt: skip
    document = Document.create(
        kind="resume", label="Backend v3 ✓", notes="Tailored for Zürich", added_at=SUMMER,
        predecessor=first, sha256="b" * 64, size=123_456, original_name="Lebenslauf v3.pdf",
        text_state="skipped", text_note="encrypted PDF", text="Kubernetes",
        search_text="kubernetes", deleted_at=WINTER,
    )  # fmt: skip
    attached = ApplicationDocument.create(
        application=app, document=document, state="sent", linked_at=WINTER, sent_at=SUMMER
    )
    posting = Posting.create(
        application=app, url="https://jobs.example.com/cafe/123", captured_at=SUMMER,
        source="json-ld", employment_type="Full-time", date_posted=date(2026, 7, 1),
        text="Build the ordering backend.", html="eJwLyczPBQAD1QGg",
    )  # fmt: skip
    tag = Tag.create(name="Référence ✓", color="#3d85c6")
    ApplicationTag.create(application=app, tag=tag)

    for model, instance in (
        (Stage, stage), (Application, app), (Contact, contact), (Interview, interview),
        (Activity, activity), (Reminder, reminder), (Draft, draft), (Setting, setting),
        (Document, document),
        (Posting, posting), (Tag, tag),
    ):  # fmt: skip
        _assert_round_trip(model, instance)
    back_attached = ApplicationDocument.get(ApplicationDocument.document == document.id)
    assert (back_attached.state, back_attached.sent_at) == (attached.state, SUMMER)
    back_link = ApplicationContact.get(
        (ApplicationContact.application == app.id) & (ApplicationContact.contact == contact.id)
    )
    assert (back_link.application_id, back_link.contact_id, back_link.role) == (
        link.application_id, link.contact_id, "hiring manager",
    )  # fmt: skip
    back_tag = ApplicationTag.get(ApplicationTag.application == app.id)
    assert back_tag.tag_id == tag.id
    back_interviewer = InterviewInterviewer.get(InterviewInterviewer.interview == interview.id)
    assert back_interviewer.contact_id == interviewer.contact_id
    # the stored text is UTC, whatever zone the value was written in
    stored = database.execute_sql(
        'SELECT "stage_entered_at", "deadline" FROM "application" WHERE "id" = ?', (app.id,)
    ).fetchone()
    assert stored == ("2026-07-14T16:30:15.123456", "2026-08-31")


def test_nulls_and_defaults_round_trip(services: Services) -> None:
    stage = Stage.get(Stage.name == "Applied")
    app = Application.create(
        company="Acme", role="Engineer", stage=stage, rank=1.0, stage_entered_at=SUMMER,
        created_at=SUMMER, updated_at=SUMMER,
    )  # fmt: skip
    back = Application.get_by_id(app.id)
    assert back.deadline is None and back.applied_at is None
    assert back.archived_at is None and back.deleted_at is None
    assert back.salary_min is None and back.salary_max is None
    assert (back.url, back.notes, back.excitement, back.search_text) == ("", "", 0, "")
    reminder = Reminder.create(application=app, rule_key="no_reply", reason="48 h", due_at=WINTER)
    back_reminder = Reminder.get_by_id(reminder.id)
    assert back_reminder.snoozed_until is None and back_reminder.done_at is None
    assert back_reminder.notified_at is None and back_reminder.dismissed_at is None
    draft = Draft.create(
        application=app, template_key="follow_up", created_at=WINTER, updated_at=WINTER
    )
    back_draft = Draft.get_by_id(draft.id)
    assert back_draft.contact_id is None and back_draft.sent_at is None
    activity = Activity.create(application=app, at=WINTER, kind="note")
    back_activity = Activity.get_by_id(activity.id)
    assert back_activity.from_stage_id is None and back_activity.to_stage_id is None


def test_naive_datetimes_are_refused(services: Services) -> None:
    stage = Stage.get(Stage.name == "Applied")
    with pytest.raises(ValueError, match="naive datetime"):
        Application.create(
            company="Acme", role="Engineer", stage=stage, rank=1.0,
            stage_entered_at=datetime(2026, 1, 1, 9, 0), created_at=SUMMER, updated_at=SUMMER,
        )  # fmt: skip
    assert Application.select().count() == 0


def test_instants_sort_in_sql_across_zones(services: Services) -> None:
    """Stored UTC text orders like the instants, not like their local wall-clock times."""
    stage = Stage.get(Stage.name == "Applied")
    early_utc_late_local = datetime(2026, 3, 1, 23, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    later = datetime(2026, 3, 1, 15, 0, tzinfo=UTC)
    for n, when in enumerate((later, early_utc_late_local)):
        Application.create(
            company=f"C{n}", role="R", stage=stage, rank=float(n), stage_entered_at=when,
            created_at=when, updated_at=when,
        )  # fmt: skip
    ordered = [a.company for a in Application.select().order_by(Application.created_at)]
    assert ordered == ["C1", "C0"]


def test_reminders_are_unique_per_application_rule_and_anchor(services: Services) -> None:
    stage = Stage.get(Stage.name == "Applied")
    app = _application(stage)
    Reminder.create(application=app, rule_key="thank_you", anchor="i1", reason="r", due_at=SUMMER)
    Reminder.create(application=app, rule_key="thank_you", anchor="i2", reason="r", due_at=SUMMER)
    with pytest.raises(IntegrityError):
        Reminder.create(
            application=app, rule_key="thank_you", anchor="i1", reason="r", due_at=SUMMER
        )


def test_stage_names_are_unique_ignoring_case(services: Services) -> None:
    with pytest.raises(IntegrityError):
        Stage.create(name="applied", position=20, kind="open", color="#000000")


#: peewee's field types as SQLite declares them
SQL_TYPES = {"AUTO": "INTEGER", "INT": "INTEGER", "FLOAT": "REAL", "TEXT": "TEXT", "DATE": "DATE"}


def test_migrated_schema_matches_the_models(services: Services) -> None:
    """The frozen migration SQL and the models describe the same columns."""
    for model in ALL_MODELS:
        table = model._meta.table_name
        columns = {
            row[1]: (row[2].upper(), bool(row[3]))
            for row in database.execute_sql(f'PRAGMA table_info("{table}")')
        }
        expected = {
            field.column_name: (SQL_TYPES[field.field_type], not field.null)
            for field in model._meta.sorted_fields
        }
        assert columns == expected, table


def test_default_stages_of_a_new_database(services: Services) -> None:
    stages = services.board.stages()
    assert [s.name for s in stages] == [
        "Wishlist", "Applied", "Interviewing", "Offer",
        "Accepted", "Rejected", "Withdrawn", "No response",
    ]  # fmt: skip
    assert [s.kind for s in stages] == ["open"] * 4 + ["closed"] * 4
