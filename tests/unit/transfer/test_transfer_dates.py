"""Dates: ISO, US and European forms; day and month never guessed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from jobtracker.domain.transfer.dates import (
    CONFLICT,
    DMY,
    MDY,
    DateProblemError,
    decide_order,
    parse_date,
)


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("2025-03-04", None, datetime(2025, 3, 4, 12, tzinfo=UTC)),
        ("2025-03-04T10:15:00.000Z", None, datetime(2025, 3, 4, 10, 15, tzinfo=UTC)),
        ("2025-03-04T10:15:00+02:00", None, datetime(2025, 3, 4, 8, 15, tzinfo=UTC)),
        ("2025-03-04T00:00:00.000Z", None, datetime(2025, 3, 4, 12, tzinfo=UTC)),
        ("2025/3/4", None, datetime(2025, 3, 4, 12, tzinfo=UTC)),
        ("03/04/2025", MDY, datetime(2025, 3, 4, 12, tzinfo=UTC)),
        ("03/04/2025", DMY, datetime(2025, 4, 3, 12, tzinfo=UTC)),
        ("3/14/25", None, datetime(2025, 3, 14, 12, tzinfo=UTC)),
        ("14/3/2025", None, datetime(2025, 3, 14, 12, tzinfo=UTC)),
        ("04.03.2025", None, datetime(2025, 3, 4, 12, tzinfo=UTC)),
        ("05/05/2025", None, datetime(2025, 5, 5, 12, tzinfo=UTC)),
        ("3/4/2025 2:30 PM", MDY, datetime(2025, 3, 4, 14, 30, tzinfo=UTC)),
        ("Mar 4, 2025", None, datetime(2025, 3, 4, 12, tzinfo=UTC)),
        ("4 March 2025", None, datetime(2025, 3, 4, 12, tzinfo=UTC)),
    ],
)
def test_formats(text: str, order: str | None, expected: datetime) -> None:
    assert parse_date(text, order) == expected


@pytest.mark.parametrize(
    ("text", "order", "message"),
    [
        ("03/04/2025", None, "could be 3 April or 4 March"),
        ("2025-02-30", None, "not a real date"),
        ("31/04/2025", None, "not a real date"),
        ("13/13/2025", None, "not a real date"),
        ("13/04/2025", MDY, "day-first, unlike the column's month-first dates"),
        ("yesterday", None, "not a date jobtracker understands"),
        ("Smarch 4, 2025", None, "not a month name"),
    ],
)
def test_problems_are_reported_not_guessed(text: str, order: str | None, message: str) -> None:
    with pytest.raises(DateProblemError, match=message):
        parse_date(text, order)


def test_the_column_decides_the_order() -> None:
    assert decide_order(["03/04/2025", "13/04/2025", ""]) == DMY
    assert decide_order(["03/04/2025", "04/13/2025"]) == MDY
    assert decide_order(["03/04/2025", "2025-01-01", "04.05.2025"]) is None
    assert decide_order(["13/04/2025", "04/13/2025"]) == CONFLICT
