"""A window's slow read, run in a worker thread of its own and handed back to the GUI thread.

The read opens its own connection (the domain's ``*_apart`` reads), so the store's
connection stays the GUI thread's; only the answer to the latest request is handed over,
and a request overtaken before its turn is not read at all.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool, Signal

from jobtracker.domain.errors import DomainError
from jobtracker.store.errors import StoreError


class ReadApart(QObject):
    """One read at a time in one worker thread.

    Signals:
        read(object): what the latest request read, or the DomainError or StoreError it
            raised (on the GUI thread).
    """

    read = Signal(object)
    #: (the number of the request answered, its answer), from the worker
    _answered = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._asked = 0  # the number of the latest request
        self._shown = 0  # the number of the latest request handed over
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._answered.connect(self._hand_over)

    @property
    def busy(self) -> bool:
        """A request is not answered yet."""
        return self._shown != self._asked

    def ask(self, read: Callable[[], object]) -> None:
        """Run ``read`` in the worker; its answer comes by ``read`` unless another request
        follows first."""
        self._asked += 1
        asked = self._asked
        self._pool.start(lambda: self._run(asked, read))

    def wait(self) -> None:
        """Let a read under way finish (tests, and a window's close)."""
        self._pool.waitForDone()

    def _run(self, asked: int, read: Callable[[], object]) -> None:
        """In the worker: skipped when a newer request came meanwhile."""
        if asked != self._asked:
            return
        try:
            answer = read()
        except (DomainError, StoreError) as exc:
            answer = exc
        self._answered.emit(asked, answer)

    def _hand_over(self, asked: int, answer: object) -> None:
        if asked == self._asked:
            self._shown = asked
            self.read.emit(answer)
