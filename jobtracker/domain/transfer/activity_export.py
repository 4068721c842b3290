"""The activity log: one row per timeline entry (date, company, role, what happened),
the proof of a job search that unemployment offices ask for."""

from __future__ import annotations

from datetime import date, tzinfo

from jobtracker.domain.transfer.spreadsheet import local_date, local_time, to_csv
from jobtracker.store.models import Activity, Application, Stage

COLUMNS = ("Date", "Time", "Company", "Role", "What happened", "Details")
_KIND_WORDS = {
    "applied": "Applied",
    "edited": "Edited the application",
    "note": "Note",
    "draft_sent": "Sent a message",
    "call": "Phone call",
    "heard_back": "Heard back",
    "archived": "Archived",
    "trashed": "Moved to the trash",
    "restored": "Restored",
    "interview": "Interview",
}


def describe(kind: str, from_stage: str | None, to_stage: str | None) -> str:
    """What happened, in words: "Moved from Applied to Interviewing"."""
    if kind == "created":
        return f"Added to {to_stage}" if to_stage else "Added"
    if kind == "stage_changed":
        if from_stage and to_stage:
            return f"Moved from {from_stage} to {to_stage}"
        return f"Moved to {to_stage}" if to_stage else "Changed stage"
    return _KIND_WORDS.get(kind, kind.replace("_", " ").capitalize())


def export_activity_csv(
    tz: tzinfo | None = None, since: date | None = None, until: date | None = None
) -> str:
    """Every timeline entry, oldest first, dated in ``tz``; ``since``/``until`` include both
    ends (local dates)."""
    names: dict[int | None, str] = {s.id: s.name for s in Stage.select()}
    entries = (
        Activity.select(Activity, Application.company, Application.role)
        .join(Application)
        .order_by(Activity.at, Activity.id)
    )
    rows = []
    for entry in entries:
        day = entry.at.astimezone(tz).date()
        if (since and day < since) or (until and day > until):
            continue
        what = describe(entry.kind, names.get(entry.from_stage_id), names.get(entry.to_stage_id))
        rows.append(
            (local_date(entry.at, tz), local_time(entry.at, tz), entry.application.company,
             entry.application.role, what, entry.text)
        )  # fmt: skip
    return to_csv(COLUMNS, rows)
