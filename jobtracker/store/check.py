"""Checks before a database file is opened, read without writing a byte and without peewee:
they run in a thread while the window's start loads Qt, and may read its first frame too.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from jobtracker.store.errors import CorruptDatabaseError, NewerDatabaseError, StoreError
from jobtracker.store.migrations import CURRENT_VERSION

#: the page cache of the read-only connections that check and peek at a file before it opens
CHECK_CACHE_KIB = 64

Peeked = TypeVar("Peeked")


def _read_only(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    # each read passes over its pages once: a page cache would only hold memory (in its own
    # thread's heap when started ahead, which the app never reuses)
    conn.execute(f"PRAGMA cache_size = -{CHECK_CACHE_KIB}")
    return conn


def _read_header(path: Path) -> tuple[int, int, str | None]:
    """Schema version, table count and quick_check verdict, read without writing a byte."""
    try:
        conn = _read_only(path)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'")
            table_count = tables.fetchone()[0]
            rows = [row[0] for row in conn.execute("PRAGMA quick_check")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return 0, 0, str(exc)
    return version, table_count, None if rows == ["ok"] else "; ".join(rows[:3])


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


def check_openable(path: Path) -> None:
    """Refuse a newer or damaged file before anything could write to it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    version, table_count, problem = _read_header(path)
    if problem is not None:
        raise CorruptDatabaseError(corrupt_message(path, problem))
    if version == 0 and table_count > 0:
        raise StoreError(
            f"{path} is an SQLite database, but not a jobtracker one. It was not changed. "
            "Choose another file with --db."
        )
    if version > CURRENT_VERSION:
        raise NewerDatabaseError(
            f"The database {path} was written by a newer jobtracker (schema version {version}; "
            f"this one knows up to {CURRENT_VERSION}). It was not changed. "
            "Please update jobtracker to open it."
        )


def peek(path: Path, read: Callable[[sqlite3.Connection], Peeked]) -> Peeked | None:
    """``read`` over one read-only snapshot of a file at the current schema version; None
    for a file that does not exist yet, needs an upgrade, or cannot be read (opening it
    properly then says why)."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        conn = _read_only(path)
        try:
            if conn.execute("PRAGMA user_version").fetchone()[0] != CURRENT_VERSION:
                return None
            conn.execute("BEGIN")  # every read from the same snapshot
            return read(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        return None


class OpenCheck(Generic[Peeked]):
    """:func:`check_openable` started ahead, in a thread: ``quick_check`` reads every page
    (11 ms at 10,000 cards) and SQLite lets go of the GIL while it reads, so the window's
    start imports Qt meanwhile. :func:`open_store` waits for it and raises what it found.

    Given ``read``, the thread then reads a sound file with it (:func:`peek`): the window
    paints its first frame from that before the store's modules load.
    """

    def __init__(
        self, path: Path, read: Callable[[sqlite3.Connection], Peeked] | None = None
    ) -> None:
        self.path = Path(path)
        self._read = read
        self._problem: Exception | None = None
        self._peeked: Peeked | None = None
        self._thread = threading.Thread(target=self._run, name="database check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            check_openable(self.path)
            if self._read is not None:
                self._peeked = peek(self.path, self._read)
        except Exception as problem:  # whatever it is, raised again by wait() in the opener
            self._problem = problem

    def wait(self) -> None:
        self._thread.join()
        if self._problem is not None:
            raise self._problem

    def peeked(self) -> Peeked | None:
        """What ``read`` found; None where it did not run or the file is not sound (then
        :meth:`wait` raises why)."""
        self._thread.join()
        return None if self._problem is not None else self._peeked
