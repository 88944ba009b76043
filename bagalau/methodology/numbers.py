"""Exact arithmetic for scores: Decimal in, Decimal out, half-up rounding exactly once (SPEC §9)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from math import floor

Exact = Decimal | Fraction | int


def to_fraction(value: Exact) -> Fraction:
    """An exact rational for an int, Decimal or Fraction (a Decimal converts without loss)."""
    return value if isinstance(value, Fraction) else Fraction(value)


def round_half_up(value: Exact, places: int) -> Decimal:
    """Round an exact value half away from zero to `places` decimals (SPEC §9)."""
    scaled = to_fraction(value) * 10**places
    magnitude = floor(abs(scaled) + Fraction(1, 2))
    digits = magnitude if scaled >= 0 else -magnitude
    return Decimal(digits).scaleb(-places).quantize(Decimal(1).scaleb(-places))


def truncate(value: Exact, places: int) -> Decimal:
    """Cut a non-negative exact value to `places` decimals (the KPI score proposal, SPEC §4.4)."""
    scaled = to_fraction(value) * 10**places
    if scaled < 0:
        raise ValueError("truncate() is defined for non-negative values only")
    return Decimal(floor(scaled)).scaleb(-places).quantize(Decimal(1).scaleb(-places))


def exact_mean(values: Iterable[Exact]) -> Fraction:
    """The arithmetic mean as an exact fraction, so the final rounding is the only one."""
    items = [to_fraction(v) for v in values]
    if not items:
        raise ValueError("the mean of no values is undefined")
    return sum(items, Fraction(0)) / len(items)


def decimal_places(value: Decimal) -> int:
    """How many decimals a Decimal carries after dropping trailing zeros (4.50 has 1).

    Works on the digits directly: normalize() would round in the default context and turn
    1E-1000030 into 0.
    """
    _sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):
        raise ValueError(f"{value} is not a finite number")
    if not any(digits):
        return 0
    trailing_zeros = next(i for i, digit in enumerate(reversed(digits)) if digit != 0)
    return max(0, -(exponent + trailing_zeros))
