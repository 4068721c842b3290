"""Remake the board screenshots: the demo board at 1280x800, light and dark.

    python tests/ui/make_screenshots.py [OUTPUT_FOLDER]   (default: docs/screenshots)

Runs offscreen with the Fusion style, a fixed clock and fixed palettes, so the pictures only
change when the board's look does.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.demo import fill_with_sample_data
from jobtracker.domain.services import Services
from jobtracker.store.db import open_store
from jobtracker.ui.main_window import MainWindow
from jobtracker.ui.theme import app_style, dark_palette, light_palette

#: a Tuesday late morning
NOW = datetime(2026, 3, 10, 10, 30, tzinfo=UTC)


def shoot(
    app: QApplication, services: Services, palette: QPalette, path: Path, folder: Path
) -> None:
    app.setPalette(palette)
    settings = QSettings(str(folder / f"{path.stem}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(services, settings)
    window.setGeometry(0, 0, 1280, 800)
    window.show()
    window.reminders_button.set_count(services.reminders.due_count())  # the real due count
    app.processEvents()
    window.grab().save(str(path))
    window.close()
    print(path)


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[2] / "docs/screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    app.setStyle(app_style())
    with tempfile.TemporaryDirectory(prefix="jobtracker-shots-") as scratch:
        folder = Path(scratch)
        clock = FakeClock(NOW)
        with open_store(folder / "demo.sqlite3", owner="screenshots") as store:
            services = Services(store, clock)
            fill_with_sample_data(services)
            clock.advance(days=2, hours=3)
            shoot(app, services, light_palette(), out / "board-light.png", folder)
            shoot(app, services, dark_palette(), out / "board-dark.png", folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
