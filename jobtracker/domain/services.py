"""The composition root of the domain: one object the GUI and the CLI both hold."""

from __future__ import annotations

from pathlib import Path

from jobtracker.domain.applications import ApplicationService
from jobtracker.domain.board import BoardService
from jobtracker.domain.clock import SYSTEM_CLOCK, Clock
from jobtracker.domain.contacts import ContactService
from jobtracker.domain.interviews import InterviewService
from jobtracker.domain.settings import SettingsService
from jobtracker.domain.timeline import TimelineService
from jobtracker.store import backup
from jobtracker.store.db import Store, open_store
from jobtracker.store.models import Application


class Services:
    """Every domain service over one open store, sharing one clock."""

    def __init__(self, store: Store, clock: Clock = SYSTEM_CLOCK) -> None:
        """Build the services; callers close ``store`` (or call :meth:`close`)."""
        self.store = store
        self.clock = clock
        self.board = BoardService(clock)
        self.applications = ApplicationService(self.board, clock)
        self.contacts = ContactService(clock)
        self.interviews = InterviewService(clock)
        self.timeline = TimelineService(clock)
        self.settings = SettingsService()

    def close(self) -> None:
        self.store.close()


def open_services(
    path: Path, *, owner: str, readonly: bool = False, clock: Clock = SYSTEM_CLOCK
) -> Services:
    """Open the database and the services over it; a writer takes a backup when one is due."""
    store = open_store(path, owner=owner, readonly=readonly)
    services = Services(store, clock)
    if store.writable:
        take_backup_if_due(services)
    return services


def take_backup_if_due(services: Services) -> bool:
    """The start-of-session backup: when there is data and the newest backup is a day old."""
    store = services.store
    now = services.clock.now()
    if not backup.startup_backup_due(store.backups_dir, now):
        return False
    if Application.select().count() == 0:
        return False
    backup.create_backup(store.path, store.backups_dir, now)
    return True
