"""Verified, rotated backups made with SQLite's online backup API, and restore.

A live database is never copied file-by-file: the backup API gives a consistent snapshot
even while the app writes. A new backup is checked with ``PRAGMA integrity_check`` before
any older one is deleted.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from jobtracker.paths import documents_dir, ensure_private_dir
from jobtracker.store.document_files import mirror_documents, prune_mirror
from jobtracker.store.errors import StoreError
from jobtracker.store.faults import explain
from jobtracker.store.files import (
    PartialFile,
    install_unique,
    remove_leftovers,
    sqlite_uri,
    sync_folder,
)
from jobtracker.store.identity import read_facts
from jobtracker.store.migrations import CURRENT_VERSION

BACKUP_PREFIX = "jobtracker-"
BACKUP_SUFFIX = ".sqlite3"
_STAMP = "%Y%m%d-%H%M%S"
#: a second backup within the same second is numbered: jobtracker-20260310-090000-2.sqlite3
_STAMP_DIGITS = re.compile(r"(\d{4})(\d\d)(\d\d)-(\d\d)(\d\d)(\d\d)(?:-(\d+))?")

KEEP_ALL_WITHIN = timedelta(days=2)
KEEP_DAILY = 14
KEEP_WEEKLY = 8
KEEP_MONTHLY = 12
STARTUP_BACKUP_AGE = timedelta(days=1)
MIN_INTERVAL_WHILE_CHANGING = timedelta(minutes=30)


class BackupInfo(NamedTuple):
    path: Path
    taken_at: datetime
    #: 1, or 2, 3 ... for later backups within the same second
    number: int = 1


def backup_name(taken_at: datetime) -> str:
    return f"{BACKUP_PREFIX}{taken_at.astimezone(UTC).strftime(_STAMP)}{BACKUP_SUFFIX}"


def _parse_name(path: Path) -> BackupInfo | None:
    """The UTC time (and number) in a backup's name. Read without strptime, whose first
    call costs every start a few milliseconds (it builds its locale tables)."""
    stamp = path.name.removeprefix(BACKUP_PREFIX).removesuffix(BACKUP_SUFFIX)
    digits = _STAMP_DIGITS.fullmatch(stamp)
    if digits is None:
        return None
    year, month, day, hour, minute, second = (int(part) for part in digits.groups()[:6])
    try:
        taken_at = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError:  # a 13th month, a 32nd day ...
        return None
    return BackupInfo(path, taken_at, int(digits.group(7) or 1))


def list_backups(backups_dir: Path) -> list[BackupInfo]:
    """Backups in ``backups_dir``, newest first (names carry their UTC time)."""
    if not backups_dir.is_dir():
        return []
    parsed = (_parse_name(path) for path in backups_dir.glob(f"{BACKUP_PREFIX}*{BACKUP_SUFFIX}"))
    found = [info for info in parsed if info is not None]
    return sorted(found, key=lambda b: (b.taken_at, b.number), reverse=True)


def integrity_problem(path: Path) -> str | None:
    """Why ``path`` is not a sound jobtracker database this version can open, or None.

    Sound means ``PRAGMA integrity_check`` passes *and* the file is ours and complete: an
    empty file or another program's database passes SQLite's checks too.
    """
    try:
        if path.stat().st_size == 0:
            return "the file is empty (0 bytes)"
    except OSError as exc:
        return exc.strerror or str(exc)
    facts = read_facts(path, thorough=True)
    if facts.problem is not None:
        return facts.problem
    if facts.is_blank:
        return "it is an empty SQLite database, not a jobtracker one"
    if not facts.is_ours or not facts.is_complete:
        return "it is an SQLite database, but not a jobtracker one"
    if facts.is_newer:
        return (
            f"it was written by a newer jobtracker (schema version {facts.version}; this one "
            f"knows up to {CURRENT_VERSION})"
        )
    return None


def newest_verified_backup(backups_dir: Path) -> BackupInfo | None:
    for backup in list_backups(backups_dir):
        if integrity_problem(backup.path) is None:
            return backup
    return None


def backup_pages(source: Path, destination: Path, *, single_file: bool) -> None:
    """Copy every page of ``source`` into ``destination`` with the online backup API.

    ``single_file`` leaves the copy in rollback-journal mode, so it can be moved, verified or
    opened read-only without -wal/-shm files appearing beside it.
    """
    try:
        src = sqlite3.connect(sqlite_uri(source), uri=True)
        try:
            dst = sqlite3.connect(sqlite_uri(destination, "rw"), uri=True)
            try:
                src.backup(dst)
                if single_file:
                    dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        fault = explain(exc, destination)
        raise fault or StoreError(f"Could not copy {source} to {destination}: {exc}") from exc


def fsync_file(path: Path) -> None:
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def copy_checked(source: Path, destination: Path, consequence: str) -> None:
    """Copy ``source`` page by page into the new file ``destination``, flush it to the disk
    and check it; a copy failing the check raises ``StoreError`` ending in ``consequence``."""
    backup_pages(source, destination, single_file=True)
    fsync_file(destination)
    problem = integrity_problem(destination)
    if problem is not None:
        raise StoreError(
            f"The copy of {source} failed its integrity check ({problem}); {consequence}."
        )


def verified_copy(source: Path, wanted: Path) -> Path:
    """Copy a database into a new single file only the user can read, verify it and name it
    ``wanted`` (numbered when that is taken; nothing is replaced). Returns its path.

    The copy is made as ``*.partial`` beside it, locked while it is written, so a copy killed
    midway is recognised and removed later (:func:`files.remove_leftovers`).
    """
    with PartialFile(wanted.parent, wanted.name + ".") as partial:
        copy_checked(source, partial.path, "it was not kept, and no older copy was removed")
        final = install_unique(partial.path, wanted)
    sync_folder(wanted.parent)
    return final


def create_backup(database_path: Path, backups_dir: Path, now: datetime) -> BackupInfo:
    """Take a backup, verify it, and only then rotate older ones away."""
    ensure_private_dir(backups_dir)
    remove_leftovers(backups_dir)
    final = verified_copy(database_path, backups_dir / backup_name(now))
    rotate(backups_dir, now)
    missing = mirror_documents(final, documents_dir(database_path), backups_dir / "documents")
    prune_mirror(backups_dir / "documents", sorted(backups_dir.glob("*.sqlite3")))
    if missing:
        raise StoreError(f"Backed up {database_path.name} to {final}, but not every document: "
                         f"{'; '.join(missing)}. Run jobtracker check.")  # fmt: skip
    return _parse_name(final) or BackupInfo(final, now)


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
    """Where a restore keeps the file it replaces (numbered when that second is taken)."""
    stamp = now.astimezone(UTC).strftime(_STAMP)
    return database_path.with_name(f"{database_path.name}.replaced-{stamp}")
