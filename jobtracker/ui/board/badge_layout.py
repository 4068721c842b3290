"""Where a card's badges go: whole badges, in priority order, wrapping onto the lines the
card's density gives; what does not fit is left out from the least important end.

With two lines, where the card stands in time (overdue, interview, follow-up, days in the
stage) takes the first line and what the job is (place, stars, documents, tags) the
second, whenever that shows as many badges as wrapping would: every card then reads the
same way, and a card whose badges would fit one line does not keep an empty second one.

No badge is ever shortened: a cut word ("Follow up Mon 0…") says less than a badge left
out, which the card's tooltip and accessible description still carry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from typing import NamedTuple

from jobtracker.ui.board.card_text import Badge


class Density(Enum):
    """How many lines of badges a card has room for."""

    COMFORTABLE = "comfortable"
    COMPACT = "compact"

    @property
    def badge_lines(self) -> int:
        return 2 if self is Density.COMFORTABLE else 1

    @property
    def label(self) -> str:
        return self.value.capitalize()


DEFAULT_DENSITY = Density.COMFORTABLE


def density_named(value: object) -> Density:
    """The density stored under ``value``; the default for anything else."""
    for density in Density:
        if density.value == value:
            return density
    return DEFAULT_DENSITY


class PlacedBadge(NamedTuple):
    """A badge and its place: ``line`` from 0, ``x`` from the start of the line."""

    badge: Badge
    line: int
    x: int
    width: int


def place_badges(
    items: Sequence[Badge], width_of: Callable[[str], int], room: int, lines: int, gap: int
) -> list[PlacedBadge]:
    """Lay ``items`` over ``lines`` lines of ``room`` pixels, ``gap`` apart: the time line
    and the facts line when there are two lines and that shows no fewer badges than
    :func:`wrap_badges`, else wrapped. Either way the most important badges, in order."""
    wrapped = wrap_badges(items, width_of, room, lines, gap)
    split = next((n for n, badge in enumerate(items) if badge.fact), len(items))
    if lines < 2 or split in (0, len(items)):
        return wrapped
    when = wrap_badges(items[:split], width_of, room, 1, gap)
    if len(when) < split:  # the times need both lines
        return wrapped
    facts = wrap_badges(items[split:], width_of, room, lines - 1, gap)
    lined = when + [p._replace(line=p.line + 1) for p in facts]
    return lined if len(lined) >= len(wrapped) else wrapped


def wrap_badges(
    items: Sequence[Badge], width_of: Callable[[str], int], room: int, lines: int, gap: int
) -> list[PlacedBadge]:
    """Lay ``items`` left to right over ``lines`` lines of ``room`` pixels, ``gap`` apart.

    Stops at the first badge with no room left: what is shown is always the most important
    badges, and a narrower card only ever loses badges from the end (greedy filling of
    ordered items uses the fewest lines, so it never needs more on a wider card).
    """
    placed: list[PlacedBadge] = []
    line, x = 0, 0
    for badge in items:
        width = width_of(badge.text)
        if x > 0 and x + width > room:
            line, x = line + 1, 0
        if line >= lines or width > room:
            break
        placed.append(PlacedBadge(badge, line, x, width))
        x += width + gap
    return placed
