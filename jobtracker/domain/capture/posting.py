"""The captured posting: what a page or a pasted text says about one job."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

#: where the fields came from, best first
SOURCES = ("json-ld", "microdata", "opengraph", "text")


@dataclass(frozen=True)
class CapturedPosting:
    """One job posting's fields, ready to pre-fill a new application for review.

    ``guesses`` names the fields read from loose text (a title split at " at ", a
    "Location:" line), which the person should check; ``notes`` says what the reader
    noticed (several postings on the page, a malformed JSON-LD block).
    """

    source: str
    company: str = ""
    role: str = ""
    location: str = ""
    remote: bool = False
    employment_type: str = ""
    salary_min: float | None = None
    salary_max: float | None = None
    salary_currency: str = ""
    salary_unit: str = ""
    date_posted: date | None = None
    valid_through: date | None = None
    url: str = ""
    description: str = ""
    guesses: frozenset[str] = field(default_factory=frozenset)
    notes: tuple[str, ...] = ()

    @property
    def salary_text(self) -> str:
        """The salary as a person reads it: "60,000-75,000 EUR a year"."""
        low, high = self.salary_min, self.salary_max
        if low is None or high is None:
            low = high = low if low is not None else high
        if low is None or high is None:
            return ""
        amount = _money(low) if low == high else f"{_money(low)}-{_money(high)}"
        unit = f" {'an' if self.salary_unit == 'hour' else 'a'} {self.salary_unit}"
        return f"{amount} {self.salary_currency}".strip() + (unit if self.salary_unit else "")

    @property
    def location_text(self) -> str:
        """The place, with "Remote" where the job is remote."""
        if self.remote:
            return f"Remote ({self.location})" if self.location else "Remote"
        return self.location

    def whole_salary(self) -> tuple[int | None, int | None]:
        """The salary range as whole amounts, as an application stores it."""
        low, high = self.salary_min, self.salary_max
        return (None if low is None else round(low), None if high is None else round(high))

    def with_url(self, url: str) -> CapturedPosting:
        return self if self.url else replace(self, url=url)

    def filled(self) -> list[str]:
        """The names of the fields that hold something (for messages and tests)."""
        names = ("company", "role", "location", "employment_type", "salary_min",
                 "salary_max", "date_posted", "valid_through", "description")  # fmt: skip
        return [name for name in names if getattr(self, name) not in ("", None)]


def _money(value: float) -> str:
    """120000 as "120,000", 19.5 as "19.50"."""
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
