"""Walking a window with Tab as a person does, and the controls they should meet."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QSplitter, QWidget


def control(widget: QWidget) -> QWidget:
    """The control a focused part belongs to (a combo box's or spin box's own field)."""
    parent = widget.parentWidget()
    if isinstance(parent, QComboBox | QAbstractSpinBox):
        return parent
    return widget


def controls(top: QWidget) -> list[QWidget]:
    """Every control of the window ``top`` Tab can reach: shown, enabled, taking focus by
    Tab (not the parts of another control)."""
    return [
        w for w in top.findChildren(QWidget)
        if w.window() is top and w.isVisible() and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus and control(w) is w
        and w.focusProxy() is None
    ]  # fmt: skip


def tab_walk(start: QWidget, limit: int) -> list[QWidget]:
    """The controls focused by pressing Tab from ``start`` until it comes round again, at
    most ``limit`` presses (a date's Tab goes through its day, month and year first)."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    walked = [control(QApplication.focusWidget())]
    for _ in range(limit):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        now = control(QApplication.focusWidget())
        if now is walked[0]:
            return walked
        if now is not walked[-1]:
            walked.append(now)
    raise AssertionError(f"Tab did not come round in {limit} presses: {names(walked)}")


def spoken_name(widget: QWidget) -> str:
    """The name Qt gives screen readers for ``widget`` (a combo box: its value)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def names(widgets: list[QWidget]) -> list[str]:
    return [f"{type(w).__name__}:{spoken_name(w)}" for w in widgets]


def on_screen(top: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())


def reading_order(top: QWidget, widgets: list[QWidget]) -> list[QWidget]:
    """Panes of a splitter from left to right; in each, rows from the top down (controls
    whose middles are level share a row), each row from left to right."""
    splitter = top.findChild(QSplitter)
    panes = [splitter.widget(n) for n in range(splitter.count())] if splitter else []

    def pane(widget: QWidget) -> int:
        return next((n for n, p in enumerate(panes) if p.isAncestorOf(widget)), len(panes))

    ordered: list[QWidget] = []
    for n in range(len(panes) + 1):
        rest = sorted(
            (w for w in widgets if pane(w) == n), key=lambda w: on_screen(top, w).center().y()
        )
        rows: list[list[QWidget]] = []
        for widget in rest:
            rect = on_screen(top, widget)
            last = on_screen(top, rows[-1][0]) if rows else None
            if last is not None and last.top() <= rect.center().y() <= last.bottom():
                rows[-1].append(widget)
            else:
                rows.append([widget])
        for row in rows:
            ordered += sorted(row, key=lambda w: on_screen(top, w).x())
    return ordered
