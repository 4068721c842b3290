"""The Insights window over the scripted search: the period switch, a pipeline bar that
filters the board, the missed follow-ups one click from a draft, and the exports."""

from __future__ import annotations

from datetime import UTC, date
from pathlib import Path

import pytest
from fixtures.scripted_search import script_outcomes, script_search
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.services import Services
from jobtracker.ui.insights.window import InsightsWindow


@pytest.fixture
def search(services: Services, clock: FakeClock) -> dict[str, int]:
    services.followups.tz = UTC
    ids = script_search(services, clock)
    script_outcomes(services, clock, ids)
    services.insights.set_weekly_goal(2)
    return ids


#: the worker reads the figures and, the first time, imports pyqtgraph and numpy
READ_WITHIN_MS = 30_000


def _opened(qtbot, window: InsightsWindow) -> InsightsWindow:
    """``window`` once the figures it reads in its worker are shown."""
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.figures is not None, timeout=READ_WITHIN_MS)
    return window


def _switch(qtbot, view: InsightsWindow, index: int) -> None:
    with qtbot.waitSignal(view.figures_shown, timeout=READ_WITHIN_MS):
        view.set_period(index)


@pytest.fixture
def view(qtbot, services: Services, search: dict[str, int]) -> InsightsWindow:
    window = InsightsWindow(services.insights)
    window.show()
    qtbot.waitExposed(window)
    return _opened(qtbot, window)


def _cells(table, column: int) -> list[str]:
    return [table.item(row, column).text() for row in range(table.rowCount())]


def test_the_window_shows_before_its_figures_are_read(qtbot, services: Services, search) -> None:
    window = InsightsWindow(services.insights)
    qtbot.addWidget(window)
    assert window.figures is None and window.pipeline.empty.text() == "Reading the figures…"
    assert not window.pipeline.png_button.isEnabled()
    with qtbot.waitSignal(window.figures_shown, timeout=READ_WITHIN_MS):
        window.show()
    assert window.pipeline.has_chart() and window.figures is not None


def test_the_period_switch_changes_the_figures(qtbot, view: InsightsWindow) -> None:
    _switch(qtbot, view, 2)  # all time
    assert view.pipeline.table.item(0, 1).text() == "8"
    assert _cells(view.pace.table, 0) == ["2026-02-16", "2026-02-23", "2026-03-02", "2026-03-09"]
    _switch(qtbot, view, 0)  # last 4 weeks: from Friday 13 February
    assert view.since_edit.date() == QDate(2026, 2, 13)
    assert _cells(view.pace.table, 0)[0] == "2026-02-09"
    _switch(qtbot, view, 1)  # last 3 months
    assert view.since_edit.date() == QDate(2025, 12, 12)
    assert len(_cells(view.pace.table, 0)) == 14
    assert not view.since_edit.isEnabled()
    _switch(qtbot, view, 3)  # custom
    assert view.since_edit.isEnabled()
    with qtbot.waitSignal(view.figures_shown, timeout=READ_WITHIN_MS):  # for the last date
        view.since_edit.setDate(QDate(2025, 1, 1))
        view.until_edit.setDate(QDate(2025, 1, 31))  # nothing happened then
    for panel in (view.pipeline, view.responses, view.pace, view.followups):
        assert not panel.has_chart() and not panel.png_button.isEnabled()
        assert panel.empty.text()
    assert view.pipeline.empty.text() == "No application was sent in this period."
    assert view.missed_label.text() == "Nothing missed in this period."
    assert view.period().since == date(2025, 1, 1)


def test_a_missed_follow_up_opens_its_draft(qtbot, view: InsightsWindow, search) -> None:
    _switch(qtbot, view, 2)
    view.tabs.setCurrentIndex(3)
    assert view.missed_table.rowCount() == 6
    with qtbot.waitSignal(view.write_requested) as signal:
        view.missed_table.setCurrentCell(0, 0)
        view.write_button.click()
    assert signal.args == [search["B"], "thank-you"]


def test_export_writes_png_and_svg(qtbot, view: InsightsWindow, tmp_path: Path) -> None:
    _switch(qtbot, view, 2)
    panel = view.pipeline
    panel.export_png(tmp_path / "pipeline.png")
    panel.export_svg(tmp_path / "pipeline.svg")
    image = QImage(str(tmp_path / "pipeline.png"))
    assert image.width() == 2 * panel.plot.width()
    svg = (tmp_path / "pipeline.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "Applied" in svg and "<title>Pipeline</title>" in svg


def test_clicking_a_bar_filters_the_board(qtbot, make_window, search) -> None:
    window = make_window()
    view = _opened(qtbot, window.insights.open())
    _switch(qtbot, view, 2)
    panel = view.pipeline
    qtbot.waitUntil(lambda: panel.plot.isVisible())
    rejected_bar = [panel.table.item(r, 0).text() for r in range(panel.table.rowCount())].index(
        "Ended: Rejected"
    )
    QTest.mouseClick(
        panel.plot.viewport(), Qt.MouseButton.LeftButton,
        pos=panel.bar_center(rejected_bar).toPoint(),
    )  # fmt: skip
    board = window.board
    qtbot.waitUntil(lambda: board.counts()[0] == 1)
    shown = [i for column in board.columns.values() for i in column.view.cards.ids()]
    assert shown == [search["B"]]
    hookup = window.insights
    assert hookup.filter_label is not None and hookup.show_all_button is not None
    assert "Insights, ended: rejected" in hookup.filter_label.text()
    hookup.show_all_button.click()
    assert not hookup.show_all_button.isVisible()
    assert board.counts()[0] == 8
    # the table beside the chart does the same from the keyboard
    interviewing = 2
    panel.table.setCurrentCell(interviewing, 0)
    panel.row_activated.emit(interviewing)
    assert board.counts()[0] == 6


def test_an_empty_board_shows_sentences_not_empty_charts(qtbot, services: Services) -> None:
    window = _opened(qtbot, InsightsWindow(services.insights))
    _switch(qtbot, window, 2)
    for panel in (window.pipeline, window.responses, window.pace, window.followups):
        assert not panel.has_chart(), panel.title
        assert panel.empty.text() and panel.table.rowCount() == 0
    assert "Your goal: 10 applications a week." in window.pace.empty.text()
    assert not window.write_button.isEnabled()


def test_one_application_draws_charts(qtbot, services: Services) -> None:
    applied = services.board.stage_for_role("applied")
    assert applied is not None
    services.applications.add("Solo", "Engineer", applied.id)
    window = _opened(qtbot, InsightsWindow(services.insights))
    assert window.pipeline.has_chart() and window.pace.has_chart()
    assert window.pipeline.table.item(0, 2).text() == "100%"
    assert window.responses.table.item(0, 3).text() == "0%"
    assert not window.followups.has_chart()  # nothing to score yet


def test_the_charts_read_cleanly(qtbot, view: InsightsWindow) -> None:
    _switch(qtbot, view, 2)
    for panel in (view.pipeline, view.pace, view.followups):
        item = panel.plot.getPlotItem()
        bars = [i for i in item.items if type(i).__name__ == "BarGraphItem"]
        for name in ("left", "bottom"):
            assert item.getAxis(name).zValue() < min(b.zValue() for b in bars), "grid behind"
    # the weeks' counts (1 to 3 a week) are marked at whole numbers only
    axis = view.pace.plot.getPlotItem().getAxis("left")
    marks = [v for _spacing, values in axis.tickValues(0, 3.15, 400) for v in values]
    assert marks and all(float(v).is_integer() for v in marks), marks


def test_the_misses_have_room_to_be_read(qtbot, view: InsightsWindow) -> None:
    _switch(qtbot, view, 2)
    view.resize(1100, 720)
    view.tabs.setCurrentIndex(3)
    table = view.missed_table
    qtbot.waitUntil(lambda: table.isVisible() and table.rowHeight(0) > 0)
    assert table.viewport().height() >= 4 * table.rowHeight(0)


def test_every_column_shows_in_a_small_window(qtbot, view: InsightsWindow) -> None:
    _switch(qtbot, view, 2)
    view.resize(720, 485)  # 1440 x 970 at 200 %
    for index, panel in enumerate((view.pipeline, view.responses, view.pace, view.followups)):
        view.tabs.setCurrentIndex(index)
        qtbot.waitUntil(lambda panel=panel: panel.table.isVisible())
        assert panel.table.horizontalScrollBar().maximum() == 0, panel.title
