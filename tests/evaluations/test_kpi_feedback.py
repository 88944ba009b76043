"""The evaluator's constructive feedback on the KPI sheet (seed 002 p.17(3)): "НМИ орындау
деңгейіне тұрақты мониторинг жүргізу және оларға қызметінің қорытынды бағасы мен конструктивті
кері байланысты ұсыну" — given with the score, required to sign, shown to the servant once the
sheet is signed (on the page, in the API and in the App. 2 PDF), never before."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import Evaluation, EvaluationStatus
from bagalau.evaluations.services.sheets import (
    evaluation_sign,
    kpi_actuals_save,
    kpi_sheet_save,
)
from tests.evaluations.test_sheets_cases import kpi_case, snapshot, worked_actuals

FEEDBACK = "Мерзімдер сақталды; шағымдарды қарау сапасына көбірек көңіл бөліңіз."


@pytest.fixture
def sheet(world, clock):
    clock(dt.date(2026, 4, 2))
    evaluation = kpi_case(world, feedback="")
    kpi_actuals_save(
        actor=world.hr_staff_user,
        evaluation_id=evaluation.pk,
        version=1,
        values=worked_actuals(evaluation),
    )
    evaluation.refresh_from_db()
    clock(dt.date(2026, 4, 8))
    return evaluation


def test_a_kpi_sheet_is_not_signed_without_feedback(world, sheet):
    before = snapshot(sheet)
    with pytest.raises(DomainError) as caught:
        evaluation_sign(actor=world.deputy_user, evaluation_id=sheet.pk, version=sheet.version)
    assert caught.value.field == "feedback"
    assert "p.17(3)" in caught.value.message
    assert snapshot(sheet) == before
    assert Evaluation.objects.get(pk=sheet.pk).status == EvaluationStatus.PENDING


def test_the_feedback_is_saved_audited_and_bounded(world, sheet):
    saved = kpi_sheet_save(
        actor=world.deputy_user,
        evaluation_id=sheet.pk,
        version=sheet.version,
        scores={},
        feedback=f"  {FEEDBACK}  ",
    )
    assert saved.feedback == FEEDBACK
    entry = AuditEntry.objects.filter(action="update").order_by("-pk").first()
    assert entry.changes["feedback"] == ["", FEEDBACK]

    before = snapshot(saved)
    with pytest.raises(DomainError) as caught:
        kpi_sheet_save(
            actor=world.deputy_user,
            evaluation_id=sheet.pk,
            version=saved.version,
            scores={},
            feedback="ә" * 4001,
        )
    assert caught.value.field == "feedback"
    assert snapshot(saved) == before

    # left out, it stays as it was
    again = kpi_sheet_save(
        actor=world.deputy_user, evaluation_id=sheet.pk, version=saved.version, scores={}
    )
    assert again.feedback == FEEDBACK
    signed = evaluation_sign(actor=world.deputy_user, evaluation_id=sheet.pk, version=again.version)
    assert signed.status == EvaluationStatus.SIGNED


def test_the_servant_sees_the_feedback_only_once_signed(client, world, sheet):
    saved = kpi_sheet_save(
        actor=world.deputy_user,
        evaluation_id=sheet.pk,
        version=sheet.version,
        scores={},
        feedback=FEEDBACK,
    )
    page = reverse("evaluations:sheet", args=[sheet.pk])
    client.force_login(world.a_head_user)
    assert FEEDBACK not in client.get(page).content.decode()
    api = APIClient()
    api.force_authenticate(world.a_head_user)
    detail = f"/api/v1/evaluations/{sheet.pk}/"
    assert api.get(detail).json()["feedback"] == ""

    evaluation_sign(actor=world.deputy_user, evaluation_id=sheet.pk, version=saved.version)

    html = client.get(page).content.decode()
    assert 'data-testid="kpi-feedback"' in html
    assert FEEDBACK in html
    assert api.get(detail).json()["feedback"] == FEEDBACK


def test_the_evaluator_writes_it_in_the_sheet_form(client, world, sheet):
    client.force_login(world.deputy_user)
    page = client.get(reverse("evaluations:sheet", args=[sheet.pk])).content.decode()
    assert 'data-testid="feedback-input"' in page
    response = client.post(
        reverse("evaluations:sheet_kpi_save", args=[sheet.pk]),
        {"version": sheet.version, "sign": "on", "feedback": ""},
    )
    assert response.status_code == 400
    assert "p.17(3)" in response.content.decode()
    assert Evaluation.objects.get(pk=sheet.pk).status == EvaluationStatus.PENDING
    response = client.post(
        reverse("evaluations:sheet_kpi_save", args=[sheet.pk]),
        {"version": sheet.version, "sign": "on", "feedback": FEEDBACK, "confirm": "1"},
    )
    assert response.status_code == 302
    signed = Evaluation.objects.get(pk=sheet.pk)
    assert (signed.status, signed.feedback) == (EvaluationStatus.SIGNED, FEEDBACK)


def test_the_api_takes_the_feedback(world, sheet):
    api = APIClient()
    api.force_authenticate(world.deputy_user)
    response = api.post(
        f"/api/v1/evaluations/{sheet.pk}/kpi-sheet/",
        {"version": sheet.version, "feedback": FEEDBACK},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["feedback"] == FEEDBACK


def test_the_pdf_carries_the_feedback(client, world, sheet):
    from tests.documents.conftest import pdf_text

    saved = kpi_sheet_save(
        actor=world.deputy_user,
        evaluation_id=sheet.pk,
        version=sheet.version,
        scores={},
        feedback=FEEDBACK,
    )
    evaluation_sign(actor=world.deputy_user, evaluation_id=sheet.pk, version=saved.version)
    client.force_login(world.a_head_user)
    response = client.get(f"/documents/evaluations/{sheet.pk}/sheet.pdf")
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Конструктивті кері байланыс" in text
    assert "шағымдарды қарау сапасына" in text
