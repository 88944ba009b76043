"""The typical-2018 App. 2 and App. 3 sheets printed (EDITIONS.md §6.1): the form's wording, the
rows and results, the App. 3 footnote and dashes for rows 6-7, the App. 4 annex of the servant's
tier, who may print them (an audited read) and who may not (404, nothing recorded)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bagalau.audit.models import AuditEntry
from bagalau.methodology import get_edition
from bagalau.methodology.editions import typical2018_rules
from bagalau.typical.services.competency_sheet import (
    competency_sheet_fill,
    competency_sheet_open,
    competency_sheet_sign,
)
from bagalau.typical.services.kpi_sheet import kpi_sheet_fill, kpi_sheet_open, kpi_sheet_sign
from tests.documents.conftest import pdf_text
from tests.typical.conftest import approved_plan, evaluation_of, opened

pytestmark = pytest.mark.django_db

OBSERVED = {"activity_management": [1, 2, 3], "cooperation": [1, 2], "responsibility": [1]}


@pytest.fixture
def case(tw):
    schedule = opened(tw)
    approved_plan(tw, tw.b_staff1, tw.b_staff1_assignment)
    tw.evaluation = evaluation_of(schedule, tw.b_staff1)
    tw.kpi = kpi_sheet_open(actor=tw.b_head_user, evaluation_id=tw.evaluation.pk)
    tw.competency = competency_sheet_open(actor=tw.b_head_user, evaluation_id=tw.evaluation.pk)
    return tw


def _signed(case):
    rows = {n: {"actual": f"{n}0", "achieved": n != 5} for n in range(1, 6)}
    kpi_sheet_fill(actor=case.b_head_user, sheet_id=case.kpi.pk, rows=rows)
    kpi_sheet_sign(actor=case.b_head_user, sheet_id=case.kpi.pk)
    competency_sheet_fill(actor=case.b_head_user, sheet_id=case.competency.pk, observed=OBSERVED)
    competency_sheet_sign(actor=case.b_head_user, sheet_id=case.competency.pk)
    return case


def _text(client, name, sheet_id, language="kk") -> str:
    response = client.get(reverse(f"documents:{name}", args=[sheet_id]), {"lang": language})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return " ".join(pdf_text(response.content).split())


def test_app2_prints_the_rows_the_result_and_the_signature(case, client):
    _signed(case)
    client.force_login(case.b_staff1_user)
    text = _text(client, "typical_kpi_sheet_pdf", case.kpi.pk)
    assert "НМИ бойынша бағалау парағы" in text
    assert "«БЕКІТЕМІН»" in text
    assert text.count("көрсеткішке қол жетпеді") == 2  # the column heading and KPI 5
    assert "(4/5)" in text
    assert case.b_staff1.full_name in text
    assert AuditEntry.objects.filter(
        actor=case.b_staff1_user, action="print", object_id=str(case.kpi.pk)
    ).exists()
    russian = _text(client, "typical_kpi_sheet_pdf", case.kpi.pk, "ru")
    assert "Оценочный лист по КЦИ" in russian
    assert "показатель не достигнут" in russian


def test_app3_prints_the_results_the_indicators_not_observed_and_the_app4_annex(case, client):
    _signed(case)
    rules = typical2018_rules(get_edition("sjc-2018"))
    cooperation = rules.indicators[("cooperation", "staff")]
    client.force_login(case.hr_staff_user)
    text = _text(client, "typical_competency_sheet_pdf", case.competency.pk)
    assert "Құзыреттер бойынша бағалау парағы" in text
    assert "күтілетін нәтижеге сәйкес емес" in text
    assert " ".join(cooperation.effective[2].get("kk").split()) in text  # not observed: No. 3
    assert "*Лауазымдық міндеттеріне мемлекеттік қызмет көрсету" in text
    assert "Құзыреттердің мінез-құлық индикаторлары" in text  # the App. 4 annex
    assert " ".join(cooperation.ineffective[0].get("kk").split()) in text


def test_a_sheet_not_signed_prints_as_a_copy_without_a_result(case, client):
    client.force_login(case.b_head_user)
    text = _text(client, "typical_kpi_sheet_pdf", case.kpi.pk)
    assert "Парақ әлі қол қойылмаған" in text
    assert "(4/5)" not in text


@pytest.mark.parametrize("name", ["typical_kpi_sheet_pdf", "typical_competency_sheet_pdf"])
@pytest.mark.parametrize("who", ["outsider_user", "a_head_user", "a_staff1_user"])
def test_others_may_not_print_and_nothing_is_recorded(case, client, name, who):
    _signed(case)
    sheet = case.kpi if name == "typical_kpi_sheet_pdf" else case.competency
    before = AuditEntry.objects.filter(action="print").count()
    client.force_login(getattr(case, who))
    assert client.get(reverse(f"documents:{name}", args=[sheet.pk])).status_code == 404
    assert AuditEntry.objects.filter(action="print").count() == before
