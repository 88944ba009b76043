"""Signing a sheet is confirmed first (issue 13 item 4): a POST without `confirm` signs nothing,
writes nothing and shows exactly what would be stored — each score, those taken from the
proposal named, the final score and rating; the confirmed POST signs those very scores."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.urls import reverse

from bagalau.audit.models import AuditEntry
from bagalau.evaluations.models import Evaluation, EvaluationStatus, KpiResult
from bagalau.evaluations.services.sheets import kpi_actuals_save, kpi_sheet_save
from bagalau.notifications.models import Notification
from tests.evaluations.test_sheets_cases import (
    diff_case,
    kpi_case,
    rows,
    snapshot,
    worked_actuals,
)

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


@pytest.fixture
def filled(world, clock):
    clock(dt.date(2026, 4, 6))
    evaluation = kpi_case(world)
    kpi_actuals_save(
        actor=world.hr_staff_user,
        evaluation_id=evaluation.pk,
        version=1,
        values=worked_actuals(evaluation),
    )
    clock(dt.date(2026, 4, 8))
    return Evaluation.objects.get(pk=evaluation.pk)


def _traces(evaluation):
    return (
        snapshot(evaluation),
        AuditEntry.objects.exclude(action="view").count(),  # reading the sheet is audited
        Notification.objects.count(),
    )


def _carried(page: str) -> dict[str, str]:
    """The hidden fields of the confirmation form, as a browser would post them."""
    form = page[page.index('data-testid="sign-summary"') :]
    return {name: html.unescape(value) for name, value in HIDDEN.findall(form)}


def test_save_and_sign_shows_the_scores_to_be_stored_and_signs_only_once_confirmed(
    client, world, filled
):
    client.force_login(world.deputy_user)
    first, second, third = rows(filled)
    before = _traces(filled)
    response = client.post(
        reverse("evaluations:sheet_kpi_save", args=[filled.pk]),
        {"version": filled.version, f"score_{first.pk}": "4.90", "sign": "on"},
    )
    assert response.status_code == 200
    assert _traces(filled) == before  # nothing signed, saved, audited or sent
    page = response.content.decode()
    summary = page[page.index('data-testid="sign-summary"') :]
    assert "4.90" in summary
    assert re.search(r'data-testid="summary-score"><strong>2\.74</strong>', summary)
    # the two empty fields are signed with the proposal, and the page says so
    assert summary.count('data-testid="from-proposal"') == 2
    assert 'data-testid="proposal-note"' in summary
    carried = _carried(page)
    assert (carried["confirm"], carried["sign"], carried[f"score_{first.pk}"]) == (
        "1",
        "on",
        "4.90",
    )

    response = client.post(reverse("evaluations:sheet_kpi_save", args=[filled.pk]), carried)
    assert response.status_code == 302
    signed = Evaluation.objects.get(pk=filled.pk)
    assert (signed.status, str(signed.score)) == (EvaluationStatus.SIGNED, "2.74")
    stored = {row.pk: row.score for row in KpiResult.objects.filter(evaluation=filled)}
    assert str(stored[first.pk]) == "4.90"
    for row in (second, third):  # the scores shown on the confirmation page
        assert f"<strong>{stored[row.pk]}</strong>" in summary


def test_a_refused_signature_shows_the_sheet_with_its_reason_not_the_summary(client, world, filled):
    client.force_login(world.deputy_user)
    before = _traces(filled)
    response = client.post(
        reverse("evaluations:sheet_kpi_save", args=[filled.pk]),
        {"version": filled.version, "sign": "on", "feedback": ""},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "p.17(3)" in page
    assert 'data-testid="sign-summary"' not in page
    assert _traces(filled) == before


def test_signing_the_saved_sheet_is_confirmed_first(client, world, filled):
    saved = kpi_sheet_save(
        actor=world.deputy_user,
        evaluation_id=filled.pk,
        version=filled.version,
        scores={rows(filled)[0].pk: "4.90"},
    )
    client.force_login(world.deputy_user)
    before = _traces(saved)
    address = reverse("evaluations:sheet_sign", args=[saved.pk])
    response = client.post(address, {"version": saved.version})
    assert response.status_code == 200
    assert 'data-testid="sign-summary"' in response.content.decode()
    assert _traces(saved) == before
    response = client.post(address, {"version": saved.version, "confirm": "1"})
    assert response.status_code == 302
    assert Evaluation.objects.get(pk=saved.pk).status == EvaluationStatus.SIGNED


def test_a_differentiation_sheet_shows_its_four_scores_and_the_mean(client, world):
    staff = diff_case(world)
    client.force_login(world.a_head_user)
    posted = {
        "version": 1,
        "score_quality": "5",
        "score_timeliness": "4",
        "score_initiative": "4",
        "score_discipline": "3",
        "justification": "Жақсы жұмыс",
        "sign": "on",
    }
    address = reverse("evaluations:sheet_differentiation_save", args=[staff.pk])
    before = _traces(staff)
    response = client.post(address, posted)
    assert response.status_code == 200
    page = response.content.decode()
    assert re.search(r'data-testid="summary-score"><strong>4\.00</strong>', page)
    assert "Жақсы жұмыс" in page
    assert _traces(staff) == before
    response = client.post(address, _carried(page))
    assert response.status_code == 302
    signed = Evaluation.objects.get(pk=staff.pk)
    assert (signed.status, str(signed.score)) == (EvaluationStatus.SIGNED, "4.00")


def test_another_user_gets_no_summary(client, world, filled):
    client.force_login(world.a_staff1_user)
    before = _traces(filled)
    response = client.post(
        reverse("evaluations:sheet_kpi_save", args=[filled.pk]),
        {"version": filled.version, "sign": "on"},
    )
    assert response.status_code in (403, 404)
    assert _traces(filled) == before
