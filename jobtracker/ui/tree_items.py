"""Walking a QTreeWidget's items without index arithmetic at every call site."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidgetItem


def children(item: QTreeWidgetItem | None) -> list[QTreeWidgetItem]:
    """The child items of ``item``, in order (none for None: Qt's lookups by index may
    return no item)."""
    if item is None:
        return []
    found = (item.child(row) for row in range(item.childCount()))
    return [child for child in found if child is not None]
