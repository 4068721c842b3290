"""Screenshots of the Today agenda in the window (light and dark), for the docs.

QT_QPA_PLATFORM=offscreen python tests/ui/reminders/screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from jobtracker.domain.demo import fill_with_sample_data
from jobtracker.domain.services import Services
from jobtracker.platform.notifications import NullNotifier
from jobtracker.store.db import open_store
from jobtracker.ui.agenda.model import entry_key
from jobtracker.ui.main_window import MainWindow
from jobtracker.ui.reminders.controller import RemindersController
from jobtracker.ui.theme import app_style, dark_palette, light_palette


def shoot(out: Path, name: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        services = Services(open_store(Path(scratch) / "demo.sqlite3", owner="screenshots"))
        fill_with_sample_data(services)
        settings = QSettings(str(Path(scratch) / "w.ini"), QSettings.Format.IniFormat)
        window = MainWindow(services, settings)
        controller = RemindersController(window, services, notifier=NullNotifier(), use_tray=False)
        controller.start()
        window.resize(1500, 860)
        window.show()
        controller.show_panel()
        panel = controller.panel
        panel.select_key(entry_key(panel.model.entries("overdue")[0]))
        for _ in range(5):
            QApplication.processEvents()
        window.grab().save(str(out / name))
        window.close()
        services.close()


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")
    app = QApplication.instance() or QApplication(sys.argv)
    app.setStyle(app_style())
    app.setPalette(light_palette())
    shoot(out, "agenda-light.png")
    app.setPalette(dark_palette())
    shoot(out, "agenda-dark.png")


if __name__ == "__main__":
    main()
