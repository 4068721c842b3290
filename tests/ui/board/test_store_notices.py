"""What the store found while opening (a damaged write-ahead log kept aside) is said in the
window once it has its services."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from jobtracker.domain.services import open_services
from jobtracker.store import wal
from jobtracker.ui.main_window import MainWindow
from jobtracker.ui.opening import opened


def _damaged_log(db: Path, staging: Path) -> None:
    staged = staging / "staged.sqlite3"
    services = open_services(staged, owner="pytest")
    services.applications.add("Acme", "Engineer")
    services.close()
    conn = sqlite3.connect(staged)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    for number in range(4):
        conn.execute('UPDATE "application" SET "notes" = ?', (f"note {number}",))
        conn.commit()
    db.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(staged, db)
    shutil.copyfile(wal.log_path(staged), wal.log_path(db))
    conn.close()
    data = bytearray(wal.log_path(db).read_bytes())
    page_size = int.from_bytes(data[8:12], "big")
    data[wal.HEADER_SIZE + wal.FRAME_HEADER_SIZE + page_size + 100] ^= 0xFF  # frame 2
    wal.log_path(db).write_bytes(bytes(data))


def test_a_damaged_log_kept_aside_is_told_in_the_window(
    qtbot, tmp_path: Path, qsettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "data" / "jobtracker.sqlite3"
    _damaged_log(db, tmp_path / "staging")
    told: list[str] = []
    monkeypatch.setattr(MainWindow, "show_problem", lambda self, text: told.append(text))
    services = open_services(db, owner="pytest")
    try:
        window = MainWindow(opened(services), qsettings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: bool(told), timeout=5000)
    finally:
        services.close()
    assert "is damaged: frame 2" in told[0] and "were copied to" in told[0]
    assert list(db.parent.glob(f"{db.name}.damaged-log-*"))
