"""Start the Qt application on a database (or a throw-away demo one)."""

from __future__ import annotations

import builtins
import gc
import linecache
import os
import sys
import tempfile
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jobtracker import APP_ID, APP_NAME, PLAIN_IMPORT, __version__

if TYPE_CHECKING:
    from jobtracker.domain.services import Services
    from jobtracker.store.check import OpenCheck
    from jobtracker.ui.main_window import MainWindow

#: set to 1 to quit once the window has painted (the packaged build's smoke test)
EXIT_AFTER_FIRST_PAINT = "JOBTRACKER_EXIT_AFTER_FIRST_PAINT"


def quit_after_first_paint(window: MainWindow) -> None:
    """Quit the event loop once ``window`` has painted and has its services: proof the GUI
    really comes up (called as the window is shown)."""
    from PySide6.QtWidgets import QApplication

    from jobtracker.ui.first_paint import after_first_paint

    def say_and_quit() -> None:
        print("first paint", file=sys.stderr, flush=True)
        QApplication.quit()

    def when_attached() -> None:
        if window.services is not None:
            say_and_quit()
        else:
            window.attached.connect(say_and_quit)

    after_first_paint(window, when_attached)


def skip_pyside_import_checks() -> None:
    """From now on, imports use Python's own ``__import__`` (call once PySide6 has loaded).

    PySide6 wraps ``__import__`` so that ``from __feature__ import snake_case`` can change
    its API per module, and to know which modules might, it reads the source of every
    module imported after it. jobtracker uses no such feature, and PySide6 treats a module
    it never read as one that uses none; the reading cost the window's start 7 ms before its
    first paint, and the line cache megabytes of lines after it.
    """
    builtins.__import__ = PLAIN_IMPORT


def settle_after_start(window: MainWindow) -> None:
    """After the first paint: let go of what the start no longer needs, read the rest of
    the cards, and move everything built so far out of the cycle collector's way.

    - The line cache keeps the sources PySide6 read while it loaded, before
      :func:`skip_pyside_import_checks` (enum's among them): lines nobody reads, which the
      cards then reuse. A traceback reads its lines again.
    - Frozen, the modules, widgets and 10,000 cards are not walked by the collector's full
      passes, which would otherwise pause the board for 30 ms (measured) while a person
      drags or types. Freezing costs nothing; a collection first would take as long.
    """
    linecache.clearcache()
    window.board.finish_loading()
    gc.freeze()


def make_settings_private() -> None:
    """The window's settings file (its state, stage names, choices) is the user's alone: made
    0600, in a 0700 folder where jobtracker creates it, before Qt first writes it (Qt keeps
    a file's permissions when it rewrites it)."""
    from PySide6.QtCore import QSettings

    from jobtracker.paths import PRIVATE_FILE_MODE, ensure_private_dir

    path = Path(QSettings().fileName())
    ensure_private_dir(path.parent)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
    except FileExistsError:
        path.chmod(PRIVATE_FILE_MODE)  # ours, written world-readable by older versions


def run(db_path: Path, *, demo: bool = False, background: bool = False) -> int:
    """Open the board window on ``db_path`` and run until it closes; returns the exit code.

    A sound file at the current schema paints first: its first frame is read in a thread
    beside the file's checks while Qt loads, and the store's modules load after the paint.
    Other files (new, older, damaged) open first, so what is wrong is said before any
    window shows. ``background`` (Start at login) stays in the tray with the window
    closed, where a tray exists."""
    from jobtracker.domain.board_reads import read_first_frame
    from jobtracker.store.check import OpenCheck

    read_ahead = None if background else read_first_frame  # no window to paint in the tray
    check = None if demo else OpenCheck(db_path, read_ahead)  # reads the file while Qt loads
    from PySide6.QtWidgets import QApplication

    skip_pyside_import_checks()
    from jobtracker.cli import EXIT_DATABASE
    from jobtracker.platform.single_instance import SingleInstance
    from jobtracker.platform.windows import bring_forward
    from jobtracker.ui.first_paint import after_first_paint
    from jobtracker.ui.main_window import MainWindow
    from jobtracker.ui.theme import apply_theme

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    make_settings_private()
    apply_theme(app)
    instance = SingleInstance(db_path)
    if not demo and not instance.claim():
        return 0  # the window already open on this database came forward
    opened: list[Services] = []
    with tempfile.TemporaryDirectory(prefix="jobtracker-demo-") as scratch:
        if demo:
            db_path = Path(scratch) / "demo.sqlite3"
        frame = check.peeked() if check is not None else None
        try:
            if check is not None and frame is not None:
                window = MainWindow(None, database_path=db_path, first_frame=frame)
                window.show()
                after_first_paint(window, partial(_attach_services, window, check, opened))
            else:
                shown = _open_then_show(db_path, check, demo, background, opened)
                if shown is None:
                    return EXIT_DATABASE
                window = shown
            instance.raise_requested.connect(partial(bring_forward, window))
            if os.environ.get(EXIT_AFTER_FIRST_PAINT) == "1":
                quit_after_first_paint(window)
            return app.exec()
        finally:
            instance.close()
            for services in opened:
                services.close()


def _open_then_show(
    db_path: Path,
    check: OpenCheck[Any] | None,
    demo: bool,
    background: bool,
    opened: list[Services],
) -> MainWindow | None:
    """The window over a file opened before it shows (None: the person chose Quit)."""
    from jobtracker.ui.first_paint import after_first_paint
    from jobtracker.ui.main_window import MainWindow
    from jobtracker.ui.reminders.controller import install_reminders

    services = _open_services(db_path, check, demo)
    if services is None:
        return None
    opened.append(services)
    window = MainWindow(services)
    reminders = install_reminders(window, services)
    if background and reminders.tray is not None:
        reminders.start()  # no window to paint first
        settle_after_start(window)
    else:
        window.show()
        after_first_paint(window, partial(settle_after_start, window))
    return window


def _open_services(db_path: Path, check: OpenCheck[Any] | None, demo: bool) -> Services | None:
    """The services of a file opened before the window (None: the person chose Quit)."""
    from jobtracker.ui.dialogs.bad_database import open_services_for_window

    services = open_services_for_window(db_path, check=check)
    if services is not None and demo:
        from jobtracker.domain.demo import fill_with_sample_data

        fill_with_sample_data(services)
    return services


def _attach_services(window: MainWindow, check: OpenCheck[Any], opened: list[Services]) -> None:
    """After the first frame: open the store under the painted window and give it the
    services. Where the file cannot be opened after all (another program took its lock
    meanwhile, say), the person is told, and Quit quits."""
    from PySide6.QtWidgets import QApplication

    from jobtracker.cli import EXIT_DATABASE
    from jobtracker.ui.dialogs.bad_database import open_services_for_window
    from jobtracker.ui.reminders.controller import install_reminders

    services = open_services_for_window(window.database_path, window, check=check)
    if services is None:
        window.close()
        QApplication.exit(EXIT_DATABASE)
        return
    opened.append(services)
    window.attach(services)
    reminders = install_reminders(window, services)
    settle_after_start(window)
    reminders.start()  # the window has painted
