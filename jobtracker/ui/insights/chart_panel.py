"""One figure of the Insights window: a summary line, a bar chart, and the same figures as
a table beside it (what a screen reader reads, and what a keyboard selects).

Charts are pyqtgraph plots (vector drawing, so sharp at any scale) coloured from the
palette, and redrawn when the palette changes (light, dark). With nothing to show, the
chart makes way for a sentence: never an empty frame. Each chart exports as PNG (at twice
its size on screen) or SVG, both drawn by Qt from the plot's scene. The plot (and
pyqtgraph, with numpy) is made with the first bars, so the panel shows at once.

Signals:
    row_activated(int): a bar was clicked, or a table row chosen (its index).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QImageWriter, QPainter, QPalette
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

#: the scale of an exported PNG, relative to the chart on screen at 100 %
PNG_SCALE = 2
#: counts up to this many are marked at each whole number (the automatic marks fall on halves)
FEW = 10


def load_charts() -> Any:
    """pyqtgraph, imported on first use (any thread may load it: importing makes no widget)."""
    import pyqtgraph

    return pyqtgraph


class Bar:
    """One bar: its label (the axis tick), its value, and whether it is an accent."""

    def __init__(self, label: str, value: float, accent: bool = False) -> None:
        self.label = label
        self.value = value
        self.accent = accent


class ChartPanel(QWidget):
    row_activated = Signal(int)

    def __init__(self, title: str, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.plot: Any = None  # a pyqtgraph PlotWidget, made with the first bars
        self.empty = QLabel("Reading the figures…")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMinimumSize(QSize(320, 220))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.setAccessibleName(f"{title} figures")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.table.activated.connect(lambda index: self.row_activated.emit(index.row()))
        self.png_button = QPushButton("Export PNG…")
        self.svg_button = QPushButton("Export SVG…")
        self.png_button.clicked.connect(lambda: self._ask_export("png"))
        self.svg_button.clicked.connect(lambda: self._ask_export("svg"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.png_button)
        buttons.addWidget(self.svg_button)
        body = QHBoxLayout()
        body.addWidget(self.stack, 1)
        body.addWidget(self.table)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        self._set_exportable(False)
        self._bars: list[Bar] = []
        self._horizontal = True
        self._goal: float | None = None
        self._top: float | None = None

    # -- content ------------------------------------------------------------------------------

    def show_bars(
        self,
        bars: Sequence[Bar],
        *,
        horizontal: bool = True,
        goal: float | None = None,
        top: float | None = None,
    ) -> None:
        """Draw ``bars`` (top to bottom when horizontal, else left to right), with a
        dashed line at ``goal``, on a value axis up to ``top`` (None: the largest)."""
        self._bars, self._horizontal, self._goal = list(bars), horizontal, goal
        self._top = top
        self.stack.setCurrentWidget(self._made_plot())
        self._set_exportable(True)
        self._draw()

    def show_empty(self, text: str) -> None:
        """A sentence instead of the chart; the table is emptied and nothing exports."""
        self._bars = []
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty)
        self.table.setRowCount(0)
        self._set_exportable(False)

    def set_rows(self, rows: Sequence[Sequence[Any]]) -> None:
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                item = QTableWidgetItem(str(value))
                if isinstance(value, int | float):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, item)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Make the table as wide as its columns, the chart taking the rest: in a small
        window (or at 200 %) a column cut off behind a scroll bar hides figures."""
        table = self.table
        scroll_bar = table.verticalScrollBar().sizeHint().width()
        width = table.horizontalHeader().length() + 2 * table.frameWidth() + scroll_bar
        table.setFixedWidth(width)

    def has_chart(self) -> bool:
        return self.plot is not None and self.stack.currentWidget() is self.plot

    def _made_plot(self) -> Any:
        if self.plot is None:
            self.plot = load_charts().PlotWidget()
            self.plot.setMenuEnabled(False)
            self.plot.setMouseEnabled(x=False, y=False)
            self.plot.hideButtons()
            self.plot.setMinimumSize(QSize(320, 220))
            self.plot.setAccessibleName(f"{self.title} chart")
            self.plot.setAccessibleDescription("The table beside it lists the same figures.")
            self.plot.scene().sigMouseClicked.connect(self._clicked)
            self.stack.addWidget(self.plot)
        return self.plot

    def _set_exportable(self, on: bool) -> None:
        self.png_button.setEnabled(on)
        self.svg_button.setEnabled(on)

    # -- drawing ------------------------------------------------------------------------------

    def _draw(self) -> None:
        pg = load_charts()
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        self.plot.setBackground(palette.color(QPalette.ColorRole.Base))
        item = self.plot.getPlotItem()
        item.clear()
        bars = self._bars
        if not bars:
            return
        brushes = [
            pg.mkBrush(
                _accent(palette) if bar.accent else palette.color(QPalette.ColorRole.Highlight)
            )
            for bar in bars
        ]
        pen = pg.mkPen(palette.color(QPalette.ColorRole.Base), width=1)
        positions = list(range(len(bars)))
        values = [bar.value for bar in bars]
        ticks = [list(zip(positions, [bar.label for bar in bars], strict=True))]
        labels = item.getAxis("left" if self._horizontal else "bottom")
        longest = max(self.fontMetrics().horizontalAdvance(bar.label) for bar in bars)
        if self._horizontal:  # room for every label from the first paint (and in exports)
            labels.setWidth(longest + 2 * self.fontMetrics().averageCharWidth())
        else:
            labels.setHeight(2 * self.fontMetrics().height())
        if self._horizontal:
            graph = pg.BarGraphItem(
                x0=0, y=positions, height=0.7, width=values, brushes=brushes, pen=pen
            )
            item.getAxis("left").setTicks(ticks)
            item.getAxis("bottom").setTicks(None)
            item.invertY(True)
        else:
            graph = pg.BarGraphItem(
                x=positions, y0=0, width=0.7, height=values, brushes=brushes, pen=pen
            )
            item.getAxis("bottom").setTicks(ticks)
            item.getAxis("left").setTicks(None)
            item.invertY(False)
        item.addItem(graph)
        if self._goal is not None:
            angle = 90 if self._horizontal else 0
            line = pg.InfiniteLine(
                self._goal, angle=angle,
                pen=pg.mkPen(text, width=1, style=Qt.PenStyle.DashLine),
            )  # fmt: skip
            item.addItem(line)
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(text))
            axis.setTextPen(pg.mkPen(text))
            axis.setZValue(-1)  # an axis draws its grid lines: behind the bars
        item.showGrid(x=self._horizontal, y=not self._horizontal, alpha=0.2)
        top = self._top or max([*values, self._goal or 0, 1])
        value_axis = item.getAxis("bottom" if self._horizontal else "left")
        if top <= FEW and all(float(v).is_integer() for v in values):
            value_axis.setTickSpacing(1, 1)  # counts: no tick at 2.5 applications
        else:
            value_axis.setTickSpacing()
        if self._horizontal:
            item.setRange(xRange=(0, top * 1.05), yRange=(-0.5, len(bars) - 0.5), padding=0)
        else:
            item.setRange(yRange=(0, top * 1.05), xRange=(-0.5, len(bars) - 0.5), padding=0)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._bars:
            self._draw()

    def _clicked(self, event: Any) -> None:
        """The bar under a click, found from the click's place in the plot's coordinates."""
        if not self._bars:
            return
        point = self.plot.getPlotItem().vb.mapSceneToView(event.scenePos())
        index = round(point.y() if self._horizontal else point.x())
        along = point.x() if self._horizontal else point.y()
        if 0 <= index < len(self._bars) and 0 <= along <= max(self._bars[index].value, 0):
            self.table.selectRow(index)
            self.row_activated.emit(index)

    def bar_center(self, index: int) -> QPointF:
        """Where bar ``index`` sits in the plot widget's own coordinates (tests click it)."""
        bar = self._bars[index]
        along, across = bar.value / 2, float(index)
        middle = QPointF(along, across) if self._horizontal else QPointF(across, along)
        scene = self.plot.getPlotItem().vb.mapViewToScene(middle)
        return QPointF(self.plot.mapFromScene(scene).toPointF())

    # -- export -------------------------------------------------------------------------------

    def _ask_export(self, kind: str) -> None:
        name = f"{self.title.lower().replace(' ', '-')}.{kind}"
        path, _ = QFileDialog.getSaveFileName(
            self, f"Export the {self.title.lower()} chart", name, f"{kind.upper()} (*.{kind})"
        )
        if path:
            (self.export_png if kind == "png" else self.export_svg)(Path(path))

    def _scene_rect(self) -> QRectF:
        return QRectF(self.plot.sceneRect())

    def export_png(self, path: Path) -> None:
        """The chart at twice its size on screen, on the palette's base colour."""
        source = self._scene_rect()
        size = source.size().toSize() * PNG_SCALE
        image = QImage(size, QImage.Format.Format_ARGB32)
        image.fill(self.palette().color(QPalette.ColorRole.Base))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.plot.scene().render(painter, QRectF(image.rect()), source)
        painter.end()
        writer = QImageWriter(str(path), QByteArray(b"png"))
        if not writer.write(image):
            raise OSError(f"Cannot write {path}: {writer.errorString()}")

    def export_svg(self, path: Path) -> None:
        source = self._scene_rect()
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(source.size().toSize())
        generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
        generator.setResolution(self.logicalDpiX())  # as on screen: pyqtgraph replays pictures
        generator.setTitle(self.title)
        generator.setDescription(self.summary.text())
        painter = QPainter(generator)
        painter.fillRect(generator.viewBoxF(), self.palette().color(QPalette.ColorRole.Base))
        self.plot.render(painter)
        painter.end()


def _accent(palette: QPalette) -> QColor:
    """The second bar colour: the highlight pulled a third of the way to the text colour
    (darker on a light palette, lighter on a dark one), a clear step from the first."""
    high = palette.color(QPalette.ColorRole.Highlight)
    text = palette.color(QPalette.ColorRole.WindowText)
    mix = 0.4
    return QColor.fromRgbF(
        high.redF() + (text.redF() - high.redF()) * mix,
        high.greenF() + (text.greenF() - high.greenF()) * mix,
        high.blueF() + (text.blueF() - high.blueF()) * mix,
    )
