"""A database that cannot be opened at start: explained, never written, restorable."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from jobtracker.domain.services import Services
from jobtracker.paths import backups_dir
from jobtracker.store import backup
from jobtracker.store.db import open_store
from jobtracker.store.errors import CorruptDatabaseError
from jobtracker.store.lock import WriterLock
from jobtracker.ui.dialogs.bad_database import BadDatabaseDialog, open_services_for_window

GARBAGE = b"SQLite format 3\x00" + bytes(range(256)) * 64


def make_database(path: Path, clock, companies: tuple[str, ...] = ("Acme",)) -> None:
    store = open_store(path, owner="pytest")
    try:
        services = Services(store, clock)
        for company in companies:
            services.applications.add(company, "Engineer")
    finally:
        store.close()


def damage(path: Path) -> bytes:
    """Replace the file with garbage (journal files too, as after a bad disk); its bytes."""
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    path.write_bytes(GARBAGE)
    return GARBAGE


def when_dialog_shows(qtbot, act: Callable[[BadDatabaseDialog], None]) -> list[str]:
    """Run ``act`` on the bad-database dialog once its modal loop runs; returns its texts."""
    seen: list[str] = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, BadDatabaseDialog):
            QTimer.singleShot(10, poll)
            return
        seen.extend([dialog.headline.text(), dialog.details.text(), dialog.advice.text()])
        seen.extend(b.text() for b in dialog.buttons.findChildren(QPushButton))
        act(dialog)

    QTimer.singleShot(0, poll)
    return seen


def test_corrupt_file_quit_leaves_every_byte(qtbot, db_path: Path, clock) -> None:
    make_database(db_path, clock)
    original = damage(db_path)
    seen = when_dialog_shows(qtbot, lambda d: d.quit_button.click())
    assert open_services_for_window(db_path, clock=clock) is None
    assert seen[0] == "The database is damaged"
    assert "was not changed" in seen[1]
    assert "no verified backup" in seen[2]
    assert "&Restore newest backup" not in seen
    assert db_path.read_bytes() == original
    assert sorted(p.name for p in db_path.parent.iterdir() if p.is_file()) == [
        "jobtracker.sqlite3",
        "jobtracker.sqlite3.lock",
    ]


def test_corrupt_file_is_replaced_by_the_newest_backup(qtbot, db_path: Path, clock) -> None:
    make_database(db_path, clock, ("Acme", "Globex"))
    backup.create_backup(db_path, backups_dir(db_path), clock.now())
    original = damage(db_path)
    clock.advance(hours=3)
    seen = when_dialog_shows(qtbot, lambda d: d.restore_button.click())
    services = open_services_for_window(db_path, clock=clock)
    assert services is not None
    try:
        assert sorted(c.company for c in services.board.cards()) == ["Acme", "Globex"]
    finally:
        services.close()
    assert "&Restore newest backup" in seen
    assert "Restoring it keeps the damaged file" in seen[2]
    (aside,) = db_path.parent.glob("jobtracker.sqlite3.replaced-*")
    assert aside.read_bytes() == original  # the damaged file, kept as it was


def test_newer_database_offers_only_quit_and_is_not_written(qtbot, db_path: Path, clock) -> None:
    make_database(db_path, clock)
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    original = db_path.read_bytes()
    seen = when_dialog_shows(qtbot, lambda d: d.quit_button.click())
    assert open_services_for_window(db_path, clock=clock) is None
    assert seen[0] == "The database is from a newer jobtracker"
    assert "schema version 99" in seen[1]
    assert seen[3:] == ["&Quit"]
    assert db_path.read_bytes() == original


def test_database_locked_by_another_program_says_so_and_can_try_again(
    qtbot, db_path: Path, clock
) -> None:
    make_database(db_path, clock)
    holder = WriterLock(db_path, "jobtracker import")

    def release_and_retry(dialog: BadDatabaseDialog) -> None:
        holder.release()
        dialog.retry_button.click()

    seen = when_dialog_shows(qtbot, release_and_retry)
    services = open_services_for_window(db_path, clock=clock)
    assert services is not None
    services.close()
    assert seen[0] == "The database is in use by another program"
    assert "jobtracker import" in seen[1]
    assert "&Try again" in seen


def test_a_failed_restore_is_reported_in_the_dialog(qtbot, db_path: Path, clock) -> None:
    make_database(db_path, clock)
    backup.create_backup(db_path, backups_dir(db_path), clock.now())
    original = damage(db_path)
    with pytest.raises(CorruptDatabaseError) as caught:  # the error the window would get
        open_store(db_path, owner="pytest")
    dialog = BadDatabaseDialog(caught.value, db_path, clock=clock)
    qtbot.addWidget(dialog)
    dialog.show()
    blocker = WriterLock(db_path, "jobtracker import")  # someone else grabbed the file
    try:
        dialog.restore_button.click()
    finally:
        blocker.release()
    assert dialog.isVisible()
    assert dialog.problem.text().startswith("Restoring failed:")
    assert db_path.read_bytes() == original


def test_another_programs_file_is_named_so_and_never_written(qtbot, db_path: Path, clock) -> None:
    db_path.parent.mkdir()
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE photo (id INTEGER PRIMARY KEY)")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    db_path.chmod(0o644)
    original = db_path.read_bytes()
    seen = when_dialog_shows(qtbot, lambda d: d.quit_button.click())
    assert open_services_for_window(db_path, clock=clock) is None
    assert seen[0] == "The file is not a jobtracker database"
    assert "not a jobtracker one" in seen[1]
    assert seen[3:] == ["&Quit"]
    assert db_path.read_bytes() == original and db_path.stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


def test_a_file_made_read_only_is_named_so_and_not_made_writable(
    qtbot, db_path: Path, clock
) -> None:
    make_database(db_path, clock)
    db_path.chmod(0o400)
    original = db_path.read_bytes()
    seen = when_dialog_shows(qtbot, lambda d: d.quit_button.click())
    assert open_services_for_window(db_path, clock=clock) is None
    assert seen[0] == "The database is read-only"
    assert "reads it but does not change it" in seen[1]
    assert db_path.read_bytes() == original and db_path.stat().st_mode & 0o777 == 0o400
