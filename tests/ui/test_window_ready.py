"""The window paints its board first, then opens its services and installs the rest after
that frame, a part per turn of the event loop: before it is ready, the parts it has not
installed yet are absent (their shortcuts not taken, nothing half-done), what changes the
board waits for the services, and what asks for the parts meanwhile (a link handed over at
the start) waits for them and then runs, once."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence

from jobtracker.ui.dialogs.details import DetailsDialog
from jobtracker.ui.main_window import MainWindow
from jobtracker.ui.opening import opened

#: the parts installed once the first frame has painted
PARTS = ("services", "controller", "drafts", "transfer", "settings_action", "about_action",
         "documents", "insights", "filters", "people", "capture")  # fmt: skip


def _shortcuts(window: MainWindow) -> set[str]:
    return {
        action.shortcut().toString()
        for action in window.findChildren(type(window.new_action))
        if not action.shortcut().isEmpty()
    }


def test_the_window_is_ready_once_its_first_frame_has_painted(
    qtbot, services, add_card, qsettings
) -> None:
    add_card("Acme")
    window = MainWindow(opened(services), qsettings)
    qtbot.addWidget(window)
    events: list[str] = []
    window.ready.connect(lambda: events.append("ready"))
    window.first_painted.connect(lambda: events.append("painted"))

    assert not window.is_ready
    assert [part for part in PARTS if hasattr(window, part)] == []
    assert QKeySequence("Ctrl+Shift+V").toString() not in _shortcuts(window)  # not yet taken
    changes = (window.new_action, window.trash_action, window.move_next_action,
               window.stages_action, window.show_trash_action)  # fmt: skip
    assert [a.text() for a in changes if a.isEnabled()] == []  # they wait for the services

    window.first_painted.connect(lambda: QTimer.singleShot(0, lambda: events.append("a turn")))
    window.show()
    qtbot.waitUntil(lambda: "ready" in events, timeout=10_000)

    assert events == ["painted", "a turn", "ready"]  # the parts come a step per turn
    assert window.is_ready and [part for part in PARTS if not hasattr(window, part)] == []
    assert [a.text() for a in changes if not a.isEnabled()] == []
    assert {"Ctrl+Shift+V", "Ctrl+I", "Ctrl+Shift+F", "Ctrl+Shift+P"} <= _shortcuts(window)
    file_entries = [a.text() for a in window.file_menu.actions() if a.text()]
    assert file_entries[:3] == ["&New Application…", "&Capture Posting…", "Load &Sample Data"]
    assert file_entries[-1] == "&Quit"


def test_what_waits_for_the_window_runs_once_when_it_is_ready(qtbot, services, qsettings) -> None:
    window = MainWindow(opened(services), qsettings)
    qtbot.addWidget(window)
    ran: list[bool] = []

    window.when_ready(lambda: ran.append(hasattr(window, "capture")))
    assert ran == []
    window.show()
    qtbot.waitUntil(lambda: window.is_ready, timeout=10_000)
    window.make_ready()  # a second call changes nothing
    window.when_ready(lambda: ran.append(hasattr(window, "capture")))  # ready: at once

    assert ran == [True, True]


def test_a_window_started_without_painting_is_made_ready_by_its_start(
    qtbot, services, qsettings
) -> None:
    window = MainWindow(opened(services), qsettings)
    qtbot.addWidget(window)

    window.make_ready()  # what the start does for a window kept in the tray

    assert window.is_ready and window.capture.action in window.file_menu.actions()


def test_a_link_given_at_the_start_is_captured_once_the_window_is_ready(
    qtbot, services, db_path
) -> None:
    from fixtures.job_site import job_site

    from jobtracker.platform.single_instance import SingleInstance
    from jobtracker.ui import app

    with job_site() as site:
        window = app._show(opened(services), False, None)
        qtbot.addWidget(window)
        instance = SingleInstance(db_path)  # not claimed: only its hand-over signal is used
        reviews: list[object] = []
        window.when_ready(lambda: window.capture.review_opened.connect(reviews.append))

        app._capture_links(window, instance, site.url("/jobs/lever"))
        assert not window.is_ready  # the link waits for the window

        qtbot.waitUntil(lambda: bool(reviews), timeout=10_000)
    dialog = reviews[0]
    assert isinstance(dialog, DetailsDialog)
    qtbot.addWidget(dialog)
    assert dialog.form.url.text() == site.url("/jobs/lever")
    assert services.board.cards() == []  # for review: nothing saved
    dialog.close()


def test_a_cards_document_badge_is_in_the_first_frame(qtbot, services, add_card, qsettings) -> None:
    """The document library is installed after the first paint; the badge of a card with a
    document attached is not: it paints with the card."""
    card = add_card("Acme")
    added = services.documents.add_bytes(b"Dear Acme", "cover.txt", kind="cover-letter")
    services.documents.attach(card, added.document.id)

    window = MainWindow(opened(services), qsettings)
    qtbot.addWidget(window)

    assert not window.is_ready and window.board.delegate.document_counts == {card: 1}


def test_the_reminders_install_on_a_ready_window(qtbot, services, add_card, monkeypatch) -> None:
    """However little there is to read after the paint, the start's reminders come after the
    window's parts (both watch its close: the order decides who sees it first)."""
    import gc

    from jobtracker.ui import app
    from jobtracker.ui.reminders import controller as reminders

    for stage in services.board.stages()[1:]:  # one stage: its rest is read in one turn
        services.board.delete_stage(stage.id)
    add_card("Acme", stage=services.board.stages()[0].name)
    ready_at_install: list[bool] = []
    install = reminders.install_reminders

    def recorded(window: MainWindow, services_: object) -> reminders.RemindersController:
        ready_at_install.append(window.is_ready)
        return install(window, services_)  # type: ignore[arg-type]

    monkeypatch.setattr(reminders, "install_reminders", recorded)
    settled: list[MainWindow] = []
    try:
        window = app._show(opened(services), False, settled.append)
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: bool(settled), timeout=10_000)
    finally:
        gc.unfreeze()  # this test run goes on collecting
    assert ready_at_install == [True]
