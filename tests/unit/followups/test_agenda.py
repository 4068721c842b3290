"""The Today agenda's reading: rows per moment, groups by local day, the due count, whom."""

from __future__ import annotations

from datetime import timedelta

from jobtracker.domain.agenda import (
    LATER,
    OVERDUE,
    SNOOZED,
    THIS_WEEK,
    TODAY,
    when_text,
)
from tests.unit.followups.conftest import BERLIN


def interviewed(svc, company: str, when, *, interviewer: str = "") -> int:
    app = svc.applications.add(company, "Engineer", svc.board.stage_by_name("Interviewing").id).id
    recruiter = svc.contacts.add(f"{company} Recruiter", email="jobs@example.com")
    svc.contacts.link(app, recruiter.id, "recruiter")
    ids: tuple[int, ...] = ()
    if interviewer:
        ids = (svc.contacts.add(interviewer, email="iv@example.com").id,)
    svc.interviews.add(app, when, duration_minutes=60, interviewer_ids=ids)
    return app


def test_times_never_show_a_bare_weekday(berlin):
    now = berlin(2026, 3, 10, 10, 0)  # a Tuesday
    assert when_text(berlin(2026, 3, 10, 15, 30), now, BERLIN) == "Today 15:30"
    assert when_text(berlin(2026, 3, 11, 9, 0), now, BERLIN) == "Tomorrow 09:00"
    assert when_text(berlin(2026, 3, 9, 17, 30), now, BERLIN) == "Yesterday 17:30"
    # two different Mondays read differently
    assert when_text(berlin(2026, 3, 2, 11, 15), now, BERLIN) == "Mon 2 Mar 11:15"
    assert when_text(berlin(2026, 3, 16, 15, 0), now, BERLIN) == "Mon 16 Mar 15:00"
    assert when_text(berlin(2025, 12, 29, 9, 0), now, BERLIN) == "Mon 29 Dec 2025 09:00"


def test_a_thank_you_and_its_forgotten_point_are_one_overdue_row(svc, clock):
    app = interviewed(svc, "Acme Robotics", clock.now() - timedelta(days=3))
    agenda = svc.agenda.read()
    overdue = agenda.group(OVERDUE)
    moments = {row.lead.rule_key: row for row in overdue.rows if row.application_id == app}
    thanks = moments["thank_you"]
    assert [item.rule_key for item in thanks.items] == ["thank_you", "forgot_to_mention"]
    assert [a.label for a in thanks.answers] == ["Write thank-you", "Add a forgotten point"]
    assert "forgot_to_mention" not in moments
    assert thanks.due and not thanks.snoozed
    assert overdue.count == len(overdue.rows) == 2  # the thank-you and the no-reply call
    assert agenda.due_count == svc.agenda.due_count() == 2
    assert moments["no_reply"].answers[0].label == "Log call"


def test_groups_follow_local_days_and_snoozed_ones_wait_apart(svc, clock):
    # Tuesday 10:00 in Berlin; an interview at 11:00 today: prepare is past, thanks due today
    interviewed(svc, "Today Corp", clock.now() + timedelta(hours=1))
    applied = svc.board.stage_by_name("Applied").id
    svc.applications.add("Week Corp", "Engineer", applied)  # a check-in in 7 days: Later
    agenda = svc.agenda.read()
    today = agenda.group(TODAY)
    assert {row.lead.rule_key for row in today.rows} == {"thank_you"}
    assert not today.rows[0].due
    assert [row.lead.rule_key for row in agenda.group(OVERDUE).rows] == ["prepare"]
    assert agenda.due_count == 1
    week = agenda.group(THIS_WEEK)
    assert {row.lead.rule_key for row in week.rows} == {"no_reply"}  # 48 h later
    later = agenda.group(LATER)
    assert {row.company for row in later.rows} == {"Week Corp"}  # none before an interview
    assert [i.company for i in agenda.interviews] == ["Today Corp"]
    # snoozing the row moves both its reminders to Snoozed, counted apart from the due
    clock.advance(hours=3)
    row = svc.agenda.read().group(TODAY).rows[0]
    assert row.due and svc.agenda.due_count() == 2
    svc.reminders.snooze(row.reminder_ids, 2)
    agenda = svc.agenda.read()
    snoozed = agenda.group(SNOOZED)
    assert [r.key for r in snoozed.rows] == [row.key]
    assert snoozed.rows[0].snoozed and snoozed.rows[0].reminder_ids == row.reminder_ids
    assert agenda.group(TODAY).count == 0 and agenda.due_count == 1
    clock.advance(days=2, minutes=1)  # back when the snooze ends, due again
    back = {r.key: r for r in svc.agenda.read().group(TODAY).rows}
    assert back[row.key].due and not back[row.key].snoozed


def test_interviews_of_today_and_tomorrow_head_the_agenda(svc, clock):
    interviewed(svc, "Later Corp", clock.now() + timedelta(days=3))
    interviewed(svc, "Tomorrow Corp", clock.now() + timedelta(days=1))
    interviewed(svc, "Today Corp", clock.now() + timedelta(hours=2))
    assert [i.company for i in svc.agenda.read().interviews] == ["Today Corp", "Tomorrow Corp"]


def test_the_forgotten_point_is_done_and_snoozed_with_its_thank_you(svc, clock):
    """Through any door: a notification's Done or Snooze on the thank-you, or its draft
    marked as sent, answers the prompt that sits in its row."""
    app = interviewed(svc, "Acme Robotics", clock.now() - timedelta(days=3))
    by_rule = {r.rule_key: r for r in svc.reminders.open_reminders()}
    thanks, forgot = by_rule["thank_you"], by_rule["forgot_to_mention"]
    svc.reminders.snooze([thanks.id], 1)
    assert svc.reminders.get(forgot.id).snoozed_until == clock.now() + timedelta(days=1)
    assert svc.reminders.done([thanks.id]) == [thanks.id, forgot.id]
    assert forgot.id not in {r.id for r in svc.reminders.open_reminders()}
    svc.reminders.undo_done([thanks.id, forgot.id])
    draft = svc.drafts.save(None, app, "thank-you", None, "Thanks", "Thank you")
    assert set(svc.drafts.mark_sent(draft.id).completed_reminder_ids) == {thanks.id, forgot.id}
    assert not [r for r in svc.agenda.read().group(OVERDUE).rows if r.application_id == app]
    assert svc.agenda.due_count() == 0  # the note sent also restarted the no-reply timer


def test_the_row_names_whom_its_draft_goes_to(svc, clock):
    app = interviewed(svc, "Acme Robotics", clock.now() - timedelta(days=3), interviewer="Ines")
    rows = {r.lead.rule_key: r for r in svc.agenda.read().group(OVERDUE).rows}
    assert rows["thank_you"].contact is not None
    assert rows["thank_you"].contact.name == "Ines"
    assert rows["no_reply"].contact is not None
    assert rows["no_reply"].contact.name == "Acme Robotics Recruiter"
    for rule, template in (("thank_you", "thank-you"), ("no_reply", "follow-up")):
        assert svc.drafts.default_recipient(app, template) == rows[rule].contact.id
    reminder = next(r for r in svc.reminders.open_reminders() if r.rule_key == "thank_you")
    assert reminder.contact_name == "Ines"


def test_looking_ahead_each_application_shows_its_next_step_only(svc, clock):
    applied = svc.board.stage_by_name("Applied").id
    for company in ("One", "Two", "Three"):
        svc.applications.add(company, "Engineer", applied)
    later = svc.agenda.read().group(LATER)
    # three steps wait for each (two check-ins, then "close as no response?"): one is shown
    assert len(svc.reminders.open_reminders()) == 9
    assert later.count == 3
    assert [(row.company, row.lead.rule_key) for row in later.rows] == [
        ("One", "check_in"), ("Two", "check_in"), ("Three", "check_in"),
    ]  # fmt: skip
    clock.advance(days=8)  # the first check-in is due: the second now leads Later
    agenda = svc.agenda.read()
    assert agenda.due_count == 3
    # the second check-in (the reasons no longer number check-ins that were never made)
    assert [(row.lead.rule_key, svc.reminders.get(row.lead.reminder_id).due_at > clock.now())
            for row in agenda.group(THIS_WEEK).rows] == [("check_in", True)] * 3  # fmt: skip


def test_the_counts_of_the_due_groups_agree_with_the_reminders_at_any_hour(svc, clock):
    """Overdue, Today and the badge (counted by the database in one pass) and Snoozed (from
    the index of snoozed reminders) against the open reminders counted one by one: at
    several hours, with snoozes into today and beyond."""
    from jobtracker.domain import agenda as readings
    from jobtracker.store.models import database

    plan = database.execute_sql(
        f'EXPLAIN QUERY PLAN SELECT 1 FROM "reminder" AS r WHERE {readings._OPEN} '
        f"AND {readings._SNOOZED_AFTER}",
        ["x"],
    ).fetchall()
    assert "USING INDEX reminder_snoozed_until" in " ".join(step[-1] for step in plan)
    from datetime import datetime, time

    from jobtracker.domain.clock import to_local
    from jobtracker.domain.reminders import COMPANIONS

    start = clock.now()
    for n, hours in enumerate((-50, -26, -3, 1, 5, 30)):
        interviewed(svc, f"Company {n}", start + timedelta(hours=hours))
    leads = [r for r in svc.reminders.open_reminders() if r.rule_key not in COMPANIONS]
    svc.reminders.snooze([leads[0].id], days=1 / 6)  # back later today
    svc.reminders.snooze([leads[1].id], days=2)
    for hours in (0, 2, 5, 9, 13):
        now = start + timedelta(hours=hours)
        clock.set(now)
        day = to_local(now, BERLIN).date()
        today = datetime.combine(day, time(0), BERLIN)
        tomorrow = datetime.combine(day + timedelta(days=1), time(0), BERLIN)
        rows = [r for r in svc.reminders.open_reminders() if r.rule_key not in COMPANIONS]
        snoozing = [r.effective_at > r.due_at for r in rows]
        at = [r.effective_at for r in rows]
        agenda = svc.agenda.read()
        assert agenda.group(OVERDUE).count == sum(a < today for a in at)
        assert agenda.due_count == svc.agenda.due_count() == sum(a <= now for a in at)
        assert agenda.group(SNOOZED).count == sum(
            a > now and put_off for a, put_off in zip(at, snoozing, strict=True)
        )
        assert agenda.group(TODAY).count == sum(
            today <= a <= now or (now < a < tomorrow and not put_off)
            for a, put_off in zip(at, snoozing, strict=True)
        )


def test_a_read_hands_on_unchanged_rows_as_the_same_objects(svc, clock):
    """After one action only the rows it changed are new objects: the window's model
    tells what changed by identity, and a row with new content is never handed on."""
    first = interviewed(svc, "First Corp", clock.now() - timedelta(days=3))
    interviewed(svc, "Second Corp", clock.now() - timedelta(days=2))
    interviewed(svc, "Third Corp", clock.now() + timedelta(hours=30))
    before = svc.agenda.read()
    thanks = next(r for r in before.group(OVERDUE).rows if r.application_id == first)
    svc.reminders.done(thanks.reminder_ids)
    after = svc.agenda.read()
    kept = {row.key: row for group in before.groups for row in group.rows}
    for group in after.groups:
        for row in group.rows:
            assert (row is kept.get(row.key)) == (row == kept.get(row.key)), row.key
    assert thanks.key not in {row.key for row in after.group(OVERDUE).rows}
    assert sum(row is kept.get(row.key) for g in after.groups for row in g.rows) >= 4
    assert after.interviews == before.interviews
    assert all(a is b for a, b in zip(after.interviews, before.interviews, strict=True))
    svc.applications.edit(first, company="Renamed Corp")  # new content: new rows
    renamed = [r for g in svc.agenda.read().groups for r in g.rows if r.application_id == first]
    assert renamed and all(r.company == "Renamed Corp" for r in renamed)
