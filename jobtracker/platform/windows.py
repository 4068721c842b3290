"""Window handling shared by the single-instance hand-over and the board's dialogs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def bring_forward(window: QWidget) -> None:
    """Show ``window`` un-minimized, on top and focused (as far as the window manager allows)."""
    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
