"""Undo/redo for domain operations: each QUndoCommand wraps a do and an undo callable.

The first ``redo()`` (run by ``QUndoStack.push``) performs the operation; later redos repeat
it. ``after`` runs after either direction so the views can refresh the rows it touched.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand


class DomainCommand(QUndoCommand):
    """An undoable domain operation, named for the Edit menu ("Move Acme to Interviewing")."""

    def __init__(
        self,
        text: str,
        do: Callable[[], object],
        undo: Callable[[], object],
        after: Callable[[], None] | None = None,
        *,
        already_done: bool = False,
    ) -> None:
        """``already_done``: the operation ran before the push (so a refused request never
        reaches the stack); the first ``redo()`` then only runs ``after``."""
        super().__init__(text)
        self._do = do
        self._undo = undo
        self._after = after
        self._skip_next_do = already_done

    def redo(self) -> None:
        if self._skip_next_do:
            self._skip_next_do = False
        else:
            self._do()
        if self._after is not None:
            self._after()

    def undo(self) -> None:
        self._undo()
        if self._after is not None:
            self._after()
