"""Fault injection on a real small tmpfs: the disk holding the database filled to the brim
(and to a few kilobytes short of it) during add, move, import, backup, restore and export.

Each command either does its work or says the disk is full, never "damaged", never a
traceback; reading keeps working; afterwards every committed row is there, nothing half
made is left, and the file passes ``check``.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.cli import jobtracker
from fixtures.disks import fill, small_disk

from jobtracker.store.files import sqlite_uri

#: bytes left free after filling: none, part of a page, a few pages, room for a small write
LEFT_FREE = (0, 2048, 16 * 1024, 96 * 1024)


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    with small_disk(tmp_path / "disk", "6m") as mounted:
        yield mounted


def _board(db: Path) -> dict[str, str]:
    result = jobtracker(db, "list", "--json", "--all")
    if result.returncode != 0:
        result = jobtracker(db, "list", "--json")
    assert result.returncode == 0, result.stderr
    return {card["company"]: card["stage"] for card in json.loads(result.stdout)}


def _csv(path: Path, companies: list[str]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Company", "Role", "Stage"])
        writer.writerows([company, "Engineer", "Applied"] for company in companies)
    return path


def _copy_off_disk(db: Path, target: Path) -> Path:
    """A backup of the database as it stands, kept where the disk is not full (read as
    immutable: no log index can be made on the full disk, and no command runs now)."""
    source = sqlite3.connect(sqlite_uri(db) + "&immutable=1", uri=True)
    copy = sqlite3.connect(target)
    source.backup(copy)
    copy.close()
    source.close()
    return target


def _said_full(result: object, db: Path) -> None:
    stderr = getattr(result, "stderr", "")
    assert "no space left" in stderr.lower(), stderr
    assert "damaged" not in stderr and "cannot rollback" not in stderr


def test_every_write_on_a_full_disk_keeps_what_was_committed(disk: Path, tmp_path: Path) -> None:
    db = disk / "data" / "jobtracker.sqlite3"
    expected: dict[str, str] = {}
    for company in ("Acme", "Bolt", "Core"):
        assert jobtracker(db, "add", "--company", company, "--role", "R").returncode == 0
        expected[company] = "Wishlist"
    ids = {c["company"]: c["id"] for c in json.loads(jobtracker(db, "list", "--json").stdout)}
    outcomes: dict[str, int] = {}

    for left in LEFT_FREE:
        filler = fill(disk, left)
        try:
            listed = jobtracker(db, "list")  # reading works on a full disk
            assert listed.returncode == 0, listed.stderr

            company = f"Added {left}"
            result = jobtracker(db, "add", "--company", company, "--role", "R")
            if result.returncode == 0:
                expected[company] = "Wishlist"
            else:
                _said_full(result, db)
            outcomes[f"add {left}"] = result.returncode

            stage = "Applied" if expected["Acme"] != "Applied" else "Offer"
            result = jobtracker(db, "move", str(ids["Acme"]), stage)
            if result.returncode == 0:
                expected["Acme"] = stage
            else:
                _said_full(result, db)
            outcomes[f"move {left}"] = result.returncode

            batch = [f"Imported {left} #{n}" for n in range(40)]
            result = jobtracker(db, "import", str(_csv(tmp_path / f"in-{left}.csv", batch)))
            if result.returncode == 0:
                expected.update(dict.fromkeys(batch, "Applied"))
            else:
                _said_full(result, db)
            outcomes[f"import {left}"] = result.returncode

            result = jobtracker(db, "backup")
            if result.returncode != 0:
                _said_full(result, db)
            outcomes[f"backup {left}"] = result.returncode

            source = _copy_off_disk(db, tmp_path / f"state-{left}.sqlite3")
            result = jobtracker(db, "restore", str(source))  # the same rows, a new file
            if result.returncode != 0:
                _said_full(result, db)
            outcomes[f"restore {left}"] = result.returncode

            result = jobtracker(db, "export", "json", "-o", str(disk / f"export-{left}.json"))
            if result.returncode != 0:
                _said_full(result, db)
            outcomes[f"export {left}"] = result.returncode
        finally:
            filler.unlink()
        assert _board(db) == expected, outcomes
        checked = jobtracker(db, "check")
        assert checked.returncode == 0, checked.stdout + checked.stderr
        leftovers = [p.name for p in disk.rglob("*") if ".partial" in p.name]
        assert leftovers == [], outcomes

    assert outcomes["add 0"] == 3 and outcomes["add 98304"] == 0, outcomes
    print(json.dumps(outcomes))


def test_import_on_a_full_disk_names_the_real_cause(disk: Path, tmp_path: Path) -> None:
    db = disk / "jobtracker.sqlite3"
    assert jobtracker(db, "add", "--company", "Acme", "--role", "R").returncode == 0
    rows = _csv(tmp_path / "many.csv", [f"Company {n} " + "x" * 200 for n in range(3000)])
    filler = fill(disk, 64 * 1024)
    try:
        result = jobtracker(db, "import", str(rows))
    finally:
        filler.unlink()
    assert result.returncode == 3
    _said_full(result, db)
    assert "was not saved" in result.stderr
    assert list(_board(db)) == ["Acme"]  # all or nothing


@pytest.mark.timeout(300)  # several CLI runs filling a disk: slow on a busy machine
def test_a_json_import_on_a_full_disk_names_the_real_cause(disk: Path, tmp_path: Path) -> None:
    source = tmp_path / "source.sqlite3"
    rows = _csv(tmp_path / "many.csv", [f"Company {n} " + "x" * 200 for n in range(3000)])
    assert jobtracker(source, "import", str(rows)).returncode == 0
    exported = tmp_path / "board.json"
    assert jobtracker(source, "export", "json", "-o", str(exported)).returncode == 0
    db = disk / "jobtracker.sqlite3"
    assert jobtracker(db, "profile", "--name", "Ada").returncode == 0  # an empty board
    filler = fill(disk, 64 * 1024)
    try:
        result = jobtracker(db, "import", str(exported))
    finally:
        filler.unlink()
    assert result.returncode == 3
    _said_full(result, db)
    assert _board(db) == {}  # all or nothing
    assert jobtracker(db, "check").returncode == 0
