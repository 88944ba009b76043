"""Time in a position within a period, in calendar months (seed 002 p.5; SPEC §2).

"бағаланатын кезеңде нақты лауазымда болу мерзімі үш айдан кем" — less than three months in the
position *within the evaluated period*: the quarter for the KPI and differentiation evaluations,
the year for the 360 survey. Pure date arithmetic, shared by every method that applies the rule.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from bagalau.methodology.timing import months_after

ONE_DAY = dt.timedelta(days=1)

#: How an edition counts the months of p.5: inside the evaluated period (seed 002), or the total
#: time in the position up to the period's end (the 2018 texts' wording).
Counted = Literal["within_period", "in_post"]


def held_within(
    start: dt.date, end: dt.date | None, period_start: dt.date, period_end: dt.date
) -> tuple[dt.date, dt.date] | None:
    """The first and last day the position (held from `start` to `end`, both included; `end`
    None while still held) was held inside the period; None when not at all."""
    first = max(start, period_start)
    last = period_end if end is None else min(end, period_end)
    return (first, last) if first <= last else None


def months_in_position_within(
    start: dt.date, end: dt.date | None, period_start: dt.date, period_end: dt.date
) -> int:
    """Whole calendar months the position was held within the period: the largest n such that
    n months after the first day held fall no later than the day after the last day held.

    A quarter held from its first to its last day is 3 months (1 January + 3 months = 1 April,
    the day after 31 March); appointed on 2 January, or dismissed on 5 April for the second
    quarter, it is less (2 and 0 months)."""
    held = held_within(start, end, period_start, period_end)
    if held is None:
        return 0
    first, last = held
    limit = last + ONE_DAY
    months = (limit.year - first.year) * 12 + limit.month - first.month
    while months > 0 and months_after(first, months) > limit:
        months -= 1
    return max(months, 0)


def months_held(
    counted: Counted, start: dt.date, end: dt.date | None, first: dt.date, last: dt.date
) -> int:
    """The months that count for the period: within it (``within_period``), or from the
    appointment to the period's end (``in_post``)."""
    counted_from = first if counted == "within_period" else start
    return months_in_position_within(start, end, counted_from, last)


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
