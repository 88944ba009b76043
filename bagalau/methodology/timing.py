"""Dates shared by the editions' workflows: working-day shifts that name the field on error and
the deadlines they give, lateness in working days (EDITIONS.md §9 G-1), calendar months,
quarters, and warnings.

"The N-th working day after D" does not count D itself; "the N-th working day before D" counts
back the same way (EDITIONS.md §13). Calendar dates ("by 10 January", "10 calendar days before")
are calendar dates, whatever the weekday.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from bagalau.methodology.errors import N_, MethodologyError
from bagalau.methodology.explain import note
from bagalau.methodology.loading import Node
from bagalau.workcalendar import FIRST_YEAR, LAST_YEAR, CalendarError, WorkCalendar


def _outside(field: str, day: dt.date, days: int) -> MethodologyError:
    return MethodologyError(
        field,
        N_(
            "counting %(days)s working days from %(date)s leaves the years %(first)s-%(last)s "
            "that the working-day calendar covers"
        ),
        days=days,
        date=day.isoformat(),
        first=FIRST_YEAR,
        last=LAST_YEAR,
    )


def working_days_after(calendar: WorkCalendar, day: dt.date, days: int, field: str) -> dt.date:
    """The `days`-th working day after `day` (before it when `days` is negative), `day` itself not
    counted; a MethodologyError naming `field` when the count leaves the calendar's years."""
    try:
        return calendar.add_working_days(day, days)
    except CalendarError:
        raise _outside(field, day, days) from None


def working_days_due(
    calendar: WorkCalendar, start: dt.date, days: int, field: str, *, cite: str
) -> dt.date:
    """A deadline `days` working days after `start` (before it when negative), as
    `working_days_after` counts, recorded for the explanation as counted from the request's
    `field` under the rule `cite` (EDITIONS.md §13)."""
    due = working_days_after(calendar, start, days, field)
    note("deadline.working_days", field, start=start, days=days, due=due, cite=cite)
    return due


def calendar_days_after(day: dt.date, days: int, field: str) -> dt.date:
    """`day` plus `days` calendar days (minus when negative); `field` named outside the calendar."""
    try:
        result = day + dt.timedelta(days=days)
    except OverflowError:
        raise _outside(field, day, days) from None
    if not FIRST_YEAR <= result.year <= LAST_YEAR:
        raise _outside(field, day, days)
    return result


def months_after(day: dt.date, months: int) -> dt.date:
    """The same calendar day `months` later, clamped to the month's end (30.11 + 3 -> 28/29.02)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    last = (following - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def check_quarter(quarter: int) -> None:
    """A MethodologyError on "quarter" unless it is numbered 1 to 4."""
    if not 1 <= quarter <= 4:
        raise MethodologyError("quarter", N_("a quarter is numbered 1 to 4"))


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """First and last day of a quarter."""
    check_quarter(quarter)
    following = dt.date(year + quarter // 4, quarter * 3 % 12 + 1, 1)
    return dt.date(year, 3 * quarter - 2, 1), following - dt.timedelta(days=1)


def month_day(text: str) -> tuple[int, int]:
    """A "MM-DD" date of the data files as (month, day), checked against a leap year."""
    month, _, day = text.partition("-")
    value = dt.date(2000, int(month), int(day))
    return value.month, value.day


def month_day_of(value: Node) -> tuple[int, int]:
    """A data file's "MM-DD" date (`month_day`), a DataError at its place when it is not one
    (the moj-2017 deadlines, the typical-2018 evaluation window)."""
    try:
        return month_day(value.text())
    except ValueError as error:
        raise value.fail(f"not a MM-DD date: {value.value!r}") from error


@dataclass(frozen=True, slots=True)
class Lateness:
    """How late an action was against its due date (EDITIONS.md §9 G-1: shown, never blocking).

    `working_days` counts the working days after the due date up to and including the actual
    date, so a document dated on the Saturday after a Friday deadline is late by 0 working days
    and 1 calendar day: `late` says whether it was late at all.
    """

    late: bool
    working_days: int
    calendar_days: int


def late_by(calendar: WorkCalendar, due: dt.date, actual: dt.date) -> Lateness:
    """How late `actual` is against `due`; on time (0, 0) when it is on or before the due date.

    G-1: all four earlier editions are repealed and serve historical periods, so a deadline is
    computed, shown and reported as "late by N working days", and never blocks the work.
    """
    if actual <= due:
        return Lateness(late=False, working_days=0, calendar_days=0)
    try:
        counted = calendar.working_days_between(due, actual)
    except CalendarError as error:
        raise MethodologyError(
            "date",
            N_("%(date)s is outside the years %(first)s-%(last)s the working-day calendar covers"),
            date=(due if error.field == "start" else actual).isoformat(),
            first=FIRST_YEAR,
            last=LAST_YEAR,
        ) from None
    return Lateness(late=True, working_days=counted, calendar_days=(actual - due).days)


@dataclass(frozen=True, slots=True)
class WorkflowWarning:
    """A warning the web pages show beside a date (never an error: G-1).

    `template` is an English sentence marked with N_ and translated by the web layer, with named
    placeholders filled from `params`, like a MethodologyError's.
    """

    code: str
    template: str
    params: dict[str, Any]

    @property
    def message(self) -> str:
        """The English sentence."""
        return self.template % self.params
