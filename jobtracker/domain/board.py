"""Stages and the position of every card: moves, reorders, ranks, stage history.

Card order is a REAL rank. A move writes one row per card (the midpoint between its new
neighbours); a column is renumbered only in the rare case the gap gets too small.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, NamedTuple

from peewee import fn

from jobtracker.domain import board_reads, stage_roles, validation
from jobtracker.domain.board_reads import FirstFrame
from jobtracker.domain.clock import SYSTEM_CLOCK, Clock
from jobtracker.domain.errors import NotFoundError, ValidationError
from jobtracker.domain.hooks import WriteHooked
from jobtracker.domain.records import CardRow, StageInfo
from jobtracker.domain.rows import get_or_raise
from jobtracker.domain.vocabulary import STAGE_KINDS
from jobtracker.store.instants import from_db_text, to_db_text
from jobtracker.store.models import (
    Activity,
    Application,
    Stage,
    database,
)
from jobtracker.text import matches_query

RANK_STEP = 1.0
#: below this gap between neighbours a column is renumbered (doubles keep ~15 digits)
MIN_RANK_GAP = 1e-9


class CardPosition(NamedTuple):
    """Where a card stood, so a move can be undone exactly."""

    application_id: int
    stage_id: int
    rank: float
    stage_entered_at: datetime
    #: the application's change time, restored with the position (None: left as it is)
    updated_at: datetime | None = None
    #: the card right after it in its column, to put it back in the right place if the
    #: column was renumbered since (None: it was last)
    next_id: int | None = None


class MoveResult(NamedTuple):
    """The outcome of a move: the positions before it and the timeline rows it wrote."""

    before: tuple[CardPosition, ...]
    after: tuple[CardPosition, ...]
    activity_ids: tuple[int, ...]

    @property
    def changed_stage(self) -> bool:
        return any(b.stage_id != a.stage_id for b, a in zip(self.before, self.after, strict=True))


class StageRemoval(NamedTuple):
    """A deleted stage and what deleting it changed, so it can be put back exactly."""

    stage: StageInfo
    #: every stage's (id, position) before the deletion
    order: tuple[tuple[int, int], ...]
    #: its cards' move to the target stage (None: it had none)
    move: MoveResult | None
    #: timeline entries that named the stage (the deletion cleared those references)
    from_activity_ids: tuple[int, ...]
    to_activity_ids: tuple[int, ...]

    @property
    def card_ids(self) -> tuple[int, ...]:
        return () if self.move is None else tuple(p.application_id for p in self.move.before)


def _stage_info(stage: Stage) -> StageInfo:
    return StageInfo(stage.id, stage.name, stage.position, stage.kind, stage.color, stage.role)


class BoardService(WriteHooked):
    """Stages and card positions."""

    def __init__(self, clock: Clock = SYSTEM_CLOCK) -> None:
        self.clock = clock

    # -- stages ---------------------------------------------------------------------------

    def stages(self) -> list[StageInfo]:
        """Every stage in board order: open stages, then closed outcomes, by position."""
        return board_reads.stages(database.execute_sql)

    def stage(self, stage_id: int) -> StageInfo:
        return _stage_info(self._stage(stage_id))

    def stage_by_name(self, name: str) -> StageInfo:
        """Look a stage up by name, ignoring case."""
        stage = Stage.get_or_none(fn.lower(Stage.name) == name.strip().lower())
        if stage is None:
            known = ", ".join(s.name for s in self.stages())
            raise NotFoundError("stage", name, f"Known stages: {known}.")
        return _stage_info(stage)

    def _stage(self, stage_id: int) -> Stage:
        return get_or_raise(Stage, stage_id, "stage")

    def _check_unique_name(self, name: str, except_id: int | None = None) -> None:
        clash = Stage.get_or_none(fn.lower(Stage.name) == name.lower())
        if clash is not None and clash.id != except_id:
            raise ValidationError("name", f"a stage called {clash.name!r} already exists")

    def stage_for_role(self, role: str) -> StageInfo | None:
        """The first stage in board order with ``role`` (None when the board has none)."""
        return next((s for s in self.stages() if s.role == role), None)

    def interviewing_stage_for(self, application_id: int) -> StageInfo | None:
        """The interviewing stage to offer a card that had an interview while it still stands
        before that stage (wishlist, applied, screening, or a custom step placed earlier);
        None when no move is owed."""
        stage = self.stage(self.card(application_id).stage_id)
        target = self.stage_for_role(stage_roles.INTERVIEWING)
        if target is None or stage.is_closed or stage.role not in stage_roles.BEFORE_INTERVIEWS:
            return None
        return target if stage.position < target.position else None

    def move_to_interviewing(self, application_id: int) -> MoveResult | None:
        """Move an interviewed card on to the interviewing stage: one step, undone with
        :meth:`undo_move`; None (nothing done) when no move is owed."""
        target = self.interviewing_stage_for(application_id)
        return None if target is None else self.move_cards([application_id], target.id)

    def add_stage(
        self,
        name: str,
        *,
        kind: str = stage_roles.OPEN_KIND,
        color: str = "#6d9eeb",
        role: str = stage_roles.NONE,
    ) -> StageInfo:
        """Add a stage at the end of its group (open stages stay before closed outcomes).
        A role fixes the kind (an accepted stage is an outcome); without one, ``kind``."""
        name = validation.column_text("stage", "name", name, required=True)
        kind = validation.one_of("kind", kind, STAGE_KINDS)
        role = validation.one_of("role", role, stage_roles.ROLES)
        kind = stage_roles.kind_of(role, kind)
        color = validation.color("color", color)
        with database.atomic():
            self._check_unique_name(name)
            stages = self.stages()
            if kind == stage_roles.OPEN_KIND:
                position = sum(1 for s in stages if not s.is_closed)
            else:
                position = len(stages)
            Stage.update(position=Stage.position + 1).where(Stage.position >= position).execute()
            stage = Stage.create(name=name, kind=kind, color=color, position=position, role=role)
        return _stage_info(stage)

    def set_stage_role(self, stage_id: int, role: str) -> StageInfo:
        """Give a stage its meaning for the rules; a role of an outcome makes it closed, one
        of a step open (a stage without a role keeps its kind). Every card there has its
        reminders recomputed."""
        role = validation.one_of("role", role, stage_roles.ROLES)
        with database.atomic():
            stage = self._stage(stage_id)
            stage.role = role
            stage.kind = stage_roles.kind_of(role, stage.kind)
            stage.save()
        self.after_write(self._card_ids(stage_id))
        return _stage_info(stage)

    def restore_stage_role(self, before: StageInfo) -> StageInfo:
        """Undo :meth:`set_stage_role`: the role and the kind the stage had."""
        with database.atomic():
            stage = self._stage(before.id)
            stage.role, stage.kind = before.role, before.kind
            stage.save()
        self.after_write(self._card_ids(before.id))
        return _stage_info(stage)

    def _card_ids(self, stage_id: int) -> list[int]:
        return [row[0] for row in _all('SELECT "id" FROM "application" WHERE "stage_id" = ?',
                                        stage_id)]  # fmt: skip

    def rename_stage(self, stage_id: int, name: str) -> StageInfo:
        name = validation.column_text("stage", "name", name, required=True)
        with database.atomic():
            stage = self._stage(stage_id)
            self._check_unique_name(name, except_id=stage_id)
            stage.name = name
            stage.save()
        return _stage_info(stage)

    def recolor_stage(self, stage_id: int, color: str) -> StageInfo:
        color = validation.color("color", color)
        stage = self._stage(stage_id)
        stage.color = color
        stage.save()
        return _stage_info(stage)

    def reorder_stages(self, stage_ids: Sequence[int]) -> list[StageInfo]:
        """Set the board order; ``stage_ids`` must name every stage once."""
        current = {s.id for s in self.stages()}
        if sorted(stage_ids) != sorted(current):
            raise ValidationError("stages", "the new order must list every stage exactly once")
        with database.atomic():
            for position, stage_id in enumerate(stage_ids):
                Stage.update(position=position).where(Stage.id == stage_id).execute()
        return self.stages()

    def delete_stage(self, stage_id: int, target_stage_id: int | None = None) -> list[int]:
        """Delete a stage; its cards (archived and trashed ones too) go to ``target_stage_id``.

        Returns the ids of the cards that were moved.
        """
        return list(self.remove_stage(stage_id, target_stage_id).card_ids)

    def remove_stage(self, stage_id: int, target_stage_id: int | None = None) -> StageRemoval:
        """:meth:`delete_stage`, saying what it changed so :meth:`restore_stage` can undo it."""
        stage = self._stage(stage_id)
        if Stage.select().count() == 1:
            raise ValidationError("stage", "the board needs at least one stage")
        card_ids = [
            a.id
            for a in Application.select(Application.id)
            .where(Application.stage == stage_id)
            .order_by(Application.rank)
        ]
        if card_ids and target_stage_id is None:
            raise ValidationError(
                "target stage",
                f"{stage.name!r} still has {len(card_ids)} cards; choose where they go",
            )
        if target_stage_id == stage_id:
            raise ValidationError("target stage", "choose a different stage for the cards")
        with database.atomic():
            order = tuple((info.id, info.position) for info in self.stages())
            mentions = {
                column: tuple(a.id for a in Activity.select(Activity.id).where(column == stage_id))
                for column in (Activity.from_stage, Activity.to_stage)
            }
            move = None
            if card_ids and target_stage_id is not None:  # None was refused above
                self._stage(target_stage_id)
                move = self.move_cards(card_ids, target_stage_id)
            stage.delete_instance()
            for position, info in enumerate(self.stages()):
                Stage.update(position=position).where(Stage.id == info.id).execute()
        return StageRemoval(
            _stage_info(stage), order, move,
            mentions[Activity.from_stage], mentions[Activity.to_stage],
        )  # fmt: skip

    def restore_stage(self, removal: StageRemoval) -> None:
        """Undo :meth:`remove_stage`: the stage under its id and place, its cards where they
        stood, and the timeline entries that named it."""
        stage = removal.stage
        with database.atomic():
            Stage.insert(
                id=stage.id, name=stage.name, position=stage.position, kind=stage.kind,
                color=stage.color, role=stage.role,
            ).execute()  # fmt: skip
            for stage_id, position in removal.order:
                Stage.update(position=position).where(Stage.id == stage_id).execute()
            if removal.move is not None:
                self.undo_move(removal.move)
            for column, ids in (
                (Activity.from_stage, removal.from_activity_ids),
                (Activity.to_stage, removal.to_activity_ids),
            ):
                if ids:
                    Activity.update({column: stage.id}).where(Activity.id.in_(ids)).execute()

    # -- cards ----------------------------------------------------------------------------

    def cards(
        self,
        *,
        include_archived: bool = False,
        include_trashed: bool = False,
        only_ids: Iterable[int] | None = None,
    ) -> list[CardRow]:
        """Every card the board shows, ordered by stage position then rank (see
        :func:`board_reads.cards`)."""
        scope = {"include_archived": include_archived, "include_trashed": include_trashed}
        with database.atomic():  # one snapshot for every read
            return board_reads.cards(
                database.execute_sql, self.clock.now(), only_ids=only_ids, **scope
            )

    def first_frame(
        self, per_stage: int, *, include_archived: bool = False, include_trashed: bool = False
    ) -> FirstFrame:
        """Every stage, its card count and its first ``per_stage`` cards, as :meth:`cards`
        orders them, from one snapshot: enough for a board to paint its columns before it
        reads the rest."""
        scope = {"include_archived": include_archived, "include_trashed": include_trashed}
        with database.atomic():
            return board_reads.first_frame(
                database.execute_sql, self.clock.now(), per_stage, **scope
            )

    def stage_page(
        self,
        stage_id: int,
        after: tuple[float, int] | None,
        limit: int,
        *,
        include_archived: bool = False,
        include_trashed: bool = False,
    ) -> list[CardRow]:
        """A page of one stage's cards in rank order (see :func:`board_reads.stage_page`)."""
        scope = {"include_archived": include_archived, "include_trashed": include_trashed}
        with database.atomic():
            return board_reads.stage_page(
                database.execute_sql, self.clock.now(), stage_id, after, limit, **scope
            )

    def stage_counts(
        self, *, include_archived: bool = False, include_trashed: bool = False
    ) -> dict[int, int]:
        """How many cards each stage holds; stages without cards are left out."""
        return board_reads.stage_counts(
            database.execute_sql, include_archived=include_archived, include_trashed=include_trashed
        )

    def document_counts(self) -> dict[int, int]:
        """How many documents each application has attached (see
        :func:`board_reads.document_counts`)."""
        return board_reads.document_counts(database.execute_sql)

    def created_times(self) -> dict[int, datetime]:
        """When each application was added (listings show it; the board's cards leave it
        out, since 10,000 of them would hold it for nothing)."""
        rows = _all('SELECT "id", "created_at" FROM "application"')
        return {application_id: from_db_text(text) for application_id, text in rows}

    def search(self, query: str, *, include_archived: bool = False) -> list[CardRow]:
        """Cards whose company, role, location, notes or people's names hold every word of
        ``query``, ignoring case and accents ("cafe zurich" finds "Café Zürich")."""
        cards = self.cards(include_archived=include_archived)
        return [card for card in cards if matches_query(card.search_text, query)]

    def card(self, application_id: int) -> CardRow:
        """One card, wherever it is (archived and trashed ones too)."""
        rows = self.cards(include_archived=True, include_trashed=True, only_ids=[application_id])
        if not rows:
            raise NotFoundError("application", application_id)
        return rows[0]

    def position(self, application_id: int) -> CardPosition:
        row = _one(
            'SELECT "stage_id", "rank", "stage_entered_at", "updated_at" FROM "application" '
            'WHERE "id" = ?',
            application_id,
        )
        if row is None:
            raise NotFoundError("application", application_id)
        stage_id, rank, entered, updated = row
        following = _one(
            'SELECT "id" FROM "application" WHERE "stage_id" = ? AND "rank" > ? '
            'ORDER BY "rank" LIMIT 1',
            stage_id, rank,
        )  # fmt: skip
        return CardPosition(
            application_id, stage_id, rank, from_db_text(entered), from_db_text(updated),
            following[0] if following is not None else None,
        )  # fmt: skip

    def top_rank(self, stage_id: int) -> float:
        """A rank that puts a new card at the top of ``stage_id``."""
        lowest = (
            Application.select(fn.MIN(Application.rank))
            .where(Application.stage == stage_id)
            .scalar()
        )
        return RANK_STEP if lowest is None else lowest - RANK_STEP

    def move_cards(
        self, application_ids: Sequence[int], stage_id: int, before_id: int | None = None
    ) -> MoveResult:
        """Put the cards, in the given order, into ``stage_id`` just before ``before_id``
        (at the end when None). Reorders inside a stage too. One transaction."""
        if not application_ids:
            raise ValidationError("cards", "choose at least one card to move")
        if len(set(application_ids)) != len(application_ids):
            raise ValidationError("cards", "a card is listed twice")
        if before_id is not None and before_id in application_ids:
            raise ValidationError("before", "a card cannot be placed before itself")
        now = self.clock.now()
        now_text = to_db_text(now)
        # plain SQL on this path: peewee's query building cost more than SQLite's work
        with database.atomic():
            if _one('SELECT 1 FROM "stage" WHERE "id" = ?', stage_id) is None:
                raise NotFoundError("stage", stage_id)
            before = tuple(self.position(app_id) for app_id in application_ids)
            ranks = self._ranks_for_insert(stage_id, before_id, set(application_ids), len(before))
            after: list[CardPosition] = []
            activity_ids: list[int] = []
            followers = [*application_ids[1:], before_id]  # each card's next, once placed
            for old, rank, next_id in zip(before, ranks, followers, strict=True):
                if old.stage_id == stage_id:  # a reorder: only the rank changes
                    _run(
                        'UPDATE "application" SET "rank" = ? WHERE "id" = ?',
                        rank,
                        old.application_id,
                    )
                    after.append(old._replace(rank=rank, next_id=next_id))
                    continue
                _run(
                    'UPDATE "application" SET "stage_id" = ?, "rank" = ?, "stage_entered_at" = ?, '
                    '"updated_at" = ? WHERE "id" = ?',
                    stage_id, rank, now_text, now_text, old.application_id,
                )  # fmt: skip
                after.append(CardPosition(old.application_id, stage_id, rank, now, now, next_id))
                activity_id = _insert(
                    'INSERT INTO "activity" ("application_id", "at", "kind", "from_stage_id", '
                    '"to_stage_id", "text") VALUES (?, ?, \'stage_changed\', ?, ?, \'\')',
                    old.application_id, now_text, old.stage_id, stage_id,
                )  # fmt: skip
                activity_ids.append(activity_id)
        self.after_write(application_ids)
        return MoveResult(before, tuple(after), tuple(activity_ids))

    def undo_move(self, result: MoveResult) -> None:
        """Put cards back where ``result`` found them and drop the timeline rows it wrote."""
        with database.atomic():
            self._apply_positions(result.before)
            if result.activity_ids:
                Activity.delete().where(Activity.id.in_(result.activity_ids)).execute()
        self.after_write([p.application_id for p in result.before])

    def redo_move(self, result: MoveResult) -> MoveResult:
        """Apply ``result`` again (after an undo), re-logging its stage changes."""
        with database.atomic():
            self._apply_positions(result.after)
            activity_ids = []
            for old, new in zip(result.before, result.after, strict=True):
                if old.stage_id != new.stage_id:
                    activity_ids.append(
                        Activity.create(
                            application=new.application_id,
                            at=new.stage_entered_at,
                            kind="stage_changed",
                            from_stage=old.stage_id,
                            to_stage=new.stage_id,
                            text="",
                        ).id
                    )
        self.after_write([p.application_id for p in result.after])
        return MoveResult(result.before, result.after, tuple(activity_ids))

    def _apply_positions(self, positions: Iterable[CardPosition]) -> None:
        """Put cards back; the exact rank when it still fits, else before their old neighbour
        (a rebalance since may have renumbered the column)."""
        for pos in positions:
            values = {
                "stage": pos.stage_id,
                "rank": pos.rank if self._rank_still_fits(pos) else self._refit(pos),
                "stage_entered_at": pos.stage_entered_at,
            }
            if pos.updated_at is not None:
                values["updated_at"] = pos.updated_at
            Application.update(values).where(Application.id == pos.application_id).execute()

    def _next_still_there(self, pos: CardPosition) -> int | None:
        """The recorded next card, if it is still in that column."""
        if pos.next_id is None:
            return None
        row = _one('SELECT "stage_id" FROM "application" WHERE "id" = ?', pos.next_id)
        return pos.next_id if row is not None and row[0] == pos.stage_id else None

    def _rank_still_fits(self, pos: CardPosition) -> bool:
        """No other card holds the rank, and the recorded next card (or none, if it was last)
        follows it directly."""
        others = 'FROM "application" WHERE "stage_id" = ? AND "id" <> ?'
        if _one(f'SELECT 1 {others} AND "rank" = ?', pos.stage_id, pos.application_id, pos.rank):
            return False
        expected_next = self._next_still_there(pos)
        if pos.next_id is not None and expected_next is None:
            return True  # its neighbour has left the column: the rank alone says where
        actual_next = _one(
            f'SELECT "id" {others} AND "rank" > ? ORDER BY "rank" LIMIT 1',
            pos.stage_id, pos.application_id, pos.rank,
        )  # fmt: skip
        return (actual_next and actual_next[0]) == expected_next

    def _refit(self, pos: CardPosition) -> float:
        moving = {pos.application_id}
        return self._ranks_for_insert(pos.stage_id, self._next_still_there(pos), moving, 1)[0]

    def _ranks_for_insert(
        self, stage_id: int, before_id: int | None, moving: set[int], count: int
    ) -> list[float]:
        """``count`` increasing ranks that fit just before ``before_id`` in the column."""
        for attempt in range(2):
            low, high = self._neighbour_ranks(stage_id, before_id, moving)
            if high is None:
                start = RANK_STEP if low is None else low + RANK_STEP
                return [start + i * RANK_STEP for i in range(count)]
            if low is None:
                low = high - RANK_STEP * (count + 1)
            gap = (high - low) / (count + 1)
            if gap > MIN_RANK_GAP * max(1.0, abs(high)) or attempt == 1:
                return [low + gap * (i + 1) for i in range(count)]
            self._renumber(stage_id, moving)
        raise AssertionError("unreachable")

    def _neighbour_ranks(
        self, stage_id: int, before_id: int | None, moving: set[int]
    ) -> tuple[float | None, float | None]:
        not_moving = f'"id" NOT IN ({", ".join("?" * len(moving))})'
        highest = f'SELECT MAX("rank") FROM "application" WHERE "stage_id" = ? AND {not_moving}'
        if before_id is None:
            return _all(highest, stage_id, *moving)[0][0], None
        anchor = _one('SELECT "stage_id", "rank" FROM "application" WHERE "id" = ?', before_id)
        if anchor is None:
            raise NotFoundError("application", before_id)
        if anchor[0] != stage_id:
            raise ValidationError("before", f"card {before_id} is not in that stage")
        return _all(f'{highest} AND "rank" < ?', stage_id, *moving, anchor[1])[0][0], anchor[1]

    def _renumber(self, stage_id: int, moving: set[int]) -> None:
        """Spread a column's ranks out again (rare: only when gaps got too small)."""
        ids = [
            a.id
            for a in Application.select(Application.id)
            .where((Application.stage == stage_id) & Application.id.not_in(moving))
            .order_by(Application.rank)
        ]
        for index, app_id in enumerate(ids, start=1):
            Application.update(rank=index * RANK_STEP).where(Application.id == app_id).execute()


def _run(sql: str, *params: object) -> sqlite3.Cursor:
    cursor: sqlite3.Cursor = database.execute_sql(sql, params)
    return cursor


def _insert(sql: str, *params: object) -> int:
    """Run an INSERT; the new row's id."""
    row_id = _run(sql, *params).lastrowid
    if row_id is None:
        raise AssertionError("an INSERT gives its row an id")
    return row_id


def _one(sql: str, *params: object) -> tuple[Any, ...] | None:
    row: tuple[Any, ...] | None = _run(sql, *params).fetchone()
    return row


def _all(sql: str, *params: object) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = _run(sql, *params).fetchall()
    return rows
