"""The app with the keyboard only: Tab goes round each window (board with its filter bar
and agenda, each tab of the details, the People window) reaching every control, each
with a name, and never stays caught in one (a table's cells, a scroll area's frame)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

from jobtracker.domain.demo import fill_with_sample_data
from jobtracker.platform.notifications import NullNotifier
from tests.ui.keyboard import controls, names, spoken_name, tab_walk


def check_round(top: QWidget, start: QWidget, where: str) -> list[QWidget]:
    """Tab from ``start`` comes round, having met every control of ``top``, each named."""
    top.activateWindow()
    QApplication.processEvents()
    assert top.isActiveWindow(), where
    expected = controls(top)
    walked = tab_walk(start, limit=4 * len(expected) + 10)
    missed = [w for w in expected if w not in walked]
    assert not missed, f"{where}: Tab never reaches {names(missed)}"
    unnamed = [w for w in walked if not spoken_name(w).strip()]
    assert not unnamed, f"{where}: Tab stops with no name: {names(unnamed)}"
    return walked


def test_the_board_window_details_and_people_go_round_with_tab(
    services, clock, make_window, qtbot
) -> None:
    from jobtracker.ui.dialogs.details import DetailsDialog
    from jobtracker.ui.reminders.controller import RemindersController

    fill_with_sample_data(services)
    clock.advance(days=2, hours=3)
    window = make_window()
    reminders = RemindersController(window, services, notifier=NullNotifier(), use_tray=False)
    reminders.start()
    reminders.show_panel()
    window.filters.bar_action.trigger()
    bar = window.filters.bar
    assert bar is not None and bar.isAncestorOf(QApplication.focusWidget()), "Ctrl+Shift+F"
    walked = check_round(window, window.search_field, "board window")
    order = [
        "search" if w is window.search_field else "bar" if bar.isAncestorOf(w)
        else "column" if window.board.isAncestorOf(w)
        else "agenda" if reminders.panel.isAncestorOf(w) else "toolbar"
        for w in walked
    ]  # fmt: skip
    seen = [part for n, part in enumerate(order) if n == 0 or order[n - 1] != part]
    assert seen == ["search", "toolbar", "bar", "column", "agenda"], "as on screen"

    card = next(c for c in services.board.cards() if c.next_interview_at is not None)
    window.open_details(card.id)
    details = next(d for d in window.findChildren(DetailsDialog) if d.isVisible())
    for tab in range(details.tabs.count()):
        details.tabs.setCurrentIndex(tab)
        check_round(details, details.tabs.tabBar(), f"details, {details.tabs.tabText(tab)}")
    details.close()

    people = window.people.open()
    qtbot.waitUntil(lambda: not people.loading, timeout=30_000)
    people.table.selectRow(0)
    walked = check_round(people, people.search, "people")
    assert walked.index(people.table) + 1 < len(walked), "Tab leaves the table at once"
