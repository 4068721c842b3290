"""Every benchmark still runs (at a small size), so the figures in the notes stay reproducible.

This checks that the scripts work, not their timings: targets are judged by the full run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = sorted((Path(__file__).parents[1] / "benchmarks").glob("bench_*.py"))


@pytest.mark.timeout(330)
@pytest.mark.parametrize("script", BENCHMARKS, ids=lambda p: p.stem)
def test_benchmark_runs_quick(script: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}  # HOME: the tests' private one
    result = subprocess.run(
        [sys.executable, str(script), "--quick"],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    assert result.stdout.strip(), "a benchmark must print its figures"
