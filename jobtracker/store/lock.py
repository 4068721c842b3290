"""One writing process per database, enforced with an OS lock on a file beside it.

The same locks mark a file being written (a backup's ``*.partial``) as in use, so a later
clean-up can tell a copy in progress from one left by a killed process.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from jobtracker.paths import PRIVATE_FILE_MODE
from jobtracker.store.errors import DatabaseLockedError

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def is_locked(fd: int) -> bool:
        if not try_lock(fd):
            return True
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return False

else:
    import fcntl

    def try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def is_locked(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False


def lock_path(database_path: Path) -> Path:
    return database_path.with_name(database_path.name + ".lock")


def writer_active(database_path: Path) -> bool:
    """Whether a process holds the writer lock now (looked at without creating or writing
    the lock file)."""
    try:
        fd = os.open(lock_path(database_path), os.O_RDONLY)
    except OSError:
        return False
    try:
        return is_locked(fd)
    finally:
        os.close(fd)


class WriterLock:
    """Held for as long as this process may write; the OS drops it if the process dies."""

    def __init__(self, database_path: Path, owner: str) -> None:
        self.path = lock_path(database_path)
        self._fd: int | None = None
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE_MODE)
        if not try_lock(fd):
            holder = os.read(fd, 200).decode("utf-8", "replace").strip() or "another process"
            os.close(fd)
            raise DatabaseLockedError(
                f"{database_path} is already open for writing by {holder}. "
                "Close that first, or use a read-only command such as 'jobtracker list'."
            )
        os.ftruncate(fd, 0)
        os.write(fd, f"process {os.getpid()} ({owner})".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
