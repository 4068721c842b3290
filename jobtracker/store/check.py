"""Checks before a database file is opened, read without writing a byte and without peewee:
they run in a thread while the window's start loads Qt.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path

from jobtracker.store.errors import (
    AccessDeniedError,
    CorruptDatabaseError,
    DamagedLogError,
    ForeignFileError,
    NewerDatabaseError,
    StoreError,
)
from jobtracker.store.identity import FileFacts, read_facts
from jobtracker.store.lock import writer_active
from jobtracker.store.migrations import CURRENT_VERSION
from jobtracker.store.wal import find_damage


def corrupt_message(path: Path, problem: str) -> str:
    """What is wrong, the newest verified backup and how to restore it."""
    from jobtracker.paths import backups_dir  # only for a damaged file: not on every start
    from jobtracker.store import backup

    newest = backup.newest_verified_backup(backups_dir(path))
    lines = [f"The database {path} is damaged ({problem}). It was not changed."]
    if newest is None:
        lines.append("No verified backup was found.")
    else:
        taken = newest.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
        lines.append(f"The newest verified backup is {newest.path} (taken {taken}).")
        lines.append(f"Restore it with: jobtracker --db {path} restore {newest.path}")
    return "\n".join(lines)


def empty_file_message(path: Path) -> str:
    return (
        f"{path} is an empty file (0 bytes) that jobtracker did not create. It was not "
        "changed. Delete it to start a new database there, or choose another file with --db."
    )


def refuse_unusable(path: Path) -> None:
    """Refuse a path that is not a readable, non-empty file, saying which of those it is."""
    if path.is_dir():
        raise StoreError(
            f"{path} is a folder, not a database file. Give a file's path with --db, "
            f"e.g. {path / 'jobtracker.sqlite3'}."
        )
    try:
        with path.open("rb"):
            pass
    except PermissionError as exc:
        raise AccessDeniedError(
            f"jobtracker may not read {path} (permission denied). Check who owns it "
            "and its permissions."
        ) from exc
    if path.stat().st_size == 0:
        raise ForeignFileError(empty_file_message(path))


def refuse_foreign(path: Path, facts: FileFacts) -> None:
    """Refuse what is not a sound jobtracker database this version can open."""
    # a file that is not SQLite at all may be ours destroyed: it is called damaged, which
    # writes nothing either and offers the newest backup
    if facts.problem is not None:
        raise CorruptDatabaseError(corrupt_message(path, facts.problem))
    if facts.is_blank:
        raise ForeignFileError(
            f"{path} is an empty SQLite database that jobtracker did not create. It was not "
            "changed. Delete it to start a new database there, or choose another file with --db."
        )
    if not facts.is_ours:
        raise ForeignFileError(
            f"{path} is an SQLite database, but not a jobtracker one. It was not changed. "
            "Choose another file with --db."
        )
    if facts.is_newer:
        raise NewerDatabaseError(
            f"The database {path} was written by a newer jobtracker (schema version "
            f"{facts.version}; this one knows up to {CURRENT_VERSION}). It was not changed. "
            "Please update jobtracker to open it."
        )
    if not facts.is_complete:
        raise CorruptDatabaseError(corrupt_message(path, "tables are missing"))


def check_openable(
    path: Path, *, log_kept: bool = False, read_from: Path | None = None, pages: bool = True
) -> None:
    """Refuse a file that is not ours, newer, damaged, empty or unreadable before anything
    could write to it; a missing file passes (it is created).

    A damaged write-ahead log raises :class:`DamagedLogError` before SQLite opens the file
    (opening would drop the commits after the damage), unless a running jobtracker owns the
    log or ``log_kept`` says it has been copied aside. ``read_from`` is a private copy of
    the file and its log for SQLite to read instead (a reader's, where reading in place
    would make the log's index beside the file). Without ``pages``, SQLite's check of
    every page is left to the caller (a reader checks the tables it reads: see
    :class:`~jobtracker.store.reading.ReadOnlyFile`).
    """
    if not path.exists() and not path.is_symlink():
        return
    refuse_unusable(path)
    if not log_kept and not writer_active(path):
        damage = find_damage(path)
        if damage is not None:
            raise DamagedLogError(damage.describe() + ".")
    refuse_foreign(path, read_facts(read_from or path, pages=pages))


class OpenCheck:
    """:func:`check_openable` (or ``check``) started ahead, in a thread: ``quick_check``
    reads every page, and the window's start imports Qt meanwhile (SQLite releases the GIL
    while it reads). :func:`open_store` and the readers wait for it and raise what it
    found."""

    def __init__(self, path: Path, check: Callable[[], None] | None = None) -> None:
        self.path = Path(path)
        self._check = check or partial(check_openable, self.path)
        self._problem: Exception | None = None
        self._thread = threading.Thread(target=self._run, name="database check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._check()
        except Exception as problem:  # whatever it is, raised again by wait()
            self._problem = problem

    def wait(self) -> None:
        self._thread.join()
        if self._problem is not None:
            raise self._problem
