"""Numbered schema upgrades, tracked in ``PRAGMA user_version``.

Each migration is frozen SQL (never the current models, which move on), runs in its own
transaction together with the version bump, and the file is copied aside before the first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from jobtracker.text import search_text

if TYPE_CHECKING:  # the window's start reads CURRENT_VERSION before peewee loads
    from peewee import SqliteDatabase

Migration = Callable[["SqliteDatabase"], None]

#: "JOBT": the SQLite header's application id of every file jobtracker writes
APPLICATION_ID = 0x4A4F4254

_V1_SCHEMA = """
CREATE TABLE "stage" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL COLLATE NOCASE,
  "position" INTEGER NOT NULL, "kind" TEXT NOT NULL, "color" TEXT NOT NULL);
CREATE UNIQUE INDEX "stage_name" ON "stage" ("name");
CREATE TABLE "application" ("id" INTEGER NOT NULL PRIMARY KEY, "company" TEXT NOT NULL,
  "role" TEXT NOT NULL, "url" TEXT NOT NULL, "location" TEXT NOT NULL,
  "salary_text" TEXT NOT NULL, "salary_min" INTEGER, "salary_max" INTEGER,
  "salary_currency" TEXT NOT NULL, "source" TEXT NOT NULL, "deadline" DATE,
  "description" TEXT NOT NULL, "notes" TEXT NOT NULL, "excitement" INTEGER NOT NULL,
  "stage_id" INTEGER NOT NULL, "rank" REAL NOT NULL, "stage_entered_at" TEXT NOT NULL,
  "applied_at" TEXT, "created_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL,
  "archived_at" TEXT, "deleted_at" TEXT,
  FOREIGN KEY ("stage_id") REFERENCES "stage" ("id") ON DELETE RESTRICT);
CREATE INDEX "application_stage_id" ON "application" ("stage_id");
CREATE INDEX "application_stage_id_rank" ON "application" ("stage_id", "rank");
CREATE TABLE "contact" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL,
  "title" TEXT NOT NULL, "company" TEXT NOT NULL, "email" TEXT NOT NULL,
  "phone" TEXT NOT NULL, "url" TEXT NOT NULL, "notes" TEXT NOT NULL,
  "created_at" TEXT NOT NULL);
CREATE TABLE "application_contact" ("application_id" INTEGER NOT NULL,
  "contact_id" INTEGER NOT NULL, "role" TEXT NOT NULL,
  PRIMARY KEY ("application_id", "contact_id"),
  FOREIGN KEY ("application_id") REFERENCES "application" ("id") ON DELETE CASCADE,
  FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE);
CREATE INDEX "application_contact_application_id" ON "application_contact" ("application_id");
CREATE INDEX "application_contact_contact_id" ON "application_contact" ("contact_id");
CREATE TABLE "interview" ("id" INTEGER NOT NULL PRIMARY KEY,
  "application_id" INTEGER NOT NULL, "title" TEXT NOT NULL, "starts_at" TEXT NOT NULL,
  "duration_minutes" INTEGER NOT NULL, "kind" TEXT NOT NULL, "location" TEXT NOT NULL,
  "notes" TEXT NOT NULL,
  FOREIGN KEY ("application_id") REFERENCES "application" ("id") ON DELETE CASCADE);
CREATE INDEX "interview_application_id" ON "interview" ("application_id");
CREATE TABLE "interview_interviewer" ("interview_id" INTEGER NOT NULL,
  "contact_id" INTEGER NOT NULL, PRIMARY KEY ("interview_id", "contact_id"),
  FOREIGN KEY ("interview_id") REFERENCES "interview" ("id") ON DELETE CASCADE,
  FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE);
CREATE INDEX "interview_interviewer_contact_id" ON "interview_interviewer" ("contact_id");
CREATE INDEX "interview_interviewer_interview_id" ON "interview_interviewer" ("interview_id");
CREATE TABLE "activity" ("id" INTEGER NOT NULL PRIMARY KEY,
  "application_id" INTEGER NOT NULL, "at" TEXT NOT NULL, "kind" TEXT NOT NULL,
  "from_stage_id" INTEGER, "to_stage_id" INTEGER, "text" TEXT NOT NULL,
  FOREIGN KEY ("application_id") REFERENCES "application" ("id") ON DELETE CASCADE,
  FOREIGN KEY ("from_stage_id") REFERENCES "stage" ("id") ON DELETE SET NULL,
  FOREIGN KEY ("to_stage_id") REFERENCES "stage" ("id") ON DELETE SET NULL);
CREATE INDEX "activity_application_id" ON "activity" ("application_id");
CREATE INDEX "activity_application_id_at" ON "activity" ("application_id", "at");
CREATE INDEX "activity_from_stage_id" ON "activity" ("from_stage_id");
CREATE INDEX "activity_to_stage_id" ON "activity" ("to_stage_id");
CREATE TABLE "reminder" ("id" INTEGER NOT NULL PRIMARY KEY,
  "application_id" INTEGER NOT NULL, "rule_key" TEXT NOT NULL, "anchor" TEXT NOT NULL,
  "reason" TEXT NOT NULL, "template_key" TEXT NOT NULL, "priority" INTEGER NOT NULL,
  "due_at" TEXT NOT NULL, "snoozed_until" TEXT, "notified_at" TEXT, "done_at" TEXT,
  "dismissed_at" TEXT,
  FOREIGN KEY ("application_id") REFERENCES "application" ("id") ON DELETE CASCADE);
CREATE INDEX "reminder_application_id" ON "reminder" ("application_id");
CREATE UNIQUE INDEX "reminder_application_id_rule_key_anchor"
  ON "reminder" ("application_id", "rule_key", "anchor");
CREATE TABLE "draft" ("id" INTEGER NOT NULL PRIMARY KEY, "application_id" INTEGER NOT NULL,
  "template_key" TEXT NOT NULL, "contact_id" INTEGER, "subject" TEXT NOT NULL,
  "body" TEXT NOT NULL, "created_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL,
  "sent_at" TEXT,
  FOREIGN KEY ("application_id") REFERENCES "application" ("id") ON DELETE CASCADE,
  FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE SET NULL);
CREATE INDEX "draft_application_id" ON "draft" ("application_id");
CREATE INDEX "draft_contact_id" ON "draft" ("contact_id");
CREATE TABLE "setting" ("key" TEXT NOT NULL PRIMARY KEY, "value" TEXT NOT NULL);
"""

#: name, kind, colour: the stages a new database starts with (open ones, then outcomes)
DEFAULT_STAGES = (
    ("Wishlist", "open", "#8e7cc3"),
    ("Applied", "open", "#3d85c6"),
    ("Interviewing", "open", "#e69138"),
    ("Offer", "open", "#6aa84f"),
    ("Accepted", "closed", "#38761d"),
    ("Rejected", "closed", "#cc4125"),
    ("Withdrawn", "closed", "#999999"),
    ("No response", "closed", "#b7b7b7"),
)


def _v1_initial_schema(db: SqliteDatabase) -> None:
    """The first schema, with the default stages."""
    for statement in _V1_SCHEMA.split(";"):
        if statement.strip():
            db.execute_sql(statement)
    for position, (name, kind, color) in enumerate(DEFAULT_STAGES):
        db.execute_sql(
            'INSERT INTO "stage" ("name", "position", "kind", "color") VALUES (?, ?, ?, ?)',
            (name, position, kind, color),
        )


def _v2_search_text(db: SqliteDatabase) -> None:
    """Add a folded search column so search is accent-insensitive without loading every row."""
    db.execute_sql('ALTER TABLE "application" ADD COLUMN "search_text" TEXT NOT NULL DEFAULT \'\'')
    contact_names: dict[int, list[str]] = {}
    for app_id, name in db.execute_sql(
        'SELECT ac."application_id", c."name" FROM "application_contact" ac '
        'JOIN "contact" c ON c."id" = ac."contact_id"'
    ):
        contact_names.setdefault(app_id, []).append(name)
    rows = db.execute_sql(
        'SELECT "id", "company", "role", "location", "notes" FROM "application"'
    ).fetchall()
    for app_id, company, role, location, notes in rows:
        haystack = search_text(company, role, location, notes, *contact_names.get(app_id, []))
        db.execute_sql(
            'UPDATE "application" SET "search_text" = ? WHERE "id" = ?', (haystack, app_id)
        )


def _v3_live_cards_index(db: SqliteDatabase) -> None:
    """Index the board's cards (neither archived nor trashed) by stage: the board counts each
    column before its first paint, by an index instead of a scan of every card."""
    db.execute_sql(
        'CREATE INDEX "application_live_stage_id" ON "application" ("stage_id") '
        'WHERE "archived_at" IS NULL AND "deleted_at" IS NULL'
    )


#: the default board's names (folded) -> role and kind, as they stood when roles came in
_V4_ROLES = (
    ("wishlist", "wishlist", "open"),
    ("applied", "applied", "open"),
    ("interviewing", "interviewing", "open"),
    ("offer", "offer", "open"),
    ("accepted", "accepted", "closed"),
    ("rejected", "rejected", "closed"),
    ("withdrawn", "withdrawn", "closed"),
    ("no response", "no_response", "closed"),
)


def _v4_stage_roles(db: SqliteDatabase) -> None:
    """Give every stage a role, so the rules stop reading names: the default board's stages
    get theirs by today's names (where their kind agrees), every other stage none."""
    db.execute_sql('ALTER TABLE "stage" ADD COLUMN "role" TEXT NOT NULL DEFAULT \'\'')
    for name, role, kind in _V4_ROLES:
        db.execute_sql(
            'UPDATE "stage" SET "role" = ? WHERE lower(trim("name")) = ? AND "kind" = ?',
            (role, name, kind),
        )


_V5_DOCUMENTS = """
CREATE TABLE "document" ("id" INTEGER NOT NULL PRIMARY KEY, "kind" TEXT NOT NULL,
  "label" TEXT NOT NULL COLLATE NOCASE, "notes" TEXT NOT NULL, "added_at" TEXT NOT NULL,
  "predecessor_id" INTEGER, "sha256" TEXT NOT NULL, "size" INTEGER NOT NULL,
  "original_name" TEXT NOT NULL, "text_state" TEXT NOT NULL, "text_note" TEXT NOT NULL,
  "text" TEXT NOT NULL, "search_text" TEXT NOT NULL, "deleted_at" TEXT,
  FOREIGN KEY ("predecessor_id") REFERENCES "document" ("id") ON DELETE SET NULL);
CREATE UNIQUE INDEX "document_label" ON "document" ("label");
CREATE UNIQUE INDEX "document_sha256" ON "document" ("sha256");
CREATE INDEX "document_predecessor_id" ON "document" ("predecessor_id");
CREATE TABLE "application_document" ("application_id" INTEGER NOT NULL,
  "document_id" INTEGER NOT NULL, "state" TEXT NOT NULL, "linked_at" TEXT NOT NULL,
  "sent_at" TEXT, PRIMARY KEY ("application_id", "document_id"),
  FOREIGN KEY ("application_id") REFERENCES "application" ("id") ON DELETE CASCADE,
  FOREIGN KEY ("document_id") REFERENCES "document" ("id") ON DELETE CASCADE);
CREATE INDEX "application_document_application_id" ON "application_document" ("application_id");
CREATE INDEX "application_document_document_id" ON "application_document" ("document_id");
"""


def _v5_documents(db: SqliteDatabase) -> None:
    """The document library and its links to applications."""
    for statement in _V5_DOCUMENTS.split(";"):
        if statement.strip():
            db.execute_sql(statement)


def _v6_application_id(db: SqliteDatabase) -> None:
    """Mark the file as jobtracker's in its header, so it is told apart from another
    program's SQLite file by more than its schema version."""
    db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")


def _v7_open_reminders_by_time(db: SqliteDatabase) -> None:
    """Index open reminders by their effective time (the due time, or the end of a later
    snooze), covering what the agenda filters on, so it counts and lists its rows from the
    index alone (40,000 open reminders at 10,000 cards)."""
    db.execute_sql(
        'CREATE INDEX "reminder_open_at" ON "reminder" '
        '(MAX("due_at", COALESCE("snoozed_until", "due_at")), "rule_key", "application_id", '
        '"due_at", "snoozed_until", "done_at", "dismissed_at") '
        'WHERE "done_at" IS NULL AND "dismissed_at" IS NULL'
    )


def _v8_postings(db: SqliteDatabase) -> None:
    """Keep the job posting each application was captured from (text and compressed HTML)."""
    db.execute_sql(
        'CREATE TABLE "posting" ("id" INTEGER NOT NULL PRIMARY KEY, '
        '"application_id" INTEGER NOT NULL, "url" TEXT NOT NULL, "captured_at" TEXT NOT NULL, '
        '"source" TEXT NOT NULL, "employment_type" TEXT NOT NULL, "date_posted" DATE, '
        '"text" TEXT NOT NULL, "html" TEXT NOT NULL, '
        'FOREIGN KEY ("application_id") REFERENCES "application" ("id") ON DELETE CASCADE)'
    )
    db.execute_sql('CREATE UNIQUE INDEX "posting_application_id" ON "posting" ("application_id")')


def _v9_lapsed_reminders(db: SqliteDatabase) -> None:
    """Mark reminders that were never actionable (their moment had long passed when they
    were made), so a recompute does not bring them back."""
    db.execute_sql('ALTER TABLE "reminder" ADD COLUMN "lapsed" INTEGER NOT NULL DEFAULT 0')


_V10_TAGS = """
CREATE TABLE "tag" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL COLLATE NOCASE,
  "color" TEXT NOT NULL);
CREATE UNIQUE INDEX "tag_name" ON "tag" ("name");
CREATE TABLE "application_tag" ("application_id" INTEGER NOT NULL,
  "tag_id" INTEGER NOT NULL, PRIMARY KEY ("application_id", "tag_id"),
  FOREIGN KEY ("application_id") REFERENCES "application" ("id") ON DELETE CASCADE,
  FOREIGN KEY ("tag_id") REFERENCES "tag" ("id") ON DELETE CASCADE);
CREATE INDEX "application_tag_application_id" ON "application_tag" ("application_id");
CREATE INDEX "application_tag_tag_id" ON "application_tag" ("tag_id");
"""


def _v10_tags(db: SqliteDatabase) -> None:
    """Free tags on applications, each with a colour."""
    for statement in _V10_TAGS.split(";"):
        if statement.strip():
            db.execute_sql(statement)


def _v11_people_added_at(db: SqliteDatabase) -> None:
    """When each person joined each application, so the timeline can say so; links made
    before this version take the later of the person's and the application's creation."""
    db.execute_sql('ALTER TABLE "application_contact" ADD COLUMN "added_at" TEXT')
    db.execute_sql(
        'UPDATE "application_contact" SET "added_at" = ('
        'SELECT MAX(c."created_at", a."created_at") FROM "contact" AS c, "application" AS a '
        'WHERE c."id" = "application_contact"."contact_id" '
        'AND a."id" = "application_contact"."application_id")'
    )


def _v12_unannounced_reminders_and_interviews_by_time(db: SqliteDatabase) -> None:
    """Index the open reminders not announced yet by effective time (the scheduler's next
    alarm and what to announce, read after every change), and interviews by their start
    (the agenda's interviews of today and tomorrow)."""
    db.execute_sql(
        'CREATE INDEX "reminder_unannounced_at" ON "reminder" '
        '(MAX("due_at", COALESCE("snoozed_until", "due_at")), "application_id") '
        'WHERE "done_at" IS NULL AND "dismissed_at" IS NULL AND "notified_at" IS NULL'
    )
    db.execute_sql('CREATE INDEX "interview_starts_at" ON "interview" ("starts_at")')


def _v13_snoozed_reminders(db: SqliteDatabase) -> None:
    """Index the open reminders put off by a snooze, by its end: the agenda's Snoozed group
    is read from them, not from every reminder still to come."""
    db.execute_sql(
        'CREATE INDEX "reminder_snoozed_until" ON "reminder" ("snoozed_until", "due_at") '
        'WHERE "done_at" IS NULL AND "dismissed_at" IS NULL AND "snoozed_until" IS NOT NULL'
    )


#: a reminder's effective time (the due time, or the end of a later snooze), its hour (the
#: stored text's first 13 characters, "2026-03-10T09") and whether a snooze put it off, for
#: the rows ``new`` and ``old`` of the tally's triggers
_EFFECTIVE = 'MAX({r}."due_at", COALESCE({r}."snoozed_until", {r}."due_at"))'
_HOUR = "substr(" + _EFFECTIVE + ", 1, 13)"
_PUT_OFF = 'COALESCE({r}."snoozed_until" > {r}."due_at", 0)'
_IS_OPEN = '{r}."done_at" IS NULL AND {r}."dismissed_at" IS NULL'
_TALLY_KEY = '"hour" = ' + _HOUR + ' AND "rule_key" = {r}."rule_key" AND "snoozed" = ' + _PUT_OFF
_SAME_KEY = (
    _HOUR.format(r="old")
    + " IS "
    + _HOUR.format(r="new")
    + ' AND old."rule_key" IS new."rule_key" AND '
    + _PUT_OFF.format(r="old")
    + " = "
    + _PUT_OFF.format(r="new")
)
_COUNT_IN = (
    'INSERT INTO "reminder_tally" ("hour", "rule_key", "snoozed", "open") VALUES ('
    + _HOUR
    + ', {r}."rule_key", '
    + _PUT_OFF
    + ", 1) "
    'ON CONFLICT ("hour", "rule_key", "snoozed") DO UPDATE SET "open" = "open" + 1;'
)
_COUNT_OUT = (
    'UPDATE "reminder_tally" SET "open" = "open" - 1 WHERE ' + _TALLY_KEY + "; "
    'DELETE FROM "reminder_tally" WHERE ' + _TALLY_KEY + ' AND "open" <= 0;'
)
#: the columns a reminder's place in the tally depends on
_TALLIED = '"due_at", "snoozed_until", "done_at", "dismissed_at", "rule_key"'


def _v14_reminder_tally(db: SqliteDatabase) -> None:
    """Keep the number of open reminders per hour of their effective time, rule and snooze
    in a table maintained by triggers (every door: the window, the CLI, an import, a
    delete's cascade), so the due count after a change sums the hours before now and
    counts only the current hour's reminders, whatever the size of the search."""
    db.execute_sql(
        'CREATE TABLE "reminder_tally" ("hour" TEXT NOT NULL, "rule_key" TEXT NOT NULL, '
        '"snoozed" INTEGER NOT NULL, "open" INTEGER NOT NULL, '
        'PRIMARY KEY ("hour", "rule_key", "snoozed")) WITHOUT ROWID'
    )
    triggers = {
        "reminder_tally_insert": (
            "AFTER INSERT",
            _IS_OPEN.format(r="new"),
            _COUNT_IN.format(r="new"),
        ),
        "reminder_tally_delete": (
            "AFTER DELETE",
            _IS_OPEN.format(r="old"),
            _COUNT_OUT.format(r="old"),
        ),
        "reminder_tally_leave": (
            f"AFTER UPDATE OF {_TALLIED}",
            f"{_IS_OPEN.format(r='old')} AND NOT ({_IS_OPEN.format(r='new')} AND {_SAME_KEY})",
            _COUNT_OUT.format(r="old"),
        ),
        "reminder_tally_enter": (
            f"AFTER UPDATE OF {_TALLIED}",
            f"{_IS_OPEN.format(r='new')} AND NOT ({_IS_OPEN.format(r='old')} AND {_SAME_KEY})",
            _COUNT_IN.format(r="new"),
        ),
    }
    for name, (event, when, body) in triggers.items():
        db.execute_sql(
            f'CREATE TRIGGER "{name}" {event} ON "reminder" FOR EACH ROW WHEN {when} '
            f"BEGIN {body} END"
        )
    r = _EFFECTIVE.format(r="r")
    db.execute_sql(
        'INSERT INTO "reminder_tally" ("hour", "rule_key", "snoozed", "open") '
        f'SELECT substr({r}, 1, 13), r."rule_key", {_PUT_OFF.format(r="r")}, COUNT(*) '
        f'FROM "reminder" AS r WHERE {_IS_OPEN.format(r="r")} GROUP BY 1, 2, 3'
    )


MIGRATIONS: dict[int, Migration] = {
    1: _v1_initial_schema,
    2: _v2_search_text,
    3: _v3_live_cards_index,
    4: _v4_stage_roles,
    5: _v5_documents,
    6: _v6_application_id,
    7: _v7_open_reminders_by_time,
    8: _v8_postings,
    9: _v9_lapsed_reminders,
    10: _v10_tags,
    11: _v11_people_added_at,
    12: _v12_unannounced_reminders_and_interviews_by_time,
    13: _v13_snoozed_reminders,
    14: _v14_reminder_tally,
}
CURRENT_VERSION = max(MIGRATIONS)


def schema_version(db: SqliteDatabase) -> int:
    return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def pending_versions(db: SqliteDatabase) -> list[int]:
    return [v for v in sorted(MIGRATIONS) if v > schema_version(db)]


def apply_migrations(db: SqliteDatabase) -> list[int]:
    """Run every pending migration, each atomically with its version bump."""
    applied = []
    for version in pending_versions(db):
        with db.atomic():
            MIGRATIONS[version](db)
            db.execute_sql(f"PRAGMA user_version = {int(version)}")
        applied.append(version)
    return applied
