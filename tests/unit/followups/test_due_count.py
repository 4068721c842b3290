"""What ``jobtracker reminders --due`` lists and what the window's badge counts
(``AgendaService.due_count``, from the maintained tally) are two figures of the same due
reminders: the command lists every reminder, the badge counts agenda rows, where a
companion (the forgot-to-mention prompt of a thank-you) rides in its lead's row."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.reminders import COMPANIONS, ReminderInfo
from jobtracker.domain.services import Services


def listed_due(svc: Services, now: datetime) -> list[ReminderInfo]:
    """What the command lists with --due (``commands/reminders.py``), at ``now``."""
    groups = svc.reminders.groups(now)
    return [r for group in groups for r in group.reminders if r.effective_at <= now]


def add_interviewed(svc: Services, when: datetime, company: str) -> int:
    stage = svc.board.stage_by_name("Interviewing").id
    app = svc.applications.add(company, "Engineer", stage).id
    person = svc.contacts.add(f"Jonas of {company}", email="jonas@example.com")
    svc.contacts.link(app, person.id, "recruiter")
    svc.interviews.add(app, when, duration_minutes=60)
    return app


def test_the_badge_counts_one_row_for_each_lead_the_command_lists_as_due(
    svc: Services, clock: FakeClock, berlin
) -> None:
    """Snoozed past and within the due time, done, dismissed, future and archived
    reminders, over Berlin's spring DST night and a change of the rules' zone."""
    start = berlin(2026, 3, 27, 10, 0)
    clock.set(start)
    apps = [add_interviewed(svc, start - timedelta(days=1, hours=n), f"Company {n}")
            for n in range(6)]  # fmt: skip
    add_interviewed(svc, start + timedelta(days=4), "Later Inc")  # preparation ahead
    leads = [r for r in svc.reminders.open_reminders() if r.rule_key not in COMPANIONS]
    svc.reminders.snooze([leads[0].id], days=3)
    svc.reminders.snooze([leads[1].id], days=1 / 24)
    svc.reminders.done([leads[2].id])
    svc.reminders.dismiss([leads[3].id])
    svc.applications.archive([apps[4]])
    differ = False
    for hours in range(0, 150, 7):
        now = start + timedelta(hours=hours)
        if hours == 70:  # the person moves; the next change recomputes in the new zone
            svc.followups.tz = ZoneInfo("America/New_York")
            add_interviewed(svc, now - timedelta(hours=3), "After The Move")
        clock.set(now)
        listed = listed_due(svc, now)
        assert sorted(r.id for r in listed) == sorted(r.id for r in svc.reminders.due(now))
        rows = [r for r in listed if r.rule_key not in COMPANIONS]
        assert svc.agenda.due_count(now) == svc.agenda.read(now).due_count == len(rows)
        differ = differ or len(rows) != len(listed)
    assert differ  # the companions make the two figures differ: they count different things
