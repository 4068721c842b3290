"""Work around PySide6 6.12 dropping a reference to ``None`` on every void call (Python 3.11).

PySide6-Essentials 6.12.0 returns ``None`` from C++ methods that return nothing without
taking a reference to it. From Python 3.12 ``None`` is immortal and this is harmless; on 3.11
``None``'s reference count (about 5,000 at start) falls by one per call (``painter.drawText``,
``widget.resize`` ...) until CPython aborts with "none_dealloc: deallocating None" after a
few seconds of painting. Raising the count by 2**40 once, as 3.12's immortality does, keeps
it from ever reaching zero.
"""

from __future__ import annotations

import ctypes
import sys

#: far more void calls than a process makes in years, far below the counter's 2**63 range
_HEADROOM = 1 << 40


def void_calls_leak_none() -> bool:
    """True when the running PySide6 drops a ``None`` reference per void call."""
    if sys.version_info >= (3, 12):
        return False
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(10):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before


def protect_none() -> None:
    """Give ``None`` enough references to outlive the leak (once per process); ``True`` and
    ``False`` too, as the same PySide6 drops one to ``True`` on every ``Signal.emit``."""
    if getattr(sys, "_jobtracker_none_protected", False) or not void_calls_leak_none():
        return
    for constant in (None, True, False):
        ctypes.c_ssize_t.from_address(id(constant)).value += _HEADROOM
    sys._jobtracker_none_protected = True  # type: ignore[attr-defined]
