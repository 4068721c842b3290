"""The Insights window: where the search stands over a period, in four tabs (pipeline,
responses, pace, follow-up score), each a chart with its figures beside it.

Opened from View → Insights; the module loads then, never at the board's start. The
window shows at once; its figures are read in a worker on a connection of their own (and
pyqtgraph with numpy loads there too), then fill the tabs.

Signals:
    filter_requested(object, str): application ids and what they are (a pipeline bar or
        row was chosen): the board shows only those cards.
    write_requested(int, str): an application id and a template key (a missed follow-up
        was chosen): the draft editor opens on it.
    figures_shown(): the figures of the chosen period are on screen.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jobtracker.domain.insights import Insights, Miss, Period, WeekPace
from jobtracker.domain.insights_outcomes import UNDER_WAY, Segment
from jobtracker.domain.insights_service import MAX_WEEKLY_GOAL, InsightsService
from jobtracker.domain.insights_text import (
    miss_text,
    reminders_text,
    response_text,
    share_text,
    thank_you_text,
)
from jobtracker.text import counted
from jobtracker.ui.dialogs.widgets import local_text
from jobtracker.ui.insights.chart_panel import Bar, ChartPanel, load_charts
from jobtracker.ui.read_apart import ReadApart

#: the period chooser's entries: label and days back from today (0: all, -1: custom)
PERIODS = (("Last 4 weeks", 28), ("Last 3 months", 91), ("All time", 0), ("Custom", -1))
MISS_KINDS = {"thank_you": "Thank-you note", "no_reply": "Follow-up", "check_in": "Check-in"}


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label


def _end_label(segment: Segment) -> str:
    return segment.label if segment.key == UNDER_WAY else f"Ended: {segment.label}"


def _week_row(week: WeekPace) -> tuple[object, ...]:
    met = "yes" if week.met else "no"
    return (f"{week.start:%Y-%m-%d}", week.applications, week.interviews, week.followups, met)


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _days(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


class InsightsWindow(QWidget):
    filter_requested = Signal(object, str)
    write_requested = Signal(int, str)
    figures_shown = Signal()

    def __init__(self, insights: InsightsService, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Insights")
        self.insights = insights
        self.figures: Insights | None = None
        self._segments: list[Segment] = []
        self._missed: list[Miss] = []
        self._reader = ReadApart(self)
        self._reader.read.connect(self._show)
        self._build()
        self.reload()

    # -- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        self.period_box = QComboBox()
        self.period_box.setAccessibleName("Period")
        for label, _days_back in PERIODS:
            self.period_box.addItem(label)
        today = _qdate(self.insights.today())
        self.since_edit = QDateEdit(today.addDays(-27))
        self.until_edit = QDateEdit(today)
        for edit, name in ((self.since_edit, "From"), (self.until_edit, "To")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
            edit.dateChanged.connect(self._custom_changed)
        self.goal_box = QSpinBox()
        self.goal_box.setRange(1, MAX_WEEKLY_GOAL)
        self.goal_box.setValue(self.insights.weekly_goal())
        self.goal_box.setSuffix(" a week")
        self.goal_box.setAccessibleName("Weekly goal of applications")
        self.goal_box.valueChanged.connect(self._goal_changed)
        self.period_box.currentIndexChanged.connect(self._period_changed)
        bar = QHBoxLayout()
        bar.addWidget(_buddy("&Period:", self.period_box))
        bar.addWidget(self.period_box)
        bar.addWidget(QLabel("from"))
        bar.addWidget(self.since_edit)
        bar.addWidget(QLabel("to"))
        bar.addWidget(self.until_edit)
        bar.addStretch(1)
        bar.addWidget(_buddy("Weekly &goal:", self.goal_box))
        bar.addWidget(self.goal_box)
        self.pipeline = ChartPanel("Pipeline", ("Step", "Applications", "Of sent"))
        self.pipeline.row_activated.connect(self._segment_chosen)
        self.responses = ChartPanel(
            "Responses", ("Group", "Sent", "Answered", "Rate", "Median days")
        )
        self.pace = ChartPanel(
            "Pace", ("Week of", "Applications", "Interviews", "Follow-ups", "Goal met")
        )
        self.followups = ChartPanel(
            "Follow-up score", ("What", "In time", "Counted", "Share", "Median delay")
        )
        self.tabs = QTabWidget()
        self.tabs.addTab(self.pipeline, "P&ipeline")
        self.tabs.addTab(self.responses, "&Responses")
        self.tabs.addTab(self.pace, "P&ace")
        self.tabs.addTab(self._followup_tab(), "&Follow-up score")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        self._set_custom_enabled(False)
        self._fit_screen()

    def _fit_screen(self) -> None:
        """1100 x 720, or nine tenths of a smaller screen (at 200 % most are)."""
        screen = self.screen().availableGeometry()
        self.resize(min(1100, screen.width() * 9 // 10), min(720, screen.height() * 9 // 10))

    def _followup_tab(self) -> QWidget:
        self.missed_label = QLabel()
        self.missed_table = QTableWidget(0, 5)
        self.missed_table.setHorizontalHeaderLabels(["Due", "What", "Company", "Role", "Done"])
        self.missed_table.setAccessibleName("Missed follow-ups")
        self.missed_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.missed_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.missed_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.missed_table.verticalHeader().hide()
        self.missed_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.missed_table.horizontalHeader().setStretchLastSection(True)
        self.missed_table.activated.connect(lambda index: self._write(index.row()))
        self.write_button = QPushButton("&Write It Now…")
        self.write_button.clicked.connect(lambda: self._write(self.missed_table.currentRow()))
        row = QHBoxLayout()
        row.addWidget(self.missed_label, 1)
        row.addWidget(self.write_button)
        missed = QWidget()
        layout = QVBoxLayout(missed)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.missed_table, 1)
        # the misses are what the person acts on: as much room as the chart, and theirs to move
        tab = QSplitter(Qt.Orientation.Vertical)
        tab.setChildrenCollapsible(False)
        tab.addWidget(self.followups)
        tab.addWidget(missed)
        tab.setStretchFactor(0, 1)
        tab.setStretchFactor(1, 1)
        return tab

    # -- the period ---------------------------------------------------------------------------

    def period(self) -> Period:
        days_back = PERIODS[self.period_box.currentIndex()][1]
        if days_back < 0:
            since, until = _day(self.since_edit.date()), _day(self.until_edit.date())
            return Period(min(since, until), max(since, until))
        if days_back == 0:
            return Period()
        return Period.last_days(days_back, self.insights.today())

    def set_period(self, index: int) -> None:
        self.period_box.setCurrentIndex(index)

    def _set_custom_enabled(self, on: bool) -> None:
        self.since_edit.setEnabled(on)
        self.until_edit.setEnabled(on)

    def _period_changed(self, index: int) -> None:
        self._set_custom_enabled(PERIODS[index][1] < 0)
        self.reload()

    def _custom_changed(self) -> None:
        if PERIODS[self.period_box.currentIndex()][1] < 0:
            self.reload()

    def _goal_changed(self, goal: int) -> None:
        self.insights.set_weekly_goal(goal)
        self.reload()

    # -- the figures --------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the figures of the chosen period in the worker; they show when read."""
        period, goal = self.period(), self.insights.weekly_goal()
        self._reader.ask(lambda: self._read(period, goal))

    def _read(self, period: Period, goal: int) -> Insights:
        """In the worker."""
        figures = self.insights.read_apart(period, goal)
        load_charts()  # here rather than on the GUI thread when the charts are drawn
        return figures

    def _show(self, figures: object) -> None:
        if not isinstance(figures, Insights):
            self.pipeline.show_empty(f"The figures could not be read: {figures}")
            return
        self.figures = figures
        if PERIODS[self.period_box.currentIndex()][1] >= 0:
            for edit, day in (
                (self.since_edit, figures.first_day),
                (self.until_edit, figures.last_day),
            ):
                edit.blockSignals(True)
                edit.setDate(_qdate(day))
                edit.blockSignals(False)
        self._show_pipeline(figures)
        self._show_responses(figures)
        self._show_pace(figures)
        self._show_followups(figures)
        self.figures_shown.emit()

    def wait(self) -> None:
        """Let a read under way finish (tests, and the window's close)."""
        self._reader.wait()

    def _show_pipeline(self, figures: Insights) -> None:
        pipeline = figures.pipeline
        panel = self.pipeline
        if not pipeline.sent:
            self._segments = []
            panel.summary.setText("")
            panel.show_empty("No application was sent in this period.")
            return
        self._segments = [*pipeline.reached, *pipeline.ended]
        sent = pipeline.sent
        interviewing = len(pipeline.reached[2].ids)
        panel.summary.setText(
            f"{counted(sent, 'application')} sent; {interviewing} reached an interview. "
            "Choose a bar or a row to show those cards on the board."
        )
        bars = [Bar(s.label, len(s.ids)) for s in pipeline.reached]
        bars += [Bar(_end_label(s), len(s.ids), accent=True) for s in pipeline.ended]
        panel.show_bars(bars)
        panel.set_rows(
            [(bar.label, int(bar.value), share_text(int(bar.value), sent)) for bar in bars]
        )

    def _show_responses(self, figures: Insights) -> None:
        found = figures.responses
        panel = self.responses
        if not found.overall.sent:
            panel.summary.setText("")
            panel.show_empty("No application was sent in this period: no answer to count.")
            return
        panel.summary.setText(f"Answers: {response_text(found.overall)}.")
        groups = [*found.by_source, *found.by_excitement]
        accents = [False] * len(found.by_source) + [True] * len(found.by_excitement)
        panel.show_bars(
            [Bar(g.label, (g.rate or 0) * 100, a) for g, a in zip(groups, accents, strict=True)],
            top=100,
        )
        panel.set_rows(
            [(g.label, g.sent, g.answered, _percent(g.rate), _days(g.median_days)) for g in groups]
        )

    def _show_pace(self, figures: Insights) -> None:
        pace = figures.pace
        panel = self.pace
        panel.summary.setText(
            f"{pace.per_week('applications'):.1f} applications, "
            f"{pace.per_week('interviews'):.1f} interviews and "
            f"{pace.per_week('followups'):.1f} follow-ups a week. Goal met "
            f"{pace.weeks_met} of {counted(len(pace.weeks), 'week')}; current streak "
            f"{counted(pace.streak, 'week')}. Darker bars: weeks short of the goal."
        )
        if not any(w.applications or w.interviews or w.followups for w in pace.weeks):
            panel.show_empty(
                f"Nothing was sent in this period. Your goal: {counted(pace.goal, 'application')}"
                " a week."
            )
            return
        panel.show_bars(
            [Bar(f"{w.start:%d %b}", w.applications, accent=not w.met) for w in pace.weeks],
            horizontal=False,
            goal=pace.goal,
        )
        panel.set_rows([_week_row(w) for w in pace.weeks])

    def _show_followups(self, figures: Insights) -> None:
        score = figures.followups
        panel = self.followups
        panel.summary.setText(f"Thank-you notes: {thank_you_text(score)}.\n"
                              f"Follow-ups and check-ins: {reminders_text(score)}.")  # fmt: skip
        self._missed = list(score.missed)
        self.missed_label.setText(
            f"Missed: {len(self._missed)}. Choose one to write it now."
            if self._missed
            else "Nothing missed in this period."
        )
        self.missed_table.setRowCount(len(self._missed))
        zone = figures.zone
        for r, miss in enumerate(self._missed):
            due = local_text(miss.due_at, zone, with_time=False)
            done = (
                "not yet"
                if miss.done_at is None
                else local_text(miss.done_at, zone, with_time=False)
            )
            cells = (due, MISS_KINDS.get(miss.kind, miss.kind),
                     miss.company, miss.job_role, done)  # fmt: skip
            tip = miss_text(miss, zone)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                self.missed_table.setItem(r, c, item)
        self.write_button.setEnabled(bool(self._missed))
        shares = (("Thank-you within 24 h", score.thank_you, score.thank_you_median_hours, "h"),
                  ("Follow-ups by due day", score.reminders, score.reminder_median_delay_days,
                   "d"))  # fmt: skip
        counted = [s for s in shares if s[1].total]
        if not counted:
            panel.show_empty("Nothing to score yet: no interview ended and no follow-up fell "
                             "due in this period.")  # fmt: skip
            return
        panel.show_bars(
            [Bar(label, (share.value or 0) * 100) for label, share, _, _ in counted], top=100
        )
        panel.set_rows(
            [(label, share.hits, share.total, _percent(share.value), f"{_days(delay)} {unit}")
             for label, share, delay, unit in counted]
        )  # fmt: skip

    # -- choices ------------------------------------------------------------------------------

    def _segment_chosen(self, row: int) -> None:
        if 0 <= row < len(self._segments):
            segment = self._segments[row]
            reached = self.figures is not None and row < len(self.figures.pipeline.reached)
            label = f"reached {segment.label}" if reached else _end_label(segment)
            self.filter_requested.emit(segment.ids, f"Insights, {label.lower()}")

    def _write(self, row: int) -> None:
        if 0 <= row < len(self._missed):
            miss = self._missed[row]
            self.write_requested.emit(miss.application_id, miss.template_key)
