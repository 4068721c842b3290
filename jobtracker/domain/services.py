"""The composition root of the domain: one object the GUI and the CLI both hold.

The board and applications are built at once; every other service is built, and its
module imported, on first use (the window's start needs neither jinja2 nor the follow-up
rules until something is written or opened).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from jobtracker.domain.applications import ApplicationService
from jobtracker.domain.backups import startup_backup
from jobtracker.domain.board import BoardService
from jobtracker.domain.clock import SYSTEM_CLOCK, Clock
from jobtracker.domain.hooks import WriteListener
from jobtracker.store.db import Store, open_store
from jobtracker.store.errors import StoreError

if TYPE_CHECKING:
    from jobtracker.domain.agenda import AgendaService
    from jobtracker.domain.contacts import ContactService
    from jobtracker.domain.documents.service import DocumentService
    from jobtracker.domain.drafts import DraftService
    from jobtracker.domain.followups import FollowupService
    from jobtracker.domain.insights_service import InsightsService
    from jobtracker.domain.interviews import InterviewService
    from jobtracker.domain.people import PeopleReader
    from jobtracker.domain.postings import PostingService
    from jobtracker.domain.profile import ProfileService
    from jobtracker.domain.reminders import ReminderService
    from jobtracker.domain.settings import SettingsService
    from jobtracker.domain.tags import TagService
    from jobtracker.domain.templates import TemplateLibrary
    from jobtracker.domain.timeline import TimelineService
    from jobtracker.store.check import OpenCheck


class Services:
    """Every domain service over one open store, sharing one clock.

    Writes of the board, applications, interviews, timeline and drafts reach the follow-up
    rules (:meth:`after_write`), which are built on the first write, then the listeners
    added with :meth:`add_write_listener` (a window's agenda and due count).
    """

    def __init__(self, store: Store, clock: Clock = SYSTEM_CLOCK) -> None:
        """Build the services; callers close ``store`` (or call :meth:`close`)."""
        self.store = store
        self.clock = clock
        self.board = BoardService(clock)
        self.applications = ApplicationService(self.board, clock)
        self._write_listeners: list[WriteListener] = []
        for hooked in (self.board, self.applications):
            hooked.connect_writes(self.after_write)

    def after_write(self, application_ids: Sequence[int]) -> None:
        """Keep the follow-up reminders of the written applications in step, then tell
        the listeners."""
        self.followups.after_write(application_ids)
        for listener in self._write_listeners:
            listener(application_ids)

    def add_write_listener(self, listener: WriteListener) -> None:
        """Call ``listener`` after every write, once its reminders are recomputed."""
        self._write_listeners.append(listener)

    @cached_property
    def contacts(self) -> ContactService:
        from jobtracker.domain.contacts import ContactService

        return ContactService(self.clock)

    @cached_property
    def people(self) -> PeopleReader:
        from jobtracker.domain.people import PeopleReader

        return PeopleReader(self.clock, self.store.read_from)

    @cached_property
    def interviews(self) -> InterviewService:
        from jobtracker.domain.interviews import InterviewService

        service = InterviewService(self.clock)
        service.connect_writes(self.after_write)
        return service

    @cached_property
    def timeline(self) -> TimelineService:
        from jobtracker.domain.timeline import TimelineService

        service = TimelineService(self.clock)
        service.connect_writes(self.after_write)
        return service

    @cached_property
    def tags(self) -> TagService:
        from jobtracker.domain.tags import TagService

        return TagService()

    @cached_property
    def postings(self) -> PostingService:
        from jobtracker.domain.postings import PostingService

        return PostingService(self.applications, self.clock)

    @cached_property
    def settings(self) -> SettingsService:
        from jobtracker.domain.settings import SettingsService

        return SettingsService()

    @cached_property
    def profile(self) -> ProfileService:
        from jobtracker.domain.profile import ProfileService
        from jobtracker.paths import profile_path

        return ProfileService(profile_path(), self.settings, writable=self.store.writable)

    @cached_property
    def templates(self) -> TemplateLibrary:
        from jobtracker.domain.templates import TemplateLibrary
        from jobtracker.paths import user_templates_dir

        return TemplateLibrary(user_templates_dir(self.store.path))

    @cached_property
    def drafts(self) -> DraftService:
        from jobtracker.domain.drafts import DraftService

        service = DraftService(self.templates, self.profile, self.clock, lambda: self.followups.tz)
        service.connect_writes(self.after_write)
        return service

    @cached_property
    def followups(self) -> FollowupService:
        from jobtracker.domain.followups import FollowupService

        return FollowupService(self.settings, self.clock)

    @cached_property
    def insights(self) -> InsightsService:
        from jobtracker.domain.insights_service import InsightsService

        return InsightsService(
            self.settings,
            self.profile,
            self.store.read_from,
            self.clock,
            lambda: self.followups.tz,
        )

    @cached_property
    def reminders(self) -> ReminderService:
        from jobtracker.domain.reminders import ReminderService

        return ReminderService(self.followups)

    @cached_property
    def documents(self) -> DocumentService:
        """The document library; a writer empties its trash of what is over 30 days old and
        sweeps away what crashed copies left."""
        from jobtracker.domain.documents.service import DocumentService
        from jobtracker.paths import documents_dir

        service = DocumentService(documents_dir(self.store.path), self.clock)
        if self.store.writable:
            service.purge_trash()
            service.sweep()
        return service

    @cached_property
    def agenda(self) -> AgendaService:
        from jobtracker.domain.agenda import AgendaService

        return AgendaService(self.followups)

    def close(self) -> None:
        self.store.close()


def open_services(
    path: Path,
    *,
    owner: str,
    readonly: bool = False,
    clock: Clock = SYSTEM_CLOCK,
    check: OpenCheck | None = None,
) -> Services:
    """Open the database and the services over it (``check``: see :func:`open_store`).

    A writer takes the start-of-session backup when one is due, then empties the trash of
    what has been in it for over 30 days (so the backup still holds it). A backup that
    cannot be taken is noted in ``store.notices``, not fatal.
    """
    store = open_store(path, owner=owner, readonly=readonly, check=check)
    services = Services(store, clock)
    if store.writable:
        try:
            try:
                startup_backup(store, clock)
            except StoreError as exc:  # a full disk, say: the board still opens, and says so
                store.notices += (f"The start-of-session backup was not taken: {exc}",)
            else:  # the trash is emptied only where a backup still holds what goes
                services.applications.purge_trash()
        except BaseException:
            services.close()
            raise
    return services
