"""The typical-2018 plan's page and API endpoints (seed 004 p.9-16): who sees it (EDITIONS.md §9
G-5: the servant, the direct and superior managers, HR; others 404), who takes which step (403),
errors shown by field, and nothing written on a refused request."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from bagalau.plans.models import PlanStatus, WorkPlan
from tests.plans.typical_helpers import (
    TYPICAL_PEOPLE,
    TYPICAL_SEES,
    sign_both,
    typical_in,
    typical_person,
    typical_snapshot,
)

EVERYONE = ["anonymous", *TYPICAL_PEOPLE]


def page(w, who: str) -> Client:
    client = Client()
    user = typical_person(w, who)
    if user is not None:
        client.force_login(user)
    return client


def api(w, who: str) -> APIClient:
    client = APIClient()
    user = typical_person(w, who)
    if user is not None:
        client.force_authenticate(user)
    return client


def refused_page(who: str) -> int:
    """Anonymous is sent to log in; who does not see the plan gets 404, who sees it 403."""
    if who == "anonymous":
        return 302
    return 403 if who in TYPICAL_SEES else 404


def refused_api(who: str) -> int:
    if who == "anonymous":
        return 403
    return 403 if who in TYPICAL_SEES else 404


# --- the page -----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_who_sees_the_page(tw, who):
    plan = typical_in(tw, PlanStatus.SUBMITTED)
    response = page(tw, who).get(reverse("plans:detail", args=[plan.pk]))
    if who in TYPICAL_SEES:
        assert response.status_code == 200
        html = response.content.decode()
        assert "«Б» корпусы мемлекеттік әкімшілік қызметшісінің жеке жұмыс жоспары" in html
        assert 'data-testid="deadline-draft"' in html
    else:
        assert response.status_code == (302 if who == "anonymous" else 404)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_page_in_each_language_with_the_buttons_of_the_part(tw, lang):
    plan = typical_in(tw, PlanStatus.DRAFT)
    client = page(tw, "direct_manager")
    client.cookies["bagalau_language"] = lang
    html = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert 'data-testid="do-sign_manager"' in html
    assert 'data-testid="do-submit_to_superior"' in html
    assert 'data-testid="do-sign_servant"' not in html
    servant = page(tw, "servant").get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert 'data-testid="do-sign_servant"' in servant
    assert 'data-testid="do-submit_to_superior"' not in servant


def test_signing_and_submitting_through_the_page_with_a_back_dated_document(tw, clock):
    plan = typical_in(tw, PlanStatus.DRAFT)
    clock(dt.date(2019, 1, 25))
    url = reverse("plans:transition", args=[plan.pk, "sign_servant"])
    response = page(tw, "servant").post(url, {"version": plan.version, "on": "2019-01-21"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.servant_signed_on == dt.date(2019, 1, 21)

    before = typical_snapshot()
    url = reverse("plans:transition", args=[plan.pk, "submit_to_superior"])
    response = page(tw, "direct_manager").post(url, {"version": plan.version})
    assert response.status_code == 400
    assert "sign" in response.content.decode()
    assert typical_snapshot() == before

    url = reverse("plans:transition", args=[plan.pk, "sign_manager"])
    page(tw, "direct_manager").post(url, {"version": plan.version, "on": "2019-01-22"})
    plan.refresh_from_db()
    url = reverse("plans:transition", args=[plan.pk, "submit_to_superior"])
    response = page(tw, "direct_manager").post(url, {"version": plan.version, "on": "2019-01-22"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    html = page(tw, "hr").get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "late by 3 working days" in html


@pytest.mark.parametrize("who", [w for w in EVERYONE if w != "servant"])
def test_only_the_servant_signs_as_the_servant(tw, who):
    plan = typical_in(tw, PlanStatus.DRAFT)
    before = typical_snapshot()
    url = reverse("plans:transition", args=[plan.pk, "sign_servant"])
    response = page(tw, who).post(url, {"version": plan.version})
    assert response.status_code == refused_page(who)
    assert typical_snapshot() == before


@pytest.mark.parametrize("who", [w for w in EVERYONE if w != "superior_manager"])
def test_only_the_superior_manager_returns(tw, who):
    plan = typical_in(tw, PlanStatus.SUBMITTED)
    before = typical_snapshot()
    url = reverse("plans:transition", args=[plan.pk, "return_typical"])
    response = page(tw, who).post(url, {"version": plan.version, "comment": "x"})
    assert response.status_code == refused_page(who)
    assert typical_snapshot() == before


def test_a_return_without_a_reason_is_shown_on_the_page(tw):
    plan = typical_in(tw, PlanStatus.SUBMITTED)
    before = typical_snapshot()
    url = reverse("plans:transition", args=[plan.pk, "return_typical"])
    response = page(tw, "superior_manager").post(url, {"version": plan.version, "comment": ""})
    assert response.status_code == 400
    assert 'data-testid="action-error"' in response.content.decode()
    assert typical_snapshot() == before


def test_the_recommendation_is_written_on_the_page_and_seen_by_the_servant_and_hr(tw, clock):
    plan = typical_in(tw, PlanStatus.APPROVED)
    clock(dt.date(2019, 4, 2))
    url = reverse("plans:recommend", args=[plan.pk])
    response = page(tw, "direct_manager").post(url, {"quarter": "1", "text": "Шаралар тізімі"})
    assert response.status_code == 302
    for who in ("servant", "hr", "superior_manager"):
        html = page(tw, who).get(reverse("plans:detail", args=[plan.pk])).content.decode()
        assert "Шаралар тізімі" in html
        assert 'data-testid="recommendation-form"' not in html
    html = page(tw, "direct_manager").get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert 'data-testid="recommendation-form"' in html


def test_a_bad_recommendation_is_shown_on_its_field(tw, clock):
    plan = typical_in(tw, PlanStatus.APPROVED)
    clock(dt.date(2019, 4, 2))
    before = typical_snapshot()
    url = reverse("plans:recommend", args=[plan.pk])
    response = page(tw, "direct_manager").post(
        url, {"quarter": "3", "text": "Мәтін", "on": "2019-04-02"}
    )
    assert response.status_code == 400
    assert 'data-testid="recommendation-on-error"' in response.content.decode()
    assert typical_snapshot() == before


@pytest.mark.parametrize("who", [w for w in EVERYONE if w != "direct_manager"])
def test_only_the_direct_manager_writes_a_recommendation(tw, clock, who):
    plan = typical_in(tw, PlanStatus.APPROVED)
    clock(dt.date(2019, 4, 2))
    before = typical_snapshot()
    url = reverse("plans:recommend", args=[plan.pk])
    response = page(tw, who).post(url, {"quarter": "1", "text": "Мәтін"})
    assert response.status_code == refused_page(who)
    assert typical_snapshot() == before


# --- the API ------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_who_reads_the_plan_in_the_api(tw, who):
    plan = typical_in(tw, PlanStatus.RETURNED)
    response = api(tw, who).get(reverse("api:plans-detail", args=[plan.pk]))
    if who in TYPICAL_SEES:
        data = response.json()
        assert data["edition"] == "almaty-2018"
        assert data["resubmission_due"] == "2019-01-08"
        assert {d["code"] for d in data["deadlines"]} == {"draft", "resubmission"}
    else:
        assert response.status_code == (403 if who == "anonymous" else 404)


def test_the_steps_in_the_api(tw, clock):
    plan = typical_in(tw, PlanStatus.DRAFT)
    for who, action in (("servant", "sign_servant"), ("direct_manager", "sign_manager")):
        plan.refresh_from_db()
        response = api(tw, who).post(
            reverse("api:plans-transition", args=[plan.pk, action]),
            {"version": plan.version},
            format="json",
        )
        assert response.status_code == 200, response.json()
    plan.refresh_from_db()
    response = api(tw, "direct_manager").post(
        reverse("api:plans-transition", args=[plan.pk, "submit_to_superior"]),
        {"version": plan.version, "on": "2019-01-03"},
        format="json",
    )
    assert response.json()["status"] == PlanStatus.SUBMITTED
    plan.refresh_from_db()
    before = typical_snapshot()
    response = api(tw, "superior_manager").post(
        reverse("api:plans-transition", args=[plan.pk, "return_typical"]),
        {"version": plan.version, "comment": ""},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "comment"
    assert typical_snapshot() == before
    response = api(tw, "superior_manager").post(
        reverse("api:plans-transition", args=[plan.pk, "approve_typical"]),
        {"version": plan.version},
        format="json",
    )
    assert response.json()["status"] == PlanStatus.APPROVED
    assert response.json()["actions"] == []


@pytest.mark.parametrize("who", [w for w in EVERYONE if w != "direct_manager"])
def test_only_the_direct_manager_submits_in_the_api(tw, who):
    plan = sign_both(typical_in(tw, PlanStatus.DRAFT))
    before = typical_snapshot()
    response = api(tw, who).post(
        reverse("api:plans-transition", args=[plan.pk, "submit_to_superior"]),
        {"version": plan.version},
        format="json",
    )
    assert response.status_code == refused_api(who)
    assert typical_snapshot() == before


def test_a_recommendation_in_the_api(tw, clock):
    plan = typical_in(tw, PlanStatus.APPROVED)
    clock(dt.date(2019, 7, 1))
    url = reverse("api:plans-recommendations", args=[plan.pk])
    response = api(tw, "direct_manager").post(
        url, {"quarter": 2, "text": "Екінші тоқсан"}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["quarter"] == 2
    data = api(tw, "servant").get(reverse("api:plans-detail", args=[plan.pk])).json()
    assert [n["text"] for n in data["recommendations"]] == ["Екінші тоқсан"]
    before = typical_snapshot()
    response = api(tw, "direct_manager").post(url, {"quarter": 7, "text": "x"}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "quarter"
    assert typical_snapshot() == before


@pytest.mark.parametrize("who", [w for w in EVERYONE if w != "direct_manager"])
def test_only_the_direct_manager_writes_in_the_api(tw, clock, who):
    plan = typical_in(tw, PlanStatus.APPROVED)
    clock(dt.date(2019, 7, 1))
    before = typical_snapshot()
    response = api(tw, who).post(
        reverse("api:plans-recommendations", args=[plan.pk]),
        {"quarter": 2, "text": "x"},
        format="json",
    )
    assert response.status_code == refused_api(who)
    assert typical_snapshot() == before
    assert WorkPlan.objects.get(pk=plan.pk).recommendations.count() == 0
