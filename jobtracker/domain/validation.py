"""Field checks that raise a ValidationError naming the field, before anything is written.

The limits themselves live in :mod:`limits`, shared with the importers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from jobtracker.domain import limits
from jobtracker.domain.errors import FieldsError, ValidationError, every_error
from jobtracker.domain.limits import LINE, TEXT, IntLimit, TextLimit

MAX_SHORT_TEXT = limits.MAX_LINE
MAX_LONG_TEXT = limits.MAX_TEXT
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
#: digits with the usual separators, an optional leading +, an optional extension
_PHONE = re.compile(r"^\+?[\d\s().\-/]+(\s*(ext\.?|x)\s*\d+)?$", re.IGNORECASE)
MIN_PHONE_DIGITS = 3
_WEB = re.compile(r"^(https?://|mailto:)\S+$", re.IGNORECASE)
_DOMAIN = re.compile(r"^[\w-]+(\.[\w-]+)+(:\d+)?(/\S*)?$")


def check_all(
    values: Mapping[str, Any], checks: Mapping[str, Callable[[Any], Any]]
) -> dict[str, Any]:
    """Each value through its check; every problem raised together as FieldsError
    (so a form shows them all in one pass), nothing half-checked returned."""
    cleaned: dict[str, Any] = {}
    problems: list[ValidationError] = []
    for name, value in values.items():
        try:
            cleaned[name] = checks[name](value)
        except ValidationError as exc:
            problems.extend(every_error(exc))
    if problems:
        raise FieldsError(problems)
    return cleaned


def required_text(field: str, value: object, limit: TextLimit | int = LINE) -> str:
    """Text that must not be empty; a bare length means one line of at most that many."""
    if isinstance(limit, int):
        limit = TextLimit(limit, single_line=True)
    text = optional_text(field, value, limit)
    if not text:
        raise ValidationError(field, "is required")
    return text


def optional_text(field: str, value: object, limit: TextLimit | int = TEXT) -> str:
    """The text stripped and cleaned of control characters (see :func:`limits.clean_line`);
    a bare length means text of many lines of at most that many characters."""
    if isinstance(limit, int):
        limit = TextLimit(limit, single_line=False)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(field, f"must be text, not {type(value).__name__}")
    text = limit.clean(value).strip()
    problem = limits.length_problem(text, limit.limit)
    if problem:
        raise ValidationError(field, problem)
    return text


def column_text(table: str, field: str, value: object, *, required: bool = False) -> str:
    """A text field held to its column's limit in :data:`limits.COLUMNS`."""
    limit = limits.COLUMNS.get(table, {}).get(field, TEXT)
    assert isinstance(limit, TextLimit), f"{table}.{field} is not a text column"
    return required_text(field, value, limit) if required else optional_text(field, value, limit)


def url(field: str, value: object) -> str:
    """A web or mail link; a bare "acme.com/jobs/1" gets https:// as import gives it."""
    text = optional_text(field, value, limits.URL)
    if not text:
        return text
    link = web_address(text)
    if link is None:
        raise ValidationError(field, f"{text!r} is not a web address (start it with https://)")
    if len(link) > limits.URL.limit:
        raise ValidationError(field, limits.length_problem(link, limits.URL.limit) or "")
    return link


def web_address(text: str) -> str | None:
    """``text`` as a link, https:// added to a bare domain; None when it is not one."""
    value = text.strip()
    if _WEB.match(value):
        return value
    if _DOMAIN.match(value):
        return f"https://{value}"
    return None


def email(field: str, value: object) -> str:
    text = optional_text(field, value, LINE)
    if text and not _EMAIL.match(text):
        raise ValidationError(field, f"{text!r} is not an email address")
    return text


def phone(field: str, value: object) -> str:
    """A phone number as people write it: "+49 30 1234567", "(555) 010-2030 ext. 12"."""
    text = optional_text(field, value, LINE)
    digits = sum(ch.isdigit() for ch in text)
    if text and (not _PHONE.match(text) or digits < MIN_PHONE_DIGITS):
        raise ValidationError(
            field, f"{text!r} is not a phone number (digits, spaces and + ( ) - . / only)"
        )
    return text


def color(field: str, value: object) -> str:
    text = optional_text(field, value, TextLimit(7, single_line=True))
    if not _COLOR.match(text):
        raise ValidationError(field, f"{text!r} is not a colour like #3d85c6")
    return text.lower()


def int_in_range(field: str, value: object, low: int, high: int) -> int:
    return whole_number(field, value, IntLimit(low, high))


def whole_number(field: str, value: object, limit: IntLimit) -> int:
    problem = limits.int_problem(value, limit.low, limit.high)
    if problem:
        raise ValidationError(field, problem)
    assert isinstance(value, int)
    return value


def optional_amount(field: str, value: object) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError(field, "must be a positive whole number or empty")
    return whole_number(field, value, limits.AMOUNT)


def one_of(field: str, value: object, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ValidationError(field, f"{value!r} is not one of: {', '.join(choices)}")
    return str(value)


def aware_datetime(field: str, value: object, *, optional: bool = False) -> datetime | None:
    if value is None and optional:
        return None
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise ValidationError(field, "must be a date and time with a time zone")
    _in_years(field, value)
    return value


def optional_date(field: str, value: object) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValidationError(field, "must be a date")
    _in_years(field, value)
    return value


def _in_years(field: str, value: date) -> None:
    problem = limits.year_problem(value)
    if problem:
        raise ValidationError(field, problem)
