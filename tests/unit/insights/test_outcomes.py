"""The pipeline and the responses of the scripted search, worked out by hand; stage roles,
not names, decide."""

from __future__ import annotations

from datetime import date

import pytest
from fixtures.scripted_search import script_outcomes, script_search

from jobtracker.domain import stage_roles as roles
from jobtracker.domain.clock import FakeClock
from jobtracker.domain.insights import Insights, Period
from jobtracker.domain.services import Services

DAY_AND_HOUR = 1 + 1 / 24


@pytest.fixture
def search(svc: Services, clock: FakeClock) -> dict[str, int]:
    ids = script_search(svc, clock)
    script_outcomes(svc, clock, ids)
    return ids


def _counts(figures: Insights) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    pipeline = figures.pipeline
    return (
        [(s.key, len(s.ids)) for s in pipeline.reached],
        [(s.key, len(s.ids)) for s in pipeline.ended],
    )


def test_pipeline_counts_and_ends(svc: Services, search: dict[str, int]) -> None:
    figures = svc.insights.insights(Period())
    reached, ended = _counts(figures)
    # all 8 sent; everyone but F and H was answered and interviewed; A got the offer
    assert reached == [
        ("applied", 8), ("screening", 6), ("interviewing", 6), ("offer", 1), ("accepted", 1)
    ]  # fmt: skip
    assert ended == [
        ("accepted", 1), ("rejected", 1), ("withdrawn", 1), ("no_response", 1), ("under_way", 4)
    ]  # fmt: skip
    ids = search
    under_way = figures.pipeline.ended[-1]
    assert set(under_way.ids) == {ids["C"], ids["D"], ids["G"], ids["H"]}
    flows = {(f.step, f.end): set(f.ids) for f in figures.pipeline.flows}
    assert flows == {
        ("offer", "accepted"): {ids["A"]},
        ("interviewing", "rejected"): {ids["B"]},
        ("interviewing", "withdrawn"): {ids["E"]},
        ("applied", "no_response"): {ids["F"]},
        ("interviewing", "under_way"): {ids["C"], ids["D"], ids["G"]},
        ("applied", "under_way"): {ids["H"]},
    }


def test_response_rate_and_days(svc: Services, search: dict[str, int]) -> None:
    overall = svc.insights.insights(Period()).responses.overall
    # answered: A 2 d, B 1 d 1 h, C 3 d, D 2 d, E 5 d 1 h, G 3 d; F and H not
    assert (overall.sent, overall.answered, overall.rate) == (8, 6, 0.75)
    assert overall.median_days == pytest.approx(2.5)


def test_responses_by_source_and_excitement(svc: Services, search: dict[str, int]) -> None:
    found = svc.insights.insights(Period()).responses
    by_source = [(g.label, g.sent, g.answered, g.median_days) for g in found.by_source]
    assert by_source == [
        ("LinkedIn", 4, 3, 2.0),  # A 2, B 1 d 1 h, E 5 d 1 h; H not answered
        ("Referral", 2, 2, 3.0),
        ("Company site", 1, 1, 2.0),
        ("Source not recorded", 1, 0, None),
    ]
    by_excitement = [(g.label, g.sent, g.answered) for g in found.by_excitement]
    assert by_excitement == [
        ("Excitement 3 of 5", 3, 2),  # A, D answered; H not
        ("Excitement not rated", 3, 2),  # B, E answered; F not
        ("Excitement 5 of 5", 2, 2),
    ]
    not_rated = found.by_excitement[1]
    assert not_rated.median_days == pytest.approx((DAY_AND_HOUR + 5 + 1 / 24) / 2)


def test_a_period_takes_the_applications_sent_in_it(svc: Services, search: dict[str, int]) -> None:
    figures = svc.insights.insights(Period(date(2026, 2, 23), date(2026, 3, 1)))
    reached, ended = _counts(figures)
    assert reached[0] == ("applied", 3)  # C, D, E
    assert ended == [("withdrawn", 1), ("under_way", 2)]
    assert figures.responses.overall.median_days == pytest.approx(3)  # 2, 3, 5 d 1 h


def test_renamed_stages_change_nothing(svc: Services, search: dict[str, int]) -> None:
    before = svc.insights.insights(Period())
    for stage in svc.board.stages():
        svc.board.rename_stage(stage.id, f"Étape {stage.position}")
    assert svc.insights.insights(Period()) == before


def test_a_custom_stage_counts_by_the_role_given(
    svc: Services, clock: FakeClock, search: dict[str, int]
) -> None:
    call = svc.board.add_stage("Phone call", color="#3d85c6")
    svc.board.move_cards([search["H"]], call.id)  # a custom stage, no role: not an answer
    assert svc.insights.insights(Period()).responses.overall.answered == 6
    svc.board.set_stage_role(call.id, roles.SCREENING)
    figures = svc.insights.insights(Period())
    assert figures.responses.overall.answered == 7
    assert _counts(figures)[0][1] == ("screening", 7)


def test_empty_one_and_all_closed(svc: Services, clock: FakeClock) -> None:
    empty = svc.insights.insights(Period())
    assert empty.pipeline.sent == 0 and empty.pipeline.ended == ()
    assert empty.responses.overall.rate is None and empty.responses.by_source == ()
    applied = svc.board.stage_for_role(roles.APPLIED)
    rejected = svc.board.stage_for_role(roles.REJECTED)
    assert applied is not None and rejected is not None
    one = svc.applications.add("Solo", "Engineer", applied.id).id
    figures = svc.insights.insights(Period())
    assert _counts(figures)[1] == [("under_way", 1)]
    assert figures.responses.overall.rate == 0.0
    assert figures.responses.overall.median_days is None
    svc.board.move_cards([one], rejected.id)
    figures = svc.insights.insights(Period())
    assert _counts(figures)[1] == [("rejected", 1)]
    assert figures.responses.overall.rate == 1.0
    assert figures.responses.overall.median_days == 0.0


def test_trashed_applications_leave_every_figure(svc: Services, search: dict[str, int]) -> None:
    svc.applications.archive([search["C"]])  # archived: still part of the search
    before = svc.insights.insights(Period())
    assert before.pipeline.sent == 8
    svc.applications.trash([search["A"]])  # its interview, thank-you and moves go with it
    figures = svc.insights.insights(Period())
    assert figures.pipeline.sent == 7
    assert _counts(figures)[0][3:] == [("offer", 0), ("accepted", 0)]
    assert search["A"] not in {m.application_id for m in figures.followups.missed}
    assert figures.followups.thank_you.total == before.followups.thank_you.total - 1
    assert [w.interviews for w in figures.pace.weeks] == [1, 1, 2, 1]
