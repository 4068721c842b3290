"""The insights in words, for the command line and the window's summaries.

Every figure with nothing behind it reads as a sentence ("No interview ended in this
period"), never as 0 % or a division by zero.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from jobtracker.domain.clock import to_local
from jobtracker.domain.insights import FollowupScore, Miss, Pace
from jobtracker.domain.insights_outcomes import Pipeline, ResponseGroup, Responses
from jobtracker.text import counted

#: the missed follow-ups the command line lists in words, the latest
MISSES_LISTED = 10
#: how a missed follow-up is named, by kind
MISS_LABELS = {
    "thank_you": "Thank-you note",
    "no_reply": "Follow-up after an interview",
    "check_in": "Check-in",
}


def share_text(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "-"


def pipeline_lines(pipeline: Pipeline) -> list[str]:
    if not pipeline.sent:
        return ["Pipeline", "  No application was sent in this period."]
    lines = ["Pipeline (applications sent in the period, by how far they got)"]
    lines += [
        f"  {s.label:<16} {len(s.ids):>5}  {share_text(len(s.ids), pipeline.sent):>4}"
        for s in pipeline.reached
    ]
    lines.append("  Where they ended")
    lines += [f"  {s.label:<16} {len(s.ids):>5}" for s in pipeline.ended]
    return lines


def response_text(group: ResponseGroup) -> str:
    if not group.sent:
        return "no application sent"
    text = f"{group.answered} of {group.sent} answered ({share_text(group.answered, group.sent)})"
    if group.median_days is not None:
        text += f", after a median {group.median_days:.1f} days"
    return text


def responses_lines(found: Responses) -> list[str]:
    lines = ["Responses", f"  {response_text(found.overall)}"]
    for title, groups in (("By source", found.by_source), ("By excitement", found.by_excitement)):
        if groups:
            lines.append(f"  {title}")
            lines += [f"    {g.label:<22} {response_text(g)}" for g in groups]
    return lines


def pace_lines(pace: Pace) -> list[str]:
    weeks = len(pace.weeks)
    return [
        f"Pace (goal: {counted(pace.goal, 'application')} a week)",
        f"  Applications sent  {pace.per_week('applications'):.1f} a week; goal met "
        f"{pace.weeks_met} of {counted(weeks, 'week')}; streak {counted(pace.streak, 'week')}",
        f"  Interviews         {pace.per_week('interviews'):.1f} a week",
        f"  Follow-ups sent    {pace.per_week('followups'):.1f} a week",
    ]


def thank_you_text(score: FollowupScore) -> str:
    if score.thank_you.value is None:
        return "No interview ended in this period long enough ago to count."
    text = f"{score.thank_you.text()} thanked within 24 hours"
    if score.thank_you_median_hours is not None:
        text += f"; sent a median {score.thank_you_median_hours:.1f} hours after"
    return text


def reminders_text(score: FollowupScore) -> str:
    if score.reminders.value is None:
        return "No follow-up or check-in fell due in this period."
    text = f"{score.reminders.text()} done by their due day"
    if score.reminder_median_delay_days is not None:
        text += f"; median delay {score.reminder_median_delay_days:.1f} days"
    return text


def miss_text(miss: Miss, tz: tzinfo | None, days: dict[date, str] | None = None) -> str:
    """One missed follow-up in words, its days in ``tz`` (None: the system's); ``days`` keeps
    each day's text across many lines (thousands of misses fall on a few hundred days)."""
    days = {} if days is None else days
    label = MISS_LABELS.get(miss.kind, miss.kind)
    due = _day(miss.due_at, tz, days)
    late = "not done yet" if miss.done_at is None else f"done {_day(miss.done_at, tz, days)}"
    return f"{label} for {miss.company} ({miss.job_role}), due {due}: {late}"


def _day(when: datetime, tz: tzinfo | None, days: dict[date, str]) -> str:
    day = to_local(when, tz).date()
    text = days.get(day)
    if text is None:
        text = days[day] = f"{day:%d %b}"
    return text


def followup_lines(score: FollowupScore, tz: tzinfo | None) -> list[str]:
    """The score in words and the latest misses (the ones still worth acting on); the
    rest are counted, and listed by ``--json`` and the Insights view."""
    lines = [
        "Follow-up score",
        f"  Thank-you notes    {thank_you_text(score)}",
        f"  Follow-ups         {reminders_text(score)}",
    ]
    missed = score.missed
    if len(missed) > MISSES_LISTED:
        lines.append(f"  Missed ({len(missed)}), the latest {MISSES_LISTED}:")
        missed = missed[-MISSES_LISTED:]
    elif missed:
        lines.append(f"  Missed ({len(missed)}):")
    days: dict[date, str] = {}
    lines.extend(f"    {miss_text(m, tz, days)}" for m in missed)
    earlier = len(score.missed) - len(missed)
    if earlier:
        lines.append(f"    and {counted(earlier, 'earlier one')}: --json lists them all")
    return lines
