"""Fusion, with check boxes and radio buttons outlined so they can be seen.

Fusion outlines them in the window colour made a little darker: about 1.6:1 against the
window in the light palette and 1.2:1 in the dark one, where an empty box is hard to find.
WCAG asks 3:1 for what identifies a control; this style draws Fusion's indicator, then its
edge again in the palette's window text blended into the window colour.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleFactory, QStyleOption, QWidget

from jobtracker.ui.board.colors import blend

_BOX = QStyle.PrimitiveElement.PE_IndicatorCheckBox
_ROUND = QStyle.PrimitiveElement.PE_IndicatorRadioButton
#: how much of the text colour the outline takes: 3:1 or more against the window colour in
#: both palettes
OUTLINE_AMOUNT = 0.55


class OutlinedStyle(QProxyStyle):
    """Fusion whose check box and radio button indicators carry a visible edge."""

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element != _BOX and element != _ROUND:
            return
        palette = option.palette
        group = (
            QPalette.ColorGroup.Active
            if option.state & QStyle.StateFlag.State_Enabled
            else QPalette.ColorGroup.Disabled
        )
        edge = blend(
            palette.color(group, QPalette.ColorRole.WindowText),
            palette.color(group, QPalette.ColorRole.Window),
            OUTLINE_AMOUNT,
        )
        rect = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, element == _ROUND)
        painter.setPen(QPen(edge, 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if element == _ROUND:
            painter.drawEllipse(rect)
        else:
            painter.drawRect(rect)
        painter.restore()
