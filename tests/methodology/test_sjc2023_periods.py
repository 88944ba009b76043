"""sjc-2023 (seed 002) rules of time: how working-day limits are counted (p.22), the time in the
position within the evaluated period (p.5), who is evaluated for a quarter (p.5-6).

The 2026 calendar used below (Kazakhstan, `holidays` package): 8 Mar (Sun) Women's Day observed
Mon 9 Mar; 21-23 Mar Nauryz (Sat-Mon) observed Tue 24 and Wed 25 Mar; 1 May; 7 May; 9 May (Sat)
observed Mon 11 May.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bagalau.methodology import get_edition, sjc2023_rules
from bagalau.methodology.sjc2023 import (
    calibration_application_due,
    familiarisation_due,
    kpi_setting_due,
    return_from_absence_due,
)
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
