"""The document library's files: copied in once, named by content hash, never changed.

A file is copied into a temporary file in the same folder, hashed as it is read, checked
against itself afterwards (same size and modification time, so a file that changed while
being copied is refused), verified by hashing the copy, and only then renamed into place.
A full disk or any other failure removes the temporary file: nothing is ever half-stored.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import NamedTuple

from jobtracker.paths import ensure_private_dir
from jobtracker.store.errors import StoreError
from jobtracker.store.files import sqlite_uri

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
_CHUNK = 1024 * 1024
_TEMP_PREFIX = ".incoming-"
_SUFFIX = re.compile(r"\.[a-z0-9]{1,8}")
_NO_SPACE = (errno.ENOSPC, errno.EDQUOT)


class DocumentFileError(Exception):
    """A file that cannot become a document (a folder, empty, too large ...); nothing stored."""


class StoredFile(NamedTuple):
    sha256: str
    size: int
    path: Path


def stored_name(sha256: str, original_name: str) -> str:
    """The hash, with the original's extension so the desktop's viewer knows the type."""
    suffix = Path(original_name).suffix.lower()
    return sha256 + (suffix if _SUFFIX.fullmatch(suffix) else "")


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def check_source(source: Path) -> os.stat_result:
    """The file's status, or a clear refusal saying what is wrong with it."""
    name = str(source)
    if not source.exists():
        if source.is_symlink():
            raise DocumentFileError(
                f"{name} is a link to {source.readlink()}, which does not exist."
            )
        raise DocumentFileError(f"There is no file at {name}.")
    try:
        status = source.stat()
    except OSError as exc:
        raise DocumentFileError(f"{name} cannot be read: {exc.strerror or exc}.") from exc
    if stat.S_ISDIR(status.st_mode):
        raise DocumentFileError(f"{name} is a folder; add the files inside it one by one.")
    if not stat.S_ISREG(status.st_mode):
        raise DocumentFileError(f"{name} is not a regular file.")
    if status.st_size == 0:
        raise DocumentFileError(f"{name} is empty (0 bytes); there is nothing to keep.")
    if status.st_size > MAX_DOCUMENT_BYTES:
        raise DocumentFileError(
            f"{name} is {_mb(status.st_size)}; documents may be at most {_mb(MAX_DOCUMENT_BYTES)}."
        )
    if not os.access(source, os.R_OK):
        raise DocumentFileError(f"{name} cannot be read: permission denied.")
    return status


def hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _copy_to_temp(source: Path, folder: Path, before: os.stat_result) -> tuple[Path, str]:
    """Copy ``source`` into a new 0600 temporary file in ``folder``; returns it and its hash."""
    handle, temporary = tempfile.mkstemp(prefix=_TEMP_PREFIX, dir=folder)
    temp_path = Path(temporary)
    try:
        digest = hashlib.sha256()
        copied = 0
        with source.open("rb") as src, os.fdopen(handle, "wb") as out:
            opened = os.fstat(src.fileno())
            while chunk := src.read(_CHUNK):
                copied += len(chunk)
                if copied > MAX_DOCUMENT_BYTES:
                    raise DocumentFileError(f"{source} grew past {_mb(MAX_DOCUMENT_BYTES)} while "
                                            "being copied; nothing was stored.")  # fmt: skip
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
            after = os.fstat(src.fileno())
        seen = {(s.st_ino, s.st_size, s.st_mtime_ns) for s in (before, opened, after)}
        if len(seen) != 1 or copied != after.st_size:
            raise DocumentFileError(
                f"{source} changed while it was being copied; nothing was stored. "
                "Add it again once it is saved."
            )
    except OSError as exc:
        temp_path.unlink(missing_ok=True)
        if exc.errno in _NO_SPACE:
            raise StoreError(
                f"No space left on the disk holding {folder}: {source.name} was not added "
                "(nothing was stored). Free some space and add it again."
            ) from exc
        raise DocumentFileError(f"{source} cannot be read: {exc.strerror or exc}.") from exc
    except BaseException:
        temp_path.unlink(missing_ok=True)
        raise
    return temp_path, digest.hexdigest()


def copy_in(source: Path, folder: Path) -> StoredFile:
    """Store ``source`` in ``folder`` under its content hash (once, however often added)."""
    source = Path(source)
    before = check_source(source)
    ensure_private_dir(folder)
    temporary, digest = _copy_to_temp(source, folder, before)
    try:
        if hash_file(temporary) != digest:
            raise StoreError(f"The copy of {source} in {folder} does not match what was read; "
                             "nothing was stored (is the disk failing?).")  # fmt: skip
        final = folder / stored_name(digest, source.name)
        if final.is_file() and hash_file(final) == digest:
            temporary.unlink()
        else:
            temporary.replace(final)
            _sync_folder(folder)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return StoredFile(digest, before.st_size, final)


def sweep_leftovers(folder: Path, older_than_s: float) -> list[Path]:
    """Remove temporary files a copy left when its process was killed mid-way; only old
    ones, as another process may be copying right now."""
    import shutil
    import time

    if not folder.is_dir():
        return []
    cutoff = time.time() - older_than_s
    removed = []
    for path in folder.iterdir():
        if path.name.startswith((_TEMP_PREFIX, ".writing-")) and path.lstat().st_mtime < cutoff:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def copy_verified(source: Path, target: Path, sha256: str) -> None:
    """Copy a stored file to ``target`` (a temporary file renamed over it), checking the hash
    of what was written; used by backups, bundles and Save a copy as."""
    handle, temporary = tempfile.mkstemp(prefix=_TEMP_PREFIX, dir=target.parent)
    temp_path = Path(temporary)
    try:
        with source.open("rb") as src, os.fdopen(handle, "wb") as out:
            while chunk := src.read(_CHUNK):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if hash_file(temp_path) != sha256:
            raise StoreError(f"{source} does not match its recorded content; not copied.")
        temp_path.replace(target)
    except BaseException:
        temp_path.unlink(missing_ok=True)
        raise


def file_problem(path: Path, sha256: str) -> str | None:
    """What is wrong with a stored file: missing, unreadable or altered; None when sound."""
    if not path.is_file():
        return "is missing"
    try:
        actual = hash_file(path)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    return None if actual == sha256 else "was altered (its content no longer matches its hash)"


def _documents_in(database_file: Path) -> list[tuple[str, str]]:
    """(sha256, stored name) of every document a database file lists (none before v4)."""
    import sqlite3

    connection = sqlite3.connect(sqlite_uri(database_file), uri=True)
    try:
        tables = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'document'"
        ).fetchall()
        if not tables:
            return []
        rows = connection.execute('SELECT "sha256", "original_name" FROM "document"').fetchall()
    finally:
        connection.close()
    return [(sha256, stored_name(sha256, name)) for sha256, name in rows]


def mirror_documents(database_file: Path, source: Path, target: Path) -> list[str]:
    """Copy into ``target`` each document ``database_file`` lists that ``target`` lacks
    (or holds altered), every copy checked against its hash. Used to back documents up
    beside a database backup, and to bring them back on restore.

    Returns the documents that could not be copied (missing or altered in ``source``).
    """
    missing = []
    documents = _documents_in(database_file)
    if documents:
        ensure_private_dir(target)
    for sha256, name in documents:
        if file_problem(target / name, sha256) is None:
            continue
        problem = file_problem(source / name, sha256)
        if problem is not None:
            missing.append(f"{source / name} {problem}")
            continue
        copy_verified(source / name, target / name, sha256)
    return missing


def prune_mirror(mirror: Path, databases: list[Path]) -> list[Path]:
    """Remove from a backups' documents folder the files no kept backup lists any more
    (rotation dropped the last one). Nothing goes when a backup cannot be read."""
    import sqlite3

    if not mirror.is_dir():
        return []
    listed: set[str] = set()
    try:
        for database in databases:
            listed.update(name for _sha256, name in _documents_in(database))
    except sqlite3.Error:
        return []
    removed = []
    for path in mirror.iterdir():
        if path.is_file() and not path.name.startswith(".") and path.name not in listed:
            path.unlink()
            removed.append(path)
    return removed
