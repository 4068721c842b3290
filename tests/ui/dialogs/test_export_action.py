"""File → Export, as a person uses it: the save dialog suggests a name dated in the person's
time zone setting, in the folder they last exported to, and saving writes the file there.

The computer is in UTC, the person in Auckland (UTC+13 in March): at 12:00 UTC on Tuesday
10 March it is already Wednesday 11 March there.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from jobtracker.ui.dialogs.transfer_actions import LAST_FOLDER_KEY

AUCKLAND = "Pacific/Auckland"


def test_export_suggests_a_dated_name_and_writes_where_the_person_saves(
    qtbot, tmp_path: Path, services, clock, qsettings, add_card, make_window, machine_in_utc
) -> None:
    add_card("Acme", "Backend Engineer", "Applied")
    services.followups.save_settings(time_zone=AUCKLAND)
    clock.set(datetime(2026, 3, 10, 12, 0, tzinfo=UTC))
    last_folder = tmp_path / "exports"
    last_folder.mkdir()
    qsettings.setValue(LAST_FOLDER_KEY, str(last_folder))
    window = make_window()
    suggested: list[str] = []

    def save_where_suggested() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        suggested.extend(dialog.selectedFiles())
        dialog.accept()

    QTimer.singleShot(0, save_where_suggested)
    window.transfer.export_actions["csv"].trigger()  # returns once the dialog has closed

    written = last_folder / "jobtracker-applications-2026-03-11.csv"
    assert suggested == [str(written)], "Wednesday in Auckland, not the computer's Tuesday"
    with written.open(newline="", encoding="utf-8-sig") as exported:
        rows = list(csv.DictReader(exported))
    assert [(row["Company"], row["Role"]) for row in rows] == [("Acme", "Backend Engineer")]
    assert qsettings.value(LAST_FOLDER_KEY) == str(last_folder)
    assert str(written) in window.statusBar().currentMessage()


def test_a_cancelled_export_writes_nothing(
    qtbot, tmp_path: Path, qsettings, add_card, make_window
) -> None:
    add_card("Acme", "Backend Engineer", "Applied")
    qsettings.setValue(LAST_FOLDER_KEY, str(tmp_path))
    window = make_window()
    before = sorted(tmp_path.iterdir())

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        dialog.reject()

    QTimer.singleShot(0, cancel)
    window.transfer.export_actions["json"].trigger()

    assert sorted(tmp_path.iterdir()) == before
    assert window.statusBar().currentMessage() == ""
