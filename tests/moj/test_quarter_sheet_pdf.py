"""The moj-2017 App. 3 printed (EDITIONS.md §6.2 App. 3, §9 M-16; seed 001 p.25-27): the quarter
and year, the two column groups, both results, the marks, and who may print it (the sheet's
access lookup, an audited read); the blank of a quarter for the notice (p.14).

Worked example (Q4 2017, territorial catalogue): the servant self-assesses one activity
territorial-5-01 (+5) and no breach: q = 100 + 5 = 105, "Қанағаттанарлық" (80-105, p.27); the
direct manager agrees the activity and one executive breach of 1 November (−2): q = 100 + 5 − 2 =
103, "Қанағаттанарлық"."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from bagalau.audit.models import AuditEntry
from bagalau.evaluations.models import Evaluation
from bagalau.moj.services.catalogue import catalogue_choose
from bagalau.moj.services.consent import moj_quarter_open, moj_schedule_record_consent
from bagalau.moj.services.discipline import discipline_record_create
from bagalau.moj.services.quarter_sheet import (
    quarter_sheet_agree,
    quarter_sheet_open,
    quarter_sheet_record_refusal,
    quarter_sheet_self_assess,
)
from bagalau.moj.services.schedule import moj_schedule_draft
from tests.documents.conftest import pdf_text
from tests.moj.test_api import EVERYONE

pytestmark = pytest.mark.django_db

ITEM = {"code": "territorial-5-01", "date": dt.date(2017, 10, 16), "evidence": "Бұйрық № 7"}


@pytest.fixture
def sheet(mw):
    catalogue_choose(actor=mw.admin_user, organisation=mw.org, catalogue="territorial")
    schedule = moj_schedule_draft(actor=mw.hr_staff_user, organisation=mw.org, year=2017)
    moj_schedule_record_consent(
        actor=mw.hr_staff_user,
        schedule_id=schedule.pk,
        chair_name="Төраға",
        agreed_on=dt.date(2017, 11, 1),
    )
    mw.period = schedule.periods.get(number=4)
    moj_quarter_open(actor=mw.hr_staff_user, period_id=mw.period.pk)
    evaluation = Evaluation.objects.get(period=mw.period, servant=mw.b_staff1)
    return quarter_sheet_open(actor=mw.b_head_user, evaluation_id=evaluation.pk)


def _agreed(mw, sheet, *, self_assess=True):
    if self_assess:
        quarter_sheet_self_assess(
            actor=mw.b_staff1_user, sheet_id=sheet.pk, items=[ITEM], breaches=[]
        )
    record = discipline_record_create(
        actor=mw.hr_staff_user,
        servant_id=mw.b_staff1.pk,
        kind="executive",
        source="document_flow",
        day=dt.date(2017, 11, 1),
        evidence="Хат № 3 кешікті",
    )
    return quarter_sheet_agree(
        actor=mw.b_head_user, sheet_id=sheet.pk, items=[ITEM], breach_ids=[record.pk]
    )


def _text(client, url, language="kk") -> str:
    response = client.get(url, {"lang": language})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return " ".join(pdf_text(response.content).split())


def test_app3_prints_the_form_both_results_and_the_signatures(mw, sheet, client):
    _agreed(mw, sheet)
    client.force_login(mw.b_staff1_user)
    text = _text(client, reverse("documents:moj_quarter_sheet_pdf", args=[sheet.pk]))
    for heading in [
        "Бағалау парағы",
        "4 тоқсан 2017 жыл",
        "Бағаланатын қызметшінің (тегі, аты, әкесінің аты)",
        "Лауазымдық міндеттерді орындауды бағалау",
        "Қызметшінің өзін-өзі бағалауы",
        "Тікелей басшының бағалауы",
        "Көтермеленетін көрсеткіштер мен қызмет түрлері туралы мәліметтер",
        "Еңбек тәртібін бұзу фактілері туралы мәліметтер",
        "Ескерту",
        "3-қосымша",
    ]:
        assert heading in text, heading
    assert "Өзін-өзі бағалау нәтижесі: q = 105 · Қанағаттанарлық" in text
    assert "Бағалау нәтижесі: q = 103 · Қанағаттанарлық" in text
    assert "16.10.2017" in text
    assert "(+5)" in text
    assert "01.11.2017 (−2)" in text
    assert mw.b_staff1.full_name in text
    assert "M-16" not in text
    assert AuditEntry.objects.filter(action="print", object_id=str(sheet.pk)).count() == 1


def test_the_no_self_assessment_mark_and_the_refusal_note(mw, sheet, client):
    _agreed(mw, sheet, self_assess=False)
    quarter_sheet_record_refusal(
        actor=mw.hr_staff_user, sheet_id=sheet.pk, note="Қол қоюдан бас тартты"
    )
    client.force_login(mw.hr_staff_user)
    text = _text(client, reverse("documents:moj_quarter_sheet_pdf", args=[sheet.pk]))
    assert "Қызметші өзін-өзі бағаламаған" in text
    assert "Қызметші бағалау парағына қол қоюдан бас тартты: акт 20.12.2017" in text
    assert "Қол қоюдан бас тартты" in text
    assert "Өзін-өзі бағалау нәтижесі: ________" in text


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_reading_copies(mw, sheet, client, language):
    _agreed(mw, sheet)
    client.force_login(mw.b_head_user)
    text = _text(client, reverse("documents:moj_quarter_sheet_pdf", args=[sheet.pk]), language)
    assert {"ru": "Оценочный лист", "en": "Evaluation sheet"}[language] in text
    assert "q = 103" in text


def test_the_blank_of_the_quarter(mw, sheet, client):
    client.force_login(mw.b_staff1_user)
    text = _text(client, reverse("documents:moj_quarter_blank_pdf", args=[mw.period.pk]))
    assert "4 тоқсан 2017 жыл" in text
    assert "Өзін-өзі бағалау нәтижесі" in text
    assert mw.b_staff1.full_name not in text


PRINT = {who: 404 for who in EVERYONE} | {
    who: 200 for who in ["hr_staff", "hr_head", "head", "b_head", "b_staff1"]
}
BLANK = {who: 200 for who in EVERYONE} | {"outsider": 404}


@pytest.mark.parametrize("who", [*EVERYONE, None])
def test_who_may_print_the_sheet_and_the_blank(mw, sheet, who):
    pages = APIClient()
    api = APIClient()
    if who is not None:
        user = getattr(mw, f"{who}_user")
        pages.force_login(user)
        api.force_authenticate(user)
    before = AuditEntry.objects.filter(action="print").count()
    urls = [
        (reverse("documents:moj_quarter_sheet_pdf", args=[sheet.pk]), PRINT),
        (f"/api/v1/documents/moj/quarter-sheets/{sheet.pk}/app3.pdf", PRINT),
        (reverse("documents:moj_quarter_blank_pdf", args=[mw.period.pk]), BLANK),
        (f"/api/v1/documents/moj/periods/{mw.period.pk}/app3-blank.pdf", BLANK),
    ]
    for index, (url, matrix) in enumerate(urls):
        answer = (pages if index % 2 == 0 else api).get(url)
        if who is None:
            assert answer.status_code in (302, 401, 403)
        else:
            assert answer.status_code == matrix[who], url
    printed = AuditEntry.objects.filter(action="print").count() - before
    assert printed == (2 if who is not None and PRINT[who] == 200 else 0)


def test_the_act_refusing_to_sign_app3_and_who_reads_it(mw, sheet, client):
    """p.25: the HR servant and the direct manager sign the act; the servant, HR and the direct
    manager read it; the head of the apparatus reads the sheet, not the act; a colleague neither."""
    _agreed(mw, sheet)
    quarter_sheet_record_refusal(
        actor=mw.hr_staff_user, sheet_id=sheet.pk, note="Қол қоюдан бас тартты"
    )
    url = reverse("documents:moj_quarter_sheet_act_pdf", args=[sheet.pk])
    client.force_login(mw.b_staff1_user)
    text = _text(client, url)
    assert "Бағалау парағына қол қоюдан бас тарту туралы АКТ" in text
    assert "3-қосымша, тоқсандық" in text
    assert "Күні: 20.12.2017" in text
    assert "25, 31-тармағы" in text
    for signer in (mw.hr_staff, mw.b_head):
        assert signer.full_name in text
    assert "Тікелей басшы" in text
    for who in ("hr_head", "b_head"):
        client.force_login(getattr(mw, f"{who}_user"))
        assert client.get(url).status_code == 200
    before = AuditEntry.objects.count()
    for who in ("head", "a_staff1", "outsider"):
        client.force_login(getattr(mw, f"{who}_user"))
        assert client.get(url).status_code == 404
    assert AuditEntry.objects.count() == before
    client.force_login(mw.b_staff1_user)
    assert url in client.get(reverse("moj:quarter_sheet", args=[sheet.pk])).content.decode()


def test_no_act_before_the_refusal(mw, sheet, client):
    _agreed(mw, sheet)
    client.force_login(mw.hr_staff_user)
    url = reverse("documents:moj_quarter_sheet_act_pdf", args=[sheet.pk])
    assert client.get(url).status_code == 404
