"""Imported and back-dated history: true dates in the activity log, reasons that name only
logged events, and nothing announced whose moment passed long before it was known."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, timedelta
from pathlib import Path

from jobtracker.domain.transfer.service import ExportRequest, transfer_for
from jobtracker.store.models import Reminder

STATUSES = ("Applied", "Interview", "Rejected", "Ghosted", "Applied", "Offer")


def spreadsheet(path: Path, today: date, rows: int = 30) -> dict[str, date]:
    """A job seeker's sheet: one application every three days over the last three months,
    some moved on since (with the day they moved). Returns company -> Date Applied."""
    applied: dict[str, date] = {}
    lines = ["Company,Position,Status,Date Applied,In stage since"]
    for n in range(rows):
        day = today - timedelta(days=90 - 3 * n)
        company = f"Firm {n:02d}"
        status = STATUSES[n % len(STATUSES)]
        moved = "" if status == "Applied" else (day + timedelta(days=6)).isoformat()
        lines.append(f"{company},Engineer,{status},{day.isoformat()},{moved}")
        applied[company] = day
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return applied


def test_an_imported_spreadsheet_announces_only_what_can_still_be_acted_on(svc, clock, tmp_path):
    now = clock.now()
    applied = spreadsheet(tmp_path / "search.csv", now.date())
    transfer = transfer_for(svc)
    result = transfer.apply(transfer.preview(tmp_path / "search.csv"))
    assert result.added == 30

    open_ones = svc.reminders.open_reminders()
    assert open_ones, "recent applications still have reminders"
    assert all(r.effective_at >= now - timedelta(days=2) for r in open_ones)
    announced = svc.reminders.to_announce()
    assert all(r.due_at >= now - timedelta(days=2) for r in announced)
    lapsed = Reminder.select().where(Reminder.lapsed == 1)
    assert lapsed.count() > 0 and all(r.dismissed_at == now for r in lapsed)

    # every date a reason names is the day of something logged on that application
    tz = svc.followups.tz
    timeline_days = {
        app_id: {e.at.astimezone(tz).date() for e in svc.timeline.for_application(app_id)}
        for app_id in result.application_ids
    }
    for reminder in open_ones:
        assert "check-in" not in reminder.reason.split(":")[0], reminder.reason  # none made
        for named in re.findall(r"[A-Z][a-z]{2} \d{2} [A-Z][a-z]{2}", reminder.reason):
            day = datetime.strptime(f"{named} {now.year}", "%a %d %b %Y").date()
            assert day in timeline_days[reminder.application_id], reminder.reason

    # the activity log, the proof of a search, lists each application on its Date Applied
    log = transfer.export(ExportRequest("activity", svc.followups.tz)).decode("utf-8-sig")
    entries = {(row["Date"], row["Company"], row["What happened"])
               for row in csv.DictReader(io.StringIO(log))}  # fmt: skip
    for company, day in applied.items():
        assert any(d == day.isoformat() and c == company for d, c, _ in entries), company
        assert not any(d == now.date().isoformat() and c == company for d, c, _ in entries)
    assert (
        (applied["Firm 01"] + timedelta(days=6)).isoformat(), "Firm 01",
        "Moved to Interviewing",
    ) in entries  # fmt: skip


def test_a_late_logged_interview_makes_no_overdue_thank_you(svc, clock, by_rule):
    app = svc.applications.add("Acme", "Engineer", svc.board.stage_by_name("Applied").id).id
    svc.interviews.add(app, clock.now() - timedelta(days=6), title="first interview")
    assert "thank_you" not in by_rule(app) and "no_reply" not in by_rule(app)
    assert svc.reminders.to_announce() == []
    # lapsed, they stay cancelled however often the rules run
    for _ in range(3):
        svc.followups.recompute()
    assert "thank_you" not in by_rule(app)


def test_a_lapsed_reminder_comes_back_when_a_setting_makes_it_actionable(
    svc, clock, by_rule, tmp_path
):
    left = (clock.now() - timedelta(days=70)).date().isoformat()
    path = tmp_path / "one.csv"
    path.write_text(
        f"Company,Role,Status,Date Applied,In stage since\nAcme,Eng,Withdrew,{left},{left}\n"
    )
    transfer = transfer_for(svc)
    (app,) = transfer.apply(transfer.preview(path)).application_ids
    assert by_rule(app) == {}  # reconnecting was due ten days ago: lapsed
    svc.followups.save_settings(keep_in_touch_days=75)
    assert by_rule(app)["reconnect"][0].due_at > clock.now()


def test_reasons_count_only_the_check_ins_that_were_made(svc, clock, by_rule):
    app = svc.applications.add("Acme", "Engineer", svc.board.stage_by_name("Applied").id).id
    clock.advance(days=8)
    svc.followups.recompute()
    first = by_rule(app)["check_in"][0]
    assert "since you applied on Tue 10 Mar: check in" in first.reason
    svc.reminders.done([first.id])
    clock.advance(days=7)
    svc.followups.recompute()
    second = by_rule(app)["check_in"][0]
    assert "after 1 check-in you made: check in" in second.reason
    clock.advance(days=7)  # the second one ignored: the suggestion counts one check-in
    svc.followups.recompute()
    suggestion = by_rule(app)["suggest_no_response"][0]
    assert "after 1 check-in you made: move the card to No response?" in suggestion.reason
