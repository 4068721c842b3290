"""Renaming and translating every stage of the default board changes no reminder: the same
60-day search, scripted on a fake clock, leaves the same reminders on both boards."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from jobtracker.domain import stage_roles as roles
from jobtracker.domain.clock import FakeClock
from jobtracker.domain.services import Services
from jobtracker.store.db import open_store
from jobtracker.store.models import Reminder

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 3, 2, 8, 30, tzinfo=BERLIN)  # a Monday; DST starts on the 29th
GERMAN = {
    roles.WISHLIST: "Merkliste", roles.APPLIED: "Beworben",
    roles.INTERVIEWING: "Vorstellungsgespräche", roles.OFFER: "Angebot erhalten",
    roles.ACCEPTED: "Zugesagt", roles.REJECTED: "Absage", roles.WITHDRAWN: "Zurückgezogen",
    roles.NO_RESPONSE: "Keine Rückmeldung",
}  # fmt: skip


def send(svc: Services, app: int, template: str) -> None:
    draft = svc.drafts.save(None, app, template, None, "Subject", "Body")
    svc.drafts.mark_sent(draft.id)


def scripted_search(svc: Services, clock: FakeClock) -> None:
    """Sixty days of a search, one step a day, every stage found by its role."""

    def stage(role: str) -> int:
        found = svc.board.stage_for_role(role)
        assert found is not None
        return found.id

    apps: list[int] = []
    for day in range(60):
        clock.set(START + timedelta(days=day, hours=day % 9))
        if day % 3 == 0 and len(apps) < 12:
            role = roles.WISHLIST if len(apps) % 5 == 4 else roles.APPLIED
            apps.append(svc.applications.add(f"Firm {len(apps)}", "Engineer", stage(role)).id)
        app = apps[day % len(apps)]
        step = day % 7
        if step == 1:  # an interview logged before the card was moved
            svc.interviews.add(app, clock.now() + timedelta(days=2, hours=2), title="screen")
        elif step == 2:
            svc.board.move_to_interviewing(app)
        elif step == 3:
            svc.timeline.add(app, "heard_back")
        elif step == 4:
            send(svc, app, "check-in")
        elif step == 5 and day > 30:
            target = (roles.REJECTED, roles.OFFER, roles.WITHDRAWN, roles.NO_RESPONSE)[day % 4]
            svc.board.move_cards([app], stage(target))
            if target == roles.OFFER:
                svc.applications.edit(app, deadline=date(2026, 4, 24))
        elif step == 6:
            due = [r.id for r in svc.reminders.due() if r.application_id == app]
            if due:
                svc.reminders.done(due[:1])
        svc.followups.recompute()


def reminders_after_search(db_path: Path, rename: bool) -> list[tuple[object, ...]]:
    clock = FakeClock(START)
    store = open_store(db_path, owner="pytest")
    svc = Services(store, clock)
    try:
        svc.followups.tz = BERLIN
        if rename:
            for stage in svc.board.stages():
                svc.board.rename_stage(stage.id, GERMAN[stage.role])
        scripted_search(svc, clock)
        return sorted(
            (r.application_id, r.rule_key, r.anchor, r.due_at, r.done_at, r.dismissed_at,
             r.lapsed, r.reason)
            for r in Reminder.select()
        )  # fmt: skip
    finally:
        svc.close()


def test_renaming_every_stage_changes_no_reminder_in_a_60_day_search(tmp_path: Path) -> None:
    default = reminders_after_search(tmp_path / "default" / "db.sqlite3", rename=False)
    translated = reminders_after_search(tmp_path / "translated" / "db.sqlite3", rename=True)
    assert translated == default
    kinds = {row[1] for row in default}
    assert {"thank_you", "prepare", "check_in", "feedback_request", "offer_deadline",
            "reconnect"} <= kinds, kinds  # fmt: skip
    assert len(default) > 60
