"""The sjc-2023 schedule, deadlines and who is evaluated how (p.4-6, p.11-12, p.22, p.26, p.30,
p.38-41)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bagalau.methodology.sjc2023.rules import Sjc2023Rules
from bagalau.methodology.tenure import months_held
from bagalau.methodology.timing import check_quarter, months_after, quarter_bounds
from bagalau.workcalendar import WorkCalendar

Method = Literal["kpi", "differentiation"]


def _day_of_next_month(year: int, month: int, day: int) -> dt.date:
    """`day` (calendar) of the month after `month` of `year`."""
    return dt.date(year + month // 12, month % 12 + 1, day)


def quarter_deadline(rules: Sjc2023Rules, year: int, quarter: int) -> dt.date:
    """KPI and differentiation evaluation by the 10th of the month after the quarter (p.4)."""
    check_quarter(quarter)
    return _day_of_next_month(year, 3 * quarter, rules.deadlines.quarter_evaluation_day)


def survey360_deadline(rules: Sjc2023Rules, year: int) -> dt.date:
    """The 360 survey by the 10th of the month after the reporting year (p.4)."""
    return _day_of_next_month(year, 12, rules.deadlines.survey360_day)


def notification_date(rules: Sjc2023Rules, year: int, quarter: int, method: Method) -> dt.date:
    """Managers are told of their KPI evaluation by the 5th (p.26), staff by the 10th (p.30)."""
    day = (
        rules.deadlines.notify_managers_day if method == "kpi" else rules.deadlines.notify_staff_day
    )
    return _day_of_next_month(year, 3 * quarter, day)


# Every time limit in working days below is counted one way: "within N working days after" an
# event is the N-th working day after the day of the event, that day not counted
# (`calendar.add_working_days(event, n)`: signed on Monday, 2 working days -> Wednesday).


def kpi_setting_due(rules: Sjc2023Rules, calendar: WorkCalendar, start: dt.date) -> dt.date:
    """KPIs set within 10 working days after the period starts or after the appointment (p.22):
    the day of the appointment is not counted, like the day of every other event (appointed on
    Monday 2 March 2026 -> due Tuesday 17 March, 9 March being a day off)."""
    return calendar.add_working_days(start, rules.deadlines.kpi_setting)


def plan_posting_due(rules: Sjc2023Rules, calendar: WorkCalendar, approved: dt.date) -> dt.date:
    """HR posts the approved work plan within 5 working days (p.22)."""
    return calendar.add_working_days(approved, rules.deadlines.plan_posting)


def actuals_due(rules: Sjc2023Rules, calendar: WorkCalendar, deadline: dt.date) -> dt.date:
    """HR sends the actual values at least 5 working days before the evaluation deadline (p.22)."""
    return calendar.add_working_days(deadline, -rules.deadlines.actuals_prefill_before)


def familiarisation_due(rules: Sjc2023Rules, calendar: WorkCalendar, ended: dt.date) -> dt.date:
    """The servant is shown the result within 2 working days after the evaluation ends (p.11)."""
    return calendar.add_working_days(ended, rules.deadlines.familiarisation)


def calibration_application_due(
    rules: Sjc2023Rules, calendar: WorkCalendar, familiarised: dt.date
) -> dt.date:
    """The last day to apply for a calibration session: 5 working days after familiarisation
    (p.12)."""
    return calendar.add_working_days(familiarised, rules.deadlines.calibration_application)


def calibration_decision_due(
    rules: Sjc2023Rules, calendar: WorkCalendar, applied: dt.date
) -> dt.date:
    """The head of the apparatus decides within 3 working days of the application (p.38)."""
    return calendar.add_working_days(applied, rules.deadlines.calibration_decision)


def calibration_session_due(
    rules: Sjc2023Rules, calendar: WorkCalendar, applied: dt.date
) -> dt.date:
    """The session is held within 10 working days of the application (p.39)."""
    return calendar.add_working_days(applied, rules.deadlines.calibration_session)


def protocol_posting_due(rules: Sjc2023Rules, calendar: WorkCalendar, signed: dt.date) -> dt.date:
    """HR posts the signed protocol within 3 working days (p.41)."""
    return calendar.add_working_days(signed, rules.deadlines.protocol_posting)


def return_from_absence_due(
    rules: Sjc2023Rules, calendar: WorkCalendar, absence_end: dt.date
) -> dt.date:
    """A deferred KPI evaluation is due within 5 working days after the servant is back (p.5):
    counted after the last day of the absence, so the first working day back is day one."""
    return calendar.add_working_days(absence_end, rules.deadlines.absent_return)


def long_enough_in_position(
    rules: Sjc2023Rules, start: dt.date, end: dt.date | None, first: dt.date, last: dt.date
) -> bool:
    """Whether a position held from `start` to `end` (None: still held) was held at least
    3 months in the period [first, last], counted as the edition says (p.5; see tenure)."""
    held = months_held(rules.eligibility.months_counted, start, end, first, last)
    return held >= rules.deadlines.min_months_in_post


def kpis_required(rules: Sjc2023Rules, appointed: dt.date, period_end: dt.date) -> bool:
    """No KPIs are set when less than 3 months remain until the end of the period (p.22)."""
    return months_after(appointed, rules.deadlines.min_months_in_post) <= period_end + dt.timedelta(
        days=1
    )


@dataclass(frozen=True, slots=True)
class PostHeld:
    """The servant's position over the period: dates, manager track, and how it ended."""

    start: dt.date
    end: dt.date | None
    is_manager: bool
    dismissed: bool = False


@dataclass(frozen=True, slots=True)
class Eligibility:
    """Whether and how a servant is evaluated for a quarter, and by when.

    `reason` is a code: ``evaluated``, ``absent`` (KPI deferred until after return),
    ``in_absentia`` (dismissed before the deadline, p.6) or ``too_short`` (under 3 months, p.5).
    """

    evaluated: bool
    method: Method
    reason: str
    due: dt.date


def quarter_eligibility(
    rules: Sjc2023Rules,
    calendar: WorkCalendar,
    *,
    year: int,
    quarter: int,
    post: PostHeld,
    absences: Sequence[tuple[dt.date, dt.date]] = (),
) -> Eligibility:
    """Who is evaluated how for a quarter (p.4-6, p.21, p.28).

    - managers by KPI, other servants by differentiation;
    - not evaluated when the position was held for less than 3 months within the quarter (p.5:
      appointed, transferred or dismissed inside it);
    - a servant who left after the quarter ended and before the deadline is evaluated in
      absentia by the deadline (p.6);
    - a manager away when the evaluation is due has the KPI evaluation within 5 working days of
      returning; differentiation goes ahead without the servant.
    """
    start, end = quarter_bounds(year, quarter)
    deadline = quarter_deadline(rules, year, quarter)
    method: Method = "kpi" if post.is_manager else "differentiation"
    if not long_enough_in_position(rules, post.start, post.end, start, end):
        return Eligibility(False, method, "too_short", deadline)
    if post.dismissed and post.end is not None and post.end <= deadline:
        return Eligibility(True, method, "in_absentia", deadline)
    if method == "kpi":
        window_end = deadline
        for absence_start, absence_end in sorted(absences):
            if absence_start <= window_end and absence_end >= end + dt.timedelta(days=1):
                due = return_from_absence_due(rules, calendar, absence_end)
                return Eligibility(True, method, "absent", max(due, deadline))
    return Eligibility(True, method, "evaluated", deadline)
