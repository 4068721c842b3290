"""A tag change as a step on the window's undo stack (the Tags manager and the details
dialog's Tags field both push them)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoStack

from jobtracker.domain.tags import TagChange, TagService
from jobtracker.ui.undo import DomainCommand


def push_tag_change(
    stack: QUndoStack,
    tags: TagService,
    name: str,
    change: TagChange,
    after: Callable[[list[int]], None],
) -> None:
    """Put an already made ``change`` on ``stack`` as ``name``; ``after`` gets the ids of
    the applications whose tags changed, after the change, its undo and its redo."""
    if not change.changed:
        return
    ids = list(change.application_ids)
    stack.push(
        DomainCommand(
            name,
            lambda: tags.redo(change),
            lambda: tags.undo(change),
            lambda: after(ids),
            already_done=True,
        )
    )
