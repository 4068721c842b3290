"""After the first paint the start reads the rest of the cards, then installs the reminders,
opens the desktop's notifier and catches up on what fell due, each on its own turn of the
event loop: a key typed meanwhile is handled between two of them."""

from __future__ import annotations

import gc

from PySide6.QtCore import QTimer

from jobtracker.ui import app
from jobtracker.ui.opening import opened
from jobtracker.ui.reminders.controller import RemindersController


def test_the_reminders_come_after_every_card_each_step_on_its_own_turn(
    qtbot, services, add_card, monkeypatch
) -> None:
    for n in range(3):
        add_card(f"Co {n}")
    events: list[str] = []

    def step(name: str, method):  # records the step, then asks for a turn after it
        def run(self: RemindersController) -> None:
            events.append(name)
            method(self)
            QTimer.singleShot(0, lambda: events.append("a turn"))

        return run

    monkeypatch.setattr(RemindersController, "open_notifier",
                        step("notifier", RemindersController.open_notifier))  # fmt: skip
    monkeypatch.setattr(RemindersController, "start", step("catch-up", RemindersController.start))
    try:
        opening = opened(services, per_stage=1)
        window = app._show(opening, False, lambda _w: events.append("settled"))
        qtbot.addWidget(window)
        window.board.rest_loaded.connect(lambda: events.append("every card"))
        qtbot.waitUntil(lambda: "settled" in events, timeout=10_000)
    finally:
        gc.unfreeze()  # this test run goes on collecting

    assert events[:4] == ["every card", "notifier", "a turn", "catch-up"]
    assert events[-2:] == ["a turn", "settled"]  # settled on a turn after the catch-up
    assert len(window.board.card_set) == 3
