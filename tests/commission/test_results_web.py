"""The result page (/commission/results/<id>/) and its API (/api/v1/commission/results/<id>/):
who may see and do what (G-5; 404 where not visible, 403 for a wrong part, nothing written on a
refused call), bad input answered on the field, the link from the session page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bagalau.calibration.models import Appeal
from bagalau.commission import services
from bagalau.commission.models import IntranetDispatch
from bagalau.evaluations.models import EvaluationStatus, RefusalAct
from tests.commission.conftest import APPEAL_DUE, APPROVED, FAMILIARISATION_DUE


def _api(client, name, data, **kwargs):
    return client.post(
        reverse(f"api:commission-result-{name}", kwargs=kwargs),
        data,
        content_type="application/json",
    )


def _written(world):
    world.eval1.refresh_from_db()
    return (
        world.eval1.status,
        world.eval1.familiarised_on,
        RefusalAct.objects.count(),
        IntranetDispatch.objects.count(),
        Appeal.objects.count(),
    )


# --- the page ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("a_staff1", 200),
        ("hr_staff", 200),
        ("head", 200),
        ("a_head", 200),
        ("b_staff1", 200),
        ("a_staff2", 404),
        ("outsider", 404),
        ("other_hr", 404),
    ],
)
def test_who_opens_the_result_page(approved, client, user, status):
    client.force_login(getattr(approved, f"{user}_user"))
    response = client.get(reverse("commission:result", args=[approved.eval1.pk]))
    assert response.status_code == status


def test_the_page_shows_each_part_its_forms(approved, client):
    url = reverse("commission:result", args=[approved.eval1.pk])
    client.force_login(approved.hr_staff_user)
    page = client.get(url).content.decode()
    for form in ("acknowledge-form", "refusal-form", "appeal-form"):
        assert f'data-testid="{form}"' in page
    client.force_login(approved.a_staff1_user)
    page = client.get(url).content.decode()
    assert 'data-testid="acknowledge-form"' in page
    assert 'data-testid="refusal-form"' not in page
    client.force_login(approved.head_user)
    assert "<form" not in client.get(url).content.decode().split("<main", 1)[-1]


def test_the_session_page_links_each_servant_to_the_result(approved, client):
    client.force_login(approved.hr_staff_user)
    page = client.get(reverse("commission:session", args=[approved.session.pk])).content.decode()
    assert reverse("commission:result", args=[approved.eval1.pk]) in page
    assert reverse("commission:result", args=[approved.eval2.pk]) in page


def test_the_servant_acknowledges_on_the_page_late_shown(approved, client):
    client.force_login(approved.a_staff1_user)
    response = client.post(
        reverse("commission:result_acknowledge", args=[approved.eval1.pk]),
        {"acknowledged_on": "2020-03-12"},
    )
    assert response.status_code == 302
    page = client.get(reverse("commission:result", args=[approved.eval1.pk])).content.decode()
    assert 'data-testid="familiarisation-late"' in page
    assert "3 / 5" in page


def test_the_page_answers_bad_signers_on_the_field(approved, client):
    client.force_login(approved.hr_staff_user)
    before = _written(approved)
    response = client.post(
        reverse("commission:result_refusal", args=[approved.eval1.pk]),
        {"refused_on": APPROVED.isoformat(), "signers": [approved.b_staff1.pk]},
    )
    assert response.status_code == 200
    assert "2 other servants" in response.content.decode()
    assert _written(approved) == before


@pytest.mark.parametrize(
    ("user", "name", "data", "status"),
    [
        ("a_staff1", "result_refusal", {"refused_on": "2020-03-06"}, 403),
        ("head", "result_acknowledge", {"acknowledged_on": "2020-03-06"}, 403),
        ("b_staff1", "result_appeal", {"filed_on": "2020-03-06", "authority": "X"}, 403),
        ("a_staff2", "result_acknowledge", {"acknowledged_on": "2020-03-06"}, 404),
        ("outsider", "result_appeal", {"filed_on": "2020-03-06", "authority": "X"}, 404),
        ("hr_staff", "result_dispatch", {"sent_on": "2020-03-06", "reference": "И-1"}, 403),
    ],
)
def test_forbidden_posts_on_the_page_change_nothing(approved, client, user, name, data, status):
    client.force_login(getattr(approved, f"{user}_user"))
    before = _written(approved)
    response = client.post(reverse(f"commission:{name}", args=[approved.eval1.pk]), data)
    assert response.status_code == status
    assert _written(approved) == before


# --- the API ----------------------------------------------------------------------------------


def test_the_api_walks_refusal_dispatch_appeal_and_revision(approved, client):
    client.force_login(approved.hr_staff_user)
    url = reverse("api:commission-result", kwargs={"evaluation_id": approved.eval1.pk})
    result = client.get(url).json()
    assert result["familiarisation_due"] == FAMILIARISATION_DUE.isoformat()
    assert result["actions"] == ["acknowledge", "appeal", "refusal"]
    response = _api(
        client,
        "refusal",
        {
            "refused_on": FAMILIARISATION_DUE.isoformat(),
            "signers": [approved.b_staff1.pk, approved.hr_head.pk],
        },
        evaluation_id=approved.eval1.pk,
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == EvaluationStatus.FINAL
    assert response.json()["service_record"] == "3 / 5"
    assert response.json()["refusal"]["signer_ids"] == [approved.b_staff1.pk, approved.hr_head.pk]
    response = _api(
        client,
        "dispatches",
        {"sent_on": FAMILIARISATION_DUE.isoformat(), "reference": "И-7"},
        evaluation_id=approved.eval1.pk,
    )
    assert response.status_code == 201, response.content
    response = _api(
        client,
        "appeals",
        {"filed_on": "2020-03-26", "authority": "АМҚІА"},
        evaluation_id=approved.eval1.pk,
    )
    assert response.status_code == 201, response.content
    row = response.json()["appeals"][0]
    assert (row["due"], row["late"], row["late_by_working_days"]) == (
        APPEAL_DUE.isoformat(),
        True,
        1,
    )
    response = _api(
        client,
        "appeal-outcome",
        {"outcome": "recommend_revision", "decided_on": "2020-04-10"},
        evaluation_id=approved.eval1.pk,
        appeal_id=row["id"],
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == EvaluationStatus.BEFORE_COMMISSION
    assert response.json()["appeals"][0]["outcome"] == "recommend_revision"


@pytest.mark.parametrize(
    ("name", "data", "field"),
    [
        ("acknowledge", {"acknowledged_on": "2020-03-05"}, "acknowledged_on"),
        ("acknowledge", {"acknowledged_on": "not a date"}, "acknowledged_on"),
        ("refusal", {"refused_on": "2020-03-06", "signers": []}, "signers"),
        ("appeals", {"filed_on": "2020-03-06", "authority": ""}, "authority"),
    ],
)
def test_bad_api_input_names_the_field(approved, client, name, data, field):
    client.force_login(approved.hr_staff_user)
    before = _written(approved)
    response = _api(client, name, data, evaluation_id=approved.eval1.pk)
    assert response.status_code == 400, response.content
    assert response.json()["error"]["field"] == field
    assert _written(approved) == before


@pytest.mark.parametrize(
    ("user", "name", "data", "status"),
    [
        ("a_staff1", "refusal", {"refused_on": "2020-03-06", "signers": [1, 2]}, 403),
        ("head", "acknowledge", {"acknowledged_on": "2020-03-06"}, 403),
        ("a_head", "appeals", {"filed_on": "2020-03-06", "authority": "X"}, 403),
        ("a_staff2", "acknowledge", {"acknowledged_on": "2020-03-06"}, 404),
        ("other_hr", "appeals", {"filed_on": "2020-03-06", "authority": "X"}, 404),
    ],
)
def test_forbidden_api_calls_change_nothing(approved, client, user, name, data, status):
    client.force_login(getattr(approved, f"{user}_user"))
    before = _written(approved)
    response = _api(client, name, data, evaluation_id=approved.eval1.pk)
    assert response.status_code == status
    assert _written(approved) == before


def test_the_api_outcome_of_a_foreign_appeal_is_404(approved, client):
    client.force_login(approved.hr_staff_user)
    _api(
        client,
        "appeals",
        {"filed_on": APPEAL_DUE.isoformat(), "authority": "АМҚІА"},
        evaluation_id=approved.eval1.pk,
    )
    appeal = Appeal.objects.get()
    before = _written(approved)
    response = _api(
        client,
        "appeal-outcome",
        {"outcome": "left_unchanged", "decided_on": "2020-04-10"},
        evaluation_id=approved.eval2.pk,
        appeal_id=appeal.pk,
    )
    assert response.status_code == 404
    assert _written(approved) == before


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("kk", ("Комиссиядан кейінгі нәтиже", "кешікті")),
        ("ru", ("Результат после комиссии", "опоздание на 1 рабочий день")),
    ],
)
def test_the_page_speaks_kazakh_and_russian(approved, client, settings, language, texts):
    settings.LANGUAGE_CODE = language
    client.force_login(approved.a_staff1_user)
    client.post(
        reverse("commission:result_acknowledge", args=[approved.eval1.pk]),
        {"acknowledged_on": "2020-03-12"},
    )
    page = client.get(reverse("commission:result", args=[approved.eval1.pk])).content.decode()
    for text in texts:
        assert text in page


# --- the sjc-2023 result lists ------------------------------------------------------------------


def test_a_typical_result_stays_out_of_the_sjc_2023_result_lists(approved, client):
    """The home page, "My results" and its API word results by the sjc-2023 rules: a typical-2018
    year is not among them (it broke the home page); its page is /commission/results/<id>/."""
    services.commission_result_acknowledge(
        actor=approved.a_staff1_user,
        evaluation_id=approved.eval1.pk,
        acknowledged_on=FAMILIARISATION_DUE,
    )
    client.force_login(approved.a_staff1_user)
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("evaluations:my_results")).status_code == 200
    response = client.get(reverse("api:evaluations-mine"))
    assert response.status_code == 200
    assert approved.eval1.pk not in [row["id"] for row in response.json()]
