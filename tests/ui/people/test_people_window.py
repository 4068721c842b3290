"""The People view, driven as a person would, checked in the SQLite file."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.services import Services
from jobtracker.store.files import sqlite_uri
from jobtracker.ui.people.merge_dialog import MergeDialog
from jobtracker.ui.people.model import column_of
from jobtracker.ui.people.window import PeopleWindow

TABLES = ("contact", "application_contact", "interview_interviewer", "draft", "application")


def read_people(db_path: Path) -> dict[str, list[tuple[object, ...]]]:
    """The people's rows as the file holds them, over a connection of their own."""
    connection = sqlite3.connect(sqlite_uri(db_path), uri=True)
    try:
        return {
            t: connection.execute(f'SELECT * FROM "{t}" ORDER BY 1, 2').fetchall() for t in TABLES
        }
    finally:
        connection.close()


def stored_contact(db_path: Path, contact_id: int) -> dict[str, object]:
    connection = sqlite3.connect(sqlite_uri(db_path), uri=True)
    connection.row_factory = sqlite3.Row
    try:
        row = connection.execute('SELECT * FROM "contact" WHERE id = ?', (contact_id,)).fetchone()
        return dict(row) if row else {}
    finally:
        connection.close()


@pytest.fixture
def people(services: Services, clock: FakeClock) -> dict[str, int]:
    acme = services.applications.add("Acme Robotics", "Backend Engineer").id
    globex = services.applications.add("Globex", "Platform Engineer").id
    sofia = services.contacts.add(
        "Sofia Marin", company="Acme Robotics", email="sofia@acme.example", phone="+49 30 1234"
    )
    services.contacts.link(acme, sofia.id, "recruiter")
    twin = services.contacts.add("Sofia M.", email="SOFIA@acme.example", title="Talent Partner")
    services.contacts.link(globex, twin.id, "hiring manager")
    marco = services.contacts.add("Marco Bianchi", company="Globex")
    services.interviews.add(globex, clock.now() - timedelta(days=1), interviewer_ids=(marco.id,))
    return {"acme": acme, "globex": globex, "sofia": sofia.id, "twin": twin.id, "marco": marco.id}


@pytest.fixture
def open_window(qtbot, services: Services, undo_stack: QUndoStack):
    opened: list[int] = []
    refreshed: list[list[int]] = []

    def make() -> PeopleWindow:
        window = PeopleWindow(
            services, undo_stack, refresh=refreshed.append, open_application=opened.append
        )
        window.opened = opened  # type: ignore[attr-defined]
        window.refreshed = refreshed  # type: ignore[attr-defined]
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.table.isVisible() and not window.loading, timeout=5000)
        return window

    return make


def change_elsewhere(services: Services, undo_stack: QUndoStack, person_id: int, **fields) -> None:
    """Edit a person as a card's People tab or the board does: stored, and the undo stack
    moves."""
    services.contacts.edit(person_id, **fields)
    undo_stack.push(QUndoCommand("a change elsewhere"))


def cell(window: PeopleWindow, person_id: int, field: str):
    row = window.model.row_of(person_id)
    assert row is not None
    return window.model.index(row, column_of(field))


def type_into_cell(qtbot, window: PeopleWindow, person_id: int, field: str, text: str) -> None:
    """Open the cell's editor, replace its text and press Enter."""
    index = cell(window, person_id, field)
    window.table.setCurrentIndex(index)
    window.table.edit(index)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit), timeout=3000)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    if text.isascii():
        qtbot.keyClicks(editor, text)
    else:  # QtTest types ASCII keys only
        editor.insert(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_lists_everyone_with_applications_and_last_contact(
    open_window, people, clock: FakeClock
) -> None:
    window = open_window()
    assert window.model.rowCount() == 3
    assert window.count.text() == "3 people"
    marco = cell(window, people["marco"], "applications")
    assert marco.data() == "Globex"
    last = cell(window, people["marco"], "last_contact").data()
    assert last == (clock.now() - timedelta(days=1)).astimezone().strftime("%Y-%m-%d")
    assert cell(window, people["sofia"], "last_contact").data() == ""


def test_search_filters_by_any_word(qtbot, open_window, people) -> None:
    window = open_window()
    qtbot.keyClicks(window.search, "globex")
    assert window.model.rowCount() == 2  # Marco of Globex, and the Sofia on its application
    assert window.count.text() == "2 of 3 people"
    window.search.setText("sofia ACME")
    names = {window.model.index(r, 0).data() for r in range(window.model.rowCount())}
    assert names == {"Sofia Marin", "Sofia M."}  # the email holds "acme" too
    window.search.setText("sofia")
    assert window.model.rowCount() == 2
    window.search.setText("sofia marin")  # typing on narrows what is shown
    assert (
        [window.model.index(0, 0).data()]
        == ["Sofia Marin"]
        == [window.model.index(r, 0).data() for r in range(window.model.rowCount())]
    )
    window.search.setText("sofia")  # deleting widens it again
    assert window.model.rowCount() == 2
    window.search.clear()
    assert window.model.rowCount() == 3


def test_edit_in_place_is_stored_and_undone(
    qtbot, open_window, people, db_path: Path, undo_stack: QUndoStack
) -> None:
    window = open_window()
    before = read_people(db_path)
    type_into_cell(qtbot, window, people["sofia"], "phone", "+49 30 999 000")
    qtbot.waitUntil(lambda: stored_contact(db_path, people["sofia"])["phone"] == "+49 30 999 000")
    assert cell(window, people["sofia"], "phone").data() == "+49 30 999 000"
    assert undo_stack.undoText() == "Edit Sofia Marin"
    type_into_cell(qtbot, window, people["sofia"], "name", "Sofia Marín")
    qtbot.waitUntil(lambda: stored_contact(db_path, people["sofia"])["name"] == "Sofia Marín")
    assert [people["acme"]] in window.refreshed  # the card's search knows the new name

    undo_stack.undo()
    undo_stack.undo()
    assert read_people(db_path) == before
    assert cell(window, people["sofia"], "name").data() == "Sofia Marin"
    undo_stack.redo()
    assert stored_contact(db_path, people["sofia"])["phone"] == "+49 30 999 000"
    assert cell(window, people["sofia"], "phone").data() == "+49 30 999 000"


def test_a_refused_edit_says_why_and_keeps_what_was_typed(
    qtbot, open_window, people, db_path: Path, undo_stack: QUndoStack
) -> None:
    window = open_window()
    before = read_people(db_path)
    type_into_cell(qtbot, window, people["sofia"], "email", "sofia at acme")
    qtbot.waitUntil(lambda: window.error.isVisible(), timeout=3000)
    assert "Sofia Marin, Email: 'sofia at acme' is not an email address" in window.error.text()
    qtbot.waitUntil(
        lambda: (
            isinstance(QApplication.focusWidget(), QLineEdit)
            and QApplication.focusWidget().text() == "sofia at acme"
        ),
        timeout=3000,
    )
    assert read_people(db_path) == before
    assert undo_stack.count() == 0
    editor = QApplication.focusWidget()
    editor.setText("sofia.marin@acme.example")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored_contact(db_path, people["sofia"])["email"].startswith("sofia."))
    assert not window.error.isVisible()


def answer_merge(qtbot, window: PeopleWindow, choose: dict[str, str], accept: bool = True):
    """Answer the merge dialog once it is shown: pick ``choose`` values, then Merge."""
    seen: dict[str, object] = {}

    def answer() -> None:
        shown = [d for d in window.findChildren(MergeDialog) if d.isVisible()]
        if not shown:
            QTimer.singleShot(20, answer)
            return
        dialog = shown[0]
        seen["fields"] = sorted(dialog.choices)
        seen["names"] = [p.name for p in dialog.people]
        for field, value in choose.items():
            box: QComboBox = dialog.choices[field]
            box.setCurrentIndex(box.findData(value))
        dialog.merge_button.click() if accept else dialog.reject()

    QTimer.singleShot(0, answer)
    return seen


def test_merge_selected_keeps_chosen_values_and_undoes(
    qtbot, open_window, people, db_path: Path, undo_stack: QUndoStack
) -> None:
    window = open_window()
    before = read_people(db_path)
    window.select_ids([people["sofia"], people["twin"]], current=people["sofia"])
    assert window.merge_button.isEnabled()
    seen = answer_merge(qtbot, window, {"title": "Talent Partner", "email": "sofia@acme.example"})
    assert window.merge_selected()
    assert seen["names"] == ["Sofia Marin", "Sofia M."]  # the oldest is kept
    assert seen["fields"] == ["company", "email", "name", "phone", "title"]
    kept = stored_contact(db_path, people["sofia"])
    assert kept["title"] == "Talent Partner" and kept["name"] == "Sofia Marin"
    assert kept["phone"] == "+49 30 1234"  # a value beats an empty one
    assert stored_contact(db_path, people["twin"]) == {}
    assert window.model.rowCount() == 2
    assert cell(window, people["sofia"], "applications").data() == "Acme Robotics, Globex"
    assert undo_stack.undoText() == "Merge 2 people into Sofia Marin"

    undo_stack.undo()
    assert read_people(db_path) == before
    assert window.model.rowCount() == 3
    undo_stack.redo()
    assert stored_contact(db_path, people["twin"]) == {}
    assert window.model.rowCount() == 2


def find_duplicates_by_click(qtbot, window: PeopleWindow) -> None:
    """Click Find Duplicates… and wait until the search is answered (and a merge offered
    is answered)."""
    qtbot.mouseClick(window.duplicates_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.finding and not window.findChildren(MergeDialog),
                    timeout=5000)  # fmt: skip


def test_find_duplicates_offers_the_merge(qtbot, open_window, people, db_path: Path) -> None:
    window = open_window()
    before = read_people(db_path)
    seen = answer_merge(qtbot, window, {}, accept=False)
    find_duplicates_by_click(qtbot, window)  # offered, and declined
    assert seen["names"] == ["Sofia Marin", "Sofia M."]  # one email, two spellings
    assert read_people(db_path) == before
    answer_merge(qtbot, window, {})
    find_duplicates_by_click(qtbot, window)
    assert stored_contact(db_path, people["twin"]) == {}
    find_duplicates_by_click(qtbot, window)
    assert window.count.text() == "2 people · no duplicates found"


def test_find_duplicates_looks_in_a_worker_and_says_so(qtbot, open_window, people) -> None:
    window = open_window()
    window.find_duplicates()  # returns at once: nothing found or offered yet
    assert window.finding and not window.findChildren(MergeDialog)
    assert window.count.text() == "3 people · finding duplicates…"
    assert not window.duplicates_button.isEnabled()
    assert window.table.viewport().cursor().shape() == Qt.CursorShape.BusyCursor
    qtbot.keyClicks(window.search, "sofia")  # the window answers meanwhile
    assert window.model.rowCount() == 2
    seen = answer_merge(qtbot, window, {}, accept=False)
    qtbot.waitUntil(lambda: "names" in seen and not window.findChildren(MergeDialog))
    assert window.count.text() == "2 of 3 people" and window.duplicates_button.isEnabled()
    assert window.table.viewport().cursor().shape() == Qt.CursorShape.ArrowCursor


def test_duplicates_found_after_the_window_closed_are_not_offered(
    qtbot, open_window, people, db_path: Path
) -> None:
    window = open_window()
    before = read_people(db_path)
    window.find_duplicates()
    window.close()
    qtbot.waitUntil(lambda: not window.finding, timeout=5000)
    assert not window.findChildren(MergeDialog) and read_people(db_path) == before


def test_duplicates_found_before_a_change_are_looked_for_again(
    qtbot, open_window, people, db_path: Path
) -> None:
    window = open_window()
    window.find_duplicates()
    window.wait()  # found, not yet handed over; then the two are merged
    assert window.merge(people["sofia"], [people["twin"]], {})
    qtbot.waitUntil(lambda: window.count.text() == "2 people · no duplicates found")
    assert not window.findChildren(MergeDialog)


def names(window: PeopleWindow) -> list[str]:
    return [window.model.index(row, 0).data() for row in range(window.model.rowCount())]


def click_header(qtbot, window: PeopleWindow, field: str) -> None:
    header = window.table.horizontalHeader()
    section = column_of(field)
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_a_header_click_sorts_in_the_worker_keeping_the_selection(
    qtbot, open_window, people
) -> None:
    window = open_window()
    assert names(window) == ["Marco Bianchi", "Sofia M.", "Sofia Marin"]
    window.select_ids([people["sofia"]], current=people["sofia"])
    click_header(qtbot, window, "company")
    assert window.model.order == ("company", False) and window.sorting  # asked, not done
    assert names(window) == ["Marco Bianchi", "Sofia M.", "Sofia Marin"]
    assert window.count.text() == "3 people · sorting…"
    assert window.table.viewport().cursor().shape() == Qt.CursorShape.BusyCursor
    qtbot.waitUntil(lambda: not window.sorting, timeout=5000)
    assert names(window) == ["Sofia M.", "Sofia Marin", "Marco Bianchi"]  # "", Acme, Globex
    assert window.selected_ids() == [people["sofia"]]
    assert window.current_person().id == people["sofia"]
    assert window.count.text() == "3 people"
    assert window.table.viewport().cursor().shape() == Qt.CursorShape.ArrowCursor


def test_only_the_latest_order_asked_for_is_shown(qtbot, open_window, people) -> None:
    window = open_window()
    filled: list[bool] = []
    window.loaded.connect(lambda: filled.append(True))
    click_header(qtbot, window, "company")
    window.table.sortByColumn(column_of("name"), Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: not window.sorting and not window.loading, timeout=5000)
    assert names(window) == ["Sofia Marin", "Sofia M.", "Marco Bianchi"]
    assert filled == [True]  # the company order never reached the table


def test_an_order_asked_for_while_reading_is_read_in_that_order(
    qtbot, services: Services, undo_stack: QUndoStack, people
) -> None:
    window = PeopleWindow(services, undo_stack)
    qtbot.addWidget(window)
    window.show()
    window.table.sortByColumn(column_of("company"), Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: not window.loading, timeout=5000)
    assert names(window) == ["Marco Bianchi", "Sofia Marin", "Sofia M."]
    assert not window.sorting and window.count.text() == "3 people"


def test_an_order_asked_for_after_a_change_elsewhere_reads_again(
    qtbot, open_window, services: Services, undo_stack: QUndoStack, people
) -> None:
    window = open_window()
    change_elsewhere(services, undo_stack, people["marco"], company="Aardvark Labs")
    click_header(qtbot, window, "company")
    qtbot.waitUntil(lambda: not window.sorting, timeout=5000)
    assert names(window) == ["Sofia M.", "Marco Bianchi", "Sofia Marin"]


def test_a_person_shows_applications_and_timeline(qtbot, open_window, people) -> None:
    window = open_window()
    window.select_ids([people["marco"]], current=people["marco"])
    assert window.heading.full_text() == "Marco Bianchi"
    apps = [window.applications.item(i).text() for i in range(window.applications.count())]
    assert apps == ["Globex — Platform Engineer (Wishlist; interviewer)"]
    timeline = [window.timeline.item(i).text() for i in range(window.timeline.count())]
    assert len(timeline) == 1 and timeline[0].endswith("Globex: Video interview")
    window.applications.setCurrentRow(0)
    window.applications.itemActivated.emit(window.applications.item(0))
    assert window.opened == [people["globex"]]


def test_view_menu_opens_the_people_window(qtbot, make_window, people) -> None:
    board = make_window()
    action = board.people.open_action
    assert action.shortcut().toString() == "Ctrl+Shift+P"
    assert action in board.view_menu.actions()
    action.trigger()
    qtbot.waitUntil(lambda: board.people.view is not None and board.people.view.isVisible())
    qtbot.waitUntil(lambda: board.people.view.model.rowCount() == 3, timeout=5000)


def test_opens_at_once_saying_it_is_loading_then_fills(
    qtbot, services: Services, undo_stack: QUndoStack, people
) -> None:
    window = PeopleWindow(services, undo_stack)
    qtbot.addWidget(window)
    window.show()  # everyone is read in the worker: nothing is in the table yet
    assert window.model.rowCount() == 0 and window.table.isHidden()
    assert window.placeholder.text() == window.count.text() == "Loading…"
    with qtbot.waitSignal(window.loaded, timeout=5000):
        pass
    assert window.model.rowCount() == 3 and window.count.text() == "3 people"
    assert window.placeholder.isHidden() and window.table.isVisible()


def test_a_change_made_while_reading_is_read_again(
    qtbot, open_window, services: Services, undo_stack: QUndoStack, people
) -> None:
    window = open_window()
    window.undo_stack.push(QUndoCommand("a change elsewhere"))  # the window is behind now
    window.reload()
    window.wait()  # read, not yet handed over; then a change overtakes it
    change_elsewhere(services, undo_stack, people["marco"], name="Marco B. Bianchi")
    qtbot.waitUntil(lambda: cell(window, people["marco"], "name").data() == "Marco B. Bianchi")
    assert not window.loading


def test_coming_back_after_a_change_elsewhere_reads_everyone_again(
    qtbot, open_window, services: Services, undo_stack: QUndoStack, people
) -> None:
    window = open_window()
    change_elsewhere(services, undo_stack, people["sofia"], title="Head of Talent")
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(other.isActiveWindow)
    window.activateWindow()
    qtbot.waitUntil(lambda: cell(window, people["sofia"], "title").data() == "Head of Talent")


def test_a_read_after_a_few_edits_updates_their_rows_without_a_reset(
    qtbot, open_window, services: Services, undo_stack: QUndoStack, people
) -> None:
    window = open_window()
    window.select_ids([people["marco"], people["twin"]], current=people["marco"])
    resets: list[bool] = []
    window.model.modelReset.connect(lambda: resets.append(True))
    change_elsewhere(services, undo_stack, people["sofia"], phone="+49 30 5555")
    with qtbot.waitSignal(window.loaded, timeout=5000):
        window.reload()
    assert cell(window, people["sofia"], "phone").data() == "+49 30 5555"
    assert resets == []  # the selection and the scroll position stay as they were
    assert set(window.selected_ids()) == {people["twin"], people["marco"]}
    change_elsewhere(services, undo_stack, people["marco"], name="Zeno Bianchi")  # last by name now
    with qtbot.waitSignal(window.loaded, timeout=5000):
        window.reload()
    assert resets == [True]
    assert window.model.index(2, 0).data() == "Zeno Bianchi"
    assert window.current_person().id == people["marco"]
    assert set(window.selected_ids()) == {people["twin"], people["marco"]}


def test_a_read_again_hands_on_the_unchanged_people_as_the_objects_shown(
    qtbot, open_window, services: Services, undo_stack: QUndoStack, people
) -> None:
    """So the copies read again die in the worker, not on the GUI thread."""
    window = open_window()
    shown = {p.id: p for p in window.model.everyone}
    change_elsewhere(services, undo_stack, people["sofia"], phone="+49 30 5555")
    with qtbot.waitSignal(window.loaded, timeout=5000):
        window.reload()
    again = {p.id: p for p in window.model.everyone}
    assert again[people["marco"]] is shown[people["marco"]]
    assert again[people["twin"]] is shown[people["twin"]]
    assert again[people["sofia"]] is not shown[people["sofia"]]
    assert again[people["sofia"]].phone == "+49 30 5555"
