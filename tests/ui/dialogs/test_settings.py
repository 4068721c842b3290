"""The Settings dialog, About and Keyboard Shortcuts over a real database file."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from jobtracker import __version__
from jobtracker.domain.services import Services
from jobtracker.store import backup
from jobtracker.ui import theme
from jobtracker.ui.dialogs.about import AboutDialog
from jobtracker.ui.dialogs.settings import SettingsDialog
from jobtracker.ui.dialogs.shortcuts import ShortcutsDialog


def _dialog(qtbot, services: Services, qsettings: QSettings) -> SettingsDialog:
    dialog = SettingsDialog(services, settings=qsettings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_every_preference_has_a_page(qtbot, services: Services, qsettings: QSettings) -> None:
    dialog = _dialog(qtbot, services, qsettings)
    titles = [dialog.index.item(row).text() for row in range(dialog.index.count())]
    assert titles == ["Appearance", "Profile", "Follow-ups", "Backups", "Data", "Capture"]
    dialog.show_page("Data")
    assert dialog.pages.currentWidget() is dialog.data
    assert dialog.data.path_label.text() == str(services.store.path)


def test_back_up_now_lists_the_new_backup(
    qtbot, services: Services, qsettings: QSettings, add_card: Callable[..., int]
) -> None:
    add_card("Acme")
    dialog = _dialog(qtbot, services, qsettings)
    assert dialog.backups.list.count() == 0
    assert not dialog.backups.restore_button.isEnabled()
    dialog.backups.back_up_now()
    backups = backup.list_backups(services.store.backups_dir)
    assert len(backups) == 1 and backup.integrity_problem(backups[0].path) is None
    assert dialog.backups.list.count() == 1
    assert dialog.backups.selected_backup() == backups[0].path
    assert dialog.backups.restore_button.isEnabled()


def test_restore_brings_back_the_backups_data_and_keeps_the_replaced_file(
    qtbot, services: Services, qsettings: QSettings, add_card: Callable[..., int], clock
) -> None:
    add_card("Acme")
    dialog = _dialog(qtbot, services, qsettings)
    dialog.backups.back_up_now()
    add_card("Globex")  # made after the backup: the restore takes it away
    clock.advance(minutes=5)
    with qtbot.waitSignal(dialog.database_replaced) as replaced:
        assert dialog.backups.restore_selected(confirm=False) is not None
    assert replaced.args[0] == dialog.backups.selected_backup()
    assert [card.company for card in services.board.cards()] == ["Acme"]
    kept = list(services.store.path.parent.glob("*.replaced-*"))
    assert len(kept) == 1
    # the window keeps writing to the restored database through the same services
    add_card("Initech")
    assert {card.company for card in services.board.cards()} == {"Acme", "Initech"}


def test_a_damaged_backup_is_refused_and_nothing_changes(
    qtbot, services: Services, qsettings: QSettings, add_card: Callable[..., int]
) -> None:
    add_card("Acme")
    dialog = _dialog(qtbot, services, qsettings)
    dialog.backups.back_up_now()
    chosen = dialog.backups.selected_backup()
    chosen.write_bytes(b"not a database at all" * 100)
    assert dialog.backups.restore_selected(confirm=False) is None
    assert "Nothing restored" in dialog.backups.status.text()
    assert [card.company for card in services.board.cards()] == ["Acme"]


def test_appearance_choice_is_stored_on_ok(
    qtbot, qapp, services: Services, qsettings: QSettings
) -> None:
    palette = qapp.palette()
    dialog = _dialog(qtbot, services, qsettings)
    dialog.appearance.group.buttons()[2].setChecked(True)  # Dark
    dialog.accept()
    assert theme.stored_choice(qsettings) == "dark"
    assert dialog.result() == dialog.DialogCode.Accepted
    qapp.setPalette(palette)


def test_cancel_stores_nothing(qtbot, services: Services, qsettings: QSettings) -> None:
    dialog = _dialog(qtbot, services, qsettings)
    dialog.appearance.group.buttons()[1].setChecked(True)
    dialog.reject()
    assert theme.stored_choice(qsettings) == "system"


def test_about_shows_version_and_data_folder(qtbot, services: Services) -> None:
    dialog = AboutDialog(services.store.path)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = " ".join(label.text() for label in dialog.findChildren(type(dialog.folder_label)))
    assert __version__ in texts and "MIT" in texts
    assert dialog.folder_label.text() == str(services.store.path)


def test_shortcuts_list_reads_the_windows_actions(qtbot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    menu = window.menuBar().addMenu("&Edit")
    undo = QAction("&Undo", window, shortcut=QKeySequence("Ctrl+Z"))
    menu.addAction(undo)
    menu.addAction(QAction("No keys", window))
    window.addAction(QAction("Find…", window, shortcut=QKeySequence("Ctrl+F")))
    dialog = ShortcutsDialog(window, extra=[("Enter", "Open the card")])
    qtbot.addWidget(dialog)
    assert dialog.rows() == [
        ("Edit", "Ctrl+Z", "Undo"),
        ("Window", "Ctrl+F", "Find"),
        ("Board", "Enter", "Open the card"),
    ]


def test_board_window_offers_settings_about_and_a_true_shortcut_list(
    qtbot, make_window, add_card: Callable[..., int]
) -> None:
    add_card("Acme")
    window = make_window()
    assert window.settings_action in window.edit_menu.actions()
    assert window.settings_action.shortcut().toString() == "Ctrl+,"
    assert window.about_action in window.help_menu.actions()
    extra = [("Enter", "Open the card"), ("Ctrl+Z", "Undo"), ("Delete", "Trash")]
    rows = ShortcutsDialog(window, extra=extra).rows()
    assert ("Edit", "Ctrl+,", "Settings") in rows
    assert ("File", "Ctrl+N", "New Application") in rows
    assert ("Board", "Enter", "Open the card") in rows
    assert ("Board", "Ctrl+Z", "Undo") not in rows  # already listed from the Edit menu
    assert not [row for row in rows if row[0] == "Board" and row[1] == "Delete"]
    listed = [keys for group, shown, _ in rows if group != "Board" for keys in shown.split(" or ")]
    assert sorted({k for k in listed if listed.count(k) > 1}) == [], listed  # one action a key


def test_backups_are_listed_at_the_time_of_the_zone_setting(
    qtbot, services: Services, qsettings: QSettings, add_card: Callable[..., int], machine_in_utc
) -> None:
    """The computer is in UTC, the person in Auckland (UTC+13 in March): the backup taken at
    09:00 UTC on Tuesday 10 March was taken at 22:00 there."""
    add_card("Acme")
    services.followups.save_settings(time_zone="Pacific/Auckland")
    dialog = _dialog(qtbot, services, qsettings)
    dialog.backups.back_up_now()
    assert dialog.backups.list.item(0).text().startswith("Tue 10 Mar 2026, 22:00")
