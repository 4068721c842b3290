"""The "typed while starting" probe of bench_board: starts the window on a file through the
app's one start (``jobtracker.ui.app.run``, as the command does), and 100 ms after its first
paint types a search into the search field, as a person who clicked in it would (Ctrl+A
first: the window keeps the last search). Prints on stdout, as JSON, once the start has
settled and the keys have shown:

- ``shown_ms``: from when the keys were typed to when the field shows them and the board is
  filtered by them (over the cards read so far);
- ``every_card_ms``: from then until the board holds every card, filtered;
- ``longest_step_ms``: the longest the event loop went without a turn, from the first paint
  until the start settled (a key typed then waits that long);
- ``settled_ms``: from the first paint to the start settled.

The keys are posted when a timer set at the paint fires: a busy event loop fires it late,
and the lateness counts in ``shown_ms``, which is measured from paint + 100 ms.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from jobtracker.ui.app import run
from jobtracker.ui.main_window import MainWindow

TYPED_AFTER_MS = 100
QUERY = "backend"


class Probe(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.window: MainWindow | None = None
        self.painted = 0.0
        self.typed = 0.0
        self.shown = 0.0
        self.every_card = 0.0
        self.settled = 0.0
        self.longest_step = 0.0
        self._last_turn = 0.0
        self._turns = QTimer(self)
        self._turns.setInterval(0)
        self._turns.timeout.connect(self._turn)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Finds the window as it shows, then stops watching every event."""
        if event.type() == QEvent.Type.Show and isinstance(watched, MainWindow):
            QCoreApplication.instance().removeEventFilter(self)  # type: ignore[union-attr]
            self.window = watched
            watched.first_painted.connect(self._painted)
            watched.search_field.textChanged.connect(self._text_changed)
            watched.board.rest_loaded.connect(self._rest_loaded)
        return False

    def _painted(self) -> None:
        self.painted = self._last_turn = time.monotonic()
        self._turns.start()
        QTimer.singleShot(TYPED_AFTER_MS, self._type)

    def _turn(self) -> None:
        now = time.monotonic()
        self.longest_step = max(self.longest_step, now - self._last_turn)
        self._last_turn = now

    def _type(self) -> None:
        self.typed = self.painted + TYPED_AFTER_MS / 1000
        assert self.window is not None
        field = self.window.search_field
        keys = [(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier, "")]  # what was there
        keys += [(Qt.Key(ord(c.upper())), Qt.KeyboardModifier.NoModifier, c) for c in QUERY]
        for key, modifiers, text in keys:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QCoreApplication.postEvent(field, QKeyEvent(kind, key, modifiers, text))

    def _text_changed(self, text: str) -> None:
        if self.typed and text == QUERY:  # not a search the window kept from its last run
            self.shown = time.monotonic()
            self._maybe_every_card()

    def _rest_loaded(self) -> None:
        self._maybe_every_card()

    def _maybe_every_card(self) -> None:
        if self.shown and self.window is not None and not self.window.board.loading:
            self.every_card = self.every_card or time.monotonic()

    def started(self, _window: MainWindow) -> None:
        self.settled = time.monotonic()
        self._turns.stop()
        self._finish_when_shown()

    def _finish_when_shown(self) -> None:
        if not (self.shown and self.every_card):
            QTimer.singleShot(10, self._finish_when_shown)
            return
        facts = {
            "shown_ms": (self.shown - self.typed) * 1000,
            "every_card_ms": (self.every_card - self.typed) * 1000,
            "longest_step_ms": self.longest_step * 1000,
            "settled_ms": (self.settled - self.painted) * 1000,
        }
        print(json.dumps(facts), flush=True)
        QApplication.quit()


app = QApplication(sys.argv[:1])
probe = Probe()
app.installEventFilter(probe)
sys.exit(run(Path(sys.argv[1]), on_started=probe.started))
