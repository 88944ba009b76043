"""The moj-2017 results of the consequences tests, created directly as the commission's results
(the contract of mojcomm): an approved result has `final_score`, `final_rating` and
`completed_at` (the approval moment). Today is Monday 15 January 2018.

- a_staff1: Q1 2017 excellent (135), annual 2017 effective (4.5): bonus on both.
- a_staff2: annual 2016 and 2017 unsatisfactory (2.5, 2.0): the p.45 alert; the 2017 year
  approved on 14 December 2017, so its training is due on 14 March 2018; Q3 2017 (70) and Q4
  2017 (75) approved before the annual result: the quarter points are 2.
- b_staff1: annual 2015 and 2017 unsatisfactory, 2016 satisfactory: no alert; Q4 2017
  unsatisfactory (75) approved on 5 December 2017 (no mentoring), then annual 2017 (approved
  14 December 2017) unsatisfactory.
- b_head: Q3 2017 unsatisfactory, then Q4 2017 satisfactory: mentoring allowed again.
- deputy: Q4 2017 excellent but not approved yet (no final rating): nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from django.utils import timezone

from bagalau.evaluations.models import EvaluationStatus, Method, PeriodKind
from bagalau.org.models import Assignment, EditionAssignment
from tests.factories import EvaluationFactory, PeriodFactory, ScheduleFactory

TODAY = dt.date(2018, 1, 15)
TZ = timezone.get_fixed_timezone(360)


def moment(day: dt.date) -> dt.datetime:
    """Noon of `day` in Astana."""
    return dt.datetime.combine(day, dt.time(12), tzinfo=TZ)


def build(w):
    """Add the moj-2017 results above to the world `w` and return it."""
    EditionAssignment.objects.filter(organisation=w.org).delete()
    EditionAssignment.objects.create(
        organisation=w.org, edition="moj-2017", valid_from=dt.date(2015, 1, 1)
    )
    Assignment.objects.filter(servant__organisation=w.org).update(start=dt.date(2014, 1, 1))
    periods = {}
    for year in (2015, 2016, 2017):
        schedule = ScheduleFactory(
            organisation=w.org, year=year, edition="moj-2017", drafted_by=w.hr_staff_user
        )
        for number in (1, 2, 3, 4):
            periods[(year, number)] = PeriodFactory(schedule=schedule, number=number)
        periods[(year, 0)] = PeriodFactory(
            schedule=schedule,
            kind=PeriodKind.ANNUAL,
            number=None,
            starts=dt.date(year, 1, 1),
            ends=dt.date(year, 12, 31),
            deadline=dt.date(year, 12, 25),
        )

    def result(key, year, quarter, score, rating, approved):
        return EvaluationFactory(
            period=periods[(year, quarter)],
            servant=getattr(w, key),
            assignment=getattr(w, f"{key}_assignment"),
            method=Method.MOJ_ANNUAL if quarter == 0 else Method.MOJ_QUARTER,
            edition="moj-2017",
            status=EvaluationStatus.SIGNED,
            score=D(score),
            rating=rating,
            final_score=D(score) if approved else None,
            final_rating=rating if approved else "",
            completed_at=moment(approved) if approved else None,
        )

    w.q1_excellent = result("a_staff1", 2017, 1, 135, "excellent", dt.date(2017, 4, 20))
    w.year_effective = result("a_staff1", 2017, 0, "4.5", "effective", dt.date(2017, 12, 14))
    w.weak_2016 = result("a_staff2", 2016, 0, "2.5", "unsatisfactory", dt.date(2016, 12, 20))
    w.weak_q3 = result("a_staff2", 2017, 3, 70, "unsatisfactory", dt.date(2017, 10, 20))
    w.weak_q4 = result("a_staff2", 2017, 4, 75, "unsatisfactory", dt.date(2017, 12, 5))
    w.weak_2017 = result("a_staff2", 2017, 0, "2.0", "unsatisfactory", dt.date(2017, 12, 14))
    w.gap_2015 = result("b_staff1", 2015, 0, "2.5", "unsatisfactory", dt.date(2015, 12, 22))
    w.gap_2016 = result("b_staff1", 2016, 0, "3.5", "satisfactory", dt.date(2016, 12, 20))
    w.gap_q4 = result("b_staff1", 2017, 4, 75, "unsatisfactory", dt.date(2017, 12, 5))
    w.gap_2017 = result("b_staff1", 2017, 0, "2.5", "unsatisfactory", dt.date(2017, 12, 14))
    w.head_q3 = result("b_head", 2017, 3, 72, "unsatisfactory", dt.date(2017, 10, 20))
    w.head_q4 = result("b_head", 2017, 4, 100, "satisfactory", dt.date(2017, 12, 5))
    w.open_q4 = result("deputy", 2017, 4, 140, "excellent", None)
    return w
