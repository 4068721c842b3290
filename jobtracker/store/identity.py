"""Is a file a jobtracker database, and one this version can open? Read without writing.

A jobtracker file carries :data:`APPLICATION_ID` in its header (``PRAGMA application_id``);
files made before that are recognised by their schema version together with the tables
every jobtracker schema has. Anything else is another program's file and is never written.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import NamedTuple

from jobtracker.store.faults import explain, sqlite_fault
from jobtracker.store.files import sqlite_uri
from jobtracker.store.lock import writer_active
from jobtracker.store.migrations import APPLICATION_ID, CURRENT_VERSION
from jobtracker.store.wal import log_path

#: the tables of every schema since the first
EXPECTED_TABLES = frozenset(
    {
        "stage",
        "application",
        "contact",
        "application_contact",
        "interview",
        "interview_interviewer",
        "activity",
        "reminder",
        "draft",
        "setting",
    }
)
#: the page cache of the read-only connections that look at a file before it opens
CHECK_CACHE_KIB = 64


def log_in_use(path: Path) -> bool:
    """Whether SQLite needs the write-ahead log to read ``path``: a writer has the file open,
    or a log with frames was left beside it."""
    if writer_active(path):
        return True
    try:
        return log_path(path).stat().st_size > 0
    except OSError:
        return False


def read_only_connection(path: Path, *, whole_file: bool | None = None) -> sqlite3.Connection:
    """A connection that cannot write ``path`` nor create it.

    Where no log is in use (``whole_file``, found out when None) the file alone holds every
    commit, and it is opened as immutable: SQLite then makes no ``-wal`` or ``-shm`` file
    beside it, so reading works on a full or read-only disk and changes nothing at all.
    """
    if whole_file is None:
        whole_file = not log_in_use(path)
    uri = sqlite_uri(path) + ("&immutable=1" if whole_file else "")
    conn = sqlite3.connect(uri, uri=True)
    # each read passes over its pages once: a page cache would only hold memory (in its own
    # thread's heap when started ahead, which the app never reuses)
    conn.execute(f"PRAGMA cache_size = -{CHECK_CACHE_KIB}")
    return conn


class FileFacts(NamedTuple):
    """What the header and the schema of a non-empty file say."""

    application_id: int
    version: int
    tables: frozenset[str]
    #: what ``quick_check`` (or opening) found wrong; None when the file is sound
    problem: str | None

    @property
    def is_ours(self) -> bool:
        if self.application_id == APPLICATION_ID:
            return True
        return self.application_id == 0 and self.version > 0 and self.tables >= EXPECTED_TABLES

    @property
    def is_blank(self) -> bool:
        """An SQLite file with nothing in it yet (no schema, no version, no id)."""
        return self.application_id == 0 and self.version == 0 and not self.tables

    @property
    def is_newer(self) -> bool:
        return self.is_ours and self.version > CURRENT_VERSION

    @property
    def is_complete(self) -> bool:
        """Every table of a jobtracker schema is there."""
        return self.tables >= EXPECTED_TABLES


def read_facts(path: Path, *, thorough: bool = False, pages: bool = True) -> FileFacts:
    """The file's identity and soundness: ``quick_check``, or ``integrity_check`` when
    ``thorough`` (it also checks indexes against their tables). Without ``pages`` no check
    reads every page: ``problem`` then says only what reading the schema found."""
    check = None if not pages else "integrity_check" if thorough else "quick_check"
    try:
        return _read_facts(path, check, whole_file=None)
    except sqlite3.DatabaseError as exc:
        if not sqlite_fault(exc):
            raise
    try:  # a log's index cannot be made (a full or read-only disk): the file without it
        return _read_facts(path, check, whole_file=True)
    except sqlite3.DatabaseError as exc:
        raise explain(exc, path) or exc from exc


def _read_facts(path: Path, check: str | None, *, whole_file: bool | None) -> FileFacts:
    """:func:`read_facts`; raises only environment faults (see :func:`sqlite_fault`)."""
    try:
        conn = read_only_connection(path, whole_file=whole_file)
        try:
            application_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            names = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            tables = frozenset(row[0] for row in names)
            rows = [row[0] for row in conn.execute(f"PRAGMA {check}")] if check else ["ok"]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if sqlite_fault(exc):
            raise
        return FileFacts(0, 0, frozenset(), str(exc))
    problem = None if rows == ["ok"] else "; ".join(rows[:3])
    return FileFacts(application_id, version, tables, problem)
