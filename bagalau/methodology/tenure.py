"""Time in a position within an evaluated period (seed 002 p.5; SPEC §2).

p.5: "бағаланатын кезеңде нақты лауазымда болу мерзімі үш айдан кем болған жағдайда, оны
бағалау жүргізілмейді" — the time in THIS position WITHIN the evaluated period counts (a quarter
for KPI and differentiation, the year for the 360), not the total tenure.
"""

from __future__ import annotations

import datetime as dt

from bagalau.methodology.sjc2023 import months_after

ONE_DAY = dt.timedelta(days=1)


def months_in_position_within(
    start: dt.date, end: dt.date | None, period_start: dt.date, period_end: dt.date
) -> int:
    """Whole months the position was held inside the period: the position held from `start` to
    `end` (inclusive; None = still held), clipped to [period_start, period_end]. A month is
    counted from a day to the same day of the next month (1.10-31.12 is 3 months, 2.10-31.12 is
    2)."""
    first = max(start, period_start)
    last = period_end if end is None else min(end, period_end)
    if last < first:
        return 0
    months = 0
    while months_after(first, months + 1) <= last + ONE_DAY:
        months += 1
    return months


def held_long_enough(
    start: dt.date,
    end: dt.date | None,
    period_start: dt.date,
    period_end: dt.date,
    *,
    min_months: int,
) -> bool:
    """Whether the servant is evaluated for the period: at least `min_months` in the position
    within it (p.5: not evaluated under three months)."""
    return months_in_position_within(start, end, period_start, period_end) >= min_months
