"""Long id lists in slices, so no SQL statement passes SQLite's limit on variables.

An import of a quarter of a million rows hands all their ids to the follow-up rules and the
board; one ``IN (?, ?, ...)`` over them fails with "too many SQL variables". (Plain Python:
the window's first-frame read uses it before the store's modules load.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

#: well under the smallest limit SQLite builds use (32,766 since 3.32)
BATCH = 10_000

T = TypeVar("T")


def batches(items: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    """``items`` in consecutive slices of at most ``size``."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def insert_rows(
    execute: Callable[[str, Sequence[object]], object],
    head: str,
    rows: Sequence[Sequence[object]],
) -> None:
    """Insert ``rows`` many to a statement: ``head`` is ``INSERT ... ("a", "b") VALUES``.

    One statement per row (``executemany``) pays SQLite's per-statement work for every row:
    the statement's journal and, on a table with triggers, setting up their program; an
    import writes tens of thousands of rows. Each statement holds as many rows as BATCH
    variables allow; a failing row fails its statement, and the caller's transaction
    takes back the rest, as before."""
    if not rows:
        return
    width = len(rows[0])
    if any(len(row) != width for row in rows):
        raise ValueError(f"every row must have {width} values")
    per = max(1, BATCH // width)
    marks = f"({', '.join('?' * width)})"
    for batch in batches(rows, per):
        values = [value for row in batch for value in row]
        execute(f"{head} {', '.join([marks] * len(batch))}", values)
