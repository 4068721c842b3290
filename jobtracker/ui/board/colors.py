"""Colours derived from the palette (and stage colours blended into it), never fixed ones."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette


def blend(top: QColor, bottom: QColor, amount: float) -> QColor:
    """``amount`` of ``top`` over ``bottom`` (0 = bottom, 1 = top)."""
    keep = 1.0 - amount
    return QColor.fromRgbF(
        top.redF() * amount + bottom.redF() * keep,
        top.greenF() * amount + bottom.greenF() * keep,
        top.blueF() * amount + bottom.blueF() * keep,
        1.0,
    )


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def warning_color(palette: QPalette) -> QColor:
    """The palette's warning tone: a red-orange readable on its base colour."""
    return QColor.fromHsl(8, 200, 172) if is_dark(palette) else QColor.fromHsl(4, 170, 95)


def muted_text(palette: QPalette) -> QColor:
    return blend(
        palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base), 0.62
    )


def card_border(palette: QPalette) -> QColor:
    return blend(
        palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base), 0.16
    )


def column_background(palette: QPalette) -> QColor:
    window = palette.color(QPalette.ColorRole.Window)
    return blend(palette.color(QPalette.ColorRole.Text), window, 0.04)
