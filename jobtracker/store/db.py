"""Opening the database: checks before touching it, pragmas, lock, migrations."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from peewee import SqliteDatabase

from jobtracker.paths import backups_dir, ensure_private_dir, make_private_file
from jobtracker.store import backup, migrations
from jobtracker.store.check import OpenCheck, check_openable
from jobtracker.store.errors import StoreError
from jobtracker.store.lock import WriterLock
from jobtracker.store.models import database

BUSY_TIMEOUT_MS = 5000
#: synchronous=FULL (DESIGN.md): a commit survives a power cut too, not only an app crash.
#: Measured on a quiet machine (tests/benchmarks/bench_store.py): a move's p95 is 0.56 ms
#: under FULL against 0.25 ms under NORMAL, inside the 2 ms target, so durability wins.
#: Under heavy disk load fsync spikes can push single moves over it; the benchmark reports
#: the fsync time beside the moves so such runs show why.
#: cache_size: 512 KiB of pages instead of SQLite's 2 MiB. The board's reads scan whole
#: tables larger than either (10,000 cards take 6 MB), so a bigger cache holds pages the next
#: scan passes over again, and the operating system caches the file anyway. Measured at
#: 10,000 cards: 1.5 MB less memory, all cards read and a move's p95 unchanged within noise
#: (tests/benchmarks/bench_store.py, bench_board.py).
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": BUSY_TIMEOUT_MS,
    "synchronous": "full",
    "cache_size": -512,
}


class Store:
    """An open database file. Writable stores hold the writer lock until closed."""

    def __init__(self, path: Path, db: SqliteDatabase, lock: WriterLock | None) -> None:
        self.path = path
        self.db = db
        self._lock = lock

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

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _connect(path: Path) -> SqliteDatabase:
    db = SqliteDatabase(str(path), pragmas=PRAGMAS, check_same_thread=False)
    database.initialize(db)
    db.connect()
    return db


def _migrate(db: SqliteDatabase, path: Path) -> None:
    """Upgrade the schema, copying an existing file aside first."""
    if not migrations.pending_versions(db):
        return
    old_version = migrations.schema_version(db)
    if old_version > 0:
        folder = ensure_private_dir(backups_dir(path))
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        backup.copy_database(path, folder / f"pre-migration-v{old_version}-{stamp}.sqlite3")
    migrations.apply_migrations(db)


def open_store(
    path: Path,
    *,
    owner: str = "jobtracker",
    readonly: bool = False,
    check: OpenCheck[Any] | None = None,
) -> Store:
    """Open (creating or upgrading) the database at ``path``.

    ``readonly`` opens take no lock, so reading commands work while the app runs; they
    still refuse damaged or newer files, and an older schema needs a writer to upgrade it.
    ``check`` is the file's checks started earlier (else they are made here).
    """
    path = Path(path)
    if check is None:
        check_openable(path)
    else:
        if check.path != path:
            raise ValueError(f"the check was made for {check.path}, not {path}")
        check.wait()
    if readonly and path.exists():
        db = _connect(path)
        if migrations.pending_versions(db):
            db.close()
            return open_store(path, owner=owner)
        return Store(path, db, None)
    ensure_private_dir(path.parent)
    lock = WriterLock(path, owner)
    try:
        if not path.exists():
            path.touch(mode=0o600)
        make_private_file(path)
        db = _connect(path)
        _migrate(db, path)
        for suffix in ("-wal", "-shm"):
            sidecar = path.with_name(path.name + suffix)
            if sidecar.exists():
                make_private_file(sidecar)
    except BaseException:
        lock.release()
        raise
    return Store(path, db, lock)


def integrity_report(store: Store) -> list[str]:
    """Problems found by integrity and foreign-key checks; empty when all is well."""
    problems = [row[0] for row in store.db.execute_sql("PRAGMA integrity_check")]
    problems = [] if problems == ["ok"] else problems
    for table, rowid, parent, _ in store.db.execute_sql("PRAGMA foreign_key_check"):
        problems.append(f"{table} row {rowid} points to a missing {parent}")
    return problems


__all__ = ["Store", "StoreError", "integrity_report", "open_store"]
