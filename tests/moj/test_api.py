"""The moj-2017 endpoints (/api/v1/moj/): the same services and access as the services' tests;
every forbidden call answers the error body and changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from bagalau.moj.models import CatalogueChoice, DisciplineRecord
from bagalau.moj.services.consent import moj_quarter_open, moj_schedule_record_consent
from bagalau.moj.services.discipline import discipline_record_create
from tests.moj.test_discipline import DAY

pytestmark = pytest.mark.django_db

API = "/api/v1/moj"
EVERYONE = ["admin", "hr_staff", "hr_head", "head", "b_head", "b_staff1", "a_head", "outsider"]


def api(w, who) -> APIClient:
    client = APIClient()
    if who is not None:
        client.force_authenticate(getattr(w, f"{who}_user"))
    return client


CATALOGUE_READ = {who: 200 for who in EVERYONE} | {"outsider": 404}
CATALOGUE_WRITE = {who: 403 for who in EVERYONE} | {"admin": 200, "outsider": 404}


@pytest.mark.parametrize("who", EVERYONE)
def test_the_catalogue_matrix(mw, who):
    url = f"{API}/catalogue/?organisation={mw.org.pk}"
    read = api(mw, who).get(url)
    assert read.status_code == CATALOGUE_READ[who]
    if read.status_code == 200:
        assert read.json()["catalogue"] is None
        assert [o["code"] for o in read.json()["options"]] == ["central", "territorial"]
        assert read.json()["may_choose"] is (who == "admin")
    chosen = api(mw, who).put(url, {"catalogue": "territorial"}, "json")
    assert chosen.status_code == CATALOGUE_WRITE[who]
    if chosen.status_code == 200:
        assert (chosen.json()["catalogue"], chosen.json()["version"]) == ("territorial", 1)
    else:
        assert "error" in chosen.json()
        assert not CatalogueChoice.objects.exists()


def test_the_catalogue_anonymously_and_with_bad_input(mw):
    url = f"{API}/catalogue/?organisation={mw.org.pk}"
    assert APIClient().get(url).status_code in (401, 403)
    admin = api(mw, "admin")
    refused = admin.put(url, {"catalogue": "committee"}, "json")
    assert refused.status_code == 400
    assert refused.json()["error"]["field"] == "catalogue"
    admin.put(url, {"catalogue": "territorial"}, "json")
    admin.put(url, {"catalogue": "central", "version": 1}, "json")
    stale = admin.put(url, {"catalogue": "territorial", "version": 1}, "json")
    assert stale.status_code == 409
    assert CatalogueChoice.objects.get().catalogue == "central"


#: Who may list a servant's quarter (b_staff1) and add a breach with the direct manager's source.
LIST = {who: 404 for who in EVERYONE} | {
    who: 200 for who in ["hr_staff", "hr_head", "head", "b_head", "b_staff1"]
}
ADD_AS_MANAGER = {who: 404 for who in EVERYONE} | {
    "b_head": 201,
    "hr_staff": 403,
    "hr_head": 403,
    "head": 403,
    "b_staff1": 403,
}


@pytest.mark.parametrize("who", EVERYONE)
def test_the_breaches_matrix(mw, who):
    made = discipline_record_create(
        actor=mw.hr_staff_user,
        servant_id=mw.b_staff1.pk,
        kind="labour",
        source="hr",
        day=DAY,
        evidence="Time sheet, 14.11",
    )
    url = f"{API}/servants/{mw.b_staff1.pk}/breaches/"
    listed = api(mw, who).get(f"{url}?year=2017&quarter=4")
    assert listed.status_code == LIST[who]
    detail = api(mw, who).get(f"{API}/breaches/{made.pk}/")
    assert detail.status_code == LIST[who]
    if listed.status_code == 200:
        assert [r["id"] for r in listed.json()["records"]] == [made.pk]
        assert detail.json()["evidence"] == "Time sheet, 14.11"
    body = {"kind": "executive", "source": "direct_manager", "day": "2017-11-15", "evidence": "e"}
    added = api(mw, who).post(url, body, "json")
    assert added.status_code == ADD_AS_MANAGER[who]
    if added.status_code == 201:
        assert added.json()["source"] == "direct_manager"
        assert DisciplineRecord.objects.count() == 2
    else:
        assert "error" in added.json()
        assert DisciplineRecord.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"day": None}, "day"),
        ({"evidence": ""}, "evidence"),
        ({"source": "hr"}, "source"),
        ({"kind": "ethics"}, "kind"),
    ],
)
def test_a_bad_breach_is_refused_naming_the_field(mw, changes, field):
    body = {"kind": "executive", "source": "direct_manager", "day": "2017-11-15", "evidence": "e"}
    body |= changes
    if body["day"] is None:
        del body["day"]
    answer = api(mw, "b_head").post(f"{API}/servants/{mw.b_staff1.pk}/breaches/", body, "json")
    assert answer.status_code == 400
    assert answer.json()["error"]["field"] == field
    assert not DisciplineRecord.objects.exists()


@pytest.mark.parametrize(
    ("query", "field"),
    [("year=2017", "quarter"), ("quarter=4", "year"), ("year=2017&quarter=9", "quarter")],
)
def test_a_bad_quarter_is_refused_naming_the_parameter(mw, query, field):
    answer = api(mw, "hr_staff").get(f"{API}/servants/{mw.b_staff1.pk}/breaches/?{query}")
    assert answer.status_code == 400
    assert answer.json()["error"]["field"] == field


SCHEDULE_POST = {who: 403 for who in EVERYONE} | {"hr_staff": 201, "hr_head": 201, "outsider": 404}
PERIOD_OPEN = {who: 403 for who in EVERYONE} | {"hr_head": 200, "outsider": 404}
CONSENT_POST = {who: 403 for who in EVERYONE} | {"hr_staff": 201, "hr_head": 201, "outsider": 404}
NOTICE_POST = {who: 403 for who in EVERYONE} | {"hr_staff": 200, "hr_head": 200, "outsider": 404}


@pytest.mark.parametrize("who", EVERYONE)
def test_the_schedule_and_quarter_matrix(mw, who):
    from bagalau.evaluations.models import Evaluation, Period, PeriodStatus, Schedule

    url = f"{API}/schedules/?organisation={mw.org.pk}"
    drafted = api(mw, who).post(url, {"year": 2017}, "json")
    assert drafted.status_code == SCHEDULE_POST[who]
    if drafted.status_code == 201:
        body = drafted.json()
        assert [(p["number"], p["ends"], p["deadline"]) for p in body["periods"]] == [
            (3, "2017-09-30", "2017-10-10"),
            (4, "2017-11-30", "2017-12-10"),
            (None, "2017-12-31", "2017-12-25"),
        ]
    else:
        assert "error" in drafted.json()
        assert not Schedule.objects.exists()
        api(mw, "hr_staff").post(url, {"year": 2017}, "json")
    period = Period.objects.get(number=4)
    schedule = Schedule.objects.get()
    consent = api(mw, who).post(
        f"{API}/schedules/{schedule.pk}/consent/",
        {"chair_name": "Төраға", "agreed_on": "2017-11-01"},
        "json",
    )
    assert consent.status_code == CONSENT_POST[who]
    schedule.refresh_from_db()
    assert (schedule.status == "approved") is (consent.status_code == 201)
    if consent.status_code != 201:
        moj_schedule_record_consent(
            actor=mw.hr_staff_user,
            schedule_id=schedule.pk,
            chair_name="Төраға",
            agreed_on=dt.date(2017, 11, 1),
        )
    opened = api(mw, who if who != "hr_staff" else "hr_head").post(
        f"{API}/periods/{period.pk}/open/"
    )
    expected = PERIOD_OPEN["hr_head" if who == "hr_staff" else who]
    assert opened.status_code == expected
    period.refresh_from_db()
    if expected == 200:
        assert period.status == PeriodStatus.OPEN
        assert len(opened.json()["created"]) == Evaluation.objects.count() > 0
    else:
        assert period.status == PeriodStatus.SCHEDULED
        assert not Evaluation.objects.exists()


def test_a_bad_cut_off_is_refused_naming_the_field(mw):
    answer = api(mw, "hr_staff").post(
        f"{API}/schedules/?organisation={mw.org.pk}",
        {"year": 2017, "q4_cutoff": "2017-12-11"},
        "json",
    )
    assert answer.status_code == 400
    assert answer.json()["error"]["field"] == "q4_cutoff"


def test_a_quarter_does_not_open_through_the_api_before_the_consent(mw):
    from bagalau.evaluations.models import Evaluation, Period, PeriodStatus

    api(mw, "hr_staff").post(f"{API}/schedules/?organisation={mw.org.pk}", {"year": 2017}, "json")
    period = Period.objects.get(number=4)
    answer = api(mw, "hr_staff").post(f"{API}/periods/{period.pk}/open/")
    assert answer.status_code == 400
    assert answer.json()["error"]["field"] == "schedule"
    period.refresh_from_db()
    assert period.status == PeriodStatus.SCHEDULED
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize("who", EVERYONE)
def test_the_notice_matrix(mw, who):
    from bagalau.moj.models import PeriodNotice
    from bagalau.moj.services.schedule import moj_schedule_draft

    schedule = moj_schedule_draft(actor=mw.hr_staff_user, organisation=mw.org, year=2017)
    moj_schedule_record_consent(
        actor=mw.hr_staff_user,
        schedule_id=schedule.pk,
        chair_name="Төраға",
        agreed_on=dt.date(2017, 11, 1),
    )
    period = schedule.periods.get(number=4)
    moj_quarter_open(actor=mw.hr_staff_user, period_id=period.pk)
    answer = api(mw, who).post(f"{API}/periods/{period.pk}/notice/")
    assert answer.status_code == NOTICE_POST[who]
    if answer.status_code == 200:
        assert answer.json() | {"period": 0} == {
            "period": 0,
            "due": "2017-11-30",
            "sent_on": "2017-12-20",
            "late_by": 20,
            "recipients": 16,
            "sent": 16,
        }
    else:
        assert "error" in answer.json()
    assert PeriodNotice.objects.exists() is (answer.status_code == 200)
