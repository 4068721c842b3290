"""Environment problems with the database file, worded for the person who owns it."""

from __future__ import annotations


class StoreError(Exception):
    """A problem with the database file that the user can act on."""


class NewerDatabaseError(StoreError):
    """The file was written by a newer jobtracker; we must not touch it."""


class CorruptDatabaseError(StoreError):
    """The file fails SQLite's integrity checks; it is never written."""


class DatabaseLockedError(StoreError):
    """Another process holds the write lock on this database."""


class ForeignFileError(StoreError):
    """The file is not a jobtracker database (another program's, or empty); never written."""


class ReadOnlyDatabaseError(StoreError):
    """The file, or the disk it is on, is read-only: it can be read, not written."""


class DiskFullError(StoreError):
    """No space left where the database lives; what was saved before is still there."""


class AccessDeniedError(StoreError):
    """The operating system does not let this user read or write the file or its folder."""


class DamagedLogError(StoreError):
    """The write-ahead log beside the database stops validating before its end."""
