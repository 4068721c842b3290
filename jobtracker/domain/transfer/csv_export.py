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
    """Every application not in the trash, in board order; dates in ``tz`` (local default).

    Read as tuples of the columns shown (model objects for every row would cost most of
    the export on a large board)."""
    stages = {s.id: s for s in Stage.select()}
    history = _stage_history(stages, tz)
    contacts = _contacts()
    tags = TagService().tags_by_application()
    interviews: dict[int, list[datetime]] = defaultdict(list)
    for app_id, starts_at in (
        Interview.select(Interview.application, Interview.starts_at)
        .order_by(Interview.starts_at)
        .tuples()
        .execute()
    ):
        interviews[app_id].append(starts_at)
    a = Application
    apps = sorted(
        a.select(a.id, a.company, a.role, a.stage, a.archived_at, a.url, a.location,
                 a.salary_text, a.salary_min, a.salary_max, a.salary_currency, a.source,
                 a.deadline, a.excitement, a.applied_at, a.created_at, a.stage_entered_at,
                 a.notes, a.rank)
        .where(a.deleted_at.is_null())
        .tuples()
        .execute(),
        key=lambda row: (stages[row[3]].position, row[-1]),
    )  # fmt: skip
    rows = [
        (
            app_id, company, role, stages[stage_id].name, "yes" if archived_at else "",
            url, location, salary_text, salary_min, salary_max, currency, source,
            local_date(deadline, tz), excitement, join_tags(tags.get(app_id, [])),
            local_date(applied_at, tz), local_date(created_at, tz), local_date(entered_at, tz),
            "; ".join(contacts.get(app_id, [])),
            "; ".join(local_date(when, tz) for when in interviews[app_id]),
            notes, "; ".join(history.get(app_id, [])),
        )
        for (app_id, company, role, stage_id, archived_at, url, location, salary_text,
             salary_min, salary_max, currency, source, deadline, excitement, applied_at,
             created_at, entered_at, notes, _rank) in apps
    ]  # fmt: skip
    return to_csv(COLUMNS, rows)


def _stage_history(stages: dict[int, Stage], tz: tzinfo | None) -> dict[int, list[str]]:
    """application id -> ["2025-01-06 Applied", "2025-01-20 Interviewing", ...]."""
    history: dict[int, list[str]] = defaultdict(list)
    moves = (
        Activity.select(Activity.application, Activity.at, Activity.to_stage)
        .where(Activity.kind.in_(("created", "stage_changed")) & Activity.to_stage.is_null(False))
        .order_by(Activity.at, Activity.id)
        .tuples()
        .execute()
    )
    for app_id, at, stage_id in moves:
        stage = stages.get(stage_id)
        if stage is not None:
            history[app_id].append(f"{local_date(at, tz)} {stage.name}")
    return history


def _contacts() -> dict[int, list[str]]:
    """application id -> ["Dana Whitfield (recruiter)", ...]."""
    named: dict[int, list[str]] = defaultdict(list)
    links = (
        ApplicationContact.select(ApplicationContact.application, Contact.name,
                                  ApplicationContact.role)
        .join(Contact)
        .order_by(Contact.name)
        .tuples()
        .execute()
    )  # fmt: skip
    for app_id, name, role in links:
        named[app_id].append(f"{name} ({role})")
    return named
