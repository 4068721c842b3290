"""Opening the database: checks before touching it, pragmas, lock, migrations."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

from peewee import SqliteDatabase

from jobtracker.paths import backups_dir, ensure_private_dir
from jobtracker.store import backup, migrations
from jobtracker.store.check import OpenCheck, check_openable
from jobtracker.store.errors import (
    AccessDeniedError,
    DamagedLogError,
    ReadOnlyDatabaseError,
    StoreError,
)
from jobtracker.store.faults import (
    denied_message,
    explain,
    is_read_only_mount,
    read_only_message,
)
from jobtracker.store.files import PartialFile, remove_leftovers, sqlite_uri
from jobtracker.store.identity import log_in_use
from jobtracker.store.lock import WriterLock, writer_active
from jobtracker.store.models import database
from jobtracker.store.reading import private_copy
from jobtracker.store.wal import keep_aside

BUSY_TIMEOUT_MS = 5000
#: synchronous=FULL: a commit survives a power cut too, not only an app crash; a move stays
#: within its target under FULL (tests/benchmarks/bench_store.py reports it, with the fsync
#: time beside the moves), so durability wins.
#: cache_size: a smaller page cache than SQLite's default. The board's reads scan whole
#: tables larger than either, so a bigger cache holds pages the next scan passes over again,
#: and the operating system caches the file anyway (less memory, the same speed: see
#: bench_store.py and bench_board.py).
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": BUSY_TIMEOUT_MS,
    "synchronous": "full",
    "cache_size": -512,
}
#: a reading connection changes nothing in the file: no journal mode, no sync setting
READ_PRAGMAS = {"foreign_keys": 1, "busy_timeout": BUSY_TIMEOUT_MS, "cache_size": -512}


class Store:
    """An open database file. Writable stores hold the writer lock until closed.

    ``notices`` are things the person should hear about that did not stop the opening
    (a damaged write-ahead log kept aside); ``read_from`` is the file reads come from,
    ``path`` itself or a private copy of it (see :func:`open_store`).
    """

    def __init__(
        self,
        path: Path,
        db: SqliteDatabase,
        lock: WriterLock | None,
        *,
        notices: tuple[str, ...] = (),
        read_from: Path | None = None,
    ) -> None:
        self.path = path
        self.db = db
        self._lock = lock
        self.notices = notices
        self.read_from = read_from or path

    @property
    def writable(self) -> bool:
        return self._lock is not None

    @property
    def backups_dir(self) -> Path:
        return backups_dir(self.path)

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        if self.read_from != self.path:
            shutil.rmtree(self.read_from.parent, ignore_errors=True)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _connect(path: Path) -> SqliteDatabase:
    db = SqliteDatabase(str(path), pragmas=PRAGMAS, check_same_thread=False)
    database.initialize(db)
    db.connect()
    return db


def _connect_read_only(path: Path) -> SqliteDatabase:
    """A connection that writes nothing to ``path``: no journal-mode change, no checkpoint,
    and no ``-wal``/``-shm`` files made where no log is in use (see
    :func:`identity.read_only_connection`)."""
    uri = sqlite_uri(path) + ("" if log_in_use(path) else "&immutable=1")
    db = SqliteDatabase(uri, uri=True, pragmas=READ_PRAGMAS, check_same_thread=False)
    try:
        db.connect()
        db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except Exception as exc:  # sqlite3's errors, or peewee's wrappers of them
        db.close()
        raise explain(exc, path) or exc from exc
    database.initialize(db)
    return db


def _migrate(db: SqliteDatabase, path: Path) -> None:
    """Upgrade the schema, copying an existing file aside first."""
    if not migrations.pending_versions(db):
        return
    old_version = migrations.schema_version(db)
    if old_version > 0:
        folder = ensure_private_dir(backups_dir(path))
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        backup.verified_copy(path, folder / f"pre-migration-v{old_version}-{stamp}.sqlite3")
    migrations.apply_migrations(db)


def _create(path: Path) -> None:
    """Make a new database at ``path``: built complete as a ``*.partial`` beside it, then
    given its name, so no empty or half-made file is ever left at ``path``.

    The partial file is synced to disk once, whole, before it is named: its migrations need
    not each reach the disk (a crash midway leaves only a partial file, cleared later)."""
    with PartialFile(path.parent, path.name + ".new-") as partial:
        db = SqliteDatabase(str(partial.path), pragmas={"synchronous": "off"})
        db.connect()
        try:
            migrations.apply_migrations(db)
        finally:
            db.close()
        partial.sync()
        try:
            os.link(partial.path, path)
        except FileExistsError:
            pass  # made meanwhile by a process that held the lock before ours
        except OSError:  # no hard links here: a rename, as nobody else writes now
            partial.path.replace(path)
        partial.path.unlink(missing_ok=True)


def refuse_if_read_only(path: Path) -> None:
    """A file the user made read-only, or one on a read-only disk, is read and never
    written (nor made writable again); one this user may not write is refused as such."""
    if not path.exists():
        return
    if not path.stat().st_mode & 0o200 or is_read_only_mount(path):
        raise ReadOnlyDatabaseError(read_only_message(path))
    if not os.access(path, os.W_OK):
        raise AccessDeniedError(denied_message(path))


def _open_snapshot(path: Path, notice: str | None) -> Store:
    """Read a private copy of the file and its log, which SQLite's recovery may change as it
    likes: for a damaged log (the file and its log stay as they are), or where the log's
    index cannot be made beside them (a full or read-only disk)."""
    copy = private_copy(path)
    try:
        db = _connect(copy)
    except BaseException:
        shutil.rmtree(copy.parent, ignore_errors=True)
        raise
    return Store(path, db, None, notices=(notice,) if notice else (), read_from=copy)


def _open_reader(path: Path) -> Store:
    try:
        db = _connect_read_only(path)
    except StoreError:
        if not log_in_use(path) or writer_active(path):
            raise
        return _open_snapshot(path, None)  # a log left by a crash, on a disk that is full
    return Store(path, db, None)


def _open_writer(path: Path, owner: str, damage: DamagedLogError | None) -> Store:
    refuse_if_read_only(path)
    ensure_private_dir(path.parent)
    lock = WriterLock(path, owner)
    notices: tuple[str, ...] = ()
    try:
        if damage is not None:
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            kept = keep_aside(path, path.with_name(f"{path.name}.damaged-log-{stamp}"))
            notices = (
                f"{damage} The database and its log were copied to {kept} as they were; "
                "jobtracker goes on with the changes saved before the damage.",
            )
            check_openable(path, log_kept=True)
        for folder in (path.parent, backups_dir(path)):  # what killed copies left
            if folder.is_dir():
                remove_leftovers(folder)
        if not path.exists():
            _create(path)
        db = _connect(path)
        _migrate(db, path)
    except BaseException:
        lock.release()
        raise
    return Store(path, db, lock, notices=notices)


def open_store(
    path: Path,
    *,
    owner: str = "jobtracker",
    readonly: bool = False,
    check: OpenCheck | None = None,
) -> Store:
    """Open (creating or upgrading) the database at ``path``.

    ``readonly`` opens take no lock and write nothing, so reading commands work while the
    app runs; they still refuse damaged, foreign or newer files, and an older schema needs a
    writer to upgrade it. ``check`` is the file's checks started earlier (else made here).

    A damaged write-ahead log (see :mod:`wal`) is copied aside, with the database, before a
    writer opens it; a reader reads a private copy of both. ``Store.notices`` says so.
    """
    path = Path(path)
    damage = None
    try:
        if check is None:
            check_openable(path)
        else:
            if check.path != path:
                raise ValueError(f"the check was made for {check.path}, not {path}")
            check.wait()
    except DamagedLogError as found:
        damage = found
    if readonly and path.exists():
        if damage is not None:
            notice = f"{damage} Shown: the changes saved before the damage. Nothing was changed."
            return _open_snapshot(path, notice)
        store = _open_reader(path)
        if not migrations.pending_versions(store.db):
            return store
        store.close()
        return open_store(path, owner=owner)
    try:
        return _open_writer(path, owner, damage)
    except OSError as exc:
        raise explain(exc, path) or exc from exc


def integrity_report(store: Store) -> list[str]:
    """Problems found by integrity and foreign-key checks; empty when all is well."""
    problems = [row[0] for row in store.db.execute_sql("PRAGMA integrity_check")]
    problems = [] if problems == ["ok"] else problems
    for table, rowid, parent, _ in store.db.execute_sql("PRAGMA foreign_key_check"):
        problems.append(f"{table} row {rowid} points to a missing {parent}")
    return problems


__all__ = ["Store", "StoreError", "integrity_report", "open_store"]
