"""The theme: Fusion, palettes following the desktop live, icons in the palette's colours."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPalette
from PySide6.QtWidgets import QApplication, QToolButton

from jobtracker.ui import theme


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def app_theme(qapp: QApplication, settings: QSettings) -> Iterator[theme.Theme]:
    """The theme applied to the test application; the session's palette is put back after."""
    palette, style = qapp.palette(), qapp.style().name()
    applied = theme.apply_theme(qapp, settings)
    yield applied
    qapp.styleHints().colorSchemeChanged.disconnect(applied.on_system_scheme_changed)
    qapp.setPalette(palette)
    qapp.setStyle(style)
    qapp.setProperty("jobtracker_theme", None)


def _ink(image: QImage) -> QColor:
    """The colour of the icon's fully opaque pixels (its strokes)."""
    for y in range(image.height()):
        for x in range(image.width()):
            color = image.pixelColor(x, y)
            if color.alpha() == 255:
                return color
    raise AssertionError("the icon drew nothing")


def test_fusion_style_and_app_icon(app_theme: theme.Theme, qapp: QApplication) -> None:
    assert qapp.style().baseStyle().name() == "fusion"  # outlined (outlined_style.py)
    assert not qapp.windowIcon().isNull()
    assert theme.current_theme() is app_theme  # what the Settings dialog applies choices to


def test_follows_the_desktop_scheme_live(app_theme: theme.Theme, qapp: QApplication) -> None:
    changes: list[Qt.ColorScheme] = []
    app_theme.changed.connect(changes.append)
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert theme.is_dark(qapp.palette())
    assert qapp.palette().color(QPalette.ColorRole.Window) == QColor("#2b2d31")
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert not theme.is_dark(qapp.palette())
    assert changes == [Qt.ColorScheme.Dark, Qt.ColorScheme.Light]


def test_users_choice_wins_over_the_desktop_and_is_kept(
    app_theme: theme.Theme, qapp: QApplication, settings: QSettings
) -> None:
    app_theme.set_choice("dark")
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert theme.is_dark(qapp.palette())
    assert theme.stored_choice(settings) == "dark"
    app_theme.set_choice("system")
    assert not theme.is_dark(qapp.palette())
    with pytest.raises(ValueError, match="Unknown colour scheme 'sepia'"):
        app_theme.set_choice("sepia")


def test_icons_take_the_palettes_text_colour_and_follow_it(
    app_theme: theme.Theme, qapp: QApplication
) -> None:
    bell = theme.icon("bell")
    light_ink = _ink(bell.pixmap(QSize(24, 24)).toImage())
    assert light_ink == qapp.palette().color(QPalette.ColorRole.ButtonText)
    app_theme.set_choice("dark")
    dark_ink = _ink(bell.pixmap(QSize(24, 24)).toImage())  # the same QIcon, recoloured
    assert dark_ink == QColor(theme.DARK_COLORS[QPalette.ColorRole.ButtonText])
    disabled = _ink(bell.pixmap(QSize(24, 24), QIcon.Mode.Disabled).toImage())
    assert disabled == QColor(theme.DARK_DISABLED[QPalette.ColorRole.ButtonText])


def test_icons_are_rendered_at_the_device_pixel_ratio(app_theme: theme.Theme) -> None:
    """At 200 % an icon is drawn with twice the pixels, not scaled up from 1x."""
    for name in theme.ui_icon_names():
        pixmap = theme.icon(name).pixmap(QSize(16, 16), 2.0)
        assert (pixmap.width(), pixmap.height(), pixmap.devicePixelRatio()) == (32, 32, 2.0)
    sharp = theme.icon("add").pixmap(QSize(16, 16), 2.0).toImage()
    # the plus sign's bar (x 5..19 of 24, round caps) drawn solid across its 32-px row
    row = [sharp.pixelColor(x, 16).alpha() for x in range(32)]
    assert row.count(255) >= 18
    assert row[0] == 0 and row[31] == 0


def test_icon_on_a_button_and_unknown_names(app_theme: theme.Theme, qtbot) -> None:
    button = QToolButton()
    qtbot.addWidget(button)
    button.setIcon(theme.icon("settings"))
    button.show()
    qtbot.waitExposed(button)
    assert not button.grab().toImage().isNull()
    with pytest.raises(ValueError, match="No icon named 'nope'"):
        theme.icon("nope")


def test_effective_scheme() -> None:
    assert theme.effective_scheme("system", Qt.ColorScheme.Unknown) == Qt.ColorScheme.Light
    assert theme.effective_scheme("system", Qt.ColorScheme.Dark) == Qt.ColorScheme.Dark
    assert theme.effective_scheme("light", Qt.ColorScheme.Dark) == Qt.ColorScheme.Light
