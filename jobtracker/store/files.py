"""Naming and placing the files jobtracker writes beside a database.

Two rules every writer here follows:

- SQLite is given a path through an escaped ``file:`` URI (:func:`sqlite_uri`): ``#``, ``?``
  and ``%`` in a folder's name are a URI's fragment, query and escapes, so a path pasted in
  as it is names another file.
- A name derived from the clock never replaces a file already there (:func:`install_unique`):
  two restores or backups within the same second keep both files.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from jobtracker.paths import PRIVATE_FILE_MODE
from jobtracker.store.lock import is_locked, try_lock

PARTIAL_SUFFIX = ".partial"
#: what SQLite may leave beside a file it was writing
SIDECARS = ("-journal", "-wal", "-shm")


def sqlite_uri(path: Path, mode: str = "ro") -> str:
    """The ``file:`` URI of ``path`` for ``sqlite3.connect(..., uri=True)``.

    ``mode`` is SQLite's: ``ro`` reads only and never creates the file, ``rw`` writes an
    existing file, ``rwc`` creates it too.
    """
    return f"{Path(path).absolute().as_uri()}?mode={mode}"


def numbered(wanted: Path, number: int) -> Path:
    """``wanted`` itself for 1, else with ``-number`` before its suffix (``x-2.sqlite3``);
    names without a suffix such as ``DB.replaced-20260101-090000`` get it at the end."""
    if number == 1:
        return wanted
    if wanted.suffix == ".sqlite3":
        return wanted.with_name(f"{wanted.stem}-{number}{wanted.suffix}")
    return wanted.with_name(f"{wanted.name}-{number}")


def remove_with_sidecars(path: Path) -> None:
    for name in (path, *(path.with_name(path.name + suffix) for suffix in SIDECARS)):
        name.unlink(missing_ok=True)


class PartialFile:
    """A new, empty ``PREFIX*.partial`` file only the user can read, locked while it is
    being written; removed with SQLite's sidecars if the ``with`` block fails.

    Use it as a context manager; ``path`` is the file.
    """

    def __init__(self, folder: Path, prefix: str) -> None:
        handle, name = tempfile.mkstemp(prefix=prefix, suffix=PARTIAL_SUFFIX, dir=folder)
        Path(name).chmod(PRIVATE_FILE_MODE)  # mkstemp's 0600 already; said for the reader
        try_lock(handle)
        self._handle = handle
        self.path = Path(name)

    def __enter__(self) -> PartialFile:
        return self

    def sync(self) -> None:
        """Make what was written to the file so far reach the disk."""
        os.fsync(self._handle)

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        try:
            if kind is not None:
                remove_with_sidecars(self.path)
        finally:
            os.close(self._handle)


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove ``*.partial`` files (and their SQLite sidecars) that no process is writing:
    what a copy killed midway left. Returns what was removed."""
    removed = []
    for partial in folder.glob(f"*{PARTIAL_SUFFIX}"):
        try:
            handle = os.open(partial, os.O_RDONLY)
        except OSError:
            continue
        try:
            busy = is_locked(handle)
        finally:
            os.close(handle)
        if not busy:
            remove_with_sidecars(partial)
            removed.append(partial)
    for suffix in SIDECARS:
        for orphan in folder.glob(f"*{PARTIAL_SUFFIX}{suffix}"):
            if not orphan.with_name(orphan.name.removesuffix(suffix)).exists():
                orphan.unlink(missing_ok=True)
                removed.append(orphan)
    return removed


def install_unique(finished: Path, wanted: Path) -> Path:
    """Give the complete file ``finished`` the name ``wanted``, or ``wanted-2``, ``-3`` ...
    when that is taken, never replacing anything; returns the name it got.

    A hard link claims a name atomically (it fails where the name exists); a file system
    without hard links gets a check before a rename instead.
    """
    number = 1
    while True:
        target = numbered(wanted, number)
        try:
            os.link(finished, target)
        except FileExistsError:
            number += 1
            continue
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
                raise
            if target.exists():
                number += 1
                continue
            finished.replace(target)
            return target
        finished.unlink()
        return target


def sync_folder(folder: Path) -> None:
    """Make a rename inside ``folder`` survive a power cut (no-op where folders cannot be
    opened, as on Windows)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
