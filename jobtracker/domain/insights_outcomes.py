"""How applications fare: when they were sent, who answered, how far each one got.

Only stage *roles* decide (domain/stage_roles.py): a renamed or translated board, or a
custom stage given a role, reads the same. An interview held counts as an answer and as
reaching the interviewing step, whatever column the card sits in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import median

from jobtracker.domain import stage_roles as roles
from jobtracker.domain.insights_facts import ApplicationFact, InterviewFact, StageFact

#: roles only an application that was sent can reach (withdrawn may come before sending)
SENT_ROLES = frozenset(
    {roles.APPLIED, roles.SCREENING, roles.INTERVIEWING, roles.OFFER, roles.ACCEPTED,
     roles.REJECTED, roles.NO_RESPONSE}
)  # fmt: skip
#: roles a card reaches only once the company answered
ANSWER_ROLES = frozenset(
    {roles.SCREENING, roles.INTERVIEWING, roles.OFFER, roles.ACCEPTED, roles.REJECTED}
)
#: the steps of the funnel, in order; reaching one counts as passing the ones before it
STEPS = (roles.APPLIED, roles.SCREENING, roles.INTERVIEWING, roles.OFFER, roles.ACCEPTED)
#: where a card ends up: a closed role, or still under way
UNDER_WAY = "under_way"
ENDS = (roles.ACCEPTED, roles.REJECTED, roles.WITHDRAWN, roles.NO_RESPONSE, UNDER_WAY)
DAY = timedelta(days=1)

Stages = dict[int, StageFact]


def end_label(end: str) -> str:
    return "Still under way" if end == UNDER_WAY else roles.label(end)


def sent_at(app: ApplicationFact, stages: Stages) -> datetime | None:
    """The applied date the person recorded, else when the card first reached a role that
    only a sent application reaches; None for one never sent (a wishlist card)."""
    if app.applied_at is not None:
        return app.applied_at
    return next((at for at, stage in app.moves if _role(stages, stage) in SENT_ROLES), None)


def _role(stages: Stages, stage_id: int) -> str:
    stage = stages.get(stage_id)
    return roles.NONE if stage is None else stage.role


def first_answer(
    app: ApplicationFact, stages: Stages, interviews: Iterable[InterviewFact], now: datetime
) -> datetime | None:
    """The first sign the company answered: a reply logged, a move to a role only an
    answer reaches (screening, interviewing, offer, accepted, rejected), an interview."""
    signs = [*app.heard_back, *(i.starts_at for i in interviews)]
    signs += [at for at, stage in app.moves if _role(stages, stage) in ANSWER_ROLES]
    return min((at for at in signs if at <= now), default=None)


def furthest_step(
    app: ApplicationFact, stages: Stages, interviews: Iterable[InterviewFact], now: datetime
) -> str:
    """The last step of :data:`STEPS` the application reached."""
    reached = {_role(stages, stage) for _, stage in app.moves}
    if any(i.starts_at <= now for i in interviews):
        reached.add(roles.INTERVIEWING)
    if roles.REJECTED in reached or roles.NO_RESPONSE in reached:
        reached.add(roles.APPLIED)
    return max((s for s in STEPS if s in reached), key=STEPS.index, default=roles.APPLIED)


def end_of(app: ApplicationFact, stages: Stages) -> str:
    role = _role(stages, app.stage_id)
    return role if role in roles.CLOSED_ROLES else UNDER_WAY


@dataclass(frozen=True, slots=True)
class Segment:
    """A part of the pipeline and the applications in it (to filter the board by)."""

    key: str
    label: str
    ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Flow:
    """Applications whose furthest open step was ``step`` and that ended at ``end``."""

    step: str
    end: str
    ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Pipeline:
    reached: tuple[Segment, ...]  # one per step, each counting those that got that far
    ended: tuple[Segment, ...]  # one per end with any application in it
    flows: tuple[Flow, ...]

    @property
    def sent(self) -> int:
        return len(self.reached[0].ids)


@dataclass(frozen=True, slots=True)
class ResponseGroup:
    label: str
    sent: int
    answered: int
    median_days: float | None

    @property
    def rate(self) -> float | None:
        return self.answered / self.sent if self.sent else None


@dataclass(frozen=True, slots=True)
class Responses:
    overall: ResponseGroup
    by_source: tuple[ResponseGroup, ...]
    by_excitement: tuple[ResponseGroup, ...]


@dataclass(frozen=True, slots=True)
class Outcome:
    """One sent application of the period, as the pipeline and the responses read it."""

    app: ApplicationFact
    sent_at: datetime
    #: days from sending to the first answer (0 for an answer logged before it), or None
    days_to_answer: float | None
    step: str
    end: str


def days_between(sent: datetime, answered: datetime | None) -> float | None:
    return None if answered is None else max(0.0, (answered - sent) / DAY)


def pipeline(outcomes: list[Outcome]) -> Pipeline:
    """One pass over the outcomes, grouped by (furthest open step, end)."""
    grouped: dict[tuple[str, str], list[int]] = {}
    furthest: dict[str, list[int]] = {step: [] for step in STEPS}
    for o in outcomes:
        grouped.setdefault((_open_step(o), o.end), []).append(o.app.id)
        furthest[o.step].append(o.app.id)
    reached = []
    beyond: list[int] = []
    for step in reversed(STEPS):  # those that got this far: here, or beyond it
        beyond = furthest[step] + beyond
        reached.append(Segment(step, roles.label(step), tuple(beyond)))
    ended = []
    for end in ENDS:
        ids = [i for step in STEPS[:-1] for i in grouped.get((step, end), [])]
        if ids:
            ended.append(Segment(end, end_label(end), tuple(ids)))
    flows = [
        Flow(step, end, tuple(grouped[(step, end)]))
        for end in ENDS
        for step in STEPS[:-1]
        if (step, end) in grouped
    ]
    return Pipeline(tuple(reversed(reached)), tuple(ended), tuple(flows))


def _open_step(outcome: Outcome) -> str:
    """The furthest step short of accepted (an accepted offer flows from the offer)."""
    return roles.OFFER if outcome.step == roles.ACCEPTED else outcome.step


def responses(outcomes: list[Outcome]) -> Responses:
    return Responses(
        _group("All applications", outcomes),
        _groups(outcomes, lambda o: o.app.source.strip() or "Source not recorded"),
        _groups(outcomes, lambda o: _excitement_label(o.app.excitement)),
    )


def _excitement_label(stars: int) -> str:
    return "Excitement not rated" if stars <= 0 else f"Excitement {stars} of 5"


def _group(label: str, outcomes: list[Outcome]) -> ResponseGroup:
    days = [d for o in outcomes if (d := o.days_to_answer) is not None]
    return ResponseGroup(label, len(outcomes), len(days), median(days) if days else None)


def _groups(outcomes: list[Outcome], key: Callable[[Outcome], str]) -> tuple[ResponseGroup, ...]:
    """Groups by ``key``, the most applications first (then by name)."""
    grouped: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        grouped.setdefault(key(outcome), []).append(outcome)
    found = [_group(label, members) for label, members in grouped.items()]
    return tuple(sorted(found, key=lambda g: (-g.sent, g.label.casefold())))
