"""The quarterly sheet's endpoints: one quarter through the API, and who may read and write
(forbidden calls answer the error body and change nothing)."""

from __future__ import annotations

import datetime as dt

import pytest

from bagalau.evaluations.models import Evaluation
from bagalau.moj.models import QuarterSheet, QuarterSheetStatus
from bagalau.moj.services.catalogue import catalogue_choose
from bagalau.moj.services.discipline import discipline_record_create
from bagalau.moj.services.schedule import moj_period_open, moj_schedule_draft
from tests.moj.test_api import API, EVERYONE, api

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluation(mw):
    catalogue_choose(actor=mw.admin_user, organisation=mw.org, catalogue="territorial")
    schedule = moj_schedule_draft(actor=mw.hr_staff_user, organisation=mw.org, year=2017)
    period = schedule.periods.get(number=4)
    moj_period_open(actor=mw.hr_staff_user, period_id=period.pk)
    return Evaluation.objects.get(period=period, servant=mw.b_staff1)


ITEM = {"code": "territorial-5-01", "date": "2017-10-16", "evidence": "Order No. 7"}


def test_one_quarter_through_the_api(mw, evaluation):
    manager, servant = api(mw, "b_head"), api(mw, "b_staff1")
    opened = manager.post(f"{API}/evaluations/{evaluation.pk}/quarter-sheet/")
    assert opened.status_code == 201
    sheet = opened.json()
    assert sheet["actions"] == ["agree"]
    url = f"{API}/quarter-sheets/{sheet['id']}"
    own = servant.put(
        f"{url}/self-assessment/",
        {"items": [{**ITEM, "points": 40}], "breaches": [], "version": 1},
        "json",
    )
    assert own.status_code == 200
    assert [(i["code"], i["points"]) for i in own.json()["self_items"]] == [("territorial-5-01", 5)]
    record = discipline_record_create(
        actor=mw.hr_staff_user,
        servant_id=mw.b_staff1.pk,
        kind="executive",
        source="document_flow",
        day=dt.date(2017, 11, 1),
        evidence="Request No. 3 answered late",
    )
    agreed = manager.put(
        f"{url}/agreement/", {"items": [ITEM], "breaches": [record.pk], "version": 2}, "json"
    )
    body = agreed.json()
    assert (body["score"], body["rating"], body["no_self_assessment"]) == (
        103,
        "satisfactory",
        False,
    )
    assert body["deadline"] == {"due": "2017-12-10", "done": "2017-12-20", "late_by": 6}
    assert servant.get(f"{url}/").json()["actions"] == ["sign"]
    assert servant.post(f"{url}/sign/").json()["status"] == "signed"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"items": [{**ITEM, "code": "central-5-01"}], "breaches": []}, "items[0].code"),
        ({"items": [{**ITEM, "date": None}], "breaches": []}, "items[0].date"),
        ({"items": [], "breaches": [{"kind": "labour"}]}, "breaches[0].date"),
    ],
)
def test_bad_self_assessment_is_refused_naming_the_field(mw, evaluation, body, field):
    sheet = api(mw, "hr_staff").post(f"{API}/evaluations/{evaluation.pk}/quarter-sheet/").json()
    answer = api(mw, "b_staff1").put(
        f"{API}/quarter-sheets/{sheet['id']}/self-assessment/", body, "json"
    )
    assert answer.status_code == 400
    assert answer.json()["error"]["field"] == field
    assert QuarterSheet.objects.get().status == QuarterSheetStatus.DRAFT


READ = {who: 404 for who in EVERYONE} | {
    who: 200 for who in ["hr_staff", "hr_head", "head", "b_head", "b_staff1"]
}
AGREE = (
    {who: 403 for who in READ if READ[who] == 200}
    | {"b_head": 200}
    | {who: 404 for who in EVERYONE if READ[who] == 404}
)
SELF = {**AGREE, "b_head": 403, "b_staff1": 200}
OPEN = {**AGREE, "hr_staff": 201, "hr_head": 201, "b_head": 201, "admin": 403, "a_head": 403}


@pytest.mark.parametrize("who", EVERYONE)
def test_the_quarter_sheet_matrix(mw, evaluation, who):
    opened = api(mw, who).post(f"{API}/evaluations/{evaluation.pk}/quarter-sheet/")
    assert opened.status_code == OPEN[who]
    if opened.status_code != 201:
        assert not QuarterSheet.objects.exists()
        api(mw, "hr_staff").post(f"{API}/evaluations/{evaluation.pk}/quarter-sheet/")
    sheet = QuarterSheet.objects.get()
    url = f"{API}/quarter-sheets/{sheet.pk}"
    assert api(mw, who).get(f"{url}/").status_code == READ[who]
    own = api(mw, who).put(f"{url}/self-assessment/", {"items": [ITEM], "breaches": []}, "json")
    assert own.status_code == SELF[who]
    sheet.refresh_from_db()
    assert (sheet.status == QuarterSheetStatus.SELF_ASSESSED) is (SELF[who] == 200)
    agreed = api(mw, who).put(f"{url}/agreement/", {"items": [], "breaches": []}, "json")
    assert agreed.status_code == AGREE[who]
    sheet.refresh_from_db()
    assert (sheet.score is not None) is (AGREE[who] == 200)
