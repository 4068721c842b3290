"""The cards a board's first frame left out, read a page at a time from the event loop after
the first paint: the board answers keys and clicks between two pages instead of waiting for
every card."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer, Signal

from jobtracker.domain.board_reads import PAGE_CARDS
from jobtracker.domain.records import CardRow

#: reads up to ``limit`` of a stage's cards in rank order after (rank, id), or from its first
PageReader = Callable[[int, tuple[float, int] | None, int], list[CardRow]]
#: takes a page read from a stage
PageTaker = Callable[[int, list[CardRow]], None]


class RestPages(QObject):
    """Reads each stage's cards after the given (rank, id) a page per turn of the event loop,
    handing every page to ``take``.

    Signals:
        done(): every page is read (once).
    """

    done = Signal()

    def __init__(
        self,
        read: PageReader,
        starts: Iterable[tuple[int, tuple[float, int] | None]],
        take: PageTaker,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._read = read
        self._take = take
        #: (stage id, the last card read of it) for each stage still to read, in order
        self._queue = list(starts)
        self._done = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)

    def start(self) -> None:
        """Read the pages from the event loop, one per turn."""
        self._timer.start()

    def finish(self) -> None:
        """Read every page left now (something needs all the cards at once)."""
        self._timer.stop()
        while self._read_page():
            pass
        self._timer.stop()

    def stop(self) -> None:
        """Read no more (the board was read again from scratch); ``done`` is not said."""
        self._timer.stop()
        self._queue = []
        self._done = True

    def _step(self) -> None:
        if self._read_page():
            self._timer.start()

    def _read_page(self) -> bool:
        """Read and hand over one page; False, after saying ``done``, once none is left."""
        if self._queue:
            stage_id, after = self._queue[0]
            page = self._read(stage_id, after, PAGE_CARDS)
            if len(page) < PAGE_CARDS:
                del self._queue[0]
            else:
                self._queue[0] = (stage_id, (page[-1].rank, page[-1].id))
            if page:
                self._take(stage_id, page)
                gc.freeze()  # the board keeps the cards: out of the collector's passes
            if self._queue:
                return True
        if not self._done:
            self._done = True
            self.done.emit()
        return False
