"""One moj-2017 year through the four parts built side by side (issue 11): the quarterly App. 3
sheets close and go before the commission, the commission approves one quarter and revises the
other, HR computes the year from the approved quarters and the App. 4 plan sheet, the commission
approves the year, the service record holds the three results in points, and the consequences
read them.

b_staff1 in 2017 (moj-2017 in force all year by the organisation's dates, the annual-sheet
fixture), on the territorial catalogue:
- Q3: one 5-point activity → q = 105, satisfactory; approved as it is;
- Q4: one 4-point activity and one labour breach → q = 100 + 4 − 2 = 102, satisfactory; revised by
  the commission to 106 (an activity the manager left out): effective (p.35, bands p.27);
- the year: the approved quarters 105 and 106 → mean 105.50 → 4 points ((105, 130], M-2); the
  plan 4, 4, 3 → 3.67 (M-6); 0.5 × 4 + 0.5 × 3.67 = 3.835 → 3.8, satisfactory (p.33, M-1).
The quarters' session sits on Wednesday 20 December 2017 (the day HR computes the year); the
year's session on Wednesday 27 December 2017, the 5th working day after it (21, 22, 25, 26, 27
December), so HR's computation is on time (p.32).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bagalau.consequences.moj import approved_results, bonus_results, mentor_banned
from bagalau.evaluations.models import EvaluationStatus, ServiceRecordEntry
from bagalau.moj.services.annual_sheet import (
    annual_sheet_agree,
    annual_sheet_compute,
    annual_sheet_confirm,
    annual_sheet_open,
    annual_sheet_self_assess,
)
from bagalau.moj.services.catalogue import catalogue_choose
from tests.commission.moj_world import all_for, attend, put, schedule, sign_all
from tests.moj.test_annual_sheet import annual_of, marks, year  # noqa: F401  (fixture)
from tests.moj.year import commission_formed, quarter_closed

pytestmark = pytest.mark.django_db

QUARTERS_SESSION = dt.date(2017, 12, 20)
YEAR_SESSION = dt.date(2017, 12, 27)


def test_a_year_from_the_quarterly_sheets_to_the_consequences(year, clock):  # noqa: F811
    w = year
    catalogue_choose(actor=w.admin_user, organisation=w.org, catalogue="territorial")
    q3 = quarter_closed(w, 3, "territorial-5-01")
    q4 = quarter_closed(w, 4, "territorial-4-01", breach_day=dt.date(2017, 11, 14))
    assert [(q.status, q.score, q.rating) for q in (q3, q4)] == [
        (EvaluationStatus.BEFORE_COMMISSION, Decimal(105), "satisfactory"),
        (EvaluationStatus.BEFORE_COMMISSION, Decimal(102), "satisfactory"),
    ]

    commission_formed(w)
    session = schedule(w, [q3, q4], day=QUARTERS_SESSION)
    attend(w, session)
    all_for(w, put(w, session, q3))
    all_for(
        w, put(w, session, q4, "revise", revised_score="106", reason="Бір іс-шара ескерілмеген")
    )
    sign_all(w, session, day=QUARTERS_SESSION)
    q3.refresh_from_db()
    q4.refresh_from_db()
    assert [(q.final_score, q.final_rating, q.status) for q in (q3, q4)] == [
        (Decimal(105), "satisfactory", EvaluationStatus.DECIDED),
        (Decimal(106), "effective", EvaluationStatus.DECIDED),
    ]

    annual = annual_of(w, w.b_staff1)
    sheet = annual_sheet_open(actor=w.b_head_user, evaluation_id=annual.pk)
    annual_sheet_self_assess(actor=w.b_staff1_user, sheet_id=sheet.pk, marks=marks(5, 4, 4))
    annual_sheet_agree(actor=w.b_head_user, sheet_id=sheet.pk, marks=marks(4, 4, 3))
    annual_sheet_confirm(actor=w.b_staff1_user, sheet_id=sheet.pk)
    sheet = annual_sheet_compute(actor=w.hr_staff_user, sheet_id=sheet.pk)
    assert (sheet.quarter_mean, sheet.quarter_points, sheet.plan_score) == (
        Decimal("105.50"),
        4,
        Decimal("3.67"),
    )
    annual.refresh_from_db()
    assert (annual.score, annual.rating) == (Decimal("3.8"), "satisfactory")

    clock(YEAR_SESSION)
    session = schedule(w, [annual], day=YEAR_SESSION)
    attend(w, session)
    all_for(w, put(w, session, annual))
    sign_all(w, session, day=YEAR_SESSION)
    annual.refresh_from_db()
    assert (annual.final_score, annual.final_rating, annual.status) == (
        Decimal("3.8"),
        "satisfactory",
        EvaluationStatus.DECIDED,
    )

    record = {
        entry.evaluation_id: entry.score
        for entry in ServiceRecordEntry.objects.filter(servant=w.b_staff1)
    }
    assert record == {
        q3.pk: Decimal("105.00"),
        q4.pk: Decimal("106.00"),
        annual.pk: Decimal("3.80"),
    }

    results = list(approved_results(w.org, w.b_staff1))
    assert [r.pk for r in results] == [q3.pk, q4.pk, annual.pk]
    assert [r.pk for r in bonus_results(results)] == [q4.pk]  # effective (p.42, M-9)
    assert mentor_banned(results) == []  # the latest, the year, is satisfactory (p.44, M-11)
