"""What every screenshot script shares: an offscreen application in the app's style, a
private scratch folder (the user's settings included: the profile lives there), a database
of sample data under a fixed clock, and saving a widget as it paints.

    out = out_folder()
    with demo_scene() as scene:
        for tone in scene.tones():
            scene.save(window, out / f"board-{tone}.png")

The pictures change only when the look does: same clock, same sample, fixed palettes.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.demo import fill_with_sample_data
from jobtracker.domain.services import Services
from jobtracker.store.db import open_store
from jobtracker.ui.main_window import MainWindow
from jobtracker.ui.opening import opened
from jobtracker.ui.theme import app_style, dark_palette, light_palette

#: a Tuesday late morning
NOW = datetime(2026, 3, 10, 10, 30, tzinfo=UTC)
#: the board is shot two days after the sample was made, so reminders have fallen due
LATER = timedelta(days=2, hours=3)
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PALETTES = {"light": light_palette, "dark": dark_palette}


class Scene(NamedTuple):
    """One sample search to take pictures of."""

    app: QApplication
    services: Services
    clock: FakeClock
    #: the scratch folder (removed afterwards)
    folder: Path

    def settings(self, name: str) -> QSettings:
        """A window's settings file of its own in the scratch folder."""
        return QSettings(str(self.folder / f"{name}.ini"), QSettings.Format.IniFormat)

    def board(self, name: str, width: int = 1280, height: int = 800) -> MainWindow:
        """A board window as the app builds it, at this size, with settings of its own, its
        parts installed (as they are once it has painted)."""
        window = MainWindow(opened(self.services), self.settings(name))
        window.setGeometry(0, 0, width, height)
        window.make_ready()
        return window

    def tones(self) -> Iterator[str]:
        """ "light", then "dark", the application's palette set to each in turn."""
        for tone, palette in PALETTES.items():
            self.app.setPalette(palette())
            yield tone

    def save(self, widget: QWidget, path: Path) -> None:
        """Show ``widget``, let it paint, and save what it shows."""
        widget.show()
        for _ in range(3):
            self.app.processEvents()
        widget.grab().save(str(path))
        print(path)


def out_folder() -> Path:
    """Where the pictures go: the script's first argument, or docs/screenshots."""
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else DOCS
    out.mkdir(parents=True, exist_ok=True)
    return out


@contextmanager
def demo_scene(
    now: datetime = NOW, *, later: timedelta = timedelta(), sample: bool = True
) -> Iterator[Scene]:
    """A scene on a fresh database (``sample``: filled with the sample data at ``now``),
    the clock then moved on by ``later``; everything is closed and removed afterwards."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setStyle(app_style())
    before = os.environ.get("XDG_CONFIG_HOME")
    with tempfile.TemporaryDirectory(prefix="jobtracker-shots-") as scratch:
        folder = Path(scratch)
        os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
        clock = FakeClock(now)
        try:
            with open_store(folder / "demo.sqlite3", owner="screenshots") as store:
                services = Services(store, clock)
                if sample:
                    fill_with_sample_data(services)
                clock.advance(seconds=later.total_seconds())
                yield Scene(app, services, clock, folder)
                for widget in app.topLevelWidgets():
                    widget.close()
                    widget.deleteLater()
                # delete the widgets while the database is open, before the interpreter
                # tears objects down in any order
                QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        finally:
            if before is None:
                os.environ.pop("XDG_CONFIG_HOME", None)
            else:
                os.environ["XDG_CONFIG_HOME"] = before
