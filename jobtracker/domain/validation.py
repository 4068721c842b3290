"""Field checks that raise a ValidationError naming the field, before anything is written."""

from __future__ import annotations

import re
from datetime import date, datetime

from jobtracker.domain.errors import ValidationError

MAX_SHORT_TEXT = 500
MAX_LONG_TEXT = 200_000
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def required_text(field: str, value: object, limit: int = MAX_SHORT_TEXT) -> str:
    text = optional_text(field, value, limit)
    if not text:
        raise ValidationError(field, "is required")
    return text


def optional_text(field: str, value: object, limit: int = MAX_LONG_TEXT) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(field, f"must be text, not {type(value).__name__}")
    text = value.strip()
    if len(text) > limit:
        raise ValidationError(field, f"is {len(text):,} characters long; the limit is {limit:,}")
    return text


def url(field: str, value: object) -> str:
    text = optional_text(field, value, MAX_SHORT_TEXT * 4)
    if text and not re.match(r"^(https?://|mailto:)\S+$", text, re.IGNORECASE):
        raise ValidationError(field, f"{text!r} is not a web address (start it with https://)")
    return text


def email(field: str, value: object) -> str:
    text = optional_text(field, value, MAX_SHORT_TEXT)
    if text and not _EMAIL.match(text):
        raise ValidationError(field, f"{text!r} is not an email address")
    return text


def color(field: str, value: object) -> str:
    text = optional_text(field, value, 7)
    if not _COLOR.match(text):
        raise ValidationError(field, f"{text!r} is not a colour like #3d85c6")
    return text.lower()


def int_in_range(field: str, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, f"must be a whole number from {low} to {high}")
    if not low <= value <= high:
        raise ValidationError(field, f"must be from {low} to {high}, not {value}")
    return value


def optional_amount(field: str, value: object) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError(field, "must be a positive whole number or empty")
    return value


def one_of(field: str, value: object, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ValidationError(field, f"{value!r} is not one of: {', '.join(choices)}")
    return str(value)


def aware_datetime(field: str, value: object, *, optional: bool = False) -> datetime | None:
    if value is None and optional:
        return None
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise ValidationError(field, "must be a date and time with a time zone")
    return value


def optional_date(field: str, value: object) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValidationError(field, "must be a date")
    return value
