"""Loose values as job pages write them: dates in odd formats, salaries as text, labels."""

from __future__ import annotations

import re
from datetime import date, datetime

from jobtracker.domain.amounts import AmountError, parse_amount

_DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d.%m.%Y",
    "%m/%d/%Y",  # slashes: American order first, the day first where that cannot be
    "%d/%m/%Y",
    "%Y%m%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
)
_TIME_TAIL = re.compile(r"[T ]\d{1,2}:\d{2}.*$")

#: currency symbols and the ISO code they stand for on job pages
CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "CHF": "CHF"}
_CODES = "USD|EUR|GBP|CHF|CAD|AUD|NZD|SEK|NOK|DKK|PLN|CZK|JPY|INR|SGD|HKD"
_AMOUNT = r"(\d{1,3}(?:[,.\s]\d{3})+|\d+(?:[.,]\d+)?)\s*([kK])?"
_CURRENCY = rf"[$€£¥₹]|\b(?:{_CODES})\b"
_SALARY = re.compile(
    rf"(?P<pre>{_CURRENCY})?\s*{_AMOUNT}\s*(?P<mid>{_CURRENCY})?"
    rf"(?:\s*(?:-|–|—|to|bis)\s*(?P=pre)?\s*{_AMOUNT})?\s*(?P<post>{_CURRENCY})?",
    re.IGNORECASE,
)
_UNITS = {
    "hour": "hour", "hr": "hour", "hourly": "hour", "stunde": "hour",
    "day": "day", "daily": "day",
    "week": "week", "weekly": "week",
    "month": "month", "monthly": "month", "monat": "month",
    "year": "year", "yr": "year", "annum": "year", "annual": "year", "yearly": "year",
    "jahr": "year",
}  # fmt: skip
_UNIT_WORD = re.compile(r"\b(" + "|".join(_UNITS) + r")\b", re.IGNORECASE)

_EMPLOYMENT = {
    "FULL_TIME": "Full-time",
    "PART_TIME": "Part-time",
    "CONTRACTOR": "Contract",
    "TEMPORARY": "Temporary",
    "INTERN": "Internship",
    "VOLUNTEER": "Volunteer",
    "PER_DIEM": "Per diem",
    "OTHER": "Other",
}


def parse_date(value: object) -> date | None:
    """A date from ISO text (with or without a time and zone) or a few common local forms;
    None for anything else (a page's odd date never stops a capture)."""
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    bare = _TIME_TAIL.sub("", text).strip().rstrip(".")
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(bare, pattern).date()
        except ValueError:
            continue
    return None


def employment_label(value: object) -> str:
    """ "FULL_TIME" or ["FULL_TIME", "CONTRACTOR"] as "Full-time, Contract"."""
    values = value if isinstance(value, list) else [value]
    labels = []
    for item in values:
        if not isinstance(item, str) or not item.strip():
            continue
        key = item.strip().upper().replace("-", "_").replace(" ", "_")
        labels.append(_EMPLOYMENT.get(key, item.strip()))
    return ", ".join(dict.fromkeys(labels))


def unit_of(text: object) -> str:
    """ "YEAR", "per hour", "p.a." as year/hour/...; "" when unknown."""
    if not isinstance(text, str):
        return ""
    if re.search(r"\bp\.?\s?a\.?(?:\s|$)", text, re.IGNORECASE):
        return "year"
    found = _UNIT_WORD.search(text)
    return _UNITS[found.group(1).lower()] if found else ""


def amount(value: object) -> float | None:
    """An amount from a number or numeric text ("120000", "120,000", "19.50", "85k"), read
    as every other door reads amounts; None for anything else, a currency included (the
    posting names that in its own field)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if value >= 0 else None
    if isinstance(value, str):
        return _bare_number(value)
    return None


def _bare_number(text: str) -> float | None:
    try:
        read = parse_amount(text)
    except AmountError:
        return None
    return float(read.value) if read is not None and not read.currency else None


def salary_from_text(text: str) -> tuple[float | None, float | None, str, str]:
    """(min, max, currency, unit) from "$120,000 - $150,000 a year" or "€60k–75k p.a.";
    only figures that come with a currency or a thousands mark count as a salary."""
    for found in _SALARY.finditer(text):
        currency = found.group("pre") or found.group("mid") or found.group("post") or ""
        low = _bare_number(found.group(2) + (found.group(3) or ""))
        high = _bare_number(found.group(5) + (found.group(6) or "")) if found.group(5) else None
        if high is not None and found.group(6) is None and found.group(3):
            high = _bare_number(found.group(5) + "k")
        grouped = re.search(r"\d[,.\s]\d{3}", found.group(2)) is not None
        looks_like_money = bool(currency) or bool(found.group(3)) or grouped
        if low is None or not looks_like_money or (low < 1000 and not currency):
            continue
        code = CURRENCY_SYMBOLS.get(currency, currency.upper())
        return low, high if high is not None else low, code, unit_of(text[found.end() :][:40])
    return None, None, "", ""
