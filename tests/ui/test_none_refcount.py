"""The PySide6 we install must keep a long-running window alive.

PySide6 6.12.0 drops a reference to ``None`` on every void call and to ``True`` on every
``Signal.emit``; on Python 3.11, where those objects are not immortal, the process aborts
("none_dealloc") after a few thousand calls. pyproject.toml keeps 6.12 off Python 3.11; this
test fails if a version with that defect gets in again.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PAINT_AND_EMIT_A_LOT = Path(__file__).parents[1] / "fixtures" / "paint_and_emit_a_lot.py"


def test_many_void_calls_and_emits_do_not_abort_the_process() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, str(PAINT_AND_EMIT_A_LOT)],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "painted"
