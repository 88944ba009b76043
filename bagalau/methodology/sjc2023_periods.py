"""sjc-2023 (seed 002): the dates of a quarter's evaluation around its end — preparing it before it
ends (p.22 ¶6), the notices that go out by themselves (p.26, p.30) — and the day a result counts as
familiarised (p.11). Kept apart from sjc2023.py, which holds the scoring and the time limits."""

from __future__ import annotations

import datetime as dt

from bagalau.methodology.sjc2023 import Sjc2023Rules, notification_date, quarter_bounds
from bagalau.methodology.timing import check_quarter
from bagalau.workcalendar import WorkCalendar


def quarter_prepare_from(year: int, quarter: int) -> dt.date:
    """From when the HR service may prepare a quarter before it ends — create its sheets and
    enter the actual values — so that p.22 ¶6 can be met when its date falls inside the quarter
    (Q4: the 5th working day before 10 January is 30 or 31 December): the first day of the
    quarter's last month. The seed sets no such date; this one is our decision."""
    check_quarter(quarter)
    return dt.date(year, 3 * quarter, 1)


def notices_from(rules: Sjc2023Rules, calendar: WorkCalendar, year: int, quarter: int) -> dt.date:
    """When the notices of p.26 (managers, by the 5th) and p.30 (staff, by the 10th) go out by
    themselves: the first working day after the quarter ends, and never after the managers' date
    (the 5th is a calendar date)."""
    _start, end = quarter_bounds(year, quarter)
    first = calendar.next_working_day(end + dt.timedelta(days=1))
    return min(first, notification_date(rules, year, quarter, "kpi"))


def familiarised_on(
    rules: Sjc2023Rules, *, due: dt.date, today: dt.date, acknowledged: dt.date | None = None
) -> dt.date | None:
    """The day the servant is familiarised with a result (p.11): the day of the acknowledgement;
    without one, the last day of the window once it has passed, when the edition says the result
    then counts as made known through the information system; None while there is still time."""
    if acknowledged is not None:
        return acknowledged
    if rules.familiarisation.deemed_when_due and today > due:
        return due
    return None
