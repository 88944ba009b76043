"""sjc-2023 (seed 002) rules of time: how working-day limits are counted (p.22), the time in the
position within the evaluated period (p.5), who is evaluated for a quarter (p.5-6).

The 2026 calendar used below (Kazakhstan, `holidays` package): 8 Mar (Sun) Women's Day observed
Mon 9 Mar; 21-23 Mar Nauryz (Sat-Mon) observed Tue 24 and Wed 25 Mar; 1 May; 7 May; 9 May (Sat)
observed Mon 11 May.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from bagalau.methodology import get_edition, sjc2023_rules
from bagalau.methodology.sjc2023 import (
    EligibilityRules,
    PostHeld,
    calibration_application_due,
    familiarisation_due,
    kpi_setting_due,
    long_enough_in_position,
    quarter_eligibility,
    return_from_absence_due,
)
from bagalau.methodology.tenure import months_in_position_within
from bagalau.workcalendar import WorkCalendar

RULES = sjc2023_rules(get_edition("sjc-2023"))
CALENDAR = WorkCalendar()


def d(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%d.%m.%Y").date()  # noqa: DTZ007


# --- one rule for counting working days (p.22 ¶2 like every other limit) -------------------------


@pytest.mark.parametrize(
    ("appointed", "due"),
    [
        # Mon 2 March: 3, 4, 5, 6 (4), Mon 9 off (Women's Day observed), 10-13 (8), 16, 17 (10).
        ("02.03.2026", "17.03.2026"),
        # Fri 13 March: 16-20 (5), 21-25 Nauryz and its observed days, 26, 27, 30, 31, 1 April.
        ("13.03.2026", "01.04.2026"),
        # Sat 7 March (a day off): 10-13 (4), 16-20 (9), Nauryz, 26 March (10).
        ("07.03.2026", "26.03.2026"),
        # The period starting on 1 January: 1-2 January off, 5, 6, 8 (7 Christmas), 9, 12-16, 19.
        ("01.01.2026", "19.01.2026"),
    ],
    ids=["monday-across-women's-day", "across-nauryz", "appointed-on-a-day-off", "year-start"],
)
def test_kpis_are_due_10_working_days_after_the_appointment_day(appointed, due):
    assert kpi_setting_due(RULES, CALENDAR, d(appointed)) == d(due)


def test_every_limit_counts_from_the_day_after_the_event():
    # Signed, familiarised, applied on Monday 4 May 2026 (1 May Fri and 7 May Thu are off):
    # 2 working days -> 5, 6 May; 5 working days -> 5, 6, 8, 12, 13 May (7 and 9-11 May off).
    monday = d("04.05.2026")
    assert familiarisation_due(RULES, CALENDAR, monday) == d("06.05.2026")
    assert calibration_application_due(RULES, CALENDAR, monday) == d("13.05.2026")
    # Back from an absence that ended on Friday 1 May (a holiday): the first working day back,
    # Mon 4 May, is day one; day five is Tue 12 May.
    assert return_from_absence_due(RULES, CALENDAR, d("01.05.2026")) == d("12.05.2026")


# --- p.5: the time in the position within the evaluated period ----------------------------------


@pytest.mark.parametrize(
    ("start", "end", "period", "months"),
    [
        ("01.01.2026", None, ("01.01.2026", "31.03.2026"), 3),  # the whole quarter
        ("01.07.2019", None, ("01.01.2026", "31.03.2026"), 3),  # long before it: still 3
        ("02.01.2026", None, ("01.01.2026", "31.03.2026"), 2),  # appointed on its 2nd day
        ("15.02.2026", None, ("01.01.2026", "31.03.2026"), 1),  # 15.02 + 1 month <= 01.04
        ("01.07.2019", "05.04.2026", ("01.04.2026", "30.06.2026"), 0),  # dismissed on 5 April
        ("01.07.2019", "30.06.2026", ("01.04.2026", "30.06.2026"), 3),  # to the quarter's end
        ("01.07.2019", "31.03.2026", ("01.04.2026", "30.06.2026"), 0),  # gone before it
        ("01.07.2026", None, ("01.04.2026", "30.06.2026"), 0),  # not yet appointed
        ("15.02.2026", None, ("01.01.2026", "31.12.2026"), 10),  # the 360 year
        ("02.10.2026", None, ("01.01.2026", "31.12.2026"), 2),  # appointed in October
    ],
    ids=[
        "whole-quarter",
        "long-serving",
        "appointed-2-january",
        "appointed-15-february",
        "dismissed-5-april",
        "dismissed-30-june",
        "left-before",
        "appointed-after",
        "year-from-15-february",
        "year-from-2-october",
    ],
)
def test_months_in_position_within_the_period(start, end, period, months):
    held = months_in_position_within(d(start), d(end) if end else None, d(period[0]), d(period[1]))
    assert held == months


def post(start: str, end: str | None = None, *, dismissed: bool = False) -> PostHeld:
    return PostHeld(
        start=d(start), end=d(end) if end else None, is_manager=False, dismissed=dismissed
    )


def eligibility(quarter: int, held: PostHeld, rules=RULES):
    return quarter_eligibility(rules, CALENDAR, year=2026, quarter=quarter, post=held)


def test_a_servant_dismissed_on_5_april_is_not_evaluated_for_q2_but_in_absentia_for_q1():
    # Five days of Q2 in the post: under 3 months within the quarter (p.5), so not evaluated,
    # however long the servant served before. Q1 was held in full and the servant left before
    # its deadline of 10 April: evaluated in absentia (p.6).
    dismissed = post("01.07.2015", "05.04.2026", dismissed=True)
    q2 = eligibility(2, dismissed)
    assert (q2.evaluated, q2.reason) == (False, "too_short")
    q1 = eligibility(1, dismissed)
    assert (q1.evaluated, q1.reason, q1.due) == (True, "in_absentia", d("10.04.2026"))


def test_a_servant_appointed_on_15_february_is_evaluated_from_q2():
    appointed = post("15.02.2026")
    q1 = eligibility(1, appointed)
    assert (q1.evaluated, q1.reason) == (False, "too_short")
    q2 = eligibility(2, appointed)
    assert (q2.evaluated, q2.reason, q2.due) == (True, "evaluated", d("10.07.2026"))


def test_a_servant_dismissed_on_the_quarters_last_day_is_evaluated_in_absentia():
    q2 = eligibility(2, post("01.07.2015", "30.06.2026", dismissed=True))
    assert (q2.evaluated, q2.reason) == (True, "in_absentia")


def test_the_months_are_edition_data():
    assert RULES.eligibility.months_counted == "within_period"
    assert RULES.deadlines.min_months_in_post == 3
    # Counted as total tenure ("in_post", the 2018 wording), the long-serving servant dismissed
    # on 5 April would have been evaluated in absentia for Q2 after five days of it.
    tenure = replace(RULES, eligibility=EligibilityRules("in_post"))
    q2 = eligibility(2, post("01.07.2015", "05.04.2026", dismissed=True), tenure)
    assert (q2.evaluated, q2.reason) == (True, "in_absentia")
    assert not long_enough_in_position(RULES, d("01.07.2015"), d("05.04.2026"), *Q2)
    assert long_enough_in_position(tenure, d("01.07.2015"), d("05.04.2026"), *Q2)


Q2 = (dt.date(2026, 4, 1), dt.date(2026, 6, 30))
