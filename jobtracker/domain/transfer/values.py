"""Cell values into application fields: salaries, links and ratings as people type them."""

from __future__ import annotations

import re

from jobtracker.domain.limits import MAX_AMOUNT
from jobtracker.text import fold

_CURRENCIES = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "chf": "CHF"}
_CODES = ("USD", "EUR", "GBP", "CHF", "CAD", "AUD", "SEK", "NOK", "DKK", "PLN", "JPY", "INR")
_AMOUNT = re.compile(r"(\d{1,3}(?:[,.' ]\d{3})+|\d+(?:[.,]\d+)?)\s*([kK])?")
_DOMAIN = re.compile(r"^[\w-]+(\.[\w-]+)+(/\S*)?$")
_WEB = re.compile(r"^(https?://|mailto:)\S+$", re.IGNORECASE)
_SCHEME = re.compile(r"^https?://(www\.)?")
_SEPARATORS = re.compile(r"[,.' ]")


def parse_salary(text: str) -> tuple[int | None, int | None, str]:
    """(minimum, maximum, currency) read from "$120,000 - $140,000", "85k €", "60000 EUR";
    (None, None, "") for what it cannot read with confidence."""
    amounts = []
    for number, thousands in _AMOUNT.findall(text):
        digits = _SEPARATORS.sub("", number) if len(number) > 4 else number.replace(",", ".")
        try:
            value = float(digits)
        except ValueError:
            return None, None, ""
        amounts.append(int(value * 1000) if thousands else int(value))
    if not amounts or len(amounts) > 2 or any(not 1000 <= a <= MAX_AMOUNT for a in amounts):
        return None, None, ""
    low, high = amounts[0], amounts[-1]
    if low > high:
        return None, None, ""
    return low, high, _currency(text)


def _currency(text: str) -> str:
    lowered = text.lower()
    for symbol, code in _CURRENCIES.items():
        if symbol in lowered:
            return code
    upper = text.upper()
    return next((code for code in _CODES if code in upper), "")


def normalize_url(text: str) -> str | None:
    """A web address, adding https:// to a bare "acme.com/jobs/1"; None when it is not one."""
    value = text.strip()
    if _WEB.match(value):
        return value
    if _DOMAIN.match(value):
        return f"https://{value}"
    return None


def parse_excitement(text: str) -> int | None:
    """0-5 from "4", "4/5" or "★★★★"; None when it is none of those."""
    value = text.strip()
    if value and set(value) <= {"★", "☆"}:
        return value.count("★")
    match = re.match(r"^(\d)(?:\s*/\s*5)?$", value)
    if match and int(match[1]) <= 5:
        return int(match[1])
    return None


def fast_fold(text: str) -> str:
    """``fold`` with a shortcut for plain ASCII, where folding is lower-casing."""
    return text.lower() if text.isascii() else fold(text)


def duplicate_key(company: str, role: str, url: str) -> tuple[str, str, str]:
    """What makes two applications the same: company, role and link, folded."""
    link = _SCHEME.sub("", url.strip().lower()).rstrip("/")
    return fast_fold(company.strip()), fast_fold(role.strip()), link
