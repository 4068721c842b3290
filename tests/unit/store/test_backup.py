"""Backups: verified copies, the promised rotation, restore, and damaged files never written."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fixtures.dbtools import corrupt_middle, filled_database

from jobtracker.domain.clock import FakeClock
from jobtracker.store import backup, restore
from jobtracker.store.db import open_store
from jobtracker.store.errors import CorruptDatabaseError, StoreError
from jobtracker.store.files import sqlite_uri
from jobtracker.store.models import Application


def _companies(path: Path) -> list[str]:
    conn = sqlite3.connect(sqlite_uri(path), uri=True)
    try:
        return [r[0] for r in conn.execute('SELECT "company" FROM "application" ORDER BY "id"')]
    finally:
        conn.close()


@pytest.fixture
def filled(db_path: Path, clock: FakeClock) -> Path:
    filled_database(db_path, clock)
    return db_path


def test_a_backup_is_a_verified_single_file_copy(filled: Path, clock: FakeClock) -> None:
    with open_store(filled, owner="pytest"):  # taken while the database is open and in use
        taken = backup.create_backup(filled, filled.parent / "backups", clock.now())
    assert taken.path.name == "jobtracker-20260310-090000.sqlite3"
    assert taken.taken_at == clock.now()
    assert backup.integrity_problem(taken.path) is None
    assert _companies(taken.path) == _companies(filled)
    assert len(_companies(filled)) == 40
    conn = sqlite3.connect(taken.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert sorted(p.name for p in taken.path.parent.iterdir()) == [taken.path.name]


def _expected_keep(times: list[datetime], now: datetime) -> set[datetime]:
    """The promise, written out plainly: everything from the last 2 days; the newest backup of
    each of the 14 most recent days that have backups, of the 8 most recent ISO weeks and of
    the 12 most recent months."""
    keep = {t for t in times if t >= now - timedelta(days=2)}
    for key, count in (
        (lambda t: t.date(), 14),
        (lambda t: (t.isocalendar().year, t.isocalendar().week), 8),
        (lambda t: (t.year, t.month), 12),
    ):
        groups: dict[object, list[datetime]] = defaultdict(list)
        for t in times:
            groups[key(t)].append(t)
        newest_groups = sorted(groups, key=lambda k: max(groups[k]), reverse=True)[:count]
        keep |= {max(groups[k]) for k in newest_groups}
    return keep


def _active(day: datetime) -> bool:
    """A believable pattern: no work on Sundays, a two-week holiday, a quiet month."""
    day_number = (day - datetime(2025, 1, 1, tzinfo=UTC)).days
    return day.weekday() != 6 and not 200 <= day_number < 214 and not 300 <= day_number < 330


def test_rotation_over_400_days_keeps_exactly_the_promised_set(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    taken: list[datetime] = []
    start = datetime(2025, 1, 1, tzinfo=UTC)
    for day_number in range(400):
        day = start + timedelta(days=day_number)
        if not _active(day):
            continue
        for half_hour in range(6):  # a morning of changes: a backup every 30 minutes
            now = day + timedelta(hours=9, minutes=30 * half_hour)
            (folder / backup.backup_name(now)).write_bytes(b"")
            taken.append(now)
            backup.rotate(folder, now)
    now = taken[-1]
    kept = {b.taken_at for b in backup.list_backups(folder)}
    expected = _expected_keep(taken, now)
    assert kept == expected
    # Counted by hand for this calendar (the last backup is Wed 2026-02-04 11:30):
    # 13 from the last 2 days (6 + 6 + Mon 11:30), 11 more newest-of-day for the 14 most
    # recent active days, 5 more Saturdays for 8 ISO weeks, 10 more month-ends for 12 months
    assert len(kept) == len(expected) == 13 + 11 + 5 + 10
    assert max(now - t for t in kept) < timedelta(days=366)
    last_two_days = [t for t in taken if now - t <= timedelta(days=2)]
    assert set(last_two_days) <= kept


def test_rotation_from_scratch_agrees_with_rotation_after_each_backup() -> None:
    now = datetime(2026, 2, 5, 12, 0, tzinfo=UTC)
    times = [now - timedelta(hours=7 * n) for n in range(1500)]
    assert backup.backups_to_keep(times, now) == _expected_keep(times, now)


def _old_backups(filled: Path, clock: FakeClock) -> list[str]:
    """Five backups taken one morning long ago: a new backup would thin them to one."""
    folder = filled.parent / "backups"
    for hours in range(5):
        backup.create_backup(filled, folder, clock.now() - timedelta(days=400, hours=hours))
    return sorted(p.name for p in folder.iterdir())


def test_a_backup_that_fails_verification_deletes_nothing(filled: Path, clock: FakeClock) -> None:
    before = _old_backups(filled, clock)
    assert len(before) == 5
    corrupt_middle(filled)
    with pytest.raises(StoreError, match="failed its integrity check"):
        backup.create_backup(filled, filled.parent / "backups", clock.now())
    assert sorted(p.name for p in (filled.parent / "backups").iterdir()) == before


def test_a_good_backup_does_thin_the_same_old_ones(filled: Path, clock: FakeClock) -> None:
    """The counterpart of the test above: rotation really would have deleted them."""
    before = _old_backups(filled, clock)
    taken = backup.create_backup(filled, filled.parent / "backups", clock.now())
    after = sorted(p.name for p in (filled.parent / "backups").iterdir())
    assert after == [before[-1], taken.path.name]


def test_restore_keeps_the_replaced_file_aside(filled: Path, clock: FakeClock) -> None:
    original = _companies(filled)
    taken = backup.create_backup(filled, filled.parent / "backups", clock.now())
    with open_store(filled, owner="pytest"):
        Application.update(company="Changed after the backup").execute()
    changed = _companies(filled)
    aside = restore.restore_backup(taken.path, filled, clock.now() + timedelta(hours=1))
    assert aside == filled.with_name("jobtracker.sqlite3.replaced-20260310-100000")
    assert _companies(filled) == original
    assert _companies(aside) == changed
    assert aside.stat().st_mode & 0o777 == 0o600
    with open_store(filled, owner="pytest"):  # the restored file opens as usual
        assert Application.select().count() == 40


def test_restoring_over_a_damaged_file_keeps_it_and_its_journal(
    filled: Path, clock: FakeClock
) -> None:
    taken = backup.create_backup(filled, filled.parent / "backups", clock.now())
    corrupt_middle(filled)
    damaged = filled.read_bytes()
    aside = restore.restore_backup(taken.path, filled, clock.now())
    assert aside is not None and aside.read_bytes() == damaged
    assert backup.integrity_problem(filled) is None


def test_a_damaged_backup_is_not_restored(filled: Path, clock: FakeClock) -> None:
    taken = backup.create_backup(filled, filled.parent / "backups", clock.now())
    corrupt_middle(taken.path)
    before = filled.read_bytes()
    with pytest.raises(StoreError, match="cannot be restored: database disk image is malformed"):
        restore.restore_backup(taken.path, filled, clock.now())
    assert filled.read_bytes() == before


@pytest.mark.parametrize("readonly", [False, True])
def test_a_damaged_database_is_never_written_and_names_the_newest_good_backup(
    filled: Path, clock: FakeClock, readonly: bool
) -> None:
    folder = filled.parent / "backups"
    older = backup.create_backup(filled, folder, clock.now() - timedelta(days=2))
    good = backup.create_backup(filled, folder, clock.now() - timedelta(days=1))
    newest_but_damaged = backup.create_backup(filled, folder, clock.now())
    corrupt_middle(newest_but_damaged.path)
    corrupt_middle(filled)
    damaged = filled.read_bytes()
    with pytest.raises(CorruptDatabaseError) as refused:
        open_store(filled, owner="pytest", readonly=readonly)
    message = str(refused.value)
    assert filled.read_bytes() == damaged
    assert "damaged" in message and "It was not changed" in message
    assert str(good.path) in message
    assert str(older.path) not in message and str(newest_but_damaged.path) not in message
    taken_local = good.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
    assert f"taken {taken_local}" in message
    assert f"jobtracker --db {filled} restore {good.path}" in message
    assert backup.newest_verified_backup(folder) == good


def test_a_damaged_database_without_backups_says_so(filled: Path) -> None:
    corrupt_middle(filled)
    with pytest.raises(CorruptDatabaseError, match="No verified backup was found"):
        open_store(filled, owner="pytest")


def test_startup_and_periodic_backups_are_due_as_promised(tmp_path: Path) -> None:
    now = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    folder = tmp_path / "backups"
    assert backup.startup_backup_due(folder, now)
    folder.mkdir()
    (folder / backup.backup_name(now - timedelta(hours=23))).write_bytes(b"")
    assert not backup.startup_backup_due(folder, now)
    assert backup.startup_backup_due(folder, now + timedelta(hours=1, seconds=1))
    assert not backup.periodic_backup_due(now - timedelta(hours=5), now, changed=False)
    assert not backup.periodic_backup_due(now - timedelta(minutes=29), now, changed=True)
    assert backup.periodic_backup_due(now - timedelta(minutes=30), now, changed=True)
    assert backup.periodic_backup_due(None, now, changed=True)
