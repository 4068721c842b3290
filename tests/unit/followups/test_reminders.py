"""Reminders as listed and announced: groups, quiet hours, snooze, done, exactly-once marks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from jobtracker.domain.errors import NotFoundError, ValidationError


def add_interviewed(svc, when: datetime, company: str = "Acme Robotics") -> int:
    app = svc.applications.add(company, "Engineer", svc.board.stage_by_name("Interviewing").id).id
    person = svc.contacts.add("Jonas Weber", phone="+49 30 1234567", email="jonas@example.com")
    svc.contacts.link(app, person.id, "recruiter")
    svc.interviews.add(app, when, duration_minutes=60)
    return app


@pytest.mark.parametrize(
    ("wall", "expected"),
    [
        ((2026, 3, 10, 21, 0), (2026, 3, 11, 8, 0)),
        ((2026, 3, 10, 23, 59), (2026, 3, 11, 8, 0)),
        ((2026, 3, 11, 7, 59), (2026, 3, 11, 8, 0)),
        ((2026, 3, 11, 8, 0), None),
        ((2026, 3, 11, 20, 59), None),
    ],
)
def test_quiet_hours_hold_announcements_until_8(svc, berlin, wall, expected):
    end = svc.reminders.quiet_until(berlin(*wall))
    assert end == (None if expected is None else berlin(*expected))


def test_quiet_hours_end_at_8_local_time_on_the_night_dst_starts(svc, berlin):
    # 23:00 CET on Saturday; 08:00 on Sunday is already CEST, i.e. 06:00 UTC
    assert svc.reminders.quiet_until(berlin(2026, 3, 28, 23, 0)) == datetime(
        2026, 3, 29, 6, 0, tzinfo=UTC
    )


def test_quiet_hours_are_settings_and_can_be_turned_off(svc, berlin):
    svc.followups.save_settings(quiet_start="12:00", quiet_end="13:30")
    assert svc.reminders.quiet_until(berlin(2026, 3, 10, 12, 15)) == berlin(2026, 3, 10, 13, 30)
    assert svc.reminders.quiet_until(berlin(2026, 3, 10, 22, 0)) is None
    svc.followups.save_settings(quiet_hours=False)
    assert svc.reminders.quiet_until(berlin(2026, 3, 10, 12, 15)) is None


def test_a_reminder_falling_due_in_quiet_hours_is_announced_when_they_end(svc, clock, berlin):
    svc.followups.save_settings(work_start="08:00", work_end="23:00")  # evenings at work
    clock.set(berlin(2026, 3, 10, 18, 0))
    app = add_interviewed(svc, berlin(2026, 3, 10, 19, 30))  # thank-you due 09:00 next day
    svc.reminders.done([r.id for r in svc.reminders.open_reminders() if r.rule_key != "no_reply"])
    no_reply = svc.reminders.open_reminders()[0]
    assert no_reply.due_at == berlin(2026, 3, 12, 20, 30)
    clock.set(berlin(2026, 3, 12, 21, 30))  # due, but inside quiet hours
    assert [r.id for r in svc.reminders.due()] == [no_reply.id]
    assert svc.reminders.to_announce() == []
    assert svc.reminders.next_announcement_at() == berlin(2026, 3, 13, 8, 0)
    clock.set(berlin(2026, 3, 13, 8, 0))
    assert [r.application_id for r in svc.reminders.to_announce()] == [app]


def test_a_listing_limit_keeps_each_groups_soonest_and_its_full_count(svc, clock, berlin):
    """The panel lists 200 a group of thousands: the same first rows, and the true count."""
    clock.set(berlin(2026, 3, 12, 10, 0))
    for day in (9, 10, 11):
        add_interviewed(svc, berlin(2026, 3, day, 10, 0), f"Interview {day}")
    for n in range(3):
        svc.applications.add(f"Fresh {n}", "Engineer", svc.board.stage_by_name("Applied").id)
    everything = svc.reminders.groups()

    limited = svc.reminders.groups(limit=2)

    assert [g.name for g in limited] == ["Overdue", "Today", "Upcoming"]
    assert [g.count for g in limited] == [len(g.reminders) for g in everything]
    assert [g.reminders for g in limited] == [g.reminders[:2] for g in everything]
    assert all(g.count > 2 for g in limited if g.name != "Today")
    ordered = [r.effective_at for r in everything[2].reminders]
    assert ordered == sorted(ordered)


def test_reminders_group_as_overdue_today_and_upcoming_by_local_day(svc, clock, berlin):
    clock.set(berlin(2026, 3, 12, 10, 0))
    add_interviewed(svc, berlin(2026, 3, 10, 10, 0), "Old Interview")
    add_interviewed(svc, berlin(2026, 3, 12, 8, 0), "This Morning")
    svc.applications.add("Fresh Application", "Engineer", svc.board.stage_by_name("Applied").id)
    groups = {group.name: group.reminders for group in svc.reminders.groups()}
    assert list(groups) == ["Overdue", "Today", "Upcoming"]
    assert {(r.company, r.rule_key) for r in groups["Overdue"]} == {
        ("Old Interview", "thank_you"),
        ("Old Interview", "forgot_to_mention"),
    }
    assert {(r.company, r.rule_key) for r in groups["Today"]} == {
        ("This Morning", "thank_you"),
        ("This Morning", "forgot_to_mention"),
        ("Old Interview", "no_reply"),  # due 12 March 11:00
    }
    assert all(r.effective_at.date() > clock.now().date() for r in groups["Upcoming"])
    assert "Fresh Application" in {r.company for r in groups["Upcoming"]}


def test_a_reminder_names_the_person_to_call(svc, clock, berlin):
    add_interviewed(svc, berlin(2026, 3, 10, 10, 0))
    no_reply = next(r for r in svc.reminders.open_reminders() if r.rule_key == "no_reply")
    assert no_reply.contact_line == "Jonas Weber, +49 30 1234567, jonas@example.com"
    assert no_reply.summary == "Follow up with Acme Robotics"


def test_snooze_defers_by_the_setting_and_announces_again(svc, clock, berlin):
    add_interviewed(svc, berlin(2026, 3, 10, 8, 0))
    clock.set(berlin(2026, 3, 10, 12, 0))
    first = svc.reminders.to_announce()[0]
    svc.reminders.mark_notified([first.id])
    assert first.id not in {r.id for r in svc.reminders.to_announce()}
    svc.followups.save_settings(snooze_days=2)
    until = svc.reminders.snooze([first.id])
    assert until == berlin(2026, 3, 12, 12, 0)
    assert first.id not in {r.id for r in svc.reminders.due()}
    clock.set(until)
    assert first.id in {r.id for r in svc.reminders.to_announce()}


def test_done_removes_a_reminder_from_the_lists(svc, berlin):
    add_interviewed(svc, berlin(2026, 3, 10, 8, 0))
    first = svc.reminders.open_reminders()[0]
    svc.reminders.done([first.id])
    assert first.id not in {r.id for r in svc.reminders.open_reminders()}
    svc.reminders.undo_done([first.id])
    assert first.id in {r.id for r in svc.reminders.open_reminders()}


def test_acting_on_unknown_reminders_says_which(svc):
    with pytest.raises(NotFoundError, match="reminder #999"):
        svc.reminders.done([999])
    with pytest.raises(ValidationError, match="reminders: choose at least one"):
        svc.reminders.snooze([])


def test_next_announcement_is_the_earliest_unannounced_reminder(svc, clock, berlin):
    assert svc.reminders.next_announcement_at() is None
    add_interviewed(svc, berlin(2026, 3, 11, 14, 0))  # preparation due the evening before
    assert svc.reminders.next_announcement_at() == berlin(2026, 3, 10, 18, 0)
    assert svc.reminders.next_announcement_at() - clock.now() == timedelta(hours=8)


def test_due_and_next_announcement_selected_in_sql_agree_with_the_listing(svc, clock, berlin):
    """Snoozed before and after the due time, announced, done, on an archived card."""
    clock.set(berlin(2026, 3, 10, 10, 0))
    apps = [add_interviewed(svc, berlin(2026, 3, 9, 10, 0), f"Company {n}") for n in range(4)]
    reminders = svc.reminders.open_reminders()
    svc.reminders.snooze([reminders[0].id], days=3)  # past its due time
    svc.reminders.snooze([reminders[1].id], days=1 / 24)
    svc.reminders.done([reminders[2].id])
    svc.reminders.mark_notified([reminders[3].id])
    svc.applications.archive([apps[3]])
    for hours in (0, 2, 20, 50, 80, 200):
        now = berlin(2026, 3, 10, 10, 0) + timedelta(hours=hours)
        clock.set(now)
        listed = [r.id for r in svc.reminders.open_reminders() if r.effective_at <= now]
        assert sorted(r.id for r in svc.reminders.due()) == sorted(listed)
        waiting = [r.effective_at for r in svc.reminders.open_reminders() if not r.notified_at]
        soonest = max(min(waiting), now) if waiting else None
        expected = soonest and (svc.reminders.quiet_until(soonest) or soonest)
        assert svc.reminders.next_announcement_at() == expected


def test_each_reminder_names_whom_its_draft_goes_to_on_its_own_application(svc, berlin):
    """The thank-you names the interviewer and the follow-up the recruiter, as their drafts
    are addressed; within a role someone reachable comes first; people on other
    applications never leak in."""
    alone = add_interviewed(svc, berlin(2026, 3, 9, 10, 0), "Acme Robotics")
    app = add_interviewed(svc, berlin(2026, 3, 9, 10, 0), "Zephyr Labs")
    svc.contacts.unlink(app, svc.contacts.for_application(app)[0].id)
    nobody = svc.contacts.add("Ada Recruiter")
    svc.contacts.link(app, nobody.id, "recruiter")
    reachable = svc.contacts.add("Ben Recruiter", phone="+49 30 7654321")
    svc.contacts.link(app, reachable.id, "recruiter")
    mia = svc.contacts.add("Mia Interviewer", email="mia@example.com")
    svc.contacts.link(app, mia.id, "interviewer")
    mine = {r.rule_key: r for r in svc.reminders.open_reminders() if r.application_id == app}
    assert mine["thank_you"].contact_line == "Mia Interviewer, mia@example.com"
    assert mine["no_reply"].contact_line == "Ben Recruiter, +49 30 7654321"
    for rule, template in (("thank_you", "thank-you"), ("no_reply", "follow-up")):
        chosen = svc.drafts.default_recipient(app, template)
        assert mine[rule].contact_name == svc.contacts.get(chosen).name
    alone_rows = [r for r in svc.reminders.open_reminders() if r.application_id == alone]
    assert {r.contact_name for r in alone_rows if r.template_key} == {"Jonas Weber"}
    assert svc.reminders.get(mine["thank_you"].id) == mine["thank_you"]


def test_a_start_announces_the_unannounced_due_through_the_index_and_marks_them_at_once(
    svc, clock, berlin
):
    """What a start must announce is read, and then marked, through the index of
    unannounced open reminders by due time (in proportion to what is due, not to every
    reminder); one statement marks them all, and only them."""
    from jobtracker.domain import reminders
    from jobtracker.store.models import database

    add_interviewed(svc, berlin(2026, 3, 10, 8, 0))
    add_interviewed(svc, berlin(2026, 3, 20, 8, 0), company="Later GmbH")  # nothing due yet
    clock.set(berlin(2026, 3, 10, 12, 0))
    now = svc.clock.now()
    plan = database.execute_sql(
        f'EXPLAIN QUERY PLAN SELECT r."id" {reminders._JOINED} {reminders._UNANNOUNCED_DUE_WHERE}',
        ["x"],
    ).fetchall()
    assert any("USING INDEX reminder_unannounced_at" in step[-1] for step in plan)
    due = svc.reminders.to_announce(now)
    assert due and {r.application_id for r in due} == {due[0].application_id}

    assert svc.reminders.mark_announced(now) == len(due)

    assert svc.reminders.to_announce(now) == []
    assert all(r.notified_at is not None for r in svc.reminders.due(now))
    later = [r for r in svc.reminders.open_reminders() if r.company == "Later GmbH"]
    assert later and all(r.notified_at is None for r in later)


def test_the_next_alarm_is_the_first_of_the_index_of_unannounced_reminders(svc, clock, berlin):
    """Re-armed after every change: read from the index's first entry (an archived card's
    reminders skipped), never a scan of every open reminder."""
    from jobtracker.domain import reminders
    from jobtracker.store.models import database

    plan = database.execute_sql(
        f"EXPLAIN QUERY PLAN SELECT {reminders._EFFECTIVE_AT} {reminders._OPEN_ACTIVE} "
        f'AND r."notified_at" IS NULL ORDER BY {reminders._EFFECTIVE_AT} LIMIT 1'
    ).fetchall()
    steps = " ".join(step[-1] for step in plan)
    assert "USING INDEX reminder_unannounced_at" in steps and "TEMP B-TREE" not in steps
    first = add_interviewed(svc, berlin(2026, 3, 11, 14, 0), "First")
    add_interviewed(svc, berlin(2026, 3, 12, 14, 0), "Second")
    assert svc.reminders.next_announcement_at() == berlin(2026, 3, 10, 18, 0)
    svc.applications.archive([first])
    assert svc.reminders.next_announcement_at() == berlin(2026, 3, 11, 18, 0)
    svc.applications.unarchive([first])
    prepare = [r for r in svc.reminders.open_reminders() if r.application_id == first]
    svc.reminders.mark_notified([prepare[0].id])
    assert svc.reminders.next_announcement_at() > berlin(2026, 3, 10, 18, 0)
