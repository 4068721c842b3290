"""The sample data tells a consistent story in time: every application's events follow each
other in the order its stage implies (added, applied, invited, interviewed, answered), all
before now, and its people have plain ASCII email addresses."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from jobtracker.domain import stage_roles as roles
from jobtracker.domain.clock import FakeClock
from jobtracker.domain.demo import fill_with_sample_data
from jobtracker.domain.services import Services
from jobtracker.store.models import Activity, ApplicationContact


@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 3, 10, 9, 0, tzinfo=UTC),  # a Tuesday morning
        datetime(2026, 3, 29, 1, 30, tzinfo=UTC),  # a Sunday night, the clocks go forward
        datetime(2026, 11, 2, 18, 0, tzinfo=UTC),  # a Monday evening
    ],
)
def test_every_applications_events_are_in_the_order_its_stage_implies(
    services: Services, clock: FakeClock, now: datetime
) -> None:
    clock.set(now)
    fill_with_sample_data(services)
    stages = {s.id: s for s in services.board.stages()}
    for card in services.board.cards():
        d = services.applications.get(card.id)
        where = f"{d.company} ({stages[d.stage_id].name})"
        stored = list(
            Activity.select().where(Activity.application == d.id).order_by(Activity.at, Activity.id)
        )
        assert all(a.at <= now for a in stored), where
        (created,) = [a for a in stored if a.kind == "created"]
        assert created.at == d.created_at == stored[0].at, where  # nothing before "Added"

        # the stage changes form one forward chain ending where the card is, entered last
        moves = [a for a in stored if a.kind == "stage_changed"]
        entered = {created.to_stage_id: created.at}
        here = created.to_stage_id
        for move in moves:
            assert move.from_stage_id == here, where
            assert stages[move.to_stage_id].position > stages[here].position, where
            here = move.to_stage_id
            entered[here] = move.at
        assert here == d.stage_id, where
        assert d.stage_entered_at == (moves[-1].at if moves else created.at), where

        role_entered = {stages[sid].role: at for sid, at in entered.items()}
        if d.applied_at is not None:
            assert role_entered[roles.APPLIED] == d.applied_at, where
            (note,) = [a for a in stored if a.kind == "note"]
            assert note.at == d.applied_at, where
        else:
            assert stages[d.stage_id].role == roles.WISHLIST, where

        # interviews after the invitation, and before any answer that followed them
        past = [i.starts_at for i in d.interviews if i.starts_at <= now]
        if past:
            invited = role_entered[roles.INTERVIEWING]
            answers = [at for role, at in role_entered.items()
                       if role in (roles.OFFER, roles.REJECTED, roles.ACCEPTED)]  # fmt: skip
            assert all(invited < at for at in past), where
            assert all(at < min(answers, default=now) for at in past), where
        upcoming = [i for i in d.interviews if i.starts_at > now]
        assert not upcoming or stages[d.stage_id].role == roles.INTERVIEWING, where
        for heard in (a for a in stored if a.kind == "heard_back"):
            assert max(past) < heard.at <= d.stage_entered_at, where

        # people added once the application existed, an interviewer before the interview
        for link in ApplicationContact.select().where(ApplicationContact.application == d.id):
            assert created.at <= link.added_at <= now, where
        for entry in services.timeline.entries(d.id):
            assert created.at <= entry.at, (where, entry)
            assert entry.at <= now or entry.kind == "interview", (where, entry)


def test_sample_peoples_email_addresses_are_ascii(services: Services) -> None:
    fill_with_sample_data(services)
    emails = [c.email for c in services.contacts.all()]
    assert emails and all(e.isascii() and "@" in e for e in emails), emails
