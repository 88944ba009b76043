"""Rating bands: intervals of a score scale, each with a code and a label (SPEC §4.2, §5, §6)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from bagalau.methodology.labels import Label

_INTERVAL = re.compile(
    r"^\s*(?P<open>[\[(])\s*(?P<low>-inf|-?\d+(?:\.\d+)?)\s*,"
    r"\s*(?P<high>\+inf|-?\d+(?:\.\d+)?)\s*(?P<close>[\])])\s*$"
)


@dataclass(frozen=True, slots=True)
class Band:
    """One interval of a scale; `low`/`high` None means unbounded."""

    code: str
    label: Label
    low: Decimal | None
    low_inclusive: bool
    high: Decimal | None
    high_inclusive: bool
    points: int | None = None

    def contains(self, value: Decimal) -> bool:
        """Whether `value` lies in this interval."""
        if self.low is not None and (
            value < self.low or (value == self.low and not self.low_inclusive)
        ):
            return False
        return not (
            self.high is not None
            and (value > self.high or (value == self.high and not self.high_inclusive))
        )

    @property
    def interval(self) -> str:
        """The interval in the notation of the data files, e.g. ``[3.00, 4.00)``."""
        low = "-inf" if self.low is None else str(self.low)
        high = "+inf" if self.high is None else str(self.high)
        opening = "[" if self.low_inclusive else "("
        closing = "]" if self.high_inclusive else ")"
        return f"{opening}{low}, {high}{closing}"


def parse_interval(text: str) -> tuple[Decimal | None, bool, Decimal | None, bool]:
    """Parse ``[3.00, 4.00)``-style notation into bounds and inclusivity."""
    match = _INTERVAL.match(text)
    if match is None:
        raise ValueError(f"not an interval: {text!r}")
    low = None if match["low"] == "-inf" else Decimal(match["low"])
    high = None if match["high"] == "+inf" else Decimal(match["high"])
    return (
        low,
        match["open"] == "[" and low is not None,
        high,
        match["close"] == "]" and high is not None,
    )


@dataclass(frozen=True, slots=True)
class BandScale:
    """Bands ordered from the lowest up; together they cover the scale with no gap or overlap."""

    code: str
    bands: tuple[Band, ...]

    def __post_init__(self) -> None:
        problems = self.coverage_problems()
        if problems:
            raise ValueError(f"scale {self.code}: " + "; ".join(problems))

    def coverage_problems(self) -> list[str]:
        """Gaps or overlaps between consecutive bands (empty when the scale is sound)."""
        problems = []
        for lower, upper in zip(self.bands, self.bands[1:], strict=False):
            if lower.high is None or upper.low is None or lower.high != upper.low:
                problems.append(f"{lower.code} and {upper.code} do not meet")
            elif lower.high_inclusive == upper.low_inclusive:
                kind = "overlap" if lower.high_inclusive else "leave a gap"
                problems.append(f"{lower.code} and {upper.code} {kind} at {lower.high}")
        return problems

    @property
    def minimum(self) -> Decimal | None:
        """The lowest value of the scale (None when unbounded)."""
        return self.bands[0].low

    @property
    def maximum(self) -> Decimal | None:
        """The highest value of the scale (None when unbounded)."""
        return self.bands[-1].high

    def band_for(self, value: Decimal) -> Band:
        """The band that contains `value`; ValueError outside the scale."""
        for band in self.bands:
            if band.contains(value):
                return band
        raise ValueError(f"{value} lies outside the scale {self.code}")

    def by_code(self, code: str) -> Band:
        """The band with this code."""
        for band in self.bands:
            if band.code == code:
                return band
        raise KeyError(code)
