"""The extract of the App. 5 protocol about one servant (EDITIONS.md §2.2 H1, §6.1, §6.2, §9
G-5, T-10): the servant's own row, the quorum, the protocol's signers and the approval, never a
colleague's row or the conclusion; read by the servant and the working body, refused (404,
nothing audited) to the colleagues, the manager and the commission, and before the decision
took effect."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bagalau.audit.models import AuditEntry
from bagalau.commission import services
from tests.commission.conftest import APPROVED, DAY
from tests.commission.moj_world import build, decided_quarter
from tests.documents.conftest import pdf_text


def _url(session, evaluation):
    return reverse("documents:commission_extract_pdf", args=[session.pk, evaluation.pk])


def _get(client, user, session, evaluation, language="kk"):
    client.force_login(user)
    return client.get(_url(session, evaluation), {"lang": language})


def test_the_typical_extract_holds_the_servants_row_only(approved, client):
    response = _get(client, approved.a_staff1_user, approved.session, approved.eval1)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Бағалау жөніндегі комиссия отырысының хаттамасынан ҮЗІНДІ" in text
    assert f"Отырыс күні: {DAY:%d.%m.%Y}" in text
    assert approved.a_staff1.full_name in text
    assert "3/5" in text
    assert approved.a_staff2.full_name not in text
    assert "4/5" not in text
    assert "Комиссия қорытындысы" not in text
    assert "Кворум" in text
    assert f"{APPROVED:%d.%m.%Y}" in text
    assert f"Үзінді дұрыс. Комиссияның хатшысы: {approved.hr_staff.full_name}" in text
    entry = AuditEntry.objects.filter(action="print").latest("pk")
    assert entry.object_id == str(approved.eval1.pk)


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("ru", "ВЫПИСКА из протокола заседания комиссии по оценке"),
        ("en", "EXTRACT from the protocol of the session of the evaluation commission"),
    ],
)
def test_the_reading_copies(approved, client, language, title):
    text = pdf_text(
        _get(client, approved.hr_staff_user, approved.session, approved.eval1, language).content
    )
    assert title in text
    assert approved.a_staff1.full_name in text


@pytest.mark.parametrize("user", ["a_staff2", "a_head", "head", "b_staff1", "outsider", "other_hr"])
def test_colleagues_and_the_commission_are_refused(approved, client, user):
    before = AuditEntry.objects.count()
    response = _get(client, getattr(approved, f"{user}_user"), approved.session, approved.eval1)
    assert response.status_code == 404
    assert AuditEntry.objects.count() == before


def test_no_extract_before_the_approval_nor_of_another_session(held, client):
    services.motion_put(
        actor=held.hr_staff_user,
        session_id=held.session.pk,
        evaluation_id=held.eval1.pk,
        kind="approve",
    )
    assert _get(client, held.hr_staff_user, held.session, held.eval1).status_code == 404


def test_the_result_page_links_the_extract_for_the_servant_and_hr(approved, client):
    page = reverse("commission:result", args=[approved.eval1.pk])
    link = _url(approved.session, approved.eval1)
    for user, shown in (("a_staff1", True), ("hr_staff", True), ("a_head", False)):
        client.force_login(getattr(approved, f"{user}_user"))
        assert (link in client.get(page).content.decode()) is shown


@pytest.mark.django_db
def test_the_moj_extract(world, clock, client):
    w = build(world, clock)
    session = decided_quarter(w)
    text = pdf_text(_get(client, w.a_staff2_user, session, w.quarter2).content)
    assert "ҮЗІНДІ" in text
    assert w.a_staff2.full_name in text
    assert "Екі іс-шара ескерілмеген" in text
    assert w.a_staff1.full_name not in text
    assert _get(client, w.a_staff1_user, session, w.quarter2).status_code == 404


def _api(client, user, session, evaluation):
    client.force_login(user)
    url = reverse("api:documents_commission_extract_pdf", args=[session.pk, evaluation.pk])
    return client.get(url, HTTP_ACCEPT="application/pdf")


def test_the_api_prints_the_extract_for_the_servant(approved, client):
    response = _api(client, approved.a_staff1_user, approved.session, approved.eval1)
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert approved.a_staff1.full_name in text
    assert approved.a_staff2.full_name not in text


def test_the_api_refuses_a_colleagues_extract_and_audits_nothing(approved, client):
    before = AuditEntry.objects.count()
    response = _api(client, approved.a_staff2_user, approved.session, approved.eval1)
    assert response.status_code == 404
    assert response.json()["error"]
    assert AuditEntry.objects.count() == before
