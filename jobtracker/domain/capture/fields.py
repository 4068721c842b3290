"""A captured posting as the fields of a new application (what the review card shows)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from jobtracker.domain.capture.posting import CapturedPosting

#: the application fields a capture may fill, in the order the review lists them
CAPTURED_FIELDS = (
    "company", "role", "url", "location", "salary_text", "salary_min", "salary_max",
    "salary_currency", "deadline", "source", "description",
)  # fmt: skip
_TEXT_LIMIT = 500


def application_values(posting: CapturedPosting) -> dict[str, Any]:
    """The new application's fields; empty ones are left out so the form keeps its defaults."""
    low, high = posting.whole_salary()
    values: dict[str, Any] = {
        "company": posting.company[:_TEXT_LIMIT],
        "role": posting.role[:_TEXT_LIMIT],
        "url": posting.url,
        "location": posting.location_text[:_TEXT_LIMIT],
        "salary_text": posting.salary_text,
        "salary_min": low,
        "salary_max": high,
        "salary_currency": posting.salary_currency,
        "deadline": posting.valid_through,
        "source": site_name(posting.url),
        "description": posting.description,
    }
    return {name: value for name, value in values.items() if value not in ("", None)}


def site_name(url: str) -> str:
    """ "boards.greenhouse.io" for a Greenhouse link: where the posting was found."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")
