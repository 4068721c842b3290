"""The import wizard, driven like a person would: file, mapping, preview, summary."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QWizard

from jobtracker.domain.services import Services
from jobtracker.domain.transfer.service import ExportRequest, TransferService
from jobtracker.store.db import open_store
from jobtracker.ui.dialogs.import_wizard import (
    FILE_PAGE,
    MAPPING_PAGE,
    PREVIEW_PAGE,
    SUMMARY_PAGE,
    ImportWizard,
)

FIXTURES = Path(__file__).parents[1] / "fixtures" / "import"


@pytest.fixture
def wizard(qtbot, services: Services) -> ImportWizard:
    dialog = ImportWizard(services)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _start(wizard: ImportWizard, path: Path) -> None:
    assert wizard.currentId() == FILE_PAGE
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()


def _db_hash(services: Services) -> str:
    services.store.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return hashlib.sha256(services.store.path.read_bytes()).hexdigest()


def test_a_huntr_file_goes_through_every_page(
    qtbot, wizard: ImportWizard, services: Services
) -> None:
    with qtbot.waitSignal(wizard.imported) as imported:
        _start(wizard, FIXTURES / "huntr.csv")
        assert wizard.currentId() == MAPPING_PAGE
        assert "Huntr layout" in wizard.mapping_page.about.text()
        assert wizard.mapping_page.table.rowCount() == 9
        assert not wizard.mapping_page.stages_box.isVisibleTo(wizard)
        wizard.next()
        assert wizard.currentId() == PREVIEW_PAGE
        assert wizard.preview_page.model.rowCount() == 5
        assert wizard.preview_page.summary.text().startswith("5 to add, 0 to merge")
        assert services.board.cards() == []  # nothing written before Import
        assert wizard.button(QWizard.WizardButton.CommitButton).text() == "&Import"
        wizard.next()
    assert wizard.currentId() == SUMMARY_PAGE
    assert len(imported.args[0]) == 5
    assert "Imported 5 applications from huntr.csv." in wizard.summary_page.text.text()
    assert len(services.board.cards()) == 5


def test_an_unusable_file_is_explained_on_the_first_page(
    wizard: ImportWizard, services: Services
) -> None:
    _start(wizard, FIXTURES / "bad" / "xlsx_renamed.csv")
    assert wizard.currentId() == FILE_PAGE
    assert "looks like an Excel workbook" in wizard.file_page.error_label.text()
    assert wizard.file_page.error_label.isVisibleTo(wizard)
    wizard.file_page.path_edit.setText(str(FIXTURES / "huntr.csv"))
    assert not wizard.file_page.error_label.isVisibleTo(wizard)


def test_unknown_stages_are_chosen_on_the_mapping_page(
    wizard: ImportWizard, services: Services
) -> None:
    _start(wizard, FIXTURES / "bad" / "unknown_stages.csv")
    page = wizard.mapping_page
    assert page.stages_box.isVisibleTo(wizard)
    assert sorted(page._stage_combos) == ["Phone Screen 2", "Take-home"]
    page._stage_combos["Phone Screen 2"].setCurrentIndex(1)  # create it
    take_home = page._stage_combos["Take-home"]
    take_home.setCurrentIndex(take_home.findData("map:Applied"))
    assert wizard.preview.errors == []
    wizard.next()
    assert wizard.preview_page.summary.text().startswith("3 to add")
    assert "New stages: Phone Screen 2." in wizard.preview_page.summary.text()
    wizard.next()
    stages = {s.id: s.name for s in services.board.stages()}
    assert sorted(stages[c.stage_id] for c in services.board.cards()) == [
        "Applied", "Applied", "Phone Screen 2",
    ]  # fmt: skip


def test_changing_a_column_mapping_plans_again(wizard: ImportWizard) -> None:
    _start(wizard, FIXTURES / "spreadsheet_us.csv")
    combo: QComboBox = wizard.mapping_page._combos["Notes"]
    combo.setCurrentIndex(combo.findData("ignore"))
    assert wizard.import_options.mapping["Notes"] == "ignore"
    assert "Notes" not in wizard.preview.rows[2].fields.get("notes", "")
    assert wizard.preview.rows[2].fields.get("notes") is None


def test_rows_with_problems_block_import_until_left_out(
    wizard: ImportWizard, services: Services
) -> None:
    _start(wizard, FIXTURES / "bad" / "impossible_dates.csv")
    wizard.next()
    page = wizard.preview_page
    assert page.model.rowCount() == 4
    assert page.model.item(0, 1).text() == "Problem"
    assert "not a real date" in page.model.item(0, 5).text()
    assert page.model.item(0, 5).toolTip().startswith("Date Applied:")
    assert not page.isComplete()
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    before = _db_hash(services)
    page.skip_invalid.setChecked(True)
    assert page.isComplete()
    assert _db_hash(services) == before
    wizard.next()
    assert "Left out 3 rows with problems." in wizard.summary_page.text.text()
    assert [c.company for c in services.board.cards()] == ["Hooli"]


def test_a_backup_restores_into_an_empty_database(
    qtbot, tmp_path: Path, services: Services, clock
) -> None:
    source_path = tmp_path / "source.sqlite3"
    backup = tmp_path / "backup.json"
    services.applications.add("Acme", "Engineer")
    backup.write_bytes(TransferService(services.board, clock).export(ExportRequest("json")))
    services.close()
    with open_store(source_path, owner="pytest") as store:
        empty = Services(store, clock)
        dialog = ImportWizard(empty, backup)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.next()
        assert dialog.currentId() == PREVIEW_PAGE  # no mapping for a backup
        assert "A jobtracker backup with 1 applications" in dialog.preview_page.summary.text()
        dialog.next()
        assert dialog.currentId() == SUMMARY_PAGE
        assert [c.company for c in empty.board.cards()] == ["Acme"]


def test_the_file_menu_imports_into_the_board(qtbot, make_window, services: Services) -> None:
    window = make_window()
    texts = [a.text() for a in window.file_menu.actions()]
    assert texts.index("&Import…") < texts.index("&Export") < texts.index("&Quit")
    assert window.transfer.import_action.shortcut().toString() == "Ctrl+Shift+I"
    wizard = window.transfer.open_import(FIXTURES / "jobsync.csv")
    assert wizard.windowModality() == Qt.WindowModality.WindowModal
    wizard.next()
    wizard.next()
    with qtbot.waitSignal(wizard.imported):
        wizard.next()
    assert "Imported 4 applications" in window.statusBar().currentMessage()
    assert len(services.board.cards()) == 4
    assert window.undo_stack.undoText() == "Import 4 applications from jobsync.csv"
    window.undo_stack.undo()
    assert services.board.cards() == []
    window.undo_stack.redo()
    assert sorted(c.company for c in services.board.cards()) == [
        "Blue Harbor Health", "Lumen Books", "Mosaic Bank", "Sable Security",
    ]  # fmt: skip


@pytest.mark.parametrize("kind", ["csv", "json", "activity", "ics"])
def test_the_export_menu_writes_each_kind(
    make_window, add_card, services: Services, tmp_path: Path, kind: str
) -> None:
    add_card("Acme", "Engineer", "Applied")
    window = make_window()
    assert set(window.transfer.export_actions) == {"csv", "json", "activity", "ics"}
    path = tmp_path / f"out.{kind}"
    assert window.transfer.export_to(kind, path)
    data = path.read_bytes()
    if kind in ("csv", "activity"):
        assert data.startswith(b"\xef\xbb\xbf")  # Excel reads accents right with the mark
        assert b"Acme" in data
    elif kind == "json":
        assert data.startswith(b'{"format": "jobtracker"')
    else:
        assert data.startswith(b"BEGIN:VCALENDAR")
    assert str(path) in window.statusBar().currentMessage()


def test_an_export_that_cannot_be_written_is_explained(
    make_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    shown: list[str] = []
    monkeypatch.setattr(window, "show_problem", shown.append)
    assert not window.transfer.export_to("csv", tmp_path / "missing-folder" / "out.csv")
    assert shown and "Could not export to" in shown[0]


def test_dropping_a_csv_file_on_the_window_opens_the_wizard(qtbot, make_window) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    window = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(FIXTURES / "huntr.csv"))])
    point, move = QPointF(200, 200), Qt.DropAction.CopyAction
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point.toPoint(), move, mime, buttons, modifiers)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, QDropEvent(point, move, mime, buttons, modifiers))
    qtbot.waitUntil(lambda: window.findChild(ImportWizard) is not None)
    wizard = window.findChild(ImportWizard)
    assert wizard.file_page.path_edit.text() == str(FIXTURES / "huntr.csv")

    other = QMimeData()  # a mail link: no file to import or keep, no posting to capture
    other.setUrls([QUrl("mailto:jobs@example.com")])
    refused = QDragEnterEvent(point.toPoint(), move, other, buttons, modifiers)
    refused.ignore()
    QApplication.sendEvent(window, refused)
    assert not refused.isAccepted()


def test_the_export_menu_follows_the_time_zone_setting(
    make_window, add_card, services: Services, tmp_path: Path
) -> None:
    card_id = add_card("Acme", "Engineer", "Applied")
    services.interviews.add(card_id, services.clock.now() + timedelta(days=2))
    window = make_window()
    assert window.transfer.export_to("csv", tmp_path / "before.csv")
    services.followups.save_settings(time_zone="Pacific/Auckland")  # after the first export
    assert window.transfer.export_to("ics", tmp_path / "out.ics")
    assert b"DTSTART;TZID=Pacific/Auckland:" in (tmp_path / "out.ics").read_bytes()
