"""Shared by the import/export tests: fixture files, the transfer service, file hashes."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from jobtracker.domain.services import Services
from jobtracker.domain.transfer.service import TransferService

FIXTURES = Path(__file__).parents[2] / "fixtures" / "import"


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def transfer(services: Services) -> TransferService:
    return TransferService(services.board, services.clock)


@pytest.fixture
def db_hash(services: Services) -> Callable[[], str]:
    """The database file's hash after moving the WAL into it, so every write would show."""

    def digest() -> str:
        services.store.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return hashlib.sha256(services.store.path.read_bytes()).hexdigest()

    return digest
