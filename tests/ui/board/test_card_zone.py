"""A card's badges tell its interview's day and time in the person's time zone setting, as
the agenda does, from the window's first frame on, whatever zone the computer is in; a
change of the setting repaints them.

The computer is in UTC, the person in Auckland (UTC+13 in March): an interview at 23:30
UTC on Tuesday 10 March is at 12:30 on Wednesday there, tomorrow from the Tuesday
morning the clock starts on (22:00 in Auckland).
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLineEdit

from jobtracker.domain.agenda import when_text
from jobtracker.domain.board_reads import FIRST_CARDS
from jobtracker.domain.readers import read_first_frame
from jobtracker.domain.services import open_services
from jobtracker.store.check import OpenCheck
from jobtracker.ui.board.board_widget import BoardWidget
from jobtracker.ui.main_window import MainWindow
from jobtracker.ui.opening import Opening

AUCKLAND = "Pacific/Auckland"
INTERVIEW = datetime(2026, 3, 10, 23, 30, tzinfo=UTC)


def _interview_badge(board: BoardWidget, card_id: int) -> str:
    """The card's interview badge, and it as its tooltip and screen reader sentence say."""
    card = board.card_set.card(card_id)
    assert card is not None
    (text,) = [b.text for b in board.delegate.card_badges(card) if b.text.startswith("Interview")]
    explained = board.columns[card.stage_id].view.cards.explain(card)
    assert f"Next interview {text.removeprefix('Interview ')}" in explained
    return text


def _column_image(board: BoardWidget, stage_id: int) -> QImage:
    return board.columns[stage_id].view.viewport().grab().toImage()


def test_badges_read_in_the_zone_setting_from_the_first_frame(
    qtbot, clock, qsettings, db_path, machine_in_utc
) -> None:
    services = open_services(db_path, owner="pytest", clock=clock)
    try:
        stage = services.board.stage_by_name("Interviewing").id
        card = services.applications.add("Acme", "Engineer", stage).id
        services.interviews.add(card, INTERVIEW)
        services.followups.save_settings(time_zone=AUCKLAND)
        agenda = when_text(INTERVIEW, clock.now(), services.followups.tz)
    finally:
        services.close()
    assert agenda == "Tomorrow 12:30"
    # the first frame as the start reads it, on plain sqlite3 before any service opens
    first = read_first_frame(OpenCheck(db_path), FIRST_CARDS, clock)
    assert first is not None

    window = MainWindow(Opening(db_path, clock, first, lambda: None), qsettings)
    qtbot.addWidget(window)  # never shown: it stays at its first frame

    assert not window.is_ready
    assert _interview_badge(window.board, card) == "Interview tomorrow 12:30"


def test_a_change_of_the_zone_setting_repaints_the_badges(
    qtbot, services, add_card, make_window, machine_in_utc
) -> None:
    card = add_card("Acme", stage="Interviewing")
    services.interviews.add(card, INTERVIEW)
    window = make_window()
    board, stage_id = window.board, services.board.card(card).stage_id
    assert _interview_badge(board, card) == "Interview today 23:30"  # the computer's zone
    before = _column_image(board, stage_id)

    def set_zone_and_accept() -> None:
        dialog = QApplication.activeModalWidget()
        editor = dialog.followups.editors["time_zone"]
        assert isinstance(editor, QLineEdit)
        editor.setText(AUCKLAND)
        dialog.accept()

    QTimer.singleShot(0, set_zone_and_accept)
    window.settings_action.trigger()  # returns once the dialog has closed

    assert services.followups.settings().time_zone == AUCKLAND
    assert _interview_badge(board, card) == "Interview tomorrow 12:30"
    qtbot.waitUntil(lambda: _column_image(board, stage_id) != before, timeout=5_000)


def test_new_follow_up_settings_move_the_cards_follow_up_badges(
    qtbot, services, add_card, make_window
) -> None:
    card = add_card("Acme", stage="Applied")
    window = make_window()
    due_before = services.board.card(card).next_reminder_at
    assert window.board.card_set.card(card).next_reminder_at == due_before is not None

    def shorten_check_ins_and_accept() -> None:
        dialog = QApplication.activeModalWidget()
        dialog.followups.editors["check_in_days"].setValue(2)
        dialog.accept()

    QTimer.singleShot(0, shorten_check_ins_and_accept)
    window.settings_action.trigger()  # returns once the dialog has closed

    due_after = services.board.card(card).next_reminder_at
    assert due_after is not None and due_after < due_before, "the rules made it anew"
    assert window.board.card_set.card(card).next_reminder_at == due_after
