"""Look and feel: the Fusion style, light and dark palettes that follow the desktop live, and
SVG icons drawn in the palette's text colour at the screen's scale.

``apply_theme(app)`` once at start; the :class:`Theme` it returns re-applies the palette when
the desktop's colour scheme changes (``QStyleHints.colorSchemeChanged``) or when the user
picks Light or Dark in Settings. ``icon(name)`` gives a QIcon whose pixels are rendered on
demand from ``resources/icons/ui/<name>.svg`` with ``currentColor`` replaced by the current
palette, so icons follow a palette change without anyone re-fetching them, and are rendered
at the device pixel ratio (sharp at 200 %).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, QPoint, QRect, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QStyle, QStyleFactory

from jobtracker import APP_ID
from jobtracker.paths import resources_dir

if TYPE_CHECKING:
    from PySide6.QtSvg import QSvgRenderer

#: QSettings key of the user's choice: "system" (default), "light" or "dark"
SCHEME_KEY = "appearance/color_scheme"
SCHEME_CHOICES = ("system", "light", "dark")

_Role = QPalette.ColorRole
_Group = QPalette.ColorGroup

#: A calm dark palette in the spirit of the desktops' own dark themes (no pure black/white).
DARK_COLORS = {
    _Role.Window: "#2b2d31",
    _Role.WindowText: "#e6e6e6",
    _Role.Base: "#1f2023",
    _Role.AlternateBase: "#2a2b2e",
    _Role.Text: "#e6e6e6",
    _Role.Button: "#34363b",
    _Role.ButtonText: "#e6e6e6",
    _Role.BrightText: "#ff8a80",
    _Role.Highlight: "#3d8fd1",
    # dark on the bright selection: light text on a blue that still rings focus at 3:1
    # against the window would read below 4.5:1
    _Role.HighlightedText: "#111214",
    _Role.Link: "#7ab8f5",
    _Role.LinkVisited: "#b39ddb",
    _Role.PlaceholderText: "#9a9da2",
    _Role.ToolTipBase: "#34363b",
    _Role.ToolTipText: "#e6e6e6",
    _Role.Light: "#4a4c52",
    _Role.Midlight: "#3e4045",
    _Role.Mid: "#45474c",
    _Role.Dark: "#18191b",
    _Role.Shadow: "#101112",
}
#: What disabled widgets show in the dark palette.
DARK_DISABLED = {
    _Role.WindowText: "#7d8085",
    _Role.Text: "#7d8085",
    _Role.ButtonText: "#7d8085",
    _Role.Base: "#26272a",
    _Role.Button: "#2f3135",
    _Role.Highlight: "#4a5563",
}


def uses_fusion() -> bool:
    """Fusion on Linux and Windows (consistent and palette-driven); macOS keeps its own."""
    return sys.platform.startswith(("linux", "win"))


#: Where Fusion's light palette reads below 4.5:1: its placeholder grey (4:1 on white,
#: 3.9:1 on the window) and white on its selection blue (3.7:1).
LIGHT_COLORS = {
    _Role.PlaceholderText: "#666666",
    _Role.Highlight: "#2566a8",
}


def light_palette() -> QPalette:
    """Fusion's own light palette, what the desktops' light themes look like, with its
    muted and selection colours darkened to read at 4.5:1; the selection with room to
    spare, since Fusion paints it a shade lighter and small white text on it is softened
    at its edges."""
    palette = QStyleFactory.create("Fusion").standardPalette()
    for role, color in LIGHT_COLORS.items():
        palette.setColor(_Group.Active, role, QColor(color))
        palette.setColor(_Group.Inactive, role, QColor(color))
    return palette


def app_style() -> QStyle:
    """Fusion, with check boxes and radio buttons outlined (outlined_style.py)."""
    from jobtracker.ui.outlined_style import OutlinedStyle

    return OutlinedStyle()


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, color in DARK_COLORS.items():
        palette.setColor(role, QColor(color))
    for role, color in DARK_DISABLED.items():
        palette.setColor(_Group.Disabled, role, QColor(color))
    return palette


def stored_choice(settings: QSettings | None = None) -> str:
    value = str((settings or QSettings()).value(SCHEME_KEY, "system"))
    return value if value in SCHEME_CHOICES else "system"


def effective_scheme(choice: str, system: Qt.ColorScheme) -> Qt.ColorScheme:
    """The user's explicit choice wins; "system" follows the desktop (light when unknown)."""
    if choice == "dark":
        return Qt.ColorScheme.Dark
    if choice == "light":
        return Qt.ColorScheme.Light
    return Qt.ColorScheme.Dark if system == Qt.ColorScheme.Dark else Qt.ColorScheme.Light


def is_dark(palette: QPalette) -> bool:
    return palette.color(_Role.Window).lightness() < palette.color(_Role.WindowText).lightness()


class Theme(QObject):
    """Keeps the application's palette in step with the desktop and the user's choice.

    Signals: ``changed(Qt.ColorScheme)`` after a new palette is applied.
    """

    changed = Signal(Qt.ColorScheme)

    def __init__(self, app: QApplication, settings: QSettings | None = None) -> None:
        super().__init__(app)
        self._app = app
        self._settings = settings or QSettings()
        self._system = app.styleHints().colorScheme()
        self.scheme = Qt.ColorScheme.Unknown
        app.styleHints().colorSchemeChanged.connect(self.on_system_scheme_changed)

    @property
    def choice(self) -> str:
        return stored_choice(self._settings)

    def set_choice(self, choice: str) -> None:
        """Save the user's choice ("system", "light" or "dark") and apply it now."""
        if choice not in SCHEME_CHOICES:
            raise ValueError(f"Unknown colour scheme {choice!r}; use one of {SCHEME_CHOICES}")
        self._settings.setValue(SCHEME_KEY, choice)
        self.refresh()

    def on_system_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        self._system = scheme
        self.refresh()

    def refresh(self) -> None:
        scheme = effective_scheme(self.choice, self._system)
        if scheme == self.scheme:
            return
        self.scheme = scheme
        self._app.setPalette(dark_palette() if scheme == Qt.ColorScheme.Dark else light_palette())
        self.changed.emit(scheme)


def apply_theme(app: QApplication, settings: QSettings | None = None) -> Theme:
    """Style, palette and window icon for the whole application; call once at start."""
    if uses_fusion():
        app.setStyle(app_style())
    app.setWindowIcon(app_icon())
    theme = Theme(app, settings)
    theme.refresh()
    app.setProperty("jobtracker_theme", theme)  # reachable by the Settings dialog
    return theme


def current_theme() -> Theme | None:
    app = QApplication.instance()
    return app.property("jobtracker_theme") if app is not None else None


# -- icons -------------------------------------------------------------------------------------


def app_icon() -> QIcon:
    """The app icon from the desktop's icon theme when installed, else the shipped SVG."""
    shipped = QIcon(str(resources_dir() / "icons" / f"{APP_ID}.svg"))
    return QIcon.fromTheme(APP_ID, shipped)


def ui_icon_path(name: str) -> Path:
    return resources_dir() / "icons" / "ui" / f"{name}.svg"


@cache
def _svg_template(name: str) -> bytes:
    path = ui_icon_path(name)
    if not path.is_file():
        raise ValueError(f"No icon named {name!r} in {path.parent}")
    return path.read_bytes()


def icon_color(mode: QIcon.Mode, palette: QPalette) -> QColor:
    """Icons take the text colour their widget would: muted when disabled, light on selection."""
    if mode == QIcon.Mode.Disabled:
        return palette.color(_Group.Disabled, _Role.ButtonText)
    if mode == QIcon.Mode.Selected:
        return palette.color(_Role.HighlightedText)
    return palette.color(_Role.ButtonText)


def recoloured_svg(name: str, color: QColor) -> bytes:
    return _svg_template(name).replace(b"currentColor", color.name().encode())


class PaletteIconEngine(QIconEngine):
    """Renders one UI icon from its SVG in the palette's colour, at the requested scale."""

    def __init__(self, name: str) -> None:
        super().__init__()
        _svg_template(name)  # fail now on an unknown name, not at paint time
        self._name = name

    def _renderer(self, mode: QIcon.Mode) -> QSvgRenderer:
        from PySide6.QtSvg import QSvgRenderer  # the first icon painted loads QtSvg

        color = icon_color(mode, QGuiApplication.palette())
        return QSvgRenderer(QByteArray(recoloured_svg(self._name, color)))

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        self._renderer(mode).render(painter, rect)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        pixmap = QPixmap(size * scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), pixmap.size()), mode, state)
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def clone(self) -> QIconEngine:
        return PaletteIconEngine(self._name)

    def key(self) -> str:
        return "jobtracker-palette-svg"


def icon(name: str) -> QIcon:
    """A UI icon (``resources/icons/ui/<name>.svg``) that follows the palette."""
    return QIcon(PaletteIconEngine(name))


def ui_icon_names() -> list[str]:
    return sorted(path.stem for path in (resources_dir() / "icons" / "ui").glob("*.svg"))
