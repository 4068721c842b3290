"""The filter bar over the real window: filters combine with the search, saved views come
back after a restart, columns sort by date applied, excitement and company."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from jobtracker.domain.card_filters import CardFilter
from jobtracker.domain.clock import FakeClock
from jobtracker.domain.services import Services


def _companies(window, stage: str) -> list[str]:
    column = next(c for c in window.board.columns.values() if c.stage.name == stage)
    return [window.board.card_set.card(i).company for i in column.view.cards.ids()]


def _board(services: Services, add_card, clock: FakeClock) -> dict[str, int]:
    ids = {
        "Acme": add_card("Acme", "Backend Engineer", "Applied", location="Remote (EU)",
                         excitement=4, source="LinkedIn"),
        "Globex": add_card("Globex", "Backend Developer", "Applied", location="Berlin",
                           excitement=2, source="Referral"),
        "Initech": add_card("Initech", "Frontend Engineer", "Applied", location="Remote",
                            excitement=5, source="linkedin"),
        "Umbrella": add_card("Umbrella", "Backend Engineer", "Wishlist", location="Munich"),
    }  # fmt: skip
    services.tags.add([ids["Acme"], ids["Initech"]], ["python"])
    services.tags.add([ids["Globex"]], ["python", "referral"])
    for days, name in ((3, "Acme"), (40, "Globex"), (10, "Initech")):
        services.applications.edit(ids[name], applied_at=clock.now() - timedelta(days=days))
    return ids


def test_filters_combine_with_the_search_through_the_bar(
    services: Services, add_card, make_window, clock: FakeClock
) -> None:
    _board(services, add_card, clock)
    window = make_window()
    window.filters.bar_action.trigger()  # View → Filter Bar
    bar = window.filters.bar
    assert bar is not None and bar.isVisible()
    assert sorted(a.text() for a in bar.tags_menu.actions()) == ["python", "referral"]

    next(a for a in bar.tags_menu.actions() if a.text() == "python").trigger()
    assert sorted(_companies(window, "Applied")) == ["Acme", "Globex", "Initech"]
    bar.remote.click()
    assert sorted(_companies(window, "Applied")) == ["Acme", "Initech"]
    assert _companies(window, "Wishlist") == []
    assert window.match_label.text() == "2 of 4 match"

    window.search_field.setText("backend")  # the search narrows the filtered cards
    assert sorted(_companies(window, "Applied")) == ["Acme"]
    window.search_field.setText("")
    bar.stars.setCurrentIndex(bar.stars.findData(5))
    assert sorted(_companies(window, "Applied")) == ["Initech"]
    bar.stars.setCurrentIndex(0)
    bar.remote.click()
    bar.applied.setCurrentIndex(bar.applied.findData(30))  # applied in the last 30 days
    assert sorted(_companies(window, "Applied")) == ["Acme", "Initech"]
    bar.source.setCurrentIndex(bar.source.findText("Referral"))
    assert sorted(_companies(window, "Applied")) == []

    bar.clear_button.click()
    assert window.filters.filter == CardFilter()
    assert sorted(_companies(window, "Applied")) == ["Acme", "Globex", "Initech"]
    assert window.match_label.text() == ""


def test_the_bar_builds_its_index_ahead_of_its_first_click(
    qtbot, services: Services, add_card, make_window, clock: FakeClock
) -> None:
    """Opened, the bar has the board build the filters' index of the cards a turn of the
    event loop at a time (not in the click that opens it), so no first click on a control
    builds it."""
    _board(services, add_card, clock)
    window = make_window()
    cards = window.board.card_set
    qtbot.waitUntil(lambda: cards.indexed)  # the search's index, built ahead after the start

    window.filters.bar_action.trigger()
    assert not cards.indexed, "the filters' index is built after the bar opens, not in it"
    qtbot.waitUntil(lambda: cards.indexed)
    bar = window.filters.bar
    assert bar is not None
    bar.applied.setCurrentIndex(bar.applied.findData(30))
    assert sorted(_companies(window, "Applied")) == ["Acme", "Initech"]


def test_a_filtered_board_follows_card_changes(
    services: Services, add_card, make_window, clock: FakeClock
) -> None:
    ids = _board(services, add_card, clock)
    window = make_window()
    window.filters.apply(CardFilter(tags=("referral",)))
    assert sorted(_companies(window, "Applied")) == ["Globex"]
    services.tags.add([ids["Acme"]], ["Referral"])
    window.refresh_cards([ids["Acme"]])
    assert sorted(_companies(window, "Applied")) == ["Acme", "Globex"]


def test_saved_views_come_back_after_a_restart(
    services: Services, add_card, make_window, clock: FakeClock, qtbot, tmp_path: Path
) -> None:
    _board(services, add_card, clock)
    window = make_window()
    window.filters.apply_view(window.filters.current_view()._replace(
        filter=CardFilter(tags=("python",), remote=True)))  # fmt: skip
    window.filters.sort_column("Applied", "company")
    saved = window.filters.save_view("Remote Python")
    window.filters.apply_view(window.filters.current_view()._replace(filter=CardFilter()))
    window.search_field.setText("engineer")
    window.close()

    from jobtracker.ui.main_window import MainWindow
    from jobtracker.ui.opening import opened

    settings = QSettings(str(tmp_path / "jobtracker.ini"), QSettings.Format.IniFormat)
    again = MainWindow(opened(services), settings)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.ready, timeout=10_000):
        again.show()
    # what the board showed when it closed
    assert again.search_field.text() == "engineer"
    assert _companies(again, "Applied") == ["Acme", "Initech"]
    # the saved view, from the View menu
    again.filters.views_menu.aboutToShow.emit()
    entry = next(a for a in again.filters.views_menu.actions() if a.text() == "Remote Python")
    entry.trigger()
    assert again.filters.current_view("Remote Python") == saved
    assert again.filters.bar is not None and again.filters.bar.remote.isChecked()
    assert again.search_field.text() == ""
    assert _companies(again, "Applied") == ["Acme", "Initech"]
    assert again.filters.views.all() == [saved]


def test_a_column_sorts_by_date_applied_excitement_and_company(
    services: Services, add_card, make_window, clock: FakeClock
) -> None:
    ids = _board(services, add_card, clock)
    window = make_window()
    applied = next(c for c in window.board.columns.values() if c.stage.name == "Applied")
    by_position = _companies(window, "Applied")

    def sort(order: str) -> None:  # the column header's context menu
        next(a for a in applied.header.actions() if a.data() == order).trigger()

    sort("excitement")
    assert _companies(window, "Applied") == ["Initech", "Acme", "Globex"]
    assert "sorted by excitement" in applied.header.toolTip()
    sort("applied")
    assert _companies(window, "Applied") == ["Acme", "Initech", "Globex"]
    sort("company")
    assert _companies(window, "Applied") == ["Acme", "Globex", "Initech"]
    # a changed card takes its sorted place
    services.applications.edit(ids["Acme"], company="Zeta")
    window.refresh_cards([ids["Acme"]])
    assert _companies(window, "Applied") == ["Globex", "Initech", "Zeta"]
    window.search_field.setText("backend")
    assert _companies(window, "Applied") == ["Globex", "Zeta"]
    window.search_field.setText("")
    sort("position")
    assert _companies(window, "Applied") == [
        "Zeta" if name == "Acme" else name for name in by_position
    ]
    window.filters.sort_all("excitement")
    assert _companies(window, "Applied") == ["Initech", "Zeta", "Globex"]
    QApplication.processEvents()


def test_moving_a_card_up_or_down_in_a_sorted_column_says_how_instead(
    qtbot, services: Services, add_card, make_window, clock: FakeClock
) -> None:
    """In a column sorted by company, Ctrl+Shift+Up would change a place the column does
    not show: nothing moves, nothing goes on the undo stack, and the status line says how
    to reorder. Sorted by position again, the keys move the card."""
    from PySide6.QtCore import Qt

    ids = _board(services, add_card, clock)
    window = make_window()
    applied = next(c for c in window.board.columns.values() if c.stage.name == "Applied")
    window.filters.sort_column("Applied", "company")
    assert _companies(window, "Applied") == ["Acme", "Globex", "Initech"]
    ranks = {c.id: c.rank for c in services.board.cards()}
    window.board.select_ids([ids["Globex"]])
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier

    qtbot.keyClick(applied.view, Qt.Key.Key_Up, keys)

    assert _companies(window, "Applied") == ["Acme", "Globex", "Initech"]
    assert {c.id: c.rank for c in services.board.cards()} == ranks
    assert window.undo_stack.count() == 0
    message = window.statusBar().currentMessage()
    assert message.startswith("Applied is sorted") and "Position" in message
    assert window.board.selected_ids() == [ids["Globex"]]

    window.filters.sort_column("Applied", "position")
    before = _companies(window, "Applied")
    window.board.select_ids([ids["Globex"]])
    qtbot.keyClick(applied.view, Qt.Key.Key_Up, keys)
    at = before.index("Globex")
    expected = list(before)
    expected[at - 1], expected[at] = expected[at], expected[at - 1]
    assert _companies(window, "Applied") == expected
    assert window.undo_stack.count() == 1


def test_what_the_board_shows_is_written_once_typing_pauses(
    qtbot, services: Services, add_card, make_window, clock: FakeClock
) -> None:
    """A search typed a key at a time leaves the settings file alone (each write of it
    held a keystroke for a disk's while); once the keys pause, the search is written, for
    the next start."""
    _board(services, add_card, clock)
    window = make_window()
    settings_file = Path(window.settings.fileName())

    def written() -> tuple[int, int] | None:
        """The settings file as last written (each write puts a new file in its place)."""
        if not settings_file.exists():
            return None
        found = settings_file.stat()
        return found.st_ino, found.st_mtime_ns

    QApplication.processEvents()  # what the start wrote is out
    before = written()
    for text in ("e", "en", "eng"):
        window.search_field.setText(text)
        QApplication.processEvents()  # where the settings would write themselves out
        assert written() == before, text
    assert window.filters.views.current().search == ""
    qtbot.waitUntil(lambda: window.filters.views.current().search == "eng", timeout=5000)
