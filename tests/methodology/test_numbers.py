"""Exact rounding (SPEC §9): half-up once, truncation of the KPI proposal, exact means."""

from decimal import Decimal as D
from fractions import Fraction as F

import pytest

from bagalau.methodology.numbers import decimal_places, exact_mean, round_half_up, truncate


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (D("4.005"), 2, "4.01"),  # half-even would give 4.00
        (D("4.015"), 2, "4.02"),
        (D("2.125"), 2, "2.13"),  # half-even 2.12
        (D("3.25"), 1, "3.3"),  # half-even 3.2
        (D("3.35"), 1, "3.4"),
        (D("4.0049999"), 2, "4.00"),
        (F(10, 3), 2, "3.33"),
        (F(20, 3), 2, "6.67"),
        (F(1, 8), 2, "0.13"),  # 0.125 -> half-up
        (F(-1, 8), 2, "-0.13"),  # away from zero
        (5, 2, "5.00"),
        (0, 2, "0.00"),
        (D("108.75"), 2, "108.75"),
    ],
    ids=lambda v: str(v),
)
def test_round_half_up(value, places, expected):
    result = round_half_up(value, places)
    assert str(result) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("4.9995"), "4.99"),
        (F(9999, 2000), "4.99"),
        (D("4.85"), "4.85"),
        (0, "0.00"),
        (D("0.2495"), "0.24"),
        (F(1, 3), "0.33"),
    ],
    ids=lambda v: str(v),
)
def test_truncate_cuts_towards_zero(value, expected):
    assert str(truncate(value, 2)) == expected


def test_truncate_refuses_negative_values():
    with pytest.raises(ValueError, match="non-negative"):
        truncate(D("-1"), 2)


def test_exact_mean_keeps_thirds_exact_until_the_final_rounding():
    assert exact_mean([D("4.01"), D("4.00"), D("4.00")]) == F(1201, 300)
    with pytest.raises(ValueError, match="no values"):
        exact_mean([])


@pytest.mark.parametrize(
    ("value", "places"), [(D("4.50"), 1), (D("4"), 0), (D("4.125"), 3), (D("100.00"), 0)]
)
def test_decimal_places_ignores_trailing_zeros(value, places):
    assert decimal_places(value) == places
