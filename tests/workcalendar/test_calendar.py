"""Working days in Kazakhstan (SPEC §3).

Deadlines in working days skip Saturdays, Sundays, public holidays and the government's transferred
days off; transferred working Saturdays count. When a secular holiday falls on a weekend, the next
working day is off (Labour Code art. 85); the religious holidays (Orthodox Christmas, Kurban ait)
are never moved. Every expected date below is worked out by hand in its comment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bagalau.workcalendar import CalendarError, Transfer, WorkCalendar

D = dt.date
CALENDAR = WorkCalendar()


# (case id, day, worked?)
IS_WORKING = [
    # Nauryz 2024: 21 Thu, 22 Fri, 23 Sat -> the Saturday is made up on Monday 25 March
    ("nauryz-2024-thu-21", D(2024, 3, 21), False),
    ("nauryz-2024-sat-23", D(2024, 3, 23), False),
    ("nauryz-2024-observed-mon-25", D(2024, 3, 25), False),
    ("after-nauryz-2024-tue-26", D(2024, 3, 26), True),
    # Nauryz 2025: 21 Fri, 22 Sat, 23 Sun -> observed Monday 24 and Tuesday 25 March
    ("nauryz-2025-fri-21", D(2025, 3, 21), False),
    ("nauryz-2025-observed-mon-24", D(2025, 3, 24), False),
    ("nauryz-2025-observed-tue-25", D(2025, 3, 25), False),
    ("after-nauryz-2025-wed-26", D(2025, 3, 26), True),
    # Nauryz 2026: 21 Sat, 22 Sun, 23 Mon -> observed Tuesday 24 and Wednesday 25 March
    ("before-nauryz-2026-fri-20", D(2026, 3, 20), True),
    ("nauryz-2026-mon-23", D(2026, 3, 23), False),
    ("nauryz-2026-observed-wed-25", D(2026, 3, 25), False),
    ("after-nauryz-2026-thu-26", D(2026, 3, 26), True),
    # 8 March 2025 is a Saturday -> Monday 10 March off
    ("8-march-2025-observed-mon-10", D(2025, 3, 10), False),
    ("tue-11-march-2025", D(2025, 3, 11), True),
    # Victory Day 2026 is Saturday 9 May -> Monday 11 May off
    ("victory-2026-observed-mon-11", D(2026, 5, 11), False),
    ("tue-12-may-2026", D(2026, 5, 12), True),
    # Constitution Day 2025 is Saturday 30 August -> Monday 1 September off
    ("constitution-2025-observed-mon-1-sep", D(2025, 9, 1), False),
    # Republic Day 2025 is Saturday 25 October -> Monday 27 October off
    ("republic-2025-observed-mon-27-oct", D(2025, 10, 27), False),
    ("tue-28-oct-2025", D(2025, 10, 28), True),
    # decree: Saturday 4 May 2024 worked, Wednesday 8 May 2024 off
    ("worked-sat-4-may-2024", D(2024, 5, 4), True),
    ("transferred-off-wed-8-may-2024", D(2024, 5, 8), False),
    # decree: Sunday 5 January 2025 worked, Friday 3 January 2025 off
    ("transferred-off-fri-3-jan-2025", D(2025, 1, 3), False),
    ("sat-4-jan-2025", D(2025, 1, 4), False),
    ("worked-sun-5-jan-2025", D(2025, 1, 5), True),
    # New Year 2024: 1 and 2 January (Mon, Tue) off, Wednesday 3 January worked
    ("new-year-2024-tue-2", D(2024, 1, 2), False),
    ("wed-3-jan-2024", D(2024, 1, 3), True),
    # Orthodox Christmas: Tuesday 7 January 2025 off; on Sunday 7 January 2024 it is not
    # moved (a religious holiday), so Monday 8 January 2024 is worked
    ("orthodox-christmas-2025", D(2025, 1, 7), False),
    ("orthodox-christmas-2024-not-moved", D(2024, 1, 8), True),
    # Kurban ait, a movable religious holiday whose date the Spiritual Administration of
    # Muslims fixes every year (the package tabulates past years and estimates future ones):
    # 6 June 2025 is a Friday; 16 June 2024 is a Sunday, not moved, so Monday 17 June is worked
    ("kurban-ait-2025-fri-6-june", D(2025, 6, 6), False),
    ("kurban-ait-2024-not-moved", D(2024, 6, 17), True),
    ("ordinary-thursday", D(2025, 4, 10), True),
    ("ordinary-saturday", D(2025, 4, 12), False),
]


@pytest.mark.parametrize(
    ("day", "working"), [row[1:] for row in IS_WORKING], ids=[row[0] for row in IS_WORKING]
)
def test_is_working_day(day: dt.date, working: bool) -> None:
    assert CALENDAR.is_working_day(day) is working


# (case id, start, days, the days-th working day after start, before it when negative)
ADD = [
    # Wed 20 March 2024 + 1: 21-22 Nauryz, 23-24 weekend, 25 observed -> Tue 26
    ("nauryz-2024", D(2024, 3, 20), 1, D(2024, 3, 26)),
    # Thu 20 March 2025 + 3: 21-25 off -> 26, 27, 28
    ("nauryz-2025", D(2025, 3, 20), 3, D(2025, 3, 28)),
    # Fri 20 March 2026 + 1: 21-22 weekend, 23 Nauryz, 24-25 observed -> Thu 26
    ("nauryz-2026", D(2026, 3, 20), 1, D(2026, 3, 26)),
    # counting from a day off: Sat 22 March 2025 + 1 -> Wed 26
    ("from-a-day-off", D(2025, 3, 22), 1, D(2025, 3, 26)),
    # Fri 29 December 2023 + 1: weekend, 1-2 January -> Wed 3 January 2024
    ("new-year-2024", D(2023, 12, 29), 1, D(2024, 1, 3)),
    # Tue 31 December 2024 + 1: 1-2 January, 3 transferred off, Sat 4, Sun 5 worked
    ("new-year-2025-worked-sunday", D(2024, 12, 31), 1, D(2025, 1, 5)),
    # ... + 3: Sun 5, Mon 6, then 7 January Orthodox Christmas -> Wed 8
    ("new-year-2025-christmas", D(2024, 12, 31), 3, D(2025, 1, 8)),
    # Fri 7 March 2025 + 1: Sat 8 March, Sun 9, Mon 10 observed -> Tue 11
    ("8-march-2025", D(2025, 3, 7), 1, D(2025, 3, 11)),
    # Fri 8 May 2026 + 1: Sat 9 May Victory Day, Sun 10, Mon 11 observed -> Tue 12
    ("victory-day-2026", D(2026, 5, 8), 1, D(2026, 5, 12)),
    # Fri 29 August 2025 + 1: Sat 30 Constitution Day, Sun 31, Mon 1 Sep observed -> Tue 2
    ("constitution-day-2025", D(2025, 8, 29), 1, D(2025, 9, 2)),
    # Fri 24 October 2025 + 1: Sat 25 Republic Day, Sun 26, Mon 27 observed -> Tue 28
    ("republic-day-2025", D(2025, 10, 24), 1, D(2025, 10, 28)),
    # Fri 3 May 2024 + 1: Saturday 4 May is a transferred working day
    ("worked-saturday-2024", D(2024, 5, 3), 1, D(2024, 5, 4)),
    # ... + 3: Sat 4, Mon 6; Tue 7 Defender's Day, Wed 8 off, Thu 9 Victory Day -> Fri 10
    ("may-2024-holidays", D(2024, 5, 3), 3, D(2024, 5, 10)),
    # Fri 5 January 2024 + 1: Orthodox Christmas on Sunday 7 is not moved -> Mon 8
    ("orthodox-christmas-not-moved", D(2024, 1, 5), 1, D(2024, 1, 8)),
    # Fri 14 June 2024 + 1: Kurban ait on Sunday 16 is not moved -> Mon 17
    ("kurban-ait-2024-not-moved", D(2024, 6, 14), 1, D(2024, 6, 17)),
    # Thu 5 June 2025 + 1: Kurban ait Fri 6, weekend -> Mon 9
    ("kurban-ait-2025", D(2025, 6, 5), 1, D(2025, 6, 9)),
    # 5 working days before Thu 10 April 2025: 9, 8, 7, 4, 3 -> Thu 3 April
    ("5-before-10-april-2025", D(2025, 4, 10), -5, D(2025, 4, 3)),
    # 5 before Thu 27 March 2025: 26; 25-21 off; 20, 19, 18, 17 -> Mon 17 March
    ("5-before-27-march-2025", D(2025, 3, 27), -5, D(2025, 3, 17)),
    # 2 before Wed 8 January 2025: 7 Christmas off; Mon 6, Sun 5 (worked) -> Sun 5
    ("2-before-8-january-2025", D(2025, 1, 8), -2, D(2025, 1, 5)),
]


@pytest.mark.parametrize(
    ("start", "days", "expected"), [row[1:] for row in ADD], ids=[row[0] for row in ADD]
)
def test_add_working_days(start: dt.date, days: int, expected: dt.date) -> None:
    assert CALENDAR.add_working_days(start, days) == expected


SAT_FOR_MON = Transfer(working_day=D(2025, 4, 12), day_off=D(2025, 4, 14))
# (case id, administrator transfers, start, days, expected)
TRANSFERS = [
    # Saturday 12 April 2025 worked in exchange for Monday 14 April:
    # Fri 11 + 1 -> Sat 12; + 2 -> Sun 13 and Mon 14 skipped -> Tue 15
    ("worked-saturday-counts", [SAT_FOR_MON], D(2025, 4, 11), 1, D(2025, 4, 12)),
    ("moved-monday-skipped", [SAT_FOR_MON], D(2025, 4, 11), 2, D(2025, 4, 15)),
    # backwards: 1 before Tue 15 April -> Mon 14 is off -> Sat 12
    ("backwards-through-transfer", [SAT_FOR_MON], D(2025, 4, 15), -1, D(2025, 4, 12)),
    # only an extra day off, Friday 11 April: Thu 10 + 1 -> Mon 14
    ("one-sided-day-off", [Transfer(None, D(2025, 4, 11))], D(2025, 4, 10), 1, D(2025, 4, 14)),
    # only an extra working day, Sunday 13 April: Fri 11 + 1 -> Sun 13
    ("one-sided-working-day", [Transfer(D(2025, 4, 13), None)], D(2025, 4, 11), 1, D(2025, 4, 13)),
    # cancelling the decreed working Saturday 4 May 2024: Fri 3 + 1 -> Mon 6
    ("cancel-decreed-saturday", [Transfer(None, D(2024, 5, 4))], D(2024, 5, 3), 1, D(2024, 5, 6)),
    # working on the observed Nauryz day Tue 25 March 2025: Thu 20 + 1 -> Tue 25
    ("holiday-made-working", [Transfer(D(2025, 3, 25), None)], D(2025, 3, 20), 1, D(2025, 3, 25)),
]


@pytest.mark.parametrize(
    ("transfers", "start", "days", "expected"),
    [row[1:] for row in TRANSFERS],
    ids=[row[0] for row in TRANSFERS],
)
def test_administrator_transfers(
    transfers: list[Transfer], start: dt.date, days: int, expected: dt.date
) -> None:
    assert WorkCalendar(transfers).add_working_days(start, days) == expected


def test_a_transfer_changes_only_its_own_calendar() -> None:
    moved = WorkCalendar([SAT_FOR_MON])
    saturday, monday = D(2025, 4, 12), D(2025, 4, 14)
    assert (moved.is_working_day(saturday), moved.is_working_day(monday)) == (True, False)
    assert (CALENDAR.is_working_day(saturday), CALENDAR.is_working_day(monday)) == (False, True)


# (case id, start, end, working days after start up to and including end)
BETWEEN = [
    # after Thu 20 March 2025 up to Mon 31: 21-25 off, then 26, 27, 28, 31
    ("nauryz-2025", D(2025, 3, 20), D(2025, 3, 31), 4),
    # after Fri 3 May 2024 up to Fri 10: Sat 4, Mon 6, Fri 10 (7, 8, 9 off)
    ("may-2024", D(2024, 5, 3), D(2024, 5, 10), 3),
    # after Tue 31 December 2024 up to Wed 8 January: Sun 5, Mon 6, Wed 8
    ("new-year-2025", D(2024, 12, 31), D(2025, 1, 8), 3),
    # after Mon 7 April 2025 up to Fri 11: Tuesday to Friday
    ("plain-week", D(2025, 4, 7), D(2025, 4, 11), 4),
    ("same-day", D(2025, 4, 7), D(2025, 4, 7), 0),
    ("end-before-start", D(2025, 4, 11), D(2025, 4, 7), 0),
]


@pytest.mark.parametrize(
    ("start", "end", "count"), [row[1:] for row in BETWEEN], ids=[row[0] for row in BETWEEN]
)
def test_working_days_between(start: dt.date, end: dt.date, count: int) -> None:
    assert CALENDAR.working_days_between(start, end) == count


# (case id, day, the day itself when worked, else the first working day after it)
NEXT = [
    ("working-thursday", D(2025, 4, 10), D(2025, 4, 10)),
    ("nauryz-2025", D(2025, 3, 21), D(2025, 3, 26)),  # 21-25 March off
    ("transferred-day-off", D(2025, 1, 3), D(2025, 1, 5)),  # -> the worked Sunday
    ("worked-saturday", D(2024, 5, 4), D(2024, 5, 4)),
    ("may-2024", D(2024, 5, 7), D(2024, 5, 10)),  # 7 Defender's Day, 8 off, 9 Victory Day
    ("victory-day-2026", D(2026, 5, 9), D(2026, 5, 12)),  # Saturday; observed Monday 11
]


@pytest.mark.parametrize(
    ("day", "expected"), [row[1:] for row in NEXT], ids=[row[0] for row in NEXT]
)
def test_next_working_day(day: dt.date, expected: dt.date) -> None:
    assert CALENDAR.next_working_day(day) == expected


def test_holiday_name() -> None:
    assert CALENDAR.holiday_name(D(2025, 3, 10)) is not None  # 8 March observed
    assert CALENDAR.holiday_name(D(2025, 1, 3)) is not None  # transferred day off
    assert CALENDAR.holiday_name(D(2025, 4, 10)) is None


def test_holiday_name_is_kazakh_whatever_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "en_US")
    # 2099: a year no other test loads, so the per-year cache is filled under this locale
    assert CALENDAR.holiday_name(D(2099, 3, 8)) == "Халықаралық әйелдер күні"


# (case id, a call outside what the calendar answers, the field CalendarError names)
ERRORS = [
    ("days-0", lambda: CALENDAR.add_working_days(D(2025, 1, 1), 0), "days"),
    ("days-3661", lambda: CALENDAR.add_working_days(D(2025, 1, 1), 3661), "days"),
    ("days-minus-3661", lambda: CALENDAR.add_working_days(D(2025, 1, 1), -3661), "days"),
    ("start-1990", lambda: CALENDAR.add_working_days(D(1990, 12, 31), 1), "start"),
    ("start-2101", lambda: CALENDAR.add_working_days(D(2101, 1, 1), -1), "start"),
    ("is-working-day-1990", lambda: CALENDAR.is_working_day(D(1990, 6, 1)), "date"),
    ("holiday-name-2101", lambda: CALENDAR.holiday_name(D(2101, 1, 1)), "date"),
    ("next-working-day-2101", lambda: CALENDAR.next_working_day(D(2101, 1, 3)), "date"),
    (
        "between-start-1990",
        lambda: CALENDAR.working_days_between(D(1990, 1, 1), D(2025, 1, 1)),
        "start",
    ),
    (
        "between-end-2101",
        lambda: CALENDAR.working_days_between(D(2025, 1, 1), D(2101, 1, 1)),
        "end",
    ),
]


@pytest.mark.parametrize(
    ("call", "field"), [row[1:] for row in ERRORS], ids=[row[0] for row in ERRORS]
)
def test_calendar_errors_name_the_field(call: Callable[[], object], field: str) -> None:
    with pytest.raises(CalendarError) as caught:
        call()
    assert caught.value.field == field
    assert "1991-2100" in str(caught.value) or "3660" in str(caught.value)


def test_counting_past_the_last_year_names_days() -> None:
    with pytest.raises(CalendarError) as caught:
        CALENDAR.add_working_days(D(2100, 12, 31), 1)
    assert caught.value.field == "days"


@pytest.mark.parametrize("days", [3660, -3660], ids=["plus-3660", "minus-3660"])
def test_the_limit_itself_is_allowed(days: int) -> None:
    start = D(2025, 1, 1)
    end = CALENDAR.add_working_days(start, days)
    if days > 0:
        assert CALENDAR.working_days_between(start, end) == days
    else:
        # `end` is a working day, then 3659 more up to the day before start
        assert CALENDAR.working_days_between(end, start - dt.timedelta(days=1)) == -days - 1


def _last_working_day_on_or_before(day: dt.date) -> dt.date:
    while not CALENDAR.is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


@given(start=st.dates(D(2020, 1, 1), D(2030, 12, 31)), n=st.integers(1, 60))
def test_counting_properties(start: dt.date, n: int) -> None:
    result = CALENDAR.add_working_days(start, n)
    # the n-th working day after start: a working day after it, with exactly n working days in
    # (start, result] and n - 1 before it
    assert result > start
    assert CALENDAR.is_working_day(result)
    assert CALENDAR.working_days_between(start, result) == n
    assert CALENDAR.working_days_between(start, result - dt.timedelta(days=1)) == n - 1
    # going back n from there stops on the last working day on or before start (start itself
    # when it is worked), because the n - 1 working days of (start, result) are passed first
    assert CALENDAR.add_working_days(result, -n) == _last_working_day_on_or_before(start)
    # and going back n then forward n lands on the first working day on or after start
    assert CALENDAR.add_working_days(CALENDAR.add_working_days(start, -n), n) == (
        CALENDAR.next_working_day(start)
    )
