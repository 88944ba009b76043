"""The moj-2017 commission through the pages and the API: the motion with a corrected score and
its explanation, the session's kind, papers and late warning, no approval step, the information to
the agency; who may do what (chair, secretary, member, HR, servant, evaluator, another
organisation, anonymous), and nothing changed after a refusal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from bagalau.commission import services
from bagalau.commission.models import AgencyReport, Motion
from tests.commission.moj_world import (
    LATE_SESSION,
    MEMBERS,
    all_for,
    attend,
    build,
    decided_quarter,
    put,
    schedule,
)

pytestmark = pytest.mark.django_db


def api_post(client, name, data, **kwargs):
    return client.post(
        reverse(f"api:commission-{name}", kwargs=kwargs), data, content_type="application/json"
    )


@pytest.fixture
def held(world, clock):
    w = build(world, clock)
    w.session = schedule(w, [w.quarter1, w.quarter2], day=LATE_SESSION)
    attend(w, w.session)
    return w


def test_the_api_revises_a_quarter_and_refuses_bad_input_writing_nothing(held, client):
    client.force_login(held.hr_staff_user)
    sid = held.session.pk
    for data, field in (
        ({"revised_score": "106"}, "reason"),
        ({"revised_score": "105.5", "reason": "x"}, "revised_score"),
        ({"reason": "x"}, "revised_score"),
    ):
        payload = {"evaluation_id": held.quarter2.pk, "kind": "revise", **data}
        refused = api_post(client, "motions", payload, session_id=sid)
        assert refused.status_code == 400
        assert refused.json()["error"]["field"] == field
    assert not Motion.objects.exists()
    payload = {
        "evaluation_id": held.quarter2.pk,
        "kind": "revise",
        "revised_score": "106",
        "reason": "Екі іс-шара",
        "recommendations": "Оқыту",
    }
    made = api_post(client, "motions", payload, session_id=sid)
    assert made.status_code == 201
    assert (made.json()["revised_score"], made.json()["recommendations"]) == ("106.00", "Оқыту")
    session = client.get(reverse("api:commission-session", args=[sid])).json()
    assert [w["code"] for w in session["warnings"]] == ["quarter_session_late"]
    item = next(i for i in session["agenda"] if i["evaluation_id"] == held.quarter2.pk)
    assert item["moj_kind"] == "quarter"
    assert [p["code"] for p in item["papers"]] == ["job_description"]


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("hr_staff", 201),  # HR, the secretary
        ("hr_head", 201),  # HR head, a member
        ("deputy", 403),  # the chair
        ("b_head", 403),  # a member
        ("a_head", 403),  # the evaluator, a member
        ("head", 403),  # the authorised person
        ("a_staff1", 404),  # the servant
        ("other_hr", 404),  # another organisation
    ],
)
def test_who_puts_a_motion_through_the_api(held, client, who, status):
    client.force_login(getattr(held, f"{who}_user"))
    payload = {"evaluation_id": held.quarter1.pk, "kind": "approve"}
    response = api_post(client, "motions", payload, session_id=held.session.pk)
    assert response.status_code == status
    assert Motion.objects.count() == (1 if status == 201 else 0)


def test_the_anonymous_put_nothing(held, client):
    payload = {"evaluation_id": held.quarter1.pk, "kind": "approve"}
    response = api_post(client, "motions", payload, session_id=held.session.pk)
    assert response.status_code in (401, 403)
    page = client.get(reverse("commission:session", args=[held.session.pk]))
    assert page.status_code == 302
    assert not Motion.objects.exists()


def test_the_session_page_shows_the_moj_form_kind_papers_and_warning(held, client):
    position = held.a_staff1_assignment.position
    position.job_description = "Азаматтардың өтініштерін қарайды"
    position.save()
    client.force_login(held.hr_staff_user)
    page = client.get(reverse("commission:session", args=[held.session.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="moj-kind"' in html
    assert 'data-testid="warning"' in html
    assert "Азаматтардың өтініштерін қарайды" in html
    assert 'name="revised_score"' in html
    assert 'name="revised_kpi_achieved"' not in html


def test_the_page_puts_a_revision_and_refuses_one_without_explanation(held, client):
    client.force_login(held.hr_staff_user)
    url = reverse("commission:motion", args=[held.session.pk])
    data = {"evaluation": held.quarter2.pk, "kind": "revise", "revised_score": "106"}
    refused = client.post(url, data)
    assert refused.status_code in (200, 400)
    assert not Motion.objects.exists()
    done = client.post(url, {**data, "reason": "Екі іс-шара"})
    assert done.status_code == 302
    assert Motion.objects.get().revised_score == 106


def test_the_page_refuses_a_motion_on_an_evaluation_written_in_other_digits(held, client):
    """A "²" is a digit to str.isdigit() and not to int(): the form refuses it, nothing written."""
    client.force_login(held.hr_staff_user)
    url = reverse("commission:motion", args=[held.session.pk])
    data = {"evaluation": "²", "kind": "revise", "revised_score": "106", "reason": "x"}
    refused = client.post(url, data)
    assert refused.status_code in (200, 400)
    assert not Motion.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [("head", 403), ("hr_staff", 403), ("a_staff1", 404), ("other_hr", 404)],
)
def test_no_approval_step_for_moj(world, clock, client, who, status):
    w = build(world, clock)
    session = decided_quarter(w)
    client.force_login(getattr(w, f"{who}_user"))
    response = api_post(client, "approval", {"approved_on": "2017-10-25"}, session_id=session.pk)
    assert response.status_code == status
    session.refresh_from_db()
    assert session.approved_on is None


def test_the_agency_report_through_the_api_and_the_page(world, clock, client):
    w = build(world, clock)
    decided_quarter(w)
    appeal = services.commission_appeal_record(
        actor=w.hr_staff_user,
        evaluation_id=w.quarter1.pk,
        filed_on=dt.date(2017, 10, 30),
        authority="ҚМІА",
    )
    services.commission_appeal_outcome(
        actor=w.hr_staff_user,
        appeal_id=appeal.pk,
        outcome="left_unchanged",
        decided_on=dt.date(2017, 11, 20),
    )
    report = AgencyReport.objects.get()
    url = reverse("api:commission-result-agency-report", args=[w.quarter1.pk, report.pk])
    for who, status in (("a_staff1", 403), ("a_head", 403), ("other_hr", 404)):
        client.force_login(getattr(w, f"{who}_user"))
        assert api_post_url(client, url, {"sent_on": "2017-12-01"}).status_code == status
    report.refresh_from_db()
    assert report.sent_on is None
    client.force_login(w.hr_staff_user)
    page = client.get(reverse("commission:result", args=[w.quarter1.pk]))
    assert 'data-testid="agency-form"' in page.content.decode()
    answer = api_post_url(client, url, {"sent_on": "2017-12-01", "reference": "№ 5"})
    assert answer.status_code == 200
    [shown] = answer.json()["agency_reports"]
    assert (shown["due"], shown["sent_on"]) == ("2017-12-04", "2017-12-01")
    assert answer.json()["service_record_points"] == "112.00"


def api_post_url(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_the_result_page_for_a_moj_quarter(world, clock, client):
    w = build(world, clock)
    decided_quarter(w)
    for who, status in (("a_staff1", 200), ("b_head", 200), ("a_staff2", 404), ("other_hr", 404)):
        client.force_login(getattr(w, f"{who}_user"))
        page = client.get(reverse("commission:result", args=[w.quarter1.pk]))
        assert page.status_code == status
    client.force_login(w.a_staff1_user)
    page = client.get(reverse("commission:result", args=[w.quarter1.pk]))
    assert 'data-testid="acknowledge-form"' in page.content.decode()
    assert "112" in page.content.decode()


def test_members_vote_through_hr_only(held, client):
    motion = put(held, held.session, held.quarter1)
    client.force_login(held.b_head_user)
    votes = [{"servant_id": getattr(held, n).pk, "choice": "for"} for n in MEMBERS]
    assert api_post(client, "votes", {"votes": votes}, motion_id=motion.pk).status_code == 403
    motion.refresh_from_db()
    assert motion.adopted is None
    all_for(held, motion)
