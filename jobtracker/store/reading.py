"""A database file opened to read only, on plain sqlite3: what the reading commands
(``stats``, ``list``) use, without loading peewee and the models.

It refuses what the store's own open refuses (a missing, unreadable, foreign or newer
file; one damaged where it reads) with the same messages, writes nothing and makes nothing
beside the file (see :func:`identity.read_only_connection`), and reads a private copy where
a log cannot be read in place without writing beside it (a damaged log; a log left by a
crash, whose index would have to be made; a log whose index cannot be made on a full or
read-only disk). A file of an older schema is upgraded first, as any open does.

The window's start reads its first frame with :func:`open_checked`, before a writer opens
the file, on the checks it started while Qt loads.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path

from jobtracker.paths import make_private_file
from jobtracker.store.check import OpenCheck, check_openable, corrupt_message, refuse_unusable
from jobtracker.store.errors import CorruptDatabaseError, DamagedLogError, StoreError
from jobtracker.store.faults import explain, sqlite_fault
from jobtracker.store.identity import log_in_use, read_only_connection
from jobtracker.store.lock import writer_active
from jobtracker.store.migrations import CURRENT_VERSION
from jobtracker.store.wal import log_path

#: how long a read waits for a writer's lock (a checkpoint, a log's recovery)
BUSY_TIMEOUT_S = 5.0


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class ReadOnlyFile:
    """One snapshot of a database file: every :meth:`execute` sees the same commits.

    A caller gives out nothing it read before :meth:`confirm_sound` has passed: SQLite's
    check of the pages of each table read (and its indexes), on this snapshot, or
    ``checked`` (the whole file's checks, started earlier). A read is vouched for by the
    pages it could have read, not by the whole file's: SQLite names the tables each
    statement reads as it prepares it (its authorizer). ``notices`` are what the person
    should hear about (a damaged log: what is shown); ``read_from`` is the file read,
    ``path`` itself or a private copy removed on close.
    """

    def __init__(
        self,
        path: Path,
        connection: sqlite3.Connection,
        *,
        read_from: Path | None = None,
        notices: tuple[str, ...] = (),
        checked: OpenCheck | None = None,
    ) -> None:
        self.path = path
        self.read_from = read_from or path
        self.notices = notices
        self._connection = connection
        self._pages = checked
        self._tables_read: set[str] = set()
        self._tables_checked: set[str] = set()
        if checked is None:
            connection.set_authorizer(self._note_read)
        connection.execute("BEGIN")  # one snapshot for every read

    def _note_read(self, action: int, table: str | None, *_: str | None) -> int:
        """SQLite's authorizer: notes each table a statement reads, as it is prepared."""
        if action == sqlite3.SQLITE_READ and table:
            self._tables_read.add(table)
        return sqlite3.SQLITE_OK

    def confirm_sound(self) -> None:
        """Check the pages of the tables read since the last call (or wait for the whole
        file's checks); raise what was found (a damaged file is
        :class:`CorruptDatabaseError`, worded as the store's open words it)."""
        if self._pages is not None:
            self._pages.wait()
            return
        for table in sorted(self._tables_read - self._tables_checked):
            problem = self._problem(table)
            if problem is not None:
                raise CorruptDatabaseError(corrupt_message(self.path, problem))
            self._tables_checked.add(table)

    def _problem(self, table: str) -> str | None:
        """What ``quick_check`` of ``table`` and its indexes found wrong; None: sound."""
        try:
            rows = [row[0] for row in self.execute(f"PRAGMA quick_check({_quoted(table)})")]
        except sqlite3.DatabaseError as exc:
            if sqlite_fault(exc):
                raise explain(exc, self.path) or exc from exc
            return str(exc)
        return None if rows == ["ok"] else "; ".join(rows[:3])

    def execute(self, sql: str, params: Sequence[object] = ()) -> sqlite3.Cursor:
        return self._connection.execute(sql, params)

    def close(self) -> None:
        if self._pages is not None:
            with suppress(Exception):  # what the check found is confirm_sound's to raise
                self._pages.wait()
        self._connection.close()
        if self.read_from != self.path:
            shutil.rmtree(self.read_from.parent, ignore_errors=True)

    def __enter__(self) -> ReadOnlyFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def private_copy(path: Path) -> Path:
    """A copy of ``path`` and its log in a new private folder, which SQLite's recovery may
    change as it likes (the caller removes the folder)."""
    folder = Path(tempfile.mkdtemp(prefix="jobtracker-read-"))
    try:
        copy = folder / path.name
        for source, target in ((path, copy), (log_path(path), log_path(copy))):
            shutil.copyfile(source, target)
            make_private_file(target)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return copy


def _connect(path: Path, *, whole_file: bool | None = None) -> sqlite3.Connection:
    """A read-only connection that has read the schema (so a fault shows here, worded)."""
    try:
        connection = read_only_connection(path, whole_file=whole_file)
    except sqlite3.Error as exc:
        raise explain(exc, path) or exc from exc
    try:
        connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        # a sort larger than the page cache (every card's JSON, in board order) stays in
        # memory: SQLite would write it out to a temporary file and merge it back, which
        # is slower, and fails where that folder's disk is full
        connection.execute("PRAGMA temp_store = MEMORY")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        connection.close()
        raise explain(exc, path) or exc from exc
    return connection


def _open_copy(path: Path, copy: Path, notice: str | None) -> ReadOnlyFile:
    """Read ``copy`` (see :func:`private_copy`), removed on close or failure."""
    try:
        connection = _connect(copy, whole_file=False)
    except BaseException:
        shutil.rmtree(copy.parent, ignore_errors=True)
        raise
    return ReadOnlyFile(path, connection, read_from=copy, notices=(notice,) if notice else ())


def _log_left_behind(path: Path) -> bool:
    """A log with frames that no running jobtracker owns and that has no index: reading
    it in place would make the index beside it (or fail where the disk is read-only)."""
    if writer_active(path) or path.with_name(path.name + "-shm").exists():
        return False
    try:
        return log_path(path).stat().st_size > 0
    except OSError:
        return False


def _open_in_place(path: Path) -> ReadOnlyFile:
    try:
        connection = _connect(path)
    except StoreError:
        if not log_in_use(path) or writer_active(path):
            raise
        return _open_copy(path, private_copy(path), None)  # a log's index cannot be made
    return ReadOnlyFile(path, connection)


def _version(file: ReadOnlyFile) -> int:
    return int(file.execute("PRAGMA user_version").fetchone()[0])


def open_read_only(path: Path, *, owner: str) -> ReadOnlyFile:
    """Open ``path`` to read (``owner`` names who upgrades an older file, as a writer
    would)."""
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        raise StoreError(f"No database at {path}")
    refuse_unusable(path)  # a folder, a file this user may not read: said before any copy
    copy = private_copy(path) if _log_left_behind(path) else None
    try:
        check_openable(path, read_from=copy, pages=False)  # pages: those read, once read
    except DamagedLogError as damage:
        notice = f"{damage} Shown: the changes saved before the damage. Nothing was changed."
        return _open_copy(path, copy or private_copy(path), notice)
    except BaseException:
        if copy is not None:
            shutil.rmtree(copy.parent, ignore_errors=True)
        raise
    file = _open_in_place(path) if copy is None else _open_copy(path, copy, None)
    if _version(file) >= CURRENT_VERSION:
        return file
    file.close()
    from jobtracker.store.db import open_store  # an older schema: upgraded, as by any open

    open_store(path, owner=owner).close()
    return _open_in_place(path)


def open_checked(check: OpenCheck) -> ReadOnlyFile | None:
    """Open the file ``check`` checked to read, once it has passed (it raises what it
    found), where reading it changes nothing and needs no writer first; else None: a new
    file (created by its writer), one of an older schema (upgraded by it), one another
    process writes now (in use: said by it), or a log no running jobtracker owns (its
    index would be made beside it)."""
    check.wait()
    path = check.path
    if not path.exists() or writer_active(path) or _log_left_behind(path):
        return None
    file = ReadOnlyFile(path, _connect(path), checked=check)
    if _version(file) == CURRENT_VERSION:
        return file
    file.close()
    return None
