"""The composition root of the domain: one object the GUI and the CLI both hold."""

from __future__ import annotations

from pathlib import Path

from jobtracker.domain.applications import ApplicationService
from jobtracker.domain.backups import startup_backup
from jobtracker.domain.board import BoardService
from jobtracker.domain.clock import SYSTEM_CLOCK, Clock
from jobtracker.domain.contacts import ContactService
from jobtracker.domain.drafts import DraftService
from jobtracker.domain.followups import FollowupService
from jobtracker.domain.interviews import InterviewService
from jobtracker.domain.profile import ProfileService
from jobtracker.domain.reminders import ReminderService
from jobtracker.domain.settings import SettingsService
from jobtracker.domain.templates import TemplateLibrary
from jobtracker.domain.timeline import TimelineService
from jobtracker.paths import user_templates_dir
from jobtracker.store.db import Store, open_store


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
        self.profile = ProfileService(self.settings)
        self.templates = TemplateLibrary(user_templates_dir(store.path))
        self.drafts = DraftService(self.templates, self.profile, clock)
        self.followups = FollowupService(self.settings, clock)
        self.reminders = ReminderService(self.followups)
        for hooked in (
            self.board, self.applications, self.interviews, self.timeline, self.drafts
        ):  # fmt: skip
            hooked.connect_writes(self.followups.after_write)

    def close(self) -> None:
        self.store.close()


def open_services(
    path: Path, *, owner: str, readonly: bool = False, clock: Clock = SYSTEM_CLOCK
) -> Services:
    """Open the database and the services over it.

    A writer takes the start-of-session backup when one is due, then empties the trash of
    what has been in it for over 30 days (so the backup still holds it).
    """
    store = open_store(path, owner=owner, readonly=readonly)
    services = Services(store, clock)
    if store.writable:
        try:
            startup_backup(store, clock)
            services.applications.purge_trash()
        except BaseException:
            services.close()
            raise
    return services
