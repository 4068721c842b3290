"""Every text at 4.5:1 and every check box and radio button outline at 3:1 against what is
behind it, in the light and the dark palette, in each window (DESIGN.md section 7).

Windows are built after the palette is set, as at start, and also switched to the other
palette while open, as when the desktop's scheme changes: both must read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from contrast import findings, measure, text_regions
from PySide6.QtCore import QModelIndex, QPoint, QRect, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLabel,
    QListWidget,
    QMenu,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from jobtracker.domain.demo import fill_with_sample_data
from jobtracker.platform.notifications import NullNotifier
from jobtracker.ui.board.colors import blend
from jobtracker.ui.theme import app_style, dark_palette, light_palette

IMPORT_FILE = Path(__file__).parents[1] / "fixtures" / "import" / "spreadsheet_us.csv"
PALETTES: dict[str, Callable[[], QPalette]] = {"light": light_palette, "dark": dark_palette}


@pytest.fixture
def palette_of(qapp):
    """The app's style, and its palette set by name; the originals come back after."""
    original, style = qapp.palette(), qapp.style().name()
    qapp.setStyle(app_style())

    def set_palette(name: str) -> None:
        qapp.setPalette(PALETTES[name]())
        qapp.processEvents()

    yield set_palette
    qapp.setPalette(original)
    qapp.setStyle(style)


def pages(top: QWidget) -> Iterator[str]:
    """Show each tab and stacked page of ``top`` in turn, saying which."""
    yield "first page"
    for tabs in top.findChildren(QTabWidget):
        for n in range(tabs.count()):
            if tabs.isVisibleTo(top) and tabs.isTabEnabled(n):
                tabs.setCurrentIndex(n)
                QApplication.processEvents()
                yield f"tab {tabs.tabText(n)!r}"
    for stack in top.findChildren(QStackedWidget):
        if stack.isVisibleTo(top) and not isinstance(stack.parent(), QTabWidget):
            for n in range(stack.count()):
                stack.setCurrentIndex(n)
                QApplication.processEvents()
                yield f"page {n}"


def problems(top: QWidget, name: str) -> list[str]:
    found: dict[str, str] = {}
    for page in pages(top):
        for finding in findings(top, f"{name}, {page}"):
            found.setdefault(finding.what, str(finding))
    return list(found.values())


Check = Callable[[str, QWidget], None]
#: menu entries that open no window of their own, or end the app
OPEN_NOTHING = {"&Quit"}
#: windows the menus open, by class: the walk of the menus must meet at least these
MENU_WINDOWS = {
    "AboutDialog", "DetailsDialog", "DraftEditor", "InsightsWindow", "LibraryDialog",
    "PasteDialog", "PeopleWindow", "ProfileDialog", "QFileDialog", "QInputDialog",
    "ReportDialog", "SettingsDialog", "ShortcutsDialog", "StagesDialog", "TagsDialog",
    "TemplatesDialog",
}  # fmt: skip


def menu_actions(menu: QMenu) -> Iterator[QAction]:
    """Every entry of ``menu`` and its submenus a person can choose to do something
    (checkable ones only show or hide a part of the window); each menu filled as when it
    opens."""
    menu.aboutToShow.emit()
    for action in menu.actions():
        if action.menu() is not None:
            yield from menu_actions(action.menu())
        elif not action.isSeparator() and not action.isCheckable() and action.isEnabled():
            yield action


def while_open(trigger: Callable[[], object], check: Check, name: str) -> list[QWidget]:
    """Run ``trigger`` and check each window it opens, modal (checked inside its own event
    loop, as the person sees it) or not, then close it. Returns the windows checked."""
    before = {w for w in QApplication.topLevelWidgets() if w.isVisible()}
    opened: list[QWidget] = []
    running = True

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None and modal not in opened and modal not in before:
            opened.append(modal)
            check(f"{name}: {type(modal).__name__}", modal)
            modal.close()
        if running:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    trigger()
    running = False
    QApplication.processEvents()
    new = [
        w for w in QApplication.topLevelWidgets()
        if w.isVisible() and w not in before and w not in opened and not isinstance(w, QMenu)
        and w.windowType() != Qt.WindowType.ToolTip
    ]  # fmt: skip
    for window in new:
        if shiboken6.isValid(window) and window.isVisible():  # not closed with another
            opened.append(window)
            check(f"{name}: {type(window).__name__}", window)
            window.close()
            QApplication.processEvents()
    return opened


def check_windows(services, qtbot, tmp_path, check: Check) -> list[str]:
    """Open each window of the app over the sample data and check it; returns the class
    names of the windows the menus opened."""
    from jobtracker.ui.dialogs.details import DetailsDialog
    from jobtracker.ui.dialogs.import_wizard import ImportWizard
    from jobtracker.ui.main_window import MainWindow
    from jobtracker.ui.opening import opened
    from jobtracker.ui.reminders.controller import RemindersController

    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(opened(services), settings)
    qtbot.addWidget(window)
    window.make_ready()  # as the start has it before the reminders install
    reminders = RemindersController(window, services, notifier=NullNotifier(), use_tray=False)
    reminders.start()
    window.resize(1400, 860)
    window.show()
    qtbot.waitExposed(window)
    reminders.show_panel()
    qtbot.waitUntil(lambda: reminders.panel.view.model().rowCount() > 0)
    window.filters.bar_action.setChecked(True)  # the filter bar, built on first use
    QApplication.processEvents()
    check("main window with agenda and filter bar", window)

    card = next(c for c in services.board.cards() if c.next_interview_at is not None)
    window.open_details(card.id)
    details = next(d for d in window.findChildren(DetailsDialog) if d.isVisible())
    check("details", details)
    details.tabs.setCurrentWidget(details.people)
    details.people.list.setCurrentRow(0)
    person = details.people.edit_selected()
    assert person is not None, "the sample card with an interview has people"
    qtbot.waitExposed(person)
    check("person of an application", person)
    person.reject()
    details.close()

    people = window.people.open()
    qtbot.waitExposed(people)
    qtbot.waitUntil(lambda: not people.loading, timeout=30_000)  # read in a worker
    check("people", people)
    people.select_ids([p.id for p in people.model.people[:2]], current=people.model.people[0].id)
    while_open(people.merge_selected, check, "merging two people")
    people.close()

    wizard = ImportWizard(services, IMPORT_FILE, window)
    wizard.show()
    for step in range(4):
        check(f"import wizard step {step + 1}", wizard)
        if (
            wizard.currentPage().isFinalPage()
            or not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
        ):
            break
        wizard.next()
        QApplication.processEvents()
    wizard.close()
    insights = window.insights.open()
    qtbot.waitExposed(insights)
    qtbot.waitUntil(lambda: insights.figures is not None, timeout=30_000)  # read in a worker
    check("insights with its figures", insights)
    insights.close()

    opened: dict[str, QWidget] = {}

    def check_once(name: str, top: QWidget) -> None:
        """Each kind of window once (the Write entries all open the draft editor)."""
        kind = type(top).__name__
        if kind not in opened:
            opened[kind] = top
            check(name, top)

    window.board.select_ids([card.id])
    QGuiApplication.clipboard().clear()  # Capture Posting asks for the text, not a link
    for bar_entry in window.menuBar().actions():
        for action in menu_actions(bar_entry.menu()):
            if action.text() not in OPEN_NOTHING:
                name = f"{bar_entry.text()} > {action.text()}".replace("&", "")
                while_open(action.trigger, check_once, name)
    return sorted(opened)


@pytest.mark.timeout(900)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_window_reads_in_both_palettes(
    services, clock, qtbot, tmp_path, palette_of, scheme
) -> None:
    """The main window and every window its menus open, People and its dialogs too."""
    fill_with_sample_data(services)
    clock.advance(days=2, hours=3)
    palette_of(scheme)
    other = "dark" if scheme == "light" else "light"
    found: list[str] = []
    seen: list[str] = []

    def check(name: str, top: QWidget) -> None:
        QApplication.processEvents()
        seen.append(name)
        found.extend(problems(top, f"{scheme}: {name}"))
        palette_of(other)  # switched while open, as by the desktop
        found.extend(problems(top, f"{scheme} then {other}: {name}"))
        palette_of(scheme)

    from_menus = check_windows(services, qtbot, tmp_path, check)
    assert set(from_menus) >= MENU_WINDOWS, sorted(MENU_WINDOWS - set(from_menus))
    assert {"people", "person of an application"} <= set(seen), seen
    assert any(name.startswith("merging two people") for name in seen), seen
    assert not found, "\n".join(found)


def test_the_measure_tells_faint_text_and_a_missing_outline(qtbot, palette_of) -> None:
    """The yardstick itself: a label in the palette's text passes, the same label in a
    colour close to its background fails, an outline of the background's colour fails."""
    palette_of("dark")
    top = QWidget()
    qtbot.addWidget(top)
    layout = QVBoxLayout(top)
    plain, faint = QLabel("Readable text"), QLabel("Faint text")
    box = QCheckBox("A choice")
    for widget in (plain, faint, box):
        layout.addWidget(widget)
    faint_palette = faint.palette()
    faint_palette.setColor(faint.foregroundRole(), faint_palette.color(QPalette.ColorRole.Button))
    faint.setPalette(faint_palette)
    top.show()
    qtbot.waitExposed(top)
    whats = [f.what for f in findings(top, "sample")]
    assert not any("Readable" in w for w in whats)
    assert any("Faint" in w for w in whats), whats
    image = top.grab().toImage()
    scale = image.devicePixelRatio()
    ((_, rect, _),) = [r for r in text_regions(plain)]
    origin = plain.mapTo(top, rect.topLeft())
    device = QRect(QPoint(int(origin.x() * scale), int(origin.y() * scale)), rect.size() * scale)
    contrast, _, _ = measure(image, device)
    assert contrast > 10, "the palette's text on its window colour measures as such"


class _TwoLines(QStyledItemDelegate):
    """An item as the agenda paints one: its text, and under it a second line in a colour
    of its own."""

    def __init__(self, second: QColor) -> None:
        super().__init__()
        self.second = second

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(200, option.fontMetrics.lineSpacing() * 2 + 8)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        line = option.fontMetrics.lineSpacing()
        top = option.rect.adjusted(4, 4, -4, 0)
        painter.setPen(option.palette.color(QPalette.ColorRole.Text))
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft, str(index.data()))
        painter.setPen(self.second)
        painter.drawText(top.adjusted(0, line, 0, 0), Qt.AlignmentFlag.AlignLeft, "second line")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_faint_second_line_inside_an_item_is_found(qtbot, palette_of, scheme) -> None:
    """A row is judged line by line: its strong first line does not hide a faint second."""
    palette_of(scheme)
    palette = QApplication.palette()
    text, base = (palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base))
    faint = blend(text, base, 0.3)
    whats: dict[str, list[str]] = {}
    for name, second in (("readable", text), ("faint", faint)):
        view = QListWidget()
        qtbot.addWidget(view)
        view.addItems(["Acme Robotics", "Globex"])
        delegate = _TwoLines(second)
        view.setItemDelegate(delegate)
        view.show()
        qtbot.waitExposed(view)
        whats[name] = [f.what for f in findings(view, name)]
    assert whats["readable"] == []
    assert any("Acme Robotics" in w for w in whats["faint"]), whats
    assert any("Globex" in w for w in whats["faint"]), whats
