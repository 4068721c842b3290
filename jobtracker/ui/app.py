"""Start the Qt application on a database (or a throw-away demo one)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from jobtracker import APP_ID, APP_NAME, __version__
from jobtracker.domain.demo import fill_with_sample_data
from jobtracker.domain.services import open_services


def run(db_path: Path, *, demo: bool = False) -> int:
    """Open the board window on ``db_path`` and run until it closes; returns the exit code."""
    from PySide6.QtWidgets import QApplication

    from jobtracker.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    with tempfile.TemporaryDirectory(prefix="jobtracker-demo-") as scratch:
        if demo:
            db_path = Path(scratch) / "demo.sqlite3"
        services = open_services(db_path, owner="jobtracker window")
        try:
            if demo:
                fill_with_sample_data(services)
            window = MainWindow(services)
            window.show()
            return app.exec()
        finally:
            services.close()
