"""The database a window opens on: what its first frame shows, read before the window
paints, and its services, opened once it has (see :class:`MainWindow`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from jobtracker.domain.board_reads import FIRST_CARDS, FirstFrame
from jobtracker.domain.clock import Clock

if TYPE_CHECKING:
    from jobtracker.domain.services import Services


class Opening:
    """``first`` is what the window paints; ``open_services`` opens the file's services
    (None where the person chose Quit), called once, by :meth:`services`."""

    def __init__(
        self,
        path: Path,
        clock: Clock,
        first: FirstFrame,
        open_services: Callable[[], Services | None],
    ) -> None:
        self.path = path
        self.clock = clock
        self.first = first
        self._open_services = open_services
        self._services: Services | None = None
        self._asked = False

    def services(self) -> Services | None:
        """The services, opened on the first call; None on every call once the person chose
        Quit (they are not asked again)."""
        if not self._asked:
            self._asked = True
            self._services = self._open_services()
        return self._services

    def close(self) -> None:
        """Close the services, if they were opened."""
        if self._services is not None:
            self._services.close()


def opened(services: Services, per_stage: int = FIRST_CARDS) -> Opening:
    """Services already open as an opening: its first frame (each stage's first
    ``per_stage`` cards) read through them."""
    first = services.board.first_frame(per_stage)
    return Opening(services.store.path, services.clock, first, lambda: services)
