"""Paths with ``#``, ``?``, ``%``, spaces and letters beyond ASCII work in every command, and
files named from the clock never replace one another.

SQLite reads ``file:`` URIs: an unescaped ``#`` or ``?`` cuts the path short, ``%41`` names
another letter. Each case here would read or write another file if a URI were built from the
raw path.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from fixtures.cli import jobtracker

from jobtracker.domain.backups import restore_file
from jobtracker.domain.clock import FakeClock
from jobtracker.store import backup
from jobtracker.store.files import sqlite_uri

ODD_FOLDERS = ["with #hash", "what?mode=rw", "per%41cent", "spaced out", "Bewerbungen äöü ñ 求职"]


def _companies(db: Path) -> list[str]:
    conn = sqlite3.connect(sqlite_uri(db), uri=True)
    try:
        return [row[0] for row in conn.execute('SELECT "company" FROM "application" ORDER BY 1')]
    finally:
        conn.close()


@pytest.mark.parametrize("folder", ODD_FOLDERS)
def test_every_command_on_a_database_in_an_oddly_named_folder(tmp_path: Path, folder: str) -> None:
    db = tmp_path / folder / "jobs #1 ?.sqlite3"
    added = jobtracker(db, "add", "--company", "Acme", "--role", "Engineer")
    assert added.returncode == 0, added.stderr
    card = added.stdout.strip()
    assert jobtracker(db, "add", "--company", "Bolt", "--role", "Analyst").returncode == 0
    moved = jobtracker(db, "move", card, "Applied")
    assert moved.returncode == 0, moved.stderr
    listed = json.loads(jobtracker(db, "list", "--json").stdout)
    assert {(c["company"], c["stage"]) for c in listed} == {
        ("Acme", "Applied"),
        ("Bolt", "Wishlist"),
    }
    assert jobtracker(db, "check").returncode == 0

    taken = jobtracker(db, "backup")
    assert taken.returncode == 0, taken.stderr
    copy = backup.list_backups(db.parent / "backups")[0].path
    assert taken.stdout.strip() == f"Backed up to {copy}"
    assert _companies(copy) == ["Acme", "Bolt"]  # the real data, not an empty stand-in

    exported = tmp_path / folder / "export #?.json"
    result = jobtracker(db, "export", "json", "-o", str(exported))
    assert result.returncode == 0, result.stderr
    csv_out = tmp_path / folder / "cards %20.csv"
    assert jobtracker(db, "export", "csv", "-o", str(csv_out)).returncode == 0

    other = tmp_path / folder / "other #2.sqlite3"
    imported = jobtracker(other, "import", str(csv_out))
    assert imported.returncode == 0, imported.stderr
    assert _companies(other) == ["Acme", "Bolt"]
    fresh = tmp_path / folder / "fresh ?.sqlite3"
    assert jobtracker(fresh, "import", str(exported)).returncode == 0
    assert _companies(fresh) == ["Acme", "Bolt"]

    assert jobtracker(db, "add", "--company", "Later", "--role", "R").returncode == 0
    restored = jobtracker(db, "restore", str(copy))
    assert restored.returncode == 0, restored.stderr
    assert _companies(db) == ["Acme", "Bolt"]
    (aside,) = db.parent.glob(f"{db.name}.replaced-*")
    assert _companies(aside) == ["Acme", "Bolt", "Later"]
    # nothing was made at the path a raw URI would have named instead
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder]


def test_a_newer_file_in_an_oddly_named_folder_is_still_refused(tmp_path: Path) -> None:
    db = tmp_path / "a#b" / "jobs?.sqlite3"
    assert jobtracker(db, "add", "--company", "Acme", "--role", "R").returncode == 0
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 999")
    conn.commit()
    conn.close()
    result = jobtracker(db, "list")
    assert result.returncode == 3 and "newer jobtracker" in result.stderr


def test_two_restores_in_the_same_second_keep_both_replaced_files(
    db_path: Path, clock: FakeClock
) -> None:
    assert jobtracker(db_path, "add", "--company", "First", "--role", "R").returncode == 0
    taken = backup.create_backup(db_path, db_path.parent / "backups", clock.now())
    assert jobtracker(db_path, "add", "--company", "Second", "--role", "R").returncode == 0
    first = restore_file(taken.path, db_path, clock)
    assert jobtracker(db_path, "add", "--company", "Third", "--role", "R").returncode == 0
    second = restore_file(taken.path, db_path, clock)  # the same second on the clock
    assert first is not None and second is not None and first != second
    assert first.name.endswith(".replaced-20260310-090000")
    assert second.name.endswith(".replaced-20260310-090000-2")
    assert _companies(first) == ["First", "Second"]
    assert _companies(second) == ["First", "Third"]


def test_two_restores_through_the_command_keep_both_replaced_files(db_path: Path) -> None:
    """Whether or not the two land in the same second, both replaced files are kept."""
    assert jobtracker(db_path, "add", "--company", "First", "--role", "R").returncode == 0
    assert jobtracker(db_path, "backup").returncode == 0
    copy = backup.list_backups(db_path.parent / "backups")[0].path
    for company in ("Second", "Third"):
        assert jobtracker(db_path, "add", "--company", company, "--role", "R").returncode == 0
        assert jobtracker(db_path, "restore", str(copy)).returncode == 0
    kept = sorted(db_path.parent.glob(f"{db_path.name}.replaced-*"))
    assert sorted(_companies(path)[-1] for path in kept) == ["Second", "Third"]


def test_two_backups_in_the_same_second_keep_both(db_path: Path, clock: FakeClock) -> None:
    assert jobtracker(db_path, "add", "--company", "First", "--role", "R").returncode == 0
    folder = db_path.parent / "backups"
    one = backup.create_backup(db_path, folder, clock.now())
    assert jobtracker(db_path, "add", "--company", "Second", "--role", "R").returncode == 0
    two = backup.create_backup(db_path, folder, clock.now())
    assert (one.path.name, two.path.name) == (
        "jobtracker-20260310-090000.sqlite3",
        "jobtracker-20260310-090000-2.sqlite3",
    )
    listed = [b.path for b in backup.list_backups(folder) if b.taken_at == clock.now()]
    assert listed == [two.path, one.path]  # newest first
    assert _companies(one.path) == ["First"] and _companies(two.path) == ["First", "Second"]
