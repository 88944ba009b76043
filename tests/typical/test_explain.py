"""Explain this result for the typical-2018 sheets (issue 14 item 5): the App. 2 count of KPIs
achieved and its band (seed 004 p.18), the App. 3 3/4 rule per competency (p.25-27), on the sheet
pages and at /api/v1/typical/…/explain/, visible exactly to those who may see the sheet.

Hand-computed cases (sjc-2018, which borrows these steps from seed 004; b_staff1 is B-4, the
"staff" row of App. 4, no public services, so 9 competencies):
- KPIs achieved yes, yes, yes, yes, no -> 4 of 5 -> "effective" (p.18: 4 achieved).
- indicators observed: activity management 3 of its 4 (3/4 >= 3/4: meets), cooperation 2 of 3
  (2/3 < 3/4: does not meet, No. 3 not observed), responsibility 1 of 1 (meets), the other six
  none (do not meet) -> 2 of 9 met.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from bagalau.audit.models import AuditEntry
from bagalau.typical.explain import competency_sheet_explanation, kpi_sheet_explanation
from bagalau.typical.models import KpiSheet
from bagalau.typical.services.competency_sheet import (
    competency_sheet_fill,
    competency_sheet_open,
    competency_sheet_sign,
)
from bagalau.typical.services.kpi_sheet import (
    kpi_sheet_fill,
    kpi_sheet_open,
    kpi_sheet_return,
    kpi_sheet_sign,
)
from tests.typical.conftest import approved_plan, evaluation_of, opened

pytestmark = pytest.mark.django_db

API = "/api/v1/typical"
OBSERVED = {"activity_management": [1, 2, 3], "cooperation": [1, 2], "responsibility": [1]}


@pytest.fixture
def case(tw):
    schedule = opened(tw)
    approved_plan(tw, tw.b_staff1, tw.b_staff1_assignment)
    tw.evaluation = evaluation_of(schedule, tw.b_staff1)
    tw.kpi = kpi_sheet_open(actor=tw.b_head_user, evaluation_id=tw.evaluation.pk)
    tw.competency = competency_sheet_open(actor=tw.b_head_user, evaluation_id=tw.evaluation.pk)
    return tw


def _sign_kpi(case, achieved=(True, True, True, True, False)) -> KpiSheet:
    rows = {n: {"actual": "x", "achieved": a} for n, a in enumerate(achieved, start=1)}
    kpi_sheet_fill(actor=case.b_head_user, sheet_id=case.kpi.pk, rows=rows)
    return kpi_sheet_sign(actor=case.b_head_user, sheet_id=case.kpi.pk)


def _sign_competency(case):
    competency_sheet_fill(actor=case.b_head_user, sheet_id=case.competency.pk, observed=OBSERVED)
    return competency_sheet_sign(actor=case.b_head_user, sheet_id=case.competency.pk)


def test_the_kpi_sheet_walks_each_kpi_to_the_count_and_its_band(case):
    sheet = _sign_kpi(case)
    explanation = kpi_sheet_explanation(sheet, "en")
    assert explanation is not None
    codes = [step["code"] for step in explanation.steps]
    assert codes == ["kpi.achieved.yes"] * 4 + ["kpi.achieved.no", "kpi.rating"]
    assert explanation.steps[4]["text"] == "KPI 5 not fully achieved"
    assert explanation.steps[4]["field"] == "achieved[4]"
    assert "4 of 5 KPIs fully achieved" in explanation.steps[-1]["text"]
    assert explanation.result.startswith("4 / 5 · ")
    assert "p.18" in explanation.steps[-1]["source"]  # sjc-2018 borrows E2 from seed 004
    kazakh = kpi_sheet_explanation(sheet, "kk")
    assert kazakh is not None
    assert kazakh.steps[4]["text"] == "5-НМИ толық орындалмады"


def test_no_kpi_explanation_while_the_sheet_is_filled_or_corrected(case):
    assert kpi_sheet_explanation(case.kpi, "en") is None
    _sign_kpi(case)
    returned = kpi_sheet_return(
        actor=case.head_user, sheet_id=case.kpi.pk, ground="insufficient", reason="no evidence"
    )
    assert returned.achieved == 4  # the earlier count is kept, but no result stands
    assert kpi_sheet_explanation(returned, "en") is None


def test_a_stored_count_that_no_longer_follows_from_the_rows_is_not_explained(case):
    _sign_kpi(case)
    KpiSheet.objects.filter(pk=case.kpi.pk).update(achieved=5, rating="excellent")
    assert kpi_sheet_explanation(KpiSheet.objects.get(pk=case.kpi.pk), "en") is None


def test_the_competency_sheet_walks_the_three_quarters_rule(case):
    sheet = _sign_competency(case)
    explanation = competency_sheet_explanation(sheet, "en")
    assert explanation is not None
    codes = [step["code"] for step in explanation.steps]
    assert codes[:2] == ["competency.tier.explicit", "competency.applicable.no_services"]
    assert len(codes) == 2 + 9
    by_field = {step["field"]: step for step in explanation.steps}
    activity = by_field["observed.activity_management"]
    assert activity["code"] == "competency.meets"
    assert "3 of 4 indicators observed, 3/4 ≥ 3/4" in activity["text"]
    cooperation = by_field["observed.cooperation"]
    assert cooperation["code"] == "competency.does_not_meet"
    assert "2/3 < 3/4" in cooperation["text"]
    assert cooperation["text"].endswith("not observed: 3")
    assert by_field["observed.responsibility"]["code"] == "competency.meets"
    assert codes.count("competency.does_not_meet") == 7
    assert explanation.result.startswith("2 / 9 · ")
    assert "p.27" in activity["source"]


def test_no_competency_explanation_for_a_draft(case):
    competency_sheet_fill(actor=case.b_head_user, sheet_id=case.competency.pk, observed=OBSERVED)
    case.competency.refresh_from_db()
    assert competency_sheet_explanation(case.competency, "en") is None


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize("kind", ["kpi-sheets", "competency-sheets"])
def test_the_api_explains_to_those_who_see_the_sheet(case, kind):
    _sign_kpi(case)
    _sign_competency(case)
    sheet = case.kpi if kind == "kpi-sheets" else case.competency
    url = f"{API}/{kind}/{sheet.pk}/explain/"
    for user in (case.b_staff1_user, case.b_head_user, case.head_user, case.hr_staff_user):
        answer = _client(user).get(url, {"lang": "ru"})
        assert answer.status_code == 200, user.username
        body = answer.json()
        assert (body["sheet"], body["evaluation"], body["language"]) == (
            sheet.pk,
            case.evaluation.pk,
            "ru",
        )
        assert body["steps"][0]["step"] == 1
        assert body["steps"][-1]["cites"]
    assert AuditEntry.objects.filter(actor=case.hr_staff_user, object_id=str(sheet.pk)).exists()


@pytest.mark.parametrize("kind", ["kpi-sheets", "competency-sheets"])
def test_the_api_refuses_others_and_unknown_languages_and_drafts(case, kind):
    sheet = case.kpi if kind == "kpi-sheets" else case.competency
    url = f"{API}/{kind}/{sheet.pk}/explain/"
    assert _client(case.b_head_user).get(url).status_code == 404  # a draft: nothing to explain
    _sign_kpi(case)
    _sign_competency(case)
    entries = AuditEntry.objects.count()
    for user in (case.outsider_user, case.a_head_user, case.a_staff1_user):
        assert _client(user).get(url).status_code == 404, user.username
    assert AuditEntry.objects.count() == entries  # nothing read, nothing recorded
    refused = _client(case.b_head_user).get(url, {"lang": "de"})
    assert refused.status_code == 400
    assert "lang" in str(refused.json())


def test_the_sheet_pages_show_the_explanation_in_the_readers_language(case, client):
    _sign_kpi(case)
    _sign_competency(case)
    client.force_login(case.b_staff1_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    page = client.get(f"/typical/kpi-sheets/{case.kpi.pk}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="explain"' in text
    assert "Полностью достигнуто 4 из 5 КЦИ" in text
    page = client.get(f"/typical/competency-sheets/{case.competency.pk}/")
    assert page.content.decode().count('data-testid="explain-step"') == 11
    client.force_login(case.outsider_user)
    assert client.get(f"/typical/kpi-sheets/{case.kpi.pk}/").status_code == 404
