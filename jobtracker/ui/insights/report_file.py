"""The proof-of-search report as a file: a PDF laid out by Qt's own text engine and PDF
writer, or CSV.

Landscape, on the locale's paper (Letter where the locale measures in US units, A4
elsewhere); QTextDocument breaks the table across pages, repeats its header row, and
numbers the pages.
"""

from __future__ import annotations

import io
from html import escape

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLocale, QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from jobtracker.domain.search_report import HEADERS, Report, write_csv

RESOLUTION = 300


def paper_for(locale: QLocale) -> QPageSize.PageSizeId:
    """Letter for the US system of measurement, A4 for everyone else."""
    if locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
        return QPageSize.PageSizeId.Letter
    return QPageSize.PageSizeId.A4


def report_html(report: Report) -> str:
    title = f"Job search record of {report.name}" if report.name else "Job search record"
    count = len(report.rows)
    summary = f"{count} application{'s' * (count != 1)} sent or under way in this period."
    head = "".join(f"<th align='left'>{escape(h)}</th>" for h in HEADERS)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row.cells()) + "</tr>"
        for row in report.rows
    )
    table = (
        "<table width='100%' border='1' cellspacing='0' cellpadding='3' "
        "style='border-collapse: collapse'>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        if report.rows
        else "<p>No application was sent or under way in this period.</p>"
    )
    return (
        f"<h2>{escape(title)}</h2>"
        f"<p>Period: {escape(report.period_text())}<br>{escape(summary)}</p>{table}"
    )


def render_pdf(report: Report, locale: QLocale | None = None) -> bytes:
    """The report as PDF bytes (a QGuiApplication must exist, for the fonts)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(f"Job search record {report.period_text()}")
    writer.setCreator("jobtracker")
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(paper_for(locale or QLocale())),
            QPageLayout.Orientation.Landscape,
            QMarginsF(12, 12, 12, 12),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = QTextDocument()
    document.setDefaultStyleSheet("th { background-color: #e6e6e6; } td, th { font-size: 8pt; }")
    document.setHtml(report_html(report))
    document.setPageSize(QSizeF())  # laid out by the writer's page, pages numbered
    document.print_(writer)
    del writer  # finishes the file
    buffer.close()
    return bytes(data.data())


def report_bytes(report: Report, kind: str) -> bytes:
    """The report as ``kind`` ("pdf" or "csv"); a PDF needs a QGuiApplication."""
    if kind == "csv":
        out = io.StringIO()
        write_csv(report, out)
        return out.getvalue().encode("utf-8")
    return render_pdf(report)
