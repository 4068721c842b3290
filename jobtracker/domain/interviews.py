"""Interviews: when, how, with whom. Times are stored in UTC and shown in local time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

from jobtracker.domain import limits, validation
from jobtracker.domain.applications import interview_info
from jobtracker.domain.clock import SYSTEM_CLOCK, Clock
from jobtracker.domain.errors import ValidationError
from jobtracker.domain.hooks import WriteHooked
from jobtracker.domain.records import InterviewInfo
from jobtracker.domain.rows import get_or_raise
from jobtracker.domain.vocabulary import INTERVIEW_KINDS
from jobtracker.store.models import (
    Application,
    Contact,
    Interview,
    InterviewInterviewer,
    database,
)

#: each interview field's check
_CHECKS: dict[str, Callable[[Any], Any]] = {
    "starts_at": lambda v: validation.aware_datetime("starts_at", v),
    "duration_minutes": lambda v: validation.whole_number("duration_minutes", v, limits.DURATION),
    "kind": lambda v: validation.one_of("kind", v, INTERVIEW_KINDS),
    **{name: partial(validation.column_text, "interview", name)
       for name in ("title", "location", "notes")},
}  # fmt: skip


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """The checked fields; raises FieldsError naming every bad one."""
    unknown = set(values) - set(_CHECKS)
    if unknown:
        raise ValidationError(sorted(unknown)[0], "is not a field of an interview")
    return validation.check_all(values, _CHECKS)


class InterviewService(WriteHooked):
    def __init__(self, clock: Clock = SYSTEM_CLOCK) -> None:
        self.clock = clock

    def for_application(self, application_id: int) -> list[InterviewInfo]:
        rows = Interview.select().where(Interview.application == application_id)
        return [interview_info(i) for i in rows.order_by(Interview.starts_at)]

    def get(self, interview_id: int) -> InterviewInfo:
        return interview_info(self._get(interview_id))

    def _get(self, interview_id: int) -> Interview:
        return get_or_raise(Interview, interview_id, "interview")

    def add(
        self,
        application_id: int,
        starts_at: datetime,
        *,
        interviewer_ids: tuple[int, ...] = (),
        **fields: Any,
    ) -> InterviewInfo:
        cleaned = _clean({"starts_at": starts_at, **fields})
        with database.atomic():
            get_or_raise(Application, application_id, "application")
            interview = Interview.create(application=application_id, **cleaned)
            self._set_interviewers(interview.id, interviewer_ids)
        self.after_write([application_id])
        return interview_info(interview)

    def edit(
        self, interview_id: int, *, interviewer_ids: tuple[int, ...] | None = None, **fields: Any
    ) -> InterviewInfo:
        cleaned = _clean(fields)
        with database.atomic():
            self._get(interview_id)
            if cleaned:
                Interview.update(cleaned).where(Interview.id == interview_id).execute()
            if interviewer_ids is not None:
                self._set_interviewers(interview_id, interviewer_ids)
        info = self.get(interview_id)
        self.after_write([info.application_id])
        return info

    def delete(self, interview_id: int) -> None:
        interview = self._get(interview_id)
        interview.delete_instance()
        self.after_write([interview.application_id])

    def _set_interviewers(self, interview_id: int, contact_ids: tuple[int, ...]) -> None:
        InterviewInterviewer.delete().where(
            InterviewInterviewer.interview == interview_id
        ).execute()
        for contact_id in contact_ids:
            get_or_raise(Contact, contact_id, "contact")
            InterviewInterviewer.create(interview=interview_id, contact=contact_id)
