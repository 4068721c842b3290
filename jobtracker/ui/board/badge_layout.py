"""Where a card's badges go: whole badges, in priority order, wrapping onto the lines the
card's density gives; what does not fit is left out from the least important end.

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
