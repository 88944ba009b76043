"""The REST endpoints of the work plan App. 1 and the annual sheet App. 4 (/api/v1/moj/): a plan
and a year through the API, the permission matrices (refused: nothing changed), bad input
refused naming the field with nothing written."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bagalau.evaluations.models import Evaluation, EvaluationStatus
from bagalau.moj.models import AnnualSheet, WorkPlan, WorkPlanStatus
from bagalau.moj.services.annual_sheet import (
    annual_sheet_agree,
    annual_sheet_confirm,
    annual_sheet_open,
)
from bagalau.moj.services.work_plan import work_plan_create
from tests.moj.test_annual_sheet import PLAN, annual_of, approve, marks
from tests.moj.test_annual_sheet import year as year  # noqa: F401  (fixture)
from tests.moj.test_api import EVERYONE, api

pytestmark = pytest.mark.django_db

API = "/api/v1/moj"


def test_a_plan_through_the_api(mw):
    servant, manager = api(mw, "b_staff1"), api(mw, "b_head")
    bad = servant.post(
        f"{API}/work-plans/",
        {"servant": mw.b_staff1.pk, "year": 2017, "indicators": [*PLAN, *PLAN[:2]]},
        "json",
    )
    assert bad.status_code == 400
    assert bad.json()["error"]["field"] == "indicators"
    assert not WorkPlan.objects.exists()
    made = servant.post(
        f"{API}/work-plans/",
        {"servant": mw.b_staff1.pk, "year": 2017, "indicators": PLAN},
        "json",
    )
    assert made.status_code == 201
    plan_id = made.json()["id"]
    assert made.json()["deadline"] == {"due": "2017-01-10", "filed": None, "late": True}
    assert sorted(made.json()["actions"]) == ["edit", "sign_servant"]
    empty = manager.put(
        f"{API}/work-plans/{plan_id}/indicators/",
        {"indicators": [{**PLAN[0], "expected_result": ""}]},
        "json",
    )
    assert empty.json()["error"]["field"] == "indicators[0].expected_result"
    assert servant.post(f"{API}/work-plans/{plan_id}/sign/").status_code == 200
    filed = manager.post(f"{API}/work-plans/{plan_id}/sign/")
    assert (filed.json()["status"], filed.json()["filed_version"]) == ("filed", 1)
    amended = servant.post(
        f"{API}/work-plans/{plan_id}/amendment/", {"reason": "New duties"}, "json"
    )
    assert amended.status_code == 200
    versions = amended.json()["versions"]
    assert [(v["number"], v["reason"]) for v in versions] == [(1, ""), (2, "New duties")]
    assert api(mw, "hr_staff").get(f"{API}/work-plans/{plan_id}/").json()["filed_version"] == 1


PLAN_READ = {who: 404 for who in EVERYONE} | {"b_head": 200, "b_staff1": 200}
PLAN_SIGN = {who: 404 for who in EVERYONE} | {"b_head": 403, "b_staff1": 200}


@pytest.mark.parametrize("who", [None, *EVERYONE])
def test_the_plan_api_matrix(mw, who):
    plan = work_plan_create(
        actor=mw.b_staff1_user, servant_id=mw.b_staff1.pk, year=2017, indicators=PLAN
    )
    read = api(mw, who).get(f"{API}/work-plans/{plan.pk}/")
    signed = api(mw, who).post(f"{API}/work-plans/{plan.pk}/sign/")
    if who is None:
        assert (read.status_code, signed.status_code) in ((401, 401), (403, 403))
    else:
        assert read.status_code == PLAN_READ[who]
        assert signed.status_code == PLAN_SIGN[who]
    plan.refresh_from_db()
    assert (plan.status == WorkPlanStatus.SERVANT_SIGNED) is (PLAN_SIGN.get(who) == 200)


def test_the_year_through_the_api(year):  # noqa: F811
    manager, servant, hr = api(year, "b_head"), api(year, "b_staff1"), api(year, "hr_staff")
    evaluation = annual_of(year, year.b_staff1)
    opened = manager.post(f"{API}/evaluations/{evaluation.pk}/annual-sheet/")
    assert opened.status_code == 201
    sheet_id = opened.json()["id"]
    base = f"{API}/annual-sheets/{sheet_id}"
    bad = servant.put(f"{base}/self-assessment/", {"marks": marks(5, 5, 7)}, "json")
    assert bad.json()["error"]["field"] == "marks[2].points"
    assert (
        servant.put(f"{base}/self-assessment/", {"marks": marks(5, 5, 4)}, "json").status_code
        == 200
    )
    agreed = manager.put(f"{base}/agreement/", {"marks": marks(4, 5, 3), "version": 2}, "json")
    assert agreed.json()["plan_score"] == "4.00"
    assert servant.post(f"{base}/confirm/").status_code == 200
    assert hr.get(f"{base}/explain/?lang=en").status_code == 404
    early = hr.post(f"{base}/computation/")
    assert (early.status_code, early.json()["error"]["field"]) == (400, "quarters")
    approve(year, q1=112, q2=98, q3=131)
    done = hr.post(f"{base}/computation/").json()
    assert (done["quarter_mean"], done["quarter_points"], done["score"], done["rating"]) == (
        "113.67",
        4,
        "4.00",
        "effective",
    )
    assert done["weights_reconstruction"] is True
    explained = servant.get(f"{base}/explain/?lang=en").json()
    assert explained["result"] == "4.0 · Effective"


SHEET_READ = {who: 404 for who in EVERYONE} | {
    who: 200 for who in ["hr_staff", "hr_head", "head", "b_head", "b_staff1"]
}
COMPUTE = {who: (403 if SHEET_READ[who] == 200 else 404) for who in EVERYONE} | {
    "hr_staff": 200,
    "hr_head": 200,
}


@pytest.mark.parametrize("who", [None, *EVERYONE])
def test_the_annual_api_matrix(year, who):  # noqa: F811
    sheet = annual_sheet_open(
        actor=year.hr_staff_user, evaluation_id=annual_of(year, year.b_staff1).pk
    )
    annual_sheet_agree(actor=year.b_head_user, sheet_id=sheet.pk, marks=marks(4, 4, 4))
    annual_sheet_confirm(actor=year.b_staff1_user, sheet_id=sheet.pk)
    approve(year, q1=100)
    base = f"{API}/annual-sheets/{sheet.pk}"
    read = api(year, who).get(f"{base}/")
    computed = api(year, who).post(f"{base}/computation/")
    if who is None:
        assert read.status_code in (401, 403)
        assert computed.status_code in (401, 403)
    else:
        assert read.status_code == SHEET_READ[who]
        assert computed.status_code == COMPUTE[who]
    evaluation = Evaluation.objects.get(pk=sheet.evaluation_id)
    assert (evaluation.status == EvaluationStatus.BEFORE_COMMISSION) is (COMPUTE.get(who) == 200)
    assert (evaluation.score == Decimal("3.5")) is (COMPUTE.get(who) == 200)


def test_opening_without_a_filed_plan_is_refused_by_the_api(year):  # noqa: F811
    evaluation = annual_of(year, year.a_staff1)
    refused = api(year, "hr_staff").post(f"{API}/evaluations/{evaluation.pk}/annual-sheet/")
    assert (refused.status_code, refused.json()["error"]["field"]) == (400, "plan")
    assert not AnnualSheet.objects.exists()
