"""An application whose timeline holds none of the moves the insights read (left so by an
older version or a hand edit) still counts as sent by its applied date, and only so."""

from __future__ import annotations

from datetime import timedelta

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.insights import Period
from jobtracker.domain.services import Services
from jobtracker.store.models import database


def test_an_application_without_moves_counts_by_its_applied_date(
    svc: Services, clock: FakeClock
) -> None:
    applied = svc.board.stage_by_name("Applied").id
    wishlist = svc.board.stage_by_name("Wishlist").id
    sent = svc.applications.add("Acme", "Engineer", applied, applied_at=clock.now()).id
    kept = svc.applications.add("Bolt", "Analyst", wishlist).id  # never sent
    moved = svc.applications.add("Core", "Designer", applied).id  # sent, with its moves
    database.execute_sql('DELETE FROM "activity" WHERE "application_id" IN (?, ?)', (sent, kept))
    clock.advance(days=1)
    figures = svc.insights.insights(Period(clock.now().date() - timedelta(days=7)))
    assert figures.pipeline.reached[0].ids == tuple(sorted((sent, moved)))
    report = {row.company for row in svc.insights.report(Period()).rows}
    assert report == {"Acme", "Core"}


def test_a_card_sent_by_its_move_counts_from_the_move_and_answers_by_later_ones(
    svc: Services, clock: FakeClock
) -> None:
    """A card added to the wishlist has no applied date: it was sent when it moved into
    Applied, and answered when it moved on to Interviewing (every step past applied is an
    answer, which is what the summary groups)."""
    stage = {name: svc.board.stage_by_name(name).id for name in ("Wishlist", "Applied")}
    stage["Interviewing"] = svc.board.stage_by_name("Interviewing").id
    card = svc.applications.add("Acme", "Engineer", stage["Wishlist"]).id
    clock.advance(days=2)
    svc.board.move_cards([card], stage["Applied"])
    sent_on = clock.now().date()
    clock.advance(days=3)
    svc.board.move_cards([card], stage["Interviewing"])
    clock.advance(days=1)
    figures = svc.insights.insights(Period(sent_on))
    assert figures.pipeline.reached[0].ids == (card,)  # sent in the period
    assert [len(segment.ids) for segment in figures.pipeline.reached[1:3]] == [1, 1]
    assert figures.responses.overall.answered == 1
    assert figures.responses.overall.median_days == 3.0
    before = svc.insights.insights(Period(None, sent_on - timedelta(days=1)))
    assert not before.pipeline.reached[0].ids  # not sent when it was added
