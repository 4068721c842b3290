"""Shared by the benchmarks: timing helpers and one line per figure, with its target.

Benchmarks are scripts (``python tests/benchmarks/bench_x.py [--quick]``), not tests:
they print figures beside a floor measured in the same run and say whether each target was
met. ``--quick`` runs a small size so the test suite can check that they still work.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path


def parse_args(description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--quick", action="store_true", help="a small run to check it works")
    parser.add_argument("--scale", type=int, metavar="N", help="this many cards, where used")
    return parser.parse_args()


def time_ms(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def child_cpu_ms(action: Callable[[], object]) -> float:
    """CPU milliseconds (user and system) of the child processes ``action`` waited for: on a
    shared machine the command's own work, which the wall time hides under the others'."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    action()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    spent = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return spent * 1000


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def median(values: list[float]) -> float:
    return statistics.median(values)


def report(name: str, value: float, unit: str, target: float | None = None) -> bool:
    """Print one figure; with a target (an upper bound), say whether it was met."""
    if target is None:
        print(f"{name:<58} {value:>10.2f} {unit}")
        return True
    met = value <= target
    verdict = "ok" if met else "MISSED"
    print(f"{name:<58} {value:>10.2f} {unit}   target <= {target:g} {unit}: {verdict}")
    return met


def person_env(home: Path) -> dict[str, str]:
    """The environment of a ``jobtracker`` started as a person starts it: its own HOME and
    XDG folders (settings, backups and data stay in the benchmark's scratch folder), and
    bytecode cached under ``home`` (written by a first run, read by the next), as an
    installed app has it (pip compiles at install, the bundle ships .pyc), even where
    PYTHONDONTWRITEBYTECODE is set."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPYCACHEPREFIX": str(home / "pycache"), **_home_folders(home)}


def enter_private_home(home: Path) -> None:
    """Give this process the HOME and XDG folders ``person_env`` gives a child, for the
    benchmarks that run the window in-process: its settings and data stay in ``home``."""
    os.environ.update(_home_folders(home))


def _home_folders(home: Path) -> dict[str, str]:
    """HOME and the XDG folders under it, where a person's settings, data and backups go,
    and the runtime folder a desktop session gives each user (its own, 0700, made here),
    where the single-instance socket goes."""
    folders = {
        "XDG_CONFIG_HOME": ".config", "XDG_DATA_HOME": ".local/share",
        "XDG_CACHE_HOME": ".cache", "XDG_STATE_HOME": ".local/state",
        "XDG_RUNTIME_DIR": "runtime",
    }  # fmt: skip
    (home / folders["XDG_RUNTIME_DIR"]).mkdir(mode=0o700, parents=True, exist_ok=True)
    return {"HOME": str(home), **{name: str(home / sub) for name, sub in folders.items()}}
