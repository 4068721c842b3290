"""The one start of the window: the ``jobtracker`` command, the start tests and the board
benchmark all come through :func:`run`.

The file is checked in a thread while Qt loads; the window paints the first cards of each
column, read on plain sqlite3, then opens the file's services, reads the rest of the cards a
page at a time, and the reminders catch up on what fell due, each step a short turn of the
event loop. Where a writer must open the file first (a new, older, damaged or busy file, the
demo), the services open before the window, and a file that cannot be opened is explained
before any window shows.
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from jobtracker import APP_ID, APP_NAME, __version__
from jobtracker.domain.board_reads import FIRST_CARDS
from jobtracker.domain.clock import SYSTEM_CLOCK
from jobtracker.domain.readers import read_first_frame
from jobtracker.exit_codes import EXIT_DATABASE, EXIT_NO_DISPLAY
from jobtracker.store.check import OpenCheck
from jobtracker.ui.opening import Opening, opened

if TYPE_CHECKING:
    from jobtracker.domain.services import Services
    from jobtracker.platform.single_instance import SingleInstance
    from jobtracker.ui.main_window import MainWindow

#: set to 1 to quit once the start has settled and the board is at rest, saying on stderr
#: when the window painted and settled and how much memory it took (the packaged build's
#: smoke test and the benchmarks read it)
EXIT_AFTER_FIRST_PAINT = "JOBTRACKER_EXIT_AFTER_FIRST_PAINT"

#: who holds the writer lock while the window is open (named in "in use" messages)
WINDOW_OWNER = "jobtracker window"

#: called with the window once the start has settled (after the first paint, all cards read)
Started = Callable[["MainWindow"], None]


def run(
    db_path: Path,
    *,
    demo: bool = False,
    background: bool = False,
    on_started: Started | None = None,
    capture_url: str | None = None,
) -> int:
    """Open the board window on ``db_path`` and run until it closes; returns the exit code.

    ``background`` (Start at login) stays in the tray with the window closed, where a tray
    exists. ``on_started`` is called once the start has settled. ``capture_url`` (a
    ``jobtracker://capture`` link's) is captured for review in this window, or handed to the
    one already open on the database.

    The cycle collector waits until the window has painted (see :func:`_settle`): what the
    start builds (modules, Qt's types, the window) lives as long as the window, and the
    collector's passes over it before the first frame would free nothing."""
    gc.disable()
    try:
        return _start(db_path, demo, background, on_started, capture_url)
    finally:
        gc.enable()


def _start(
    db_path: Path,
    demo: bool,
    background: bool,
    on_started: Started | None,
    capture_url: str | None,
) -> int:
    """:func:`run`'s start, with the collector paused until the first paint."""
    from jobtracker.platform.display import display_problem

    problem = display_problem()
    if problem is not None:
        print(f"jobtracker: {problem}", file=sys.stderr)
        return EXIT_NO_DISPLAY
    check = None if demo else OpenCheck(db_path)  # reads the file while Qt loads
    from PySide6.QtWidgets import QApplication

    from jobtracker.platform.single_instance import (
        RAISE_REQUEST,
        SingleInstance,
        capture_request,
    )
    from jobtracker.platform.windows import bring_forward
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
    request = RAISE_REQUEST if capture_url is None else capture_request(capture_url)
    if not demo and not instance.claim(request):
        return 0  # the window already open on this database came forward (and captures)
    if on_started is None and os.environ.get(EXIT_AFTER_FIRST_PAINT) == "1":
        on_started = report_and_quit
    with tempfile.TemporaryDirectory(prefix="jobtracker-demo-") as scratch:
        opening = _opening(Path(scratch) / "demo.sqlite3" if demo else db_path, check)
        if opening is None:
            instance.close()
            return EXIT_DATABASE
        try:
            window = _show(opening, background, on_started)
            instance.raise_requested.connect(partial(bring_forward, window))
            _capture_links(window, instance, capture_url)
            return app.exec()
        finally:
            instance.close()
            opening.close()


def _capture_links(window: MainWindow, instance: SingleInstance, capture_url: str | None) -> None:
    """Capture the start's link, and each one another start hands over: the window comes
    forward, and captures once it is ready."""
    from jobtracker.platform.windows import bring_forward

    def capture(url: str) -> None:
        bring_forward(window)
        window.when_ready(lambda: window.capture.capture_link(url))

    if capture_url is not None:
        capture(capture_url)
    instance.capture_requested.connect(capture)


def _opening(db_path: Path, check: OpenCheck | None) -> Opening | None:
    """The window's opening on the file: its first frame read on plain sqlite3 now, its
    services opened once the window has painted; or, where a writer must open the file
    first, the services now (see :func:`_open_services`: None when the person chose Quit)."""
    if check is not None:
        first = read_first_frame(check, FIRST_CARDS)
        if first is not None:
            opened_after = partial(_open_after_paint, db_path, check)
            return Opening(db_path, SYSTEM_CLOCK, first, opened_after)
    services = _open_services(db_path, check)
    return None if services is None else opened(services)


def _open_after_paint(db_path: Path, check: OpenCheck) -> Services | None:
    """The services of a file whose window has painted; where they do not open after all
    (the file changed meanwhile) and the person chose Quit, the start ends with the
    database's exit code."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    services = _open_services(db_path, check)
    if services is None:
        QTimer.singleShot(0, partial(QApplication.exit, EXIT_DATABASE))
    return services


def _open_services(db_path: Path, check: OpenCheck | None) -> Services | None:
    """The services of the file; a demo file is filled with sample data. A file that cannot
    be opened is explained in a dialog (loaded only then), which may restore a backup or
    retry; None when the person chose Quit."""
    from jobtracker.domain.services import open_services
    from jobtracker.store.errors import StoreError

    try:
        services: Services | None = open_services(db_path, owner=WINDOW_OWNER, check=check)
    except StoreError:
        from jobtracker.ui.dialogs.bad_database import open_services_for_window

        services = open_services_for_window(db_path)
    if services is not None and check is None:
        from jobtracker.domain.demo import fill_with_sample_data

        fill_with_sample_data(services)
    return services


def _show(opening: Opening, background: bool, on_started: Started | None) -> MainWindow:
    """The window on ``opening``, shown, or only in the tray for Start at login where a
    tray exists; the reminders (panel, tray, catch-up on what fell due) come once it has
    painted, opened its services and read every card."""
    from PySide6.QtWidgets import QSystemTrayIcon

    from jobtracker.ui.main_window import MainWindow

    window = MainWindow(opening)
    if background and QSystemTrayIcon.isSystemTrayAvailable():
        window.make_ready()  # no window to paint first
        window.board.finish_loading()
        _settle(window, on_started)
    else:
        window.first_painted.connect(partial(_settle, window, on_started))
        window.show()
    return window


#: the reminders' modules, imported one per turn of the event loop before the reminders
#: install (each is a long step of its own): the follow-up rules, the agenda over them,
#: then the reminders' window parts
REMINDER_MODULES = (
    "jobtracker.domain.followups",
    "jobtracker.domain.agenda",
    "jobtracker.ui.reminders.controller",
)


def _settle(window: MainWindow, on_started: Started | None) -> None:
    """Once the board has every card, the steps of :func:`_reminders_then_settled`, each on
    its own turn of the event loop (the board answers input between them)."""
    from PySide6.QtCore import Qt

    from jobtracker.ui.first_paint import one_per_turn

    steps = _reminders_then_settled(window, on_started)
    gc.freeze()  # the start so far, out of the collector's way (see settle_after_start)
    gc.enable()  # paused by run(): it takes what comes after the first paint
    if window.board.loading:
        window.board.rest_loaded.connect(
            partial(one_per_turn, window, steps), Qt.ConnectionType.SingleShotConnection
        )
    else:
        one_per_turn(window, steps)


def _reminders_then_settled(window: MainWindow, on_started: Started | None) -> Iterator[None]:
    """The window's parts not installed yet, the reminders' modules, the reminders (panel,
    tray), the desktop's notifier, their catch-up on what fell due, then the start has
    settled and the renderer of a person's own templates, if they wrote any, starts ahead of
    its first use: each ``yield`` gives the event loop a turn. The reminders come after the
    parts as they did before the first paint: both watch the window's close (the reminders
    may keep it in the tray, the drafts close their editor)."""
    from jobtracker.domain.template_runner import start_ahead_for
    from jobtracker.paths import user_templates_dir

    window.make_ready()
    if not window.is_ready:
        return  # the services did not open: the start is ending
    services = window.services
    yield
    for name in REMINDER_MODULES:
        import_module(name)
        yield
    from jobtracker.ui.reminders.controller import install_reminders

    reminders = install_reminders(window, services)
    yield
    reminders.open_notifier()
    yield
    reminders.start()
    yield
    settle_after_start(window)
    start_ahead_for(user_templates_dir(services.store.path))
    if on_started is not None:
        on_started(window)


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


def settle_after_start(window: MainWindow) -> None:
    """After the first paint: the window ready, the rest of the cards read if any are left,
    then everything built so far moved out of the cycle collector's way (the modules,
    widgets and cards live as long as the window; the collector's full passes would
    otherwise walk them while a person types)."""
    window.make_ready()
    window.board.finish_loading()
    gc.freeze()


def report_and_quit(window: MainWindow) -> None:
    """Once the board is at rest (its search's index built ahead, which a person's board
    holds from then on), say on stderr when (``time.monotonic()`` seconds) the window
    painted and the start settled, the peak memory by then and the cards; then quit."""
    from PySide6.QtCore import Qt

    report = partial(_report_and_quit, window, time.monotonic())
    if window.board.card_set.indexed:
        report()
    else:
        window.board.indexed.connect(report, Qt.ConnectionType.SingleShotConnection)


def _report_and_quit(window: MainWindow, settled: float) -> None:
    import json

    from PySide6.QtWidgets import QApplication

    facts = {
        "painted": window.first_painted_at,
        "settled": settled,
        "peak_rss_kib": _peak_rss_kib(),
        "cards": len(window.board.card_set),
    }
    print(f"first paint {json.dumps(facts)}", file=sys.stderr, flush=True)
    QApplication.quit()


def _peak_rss_kib() -> int:
    """The process's own peak resident memory (Linux; 0 elsewhere)."""
    try:
        with Path("/proc/self/status").open() as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return 0
