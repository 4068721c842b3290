"""Stages and card positions: stage editing, moves, ranks and their rare rebalance."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from jobtracker.domain.board import MIN_RANK_GAP
from jobtracker.domain.clock import FakeClock, zone_named
from jobtracker.domain.errors import NotFoundError, ValidationError
from jobtracker.domain.services import Services
from jobtracker.store.models import Activity, Application, Setting, Stage


def _column(services: Services, stage_id: int) -> list[int]:
    return [c.id for c in services.board.cards(include_trashed=True) if c.stage_id == stage_id]


def _ranks(stage_id: int) -> list[float]:
    query = Application.select(Application.rank).where(Application.stage == stage_id)
    return [a.rank for a in query.order_by(Application.rank)]


@pytest.fixture
def stage(services: Services):
    return {s.name: s.id for s in services.board.stages()}


def test_stages_add_rename_recolour_reorder(services: Services, stage) -> None:
    screen = services.board.add_stage("Phone screen", color="#AABBCC")
    assert screen.color == "#aabbcc"
    names = [s.name for s in services.board.stages()]
    assert names.index("Phone screen") == 4  # after the open stages, before the outcomes
    ghosted = services.board.add_stage("Ghosted", kind="closed")
    assert [s.name for s in services.board.stages()][-1] == "Ghosted"
    assert services.board.rename_stage(screen.id, "Screening").name == "Screening"
    assert services.board.recolor_stage(screen.id, "#112233").color == "#112233"
    order = [s.id for s in reversed(services.board.stages())]
    assert [s.id for s in services.board.reorder_stages(order)] == order
    assert services.board.stage_by_name("screening").id == screen.id
    assert services.board.stage_by_name(" GHOSTED ").id == ghosted.id


@pytest.mark.parametrize(
    ("action", "field"),
    [
        (lambda b, s: b.add_stage("applied"), "name"),
        (lambda b, s: b.add_stage(" "), "name"),
        (lambda b, s: b.add_stage("Later", kind="someday"), "kind"),
        (lambda b, s: b.add_stage("Later", color="blue"), "color"),
        (lambda b, s: b.rename_stage(s["Offer"], "Wishlist"), "name"),
        (lambda b, s: b.recolor_stage(s["Offer"], "#12345"), "color"),
        (lambda b, s: b.reorder_stages(list(s.values())[:-1]), "stages"),
    ],
)
def test_stage_changes_are_validated_and_write_nothing(services: Services, stage, action, field):
    before = [(s.name, s.position, s.color) for s in Stage.select().order_by(Stage.id)]
    with pytest.raises(ValidationError) as refused:
        action(services.board, stage)
    assert refused.value.field == field
    assert [(s.name, s.position, s.color) for s in Stage.select().order_by(Stage.id)] == before


def test_a_stage_with_cards_is_deleted_only_with_a_target(
    services: Services, stage, clock: FakeClock
) -> None:
    a = services.applications.add("A", "Engineer", stage["Offer"]).id
    b = services.applications.add("B", "Engineer", stage["Offer"]).id
    services.applications.trash([b])
    existing = services.applications.add("C", "Engineer", stage["Accepted"]).id
    with pytest.raises(ValidationError, match="still has 2 cards") as refused:
        services.board.delete_stage(stage["Offer"])
    assert refused.value.field == "target stage"
    assert services.board.stage(stage["Offer"]).name == "Offer"
    with pytest.raises(NotFoundError):
        services.board.delete_stage(stage["Offer"], 999)
    assert _column(services, stage["Offer"]) == [b, a]  # nothing moved
    clock.advance(hours=1)
    moved = services.board.delete_stage(stage["Offer"], stage["Accepted"])
    assert moved == [b, a]
    assert _column(services, stage["Accepted"]) == [existing, b, a]  # appended in order
    assert "Offer" not in [s.name for s in services.board.stages()]
    assert [s.position for s in services.board.stages()] == list(range(7))
    changed = Activity.select().where(Activity.kind == "stage_changed")
    assert sorted((x.application_id, x.from_stage_id, x.to_stage_id) for x in changed) == [
        (a, None, stage["Accepted"]),  # the deleted stage's id is cleared from the timeline
        (b, None, stage["Accepted"]),
    ]
    empty = services.board.add_stage("Empty")
    assert services.board.delete_stage(empty.id) == []


def test_the_last_stage_cannot_be_deleted(services: Services, stage) -> None:
    ids = list(stage.values())
    for stage_id in ids[:-1]:
        services.board.delete_stage(stage_id)
    with pytest.raises(ValidationError, match="at least one stage"):
        services.board.delete_stage(ids[-1])


def test_new_cards_go_on_top_and_moves_land_before_the_given_card(
    services: Services, stage, clock: FakeClock
) -> None:
    first = services.applications.add("First", "R", stage["Applied"]).id
    second = services.applications.add("Second", "R", stage["Applied"]).id
    third = services.applications.add("Third", "R", stage["Applied"]).id
    assert _column(services, stage["Applied"]) == [third, second, first]
    services.board.move_cards([first], stage["Applied"], second)  # reorder
    assert _column(services, stage["Applied"]) == [third, first, second]
    mover = services.applications.add("Mover", "R", stage["Wishlist"]).id
    clock.advance(hours=2)
    result = services.board.move_cards([mover], stage["Applied"], first)
    assert _column(services, stage["Applied"]) == [third, mover, first, second]
    assert result.changed_stage and len(result.activity_ids) == 1
    entry = services.timeline.for_application(mover)[0]
    assert (entry.kind, entry.from_stage_id, entry.to_stage_id) == (
        "stage_changed", stage["Wishlist"], stage["Applied"],
    )  # fmt: skip
    assert services.board.card(mover).stage_entered_at == clock.now()
    services.board.move_cards([second, third], stage["Offer"])  # several, in the given order
    assert _column(services, stage["Offer"]) == [second, third]
    services.board.move_cards([mover], stage["Applied"])  # to the end of its own column
    assert _column(services, stage["Applied"]) == [first, mover]


@pytest.mark.parametrize(
    ("args", "error", "text"),
    [
        (lambda ids, s: ([ids[0]], 999, None), NotFoundError, "stage #999"),
        (lambda ids, s: ([999], s["Offer"], None), NotFoundError, "application #999"),
        (lambda ids, s: ([ids[0]], s["Offer"], 999), NotFoundError, "application #999"),
        (lambda ids, s: ([ids[0]], s["Offer"], ids[1]), ValidationError, "not in that stage"),
        (lambda ids, s: ([ids[0]], s["Applied"], ids[0]), ValidationError, "before itself"),
        (lambda ids, s: ([ids[0], ids[0]], s["Offer"], None), ValidationError, "twice"),
        (lambda ids, s: ([], s["Offer"], None), ValidationError, "at least one"),
    ],
)
def test_bad_moves_are_refused_and_change_nothing(services, stage, args, error, text) -> None:
    ids = [services.applications.add(f"C{n}", "R", stage["Applied"]).id for n in range(2)]
    before = [(a.id, a.stage_id, a.rank) for a in Application.select()]
    activities = Activity.select().count()
    with pytest.raises(error, match=text):
        services.board.move_cards(*args(ids, stage))
    assert [(a.id, a.stage_id, a.rank) for a in Application.select()] == before
    assert Activity.select().count() == activities


def test_undo_and_redo_put_cards_back_exactly(services: Services, stage, clock) -> None:
    a = services.applications.add("A", "R", stage["Applied"]).id
    b = services.applications.add("B", "R", stage["Applied"]).id
    start = services.board.position(a)
    clock.advance(days=1)
    result = services.board.move_cards([a], stage["Offer"])
    services.board.undo_move(result)
    assert services.board.position(a) == start
    assert [x.kind for x in services.timeline.for_application(a)] == ["created"]
    again = services.board.redo_move(result)
    assert services.board.position(a) == result.after[0]
    assert len(again.activity_ids) == 1
    assert _column(services, stage["Applied"]) == [b]


def test_repeated_inserts_at_one_spot_rebalance_the_column(services: Services, stage) -> None:
    """Halving one gap again and again forces a renumbering; order and ranks stay right."""
    column = stage["Applied"]
    ids = [services.applications.add(f"C{n}", "R", column).id for n in range(4)]
    anchor, x, y = ids[0], ids[2], ids[3]  # column top to bottom: ids[3], ids[2], ids[1], ids[0]
    expected = [y, x, ids[1], anchor]
    smallest_gap = float("inf")
    for n in range(60):
        mover = (x, y)[n % 2]
        services.board.move_cards([mover], column, anchor)
        expected.remove(mover)
        expected.insert(expected.index(anchor), mover)
        assert _column(services, column) == expected
        ranks = _ranks(column)
        gaps = [high - low for low, high in pairwise(ranks)]
        assert all(gap > 0 for gap in gaps), ranks
        smallest_gap = min(smallest_gap, *gaps)
    # the gap did get tiny before the rebalance, and the rebalance spread the column out again
    assert smallest_gap < 1e-6
    assert min(high - low for low, high in pairwise(_ranks(column))) > MIN_RANK_GAP
    assert Activity.select().where(Activity.kind == "stage_changed").count() == 0


@pytest.mark.parametrize(("anchor", "movers"), [(0, (3, 4)), (3, (0, 1)), (2, (4, 0))])
def test_undoing_every_move_across_a_rebalance_restores_the_order(
    services: Services, stage, anchor: int, movers: tuple[int, int]
) -> None:
    """Undo, in reverse, a run of moves during which the column was renumbered."""
    column = stage["Applied"]
    ids = [services.applications.add(f"C{n}", "R", column).id for n in range(5)]
    outsider = services.applications.add("Outsider", "R", stage["Offer"]).id
    start = _column(services, column)
    bystander = next(i for n, i in enumerate(ids) if n not in (anchor, *movers))
    bystander_rank = services.board.position(bystander).rank
    anchor, movers = ids[anchor], (ids[movers[0]], ids[movers[1]])
    results = [services.board.move_cards([outsider], column, anchor)]  # joins the column
    results += [services.board.move_cards([movers[n % 2]], column, anchor) for n in range(60)]
    assert services.board.position(bystander).rank != bystander_rank  # it was renumbered
    for result in reversed(results):
        services.board.undo_move(result)
        ranks = _ranks(column)
        assert all(low < high for low, high in pairwise(ranks)), ranks
    assert _column(services, column) == start
    assert _column(services, stage["Offer"]) == [outsider]


@pytest.mark.parametrize(
    ("include_archived", "include_trashed"), [(False, False), (True, False), (True, True)]
)
def test_first_cards_and_stage_counts_agree_with_the_whole_board(
    services: Services, stage, include_archived: bool, include_trashed: bool
) -> None:
    """The board paints each column's first cards and its full count before reading the rest:
    both must be what reading everything gives."""
    apps = services.applications
    ids = [apps.add(f"Co {n}", "R", stage["Applied"]).id for n in range(7)]
    ids += [apps.add(f"Wish {n}", "R", stage["Wishlist"]).id for n in range(2)]
    services.board.move_cards([ids[0]], stage["Applied"], ids[5])  # rank order != id order
    apps.archive([ids[6]])
    apps.trash([ids[4], ids[7]])
    scope = {"include_archived": include_archived, "include_trashed": include_trashed}
    everything = services.board.cards(**scope)

    frame = services.board.first_frame(3, **scope)

    expected = [
        card
        for stage_id in dict.fromkeys(c.stage_id for c in everything)
        for card in [c for c in everything if c.stage_id == stage_id][:3]
    ]
    assert frame.cards == expected
    counts: dict[int, int] = {}
    for card in everything:
        counts[card.stage_id] = counts.get(card.stage_id, 0) + 1
    assert frame.counts == counts
    assert services.board.stage_counts(**scope) == counts
    assert frame.stages == services.board.stages()
    assert sum(counts.values()) == 9 - (not include_archived) - 2 * (not include_trashed)


def test_stage_counts_are_read_from_the_live_cards_index(services: Services) -> None:
    """The board counts each column before its first paint: at 10,000 cards a full scan takes
    6 ms, the partial index of version 3 0.6 ms."""
    statements = _statements_of(services, services.board.stage_counts)
    (count,) = [s for s in statements if "COUNT" in s]
    plan = services.store.db.execute_sql(f"EXPLAIN QUERY PLAN {count}").fetchall()
    assert "application_live_stage_id" in str(plan)


@pytest.mark.parametrize(
    ("include_archived", "include_trashed"), [(False, False), (True, False), (True, True)]
)
def test_stage_pages_read_a_stage_as_the_whole_board_has_it(
    services: Services, stage, include_archived: bool, include_trashed: bool
) -> None:
    """The board reads the cards after its first ones a page at a time: the pages, each
    following the last card of the one before, give the stage's cards once, in order."""
    apps = services.applications
    ids = [apps.add(f"Co {n}", "R", stage["Applied"]).id for n in range(7)]
    services.board.move_cards([ids[0]], stage["Applied"], ids[5])  # rank order != id order
    apps.archive([ids[6]])
    apps.trash([ids[4]])
    scope = {"include_archived": include_archived, "include_trashed": include_trashed}
    expected = [c for c in services.board.cards(**scope) if c.stage_id == stage["Applied"]]

    pages, after = [], None
    while page := services.board.stage_page(stage["Applied"], after, 2, **scope):
        pages.append(page)
        after = (page[-1].rank, page[-1].id)

    assert [card for page in pages for card in page] == expected
    assert [len(page) for page in pages][:-1] == [2] * (len(pages) - 1)


def test_a_stage_page_is_read_through_the_stage_rank_index(services: Services, stage) -> None:
    """However deep the page, it starts from the index, not from a scan of the stage."""
    statements = _statements_of(
        services, lambda: services.board.stage_page(stage["Applied"], (1.0, 1), 10)
    )
    (page,) = [s for s in statements if "LIMIT" in s]
    plan = services.store.db.execute_sql(f"EXPLAIN QUERY PLAN {page}").fetchall()
    assert "application_stage_id_rank (stage_id=? AND rank>?)" in str(plan)


def test_the_board_reads_open_reminders_from_their_partial_index(services: Services) -> None:
    """The whole board's next reminders come from the covering index of the open ones: the
    reminders done or dismissed, however many, are not walked through the table."""
    statements = _statements_of(services, services.board.cards)
    (read,) = [s for s in statements if '"reminder"' in s]
    plan = [row[3] for row in services.store.db.execute_sql(f"EXPLAIN QUERY PLAN {read}")]
    assert "SCAN reminder USING COVERING INDEX reminder_open_at" in plan, plan
    assert not any("reminder_application_id" in step for step in plan), plan


def test_the_first_frame_reads_the_stages_and_tags_once(services: Services, stage) -> None:
    """Every column's first cards come from one read of the stages and of the tags, however
    many stages the board has."""
    for name in ("Wishlist", "Applied", "Interviewing"):
        services.applications.add(f"Co {name}", "R", stage[name])
    statements = _statements_of(services, lambda: services.board.first_frame(3))
    assert len([s for s in statements if s.startswith('SELECT "id", "name", "position"')]) == 1
    assert len([s for s in statements if 'FROM "tag"' in s]) == 1
    assert len([s for s in statements if "LIMIT" in s]) == len(services.board.stages())


def _statements_of(services: Services, call: Callable[[], object]) -> list[str]:
    """The SQL statements ``call`` runs on the store's connection, as SQLite traces them."""
    statements: list[str] = []
    connection = services.store.db.connection()
    connection.set_trace_callback(statements.append)
    try:
        call()
    finally:
        connection.set_trace_callback(None)
    return statements


def test_the_first_frame_names_the_time_zone_setting(services: Services) -> None:
    """The window's first frame paints badges in the person's zone before the settings'
    module loads: the name comes with the frame, and what the settings make of a stored value
    that is not a zone's (None: the system's) is what the frame makes of it."""
    assert services.board.first_frame(3).time_zone == ""
    services.followups.save_settings(time_zone="Pacific/Auckland")
    frame = services.board.first_frame(3)
    assert zone_named(frame.time_zone) == services.followups.tz == ZoneInfo("Pacific/Auckland")
    for stored in ('{"time_zone": "Atlantis/Lost"}', '{"time_zone": 13}', "[1]", "not json"):
        Setting.replace(key="followups", value=stored).execute()
        frame = services.board.first_frame(3)
        assert zone_named(frame.time_zone) is services.followups.tz is None, stored
