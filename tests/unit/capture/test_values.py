"""Loose values: dates in odd formats, salaries written as text, titles split."""

from __future__ import annotations

from datetime import date

import pytest

from jobtracker.domain.capture.title import split_title
from jobtracker.domain.capture.values import amount, parse_date, salary_from_text


@pytest.mark.parametrize(
    "text",
    ["2024-05-03", "2024-05-03T10:00:00Z", "2024-05-03T10:00:00.000+02:00", "03.05.2024",
     "May 3, 2024", "3 May 2024", "2024/05/03", "20240503", "05/03/2024 09:00"],
)  # fmt: skip
def test_dates_in_the_forms_pages_use(text: str) -> None:
    assert parse_date(text) == date(2024, 5, 3)


@pytest.mark.parametrize("value", ["", "soon", "32.13.2024", None, 5, {"a": 1}])
def test_what_is_no_date_is_none(value: object) -> None:
    assert parse_date(value) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$120,000 - $150,000 a year", (120000, 150000, "USD", "year")),
        ("€60k–75k p.a.", (60000, 75000, "EUR", "year")),
        ("55.000 € - 70.000 € pro Jahr", (55000, 70000, "EUR", "year")),
        ("GBP 30,000 to 35,000", (30000, 35000, "GBP", "")),
        ("USD 25 per hour", (25, 25, "USD", "hour")),
        ("Team of 12, founded 2019", (None, None, "", "")),
    ],
)
def test_salaries_written_as_text(text: str, expected: tuple[object, ...]) -> None:
    assert salary_from_text(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(120000, 120000.0), ("120,000", 120000.0), ("19.50", 19.5), ("85k", 85000.0),
     ("80.000,50", 80000.5), ("50 000", 50000.0), ("1,25", 1.25), ("$5", None),
     ("-5", None), ("soon", None), (True, None), (None, None)],
)  # fmt: skip
def test_posting_amounts_read_as_the_details_form_reads_them(
    value: object, expected: float | None
) -> None:
    assert amount(value) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Backend Engineer at Acme | Careers", ("Backend Engineer", "Acme")),
        ("Backend Engineer - Acme", ("Backend Engineer", "Acme")),
        ("Staff Data Engineer @ Initrode", ("Staff Data Engineer", "Initrode")),
        ("Jobs", ("", "")),
        ("Nurse", ("Nurse", "")),
    ],
)
def test_titles_split_into_role_and_company(title: str, expected: tuple[str, str]) -> None:
    assert split_title(title) == expected
