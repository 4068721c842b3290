"""The tray icon: the app's icon with the due count, and a menu to show, review or quit.

Closing the window keeps the app running here (a setting), so reminders still arrive.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon, QWidget

from jobtracker import APP_ID
from jobtracker.paths import resources_dir
from jobtracker.text import counted

ICON_SIZE = 64


def app_icon() -> QIcon:
    """The installed theme icon, else the shipped SVG."""
    icon = QIcon.fromTheme(APP_ID)
    if icon.isNull():
        icon = QIcon(str(resources_dir() / "icons" / f"{APP_ID}.svg"))
    return icon


def icon_with_count(base: QIcon, count: int, badge: QColor, text: QColor) -> QIcon:
    """``base`` with a round badge holding ``count`` (unchanged when nothing is due)."""
    if count <= 0:
        return base
    pixmap = base.pixmap(ICON_SIZE, ICON_SIZE)
    if pixmap.isNull():
        pixmap = QPixmap(ICON_SIZE, ICON_SIZE)
        pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    size = ICON_SIZE * 0.56
    bubble = QRectF(ICON_SIZE - size, 0, size, size)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(badge)
    painter.drawEllipse(bubble)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * (0.62 if count < 10 else 0.46)))
    painter.setFont(font)
    painter.setPen(text)
    painter.drawText(bubble, Qt.AlignmentFlag.AlignCenter, str(count) if count < 100 else "99+")
    painter.end()
    return QIcon(pixmap)


class ReminderTray(QSystemTrayIcon):
    """Signals: show_window_requested(), show_reminders_requested(), quit_requested()."""

    show_window_requested = Signal()
    show_reminders_requested = Signal()
    quit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base = app_icon()
        self.count = 0
        self.menu = QMenu(parent)
        self.show_action = QAction("Show jobtracker", self.menu)
        self.reminders_action = QAction("Reminders", self.menu)
        self.quit_action = QAction("Quit jobtracker", self.menu)
        self.show_action.triggered.connect(self.show_window_requested)
        self.reminders_action.triggered.connect(self.show_reminders_requested)
        self.quit_action.triggered.connect(self.quit_requested)
        self.menu.addActions([self.show_action, self.reminders_action])
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)
        self.setContextMenu(self.menu)
        self.activated.connect(self._activated)
        self.set_count(0)

    def set_count(self, count: int) -> None:
        """Show how many reminders are due, on the icon, in the tooltip and the menu."""
        self.count = count
        palette = QApplication.palette()
        badge = QColor.fromHsl(4, 170, 95)
        self.setIcon(icon_with_count(self._base, count, badge, palette.highlightedText().color()))
        due = f"{counted(count, 'follow-up')} due" if count else "nothing due"
        self.setToolTip(f"jobtracker — {due}")
        self.reminders_action.setText(f"Reminders ({count} due)" if count else "Reminders")

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.show_window_requested.emit()
