"""Environment faults (full disk, read-only, permission, busy) told apart and worded.

SQLite and the OS report them as error codes, often buried: a failed commit on a full disk
surfaces as peewee's "cannot rollback - no transaction is active", with the real cause in
the exception's context. :func:`explain` walks that chain and names the cause.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from jobtracker.store.errors import (
    AccessDeniedError,
    DatabaseLockedError,
    DiskFullError,
    ReadOnlyDatabaseError,
    StoreError,
)

#: SQLite's primary result codes (https://www.sqlite.org/rescode.html)
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        current = todo.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        todo += [e for e in (current.__cause__, current.__context__) if e is not None]
        todo += [arg for arg in current.args if isinstance(arg, BaseException)]


def full_disk_message(path: Path) -> str:
    return (
        f"There is no space left on the disk holding {path}. This change was not saved; "
        "everything saved before is still there. Free some space, then try again."
    )


def read_only_message(path: Path) -> str:
    if is_read_only_mount(path):
        where = f"{path} is on a read-only file system"
    else:
        where = f"{path} is read-only (its permissions allow no writing)"
    return (
        f"{where}. jobtracker reads it but does not change it; nothing was changed. "
        "To make changes, make it writable again."
    )


def denied_message(path: Path) -> str:
    return (
        f"jobtracker may not write {path} or its folder (permission denied). Nothing was "
        "changed. Check who owns them and their permissions."
    )


def busy_message(path: Path) -> str:
    return (
        f"{path} stayed busy: another program kept it locked. Nothing was changed. "
        "Try again in a moment."
    )


def io_message(path: Path, detail: str) -> str:
    return (
        f"The disk holding {path} reported an error ({detail}). Nothing more was written. "
        "Check the disk, then try again; 'jobtracker check' tells whether the file is sound."
    )


def is_read_only_mount(path: Path) -> bool:
    folder = path if path.is_dir() else path.parent
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs on Windows
        return False


def _sqlite_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def explain(exc: BaseException, path: Path) -> StoreError | None:
    """The fault behind ``exc`` as a worded StoreError, or None when it is none of them."""
    causes = list(_causes(exc))
    for cause in causes:
        if isinstance(cause, StoreError):
            return cause
        code = _sqlite_code(cause)
        os_error = cause.errno if isinstance(cause, OSError) else None
        if code == SQLITE_FULL or os_error in (errno.ENOSPC, errno.EDQUOT):
            return DiskFullError(full_disk_message(path))
        if code == SQLITE_READONLY or os_error == errno.EROFS:
            return ReadOnlyDatabaseError(read_only_message(path))
        if code == SQLITE_PERM or os_error in (errno.EACCES, errno.EPERM):
            return AccessDeniedError(denied_message(path))
        if code in (SQLITE_BUSY, SQLITE_LOCKED):
            return DatabaseLockedError(busy_message(path))
    for cause in causes:
        if _sqlite_code(cause) in (SQLITE_IOERR, SQLITE_CANTOPEN) or isinstance(cause, OSError):
            # SQLite reports a log index it could not grow on a full disk as an I/O error
            if disk_nearly_full(path):
                return DiskFullError(full_disk_message(path))
            return StoreError(io_message(path, str(cause)))
    return None


#: free space below which an I/O error is taken for a full disk: a few of SQLite's pages
NEARLY_FULL_BYTES = 64 * 1024


def disk_nearly_full(path: Path) -> bool:
    folder = path if path.is_dir() else path.parent
    try:
        info = os.statvfs(folder)
    except (OSError, AttributeError):  # a folder gone, or Windows
        return False
    return info.f_bavail * info.f_frsize < NEARLY_FULL_BYTES


def sqlite_fault(exc: sqlite3.Error) -> bool:
    """Whether ``exc`` is about the environment (disk, permissions, locks), not the file's
    contents: such a file must not be called damaged."""
    return _sqlite_code(exc) in (
        SQLITE_PERM,
        SQLITE_BUSY,
        SQLITE_LOCKED,
        SQLITE_READONLY,
        SQLITE_IOERR,
        SQLITE_FULL,
        SQLITE_CANTOPEN,
    )
