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
