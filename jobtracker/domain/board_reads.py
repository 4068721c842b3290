"""The board's reads in plain SQL, over any DB-API ``execute`` (the board service runs
them through the open store): every card, or a first frame of each column's first cards,
which the window paints before it reads the rest.

Each function reads what it needs with several queries: callers hold one transaction
around them, so the reads come from one snapshot.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from operator import attrgetter
from sys import intern
from typing import Any, NamedTuple

from jobtracker.domain.batches import BATCH, batches
from jobtracker.domain.records import CardRow, StageInfo, TagInfo
from jobtracker.store.instants import from_db_text, to_db_text

#: a DB-API ``execute``: SQL with ``?`` placeholders and its parameters, giving the rows
Execute = Callable[[str, Sequence[object]], Iterable[tuple[Any, ...]]]
#: cards each column gets before the first paint: more than a column shows on a screen
#: 2,160 pixels high
FIRST_CARDS = 40
#: cards read at a time after the first paint: one page is a short step of the event loop
PAGE_CARDS = 250


class FirstFrame(NamedTuple):
    """What a board paints first: every stage, its card count, and its first cards."""

    stages: list[StageInfo]
    cards: list[CardRow]
    counts: dict[int, int]


def stages(execute: Execute) -> list[StageInfo]:
    """Every stage in board order: open stages, then closed outcomes, by position."""
    rows = execute(
        'SELECT "id", "name", "position", "kind", "color", "role" FROM "stage" '
        'ORDER BY "position", "id"',
        (),
    )
    return [StageInfo._make(row) for row in rows]


def shown_conditions(include_archived: bool, include_trashed: bool) -> list[str]:
    """The SQL conditions that leave out archived and trashed applications, as asked."""
    return [
        condition
        for condition, include in (
            ('"archived_at" IS NULL', include_archived),
            ('"deleted_at" IS NULL', include_trashed),
        )
        if not include
    ]


def cards(
    execute: Execute,
    now: datetime,
    *,
    include_archived: bool = False,
    include_trashed: bool = False,
    only_ids: Iterable[int] | None = None,
) -> list[CardRow]:
    """Every card the board shows (or those of ``only_ids``), ordered by stage position then
    rank; interviews count as upcoming from ``now``.

    Built for speed (10,000 cards in a few tens of milliseconds): the next interview and
    reminder come from one grouped query each, the rows are turned into cards as they
    are read, and the sort happens in Python rather than in a join with the stages.
    """
    ids = None if only_ids is None else [int(i) for i in only_ids]
    if ids is not None and len(ids) > BATCH:
        scope_ = {"include_archived": include_archived, "include_trashed": include_trashed}
        read = [card for part in batches(ids) for card in cards(execute, now, only_ids=part,
                                                                **scope_)]  # fmt: skip
        return _in_board_order(execute, read)
    only = "" if ids is None else f"IN ({', '.join('?' * len(ids)) or 'NULL'})"
    scope = "" if ids is None else f'AND "application_id" {only}'
    where = [] if ids is None else [f'"id" {only}']
    where += shown_conditions(include_archived, include_trashed)
    condition = f"WHERE {' AND '.join(where)}" if where else ""
    id_params = ids or []
    stage_ids = execute('SELECT "id" FROM "stage" ORDER BY "position", "id"', ())
    stage_order = {stage_id: n for n, (stage_id,) in enumerate(stage_ids)}
    next_interview = _instants(
        execute,
        'SELECT "application_id", MIN("starts_at") FROM "interview" '
        f'WHERE "starts_at" >= ? {scope} GROUP BY "application_id"',
        [to_db_text(now), *id_params],
    )
    next_reminder = _instants(
        execute,
        'SELECT "application_id", MIN(COALESCE("snoozed_until", "due_at")) '
        'FROM "reminder" WHERE "done_at" IS NULL AND "dismissed_at" IS NULL '
        f'{scope} GROUP BY "application_id"',
        id_params,
    )
    tags_of = _card_tags(
        execute, "" if ids is None else f'WHERE "application_id" {only}', id_params
    )
    rows = execute(
        'SELECT "id", "stage_id", "rank", "company", "role", "location", "excitement", '
        '"stage_entered_at", "search_text", "archived_at" IS NOT NULL, '
        f'"deleted_at" IS NOT NULL, "source", "applied_at" FROM "application" {condition}',
        id_params,
    )
    make, interview_at, reminder_at = CardRow._make, next_interview.get, next_reminder.get
    no_tags: tuple[TagInfo, ...] = ()
    # roles and places repeat across a search ("Backend Engineer", "Remote"): one string
    # each, not one per card (a megabyte at 10,000 cards)
    read = [
        make(
            (
                *r[:4],
                intern(r[4]),
                intern(r[5]),
                r[6],
                from_db_text(r[7]),
                r[8],
                bool(r[9]),
                bool(r[10]),
                interview_at(r[0]),
                reminder_at(r[0]),
                intern(r[11]),
                None if r[12] is None else from_db_text(r[12]),
                tags_of.get(r[0], no_tags),
            )
        )
        for r in rows
    ]
    return _in_board_order(execute, read, stage_order)


def _in_board_order(
    execute: Execute, read: list[CardRow], stage_order: dict[int, int] | None = None
) -> list[CardRow]:
    """Cards by stage, then rank: two stable sorts, so 10,000 cards make no key tuples
    (0.8 MB more memory at the peak of the board's start)."""
    if stage_order is None:
        stage_ids = execute('SELECT "id" FROM "stage" ORDER BY "position", "id"', ())
        stage_order = {stage_id: n for n, (stage_id,) in enumerate(stage_ids)}
    read.sort(key=attrgetter("rank"))
    read.sort(key=lambda card: stage_order[card.stage_id])
    return read


def first_cards(
    execute: Execute,
    now: datetime,
    per_stage: int,
    *,
    include_archived: bool = False,
    include_trashed: bool = False,
) -> list[CardRow]:
    """Each stage's first ``per_stage`` cards, as :func:`cards` orders them: enough for a
    board to paint its columns before it reads the rest."""
    shown = "".join(f" AND {c}" for c in shown_conditions(include_archived, include_trashed))
    sql = f'SELECT "id" FROM "application" WHERE "stage_id" = ?{shown} ORDER BY "rank" LIMIT ?'
    ids = [
        card_id
        for (stage_id,) in list(execute('SELECT "id" FROM "stage"', ()))
        for (card_id,) in list(execute(sql, (stage_id, per_stage)))
    ]
    scope = {"include_archived": include_archived, "include_trashed": include_trashed}
    return cards(execute, now, only_ids=ids, **scope)


def stage_page(
    execute: Execute,
    now: datetime,
    stage_id: int,
    after: tuple[float, int] | None,
    limit: int,
    *,
    include_archived: bool = False,
    include_trashed: bool = False,
) -> list[CardRow]:
    """Up to ``limit`` cards of one stage in rank order, after the card at (rank, id)
    ``after`` (from the first when None): a board reads a large stage a page at a time, each
    page through the ``stage_id, rank`` index whatever the page's depth."""
    shown = "".join(f" AND {c}" for c in shown_conditions(include_archived, include_trashed))
    following = "" if after is None else ' AND ("rank", "id") > (?, ?)'
    sql = (
        f'SELECT "id" FROM "application" WHERE "stage_id" = ?{following}{shown} '
        'ORDER BY "rank", "id" LIMIT ?'
    )
    ids = [card_id for (card_id,) in execute(sql, (stage_id, *(after or ()), limit))]
    if not ids:
        return []
    scope = {"include_archived": include_archived, "include_trashed": include_trashed}
    return cards(execute, now, only_ids=ids, **scope)


def stage_counts(
    execute: Execute, *, include_archived: bool = False, include_trashed: bool = False
) -> dict[int, int]:
    """How many cards each stage holds; stages without cards are left out."""
    where = " AND ".join(shown_conditions(include_archived, include_trashed))
    condition = f"WHERE {where}" if where else ""
    sql = f'SELECT "stage_id", COUNT(*) FROM "application" {condition} GROUP BY "stage_id"'
    return dict(execute(sql, ()))


def first_frame(
    execute: Execute,
    now: datetime,
    per_stage: int,
    *,
    include_archived: bool = False,
    include_trashed: bool = False,
) -> FirstFrame:
    """The stages, counts and first ``per_stage`` cards of a board (of the live applications,
    and the archived or trashed ones as asked)."""
    scope = {"include_archived": include_archived, "include_trashed": include_trashed}
    return FirstFrame(
        stages(execute),
        first_cards(execute, now, per_stage, **scope),
        stage_counts(execute, **scope),
    )


def _card_tags(
    execute: Execute, scope: str, params: Sequence[object]
) -> dict[int, tuple[TagInfo, ...]]:
    """Each application's tags (of those ``scope`` selects), sorted by name; one TagInfo per
    tag, shared by every card that carries it."""
    tags = {
        row[0]: TagInfo._make(row) for row in execute('SELECT "id", "name", "color" FROM "tag"', ())
    }
    found: dict[int, list[TagInfo]] = {}
    for app_id, tag_id in execute(
        f'SELECT "application_id", "tag_id" FROM "application_tag" {scope}', params
    ):
        found.setdefault(app_id, []).append(tags[tag_id])
    return {
        app_id: tuple(sorted(tagged, key=lambda t: (t.name.casefold(), t.id)))
        for app_id, tagged in found.items()
    }


def _instants(execute: Execute, sql: str, params: Sequence[object]) -> dict[int, datetime]:
    """``{id: instant}`` from a query of (id, stored UTC text) pairs."""
    return {key: from_db_text(text) for key, text in execute(sql, params)}
