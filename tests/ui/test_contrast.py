"""Every text at 4.5:1 and every check box and radio button outline at 3:1 against what is
behind it, in the light and the dark palette, in each window (DESIGN.md section 7).

Windows are built after the palette is set, as at start, and also switched to the other
palette while open, as when the desktop's scheme changes: both must read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from contrast import findings, measure, text_regions
from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QLabel,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from jobtracker.domain.demo import fill_with_sample_data
from jobtracker.platform.notifications import NullNotifier
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


def open_windows(services, qtbot, tmp_path) -> Iterator[tuple[str, QWidget]]:
    """Each window of the app over the sample data, shown, one after another."""
    from jobtracker.ui.dialogs.details import DetailsDialog
    from jobtracker.ui.dialogs.import_wizard import ImportWizard
    from jobtracker.ui.dialogs.settings import SettingsDialog
    from jobtracker.ui.dialogs.stages import StagesDialog
    from jobtracker.ui.main_window import MainWindow
    from jobtracker.ui.reminders.controller import RemindersController

    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(services, settings)
    qtbot.addWidget(window)
    reminders = RemindersController(window, services, notifier=NullNotifier(), use_tray=False)
    reminders.start()
    window.resize(1400, 860)
    window.show()
    qtbot.waitExposed(window)
    reminders.show_panel()
    qtbot.waitUntil(lambda: reminders.panel.view.model().rowCount() > 0)
    window.filters.bar_action.setChecked(True)  # the filter bar, built on first use
    QApplication.processEvents()
    yield "main window with agenda and filter bar", window
    window.filters.manage_tags()
    tags = next(d for d in window.findChildren(QDialog) if d.isVisible())
    yield "tags", tags
    tags.close()
    card = next(c for c in services.board.cards() if c.next_interview_at is not None)
    window.open_details(card.id)
    details = next(d for d in window.findChildren(DetailsDialog) if d.isVisible())
    yield "details", details
    details.close()
    editor = window.drafts.open(card.id, "thank-you")
    qtbot.waitExposed(editor)
    yield "draft editor", editor
    editor.close()
    window.manage_stages()
    stages = next(d for d in window.findChildren(StagesDialog) if d.isVisible())
    yield "stages", stages
    stages.close()
    dialog = SettingsDialog(services, window, settings)
    dialog.show()
    yield "settings", dialog
    dialog.close()
    wizard = ImportWizard(services, IMPORT_FILE, window)
    wizard.show()
    for step in range(4):
        yield f"import wizard step {step + 1}", wizard
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
    yield "insights", insights
    insights.close()


@pytest.mark.timeout(600)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_window_reads_in_both_palettes(
    services, clock, qtbot, tmp_path, palette_of, scheme
) -> None:
    fill_with_sample_data(services)
    clock.advance(days=2, hours=3)
    palette_of(scheme)
    other = "dark" if scheme == "light" else "light"
    found: list[str] = []
    seen: list[str] = []
    for name, top in open_windows(services, qtbot, tmp_path):
        QApplication.processEvents()
        seen.append(name)
        found += problems(top, f"{scheme}: {name}")
        palette_of(other)  # switched while open, as by the desktop
        found += problems(top, f"{scheme} then {other}: {name}")
        palette_of(scheme)
    assert len(seen) >= 11, seen
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
