"""A schema.org ``JobPosting`` (from JSON-LD or microdata, as plain dicts) read into a
:class:`CapturedPosting`, forgiving the shapes real pages use: objects or plain text,
single values or arrays, nested organisations, salaries as ``MonetaryAmount`` or text."""

from __future__ import annotations

import html
from typing import Any

from jobtracker.domain.capture.html_text import html_to_text
from jobtracker.domain.capture.posting import CapturedPosting
from jobtracker.domain.capture.values import (
    amount,
    employment_label,
    parse_date,
    salary_from_text,
    unit_of,
)


def is_job_posting(item: object) -> bool:
    if not isinstance(item, dict):
        return False
    kind = item.get("@type", item.get("type", ""))
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1] == "JobPosting" for k in kinds)


def text_of(value: object) -> str:
    """The readable text of a value: a string, an object's name, or an array's first."""
    if isinstance(value, list):
        return next((t for t in map(text_of, value) if t), "")
    if isinstance(value, dict):
        return text_of(value.get("name") or value.get("@value") or value.get("value") or "")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return html.unescape(value).strip() if isinstance(value, str) else ""


def _as_list(value: object) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _place(value: object) -> str:
    """ "Berlin, Germany" from a Place, a PostalAddress or plain text."""
    if isinstance(value, str):
        return html.unescape(value).strip()
    if not isinstance(value, dict):
        return ""
    address = value.get("address", value)
    if isinstance(address, str):
        return html.unescape(address).strip()
    if not isinstance(address, dict):
        return text_of(value)
    parts = [text_of(address.get(key)) for key in
             ("addressLocality", "addressRegion", "addressCountry")]  # fmt: skip
    joined = ", ".join(dict.fromkeys(p for p in parts if p))
    return joined or text_of(value)


def _location(posting: dict[str, Any]) -> tuple[str, bool]:
    places = [_place(p) for p in _as_list(posting.get("jobLocation"))]
    location = "; ".join(dict.fromkeys(p for p in places if p))
    kinds = [text_of(k).upper() for k in _as_list(posting.get("jobLocationType"))]
    remote = any("TELECOMMUTE" in k or "REMOTE" in k for k in kinds)
    if remote and not location:
        regions = [_place(r) for r in _as_list(posting.get("applicantLocationRequirements"))]
        location = ", ".join(dict.fromkeys(r for r in regions if r))
    return location, remote


def _salary(posting: dict[str, Any]) -> tuple[float | None, float | None, str, str]:
    for salary in _as_list(posting.get("baseSalary")) + _as_list(posting.get("estimatedSalary")):
        if isinstance(salary, str):
            found = salary_from_text(html.unescape(salary))
            if found[0] is not None:
                return found
            continue
        if not isinstance(salary, dict):
            continue
        currency = text_of(salary.get("currency")).upper()
        value = salary.get("value", salary)
        unit = unit_of(text_of(salary.get("unitText")))
        if isinstance(value, dict):
            unit = unit_of(text_of(value.get("unitText"))) or unit
            low = amount(value.get("minValue", value.get("value")))
            high = amount(value.get("maxValue", value.get("value")))
        elif isinstance(value, str) and amount(value) is None:
            low, high, found_currency, found_unit = salary_from_text(html.unescape(value))
            currency, unit = currency or found_currency, unit or found_unit
        else:
            low = high = amount(value)
        if low is not None or high is not None:
            return low, high if high is not None else low, currency, unit
    return None, None, "", ""


def _description(value: object) -> str:
    """Readable text from the description's HTML, which some boards escape twice."""
    raw = value if isinstance(value, str) else text_of(value)
    if "&lt;" in raw and "<" not in raw:
        raw = html.unescape(raw)
    return html_to_text(raw)


def read_job_posting(posting: dict[str, Any], source: str) -> CapturedPosting:
    """The fields of one JobPosting object; missing or malformed ones stay empty."""
    location, remote = _location(posting)
    low, high, currency, unit = _salary(posting)
    organisation = posting.get("hiringOrganization") or posting.get("hiringorganization")
    return CapturedPosting(
        source=source,
        company=text_of(organisation),
        role=text_of(posting.get("title") or posting.get("name")),
        location=location,
        remote=remote,
        employment_type=employment_label(posting.get("employmentType")),
        salary_min=low,
        salary_max=high,
        salary_currency=currency,
        salary_unit=unit,
        date_posted=parse_date(posting.get("datePosted")),
        valid_through=parse_date(posting.get("validThrough")),
        url=text_of(posting.get("url")),
        description=_description(posting.get("description", "")),
    )
