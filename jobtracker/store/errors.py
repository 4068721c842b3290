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
