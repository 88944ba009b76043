"""The refusal act printed (EDITIONS.md §2.2 H2, §6.1 "refusal act", §6.2; seed 004 p.41, seed
001 p.36): the body, the title, the date and place, the servant and what was refused, the
circumstances, the paragraph, the signers' names with signature lines; read by the servant, the
working body and the act's signers, refused (404, nothing audited) to a colleague who reads the
result."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from bagalau.audit.models import AuditEntry
from bagalau.commission import services
from tests.commission.conftest import APPROVED
from tests.commission.moj_world import build, decided_quarter
from tests.documents.conftest import pdf_text

REFUSED = dt.date(2020, 3, 10)


@pytest.fixture
def act(approved):
    approved.act = services.commission_result_refusal_record(
        actor=approved.hr_staff_user,
        evaluation_id=approved.eval1.pk,
        refused_on=REFUSED,
        signers=[approved.b_staff1.pk, approved.hr_head.pk],
        text="Қол қоюдан ауызша бас тартты, куәлар қатысты",
    )
    return approved


def _get(client, user, act_id, language="kk"):
    client.force_login(user)
    return client.get(reverse("documents:refusal_act_pdf", args=[act_id]), {"lang": language})


def test_the_typical_act_prints_the_servant_the_decision_and_three_signers(act, client):
    response = _get(client, act.hr_staff_user, act.act.pk)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Бағалау нәтижелерімен танысудан бас тарту туралы АКТ" in text
    assert "Сынақ аппараты" in text
    assert "Күні: 10.03.2020" in text
    assert act.a_staff1.full_name in text
    assert "комиссияның 05.03.2020 шешімі" in text
    assert f"уәкілетті тұлға {APPROVED:%d.%m.%Y} бекіткен" in text
    assert "куәлар қатысты" in text
    assert "41-тармағы" in text
    for signer in (act.hr_staff, act.b_staff1, act.hr_head):
        assert signer.full_name in text
    assert "Персоналды басқару қызметі" in text
    assert text.count("(қолы)") == 3
    assert AuditEntry.objects.filter(action="print", object_id=str(act.act.pk)).count() == 1


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("ru", "АКТ об отказе от ознакомления с результатами оценки"),
        ("en", "ACT on the refusal to be familiarised with the evaluation results"),
    ],
)
def test_the_reading_copies(act, client, language, title):
    text = pdf_text(_get(client, act.a_staff1_user, act.act.pk, language).content)
    assert title in text
    assert act.a_staff1.full_name in text


@pytest.mark.parametrize("user", ["a_staff1", "hr_staff", "hr_head", "b_staff1"])
def test_the_servant_hr_and_the_signers_read_it(act, client, user):
    assert _get(client, getattr(act, f"{user}_user"), act.act.pk).status_code == 200


@pytest.mark.parametrize("user", ["a_staff2", "a_head", "head", "deputy", "outsider", "other_hr"])
def test_a_colleague_is_refused_and_nothing_is_audited(act, client, user):
    """a_head (the direct manager), head (the authorised person) and deputy (the chair) read
    the result, not the act; a_staff2 is a colleague on the same session."""
    before = AuditEntry.objects.count()
    assert _get(client, getattr(act, f"{user}_user"), act.act.pk).status_code == 404
    assert AuditEntry.objects.count() == before


def test_the_result_page_links_the_act_for_its_readers_only(act, client):
    url = reverse("commission:result", args=[act.eval1.pk])
    link = reverse("documents:refusal_act_pdf", args=[act.act.pk])
    client.force_login(act.a_staff1_user)
    assert link in client.get(url).content.decode()
    client.force_login(act.a_head_user)
    page = client.get(url)
    assert page.status_code == 200
    assert link not in page.content.decode()


@pytest.mark.django_db
def test_the_moj_act_is_the_hr_servants_alone(world, clock, client):
    w = build(world, clock)
    decided_quarter(w)
    act = services.commission_result_refusal_record(
        actor=w.hr_staff_user,
        evaluation_id=w.quarter2.pk,
        refused_on=dt.date(2017, 10, 25),
        signers=[],
        text="Танысудан бас тартты",
    )
    text = pdf_text(_get(client, w.hr_staff_user, act.pk).content)
    assert "Бағалау нәтижелерімен танысудан бас тарту туралы АКТ" in text
    assert "36-тармағы" in text
    assert text.count("(қолы)") == 1
    assert "уәкілетті тұлға" not in text


def _api(client, user, act_id):
    client.force_login(user)
    url = reverse("api:documents_refusal_act_pdf", args=[act_id])
    return client.get(url, {"lang": "kk"}, HTTP_ACCEPT="application/pdf")


def test_the_api_prints_the_same_act_for_its_readers(act, client):
    response = _api(client, act.a_staff1_user, act.act.pk)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert pdf_text(response.content) == pdf_text(
        _get(client, act.a_staff1_user, act.act.pk).content
    )


@pytest.mark.parametrize("user", ["a_staff2", "a_head", "outsider"])
def test_the_api_refuses_a_colleague_with_the_json_error_and_audits_nothing(act, client, user):
    before = AuditEntry.objects.count()
    response = _api(client, getattr(act, f"{user}_user"), act.act.pk)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "error" in response.json()
    assert AuditEntry.objects.count() == before
