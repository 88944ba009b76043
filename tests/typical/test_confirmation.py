"""The direct manager's signature of a typical-2018 App. 2 or App. 3 sheet is confirmed first
(issue 13 item 4): a sign POST without `confirm` signs nothing, writes nothing and shows what
the signature covers (each KPI's column 6, each competency's observed indicators, the day); the
confirmation page's own form, posted as a browser would, signs."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from bagalau.audit.models import AuditEntry
from bagalau.core import clock
from bagalau.evaluations.models import Evaluation
from bagalau.notifications.models import Notification
from bagalau.typical.models import CompetencySheet, KpiSheet
from bagalau.typical.services.competency_sheet import competency_sheet_fill, competency_sheet_open
from bagalau.typical.services.kpi_sheet import kpi_sheet_fill, kpi_sheet_open
from tests.typical.conftest import approved_plan, evaluation_of, opened

pytestmark = pytest.mark.django_db

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


@pytest.fixture
def case(tw):
    tw.schedule = opened(tw)
    approved_plan(tw, tw.b_staff1, tw.b_staff1_assignment)
    tw.evaluation = evaluation_of(tw.schedule, tw.b_staff1)
    tw.kpi = kpi_sheet_open(actor=tw.b_head_user, evaluation_id=tw.evaluation.pk)
    rows = {n: {"actual": str(n), "achieved": n < 5} for n in range(1, 6)}
    kpi_sheet_fill(actor=tw.b_head_user, sheet_id=tw.kpi.pk, rows=rows)
    tw.competency = competency_sheet_open(actor=tw.b_head_user, evaluation_id=tw.evaluation.pk)
    competency_sheet_fill(
        actor=tw.b_head_user, sheet_id=tw.competency.pk, observed={"responsibility": [1]}
    )
    tw.client = Client()
    tw.client.force_login(tw.b_head_user)
    return tw


def _traces(case):
    kpi, competency = KpiSheet.objects.get(), CompetencySheet.objects.get()
    evaluation = Evaluation.objects.get(pk=case.evaluation.pk)
    return (
        (kpi.status, kpi.version, kpi.signed_on),
        (competency.status, competency.version, competency.signed_on),
        (evaluation.status, evaluation.score),
        AuditEntry.objects.exclude(action="view").count(),
        Notification.objects.count(),
    )


def _confirm_form(page: str) -> tuple[str, dict[str, str]]:
    form = page[page.index('data-testid="confirm-summary"') :]
    action = re.search(r'<form method="post" action="([^"]+)"', form)[1]
    return action, {name: html.unescape(value) for name, value in HIDDEN.findall(form)}


def test_the_kpi_sheet_is_signed_only_once_confirmed(case):
    url = reverse("typical:kpi_sheet_action", args=[case.kpi.pk, "sign"])
    before = _traces(case)
    response = case.client.post(url, {"version": KpiSheet.objects.get().version})
    assert response.status_code == 200
    assert _traces(case) == before
    page = response.content.decode()
    facts = re.findall(r'data-testid="confirm-fact">([^<]*)<', page)
    today = clock.today().strftime("%d.%m.%Y")
    assert facts == ["achieved"] * 4 + ["not achieved", today]
    action, carried = _confirm_form(page)
    assert (action, carried["confirm"]) == (url, "1")
    assert case.client.post(action, carried).status_code == 302
    kpi = KpiSheet.objects.get()
    assert (kpi.status, kpi.signed_on) == ("signed", clock.today())


def test_the_competency_sheet_is_signed_only_once_confirmed(case):
    url = reverse("typical:competency_sheet_action", args=[case.competency.pk, "sign"])
    before = _traces(case)
    response = case.client.post(url, {})
    assert response.status_code == 200
    assert _traces(case) == before
    page = response.content.decode()
    facts = re.findall(r'data-testid="confirm-fact">([^<]*)<', page)
    assert "1 of 1 effective indicators observed" in facts
    action, carried = _confirm_form(page)
    assert case.client.post(action, carried).status_code == 302
    assert CompetencySheet.objects.get().status == "signed"


def test_the_confirmation_page_speaks_kazakh(case, settings):
    case.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    url = reverse("typical:kpi_sheet_action", args=[case.kpi.pk, "sign"])
    page = case.client.post(url, {}).content.decode()
    assert "Confirm the signature" not in page
    assert "Nothing is signed yet" not in page


def test_an_invalid_day_is_shown_on_the_sheet_not_confirmed(case):
    url = reverse("typical:kpi_sheet_action", args=[case.kpi.pk, "sign"])
    response = case.client.post(url, {"day": "not a day"})
    assert response.status_code == 400
    assert 'data-testid="confirm-summary"' not in response.content.decode()


def test_a_refused_or_unconfirmed_signature_is_not_logged_as_signed(case):
    """The audit log reads "signed" only for a signature made (issue 13 item 3)."""
    servant = Client()
    servant.force_login(case.b_staff1_user)
    url = reverse("typical:kpi_sheet_action", args=[case.kpi.pk, "sign"])
    assert servant.post(url, {"confirm": "1"}).status_code == 403
    assert case.client.post(url, {}).status_code == 200
    assert not AuditEntry.objects.filter(action="sign").exists()
