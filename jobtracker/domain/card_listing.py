"""The applications as ``jobtracker list`` gives them: a text-level read, beside the
board's (:mod:`board_reads`), for listings and export.

The board keeps parsed instants in its cards; a listing writes them straight out again, so
here stored text goes out as ISO text (:func:`iso_text`) without a ``datetime`` each, and
the filters (stage, search words, tags) are conditions of the one query. The cards come in
the board's order: by stage position, then rank, then id (the cards' values sorted
here: SQLite's sorter would carry every column of every row). A listing reads nearly every
application, so the table is scanned in its own order rather than through an index on stage.

``list --json`` takes its text from :func:`listed_json`: SQLite writes and sorts each
card's JSON (``json_object`` escapes as ``json.dumps(ensure_ascii=False)`` does), so no
dict is built and encoded per card; Python writes only the tags and the odd rank.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple, TypedDict

from jobtracker.domain.board_reads import (
    EXTRAS_JOINED,
    Execute,
    shown_conditions,
    stage_order,
    stages,
)
from jobtracker.domain.errors import NotFoundError
from jobtracker.store.instants import iso_text, iso_text_sql, stored_shape_sql, to_db_text
from jobtracker.text import fold

_FROM = (
    'FROM "application" a NOT INDEXED JOIN "stage" s ON s."id" = a."stage_id" '
) + EXTRAS_JOINED
#: the columns every read starts with: its order (see :func:`_read`)
_ORDER_COLUMNS = 'SELECT a."stage_id", a."id", a."rank", '
_SELECT = (
    _ORDER_COLUMNS + 'a."company", a."role", a."location", s."name", a."excitement", '
    'a."stage_entered_at", a."created_at", a."archived_at" IS NOT NULL, i."at", r."at", '
    'a."source", a."applied_at", t."ids" '
) + _FROM
#: the instants a card's JSON holds, in its order
_INSTANTS = ('a."stage_entered_at"', 'a."created_at"', 'i."at"', 'r."at"', 'a."applied_at"')
#: SQL: whether SQLite writes the card's values as ``json.dumps`` does (not: an instant of
#: another shape, a rank or excitement of an unusual type, which need Python)
_ORDINARY = " AND ".join(
    (
        "typeof(a.\"excitement\") = 'integer'",
        "typeof(a.\"rank\") = 'real'",
        'abs(a."rank") <= 1.7976931348623157e308',
        *(stored_shape_sql(column) for column in _INSTANTS),
    )
)
#: SQL: whether SQLite writes the rank as Python's ``repr`` does: a number of at most 12
#: digits, exactly so in decimal (a multiple of 1/64 under a million; not 0, which has a
#: sign), which SQLite's 15 digits write exactly, as ``repr`` writes it
PLAIN_RANK = (
    'abs(a."rank") < 1e6 AND a."rank" * 64 = CAST(a."rank" * 64 AS INTEGER) AND a."rank" <> 0'
)
#: each card's JSON, as ``json.dumps`` writes it, where it is :data:`_ORDINARY` (else NULL),
#: with ``"rank":null`` where the rank is not :data:`PLAIN_RANK` (that rank follows) and
#: ``"tags":[]`` at its end (the tag ids follow; then the card's id), in the board's order
_JSON_SELECT = (
    f"SELECT CASE WHEN {_ORDINARY} THEN json_object("
    """'id', a."id", 'company', a."company", 'role', a."role", 'location', a."location", """
    f"""'stage', s."name", 'rank', iif({PLAIN_RANK}, a."rank", NULL), """
    """'excitement', a."excitement", """
    f"'stage_entered_at', {iso_text_sql(_INSTANTS[0])}, "
    f"'created_at', {iso_text_sql(_INSTANTS[1])}, "
    """'archived', iif(a."archived_at" IS NULL, json('false'), json('true')), """
    f"'next_interview_at', {iso_text_sql(_INSTANTS[2])}, "
    f"'next_reminder_at', {iso_text_sql(_INSTANTS[3])}, "
    """'source', a."source", """
    f"'applied_at', {iso_text_sql(_INSTANTS[4])}, 'tags', json('[]')) END, "
    f'iif({PLAIN_RANK}, NULL, a."rank"), t."ids", a."id" '
) + _FROM
#: the board's order: its stages', then each stage's cards by rank
_BOARD_ORDER = f' ORDER BY {stage_order("s")}, a."rank", a."id"'
_TAGGED = 'a."id" IN (SELECT "application_id" FROM "application_tag" WHERE "tag_id" = ?)'


class ListedCard(TypedDict):
    """An application as listed: what ``list --json`` writes for it, key for key and in
    this order. Instants are ISO text with their offset (None: none)."""

    id: int
    company: str
    role: str
    location: str
    stage: str  # the stage's name
    rank: float
    excitement: int
    stage_entered_at: str
    created_at: str
    archived: bool
    next_interview_at: str | None
    next_reminder_at: str | None
    source: str
    applied_at: str | None
    tags: list[str]  # names, by name


class Listing(NamedTuple):
    """Which cards a listing holds: the live ones (and archived ones, as asked) in ``stage``
    (a name, any case), holding every word of ``search`` (as the board's search finds
    them) and tagged with every one of ``tags``."""

    include_archived: bool = False
    stage: str | None = None
    search: str = ""
    tags: Sequence[str] = ()


def listed_cards(execute: Execute, now: datetime, listing: Listing) -> list[ListedCard]:
    """The cards of ``listing``; interviews count as upcoming from ``now``.

    Raises NotFoundError for an unknown stage; an unknown tag lists nothing."""
    rows, names = _read(execute, _SELECT, now, listing)
    return [_card(row, names) for row in rows]


def listed_json(execute: Execute, now: datetime, listing: Listing) -> str:
    """``json.dumps(listed_cards(...), ensure_ascii=False, separators=(",", ":"))``, the
    same text, with each card's JSON written by SQLite, sorted by SQLite (it carries
    little more than that text). Python writes only a rank SQLite would write otherwise
    (``"rank":null`` holds its place: no text value can hold that, as its quotes would be
    escaped) and the tags (sorted by casefolded name). A card with a value SQLite would
    not write the same way goes through :func:`listed_cards`'s path."""
    where, params, names = _conditions(execute, now, listing)
    rows = list(execute(f"{_JSON_SELECT} WHERE {where}{_BOARD_ORDER}", params))
    tags_json = _TagsJson(names)
    odd: dict[int, str] = {}
    if any(row[0] is None for row in rows):
        odd = {
            row[1]: _dumps(_card(row, names)) for row in _read(execute, _SELECT, now, listing)[0]
        }
    parts = []
    for text, rank, tag_ids, card_id in rows:
        if text is None:
            parts.append(odd[card_id])
            continue
        if rank is not None:
            text = text.replace('"rank":null', f'"rank":{rank!r}', 1)
        parts.append(text if tag_ids is None else f"{text[:-3]}{tags_json[tag_ids]}}}")
    return f"[{','.join(parts)}]"


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class _TagsJson(dict[str | None, str]):
    """The JSON of the tags' names by a card's tag ids (``None``: no tags), each written
    once: cards share a few sets of tags."""

    def __init__(self, names: dict[int, str]) -> None:
        super().__init__({None: "[]"})
        self.names = names

    def __missing__(self, tag_ids: str) -> str:  # None is always present
        self[tag_ids] = text = _dumps(_tags_of(tag_ids, self.names))
        return text


def _conditions(
    execute: Execute, now: datetime, listing: Listing
) -> tuple[str, list[object], dict[int, str]]:
    """The SQL condition picking the cards of ``listing`` and its parameters (after "now"
    for the upcoming interviews), and the tags' names by id."""
    include_archived, stage, search, tags = listing
    where = shown_conditions(include_archived, False)
    params: list[object] = [to_db_text(now)]
    if stage is not None:
        where.append('a."stage_id" = ?')
        params.append(_stage_id(execute, stage))
    for word in fold(search).split():
        where.append('instr(a."search_text", ?) > 0')
        params.append(word)
    names = _tag_names(execute)
    for tag in tags:
        where.append(_TAGGED)
        params.append(_tag_id(names, tag))
    return " AND ".join(where), params, names


def _read(
    execute: Execute, select: str, now: datetime, listing: Listing
) -> tuple[list[tuple[Any, ...]], dict[int, str]]:
    """The rows of ``select`` (which starts with :data:`_ORDER_COLUMNS`) for ``listing``, in
    the board's order, and the tags' names by id."""
    where, params, names = _conditions(execute, now, listing)
    rows = list(execute(f"{select} WHERE {where}", params))
    order = {found.id: n for n, found in enumerate(stages(execute))}
    rows.sort(key=lambda row: (order[row[0]], row[2], row[1]))  # the board's order
    return rows, names


def _card(row: tuple[Any, ...], names: dict[int, str]) -> ListedCard:
    """The card of a :data:`_SELECT` row."""
    return {
        "id": row[1],
        "company": row[3],
        "role": row[4],
        "location": row[5],
        "stage": row[6],
        "rank": row[2],
        "excitement": row[7],
        "stage_entered_at": iso_text(row[8]),
        "created_at": iso_text(row[9]),
        "archived": bool(row[10]),
        "next_interview_at": None if row[11] is None else iso_text(row[11]),
        "next_reminder_at": None if row[12] is None else iso_text(row[12]),
        "source": row[13],
        "applied_at": None if row[14] is None else iso_text(row[14]),
        "tags": [] if row[15] is None else _tags_of(row[15], names),
    }


def _stage_id(execute: Execute, name: str) -> int:
    """The stage called ``name``, ignoring case (as the board looks one up)."""
    found = next(iter(execute('SELECT "id" FROM "stage" WHERE lower("name") = ?',
                              (name.strip().lower(),))), None)  # fmt: skip
    if found is None:
        known = ", ".join(s.name for s in stages(execute))
        raise NotFoundError("stage", name, f"Known stages: {known}.")
    return int(found[0])


def _tag_names(execute: Execute) -> dict[int, str]:
    return {tag_id: name for tag_id, name in execute('SELECT "id", "name" FROM "tag"', ())}


def _tag_id(names: dict[int, str], name: str) -> int:
    """The tag called ``name``, ignoring case and runs of spaces (as the tags find one);
    0, which no tag has, for none."""
    wanted = " ".join(name.split()).casefold()
    return next((tag_id for tag_id, tag in names.items() if tag.casefold() == wanted), 0)


def _tags_of(tag_ids: str, names: dict[int, str]) -> list[str]:
    """A card's tag names (``tag_ids`` as ``group_concat`` lists them), by name."""
    tagged = sorted((names[int(tag_id)].casefold(), int(tag_id)) for tag_id in tag_ids.split(","))
    return [names[tag_id] for _, tag_id in tagged]
