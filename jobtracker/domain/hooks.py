"""One hook after every write, so derived data (the follow-up reminders) stays in step.

Services that change an application's state inherit :class:`WriteHooked` and call
``self.after_write(ids)`` once their transaction is done; :class:`Services` connects the
hook to the follow-up rules. Standalone services (tests, tools) keep the no-op default.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

WriteListener = Callable[[Sequence[int]], None]


def _ignore(application_ids: Sequence[int]) -> None:
    """The default listener: nothing derived to update."""


class WriteHooked:
    """A service whose writes are announced with the ids of the applications touched."""

    _write_listener: WriteListener = staticmethod(_ignore)

    def connect_writes(self, listener: WriteListener) -> None:
        self._write_listener = listener

    def after_write(self, application_ids: Sequence[int]) -> None:
        if application_ids:
            self._write_listener(list(application_ids))
