"""Screenshots for the README and the AppStream metainfo: light, dark and at 200 % scale.

    python packaging/screenshots.py [OUTPUT_FOLDER]    (default: docs/screenshots)

Each picture is taken in its own process (QT_SCALE_FACTOR must be set before Qt starts),
offscreen, on the sample data with a fixed clock, through the app's own theme.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: name -> (colour scheme, scale factor, what to show)
SHOTS = {
    "light": ("light", "1", "board"),
    "dark": ("dark", "1", "board"),
    "scale2": ("light", "2", "board"),
    "scale2-dark": ("dark", "2", "board"),
    "light-settings": ("light", "1", "settings"),
    "dark-settings": ("dark", "1", "settings"),
    "scale2-settings": ("light", "2", "settings"),
    "light-about": ("light", "1", "about"),
    "dark-shortcuts": ("dark", "1", "shortcuts"),
}
NOW = datetime(2026, 3, 10, 10, 30, tzinfo=UTC)


def shoot(out: Path, scheme: str, subject: str) -> None:
    """Runs inside the child process: build the window (or a dialog) and grab it."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from jobtracker.domain.clock import FakeClock
    from jobtracker.domain.demo import fill_with_sample_data
    from jobtracker.domain.services import Services
    from jobtracker.store.db import open_store
    from jobtracker.ui.main_window import MainWindow
    from jobtracker.ui.theme import apply_theme

    app = QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="jobtracker-shots-"))
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    apply_theme(app, settings).set_choice(scheme)
    clock = FakeClock(NOW)
    with open_store(folder / "demo.sqlite3", owner="screenshots") as store:
        services = Services(store, clock)
        fill_with_sample_data(services)
        clock.advance(days=2, hours=3)
        window = MainWindow(services, settings)
        window.setGeometry(0, 0, 1280, 800)
        window.show()
        window.reminders_button.set_count(services.reminders.due_count())
        target = window
        if subject != "board":
            target = _dialog(subject, window, services, settings)
            target.show()
        for _ in range(3):
            app.processEvents()
        target.grab().save(str(out))
        target.close()
        window.close()


def _dialog(subject: str, window, services, settings):
    from jobtracker.ui.dialogs import about, shortcuts
    from jobtracker.ui.dialogs import settings as settings_dialog

    if subject == "settings":
        dialog = settings_dialog.SettingsDialog(services, window, settings)
        dialog.backups.back_up_now()
        dialog.show_page("Backups")
        return dialog
    if subject == "about":
        return about.AboutDialog(services.store.path, window)
    from jobtracker.ui.main_window import SHORTCUTS

    return shortcuts.ShortcutsDialog(window, SHORTCUTS)


def main() -> int:
    if len(sys.argv) == 5 and sys.argv[1] == "--one":
        shoot(Path(sys.argv[2]), sys.argv[3], sys.argv[4])
        return 0
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    for name, (scheme, scale, subject) in SHOTS.items():
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": scale}
        path = out / f"{name}.png"
        subprocess.run(
            [sys.executable, __file__, "--one", str(path), scheme, subject], env=env, check=True
        )
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
