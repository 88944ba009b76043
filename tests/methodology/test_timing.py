"""Lateness in working days (EDITIONS.md §9 G-1: shown, never blocking) and calendar months."""

from __future__ import annotations

import datetime as dt

import pytest

from bagalau.methodology import MethodologyError
from bagalau.methodology.timing import (
    calendar_days_after,
    late_by,
    months_after,
    working_days_after,
)
from bagalau.workcalendar import WorkCalendar

D = dt.date
CALENDAR = WorkCalendar()

LATENESS = [
    # due, actual -> late, working days, calendar days
    pytest.param(D(2018, 12, 14), D(2018, 12, 14), False, 0, 0, id="on-the-day"),
    pytest.param(D(2018, 12, 14), D(2018, 12, 3), False, 0, 0, id="early"),
    # Sat 15, Sun 16, 17 and 18 off, Wed 19 (1), Thu 20 (2)
    pytest.param(D(2018, 12, 14), D(2018, 12, 20), True, 2, 6, id="over-16-december"),
    # Sat 29 December 2018 was a working day
    pytest.param(D(2018, 12, 28), D(2018, 12, 29), True, 1, 1, id="working-saturday"),
    # Sat 1 December 2018 was not: late, but by no working day
    pytest.param(D(2018, 11, 30), D(2018, 12, 1), True, 0, 1, id="on-a-saturday"),
    # Nauryz 21-23 March 2018: Tue 20 -> Mon 26 is 1 working day late
    pytest.param(D(2018, 3, 20), D(2018, 3, 26), True, 1, 6, id="over-nauryz"),
]


@pytest.mark.parametrize(("due", "actual", "late", "days", "calendar_days"), LATENESS)
def test_late_by_working_days(due, actual, late, days, calendar_days):
    result = late_by(CALENDAR, due, actual)
    assert (result.late, result.working_days, result.calendar_days) == (late, days, calendar_days)


def test_lateness_outside_the_calendar_is_an_error():
    with pytest.raises(MethodologyError) as caught:
        late_by(CALENDAR, D(2100, 12, 30), D(2101, 1, 3))
    assert caught.value.field == "date"
    assert "2101-01-03" in caught.value.message


def test_shifts_outside_the_calendar_name_the_field():
    with pytest.raises(MethodologyError) as caught:
        working_days_after(CALENDAR, D(2100, 12, 30), 10, "decision")
    assert caught.value.field == "decision"
    with pytest.raises(MethodologyError) as caught:
        calendar_days_after(D(1991, 1, 5), -10, "evaluation")
    assert caught.value.field == "evaluation"


@pytest.mark.parametrize(
    ("day", "months", "result"),
    [
        (D(2018, 9, 20), 3, D(2018, 12, 20)),
        (D(2018, 11, 30), 3, D(2019, 2, 28)),
        (D(2019, 11, 30), 3, D(2020, 2, 29)),
        (D(2018, 10, 1), 3, D(2019, 1, 1)),
        (D(2018, 1, 31), 1, D(2018, 2, 28)),
    ],
)
def test_months_after_clamps_to_the_months_end(day, months, result):
    assert months_after(day, months) == result
