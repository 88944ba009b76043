"""The quarterly sheet's pages: one quarter through the forms, who sees the page and who may
post each step (refused: nothing changed)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from bagalau.moj.models import QuarterSheet, QuarterSheetStatus
from bagalau.moj.services.discipline import discipline_record_create
from tests.moj.test_api import EVERYONE
from tests.moj.test_quarter_sheet_api import evaluation  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def client(w, who) -> Client:
    c = Client()
    c.force_login(getattr(w, f"{who}_user"))
    return c


def test_one_quarter_through_the_pages(mw, evaluation):  # noqa: F811
    manager, servant = client(mw, "b_head"), client(mw, "b_staff1")
    opened = manager.post(f"/moj/evaluations/{evaluation.pk}/quarter-sheet/")
    assert opened.status_code == 302
    sheet = QuarterSheet.objects.get()
    page = servant.get(opened["Location"])
    assert b'data-testid="self-assess"' in page.content
    base = f"/moj/quarter-sheets/{sheet.pk}"
    bad = servant.post(
        f"{base}/self_assess/",
        {
            "version": 1,
            "item_0_code": "territorial-5-01",
            "item_0_date": "2017-12-05",
            "item_0_evidence": "Order 7",
        },
    )
    assert bad.status_code == 400
    assert b'data-testid="sheet-error"' in bad.content
    sheet.refresh_from_db()
    assert sheet.status == QuarterSheetStatus.DRAFT
    done = servant.post(
        f"{base}/self_assess/",
        {
            "version": 1,
            "item_0_code": "territorial-5-01",
            "item_0_date": "2017-10-16",
            "item_0_evidence": "Order 7",
            "breach_0_kind": "labour",
            "breach_0_date": "2017-11-14",
        },
    )
    assert done.status_code == 302
    record = discipline_record_create(
        actor=mw.hr_staff_user,
        servant_id=mw.b_staff1.pk,
        kind="labour",
        source="hr",
        day=dt.date(2017, 11, 14),
        evidence="Time sheet",
    )
    agreed = manager.post(
        f"{base}/agree/",
        {
            "version": 2,
            "item_0_code": "territorial-5-01",
            "item_0_date": "2017-10-16",
            "item_0_evidence": "Order 7",
            "records": [record.pk],
        },
    )
    assert agreed.status_code == 302
    page = manager.get(f"{base}/").content.decode()
    assert "= 103" in page
    assert 'data-testid="deadline"' in page
    refused = client(mw, "hr_staff").post(f"{base}/record_refusal/", {"note": "Refused to sign"})
    assert refused.status_code == 302
    sheet.refresh_from_db()
    assert (sheet.score, sheet.status) == (103, QuarterSheetStatus.REFUSED)


READ = {who: 404 for who in EVERYONE} | {
    who: 200 for who in ["hr_staff", "hr_head", "head", "b_head", "b_staff1"]
}
#: Posting the manager's agreement: only the direct manager; others who see it are refused.
AGREE = {who: (403 if READ[who] == 200 else 404) for who in EVERYONE} | {"b_head": 302}


@pytest.mark.parametrize("who", EVERYONE)
def test_the_sheet_pages_matrix(mw, evaluation, who):  # noqa: F811
    client(mw, "hr_staff").post(f"/moj/evaluations/{evaluation.pk}/quarter-sheet/")
    sheet = QuarterSheet.objects.get()
    base = f"/moj/quarter-sheets/{sheet.pk}"
    assert client(mw, who).get(f"{base}/").status_code == READ[who]
    posted = client(mw, who).post(f"{base}/agree/", {"version": 1})
    assert posted.status_code == AGREE[who]
    sheet.refresh_from_db()
    assert (sheet.status == QuarterSheetStatus.AGREED) is (AGREE[who] == 302)
