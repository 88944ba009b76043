"""Working days in Kazakhstan (SPEC §3): weekends, public holidays and the government's transfers.

Public holidays, their observed days and the transfers already decreed come from the ``holidays``
package; an administrator adds the transfers it does not know yet (a :class:`Transfer` moves a day
off: the Saturday or Sunday becomes a working day and the weekday a day off).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import holidays

FIRST_YEAR = 1991
LAST_YEAR = 2100
MAX_DAYS = 3660


@dataclass(frozen=True, slots=True)
class Transfer:
    """A day off moved by decree: `working_day` (a weekend day) is worked, `day_off` is not.

    Either side may be None for a one-sided change (an extra day off, an extra working day).
    """

    working_day: dt.date | None
    day_off: dt.date | None


class CalendarError(ValueError):
    """A date or a count outside what the calendar can answer."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


@cache
def _kazakhstan(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("KZ", years=year, language="kk")


class WorkCalendar:
    """Kazakhstan's working days plus administrator transfers."""

    def __init__(self, transfers: Iterable[Transfer] = ()) -> None:
        items = tuple(transfers)
        self._worked = frozenset(t.working_day for t in items if t.working_day is not None)
        self._off = frozenset(t.day_off for t in items if t.day_off is not None)

    @staticmethod
    def _check(day: dt.date, field: str = "date") -> None:
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise CalendarError(
                field, f"the calendar covers the years {FIRST_YEAR}-{LAST_YEAR}, not {day.year}"
            )

    def holiday_name(self, day: dt.date) -> str | None:
        """The public holiday (or transferred day off) on `day`, in Kazakh; None on other days."""
        self._check(day)
        name = _kazakhstan(day.year).get(day)
        return str(name) if name is not None else None

    def is_working_day(self, day: dt.date) -> bool:
        """Whether `day` is worked: administrator transfers, then decreed ones, then the rule."""
        self._check(day)
        if day in self._off:
            return False
        if day in self._worked:
            return True
        calendar = _kazakhstan(day.year)
        if day in calendar.weekend_workdays:
            return True
        return day.weekday() < 5 and day not in calendar

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The `days`-th working day after `start` (before it when negative), `start` excluded."""
        if days == 0 or abs(days) > MAX_DAYS:
            raise CalendarError(
                "days", f"days is a whole number from 1 to {MAX_DAYS} (or negative)"
            )
        self._check(start, "start")
        step = dt.timedelta(days=1 if days > 0 else -1)
        day, remaining = start, abs(days)
        try:
            while remaining:
                day += step
                if self.is_working_day(day):
                    remaining -= 1
        except CalendarError:
            raise CalendarError(
                "days",
                f"counting {days} working days from {start} leaves the years "
                f"{FIRST_YEAR}-{LAST_YEAR} the calendar covers",
            ) from None
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        self._check(start, "start")
        self._check(end, "end")
        count, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            count += self.is_working_day(day)
        return count

    def next_working_day(self, day: dt.date) -> dt.date:
        """`day` itself when worked, else the first working day after it."""
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day
