"""The board's reads in plain SQL, over any DB-API ``execute`` (the board service runs
them through the open store): every card, or a first frame of each column's first cards,
which the window paints before it reads the rest a page at a time.

Cards come from one query: each row with its next interview, next reminder and tags
(looked up per card for a page, grouped once for the whole board). Callers hold one
transaction around a read that takes several queries, so they come from one snapshot.
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

#: a card's own columns, then its next interview (from the query's first parameter on), next
#: reminder and tag ids, as :func:`_cards` reads them
_CARD_COLUMNS = (
    'SELECT a."id", a."stage_id", a."rank", a."company", a."role", a."location", '
    'a."excitement", a."stage_entered_at", a."search_text", a."archived_at" IS NOT NULL, '
    'a."deleted_at" IS NOT NULL, a."source", a."applied_at", '
)
#: a few cards (a page, some ids): each card's interviews, reminders and tags looked up
#: through their ``application_id`` indexes
_FEW_CARDS = _CARD_COLUMNS + (
    '(SELECT MIN(i."starts_at") FROM "interview" i '
    ' WHERE i."application_id" = a."id" AND i."starts_at" >= ?), '
    '(SELECT MIN(COALESCE(r."snoozed_until", r."due_at")) FROM "reminder" r '
    ' WHERE r."application_id" = a."id" AND r."done_at" IS NULL AND r."dismissed_at" IS NULL), '
    '(SELECT group_concat(t."tag_id") FROM "application_tag" t '
    ' WHERE t."application_id" = a."id") '
    'FROM "application" a'
)
#: joined to the applications ``a``: each one's next interview (from the query's first
#: parameter on) as ``i."at"``, next reminder as ``r."at"`` and tag ids as ``t."ids"``, the
#: interviews, reminders and tags grouped by application once each (a whole-board read).
#: The reminders are grouped by ``+"application_id"``: the unary ``+`` keeps SQLite's
#: planner from walking the ``application_id`` index for the grouping's order (SQLite's
#: "Query Optimizer Overview" names it the way to keep a term from an index), which would
#: visit every reminder ever made, done and dismissed ones too, each in the table; the
#: open ones are read from their covering partial index (``reminder_open_at``) instead.
EXTRAS_JOINED = (
    'LEFT JOIN (SELECT "application_id", MIN("starts_at") AS "at" FROM "interview" '
    ' WHERE "starts_at" >= ? GROUP BY "application_id") i ON i."application_id" = a."id" '
    'LEFT JOIN (SELECT "application_id", MIN(COALESCE("snoozed_until", "due_at")) AS "at" '
    ' FROM "reminder" WHERE "done_at" IS NULL AND "dismissed_at" IS NULL '
    ' GROUP BY +"application_id") r ON r."application_id" = a."id" '
    'LEFT JOIN (SELECT "application_id", group_concat("tag_id") AS "ids" '
    ' FROM "application_tag" GROUP BY "application_id") t ON t."application_id" = a."id"'
)
#: every card
_ALL_CARDS = _CARD_COLUMNS + 'i."at", r."at", t."ids" FROM "application" a ' + EXTRAS_JOINED


#: the name the time zone setting holds, read in SQLite from the follow-up settings' JSON
#: (see :mod:`followup_settings`, which the first frame does not load)
_ZONE_SETTING = (
    """SELECT json_extract("value", '$.time_zone') FROM "setting" """
    """WHERE "key" = 'followups' AND json_valid("value")"""
)


class FirstFrame(NamedTuple):
    """What a board paints first: every stage, its card count, its first cards, how many
    documents each application has (their cards' badge), and the name of the time zone
    setting ("" unset) its badges' days and times are in."""

    stages: list[StageInfo]
    cards: list[CardRow]
    counts: dict[int, int]
    document_counts: dict[int, int]
    time_zone: str


def stage_order(alias: str = '"stage"') -> str:
    """SQL: the board's order of stages, by position then id (``alias``: the stage table's
    name in the query); every read in board order spells it through here."""
    return f'{alias}."position", {alias}."id"'


def stages(execute: Execute) -> list[StageInfo]:
    """Every stage in board order: open stages, then closed outcomes, by position."""
    rows = execute(
        'SELECT "id", "name", "position", "kind", "color", "role" FROM "stage" '
        f"ORDER BY {stage_order()}",
        (),
    )
    return [StageInfo._make(row) for row in rows]


def shown_conditions(include_archived: bool, include_trashed: bool) -> list[str]:
    """The SQL conditions that leave out archived and trashed applications, as asked."""
    return [
        condition
        for condition, include in (
            ('a."archived_at" IS NULL', include_archived),
            ('a."deleted_at" IS NULL', include_trashed),
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
    rank; interviews count as upcoming from ``now``."""
    ids = None if only_ids is None else [int(i) for i in only_ids]
    if ids is not None and len(ids) > BATCH:
        scope_ = {"include_archived": include_archived, "include_trashed": include_trashed}
        read = [card for part in batches(ids) for card in cards(execute, now, only_ids=part,
                                                                **scope_)]  # fmt: skip
        return _in_board_order(execute, read)
    where = shown_conditions(include_archived, include_trashed)
    if ids is not None:
        where.append(f'a."id" IN ({", ".join("?" * len(ids)) or "NULL"})')
    condition = f" WHERE {' AND '.join(where)}" if where else ""
    tags = _tags(execute)
    select = _ALL_CARDS if ids is None else _FEW_CARDS
    rows = execute(f"{select}{condition}", [to_db_text(now), *(ids or ())])
    return _in_board_order(execute, _cards(rows, tags))


def _tags(execute: Execute) -> dict[int, TagInfo]:
    """Every tag by id."""
    return {
        row[0]: TagInfo._make(row) for row in execute('SELECT "id", "name", "color" FROM "tag"', ())
    }


def _cards(rows: Iterable[tuple[Any, ...]], tags: dict[int, TagInfo]) -> list[CardRow]:
    """The cards of rows read by :data:`_FEW_CARDS` or :data:`_ALL_CARDS`."""
    make = CardRow._make
    no_tags: tuple[TagInfo, ...] = ()
    # roles and places repeat across a search ("Backend Engineer", "Remote"): one string
    # each, not one per card (a megabyte at 10,000 cards)
    return [
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
                None if r[13] is None else from_db_text(r[13]),
                None if r[14] is None else from_db_text(r[14]),
                intern(r[11]),
                None if r[12] is None else from_db_text(r[12]),
                no_tags if r[15] is None else _tags_of(r[15], tags),
            )
        )
        for r in rows
    ]


def _tags_of(tag_ids: str, tags: dict[int, TagInfo]) -> tuple[TagInfo, ...]:
    """A card's tags (``tag_ids`` as ``group_concat`` lists them), sorted by name; one
    TagInfo per tag, shared by every card that carries it."""
    tagged = (tags[int(tag_id)] for tag_id in tag_ids.split(","))
    return tuple(sorted(tagged, key=lambda t: (t.name.casefold(), t.id)))


def _in_board_order(execute: Execute, read: list[CardRow]) -> list[CardRow]:
    """Cards by stage, then rank: two stable sorts, so 10,000 cards make no key tuples
    (0.8 MB more memory at the peak of the board's start)."""
    stage_ids = execute(f'SELECT "id" FROM "stage" ORDER BY {stage_order()}', ())
    place = {stage_id: n for n, (stage_id,) in enumerate(stage_ids)}
    read.sort(key=attrgetter("rank"))
    read.sort(key=lambda card: place[card.stage_id])
    return read


def first_cards(
    execute: Execute,
    now: datetime,
    per_stage: int,
    stage_ids: Iterable[int],
    *,
    include_archived: bool = False,
    include_trashed: bool = False,
) -> list[CardRow]:
    """The first ``per_stage`` cards of each of ``stage_ids``, as :func:`cards` orders
    them: enough for a board to paint its columns before it reads the rest."""
    shown = _shown(include_archived, include_trashed)
    tags = _tags(execute)
    return [
        card
        for stage_id in stage_ids
        for card in _page(execute, now, stage_id, None, per_stage, shown, tags)
    ]


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
    shown = _shown(include_archived, include_trashed)
    return _page(execute, now, stage_id, after, limit, shown, _tags(execute))


def _shown(include_archived: bool, include_trashed: bool) -> str:
    return "".join(f" AND {c}" for c in shown_conditions(include_archived, include_trashed))


def _page(
    execute: Execute,
    now: datetime,
    stage_id: int,
    after: tuple[float, int] | None,
    limit: int,
    shown: str,
    tags: dict[int, TagInfo],
) -> list[CardRow]:
    """:func:`stage_page`'s read, with the conditions (``shown``) and the tags given."""
    following = "" if after is None else ' AND (a."rank", a."id") > (?, ?)'
    sql = f'{_FEW_CARDS} WHERE a."stage_id" = ?{following}{shown} ORDER BY a."rank", a."id" LIMIT ?'
    return _cards(execute(sql, (to_db_text(now), stage_id, *(after or ()), limit)), tags)


def stage_counts(
    execute: Execute, *, include_archived: bool = False, include_trashed: bool = False
) -> dict[int, int]:
    """How many cards each stage holds; stages without cards are left out."""
    where = " AND ".join(shown_conditions(include_archived, include_trashed))
    condition = f"WHERE {where}" if where else ""
    sql = f'SELECT "stage_id", COUNT(*) FROM "application" a {condition} GROUP BY "stage_id"'
    return dict(execute(sql, ()))


def document_counts(execute: Execute) -> dict[int, int]:
    """How many documents each application has attached (its card's badge); applications
    without any are left out."""
    sql = 'SELECT "application_id", COUNT(*) FROM "application_document" GROUP BY 1'
    return dict(execute(sql, ()))


def zone_setting(execute: Execute) -> str:
    """The name the time zone setting holds ("" unset, or stored as something other than
    text): one indexed read, no JSON parsed in Python."""
    found = next(iter(execute(_ZONE_SETTING, ())), None)
    name = None if found is None else found[0]
    return name.strip() if isinstance(name, str) else ""


def first_frame(
    execute: Execute,
    now: datetime,
    per_stage: int,
    *,
    include_archived: bool = False,
    include_trashed: bool = False,
) -> FirstFrame:
    """The stages, counts and first ``per_stage`` cards of a board (of the live applications,
    and the archived or trashed ones as asked), with the cards' document counts and the
    time zone setting."""
    scope = {"include_archived": include_archived, "include_trashed": include_trashed}
    board_stages = stages(execute)
    return FirstFrame(
        board_stages,
        first_cards(execute, now, per_stage, [s.id for s in board_stages], **scope),
        stage_counts(execute, **scope),
        document_counts(execute),
        zone_setting(execute),
    )
