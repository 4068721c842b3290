"""The first frame read ahead: the board's first cards, read beside the file's checks while
the window's Qt loads, through a read-only connection and without the store's modules.

It must show exactly what the opened store shows, read nothing from a file that is not
sound or not at the current schema (the window then opens the store first and says what is
wrong), and never write a byte.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.dbtools import corrupt_middle, filled_database, make_newer

from jobtracker.domain.board_reads import FIRST_CARDS, read_first_frame
from jobtracker.domain.clock import SYSTEM_CLOCK
from jobtracker.domain.services import open_services
from jobtracker.store.check import OpenCheck, peek
from jobtracker.store.errors import CorruptDatabaseError, NewerDatabaseError

V1 = Path(__file__).parents[2] / "fixtures" / "v1.sqlite3"


def _many_cards(db_path: Path, count: int) -> None:
    """``count`` more applications in the first stage, so it holds more than a first frame."""
    services = open_services(db_path, owner="pytest")
    try:
        for n in range(count):
            services.applications.add(f"Firm {n:03d}", "Analyst")
    finally:
        services.close()


def test_the_first_frame_is_what_the_open_store_shows_first(db_path: Path) -> None:
    filled_database(db_path, SYSTEM_CLOCK)
    _many_cards(db_path, FIRST_CARDS + 5)
    frame = OpenCheck(db_path, read_first_frame).peeked()
    services = open_services(db_path, owner="pytest")
    try:
        board = services.board
        assert frame == board.first_frame(FIRST_CARDS)
        first_stage = board.stages()[0].id
        shown = [card for card in frame.cards if card.stage_id == first_stage]
        assert len(shown) == FIRST_CARDS < frame.counts[first_stage]
        assert shown == [c for c in board.cards() if c.stage_id == first_stage][:FIRST_CARDS]
    finally:
        services.close()


def test_reading_ahead_writes_nothing_and_loads_no_store_modules(db_path: Path) -> None:
    """In a fresh interpreter, as the window's start runs it: peewee and the store's
    models stay unloaded, and the file's bytes are as they were."""
    filled_database(db_path, SYSTEM_CLOCK)
    before = db_path.read_bytes()
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from jobtracker.domain.board_reads import read_first_frame\n"
        "from jobtracker.store.check import OpenCheck\n"
        "frame = OpenCheck(Path(sys.argv[1]), read_first_frame).peeked()\n"
        "print(len(frame.stages), sum(frame.counts.values()), "
        "sorted(m for m in ('peewee', 'jobtracker.store.models', 'jobtracker.store.db') "
        "if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(db_path)], capture_output=True, text=True, check=True
    ).stdout.split(maxsplit=2)
    stages, cards, store_modules = out
    assert int(stages) > 0 and int(cards) > 0
    assert store_modules.strip() == "[]"
    assert db_path.read_bytes() == before


@pytest.mark.parametrize(
    ("spoil", "refusal"), [(corrupt_middle, CorruptDatabaseError), (make_newer, NewerDatabaseError)]
)
def test_a_file_that_is_not_sound_gives_no_frame(db_path: Path, spoil, refusal) -> None:
    """The window then opens the store before it shows, and the opener says what is wrong."""
    filled_database(db_path, SYSTEM_CLOCK)
    spoil(db_path)
    check = OpenCheck(db_path, read_first_frame)
    assert check.peeked() is None
    with pytest.raises(refusal):
        check.wait()


def test_an_older_schema_or_a_missing_file_gives_no_frame(db_path: Path) -> None:
    """An older file needs its upgrade (a writer's job) first; a missing one, creating."""
    assert OpenCheck(db_path, read_first_frame).peeked() is None
    db_path.parent.mkdir(exist_ok=True)
    shutil.copy(V1, db_path)
    check = OpenCheck(db_path, read_first_frame)
    assert check.peeked() is None
    check.wait()  # an older file is sound: opening it upgrades it


def test_a_read_that_sqlite_refuses_gives_no_frame(db_path: Path) -> None:
    filled_database(db_path, SYSTEM_CLOCK)

    def missing_table(connection: sqlite3.Connection) -> list[tuple]:
        return connection.execute('SELECT * FROM "no_such_table"').fetchall()

    assert peek(db_path, missing_table) is None
    count = peek(db_path, lambda c: c.execute('SELECT COUNT(*) FROM "stage"').fetchone()[0])
    assert count is not None and count > 0


def test_without_a_read_the_check_peeks_at_nothing(db_path: Path) -> None:
    filled_database(db_path, SYSTEM_CLOCK)
    assert OpenCheck(db_path).peeked() is None
