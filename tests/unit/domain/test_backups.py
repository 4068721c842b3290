"""The backup schedule the window follows, and what a writer does when it opens a database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from jobtracker.domain.backups import BackupPolicy
from jobtracker.domain.clock import FakeClock
from jobtracker.domain.services import Services, open_services
from jobtracker.store import backup
from jobtracker.store.errors import StoreError


def _backups(services: Services) -> list[backup.BackupInfo]:
    return backup.list_backups(services.store.backups_dir)


def test_backs_up_changed_data_at_most_every_30_minutes(
    services: Services, clock: FakeClock
) -> None:
    policy = BackupPolicy(services.store, clock)
    assert policy.maybe_backup() is None  # nothing changed yet
    services.applications.add("Acme", "Engineer")
    first = policy.maybe_backup()
    assert first is not None and first.taken_at == clock.now()
    clock.advance(minutes=10)
    services.applications.add("Globex", "Analyst")
    assert policy.maybe_backup() is None  # changed, but the last backup is 10 minutes old
    clock.advance(minutes=19, seconds=59)
    assert policy.maybe_backup() is None
    clock.advance(seconds=1)
    second = policy.maybe_backup()
    assert second is not None and second.taken_at == clock.now()
    clock.advance(hours=3)
    assert policy.maybe_backup() is None  # hours later, but nothing changed since
    assert [b.taken_at for b in _backups(services)] == [second.taken_at, first.taken_at]


def test_a_change_from_another_connection_counts(services: Services, clock: FakeClock) -> None:
    policy = BackupPolicy(services.store, clock)
    other = sqlite3.connect(services.store.path)
    other.execute("INSERT INTO setting VALUES ('profile', '{}')")
    other.commit()
    other.close()
    assert policy.data_changed()
    assert policy.maybe_backup() is not None


def test_the_policy_starts_from_the_newest_backup_on_disk(
    services: Services, clock: FakeClock
) -> None:
    services.applications.add("Acme", "Engineer")
    backup.create_backup(services.store.path, services.store.backups_dir, clock.now())
    clock.advance(minutes=5)
    policy = BackupPolicy(services.store, clock)
    services.applications.add("Globex", "Analyst")
    assert policy.maybe_backup() is None
    clock.advance(minutes=25)
    assert policy.maybe_backup() is not None


def test_a_failed_backup_raises_and_is_retried(
    services: Services, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = BackupPolicy(services.store, clock)
    services.applications.add("Acme", "Engineer")
    monkeypatch.setattr(backup, "integrity_problem", lambda path: "simulated bad disk")
    with pytest.raises(StoreError, match="simulated bad disk"):
        policy.maybe_backup()
    assert _backups(services) == []
    monkeypatch.undo()
    assert policy.data_changed()  # the failed attempt does not count as backed up...
    assert policy.maybe_backup() is not None  # ...so the next tick tries again


def test_a_writer_backs_up_at_start_when_the_newest_is_a_day_old(
    db_path: Path, clock: FakeClock
) -> None:
    services = open_services(db_path, owner="pytest", clock=clock)
    assert _backups(services) == []  # an empty database is not worth a backup
    services.applications.add("Acme", "Engineer")
    services.close()
    services = open_services(db_path, owner="pytest", clock=clock)
    assert [b.taken_at for b in _backups(services)] == [clock.now()]
    services.close()
    clock.advance(hours=23)
    open_services(db_path, owner="pytest", clock=clock).close()
    clock.advance(hours=2)
    services = open_services(db_path, owner="pytest", clock=clock)
    assert len(_backups(services)) == 2
    services.close()
    reader = open_services(db_path, owner="pytest", clock=clock, readonly=True)
    clock.advance(days=3)
    assert len(_backups(reader)) == 2  # readers never write, backups included
    reader.close()


def test_a_writer_purges_what_has_been_in_the_trash_over_30_days(
    db_path: Path, clock: FakeClock
) -> None:
    services = open_services(db_path, owner="pytest", clock=clock)
    old = services.applications.add("Old Trash", "Engineer").id
    services.applications.trash([old])
    clock.advance(days=10)
    recent = services.applications.add("Recent Trash", "Engineer").id
    services.applications.trash([recent])
    kept = services.applications.add("Kept", "Engineer").id
    services.close()
    clock.advance(days=20, seconds=1)  # old: 30 days and a second; recent: 20 days
    services = open_services(db_path, owner="pytest", clock=clock)
    remaining = {c.id for c in services.board.cards(include_trashed=True)}
    assert remaining == {recent, kept}
    assert services.timeline.for_application(old) == []
    services.close()


def test_a_timer_firing_after_close_does_nothing(db_path: Path, clock: FakeClock) -> None:
    services = open_services(db_path, owner="pytest", clock=clock)
    policy = BackupPolicy(services.store, clock)
    services.applications.add("Acme", "Engineer")
    services.close()
    clock.advance(hours=1)
    assert policy.maybe_backup() is None
    assert services.store.db.is_closed()  # and it did not quietly reopen the file
