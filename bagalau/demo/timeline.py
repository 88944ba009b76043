"""The demo year's calendar (pure: no database) and its timeline: when each step of the story
happens (seed 002 p.4-5, p.11, p.22, p.41 time limits) and the steps run in the order of their
moments, each with the clock at its moment (`bagalau.demo.clock.clock_at`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from bagalau.demo.clock import clock_at, moment_of
from bagalau.demo.content import (
    UNIT_KEYS,
)
from bagalau.methodology.sjc2023 import quarter_bounds
from bagalau.workcalendar import WorkCalendar

# --- the calendar of the story (pure: no database) -----------------------------------------------


@dataclass(frozen=True)
class QuarterDays:
    """When each step of a quarter's evaluation happens."""

    quarter: int
    opens: dt.date
    staff_signed: dict[str, dt.date]  # by department: the head signs the staff's sheets
    heads_signed: dt.date  # the deputies sign the department heads' KPI sheets
    deputies_signed: dt.date  # the head of the apparatus signs the deputies' KPI sheets
    finalised: dt.date  # every calibration window has passed

    def ack_days(self) -> list[dt.date]:
        """The days the servants acknowledge: the working day after each signature."""
        days = {*self.staff_signed.values(), self.heads_signed, self.deputies_signed}
        return sorted(days)


@dataclass(frozen=True)
class CalibrationDays:
    """When the servant applies, the head decides and the session is held."""

    applied: dt.date
    decided: dt.date
    session: dt.date


def add(calendar: WorkCalendar, day: dt.date, days: int) -> dt.date:
    """The `days`-th working day after `day`."""
    return calendar.add_working_days(day, days)


def quarter_days(calendar: WorkCalendar, year: int, quarter: int) -> QuarterDays:
    """The evaluation of a quarter: opened the first working day after it ends, sheets signed in
    the next four working days (before the 10th), acknowledged the day after signing, final the
    working day after the last 5-working-day calibration window."""
    _start, end = quarter_bounds(year, quarter)
    opens = add(calendar, end, 1)
    staff = {key: add(calendar, opens, 1 + index % 3) for index, key in enumerate(UNIT_KEYS)}
    heads, deputies = add(calendar, opens, 3), add(calendar, opens, 4)
    last_ack = add(calendar, max(*staff.values(), heads, deputies), 1)
    return QuarterDays(quarter, opens, staff, heads, deputies, add(calendar, last_ack, 6))


def calibration_days(
    calendar: WorkCalendar, days: QuarterDays, unit: str, *, apply_after: int, session_after: int
) -> CalibrationDays:
    """A calibration of a staff sheet of `unit`: acknowledged the day after signing, applied
    `apply_after` working days later (≤ 5), decided 2 working days after the application (≤ 3),
    the session `session_after` working days after the application (≤ 10)."""
    acknowledged = add(calendar, days.staff_signed[unit], 1)
    applied = add(calendar, acknowledged, apply_after)
    return CalibrationDays(
        applied, add(calendar, applied, 2), add(calendar, applied, session_after)
    )


def q2_calibration_days(calendar: WorkCalendar, year: int) -> CalibrationDays:
    """The completed calibration (Q2, selection department)."""
    days = quarter_days(calendar, year, 2)
    return calibration_days(calendar, days, "selection", apply_after=2, session_after=6)


def q3_calibration_days(calendar: WorkCalendar, year: int) -> CalibrationDays:
    """The calibration in progress (Q3, the "servant" of the legal department)."""
    days = quarter_days(calendar, year, 3)
    return calibration_days(calendar, days, "legal", apply_after=4, session_after=8)


def story_complete_on(calendar: WorkCalendar, year: int) -> dt.date:
    """The last day of the year's Q1-Q3 story (the Q3 session or the Q3 results becoming final)."""
    q3 = quarter_days(calendar, year, 3)
    return max(q3.finalised, q3_calibration_days(calendar, year).session)


def demo_year(today: dt.date, calendar: WorkCalendar | None = None) -> int:
    """The year the demo shows: this year once its Q1-Q3 story is over by `today` (from about
    23 October), else last year."""
    calendar = calendar or WorkCalendar()
    if today > story_complete_on(calendar, today.year):
        return today.year
    return today.year - 1


# --- the timeline ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One thing someone did, at a moment."""

    at: dt.datetime
    sequence: int
    label: str
    run: Callable[[], object] = field(compare=False)


class Timeline:
    """Steps collected in any order, run in the order of their moments."""

    def __init__(self) -> None:
        self.steps: list[Step] = []

    def add(
        self, day: dt.date, hour: int, minute: int, label: str, run: Callable[[], object]
    ) -> None:
        """Plan `run` for `day` at hour:minute (same moment: in the order added)."""
        self.steps.append(Step(moment_of(day, hour, minute), len(self.steps), label, run))

    def ordered(self) -> list[Step]:
        """The steps by moment."""
        return sorted(self.steps, key=lambda step: (step.at, step.sequence))

    def run(self, until: dt.date) -> None:
        """Run every step, each with the clock at its moment; none may lie after `until`."""
        for step in self.ordered():
            assert step.at.date() <= until, f"{step.label} would happen after {until}"
            with clock_at(step.at):
                step.run()
