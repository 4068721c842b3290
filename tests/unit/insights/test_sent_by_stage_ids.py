"""The sent summary knows a move's role by its stage's id, from the file's own stages:
a board where no stage has a role the insights read still reads, and counts nothing by
moves."""

from __future__ import annotations

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.insights import Period
from jobtracker.domain.services import Services
from jobtracker.store.models import database


def test_a_board_without_the_insights_roles_counts_only_applied_dates(
    svc: Services, clock: FakeClock
) -> None:
    applied = svc.board.stage_by_name("Applied").id
    dated = svc.applications.add("Acme", "Engineer", applied, applied_at=clock.now()).id
    moved = svc.applications.add("Bolt", "Analyst", applied).id
    # sent only by its move into Applied
    database.execute_sql('UPDATE "application" SET "applied_at" = NULL WHERE "id" = ?', (moved,))
    clock.advance(days=1)
    before = svc.insights.insights(Period())
    assert len(before.pipeline.reached[0].ids) == 2
    database.execute_sql('UPDATE "stage" SET "role" = \'\'')
    figures = svc.insights.insights(Period())
    assert figures.pipeline.reached[0].ids == (dated,)
    assert [len(segment.ids) for segment in figures.pipeline.reached[1:]] == [0, 0, 0, 0]
