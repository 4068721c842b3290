"""Cell values into application fields: salaries, links and ratings as people type them."""

from __future__ import annotations

import re

from jobtracker.domain.amounts import salary_range
from jobtracker.domain.validation import web_address
from jobtracker.text import fold

_SCHEME = re.compile(r"^https?://(www\.)?")


def parse_salary(text: str) -> tuple[int | None, int | None, str]:
    """(minimum, maximum, currency) read from "$120,000 - $140,000", "85k €", "60000 EUR"
    (see :func:`amounts.salary_range`); (None, None, "") for what it cannot read with
    confidence."""
    read = salary_range(text)
    if read is None:
        return None, None, ""
    low, high = read
    return low.whole, high.whole, low.currency


def normalize_url(text: str) -> str | None:
    """A web address, adding https:// to a bare "acme.com/jobs/1"; None when it is not one
    (the same reading as the details form's, :func:`validation.web_address`)."""
    return web_address(text)


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
