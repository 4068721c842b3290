"""Putting a backup in place of the database, so that no step can lose either of them.

The new file is written beside the database as a ``*.partial``, verified, and renamed over
it only when complete; the replaced file is first kept aside under a name no other file has.
Whatever fails before the rename (a full disk, a bad backup) leaves the database as it was.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from jobtracker.paths import documents_dir
from jobtracker.store.backup import (
    copy_checked,
    integrity_problem,
    replaced_name,
    verified_copy,
)
from jobtracker.store.check import check_openable
from jobtracker.store.document_files import mirror_documents
from jobtracker.store.errors import CorruptDatabaseError, DamagedLogError, StoreError
from jobtracker.store.files import PartialFile, install_unique, remove_leftovers, sync_folder
from jobtracker.store.wal import find_damage


def _keep_damaged(database_path: Path, wanted: Path) -> Path:
    """Keep a damaged file (and its log) aside as they are: a page-by-page copy would fail
    or drop what SQLite cannot read. The database file itself is replaced afterwards."""
    aside = install_unique_link(database_path, wanted)
    for suffix in ("-wal", "-shm"):
        sidecar = database_path.with_name(database_path.name + suffix)
        if sidecar.exists():
            sidecar.replace(aside.with_name(aside.name + suffix))
    return aside


def install_unique_link(existing: Path, wanted: Path) -> Path:
    """A second name for ``existing`` at ``wanted`` (numbered when taken); the file stays."""
    with PartialFile(wanted.parent, wanted.name + ".") as partial:
        partial.path.unlink()
        os.link(existing, partial.path)
        return install_unique(partial.path, wanted)


def _refuse_target(database_path: Path) -> bool:
    """Raise when the file to be replaced is not ours or is newer; True when it is damaged
    (so it is kept aside as it is rather than copied)."""
    try:
        check_openable(database_path)
    except (CorruptDatabaseError, DamagedLogError):
        return True
    return find_damage(database_path) is not None  # a running writer's log: copied below


def restore_backup(backup_file: Path, database_path: Path, now: datetime) -> Path | None:
    """Put ``backup_file`` in place of the database, keeping the replaced file aside.

    The caller holds the writer lock. Returns where the replaced database was kept.
    Raises ``StoreError`` (nothing changed) for a backup that is not a sound jobtracker
    database this version opens, for a target that is another program's file, and for any
    failure to write (a full disk among them).
    """
    problem = integrity_problem(backup_file)
    if problem is not None:
        raise StoreError(f"{backup_file} cannot be restored: {problem}. Nothing was changed.")
    folder = database_path.parent
    remove_leftovers(folder)
    exists = database_path.exists()
    damaged = exists and _refuse_target(database_path)
    with PartialFile(folder, database_path.name + ".restoring-") as new:
        copy_checked(backup_file, new.path, "nothing was changed")
        aside = None
        if exists:
            wanted = replaced_name(database_path, now)
            if damaged:
                aside = _keep_damaged(database_path, wanted)
            else:
                aside = verified_copy(database_path, wanted)
                for suffix in ("-wal", "-shm"):  # their commits are in the copy kept aside
                    database_path.with_name(database_path.name + suffix).unlink(missing_ok=True)
        new.path.replace(database_path)
    sync_folder(folder)
    # the documents the backup lists, from the backups' documents folder beside it
    mirror_documents(database_path, backup_file.parent / "documents", documents_dir(database_path))
    return aside
