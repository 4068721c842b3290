"""Start the Qt application on a database (or a throw-away demo one)."""

from __future__ import annotations

import gc
import linecache
import os
import sys
import tempfile
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from jobtracker import APP_ID, APP_NAME, __version__

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from jobtracker.ui.main_window import MainWindow

#: set to 1 to quit once the window has painted (the packaged build's smoke test)
EXIT_AFTER_FIRST_PAINT = "JOBTRACKER_EXIT_AFTER_FIRST_PAINT"


def quit_after_first_paint(window: QWidget) -> None:
    """Quit the event loop once ``window`` has painted: proof the GUI really comes up."""
    from PySide6.QtWidgets import QApplication

    from jobtracker.ui.first_paint import after_first_paint

    def say_and_quit() -> None:
        print("first paint", file=sys.stderr, flush=True)
        QApplication.quit()

    after_first_paint(window, say_and_quit)


def settle_after_start(window: MainWindow) -> None:
    """After the first paint: let go of what the start no longer needs, read the rest of
    the cards, and move everything built so far out of the cycle collector's way.

    - PySide6 reads the source of every module imported after it (to see whether it uses
      ``__feature__``), and Python's line cache keeps those lines: 2 MB nobody reads, which
      the cards then reuse. A traceback reads its lines again.
    - Frozen, the modules, widgets and 10,000 cards are not walked by the collector's full
      passes, which would otherwise pause the board for 30 ms (measured) while a person
      drags or types. Freezing costs nothing; a collection first would take as long.
    """
    linecache.clearcache()
    window.board.finish_loading()
    gc.freeze()


def run(db_path: Path, *, demo: bool = False, background: bool = False) -> int:
    """Open the board window on ``db_path`` and run until it closes; returns the exit code.

    ``background`` (Start at login) stays in the tray with the window closed, where a tray
    exists."""
    from jobtracker.store.check import OpenCheck

    check = None if demo else OpenCheck(db_path)  # reads the file while Qt loads
    from PySide6.QtWidgets import QApplication

    from jobtracker.cli import EXIT_DATABASE
    from jobtracker.platform.single_instance import SingleInstance
    from jobtracker.platform.windows import bring_forward
    from jobtracker.ui.dialogs.bad_database import open_services_for_window
    from jobtracker.ui.first_paint import after_first_paint
    from jobtracker.ui.main_window import MainWindow
    from jobtracker.ui.reminders.controller import install_reminders
    from jobtracker.ui.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    apply_theme(app)
    instance = SingleInstance(db_path)
    if not demo and not instance.claim():
        return 0  # the window already open on this database came forward
    with tempfile.TemporaryDirectory(prefix="jobtracker-demo-") as scratch:
        if demo:
            db_path = Path(scratch) / "demo.sqlite3"
        services = open_services_for_window(db_path, check=check)
        if services is None:
            return EXIT_DATABASE
        try:
            if demo:
                from jobtracker.domain.demo import fill_with_sample_data

                fill_with_sample_data(services)
            window = MainWindow(services)
            reminders = install_reminders(window, services)
            instance.raise_requested.connect(lambda: bring_forward(window))
            if background and reminders.tray is not None:
                reminders.start()  # no window to paint first
                settle_after_start(window)
            else:
                window.show()
                after_first_paint(window, partial(settle_after_start, window))
            if os.environ.get(EXIT_AFTER_FIRST_PAINT) == "1":
                quit_after_first_paint(window)
            return app.exec()
        finally:
            instance.close()
            services.close()
