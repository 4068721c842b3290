"""``jobtracker list`` reads stored text and writes it out (domain/card_listing.py) instead
of going through the board's cards and a ``datetime`` per instant: its output, JSON and
text, is byte for byte what the board's read gave, on a file holding every kind of field.

The judge is :func:`_board_output`: the listing as it was written over the board's read
(``BoardService.cards``, ``search``, ``stage_by_name``, the tags' ``application_ids``,
``created_times``), kept here verbatim.
"""

from __future__ import annotations

import io
import json
import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fixtures.cli import jobtracker
from fixtures.far_values import write_far_values

from jobtracker.commands.output import one_line, say
from jobtracker.domain.card_listing import PLAIN_RANK
from jobtracker.domain.errors import NotFoundError
from jobtracker.domain.services import open_services
from jobtracker.domain.tags import join_tags

NOW = datetime.now(UTC)

#: rows as an older version, an import or a hand edit may have left them
RAW_SQL = """
UPDATE application SET company = 'Esc' || char(27) || '[2J C1' || char(133) || ' Sep'
    || char(8232) || ' DEL' || char(127), notes = 'tab' || char(9) || 'line' || char(10)
    WHERE company = 'Raw';
UPDATE application SET created_at = '2025-03-04 05:06:07' WHERE company = 'Spaced';
UPDATE application SET rank = (SELECT rank FROM application WHERE company = 'Tie A')
    WHERE company = 'Tie B';
UPDATE application SET rank = 1e-07 WHERE company = 'Tiny Rank';
UPDATE application SET rank = 1e999 WHERE company = 'Endless Rank';
UPDATE stage SET position = (SELECT position FROM stage WHERE name = 'Applied')
    WHERE name = 'Twin';
"""


def _fill(db: Path) -> None:
    write_far_values(db)  # years 1 and 9999: read as the nearest instant in range
    services = open_services(db, owner="pytest")
    try:
        board, apps = services.board, services.applications
        applied = board.stage_by_name("Applied").id
        board.add_stage("Twin")
        kolkata = timezone(timedelta(hours=5, minutes=30))
        added = {
            company: apps.add(company, role, applied, **fields).id
            for company, role, fields in [
                ("Café Zürich", "Développeur", {"location": "Zürich", "source": "LinkedIn"}),
                (
                    "Kolkata",
                    "Analyst",
                    {"applied_at": datetime(2026, 1, 5, 23, 30, 0, 250, tzinfo=kolkata)},
                ),
                (
                    "Whole",
                    "Second",
                    {"applied_at": datetime(2026, 2, 1, 9, 0, tzinfo=UTC), "excitement": 5},
                ),
                ("Raw", "Controls", {}),
                ("Spaced", "Old text", {}),
                ("Tie A", "Same rank", {}),
                ("Tie B", "Same rank", {}),
                ("Tiny Rank", "Exponent", {}),  # Python's repr, not SQLite's text
                ("Endless Rank", "Infinity", {}),  # json's Infinity
                ("Archived", "Gone quiet", {}),
                ("Trashed", "Thrown away", {}),
            ]
        }
        apps.add("Twin Stage", "Custom", board.stage_by_name("Twin").id)
        services.interviews.add(added["Kolkata"], NOW + timedelta(days=3, microseconds=17))
        services.interviews.add(added["Kolkata"], NOW - timedelta(days=3))
        berlin = ZoneInfo("Europe/Berlin")
        services.interviews.add(added["Whole"], datetime(2030, 6, 1, 8, 0, tzinfo=berlin))
        services.tags.add([added["Café Zürich"]], ["zeta", "Alpha", "ärger"])
        services.tags.add([added["Whole"], added["Archived"]], ["alpha"])
        apps.archive([added["Archived"]])
        apps.trash([added["Trashed"]])
    finally:
        services.close()
    with sqlite3.connect(db) as connection:
        connection.executescript(RAW_SQL)
    connection.close()


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("listing") / "jobtracker.sqlite3"
    _fill(db)
    return db


def _board_output(db: Path, args: list[str]) -> str:
    """The listing as written over the board's read (the code the text-level read replaced)."""
    get = {name: args[args.index(name) + 1] for name in ("--stage", "--search") if name in args}
    archived, as_json, pretty = ("--archived" in args), ("--json" in args), ("--pretty" in args)
    tag_names = [args[n + 1] for n, word in enumerate(args) if word == "--tag"]
    out = io.StringIO()
    services = open_services(db, owner="pytest", readonly=True)
    try:
        stages = {s.id: s for s in services.board.stages()}
        if get.get("--search"):
            cards = services.board.search(get["--search"], include_archived=archived)
        else:
            cards = services.board.cards(include_archived=archived)
        if "--stage" in get:
            wanted = services.board.stage_by_name(get["--stage"]).id
            cards = [c for c in cards if c.stage_id == wanted]
        for tag in tag_names:
            tagged = services.tags.application_ids(tag)
            cards = [c for c in cards if c.id in tagged]
        created = services.board.created_times()
    finally:
        services.close()
    if as_json:
        listed = [
            {
                "id": card.id,
                "company": card.company,
                "role": card.role,
                "location": card.location,
                "stage": stages[card.stage_id].name,
                "rank": card.rank,
                "excitement": card.excitement,
                "stage_entered_at": card.stage_entered_at.isoformat(),
                "created_at": created[card.id].isoformat(),
                "archived": card.archived,
                "next_interview_at": card.next_interview_at and card.next_interview_at.isoformat(),
                "next_reminder_at": card.next_reminder_at and card.next_reminder_at.isoformat(),
                "source": card.source,
                "applied_at": card.applied_at and card.applied_at.isoformat(),
                "tags": [tag.name for tag in card.tags],
            }
            for card in cards
        ]
        if pretty:
            text = json.dumps(listed, indent=2, ensure_ascii=False)
        else:
            text = json.dumps(listed, ensure_ascii=False, separators=(",", ":"))
        say(text, file=out)
    else:
        for card in cards:
            stage = one_line(stages[card.stage_id].name)
            tags = f"  [{one_line(join_tags(t.name for t in card.tags))}]" if card.tags else ""
            say(f"{card.id:>5}  {stage:<13} {one_line(card.company)} — {one_line(card.role)}{tags}",
                file=out)  # fmt: skip
    return out.getvalue()


LISTINGS = [
    ["--json"],
    ["--json", "--archived"],
    ["--json", "--pretty", "--archived"],
    ["--json", "--search", "cafe zurich"],
    ["--json", "--search", "  "],
    ["--json", "--stage", " applied "],
    ["--json", "--tag", "ALPHA", "--archived"],
    ["--json", "--tag", "alpha", "--tag", "zeta"],
    ["--json", "--tag", "nobody"],
    [],
    ["--archived"],
    ["--tag", "ärger"],
]


@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_the_listing_is_byte_for_byte_what_the_board_read_gave(
    filled: Path, args: list[str]
) -> None:
    result = jobtracker(filled, "list", *args)
    assert result.returncode == 0, result.stderr
    assert result.stdout == _board_output(filled, args)


def test_the_fixture_holds_every_kind_of_value(filled: Path) -> None:
    """The cases above mean something: each kind of value is in the listing."""
    listed = json.loads(jobtracker(filled, "list", "--json", "--archived").stdout)
    by_company = {card["company"].split(chr(27))[0]: card for card in listed}
    assert by_company["Far Future"]["applied_at"] == "2200-12-31T23:59:59.999999+00:00"
    assert by_company["Long Ago"]["stage_entered_at"] == "1900-01-01T00:00:00+00:00"
    assert by_company["Kolkata"]["applied_at"] == "2026-01-05T18:00:00.000250+00:00"
    assert by_company["Kolkata"]["next_interview_at"] is not None
    assert by_company["Whole"]["next_interview_at"] == "2030-06-01T06:00:00+00:00"
    assert by_company["Spaced"]["created_at"] == "2025-03-04T05:06:07+00:00"
    assert by_company["Café Zürich"]["tags"] == ["Alpha", "zeta", "ärger"]  # casefolded
    assert by_company["Archived"]["archived"] is True
    assert by_company["Esc"]["company"].endswith("DEL\x7f")
    assert "Trashed" not in by_company
    assert {card["next_reminder_at"] is None for card in listed} == {True, False}
    assert by_company["Tiny Rank"]["rank"] == 1e-07
    assert by_company["Endless Rank"]["rank"] == float("inf")
    ranks = [c["rank"] for c in listed if c["company"].startswith("Tie")]
    assert len(ranks) == 2 and ranks[0] == ranks[1]


def test_an_unknown_stage_is_refused_with_the_known_ones(filled: Path) -> None:
    result = jobtracker(filled, "list", "--stage", "Nowhere")
    services = open_services(filled, owner="pytest", readonly=True)
    try:
        with pytest.raises(NotFoundError) as expected:
            services.board.stage_by_name("Nowhere")
    finally:
        services.close()
    assert result.returncode == 1
    assert result.stderr == f"jobtracker: {expected.value}\n"


def test_sqlite_quotes_every_character_as_json_dumps_does() -> None:
    """``list --json`` has SQLite's ``json_object`` write the cards' text: every character
    (surrogates aside, which no stored text holds) must come out as Python's ``json``
    writes it, on the SQLite this Python runs with."""
    text = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    with sqlite3.connect(":memory:") as connection:
        (written,) = connection.execute("SELECT json_object('text', ?)", (text,)).fetchone()
    connection.close()
    assert written == json.dumps({"text": text}, ensure_ascii=False, separators=(",", ":"))


#: ranks a board holds (whole numbers, halves and quarters from moves between cards, ones
#: below zero from cards put on top) and ranks it may hold that SQLite writes otherwise
RANKS = [k / 64 for k in range(-64_000, 64_001, 37)] + [
    999_999.984375,
    -999_999.0,
    1e6,
    0.0,
    -0.0,
    0.1,
    1 / 3,
    1e-07,
    123_456.7,
    2.0**-7,
]


def test_sqlite_writes_each_plain_rank_as_repr_does() -> None:
    """``list --json`` has SQLite write the ranks it calls plain: on the SQLite this Python
    runs with, each one comes out as Python's ``repr`` writes it (json writes floats so)."""
    with sqlite3.connect(":memory:") as connection:
        connection.execute("CREATE TABLE a (rank REAL)")
        connection.executemany("INSERT INTO a VALUES (?)", [(rank,) for rank in RANKS])
        rows = connection.execute(
            f"SELECT a.rank, {PLAIN_RANK}, json_object('rank', a.rank) FROM a"
        ).fetchall()
    connection.close()
    plain = {rank: written for rank, is_plain, written in rows if is_plain}
    assert all(written == f'{{"rank":{rank!r}}}' for rank, written in plain.items())
    assert len(plain) > 3000
    assert not {0.0, 0.1, 1 / 3, 1e-07, 1e6, 123_456.7} & plain.keys()
