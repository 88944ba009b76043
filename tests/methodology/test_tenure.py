"""Time in the position within the evaluated period (seed 002 p.5), computed by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from bagalau.methodology.tenure import held_long_enough, months_in_position_within

YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
D = dt.date


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        pytest.param(D(2015, 3, 1), None, 12, id="long-serving: the whole year"),
        pytest.param(D(2026, 11, 3), None, 1, id="appointed in November: 1 month"),
        pytest.param(D(2026, 10, 1), None, 3, id="appointed 1 October: exactly 3"),
        pytest.param(D(2026, 10, 2), None, 2, id="appointed 2 October: 2 months and a bit"),
        pytest.param(D(2020, 1, 1), D(2026, 3, 31), 3, id="left on 31 March: 3"),
        pytest.param(D(2020, 1, 1), D(2026, 3, 30), 2, id="left on 30 March: 2"),
        pytest.param(D(2027, 1, 5), None, 0, id="appointed after the year"),
        pytest.param(D(2010, 1, 1), D(2025, 12, 31), 0, id="left before the year"),
        pytest.param(D(2026, 5, 15), D(2026, 9, 14), 4, id="inside the year: 15.05-14.09"),
    ],
)
def test_months_in_the_position_within_the_year(start, end, months):
    assert months_in_position_within(start, end, *YEAR) == months


def test_the_three_month_rule_of_p5_for_the_year():
    assert held_long_enough(D(2026, 10, 1), None, *YEAR, min_months=3)
    assert not held_long_enough(D(2026, 11, 16), None, *YEAR, min_months=3)
    # Total tenure does not count: ten years in the post, but it ended on 15 February.
    assert not held_long_enough(D(2016, 1, 1), D(2026, 2, 15), *YEAR, min_months=3)
