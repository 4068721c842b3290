"""The source text of the modules the window's start imports, not kept once imported.

PySide6 (its ``__feature__`` support) reads the source of each module imported after it,
through :mod:`linecache`, to see whether the module names PySide6; linecache then keeps
every line of it for the life of the process. The window imports nearly all of its modules
after PySide6, a step at a time after its first paint, so the board would hold the text of
every module it runs beside their code. Nothing needs those lines: a traceback reads them
again from the file.
"""

from __future__ import annotations

import linecache
from collections.abc import Iterator


def forget_sources() -> None:
    """Drop the lines of every module source read so far."""
    linecache.clearcache()


def forgetting_sources(steps: Iterator[None]) -> Iterator[None]:
    """``steps``, each followed by :func:`forget_sources` (they import as they go)."""
    for _ in steps:
        forget_sources()
        yield
    forget_sources()
