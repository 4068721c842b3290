"""An application's timeline: stage changes, notes, calls, answers, drafts sent."""

from __future__ import annotations

from jobtracker.domain import validation
from jobtracker.domain.clock import SYSTEM_CLOCK, Clock
from jobtracker.domain.hooks import WriteHooked
from jobtracker.domain.records import ActivityInfo
from jobtracker.domain.rows import get_or_raise
from jobtracker.store.models import Activity, Application

#: entries a person adds by hand (the others are written by the app)
MANUAL_KINDS = ("note", "call", "heard_back")


def _info(a: Activity) -> ActivityInfo:
    return ActivityInfo(
        a.id, a.application_id, a.at, a.kind, a.text, a.from_stage_id, a.to_stage_id
    )


class TimelineService(WriteHooked):
    def __init__(self, clock: Clock = SYSTEM_CLOCK) -> None:
        self.clock = clock

    def for_application(self, application_id: int) -> list[ActivityInfo]:
        """Newest first."""
        rows = Activity.select().where(Activity.application == application_id)
        return [_info(a) for a in rows.order_by(Activity.at.desc(), Activity.id.desc())]

    def add(self, application_id: int, kind: str, text: str = "") -> ActivityInfo:
        kind = validation.one_of("kind", kind, MANUAL_KINDS)
        text = validation.optional_text("text", text)
        get_or_raise(Application, application_id, "application")
        activity = Activity.create(
            application=application_id, at=self.clock.now(), kind=kind, text=text
        )
        self.after_write([application_id])
        return _info(activity)

    def remove(self, activity_id: int) -> None:
        activity = Activity.get_or_none(Activity.id == activity_id)
        Activity.delete().where(Activity.id == activity_id).execute()
        if activity is not None:
            self.after_write([activity.application_id])
