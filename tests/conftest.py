"""Shared fixtures: offscreen Qt, a private home folder, a fresh SQLite file per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.services import Services
from jobtracker.store.db import open_store

#: A Tuesday morning, safely away from DST changes; tests move it as they need.
START = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test away from the real user-data, config and autostart folders, and
    from the real runtime folder (single-instance sockets): each test has its own, private
    as a desktop session makes it."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for variable, sub in (
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_RUNTIME_DIR", "runtime"),
    ):
        monkeypatch.setenv(variable, str(home / sub))
    (home / "runtime").mkdir(mode=0o700)
    monkeypatch.delenv("JOBTRACKER_DB", raising=False)
    monkeypatch.setenv("JOBTRACKER_NOTIFICATIONS", "off")  # tests that want them ask
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "jobtracker.sqlite3"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def services(db_path: Path, clock: FakeClock) -> Iterator[Services]:
    """The domain services on a fresh database file, with a fake clock."""
    store = open_store(db_path, owner="pytest")
    services = Services(store, clock)
    yield services
    services.close()
