"""Property test: any sequence of board operations keeps the board's invariants.

A plain Python model (each stage's column as an ordered list of card ids, trashed cards
included because they keep their place) is updated alongside the real services on a real
SQLite file; after every step the database must agree with it.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from jobtracker.domain.applications import ApplicationService
from jobtracker.domain.board import BoardService, MoveResult
from jobtracker.domain.clock import FakeClock
from jobtracker.domain.errors import ValidationError
from jobtracker.store.db import open_store
from jobtracker.store.models import Activity, Application

START = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


class BoardMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="jobtracker-board-"))
        self.store = open_store(self.folder / "jobtracker.sqlite3", owner="hypothesis")
        self.clock = FakeClock(START)
        self.board = BoardService(self.clock)
        self.apps = ApplicationService(self.board, self.clock)
        self.columns: dict[int, list[int]] = {s.id: [] for s in self.board.stages()}
        self.trashed: set[int] = set()
        self.moves_between_stages: Counter[int] = Counter()
        self.stages_added = 0

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- helpers ---------------------------------------------------------------------------

    def _stage_of(self, card_id: int) -> int:
        return next(stage for stage, column in self.columns.items() if card_id in column)

    def _live(self) -> list[int]:
        cards = (c for column in self.columns.values() for c in column)
        return sorted(c for c in cards if c not in self.trashed)

    def _place(self, card_id: int, stage_id: int, before_id: int | None) -> None:
        """Where the model expects a moved card: just before ``before_id`` or at the end."""
        if self._stage_of(card_id) != stage_id:
            self.moves_between_stages[card_id] += 1
        self.columns[self._stage_of(card_id)].remove(card_id)
        column = self.columns[stage_id]
        column.insert(column.index(before_id) if before_id is not None else len(column), card_id)

    def _positions(self) -> dict[int, tuple[int, float]]:
        return {a.id: (a.stage_id, a.rank) for a in Application.select()}

    def _draw_before(self, data: st.DataObject, stage_id: int, card_id: int) -> int | None:
        anchors = [c for c in self.columns[stage_id] if c != card_id and c not in self.trashed]
        return data.draw(st.sampled_from([None, *anchors]), label="before")

    # -- rules -----------------------------------------------------------------------------

    @initialize(count=st.integers(1, 6))
    def some_cards(self, count: int) -> None:
        for n in range(count):
            self.add_card(stage_index=n, name=f"Start {n}")

    @rule(stage_index=st.integers(0, 20), name=st.sampled_from(["Acme", "Café Zürich", "Ünï"]))
    def add_card(self, stage_index: int, name: str) -> None:
        stage_id = list(self.columns)[stage_index % len(self.columns)]
        card_id = self.apps.add(name, "Engineer", stage_id).id
        self.columns[stage_id].insert(0, card_id)  # new cards go on top

    @precondition(lambda self: self._live())
    @rule(data=st.data())
    def move_to_other_stage(self, data: st.DataObject) -> None:
        card_id = data.draw(st.sampled_from(self._live()), label="card")
        others = [s for s in self.columns if s != self._stage_of(card_id)]
        stage_id = data.draw(st.sampled_from(others), label="stage")
        before_id = self._draw_before(data, stage_id, card_id)
        self.clock.advance(minutes=1)
        self.board.move_cards([card_id], stage_id, before_id)
        self._place(card_id, stage_id, before_id)

    @precondition(lambda self: self._live())
    @rule(data=st.data())
    def reorder_in_stage(self, data: st.DataObject) -> None:
        card_id = data.draw(st.sampled_from(self._live()), label="card")
        stage_id = self._stage_of(card_id)
        before_id = self._draw_before(data, stage_id, card_id)
        result = self.board.move_cards([card_id], stage_id, before_id)
        assert result.activity_ids == ()
        self._place(card_id, stage_id, before_id)

    @precondition(lambda self: self._live())
    @rule(data=st.data())
    def move_then_undo_then_redo(self, data: st.DataObject) -> None:
        card_id = data.draw(st.sampled_from(self._live()), label="card")
        stage_id = data.draw(st.sampled_from(list(self.columns)), label="stage")
        before_id = self._draw_before(data, stage_id, card_id)
        start = self._positions()
        activities_before = Activity.select().count()
        self.clock.advance(minutes=1)
        result: MoveResult = self.board.move_cards([card_id], stage_id, before_id)
        moved = self._positions()
        self.board.undo_move(result)
        assert self._positions() == start
        assert Activity.select().count() == activities_before
        self.board.redo_move(result)
        assert self._positions() == moved
        self._place(card_id, stage_id, before_id)

    @precondition(lambda self: any(len(c) >= 2 for c in self.columns.values()))
    @rule(data=st.data(), times=st.integers(30, 60))
    def crowd_one_gap(self, data: st.DataObject, times: int) -> None:
        """Insert again and again at the same spot, halving one gap until a rebalance."""
        stage_id = data.draw(
            st.sampled_from([s for s, c in self.columns.items() if len(c) >= 2]), label="stage"
        )
        column = self.columns[stage_id]
        anchor = column[-1]
        movers = [c for c in column[:-1]][-2:]
        for n in range(times):
            card_id = movers[n % len(movers)]
            self.board.move_cards([card_id], stage_id, anchor)
            self._place(card_id, stage_id, anchor)

    @precondition(lambda self: self._live())
    @rule(data=st.data())
    def trash(self, data: st.DataObject) -> None:
        card_id = data.draw(st.sampled_from(self._live()), label="card")
        self.apps.trash([card_id])
        self.trashed.add(card_id)

    @precondition(lambda self: self.trashed)
    @rule(data=st.data())
    def restore(self, data: st.DataObject) -> None:
        card_id = data.draw(st.sampled_from(sorted(self.trashed)), label="card")
        self.apps.restore([card_id])
        self.trashed.discard(card_id)

    @precondition(lambda self: len(self.columns) > 2)
    @rule(data=st.data(), with_target=st.booleans())
    def delete_stage(self, data: st.DataObject, with_target: bool) -> None:
        stage_id = data.draw(st.sampled_from(list(self.columns)), label="stage")
        target = (
            data.draw(st.sampled_from([s for s in self.columns if s != stage_id]), label="to")
            if with_target
            else None
        )
        if self.columns[stage_id] and target is None:
            before = self._positions()
            with pytest.raises(ValidationError) as refused:
                self.board.delete_stage(stage_id)
            assert refused.value.field == "target stage"
            assert self._positions() == before
            return
        self.clock.advance(minutes=1)
        moved = self.board.delete_stage(stage_id, target)
        assert moved == self.columns[stage_id]
        for card_id in moved:
            self.moves_between_stages[card_id] += 1
        if target is not None:
            self.columns[target].extend(self.columns[stage_id])
        del self.columns[stage_id]

    @precondition(lambda self: len(self.columns) < 10)
    @rule(closed=st.booleans())
    def add_stage(self, closed: bool) -> None:
        self.stages_added += 1
        kind = "closed" if closed else "open"
        stage = self.board.add_stage(f"Stage {self.stages_added}", kind=kind)
        self.columns[stage.id] = []

    # -- invariants ------------------------------------------------------------------------

    @invariant()
    def every_live_card_is_in_exactly_one_existing_stage(self) -> None:
        stage_ids = {s.id for s in self.board.stages()}
        assert stage_ids == set(self.columns)
        live = self.board.cards()
        assert len({c.id for c in live}) == len(live)
        assert sorted(c.id for c in live) == self._live()
        assert all(c.stage_id in stage_ids for c in live)

    @invariant()
    def columns_are_in_the_expected_order_with_strictly_increasing_ranks(self) -> None:
        for stage_id, expected in self.columns.items():
            rows = list(
                Application.select(Application.id, Application.rank)
                .where(Application.stage == stage_id)
                .order_by(Application.rank, Application.id)
            )
            assert [r.id for r in rows] == expected
            ranks = [r.rank for r in rows]
            assert all(low < high for low, high in pairwise(ranks)), ranks

    @invariant()
    def one_stage_changed_entry_per_move_between_stages(self) -> None:
        logged = Counter(
            a.application_id for a in Activity.select().where(Activity.kind == "stage_changed")
        )
        assert logged == +self.moves_between_stages


BoardMachine.TestCase.settings = settings(
    max_examples=20,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestBoardMachine = BoardMachine.TestCase
