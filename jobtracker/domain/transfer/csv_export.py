"""One CSV row per application, with its stage history: for spreadsheets and for sharing.

The columns are documented in the README (Import and export); their names are ones the importer
recognises, so an exported file imports again.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, tzinfo

from jobtracker.domain.tags import TagService, join_tags
from jobtracker.domain.transfer.spreadsheet import local_date, to_csv
from jobtracker.store.models import (
    Activity,
    Application,
    ApplicationContact,
    Contact,
    Interview,
    Stage,
)

COLUMNS = (
    "ID", "Company", "Role", "Stage", "Archived", "URL", "Location", "Salary", "Salary min",
    "Salary max", "Currency", "Source", "Deadline", "Excitement", "Tags", "Date applied",
    "Date added", "In stage since", "Contacts", "Interviews", "Notes", "Stage history",
)  # fmt: skip


def export_applications_csv(tz: tzinfo | None = None) -> str:
    """Every application not in the trash, in board order; dates in ``tz`` (local default)."""
    stages = {s.id: s for s in Stage.select()}
    history = _stage_history(stages, tz)
    contacts = _contacts()
    tags = TagService().tags_by_application()
    interviews: dict[int, list[datetime]] = defaultdict(list)
    for interview in Interview.select().order_by(Interview.starts_at):
        interviews[interview.application_id].append(interview.starts_at)
    apps = sorted(
        Application.select().where(Application.deleted_at.is_null()),
        key=lambda a: (stages[a.stage_id].position, a.rank),
    )
    rows = [
        (
            a.id, a.company, a.role, stages[a.stage_id].name, "yes" if a.archived_at else "",
            a.url, a.location, a.salary_text, a.salary_min, a.salary_max, a.salary_currency,
            a.source, local_date(a.deadline, tz), a.excitement, join_tags(tags.get(a.id, [])),
            local_date(a.applied_at, tz),
            local_date(a.created_at, tz), local_date(a.stage_entered_at, tz),
            "; ".join(contacts.get(a.id, [])),
            "; ".join(local_date(when, tz) for when in interviews[a.id]),
            a.notes, "; ".join(history.get(a.id, [])),
        )
        for a in apps
    ]  # fmt: skip
    return to_csv(COLUMNS, rows)


def _stage_history(stages: dict[int, Stage], tz: tzinfo | None) -> dict[int, list[str]]:
    """application id -> ["2025-01-06 Applied", "2025-01-20 Interviewing", ...]."""
    history: dict[int, list[str]] = defaultdict(list)
    moves = (
        Activity.select(Activity.application, Activity.at, Activity.to_stage)
        .where(Activity.kind.in_(("created", "stage_changed")) & Activity.to_stage.is_null(False))
        .order_by(Activity.at, Activity.id)
    )
    for move in moves:
        stage = stages.get(move.to_stage_id) if move.to_stage_id is not None else None
        if stage is not None:
            history[move.application_id].append(f"{local_date(move.at, tz)} {stage.name}")
    return history


def _contacts() -> dict[int, list[str]]:
    """application id -> ["Dana Whitfield (recruiter)", ...]."""
    named: dict[int, list[str]] = defaultdict(list)
    links = ApplicationContact.select(ApplicationContact, Contact).join(Contact)
    for link in links.order_by(Contact.name):
        named[link.application_id].append(f"{link.contact.name} ({link.role})")
    return named
