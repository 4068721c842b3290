"""How applications fare: the pipeline (how far each got, where it ended) and the
responses (who answered, how soon), built from the groups SQLite counted
(:func:`~jobtracker.domain.insights_facts.outcomes`).

Only stage *roles* decide (domain/stage_roles.py): a renamed or translated board, or a
custom stage given a role, reads the same. An interview held counts as an answer and as
reaching the interviewing step, whatever column the card sits in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import NamedTuple, TypeVar

from jobtracker.domain import stage_roles as roles
from jobtracker.domain.insights_facts import STEPS, OutcomeGroup, Outcomes

#: where a card ends up: a closed role, or still under way
UNDER_WAY = "under_way"
ENDS = (roles.ACCEPTED, roles.REJECTED, roles.WITHDRAWN, roles.NO_RESPONSE, UNDER_WAY)
MICROSECONDS_A_DAY = 86_400_000_000
K = TypeVar("K")


def median(values: Sequence[float]) -> float | None:
    """The middle value, or the mean of the two middle ones (as ``statistics.median``,
    whose import brings fractions and decimal); None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def end_label(end: str) -> str:
    return "Still under way" if end == UNDER_WAY else roles.label(end)


class Segment(NamedTuple):
    """A part of the pipeline and the applications in it (to filter the board by)."""

    key: str
    label: str
    ids: tuple[int, ...]


class Flow(NamedTuple):
    """Applications whose furthest open step was ``step`` and that ended at ``end``."""

    step: str
    end: str
    ids: tuple[int, ...]


class Pipeline(NamedTuple):
    reached: tuple[Segment, ...]  # one per step, each counting those that got that far
    ended: tuple[Segment, ...]  # one per end with any application in it
    flows: tuple[Flow, ...]

    @property
    def sent(self) -> int:
        return len(self.reached[0].ids)


class ResponseGroup(NamedTuple):
    label: str
    sent: int
    answered: int
    median_days: float | None

    @property
    def rate(self) -> float | None:
        return self.answered / self.sent if self.sent else None


class Responses(NamedTuple):
    overall: ResponseGroup
    by_source: tuple[ResponseGroup, ...]
    by_excitement: tuple[ResponseGroup, ...]


def _end(role: str) -> str:
    return role if role in roles.CLOSED_ROLES else UNDER_WAY


def pipeline(found: Outcomes) -> Pipeline:
    """The funnel (reaching a step counts as passing the ones before it) and the flows
    from the furthest open step (an accepted offer flows from the offer) to the end."""
    grouped: dict[tuple[str, str], list[int]] = {}
    furthest: dict[str, list[int]] = {step: [] for step in STEPS}
    for (step_index, role), group in found.by_step_and_end.items():
        step = STEPS[step_index]
        furthest[step] += group.ids
        open_step = roles.OFFER if step == roles.ACCEPTED else step
        grouped.setdefault((open_step, _end(role)), []).extend(group.ids)
    reached = []
    beyond: list[int] = []
    for step in reversed(STEPS):  # those that got this far: here, or beyond it
        beyond = sorted(furthest[step] + beyond)
        reached.append(Segment(step, roles.label(step), tuple(beyond)))
    ended = []
    for end in ENDS:
        ids = sorted(i for step in STEPS[:-1] for i in grouped.get((step, end), []))
        if ids:
            ended.append(Segment(end, end_label(end), tuple(ids)))
    flows = [
        Flow(step, end, tuple(sorted(grouped[(step, end)])))
        for end in ENDS
        for step in STEPS[:-1]
        if (step, end) in grouped
    ]
    return Pipeline(tuple(reversed(reached)), tuple(ended), tuple(flows))


def responses(found: Outcomes) -> Responses:
    return Responses(
        _group("All applications", found.by_source.values()),
        _groups(found.by_source, lambda source: source.strip() or "Source not recorded"),
        _groups(found.by_excitement, _excitement_label),
    )


def _excitement_label(stars: int) -> str:
    return "Excitement not rated" if stars <= 0 else f"Excitement {stars} of 5"


def _group(label: str, members: Iterable[OutcomeGroup]) -> ResponseGroup:
    """Days from sending to the first answer (0 for an answer logged before it)."""
    sent = 0
    days = []
    for member in members:
        sent += len(member.ids)
        days += [max(0.0, wait / MICROSECONDS_A_DAY) for wait in member.waits]
    return ResponseGroup(label, sent, len(days), median(days))


def _groups(
    found: Mapping[K, OutcomeGroup], label: Callable[[K], str]
) -> tuple[ResponseGroup, ...]:
    """Groups by ``label`` of their key, the most applications first (then by name)."""
    labelled: dict[str, list[OutcomeGroup]] = {}
    for key, group in found.items():
        labelled.setdefault(label(key), []).append(group)
    groups = [_group(name, members) for name, members in labelled.items()]
    return tuple(sorted(groups, key=lambda g: (-g.sent, g.label.casefold())))
