"""The View menu's card density (comfortable: two lines of badges; compact: one),
remembered in the user's settings."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from jobtracker.ui.board.badge_layout import Density, density_named
from jobtracker.ui.board.card_delegate import CardDelegate

#: QSettings key of the chosen density ("comfortable" or "compact")
DENSITY_KEY = "board/density"


def install_density(menu: QMenu, delegate: CardDelegate, settings: QSettings) -> QActionGroup:
    """Add "Card Density" to ``menu``, apply the stored choice to ``delegate``, and store
    each new choice. Returns the group of choices (one checkable action per density)."""
    submenu = menu.addMenu("Card &Density")
    group = QActionGroup(submenu)
    chosen = density_named(settings.value(DENSITY_KEY))
    delegate.set_density(chosen)
    for density in Density:
        action = QAction(density.label, group, checkable=True, checked=density is chosen)
        action.setData(density.value)
        submenu.addAction(action)

    def choose(action: QAction) -> None:
        density = density_named(action.data())
        settings.setValue(DENSITY_KEY, density.value)
        delegate.set_density(density)

    group.triggered.connect(choose)
    return group
