"""The insights tests read local days in UTC, so the hand-computed weeks hold anywhere."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest
from fixtures.scripted_search import at, script_search

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.services import Services, open_services


@pytest.fixture
def svc(services: Services) -> Services:
    services.followups.tz = UTC
    return services


@pytest.fixture
def search_db(db_path: Path, clock: FakeClock) -> Path:
    """The scripted search; A rejected before the period (left out), B during it."""
    services = open_services(db_path, owner="pytest", clock=clock)
    try:
        ids = script_search(services, clock)
        rejected = services.board.stage_by_name("Rejected").id
        clock.set(at(2, 21))
        services.board.move_cards([ids["A"]], rejected)
        clock.set(at(3, 5))
        services.board.move_cards([ids["B"]], rejected)
        services.profile.save("Ada Lovelace", "ada@example.org")
        grace = services.contacts.add("Grace Hopper")
        services.contacts.link(ids["C"], grace.id, "recruiter")
    finally:
        services.close()
    return db_path
