"""The insights' median is the one ``statistics`` gives, to the last bit."""

from __future__ import annotations

import statistics

from hypothesis import given
from hypothesis import strategies as st

from jobtracker.domain.insights_outcomes import median


@given(st.lists(st.floats(allow_nan=False, allow_infinity=False, width=64), min_size=1))
def test_median_is_statistics_median(values: list[float]) -> None:
    assert median(values) == statistics.median(values)


def test_median_of_nothing_is_none() -> None:
    assert median([]) is None


def test_median_of_an_even_count_is_the_mean_of_the_middle_two() -> None:
    assert median([4.0, 1.0, 3.0, 10.0]) == 3.5
    assert median([2.0, 1.0, 3.0]) == 2.0
