"""Explain this score on the sheet pages and in the API (issue 14 item 5): the steps end at the
stored score, cite seed 002, and are shown exactly to those who may see the score (p.20)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from bagalau.audit.models import AuditEntry
from bagalau.evaluations.models import Evaluation, EvaluationStatus
from bagalau.evaluations.selectors.explain import evaluation_explanation, explain_language
from bagalau.evaluations.services.annual import annual_results_compute
from bagalau.evaluations.services.sheets import evaluation_sign, kpi_actuals_save, kpi_sheet_save
from tests.evaluations.test_access_sheets import user_for
from tests.evaluations.test_annual import quarter_result
from tests.evaluations.test_sheets_cases import (
    annual_period,
    diff_case,
    kpi_case,
    participant,
    rows,
    signed_diff_case,
    snapshot,
    worked_actuals,
)

READERS = ["evaluatee", "evaluator", "hr_head", "participant"]
OTHERS = ["outsider", "hr_staff", "apparatus_head", "other_manager"]


def signed_kpi(world, clock, chosen: str | None = None) -> Evaluation:
    """The App. 2 worked example signed on 8 April 2026: 38.8 of 40, 3 complaints for 2 planned,
    the rule not adopted; the deputy head keeps the proposals or gives `chosen` to the first KPI."""
    clock(dt.date(2026, 4, 2))
    kpi = kpi_case(world)
    kpi_actuals_save(
        actor=world.hr_staff_user, evaluation_id=kpi.pk, version=1, values=worked_actuals(kpi)
    )
    version = 2
    if chosen is not None:
        kpi_sheet_save(
            actor=world.deputy_user,
            evaluation_id=kpi.pk,
            version=version,
            scores={rows(kpi)[0].pk: chosen},
        )
        version += 1
    clock(dt.date(2026, 4, 8))
    return evaluation_sign(actor=world.deputy_user, evaluation_id=kpi.pk, version=version)


def texts(explanation) -> list[str]:
    return [step["text"] for step in explanation.steps]


def test_the_kpi_sheet_explanation_walks_app_3_to_the_signed_score(world, clock):
    """97.00% -> [95, 100) -> 4.75-4.99 -> 4.85; 2/3 -> 66.67% -> [65, 70) -> 3.33; not adopted
    -> 0% -> [0, 5) -> 0.00; (4.85 + 3.33 + 0.00)/3 = 2.7266… -> 2.73 "satisfactory" (p.7)."""
    signed = signed_kpi(world, clock)
    explanation = evaluation_explanation(world.a_head_user, signed, "en")
    assert explanation is not None
    assert (explanation.score, explanation.rating) == (D("2.73"), "satisfactory")
    steps = explanation.steps
    assert steps[0]["text"] == (
        "KPI 1 (increase): actual 38.8 / plan 40 × 100 = 97, to 2 decimals: 97.00%"
    )
    assert steps[4]["text"] == (
        "KPI 2 (decrease): plan 2 / actual 3 × 100 = 66.666666…, to 2 decimals: 66.67%"
    )
    assert steps[8]["code"] == "kpi.percent.binary.no"
    assert texts(explanation)[-3:] == [
        "The quarter score is the mean of the 3 KPI scores: (4.85, 3.33, 0.00) = 8.18 / 3 "
        "= 2.726666…",
        "Rounded once, half up (decimal places: 2): 2.726666… → 2.73",
        "2.73 falls in [2.00, 3.00): “Performs functional duties satisfactorily”",
    ]
    assert steps[-1]["values"]["score"] == str(signed.score)
    assert steps[1]["cites"] == "p.27, App. 3"


def test_a_score_the_evaluator_chose_is_explained_inside_its_range(world, clock):
    signed = signed_kpi(world, clock, chosen="4.90")
    explanation = evaluation_explanation(world.deputy_user, signed, "ru")
    assert explanation is not None
    assert explanation.steps[3]["text"] == (
        "КЦИ 1: оценивающий поставил 4.90, в пределах 4.75–4.99"
    )
    assert explanation.steps[-1]["values"]["score"] == "2.74" == str(signed.score)
    assert explanation.steps[1]["cites"] == "п. 27, прил. 3"


def test_the_differentiation_explanation_in_kazakh(world):
    signed = signed_diff_case(world)
    explanation = evaluation_explanation(world.a_staff1_user, signed, "kk")
    assert explanation is not None
    assert texts(explanation)[4] == "Баға – 4 параметрдің орташа мәні: (5, 4, 4, 3) = 16 / 4 = 4"
    assert explanation.steps[0]["cites"] == "31-тармақ, 32-тармақ, 4-қосымша"
    assert explanation.steps[-1]["values"] == {
        "score": "4.00",
        "rating": "effective",
        "interval": "[4.00, 5.00]",
        "label": "Функционалдық міндеттерін тиімді атқарады",
    }


def test_a_score_changed_by_calibration_ends_with_the_session(world):
    signed = signed_diff_case(world)
    Evaluation.objects.filter(pk=signed.pk).update(
        status=EvaluationStatus.FINAL, final_score=D("3.50"), final_rating="proper"
    )
    signed.refresh_from_db()
    explanation = evaluation_explanation(world.a_staff1_user, signed, "en")
    assert explanation is not None
    assert [s["code"] for s in explanation.steps[-4:]] == [
        "round",
        "rating",
        "calibration.adopted",
        "rating",
    ]
    assert explanation.steps[-2]["cites"] == "p.41"
    assert explanation.steps[-1]["values"]["rating"] == "proper"
    assert (explanation.score, explanation.rating) == (D("3.50"), "proper")


def test_the_annual_explanation_is_the_mean_of_the_quarters(world, clock):
    clock(dt.date(2027, 1, 8))
    for number, score in ((1, "4.00"), (2, "4.00"), (3, "4.00"), (4, "1.00")):
        quarter_result(world, number, score)
    year = annual_period(world)
    annual_results_compute(actor=world.hr_staff_user, period_id=year.pk)
    annual = Evaluation.objects.get(period=year, servant=world.a_staff1)
    explanation = evaluation_explanation(world.a_staff1_user, annual, "en")
    assert explanation is not None
    assert texts(explanation)[:5] == [
        "Q1: 4.00",
        "Q2: 4.00",
        "Q3: 4.00",
        "Q4: 1.00",
        "The final score is the mean of the quarters: (4.00, 4.00, 4.00, 1.00) = 13.00 / 4 = 3.25",
    ]
    assert explanation.steps[0]["source"] == "seed 002 p.4"
    assert explanation.steps[-1]["values"]["rating"] == "proper"
    # A calibration participant of the annual result who may not see the quarters gets no
    # explanation: it would show quarter scores (p.20).
    assert evaluation_explanation(participant(world, annual), annual, "en") is None
    # An annual result not recomputed yet after a quarter changed explains nothing stale.
    Evaluation.objects.filter(pk=annual.pk).update(score=D("3.30"))
    annual.refresh_from_db()
    assert evaluation_explanation(world.hr_head_user, annual, "en") is None


def test_a_draft_has_nothing_to_explain(world, clock):
    clock(dt.date(2026, 4, 2))
    assert evaluation_explanation(world.a_head_user, diff_case(world), "en") is None
    assert evaluation_explanation(world.deputy_user, kpi_case(world, 2), "en") is None


def test_the_language_is_kk_ru_or_en():
    assert [explain_language(x) for x in ("ru-ru", "en", "kk", "de", None)] == [
        "ru",
        "en",
        "kk",
        "kk",
        "kk",
    ]


# --- who sees it: the sheet page's disclosure and the API ----------------------------------------


@pytest.mark.parametrize("role", READERS + OTHERS)
def test_the_disclosure_and_the_endpoint_follow_who_may_see_the_score(client, world, role):
    signed = signed_diff_case(world)
    user = participant(world, signed) if role == "participant" else user_for(world, role, signed)
    before = snapshot(signed)
    views = AuditEntry.objects.filter(action="view", object_id=str(signed.pk), actor=user)
    client.force_login(user)
    page = client.get(reverse("evaluations:sheet", args=[signed.pk]))
    read = views.count()
    api = APIClient()
    api.force_authenticate(user)
    answer = api.get(reverse("api:evaluation-explain", args=[signed.pk]), {"lang": "en"})
    if role in READERS:
        assert page.status_code == 200
        assert page.content.decode().count('data-testid="explain-step"') == 7
        assert answer.status_code == 200
        body = answer.json()
        assert (body["score"], body["rating"], body["language"]) == ("4.00", "effective", "en")
        assert body["steps"][-1]["source"] == "seed 002 p.7; SPEC §4.2"
        assert views.count() == read + 1  # the API read is audited too
    else:
        assert page.status_code == 404
        assert answer.status_code == 404
        assert set(answer.json()["error"]) == {"field", "message"}
        assert views.count() == 0
    assert snapshot(signed) == before


def test_anonymous_callers_are_refused(client, world):
    signed = signed_diff_case(world)
    response = client.get(reverse("evaluations:sheet", args=[signed.pk]))
    assert response.status_code == 302
    assert APIClient().get(reverse("api:evaluation-explain", args=[signed.pk])).status_code == 403


def test_the_evaluatee_sees_no_explanation_of_a_draft(client, world, clock):
    clock(dt.date(2026, 4, 2))
    draft = diff_case(world)
    client.force_login(world.a_staff1_user)
    page = client.get(reverse("evaluations:sheet", args=[draft.pk]))
    assert page.status_code == 200
    assert 'data-testid="explain"' not in page.content.decode()
    api = APIClient()
    api.force_authenticate(world.a_staff1_user)
    assert api.get(reverse("api:evaluation-explain", args=[draft.pk])).status_code == 404


def test_the_page_explains_in_the_readers_language_and_the_api_in_the_one_asked(client, world):
    signed = signed_diff_case(world)
    client.force_login(world.a_staff1_user)
    client.cookies["bagalau_language"] = "kk"
    page = client.get(reverse("evaluations:sheet", args=[signed.pk])).content.decode()
    assert "Баға – 4 параметрдің орташа мәні" in page
    assert "31-тармақ, 32-тармақ, 4-қосымша" in page
    api = APIClient()
    api.force_authenticate(world.a_staff1_user)
    url = reverse("api:evaluation-explain", args=[signed.pk])
    assert api.get(url, {"lang": "ru"}).json()["steps"][0]["text"].startswith("«Качество")
    refused = api.get(url, {"lang": "de"})
    assert refused.status_code == 400
    assert refused.json()["error"]["field"] == "lang"


def test_the_kpi_sheet_page_shows_the_explanation_once_signed(client, world, clock):
    signed = signed_kpi(world, clock)
    client.force_login(world.a_head_user)
    page = client.get(reverse("evaluations:sheet", args=[signed.pk])).content.decode()
    assert page.count('data-testid="explain-step"') == 15
    assert 'data-code="kpi.row"' in page


def test_the_endpoint_is_in_the_schema(client, world):
    client.force_login(world.a_staff1_user)
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    paths = [p for p in schema["paths"] if p.endswith("/explain/")]
    assert paths
    operation = schema["paths"][paths[0]]["get"]
    assert {"200", "404"} <= set(operation["responses"])
    assert any(p["name"] == "lang" for p in operation["parameters"])
