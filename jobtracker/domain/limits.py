"""The limits every stored value is held to, whatever door it comes in by.

The window's forms, the command line, CSV import and JSON import all check values here, so a
value one door accepts another can read back, export and import again. Each check returns
the problem in words (or None); :mod:`validation` turns it into a ValidationError naming the
field, the importers into a message naming the row and column.

Text is cleaned rather than refused where cleaning loses nothing a person meant: a line
break or an escape sequence in a company name becomes a space or goes, but an over-long
value is refused, because cutting it would lose what was typed.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date
from typing import NamedTuple

from jobtracker.store.instants import MAX_YEAR, MIN_YEAR

MAX_LINE = 500
MAX_TEXT = 200_000
#: SQLite stores integers in 64 bits
SQLITE_MIN_INT = -(2**63)
SQLITE_MAX_INT = 2**63 - 1
#: a salary or other amount of money
MAX_AMOUNT = 10**12
#: a stored setting: its JSON text and how deep it nests
MAX_SETTING_CHARS = 100_000
MAX_JSON_DEPTH = 20

#: control characters a person cannot have meant in one line: line and paragraph breaks,
#: tabs, NUL, escape sequences, DEL and the C1 controls
_BREAKS = re.compile(r"[\t\n\v\f\r\x1c-\x1f\x85\u2028\u2029]+")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_BLOCK_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
_LINE_ENDS = re.compile(r"\r\n?|[\x85\u2028\u2029]")


def clean_line(text: str) -> str:
    """One line of text: breaks and tabs become a space, other control characters go.
    Printable text (most of it: no control character, no break) is already clean."""
    if text.isprintable():
        return text
    return _CONTROLS.sub("", _BREAKS.sub(" ", text))


def clean_block(text: str) -> str:
    """Multi-line text: line ends as ``\\n``, tabs kept, other control characters gone."""
    if text.isprintable():
        return text
    return _BLOCK_CONTROLS.sub("", _LINE_ENDS.sub("\n", text))


def length_problem(text: str, limit: int) -> str | None:
    if len(text) > limit:
        return f"is {len(text):,} characters long; the limit is {limit:,}"
    return None


def int_problem(value: object, low: int = SQLITE_MIN_INT, high: int = SQLITE_MAX_INT) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return f"must be a whole number from {low:,} to {high:,}"
    if not low <= value <= high:
        shown = f"{value:,}" if abs(value) < 10**30 else "a number that long"
        return f"must be from {low:,} to {high:,}, not {shown}"
    return None


def float_problem(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "must be a number"
    if isinstance(value, int) and int_problem(value):
        return int_problem(value)
    if not math.isfinite(value):
        return "must be a finite number"
    return None


def year_problem(when: date) -> str | None:
    """Dates (and instants) outside the years a job search can mean."""
    if not MIN_YEAR <= when.year <= MAX_YEAR:
        return f"{when.isoformat()[:10]} is outside the years {MIN_YEAR} to {MAX_YEAR}"
    return None


def json_problem(text: str) -> str | None:
    """A setting's stored text: JSON, not too long, not too deep."""
    if len(text) > MAX_SETTING_CHARS:
        return f"is {len(text):,} characters long; the limit is {MAX_SETTING_CHARS:,}"
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return "is not valid JSON"
    return _json_value_problem(value, 0)


def _json_value_problem(value: object, depth: int) -> str | None:
    if depth > MAX_JSON_DEPTH:
        return f"nests deeper than {MAX_JSON_DEPTH} levels"
    if isinstance(value, int) and not isinstance(value, bool):
        return int_problem(value)
    if isinstance(value, float):
        return float_problem(value)
    if isinstance(value, str):
        return "contains a NUL character" if "\x00" in value else None
    children = list(value.items()) if isinstance(value, dict) else value
    if isinstance(children, list):
        for child in children:
            for part in child if isinstance(child, tuple) else (child,):
                problem = _json_value_problem(part, depth + 1)
                if problem:
                    return problem
    return None


class TextLimit(NamedTuple):
    """A text column: one line or many, and its longest length (a named tuple: the
    window's start loads this module and no dataclass machinery)."""

    limit: int
    single_line: bool

    def clean(self, text: str) -> str:
        return clean_line(text) if self.single_line else clean_block(text)


class IntLimit(NamedTuple):
    low: int = SQLITE_MIN_INT
    high: int = SQLITE_MAX_INT


LINE = TextLimit(MAX_LINE, single_line=True)
TEXT = TextLimit(MAX_TEXT, single_line=False)
STAGE_NAME = TextLimit(60, single_line=True)
#: a tag reads as a chip on a card: a word or two
TAG_NAME = TextLimit(40, single_line=True)
PERSON_NAME = TextLimit(200, single_line=True)
PHONE = TextLimit(60, single_line=True)
SIGNATURE = TextLimit(2000, single_line=False)
URL = TextLimit(2000, single_line=True)
EXCITEMENT = IntLimit(0, 5)
AMOUNT = IntLimit(0, MAX_AMOUNT)
#: an interview's length in minutes
DURATION = IntLimit(5, 24 * 60)
ROW_ID = IntLimit(1, SQLITE_MAX_INT)

#: per table and column, where the column's type alone does not say enough (other text
#: columns are multi-line text, other integers 64-bit); every door uses these
COLUMNS: dict[str, dict[str, TextLimit | IntLimit]] = {
    "stage": {"name": STAGE_NAME, "kind": LINE, "color": LINE, "position": IntLimit(0, 10_000)},
    "application": {
        "company": LINE, "role": LINE, "url": URL, "location": LINE, "salary_text": LINE,
        "salary_currency": LINE, "source": LINE, "excitement": EXCITEMENT,
        "salary_min": AMOUNT, "salary_max": AMOUNT,
    },
    "contact": {
        "name": LINE, "title": LINE, "company": LINE, "email": LINE, "phone": LINE, "url": URL,
    },
    "application_contact": {"role": LINE},
    "interview": {"title": LINE, "kind": LINE, "location": LINE, "duration_minutes": DURATION},
    "activity": {"kind": LINE},
    "reminder": {
        "rule_key": LINE, "anchor": LINE, "reason": LINE, "template_key": LINE,
        "priority": IntLimit(0, 100),
    },
    "draft": {"template_key": LINE, "subject": LINE},
    "setting": {"key": LINE},
    "tag": {"name": TAG_NAME, "color": LINE},
}  # fmt: skip
