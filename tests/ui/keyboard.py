"""Walking a window with Tab as a person does, and the controls they should meet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget


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
