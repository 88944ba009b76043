"""Every date of the 2026 schedule, worked out by hand across weekends and holidays.

The 2026 calendar used below (Kazakhstan, `holidays` package): 1-2 Jan New Year; 7 Jan Orthodox
Christmas; 8 Mar (Sun) Women's Day, observed Mon 9 Mar; 21-23 Mar Nauryz (Sat-Mon), observed
Tue 24 and Wed 25 Mar; 1 May; 7 May; 9 May (Sat) Victory Day, observed Mon 11 May; 6 Jul Capital
Day (Mon); 25 Oct (Sun) Republic Day, observed Mon 26 Oct; 16 Dec. 2027: 1 Jan (Fri), 2 Jan
(Sat) observed Mon 4 Jan, 7 Jan (Thu).
"""

import datetime as dt

import pytest

from bagalau.evaluations.models import PeriodKind
from bagalau.evaluations.selectors.schedule import period_dates, schedule_dates
from bagalau.methodology import get_edition, sjc2023_rules
from bagalau.methodology import sjc2023 as engine
from bagalau.org.models import CalendarTransfer
from bagalau.org.selectors import work_calendar
from tests.evaluations.test_schedule_support import d, drafted, line, quarter

RULES = sjc2023_rules(get_edition("sjc-2023"))


# (quarter, bounds, deadline p.4, managers told by p.26, staff told by p.30, actual values due p.22)
QUARTERS = [
    # Q1: the 10th of April is a Friday. Actual values 5 working days before: Thu 9, Wed 8,
    # Tue 7, Mon 6, Fri 3 April -> 3 April.
    (1, "01.01.2026", "31.03.2026", "10.04.2026", "05.04.2026", "10.04.2026", "03.04.2026"),
    # Q2: 10 July is a Friday; counting back Thu 9, Wed 8, Tue 7, (Mon 6 Capital Day), Fri 3,
    # Thu 2 July -> 2 July.
    (2, "01.04.2026", "30.06.2026", "10.07.2026", "05.07.2026", "10.07.2026", "02.07.2026"),
    # Q3: 10 October is a Saturday (the 10th is a calendar date, p.4); back Fri 9, Thu 8, Wed 7,
    # Tue 6, Mon 5 October -> 5 October.
    (3, "01.07.2026", "30.09.2026", "10.10.2026", "05.10.2026", "10.10.2026", "05.10.2026"),
    # Q4: 10 January 2027 is a Sunday; back Fri 8, (Thu 7 Christmas), Wed 6, Tue 5,
    # (Mon 4 observed New Year, Sat 2, Fri 1 Jan), Thu 31 Dec, Wed 30 Dec -> 30 December 2026.
    (4, "01.10.2026", "31.12.2026", "10.01.2027", "05.01.2027", "10.01.2027", "30.12.2026"),
]


@pytest.mark.parametrize(
    ("number", "starts", "ends", "deadline", "managers", "staff", "actuals"),
    QUARTERS,
    ids=["Q1", "Q2", "Q3-saturday", "Q4-new-year"],
)
def test_quarter_dates(world, number, starts, ends, deadline, managers, staff, actuals):
    schedule = drafted(world)
    period = quarter(schedule, number)
    dates = period_dates(period)
    assert (period.starts, period.ends) == (d(starts), d(ends))
    assert period.deadline == d(deadline)
    assert period.planned_date == d(deadline)  # HR's plan starts at the legal deadline
    assert dates.notify_managers_by == d(managers)
    assert dates.notify_staff_by == d(staff)
    assert dates.actuals_due == d(actuals)
    assert dates.opens_from == d(ends) + dt.timedelta(days=1)


def test_annual_and_360_lines(world):
    schedule = drafted(world)
    annual = line(schedule, PeriodKind.ANNUAL)
    survey = line(schedule, PeriodKind.SURVEY360)
    # The annual result is the mean of the quarters (p.4): due with the Q4 evaluation.
    assert (annual.starts, annual.ends, annual.deadline) == (
        d("01.01.2026"),
        d("31.12.2026"),
        d("10.01.2027"),
    )
    # 360 by the 10th of the month after the reporting year (p.4).
    assert (survey.starts, survey.ends, survey.deadline) == (
        d("01.01.2026"),
        d("31.12.2026"),
        d("10.01.2027"),
    )
    assert period_dates(annual).actuals_due is None  # nothing to pre-fill for the annual line
    assert [x.period.kind for x in schedule_dates(schedule)] == [
        "quarter",
        "quarter",
        "quarter",
        "quarter",
        "annual",
        "survey360",
    ]


def test_an_administrators_transfer_moves_the_actuals_date(world):
    # If the government moved the day off so that Monday 6 April 2026 were not worked, the five
    # working days before 10 April would be Thu 9, Wed 8, Tue 7, Fri 3, Thu 2 April.
    CalendarTransfer.objects.create(day_off=dt.date(2026, 4, 6), note="test decree")
    dates = period_dates(quarter(drafted(world), 1))
    assert dates.actuals_due == d("02.04.2026")


@pytest.mark.parametrize(
    ("absence_end", "due"),
    [
        # Leave 1-14 April (Tue): back Wed 15; day 1 = 15, 16, 17, 20, day 5 = Tue 21 April.
        ("14.04.2026", "21.04.2026"),
        # Sick 16-20 March: 21-25 March are Nauryz and its observed days, so the manager is back
        # Thu 26 March; 26, 27, 30, 31 March, day 5 = 1 April.
        ("20.03.2026", "01.04.2026"),
        # Sick until Wed 25 March (the last observed Nauryz day): also back Thu 26 -> 1 April.
        ("25.03.2026", "01.04.2026"),
        # Sick 16-27 March (Fri): back Mon 30 March; 30, 31 March, 1, 2, day 5 = 3 April.
        ("27.03.2026", "03.04.2026"),
        # Leave until Fri 3 July: Mon 6 July is Capital Day, back Tue 7; 7, 8, 9, 10, day 5 = 13.
        ("03.07.2026", "13.07.2026"),
    ],
    ids=["leave-april", "nauryz-20", "nauryz-25", "sick-27-march", "capital-day"],
)
def test_return_from_absence_due(db, absence_end, due):
    assert engine.return_from_absence_due(RULES, work_calendar(), d(absence_end)) == d(due)
