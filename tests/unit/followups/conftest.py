"""Follow-up tests run their wall-clock rules in Europe/Berlin, across its DST changes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from jobtracker.domain.reminders import ReminderInfo
from jobtracker.domain.services import Services

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def berlin() -> Callable[..., datetime]:
    """berlin(2026, 3, 10, 14) is 14:00 on 10 March 2026, Berlin wall clock."""
    return lambda *args: datetime(*args, tzinfo=BERLIN)


@pytest.fixture
def svc(services: Services) -> Services:
    """The services with the rules' local zone set to Europe/Berlin."""
    services.followups.tz = BERLIN
    return services


@pytest.fixture
def by_rule(svc: Services) -> Callable[[int], dict[str, list[ReminderInfo]]]:
    """The open reminders of one application, by rule key, soonest first."""

    def collect(app_id: int) -> dict[str, list[ReminderInfo]]:
        found: dict[str, list[ReminderInfo]] = {}
        for info in svc.reminders.open_reminders():
            if info.application_id == app_id:
                found.setdefault(info.rule_key, []).append(info)
        return found

    return collect
