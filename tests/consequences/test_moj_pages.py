"""The pages and REST endpoints of the moj-2017 consequences (seed 001 p.41-45): the HR service
of the organisation reads everything and refers to training; a servant reads only their own;
a manager reads only their own; another organisation's HR service, an outsider and anonymous
users are refused; after a refusal nothing changed. In kk, ru and en."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from bagalau.consequences.models import Decision, TrainingReferral, TrainingStatus
from bagalau.org.models import Role
from tests.consequences.moj_world import TODAY, build
from tests.factories import OrganisationFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("consequences:moj")


@pytest.fixture
def mw(world, clock):
    clock(TODAY)
    w = build(world)
    w.other_hr_user = UserFactory(username="other_hr")
    RoleAssignmentFactory(user=w.other_hr_user, organisation=OrganisationFactory(), role=Role.HR)
    return w


def _referral_url(evaluation):
    return reverse("consequences:moj_referral", args=[evaluation.pk])


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_hr_service_sees_the_organisation(client, mw, language):
    client.force_login(mw.hr_staff_user)
    client.cookies["django_language"] = language
    response = client.get(OVERVIEW, HTTP_ACCEPT_LANGUAGE=language)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('data-testid="bonus-row"') == 2
    assert html.count('data-testid="mentor-row"') == 2
    assert html.count('data-testid="training-row"') == 4
    assert html.count('data-testid="alert-row"') == 1
    assert f"?evaluation={mw.weak_2017.pk}" in html
    assert mw.b_staff1.full_name in html


def test_the_bonus_filter_by_quarter(client, mw):
    client.force_login(mw.hr_head_user)
    html = client.get(OVERVIEW, {"year": "2017", "quarter": "1"}).content.decode()
    assert html.count('data-testid="bonus-row"') == 1
    html = client.get(OVERVIEW, {"year": "2016"}).content.decode()
    assert html.count('data-testid="bonus-row"') == 0
    assert client.get(OVERVIEW, {"year": "x", "quarter": "99"}).status_code == 200


@pytest.mark.parametrize(
    ("who", "own_rows"),
    [("a_staff2_user", (0, 1, 2, 1)), ("a_head_user", (0, 0, 0, 0)), ("b_head_user", (0, 0, 0, 0))],
)
def test_servants_and_managers_see_only_their_own(client, mw, who, own_rows):
    client.force_login(getattr(mw, who))
    html = client.get(OVERVIEW).content.decode()
    assert 'data-testid="own-only"' in html
    counts = tuple(
        html.count(f'data-testid="{key}-row"') for key in ("bonus", "mentor", "training", "alert")
    )
    assert counts == own_rows
    assert mw.b_staff1.full_name not in html
    assert 'data-testid="alert-decide"' not in html


def test_a_servant_sees_the_mentoring_flag_lifted(client, mw):
    client.force_login(mw.b_head_user)
    assert 'data-testid="mentor-allowed"' in client.get(OVERVIEW).content.decode()


@pytest.mark.parametrize("who", ["outsider_user", "admin_user"])
def test_others_are_refused(client, mw, who):
    client.force_login(getattr(mw, who))
    assert client.get(OVERVIEW).status_code == 404
    assert client.get(_referral_url(mw.weak_2017)).status_code == 404


def test_another_organisations_hr_sees_only_its_own(client, mw):
    client.force_login(mw.other_hr_user)
    html = client.get(OVERVIEW).content.decode()
    assert mw.a_staff2.full_name not in html
    assert 'data-testid="training-row"' not in html
    assert client.get(_referral_url(mw.weak_2017)).status_code == 404


def test_anonymous_goes_to_the_login(client, mw):
    for url in (OVERVIEW, _referral_url(mw.weak_2017)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_hr_refers_then_records_the_training_on_the_page(client, mw):
    client.force_login(mw.hr_staff_user)
    url = _referral_url(mw.weak_2017)
    html = client.get(url).content.decode()
    assert "14.03.2018" in html
    assert 'data-testid="suggested"' in html
    response = client.post(url, {"step": "refer", "directions": "", "referred_on": "2018-01-10"})
    assert response.status_code == 400
    assert 'data-testid="error-directions"' in response.content.decode()
    response = client.post(url, {"step": "complete", "training": "Курс", "done_on": "2018-01-12"})
    assert response.status_code == 404  # not referred yet: not a step open to anyone
    assert not TrainingReferral.objects.exists()
    response = client.post(
        url, {"step": "refer", "directions": "Тәртіп", "referred_on": "2018-01-10"}
    )
    assert response.status_code == 302
    response = client.post(url, {"step": "complete", "training": "Курс", "done_on": "2018-01-09"})
    assert response.status_code == 400
    assert 'data-testid="error-done_on"' in response.content.decode()
    response = client.post(url, {"step": "complete", "training": "Курс", "done_on": "2018-01-12"})
    assert response.status_code == 302
    assert TrainingReferral.objects.get().status == TrainingStatus.DONE


@pytest.mark.parametrize("who", ["a_staff2_user", "a_head_user"])
def test_the_servant_reads_the_referral_and_cannot_record(client, mw, who):
    client.force_login(getattr(mw, who))
    url = _referral_url(mw.weak_2017)
    response = client.get(url)
    if who == "a_head_user":
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        assert 'data-testid="refer-form"' not in response.content.decode()
    response = client.post(url, {"step": "refer", "directions": "X", "referred_on": "2018-01-10"})
    assert response.status_code == 404
    assert not TrainingReferral.objects.exists()


def test_the_decision_form_is_prefilled_from_the_alert(client, mw):
    client.force_login(mw.hr_staff_user)
    html = client.get(reverse("consequences:new"), {"evaluation": mw.weak_2017.pk}).content
    assert f'value="{mw.weak_2017.pk}" selected'.encode() in html
    response = client.post(
        reverse("consequences:new"),
        {
            "evaluation": mw.weak_2017.pk,
            "kind": "no_action",
            "decided_by": "Департамент басшысы",
            "order_number": "",
            "order_date": "2018-01-12",
            "reason": "Ауруы расталды",
        },
    )
    assert response.status_code == 302
    html = client.get(OVERVIEW).content.decode()
    assert 'data-testid="alert-resolved"' in html


# --- the API -------------------------------------------------------------------------------------


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


API = "/api/v1/consequences/moj/"


def test_api_hr_reads_the_organisation(mw):
    data = api(mw.hr_staff_user).get(API).json()
    assert data["scope"] == "organisation"
    assert [r["evaluation"] for r in data["bonus"]] == [mw.q1_excellent.pk, mw.year_effective.pk]
    assert len(data["mentor_ban"]) == 2
    weak = next(r for r in data["training"] if r["evaluation"] == mw.weak_2017.pk)
    assert (weak["due"], weak["status"], weak["actions"]) == ("2018-03-14", "due", ["refer"])
    (alert,) = data["alerts"]
    assert (alert["year"], alert["previous_year"], alert["resolved"]) == (2017, 2016, False)
    data = api(mw.hr_staff_user).get(API, {"year": 2017, "quarter": 0}).json()
    assert [r["evaluation"] for r in data["bonus"]] == [mw.year_effective.pk]


def test_api_a_servant_reads_their_own(mw):
    data = api(mw.a_staff2_user).get(API).json()
    assert data["scope"] == "own"
    assert {r["evaluation"] for r in data["training"]} == {mw.weak_2016.pk, mw.weak_2017.pk}
    assert all(r["actions"] == [] for r in data["training"])
    assert api(mw.a_head_user).get(API).json()["training"] == []


def test_api_others_are_refused(mw):
    assert api().get(API).status_code in (401, 403)
    assert api(mw.outsider_user).get(API).status_code in (403, 404)
    url = f"{API}training/{mw.weak_2017.pk}/"
    assert api(mw.other_hr_user).get(url).status_code == 404
    assert api(mw.a_head_user).get(url).status_code == 404
    assert api(mw.a_staff2_user).get(url).status_code == 200


def test_api_refer_and_complete(mw):
    url = f"{API}training/{mw.weak_2017.pk}/"
    hr = api(mw.hr_staff_user)
    answer = hr.post(f"{url}complete/", {"training": "Курс", "done_on": "2018-01-12"})
    assert answer.status_code == 400
    assert answer.json()["error"]["field"] == "status"
    answer = hr.post(f"{url}refer/", {"directions": "", "referred_on": "2018-01-10"})
    assert answer.status_code == 400
    assert answer.json()["error"]["field"] == "directions"
    for who in ("a_staff2_user", "a_head_user", "other_hr_user"):
        refused = api(getattr(mw, who)).post(
            f"{url}refer/", {"directions": "Тәртіп", "referred_on": "2018-01-10"}
        )
        assert refused.status_code in (400, 403)
    assert not TrainingReferral.objects.exists()
    answer = hr.post(f"{url}refer/", {"directions": "Тәртіп", "referred_on": "2018-01-10"})
    assert answer.status_code == 200
    assert answer.json()["status"] == "referred"
    answer = hr.post(f"{url}complete/", {"training": "Курс", "done_on": "2018-01-12"})
    assert (answer.json()["status"], answer.json()["done_on"]) == ("done", "2018-01-12")


def test_api_decision_with_reason_resolves_the_alert(mw):
    answer = api(mw.hr_staff_user).post(
        "/api/v1/consequences/",
        {
            "evaluation": mw.weak_2017.pk,
            "kind": "dismissal",
            "decided_by": "Министр",
            "order_number": "7-ж",
            "order_date": "2018-01-12",
            "reason": "Төмен тұрған бос лауазым жоқ",
        },
        format="json",
    )
    assert answer.status_code == 201
    assert answer.json()["reason"] == "Төмен тұрған бос лауазым жоқ"
    assert Decision.objects.get().kind == "dismissal"
    (alert,) = api(mw.hr_staff_user).get(API).json()["alerts"]
    assert (alert["resolved"], alert["decision_kind"]) == (True, "dismissal")
    assert dt.date(2018, 1, 12) == Decision.objects.get().order_date


def test_a_year_or_an_evaluation_in_other_digits_is_ignored(client, mw):
    """A "²" is a digit to str.isdigit() and not to int(): no filter, no preset, no server error."""
    client.force_login(mw.hr_staff_user)
    response = client.get(OVERVIEW, {"year": "²⁰¹⁷", "quarter": "¹"})
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="bonus-row"') == 2
    form = client.get(reverse("consequences:new"), {"evaluation": "²"})
    assert form.status_code == 200
    assert "evaluation" not in form.context["form"].initial
