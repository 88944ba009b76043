"""The typical-2018 endpoints (/api/v1/typical/): the same services and access as the pages;
refusals answer the error body and change nothing."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from bagalau.evaluations.models import EvaluationStatus, PeriodKind
from bagalau.typical.models import CompetencySheet, KpiSheet
from bagalau.typical.services.schedule import typical_schedule_draft
from tests.typical.conftest import TODAY, YEAR, approved_plan, evaluation_of, opened

pytestmark = pytest.mark.django_db

API = "/api/v1/typical"


def api(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def case(tw):
    tw.schedule = opened(tw)
    approved_plan(tw, tw.b_staff1, tw.b_staff1_assignment)
    tw.evaluation = evaluation_of(tw.schedule, tw.b_staff1)
    return tw


def test_the_year_through_the_api_up_to_the_commission(case):
    manager, superior, hr = api(case.b_head_user), api(case.head_user), api(case.hr_staff_user)
    opened = manager.post(f"{API}/evaluations/{case.evaluation.pk}/kpi-sheet/")
    assert opened.status_code == 201
    sheet = opened.json()
    assert [row["number"] for row in sheet["rows"]] == [1, 2, 3, 4, 5]
    assert sheet["actions"] == ["fill", "sign"]
    rows = [{"number": n, "actual": str(n), "achieved": n != 5} for n in range(1, 6)]
    filled = manager.put(
        f"{API}/kpi-sheets/{sheet['id']}/", {"version": sheet["version"], "rows": rows}, "json"
    )
    assert filled.status_code == 200
    signed = manager.post(f"{API}/kpi-sheets/{sheet['id']}/transitions/sign/", {}, "json")
    assert (signed.json()["achieved"], signed.json()["rating"]) == (4, "effective")
    agreed = superior.post(f"{API}/kpi-sheets/{sheet['id']}/transitions/agree/", {}, "json")
    assert agreed.json()["status"] == "agreed"
    sent = hr.post(f"{API}/kpi-sheets/{sheet['id']}/transitions/send/", {}, "json")
    assert sent.status_code == 200

    competency = manager.post(f"{API}/evaluations/{case.evaluation.pk}/competency-sheet/").json()
    ticked = manager.put(
        f"{API}/competency-sheets/{competency['id']}/",
        {"observed": {"responsibility": [1]}},
        "json",
    )
    assert ticked.json()["observed"] == {"responsibility": [1]}
    url = f"{API}/competency-sheets/{competency['id']}/transitions/"
    signed = manager.post(url + "sign/", {"day": str(TODAY)}, "json").json()
    assert signed["results"]["responsibility"]["result"] == "meets"
    assert hr.post(url + "send/", {}, "json").status_code == 200
    detail = api(case.b_staff1_user).get(f"{API}/evaluations/{case.evaluation.pk}/").json()
    assert (detail["status"], detail["rating"]) == (EvaluationStatus.BEFORE_COMMISSION, "effective")


def test_a_sixth_kpi_and_an_edit_after_signing_answer_the_field(case):
    manager = api(case.b_head_user)
    sheet = manager.post(f"{API}/evaluations/{case.evaluation.pk}/kpi-sheet/").json()
    url = f"{API}/kpi-sheets/{sheet['id']}/"
    response = manager.put(url, {"rows": [{"number": 6, "actual": "1"}]}, "json")
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "rows.6"
    rows = [{"number": n, "actual": "1", "achieved": True} for n in range(1, 6)]
    manager.put(url, {"rows": rows}, "json")
    manager.post(url + "transitions/sign/", {}, "json")
    response = manager.put(url, {"rows": [{"number": 2, "achieved": False}]}, "json")
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "rows.2.achieved"
    assert KpiSheet.objects.get().rows.get(number=2).achieved is True


@pytest.mark.parametrize(
    ("who", "status"),
    [(None, 403), ("outsider_user", 404), ("a_head_user", 404), ("b_staff1_user", 403)],
    ids=["anonymous", "outsider", "other-manager", "evaluatee"],
)
def test_forbidden_writes_change_nothing(case, who, status):
    user = None if who is None else getattr(case, who)
    client = api(user)
    response = client.post(f"{API}/evaluations/{case.evaluation.pk}/kpi-sheet/")
    assert response.status_code == status
    assert not KpiSheet.objects.exists()
    response = client.post(f"{API}/evaluations/{case.evaluation.pk}/competency-sheet/")
    assert response.status_code == status
    assert not CompetencySheet.objects.exists()


@pytest.mark.parametrize("who", ["outsider_user", "a_head_user", "admin_user"])
def test_reads_are_404_for_anyone_else(case, who):
    sheet = api(case.b_head_user).post(f"{API}/evaluations/{case.evaluation.pk}/kpi-sheet/")
    client = api(getattr(case, who))
    assert client.get(f"{API}/evaluations/{case.evaluation.pk}/").status_code == 404
    assert client.get(f"{API}/kpi-sheets/{sheet.json()['id']}/").status_code == 404


def test_only_hr_records_the_consent_and_opens(tw):
    schedule = typical_schedule_draft(actor=tw.hr_staff_user, organisation=tw.org, year=YEAR)
    period = schedule.periods.get(kind=PeriodKind.ANNUAL)
    data = {"chair_name": "Төраға", "agreed_on": str(TODAY)}
    consent = f"{API}/schedules/{schedule.pk}/consent/"
    assert api(tw.b_head_user).post(consent, data, "json").status_code == 403
    assert api(tw.outsider_user).post(consent, data, "json").status_code == 404
    assert api(tw.hr_staff_user).post(f"{API}/periods/{period.pk}/open/").status_code == 400
    assert api(tw.hr_staff_user).post(consent, data, "json").status_code == 201
    assert api(tw.b_head_user).post(f"{API}/periods/{period.pk}/open/").status_code == 403
    opened = api(tw.hr_staff_user).post(f"{API}/periods/{period.pk}/open/")
    assert opened.status_code == 200
    assert len(opened.json()["created"]) == 8
