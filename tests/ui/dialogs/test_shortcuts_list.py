"""Help → Keyboard Shortcuts is true and complete: every key of every action in the board
window (the Today panel's included) and in the draft editor is listed under its action's
name, and no two actions of one window share a key."""

from __future__ import annotations

from collections import Counter

from PySide6.QtGui import QAction, QKeySequence, QShortcut, QUndoCommand
from PySide6.QtWidgets import QWidget

from jobtracker.domain.services import Services
from jobtracker.platform.notifications import NullNotifier
from jobtracker.ui.dialogs.shortcuts import ShortcutsDialog
from jobtracker.ui.drafts.editor import DraftEditor
from jobtracker.ui.drafts.keys import editor_rows
from jobtracker.ui.main_window import SHORTCUTS
from jobtracker.ui.reminders.controller import RemindersController

NATIVE = QKeySequence.SequenceFormat.NativeText


def _plain(text: str) -> str:
    return text.replace("&", "").rstrip(".…")


def keyed_actions(window: QWidget) -> list[tuple[str, str]]:
    """(name, key) of every action with keys in ``window``, one pair per key."""
    return [
        (_plain(action.iconText()), key.toString(NATIVE))
        for action in window.findChildren(QAction)
        for key in action.shortcuts()
    ]


def listed(rows: list[tuple[str, str, str]], groups: set[str]) -> set[tuple[str, str]]:
    return {(what, key) for group, keys, what in rows if group in groups
            for key in keys.split(" or ")}  # fmt: skip


def test_the_board_windows_keys_are_all_listed_by_action_name(
    qtbot, services: Services, make_window, add_card
) -> None:
    add_card("Acme")
    window = make_window()
    RemindersController(window, services, notifier=NullNotifier(), use_tray=False)
    window.undo_stack.push(QUndoCommand("Import 8 applications from huntr.csv"))
    dialog = ShortcutsDialog(window, SHORTCUTS, other_windows={"Draft Editor": editor_rows()})
    qtbot.addWidget(dialog)
    rows = dialog.rows()
    assert ("Edit", "Ctrl+Z", "Undo") in rows
    assert not [row for row in rows if "Import 8" in row[2]]
    assert ("Today", "Ctrl+D", "Mark the Reminder Done") in rows
    assert ("Draft Editor", "Ctrl+Shift+C", "Copy All (subject and body)") in rows

    actions = keyed_actions(window)
    window_groups = {group for group, _, _ in rows} - {"Board", "Draft Editor"}
    missing = set(actions) - listed(rows, window_groups)
    assert missing == set(), missing
    assert window.findChildren(QShortcut) == []  # a bare QShortcut has no name to list
    shared = [key for key, n in Counter(key for _, key in actions).items() if n > 1]
    assert shared == [], [pair for pair in actions if pair[1] in shared]


def test_the_draft_editors_keys_are_all_listed_and_distinct(
    qtbot, services: Services, add_card
) -> None:
    services.profile.save("Alex Morgan")
    editor = DraftEditor(services, add_card("Acme"), "follow-up")
    qtbot.addWidget(editor)
    editor.show()
    actions = keyed_actions(editor)
    assert actions, "the editor's keys are actions"
    rows = [("Draft Editor", keys, what) for keys, what in editor_rows()]
    missing = set(actions) - listed(rows, {"Draft Editor"})
    assert missing == set(), missing
    assert editor.findChildren(QShortcut) == []
    assert len({key for _, key in actions}) == len(actions)


def test_the_people_window_and_the_filter_bar_are_listed_under_view(qtbot, make_window) -> None:
    window = make_window()
    dialog = ShortcutsDialog(window, SHORTCUTS)
    qtbot.addWidget(dialog)
    rows = dialog.rows()
    assert ("View", "Ctrl+Shift+P", "People") in rows
    assert ("View", "Ctrl+Shift+F", "Filter Bar") in rows
    window.people.open_action.trigger()  # the key opens what the list says
    qtbot.waitUntil(lambda: window.people.view is not None and window.people.view.isVisible())
    window.people.view.close()
