"""Measure text and outlines as painted: WCAG contrast between what a widget draws and the
colour behind it, read from a grab of its whole window (so style sheets, palettes set on a
widget and custom painting all count, as a person would see them).

In each region the most common colour is the background and the colour farthest from it
in luminance is the ink: the core of a glyph's stem is drawn in the text's own colour.
An item view's row is cut into the runs of ink its delegate painted (lines, and parts of
a line far apart), each measured on its own: a muted second line or a date on the right is
judged by its own colour, not by the row's strongest text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPoint, QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QTabBar,
    QTextEdit,
    QToolButton,
    QWidget,
)

#: WCAG AA for text, and for the parts of a control that say what it is (1.4.11)
TEXT_MINIMUM = 4.5
OUTLINE_MINIMUM = 3.0


def luminance(rgb: int) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel((rgb >> 16) & 0xFF)
        + 0.7152 * channel((rgb >> 8) & 0xFF)
        + 0.0722 * channel(rgb & 0xFF)
    )


def ratio(a: int, b: int) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def colours(image: QImage, rect: QRect) -> Counter[int]:
    """How often each RGB colour occurs in ``rect`` of ``image`` (device pixels)."""
    part = image.copy(rect).convertToFormat(QImage.Format.Format_RGB32)
    width, height, stride = part.width(), part.height(), part.bytesPerLine()
    data = memoryview(part.constBits()).cast("B")
    counts: Counter[int] = Counter()
    for row in range(height):
        line = data[row * stride : row * stride + width * 4].cast("I")
        counts.update(line)
    return Counter({rgb & 0xFFFFFF: n for rgb, n in counts.items()})


def measure(image: QImage, rect: QRect, around: QRect | None = None) -> tuple[float, int, int]:
    """(contrast, ink, background) of the strongest colour in ``rect`` against the most
    common one there (or in ``around``, for an outline against what surrounds it)."""
    counts = colours(image, rect)
    background = colours(image, around or rect).most_common(1)[0][0]
    ink = max(counts, key=lambda rgb: ratio(rgb, background))
    return ratio(ink, background), ink, background


def ink_runs(image: QImage, rect: QRect) -> Iterator[QRect]:
    """The parts of ``rect`` (device pixels) holding something other than its most common
    colour: bands of rows with ink, each cut where a gap wider than the band is high."""
    part = image.copy(rect).convertToFormat(QImage.Format.Format_RGB32)
    width, height, stride = part.width(), part.height(), part.bytesPerLine()
    if width == 0 or height == 0:
        return
    data = memoryview(part.constBits()).cast("B")
    rows = [data[y * stride : y * stride + width * 4].cast("I") for y in range(height)]
    background = colours(image, rect).most_common(1)[0][0] | 0xFF000000
    inked = [any(pixel != background for pixel in row) for row in rows]
    y = 0
    while y < height:
        if not inked[y]:
            y += 1
            continue
        top = y
        while y < height and inked[y]:
            y += 1
        band = rows[top:y]
        columns = [any(row[x] != background for row in band) for x in range(width)]
        gap_limit = max(y - top, 4)
        x = 0
        while x < width:
            if not columns[x]:
                x += 1
                continue
            left, gap = x, 0
            while x < width and gap <= gap_limit:
                gap = 0 if columns[x] else gap + 1
                x += 1
            right = x - gap
            yield QRect(rect.x() + left, rect.y() + top, right - left, y - top)


def weakest_run(image: QImage, rect: QRect, scale: float) -> tuple[float, int, int]:
    """The lowest (contrast, ink, background) among the runs of ink in an item's ``rect``,
    each against its own most common colour (a painted button's text against the button);
    rules and strips thinner than a glyph are not text and are left out."""
    found = (99.0, 0, 0)
    for run in ink_runs(image, rect):
        if run.height() >= 5 * scale and run.width() >= 3 * scale:
            found = min(found, measure(image, run))
    return found


@dataclass
class Finding:
    where: str
    what: str
    contrast: float
    ink: int
    background: int
    minimum: float

    def __str__(self) -> str:
        return (
            f"{self.where}: {self.what}: {self.contrast:.2f}:1 "
            f"(#{self.ink:06x} on #{self.background:06x}, needs {self.minimum}:1)"
        )


def _name(widget: QWidget) -> str:
    text = ""
    for getter in ("text", "title", "placeholderText", "currentText", "accessibleName"):
        value = getattr(widget, getter, None)
        if callable(value):
            value = value()
        if isinstance(value, str) and value.strip():
            text = value.strip().splitlines()[0][:50]
            break
    return f"{type(widget).__name__} {widget.objectName() or ''}{text!r}"


def _has_text(widget: QWidget) -> bool:
    if isinstance(widget, QLabel):
        return bool(widget.text().strip()) and widget.pixmap().isNull()
    if isinstance(widget, QLineEdit):
        return bool(widget.text() or widget.placeholderText())
    if isinstance(widget, QPlainTextEdit):
        return bool(widget.toPlainText() or widget.placeholderText())
    if isinstance(widget, QTextEdit):
        return bool(widget.toPlainText() or widget.placeholderText())
    if isinstance(widget, QAbstractButton):
        return bool(widget.text().strip())
    if isinstance(widget, QComboBox):
        return bool(widget.currentText() or widget.placeholderText())
    if isinstance(widget, QGroupBox):
        return bool(widget.title())
    return False


def text_regions(widget: QWidget) -> Iterator[tuple[str, QRect, float]]:
    """(what, rect in the widget's coordinates, minimum contrast) for each text it shows and
    each control outline it draws."""
    style = widget.style()
    if isinstance(widget, QCheckBox | QRadioButton):
        option = QStyleOptionButton()
        widget.initStyleOption(option)
        check = isinstance(widget, QCheckBox)
        contents = style.subElementRect(
            QStyle.SubElement.SE_CheckBoxContents
            if check
            else QStyle.SubElement.SE_RadioButtonContents,
            option,
            widget,
        )
        indicator = style.subElementRect(
            QStyle.SubElement.SE_CheckBoxIndicator
            if check
            else QStyle.SubElement.SE_RadioButtonIndicator,
            option,
            widget,
        )
        if widget.text().strip():
            yield "text", contents, TEXT_MINIMUM
        # the box and the colour around it, a little of each
        yield "outline", indicator.adjusted(-3, -3, 3, 3), OUTLINE_MINIMUM
        return
    if isinstance(widget, QPushButton | QToolButton):
        if _has_text(widget):
            yield "text", widget.rect().adjusted(5, 5, -5, -5), TEXT_MINIMUM
        return
    if isinstance(widget, QComboBox):
        option = QStyleOptionComboBox()
        widget.initStyleOption(option)
        field = style.subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            widget,
        )
        if _has_text(widget) and not widget.isEditable():
            yield "text", field, TEXT_MINIMUM
        return
    if isinstance(widget, QLineEdit):
        if _has_text(widget):
            yield "text", widget.rect().adjusted(3, 3, -3, -3), TEXT_MINIMUM
        return
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        if _has_text(widget):
            viewport = widget.viewport().geometry()
            yield "text", viewport.adjusted(2, 2, -2, -2), TEXT_MINIMUM
        return
    if isinstance(widget, QLabel):
        if _has_text(widget):
            yield "text", widget.contentsRect(), TEXT_MINIMUM
        return
    if isinstance(widget, QGroupBox) and widget.title():
        yield "title", QRect(0, 0, widget.width(), widget.fontMetrics().height() + 2), TEXT_MINIMUM
        return
    if isinstance(widget, QTabBar):
        for tab in (n for n in range(widget.count()) if widget.isTabEnabled(n)):
            yield (
                f"tab {widget.tabText(tab)!r}",
                widget.tabRect(tab).adjusted(4, 4, -4, -4),
                TEXT_MINIMUM,
            )
        return


def item_regions(view: QAbstractItemView) -> Iterator[tuple[str, QRect]]:
    """Each visible item of a view, rows of a tree's groups too, in the view's coordinates."""
    model = view.model()
    if model is None:
        return
    viewport = view.viewport()
    offset = viewport.mapTo(view, QPoint(0, 0))
    shown = viewport.rect()
    parents, count = [QModelIndex()], 0
    while parents and count < 400:
        parent = parents.pop()
        for row in range(min(model.rowCount(parent), 200)):
            for column in range(8):
                index = model.index(row, column, parent)
                if not index.isValid():
                    break
                count += 1
                if column == 0 and model.rowCount(index) > 0:
                    parents.append(index)
                rect = view.visualRect(index).intersected(shown)
                text = str(index.data() or "").strip()
                if rect.height() > 4 and rect.width() > 4 and text:
                    yield f"item {text.splitlines()[0][:40]!r}", rect.translated(offset)


def findings(top: QWidget, where: str) -> list[Finding]:
    """Every text and control outline of ``top`` (a window) below its minimum contrast."""
    image = top.grab().toImage()
    scale = image.devicePixelRatio()
    found: list[Finding] = []
    widgets = [top, *top.findChildren(QWidget)]
    for widget in widgets:
        if widget.window() is not top or not widget.isVisible() or not widget.isEnabled():
            continue  # another window's, hidden, or disabled (WCAG does not ask)
        visible = widget.visibleRegion().boundingRect()
        regions = [(what, rect, minimum) for what, rect, minimum in text_regions(widget)]
        if isinstance(widget, QAbstractItemView):
            regions += [(what, rect, TEXT_MINIMUM) for what, rect in item_regions(widget)]
        for what, rect, minimum in regions:
            rect = (
                rect.intersected(visible) if what != "outline" else rect.intersected(widget.rect())
            )
            if rect.width() < 3 or rect.height() < 3:
                continue
            origin = widget.mapTo(top, rect.topLeft())
            device = QRect(
                int(origin.x() * scale), int(origin.y() * scale),
                int(rect.width() * scale), int(rect.height() * scale),
            )  # fmt: skip
            around = None
            if what == "outline":
                whole = QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())
                around = QRect(
                    int(whole.x() * scale), int(whole.y() * scale),
                    int(whole.width() * scale), int(whole.height() * scale),
                )  # fmt: skip
            if what.startswith("item "):
                contrast, ink, background = weakest_run(image, device, scale)
            else:
                contrast, ink, background = measure(image, device, around)
            if contrast < minimum:
                found.append(
                    Finding(where, f"{_name(widget)} {what}", contrast, ink, background, minimum)
                )
    return found
