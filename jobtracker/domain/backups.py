"""When to back up: at the start of a session, and at most every 30 minutes while data changes.

Qt-free, so the window drives it from a timer and the tests drive it with a fake clock.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from jobtracker.domain.clock import SYSTEM_CLOCK, Clock
from jobtracker.paths import backups_dir, ensure_private_dir
from jobtracker.store import backup, migrations, restore
from jobtracker.store.backup import BackupInfo, list_backups
from jobtracker.store.db import Store
from jobtracker.store.lock import WriterLock
from jobtracker.store.models import ALL_MODELS, Application, Stage

__all__ = [
    "BackupInfo",
    "BackupPolicy",
    "backup_before_replacing",
    "holds_user_data",
    "list_backups",
    "newest_verified_backup",
    "restore_file",
    "restore_in_place",
    "startup_backup",
    "take_backup",
]


def _change_counter(store: Store) -> tuple[int, int]:
    """Grows with every write: this connection's own changes, and other connections' commits."""
    connection = store.db.connection()
    other_commits = connection.execute("PRAGMA data_version").fetchone()[0]
    return connection.total_changes, other_commits


class BackupPolicy:
    """Backs up the open store when it is due. Call :meth:`maybe_backup` from a timer.

    ``maybe_backup`` backs up only when the data changed since the last backup (or since
    the policy was made) and the last backup is at least 30 minutes old. A failed backup
    raises ``StoreError`` and leaves the older backups in place; the next call tries again.
    """

    def __init__(self, store: Store, clock: Clock = SYSTEM_CLOCK) -> None:
        self._store = store
        self._clock = clock
        newest = backup.list_backups(store.backups_dir)
        self._last_backup_at: datetime | None = newest[0].taken_at if newest else None
        self._seen = _change_counter(store)

    @property
    def last_backup_at(self) -> datetime | None:
        return self._last_backup_at

    def data_changed(self) -> bool:
        return _change_counter(self._store) != self._seen

    def maybe_backup(self) -> backup.BackupInfo | None:
        """Take a backup if data changed and the last one is 30 minutes old; else None.

        Does nothing once the store is closed (a timer may fire after the window shut it).
        """
        if self._store.db.is_closed():
            return None
        if not backup.periodic_backup_due(
            self._last_backup_at, self._clock.now(), self.data_changed()
        ):
            return None
        return self.backup_now()

    def backup_now(self) -> backup.BackupInfo:
        """Take a verified backup now and rotate the old ones (what ``jobtracker backup`` does)."""
        counter = _change_counter(self._store)
        taken = backup.create_backup(self._store.path, self._store.backups_dir, self._clock.now())
        self._seen, self._last_backup_at = counter, taken.taken_at
        return taken


def startup_backup(store: Store, clock: Clock = SYSTEM_CLOCK) -> backup.BackupInfo | None:
    """The start-of-session backup: when there is data and the newest backup is a day old."""
    now = clock.now()
    if not backup.startup_backup_due(store.backups_dir, now):
        return None
    if Application.select().count() == 0:
        return None
    return backup.create_backup(store.path, store.backups_dir, now)


def holds_user_data() -> bool:
    """Whether the open database holds anything a person made: any row beyond the stages a
    new database starts with, or stages changed from those."""
    for model in ALL_MODELS:
        if model is not Stage and model.select().exists():
            return True
    stages = [(s.name, s.kind, s.color) for s in Stage.select().order_by(Stage.position)]
    return stages != list(migrations.DEFAULT_STAGES)


def backup_before_replacing(store: Store, clock: Clock = SYSTEM_CLOCK) -> backup.BackupInfo | None:
    """A verified backup before a write that replaces or mixes into what is there (a JSON
    restore, the sample data); None when there is nothing of the person's to keep. Raises
    ``StoreError`` when the backup cannot be made, so the write does not happen."""
    if not holds_user_data():
        return None
    return backup.create_backup(store.path, store.backups_dir, clock.now())


def restore_in_place(store: Store, backup_file: Path, clock: Clock = SYSTEM_CLOCK) -> Path | None:
    """Replace the open database with ``backup_file`` without giving up the writer lock.

    The window's connection closes, the backup goes in (the replaced file is kept aside, as
    ``jobtracker restore`` does) and the connection reopens, upgraded when the backup is older.
    Returns where the replaced database was kept; the caller reloads everything it shows.
    A damaged backup raises ``StoreError`` and changes nothing.
    """
    store.db.close()
    try:
        return restore.restore_backup(backup_file, store.path, clock.now())
    finally:
        store.db.connect()
        migrations.apply_migrations(store.db)


def restore_file(
    backup_file: Path, database_path: Path, clock: Clock = SYSTEM_CLOCK
) -> Path | None:
    """Put ``backup_file`` in place of the database nobody has open (``jobtracker restore``,
    the damaged-database dialog), under the writer lock. Returns where the replaced file was
    kept; raises ``StoreError`` with nothing changed when the backup cannot be restored."""
    ensure_private_dir(database_path.parent)
    lock = WriterLock(database_path, "jobtracker restore")
    try:
        return restore.restore_backup(backup_file, database_path, clock.now())
    finally:
        lock.release()


def take_backup(store: Store, clock: Clock = SYSTEM_CLOCK) -> BackupInfo:
    """A verified backup of the open store now, the old ones rotated (``jobtracker backup``);
    it only reads, so it works while the window has the file open."""
    return backup.create_backup(store.read_from, store.backups_dir, clock.now())


def newest_verified_backup(database_path: Path) -> BackupInfo | None:
    """The newest backup of ``database_path`` that passes SQLite's integrity check."""
    return backup.newest_verified_backup(backups_dir(database_path))
