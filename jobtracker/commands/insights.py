"""stats and report: how the search is going, and the proof of it for an agency."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from jobtracker.commands import AddArguments
from jobtracker.commands.common import add_json_options, print_json, reader_for, services_for
from jobtracker.commands.errors import CommandError
from jobtracker.commands.output import say

if TYPE_CHECKING:
    from jobtracker.domain.insights import Insights, Miss, Period, Share, WeekPace
    from jobtracker.domain.insights_outcomes import ResponseGroup
    from jobtracker.domain.search_report import Report


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-03-31") from None


def _add_period(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="first day")
    parser.add_argument("--until", type=_date, metavar="YYYY-MM-DD", help="last day (today)")


def _stats_arguments(stats: argparse.ArgumentParser) -> None:
    _add_period(stats)
    add_json_options(stats)
    stats.set_defaults(handler=stats_command)


def _report_arguments(report: argparse.ArgumentParser) -> None:
    report.description = (
        "One row per application: date applied, company, role, how applied, "
        "contact, status and outcome. A PDF on the locale's paper, or CSV."
    )
    _add_period(report)
    report.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    report.add_argument("--format", choices=("pdf", "csv"), help="default: from FILE's suffix")
    report.set_defaults(handler=report_command)


ARGUMENTS: dict[str, AddArguments] = {"stats": _stats_arguments, "report": _report_arguments}


def _period(args: argparse.Namespace) -> Period:
    from jobtracker.domain.insights import Period

    if args.since and args.until and args.since > args.until:
        raise CommandError(f"--since {args.since} is after --until {args.until}")
    return Period(args.since, args.until)


def _open(args: argparse.Namespace) -> None:
    if not args.db.exists():
        raise CommandError(f"No database at {args.db}")


def stats_command(args: argparse.Namespace) -> int:
    period = _period(args)
    _open(args)
    with reader_for(args) as reader:
        figures = reader.insights(period)
    if args.json:
        print_json(_json(figures), pretty=args.pretty)
    else:
        say("\n".join(_lines(figures)))
    return 0


def _share(share: Share) -> dict[str, object]:
    return {"hits": share.hits, "total": share.total, "value": share.value}


def _week(week: WeekPace) -> dict[str, object]:
    return {
        "week": week.start.isoformat(),
        "applications": week.applications,
        "interviews": week.interviews,
        "followups": week.followups,
        "met": week.met,
    }


def _miss(miss: Miss) -> dict[str, object]:
    return {
        "application_id": miss.application_id,
        "company": miss.company,
        "role": miss.job_role,
        "kind": miss.kind,
        "template": miss.template_key,
        "due_at": miss.due_at.isoformat(),
        "done_at": miss.done_at and miss.done_at.isoformat(),
    }


def _group(group: ResponseGroup) -> dict[str, object]:
    return {
        "label": group.label,
        "sent": group.sent,
        "answered": group.answered,
        "rate": group.rate,
        "median_days": group.median_days,
    }


def _json(figures: Insights) -> dict[str, object]:
    pace, score, found = figures.pace, figures.followups, figures.responses
    return {
        "since": figures.first_day.isoformat(),
        "until": figures.last_day.isoformat(),
        "pipeline": {
            "reached": {s.key: len(s.ids) for s in figures.pipeline.reached},
            "ended": {s.key: len(s.ids) for s in figures.pipeline.ended},
            "flows": [
                {"from": f.step, "to": f.end, "count": len(f.ids)} for f in figures.pipeline.flows
            ],
        },
        "responses": {
            **_group(found.overall),
            "by_source": [_group(g) for g in found.by_source],
            "by_excitement": [_group(g) for g in found.by_excitement],
        },
        "pace": {
            "goal": pace.goal,
            "streak": pace.streak,
            "weeks_met": pace.weeks_met,
            "per_week": {n: pace.per_week(n) for n in ("applications", "interviews", "followups")},
            "weeks": [_week(w) for w in pace.weeks],
        },
        "followups": {
            "thank_you": _share(score.thank_you),
            "thank_you_median_hours": score.thank_you_median_hours,
            "reminders": _share(score.reminders),
            "reminder_median_delay_days": score.reminder_median_delay_days,
            "missed": [_miss(m) for m in score.missed],
        },
    }


def _lines(figures: Insights) -> list[str]:
    from jobtracker.domain.insights_text import (
        followup_lines,
        pace_lines,
        pipeline_lines,
        responses_lines,
    )

    return [
        f"From {figures.first_day:%d %b %Y} to {figures.last_day:%d %b %Y}",
        "",
        *pipeline_lines(figures.pipeline),
        "",
        *responses_lines(figures.responses),
        "",
        *pace_lines(figures.pace),
        "",
        *followup_lines(figures.followups, figures.zone),
    ]


def report_command(args: argparse.Namespace) -> int:
    from jobtracker.domain.transfer.service import write_file

    period = _period(args)
    kind = args.format or ("csv" if args.output.suffix.lower() == ".csv" else "pdf")
    if not args.output.parent.is_dir():
        raise CommandError(f"There is no folder {args.output.parent} to write into")
    _open(args)
    with services_for(args, readonly=True) as services:
        report = services.insights.report(period)
    data = _report_bytes(report, kind)
    try:
        write_file(args.output, data, spreadsheet=kind == "csv")
    except OSError as exc:
        raise CommandError(f"Cannot write {args.output}: {exc.strerror or exc}") from exc
    say(f"Wrote {args.output}: {len(report.rows)} applications, {report.period_text()}",
          file=sys.stderr)  # fmt: skip
    return 0


def _report_bytes(report: Report, kind: str) -> bytes:
    """Qt lays a PDF out; without a window it runs on the offscreen platform."""
    from PySide6.QtGui import QGuiApplication

    from jobtracker.ui.insights.report_file import report_bytes

    if kind == "pdf" and QGuiApplication.instance() is None:
        app = QGuiApplication(["jobtracker", "-platform", "offscreen"])
        try:
            return report_bytes(report, kind)
        finally:
            del app
    return report_bytes(report, kind)
