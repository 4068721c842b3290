"""Long id lists in slices, so no SQL statement passes SQLite's limit on variables.

An import of a quarter of a million rows hands all their ids to the follow-up rules and the
board; one ``IN (?, ?, ...)`` over them fails with "too many SQL variables". (Plain Python:
the window's first-frame read uses it before the store's modules load.)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

#: well under the smallest limit SQLite builds use (32,766 since 3.32)
BATCH = 10_000

T = TypeVar("T")


def batches(items: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    """``items`` in consecutive slices of at most ``size``."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
