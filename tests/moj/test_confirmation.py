"""The servant's signature of a moj-2017 App. 3 quarterly sheet and confirmation of an App. 4
annual sheet are confirmed first (issue 13 item 4): the POST without `confirm` signs nothing and
shows the result to be signed; the confirmation page's form, posted as a browser would, signs."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from bagalau.audit.models import AuditEntry
from bagalau.moj.models import AnnualSheet, AnnualSheetStatus, QuarterSheet, QuarterSheetStatus
from tests.moj.test_annual_sheet import agreed, sheet, year  # noqa: F401  (fixtures)
from tests.moj.test_quarter_sheet_api import evaluation  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')
ITEM = {
    "item_0_code": "territorial-5-01",
    "item_0_date": "2017-10-16",
    "item_0_evidence": "Order 7",
}


def client(w, who) -> Client:
    c = Client()
    c.force_login(getattr(w, f"{who}_user"))
    return c


def _confirm_form(page: str) -> tuple[str, dict[str, str]]:
    form = page[page.index('data-testid="confirm-summary"') :]
    action = re.search(r'<form method="post" action="([^"]+)"', form)[1]
    carried = {name: html.unescape(value) for name, value in HIDDEN.findall(form)}
    carried.pop("csrfmiddlewaretoken", None)
    return action, carried


def _signed() -> int:
    return AuditEntry.objects.filter(action="sign").count()


def test_the_quarter_sheet_is_signed_only_once_confirmed(mw, evaluation):  # noqa: F811
    manager, servant = client(mw, "b_head"), client(mw, "b_staff1")
    manager.post(f"/moj/evaluations/{evaluation.pk}/quarter-sheet/")
    quarter = QuarterSheet.objects.get()
    base = f"/moj/quarter-sheets/{quarter.pk}"
    assert servant.post(f"{base}/self_assess/", {"version": 1, **ITEM}).status_code == 302
    assert manager.post(f"{base}/agree/", {"version": 2, **ITEM}).status_code == 302
    before = (QuarterSheet.objects.get().status, _signed())
    response = servant.post(f"{base}/sign/", {})
    assert response.status_code == 200
    assert (QuarterSheet.objects.get().status, _signed()) == before
    page = response.content.decode()
    facts = re.findall(r'data-testid="confirm-fact">([^<]*)<', page)
    assert str(QuarterSheet.objects.get().score) in facts
    action, carried = _confirm_form(page)
    assert (action, carried) == (f"{base}/sign/", {"confirm": "1"})
    assert servant.post(action, carried).status_code == 302
    assert QuarterSheet.objects.get().status == QuarterSheetStatus.SIGNED


def test_the_annual_sheet_is_confirmed_only_once_confirmed(year, sheet):  # noqa: F811
    agreed(year, sheet, 4, 4, 3)
    servant = client(year, "b_staff1")
    url = f"/moj/annual-sheets/{sheet.pk}/confirm/"
    response = servant.post(url, {})
    assert response.status_code == 200
    assert AnnualSheet.objects.get().status == AnnualSheetStatus.AGREED
    page = response.content.decode()
    assert "3.67" in re.findall(r'data-testid="confirm-fact">([^<]*)<', page)
    action, carried = _confirm_form(page)
    assert servant.post(action, carried).status_code == 302
    assert AnnualSheet.objects.get().status == AnnualSheetStatus.CONFIRMED


def test_hr_computing_the_year_is_not_asked_to_confirm_a_servant_s_signature(
    year,  # noqa: F811
    sheet,  # noqa: F811
):
    agreed(year, sheet, 4, 4, 3)
    hr = client(year, "hr_staff")
    response = hr.post(f"/moj/annual-sheets/{sheet.pk}/confirm/", {})
    assert 'data-testid="confirm-summary"' not in response.content.decode()
    assert AnnualSheet.objects.get().status == AnnualSheetStatus.AGREED
