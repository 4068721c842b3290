"""Each follow-up rule's exact due time, its cancellation, and recomputing without duplicates.

The clock is a FakeClock and the local zone Europe/Berlin, whose DST starts on Sunday
29 March 2026 (02:00 -> 03:00) and ends on Sunday 25 October 2026 (03:00 -> 02:00).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from jobtracker.domain.errors import ValidationError
from jobtracker.domain.followup_settings import FollowupSettings
from jobtracker.domain.followups import RecomputeResult
from jobtracker.store.models import Reminder

BERLIN = ZoneInfo("Europe/Berlin")


def add_app(svc, stage: str = "Applied", company: str = "Acme Robotics", **fields) -> int:
    stage_id = svc.board.stage_by_name(stage).id
    return svc.applications.add(company, "Backend Engineer", stage_id, **fields).id


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def berlin_morning(instant: datetime) -> datetime:
    """09:00 on ``instant``'s day in Berlin."""
    return instant.astimezone(BERLIN).replace(hour=9, minute=0, second=0, microsecond=0)


def test_thank_you_is_due_half_an_hour_after_an_interview_that_ends_by_17(
    svc, clock, berlin, by_rule
):
    app = add_app(svc)
    svc.interviews.add(
        app, berlin(2026, 3, 10, 14, 0), duration_minutes=60, title="first interview"
    )
    found = by_rule(app)
    assert found["thank_you"][0].due_at == berlin(2026, 3, 10, 15, 30)
    assert found["thank_you"][0].template_key == "thank-you"
    assert "thank-you note for the first interview" in found["thank_you"][0].reason
    forgot = found["forgot_to_mention"][0]
    assert forgot.due_at == berlin(2026, 3, 10, 15, 30)
    assert forgot.priority < found["thank_you"][0].priority
    assert forgot.template_key == "forgot-to-mention"


def test_an_interview_ending_after_17_makes_the_thank_you_due_at_9_next_morning(
    svc, berlin, by_rule
):
    app = add_app(svc)
    svc.interviews.add(app, berlin(2026, 3, 12, 16, 30), duration_minutes=60)
    assert by_rule(app)["thank_you"][0].due_at == berlin(2026, 3, 13, 9, 0)


@pytest.mark.parametrize(
    ("interview_start", "due_utc"),
    [
        # Saturday 18:00 CET; the next 09:00 is Sunday 09:00 CEST = 07:00 UTC (not 08:00)
        ((2026, 3, 28, 18, 0), utc(2026, 3, 29, 7, 0)),
        # Saturday 18:00 CEST; the next 09:00 is Sunday 09:00 CET = 08:00 UTC (not 07:00)
        ((2026, 10, 24, 18, 0), utc(2026, 10, 25, 8, 0)),
    ],
)
def test_next_morning_thank_you_across_a_dst_change(
    svc, clock, berlin, by_rule, interview_start, due_utc
):
    svc.followups.save_settings(work_days="Mon-Sun")  # a Sunday morning is a working one
    clock.set(berlin(*interview_start) - timedelta(days=3))
    app = add_app(svc)
    svc.interviews.add(app, berlin(*interview_start), duration_minutes=30)
    assert by_rule(app)["thank_you"][0].due_at == due_utc


def test_preparation_is_due_the_working_evening_before(svc, berlin, by_rule):
    app = add_app(svc, "Interviewing")
    svc.interviews.add(app, berlin(2026, 3, 30, 10, 0), title="technical interview")
    assert by_rule(app)["prepare"][0].due_at == berlin(2026, 3, 27, 18, 0)  # Friday


def test_preparation_is_due_the_evening_before_even_across_dst(svc, clock, berlin, by_rule):
    svc.followups.save_settings(work_days="Mon-Sun")
    app = add_app(svc, "Interviewing")
    svc.interviews.add(app, berlin(2026, 3, 30, 10, 0), title="technical interview")
    prepare = by_rule(app)["prepare"][0]
    assert prepare.due_at == utc(2026, 3, 29, 16, 0)  # Sunday 18:00 CEST
    assert prepare.template_key == ""
    assert prepare.reason.startswith("Technical interview with Acme Robotics on Mon 30 Mar 10:00")
    clock.set(berlin(2026, 3, 30, 10, 1))
    svc.followups.recompute()
    assert "prepare" not in by_rule(app)


def test_no_reply_follow_up_is_due_48_hours_after_the_interview(svc, clock, berlin, by_rule):
    app = add_app(svc, "Interviewing")
    interview = svc.interviews.add(app, berlin(2026, 3, 10, 11, 0), duration_minutes=45)
    follow = by_rule(app)["no_reply"][0]
    assert follow.due_at == interview.ends_at + timedelta(hours=48)
    assert follow.template_key == "follow-up"
    assert "call or email" in follow.reason


def test_hearing_back_cancels_the_48_hour_follow_up(svc, clock, berlin, by_rule):
    app = add_app(svc, "Interviewing")
    svc.interviews.add(app, berlin(2026, 3, 10, 11, 0))
    clock.set(berlin(2026, 3, 11, 9, 0))
    svc.timeline.add(app, "heard_back", "They liked it.")
    assert "no_reply" not in by_rule(app)
    cancelled = Reminder.get(Reminder.rule_key == "no_reply")
    assert cancelled.dismissed_at == berlin(2026, 3, 11, 9, 0)
    assert cancelled.done_at is None


def test_a_call_or_the_next_interview_cancels_the_follow_up_too(svc, clock, berlin, by_rule):
    app = add_app(svc, "Interviewing")
    svc.interviews.add(app, berlin(2026, 3, 10, 11, 0))
    svc.interviews.add(app, berlin(2026, 3, 18, 11, 0), title="second round")
    follow_ups = by_rule(app)["no_reply"]
    assert [f.due_at for f in follow_ups] == [berlin(2026, 3, 20, 12, 0)]  # only the latest
    clock.set(berlin(2026, 3, 19, 9, 0))
    svc.timeline.add(app, "call", "Called the recruiter.")
    assert "no_reply" not in by_rule(app)


def test_check_ins_every_7_days_up_to_the_cap_then_no_response_is_suggested(svc, berlin, by_rule):
    app = add_app(svc)  # Tuesday 10 March, 10:00: each check-in on a Tuesday at 09:00
    found = by_rule(app)
    assert [r.due_at for r in found["check_in"]] == [
        berlin(2026, 3, 17, 9, 0),
        berlin(2026, 3, 24, 9, 0),
    ]
    assert "since you applied on Tue 10 Mar: check in" in found["check_in"][0].reason
    suggestion = found["suggest_no_response"][0]
    assert suggestion.due_at == berlin(2026, 3, 31, 9, 0)
    assert "No response" in suggestion.reason
    assert suggestion.template_key == ""


def test_the_check_in_cap_and_delay_are_settings(svc, clock, by_rule):
    svc.followups.save_settings(check_in_cap=3, check_in_days=5)
    app = add_app(svc)
    found = by_rule(app)
    # 15, 20, 25 and 30 March; the 15th is a Sunday, so Monday morning
    assert [(r.due_at.astimezone(BERLIN).day, r.due_at.astimezone(BERLIN).hour)
            for r in found["check_in"]] == [(16, 9), (20, 9), (25, 9)]  # fmt: skip
    assert found["suggest_no_response"][0].due_at.astimezone(BERLIN).day == 30


def test_hearing_back_restarts_the_check_in_timer(svc, clock, by_rule):
    app = add_app(svc)
    clock.advance(days=10)
    heard = clock.now()
    svc.timeline.add(app, "heard_back")
    found = by_rule(app)
    assert [r.due_at for r in found["check_in"]] == [
        berlin_morning(heard + timedelta(days=7)),
        berlin_morning(heard + timedelta(days=14)),
    ]
    assert "since they last answered on Fri 20 Mar" in found["check_in"][0].reason


def test_a_planned_interview_pauses_check_ins(svc, clock, berlin, by_rule):
    app = add_app(svc, "Interviewing")
    svc.interviews.add(app, berlin(2026, 3, 20, 10, 0))
    assert "check_in" not in by_rule(app)


def test_rejection_asks_for_feedback_then_keeps_in_touch_after_60_days(svc, clock, by_rule):
    app = add_app(svc, "Interviewing")
    clock.advance(days=3)
    rejected = clock.now()
    result = svc.board.move_cards([app], svc.board.stage_by_name("Rejected").id)
    found = by_rule(app)
    assert set(found) == {"feedback_request", "keep_in_mind", "reconnect"}
    # a day after Friday's rejection is a Saturday: Monday at the start of work
    assert found["feedback_request"][0].due_at == berlin_morning(rejected + timedelta(days=3))
    assert found["feedback_request"][0].template_key == "feedback-request"
    assert found["keep_in_mind"][0].template_key == "keep-in-touch"
    assert found["reconnect"][0].due_at == berlin_morning(rejected + timedelta(days=60))
    # the check-ins became pointless, and come back exactly when the move is undone
    assert Reminder.select().where(Reminder.dismissed_at.is_null(False)).count() == 3
    svc.board.undo_move(result)
    assert set(by_rule(app)) == {"check_in", "suggest_no_response"}


def test_every_closed_application_gets_a_keep_in_touch_reminder(svc, clock, by_rule):
    app = add_app(svc, "Withdrawn")
    assert set(by_rule(app)) == {"reconnect"}
    # 60 days on is a Saturday: the Monday morning after
    assert by_rule(app)["reconnect"][0].due_at == berlin_morning(clock.now() + timedelta(days=62))


def test_an_accepted_offer_asks_for_nothing(svc, by_rule):
    assert by_rule(add_app(svc, "Accepted")) == {}


def test_an_offer_with_a_deadline_is_due_two_days_before_in_the_morning(svc, berlin, by_rule):
    app = add_app(svc, "Offer", deadline=date(2026, 3, 30))
    offer = by_rule(app)["offer_deadline"][0]
    assert offer.due_at == berlin(2026, 3, 27, 9, 0)  # the 28th is a Saturday: the Friday
    svc.applications.edit(app, deadline=date(2026, 4, 3))
    assert [r.due_at for r in by_rule(app)["offer_deadline"]] == [berlin(2026, 4, 1, 9, 0)]


def test_archived_and_trashed_applications_have_no_reminders(svc, by_rule):
    app = add_app(svc)
    svc.applications.archive([app])
    assert by_rule(app) == {}
    svc.applications.unarchive([app])
    assert set(by_rule(app)) == {"check_in", "suggest_no_response"}


def test_done_and_snoozed_state_survive_recomputing(svc, clock, berlin, by_rule):
    app = add_app(svc, "Interviewing")
    svc.interviews.add(app, berlin(2026, 3, 10, 11, 0))
    found = by_rule(app)
    svc.reminders.done([found["thank_you"][0].id])
    until = svc.reminders.snooze([found["no_reply"][0].id])
    for _ in range(5):
        svc.followups.recompute()
    found = by_rule(app)
    assert "thank_you" not in found
    assert found["no_reply"][0].snoozed_until == until == clock.now() + timedelta(days=1)


def test_a_scripted_60_day_search_never_duplicates_a_reminder(svc, clock, berlin):
    """Sixty days of applying, interviewing, hearing back and rejections, one step a day,
    recomputing after each; then 100 recomputations change nothing."""
    apps = [add_app(svc, company=f"Company {n}") for n in range(6)]
    interviewing = svc.board.stage_by_name("Interviewing").id
    rejected = svc.board.stage_by_name("Rejected").id
    for day in range(60):
        clock.advance(days=1)
        app = apps[day % len(apps)]
        step = day % 5
        if step == 0:
            svc.board.move_cards([app], interviewing)
            svc.interviews.add(app, clock.now() + timedelta(days=2, hours=3))
        elif step == 1:
            svc.timeline.add(app, "heard_back")
        elif step == 2:
            svc.timeline.add(app, "call")
        elif step == 3 and day > 40:
            svc.board.move_cards([app], rejected)
        svc.followups.recompute()
    keys = [(r.application_id, r.rule_key, r.anchor) for r in Reminder.select()]
    assert len(keys) == len(set(keys)) > 30
    before = sorted((r.id, r.due_at, r.dismissed_at, r.reason) for r in Reminder.select())
    for _ in range(100):
        assert svc.followups.recompute() == RecomputeResult(0, 0, 0)
    after = sorted((r.id, r.due_at, r.dismissed_at, r.reason) for r in Reminder.select())
    assert after == before


def test_settings_refuse_bad_values_naming_the_setting(svc):
    with pytest.raises(ValidationError, match="check_in_cap: must be from 0 to 10"):
        svc.followups.save_settings(check_in_cap=50)
    with pytest.raises(ValidationError, match="quiet_start: '25:99' is not a time"):
        svc.followups.save_settings(quiet_start="25:99")
    with pytest.raises(ValidationError, match="colour: is not a follow-up setting"):
        svc.followups.save_settings(colour="red")
    assert svc.followups.settings() == FollowupSettings()
    svc.followups.save_settings(quiet_start="22:30")
    assert svc.followups.settings().quiet_start == "22:30"


def send_draft(svc, app: int, template: str) -> None:
    draft = svc.drafts.save(None, app, template, None, "Subject", "Body")
    svc.drafts.mark_sent(draft.id)


def test_a_sent_follow_up_completes_it_and_restarts_the_check_in_timer(svc, clock, berlin, by_rule):
    app = add_app(svc, "Interviewing")
    svc.interviews.add(app, berlin(2026, 3, 10, 11, 0))
    clock.set(berlin(2026, 3, 12, 14, 0))
    send_draft(svc, app, "follow-up")
    found = by_rule(app)
    assert "no_reply" not in found
    assert Reminder.get(Reminder.rule_key == "no_reply").done_at == clock.now()
    assert found["check_in"][0].due_at == berlin_morning(clock.now() + timedelta(days=7))
    assert "since you last wrote or called on Thu 12 Mar" in found["check_in"][0].reason


def test_sent_check_ins_count_towards_the_cap_instead_of_restarting_it(svc, clock, by_rule):
    app = add_app(svc)
    applied = clock.now()
    clock.advance(days=7, hours=1)
    send_draft(svc, app, "check-in")
    found = by_rule(app)
    assert [r.due_at for r in found["check_in"]] == [berlin_morning(applied + timedelta(days=14))]
    assert "after 1 check-in you made" in found["check_in"][0].reason
    assert found["suggest_no_response"][0].due_at == berlin_morning(applied + timedelta(days=21))


def test_a_due_check_in_supersedes_the_one_before_so_one_waits_at_a_time(svc, clock, by_rule):
    app = add_app(svc)
    applied = clock.now()
    clock.set(applied + timedelta(days=15))
    svc.followups.recompute()
    found = by_rule(app)
    assert [r.due_at for r in found["check_in"]] == [berlin_morning(applied + timedelta(days=14))]
    assert "check-in" not in found["check_in"][0].reason.split(":")[0]  # none was made
    clock.set(applied + timedelta(days=22))
    svc.followups.recompute()
    assert set(by_rule(app)) == {"suggest_no_response"}
    assert Reminder.select().where(Reminder.dismissed_at.is_null(False)).count() == 2


def test_stored_settings_that_no_longer_validate_fall_back_to_defaults(svc):
    svc.settings.set("followups", {"check_in_cap": "many", "snooze_days": 3, "old_key": 1})
    assert svc.followups.settings() == FollowupSettings(snooze_days=3)
    svc.settings.set("followups", ["not", "a", "mapping"])
    assert svc.followups.settings() == FollowupSettings()


def test_interview_titles_read_well_in_the_reason(svc, berlin, by_rule):
    app = add_app(svc, "Interviewing")
    svc.interviews.add(app, berlin(2026, 3, 10, 9, 0), title="First interview")
    svc.interviews.add(app, berlin(2026, 3, 10, 11, 0), title="HR call")
    reasons = [r.reason for r in by_rule(app)["thank_you"]]
    assert "thank-you note for the first interview (Tue 10 Mar 09:00)" in reasons[0]
    assert "thank-you note for the HR call (Tue 10 Mar 11:00)" in reasons[1]


def test_a_wishlist_job_with_a_deadline_is_due_two_days_before_in_the_morning(svc, berlin, by_rule):
    app = add_app(svc, "Wishlist", deadline=date(2026, 3, 31))  # DST starts on the 29th
    assert by_rule(app)["apply_deadline"][0].due_at == berlin(2026, 3, 27, 9, 0)  # Friday
    svc.followups.save_settings(work_days="Mon-Sun")
    assert set(by_rule(app)) == {"apply_deadline"}
    assert by_rule(app)["apply_deadline"][0].due_at == berlin(2026, 3, 29, 9, 0)
    assert by_rule(app)["apply_deadline"][0].due_at == utc(2026, 3, 29, 7, 0)


def test_settings_are_kept_between_reads_and_follow_a_change_by_any_door(svc, db_path):
    """Read after every change (agenda, scheduler): validated once per stored text; a
    change written by this window, by the command line's own connection or by an import
    is seen at the next read."""
    import sqlite3

    first = svc.followups.settings()
    assert svc.followups.settings() is first, "the same stored text is not validated again"
    svc.followups.save_settings(snooze_days=4)
    assert svc.followups.settings().snooze_days == 4
    other = sqlite3.connect(db_path)  # another process's connection, as `jobtracker` has
    with other:
        other.execute(
            'UPDATE "setting" SET "value" = ? WHERE "key" = ?', ('{"snooze_days": 6}', "followups")
        )
    other.close()
    assert svc.followups.settings().snooze_days == 6
    svc.settings.delete("followups")
    assert svc.followups.settings() == FollowupSettings()
