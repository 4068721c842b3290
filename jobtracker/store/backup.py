"""Verified, rotated backups made with SQLite's online backup API, and restore.

A live database is never copied file-by-file: the backup API gives a consistent snapshot
even while the app writes. A new backup is checked with ``PRAGMA integrity_check`` before
any older one is deleted.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from jobtracker.paths import documents_dir, ensure_private_dir, make_private_file
from jobtracker.store.document_files import mirror_documents, prune_mirror
from jobtracker.store.errors import StoreError

BACKUP_PREFIX = "jobtracker-"
BACKUP_SUFFIX = ".sqlite3"
_STAMP = "%Y%m%d-%H%M%S"
_STAMP_DIGITS = re.compile(r"(\d{4})(\d\d)(\d\d)-(\d\d)(\d\d)(\d\d)")

KEEP_ALL_WITHIN = timedelta(days=2)
KEEP_DAILY = 14
KEEP_WEEKLY = 8
KEEP_MONTHLY = 12
STARTUP_BACKUP_AGE = timedelta(days=1)
MIN_INTERVAL_WHILE_CHANGING = timedelta(minutes=30)


class BackupInfo(NamedTuple):
    path: Path
    taken_at: datetime


def backup_name(taken_at: datetime) -> str:
    return f"{BACKUP_PREFIX}{taken_at.astimezone(UTC).strftime(_STAMP)}{BACKUP_SUFFIX}"


def _parse_taken_at(path: Path) -> datetime | None:
    """The UTC time in a backup's name. Read without strptime, whose first call costs every
    start a few milliseconds (it builds its locale tables)."""
    stamp = path.name.removeprefix(BACKUP_PREFIX).removesuffix(BACKUP_SUFFIX)
    digits = _STAMP_DIGITS.fullmatch(stamp)
    if digits is None:
        return None
    try:
        year, month, day, hour, minute, second = map(int, digits.groups())
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError:  # a 13th month, a 32nd day ...
        return None


def list_backups(backups_dir: Path) -> list[BackupInfo]:
    """Backups in ``backups_dir``, newest first (names carry their UTC time)."""
    if not backups_dir.is_dir():
        return []
    found = []
    for path in backups_dir.glob(f"{BACKUP_PREFIX}*{BACKUP_SUFFIX}"):
        taken_at = _parse_taken_at(path)
        if taken_at is not None:
            found.append(BackupInfo(path, taken_at))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def integrity_problem(path: Path) -> str | None:
    """What ``PRAGMA integrity_check`` finds wrong with ``path``, or None when it is sound."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            rows = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return None if rows == ["ok"] else "; ".join(rows[:3])


def newest_verified_backup(backups_dir: Path) -> BackupInfo | None:
    for backup in list_backups(backups_dir):
        if integrity_problem(backup.path) is None:
            return backup
    return None


def _backup_pages(source: Path, destination: Path, *, single_file: bool) -> None:
    """Copy every page of ``source`` into ``destination`` with the online backup API.

    ``single_file`` leaves the copy in rollback-journal mode, so it can be moved, verified or
    opened read-only without -wal/-shm files appearing beside it.
    """
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(destination)
            try:
                src.backup(dst)
                if single_file:
                    dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise StoreError(f"Could not copy {source} to {destination}: {exc}") from exc


def copy_database(source: Path, destination: Path) -> None:
    """Copy a database into a new single file only the user can read (removed on failure)."""
    destination.unlink(missing_ok=True)
    destination.touch(mode=0o600)
    make_private_file(destination)
    try:
        _backup_pages(source, destination, single_file=True)
    except StoreError:
        destination.unlink(missing_ok=True)
        raise


def create_backup(database_path: Path, backups_dir: Path, now: datetime) -> BackupInfo:
    """Take a backup, verify it, and only then rotate older ones away."""
    ensure_private_dir(backups_dir)
    final = backups_dir / backup_name(now)
    partial = final.with_name(final.name + ".partial")
    copy_database(database_path, partial)
    problem = integrity_problem(partial)
    if problem is not None:
        partial.unlink(missing_ok=True)
        raise StoreError(f"The new backup failed its integrity check ({problem}); kept the old.")
    partial.replace(final)
    rotate(backups_dir, now)
    missing = mirror_documents(final, documents_dir(database_path), backups_dir / "documents")
    prune_mirror(backups_dir / "documents", sorted(backups_dir.glob("*.sqlite3")))
    if missing:
        raise StoreError(f"Backed up {database_path.name} to {final}, but not every document: "
                         f"{'; '.join(missing)}. Run jobtracker check.")  # fmt: skip
    return BackupInfo(final, _parse_taken_at(final) or now)


def _newest_per_bucket(
    times: list[datetime], bucket: Callable[[datetime], object], count: int
) -> set[datetime]:
    """The newest time in each of the ``count`` most recent buckets (times newest first)."""
    kept: dict[object, datetime] = {}
    for taken_at in times:
        key = bucket(taken_at)
        if key not in kept:
            if len(kept) == count:
                break
            kept[key] = taken_at
    return set(kept.values())


def backups_to_keep(times: Iterable[datetime], now: datetime) -> set[datetime]:
    """Everything from the last 2 days, then one a day for 14 days, a week for 8, a month for 12.

    Buckets are calendar days, ISO weeks and months in UTC; each keeps its newest backup.
    """
    ordered = sorted(times, reverse=True)
    keep = {t for t in ordered if now - t <= KEEP_ALL_WITHIN}
    keep |= _newest_per_bucket(ordered, lambda t: t.date(), KEEP_DAILY)
    keep |= _newest_per_bucket(ordered, lambda t: t.isocalendar()[:2], KEEP_WEEKLY)
    keep |= _newest_per_bucket(ordered, lambda t: (t.year, t.month), KEEP_MONTHLY)
    return keep


def rotate(backups_dir: Path, now: datetime) -> list[Path]:
    """Delete the backups the rotation no longer promises to keep; return what went."""
    backups = list_backups(backups_dir)
    keep = backups_to_keep((b.taken_at for b in backups), now)
    removed = [b.path for b in backups if b.taken_at not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def startup_backup_due(backups_dir: Path, now: datetime) -> bool:
    """At start, back up when there is none or the newest is over a day old."""
    backups = list_backups(backups_dir)
    return not backups or now - backups[0].taken_at > STARTUP_BACKUP_AGE


def periodic_backup_due(last_backup_at: datetime | None, now: datetime, changed: bool) -> bool:
    """While the app runs: back up changed data, but at most every 30 minutes."""
    if not changed:
        return False
    return last_backup_at is None or now - last_backup_at >= MIN_INTERVAL_WHILE_CHANGING


def replaced_name(database_path: Path, now: datetime) -> Path:
    stamp = now.astimezone(UTC).strftime(_STAMP)
    return database_path.with_name(f"{database_path.name}.replaced-{stamp}")


def restore_backup(backup_file: Path, database_path: Path, now: datetime) -> Path | None:
    """Put ``backup_file`` in place of the database, keeping the replaced file aside.

    The caller holds the writer lock. Returns where the replaced database was kept.
    """
    problem = integrity_problem(backup_file)
    if problem is not None:
        raise StoreError(f"{backup_file} is not a sound database ({problem}); nothing restored.")
    aside = None
    if database_path.exists():
        aside = replaced_name(database_path, now)
        if integrity_problem(database_path) is None:
            copy_database(database_path, aside)
        else:  # a damaged file cannot be copied page by page: move it, journal and all
            database_path.replace(aside)
            for suffix in ("-wal", "-shm"):
                sidecar = database_path.with_name(database_path.name + suffix)
                if sidecar.exists():
                    sidecar.replace(aside.with_name(aside.name + suffix))
    _backup_pages(backup_file, database_path, single_file=False)
    make_private_file(database_path)
    # the documents the backup lists, from the backups' documents folder beside it
    mirror_documents(database_path, backup_file.parent / "documents", documents_dir(database_path))
    return aside
