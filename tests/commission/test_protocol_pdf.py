"""The App. 5 protocol of a session as PDF (EDITIONS.md §6.1): its content, who may print it,
and the audited read."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bagalau.audit.models import AuditEntry
from bagalau.commission import services
from tests.commission.conftest import ALL_PRESENT, SESSION_DAY, all_for
from tests.documents.conftest import pdf_text


@pytest.fixture
def approved(held):
    all_for(
        held,
        services.motion_put(
            actor=held.hr_staff_user,
            session_id=held.session.pk,
            evaluation_id=held.eval1.pk,
            kind="approve",
        ),
    )
    all_for(
        held,
        services.motion_put(
            actor=held.hr_staff_user,
            session_id=held.session.pk,
            evaluation_id=held.eval2.pk,
            kind="revise",
            revised_kpi_achieved=5,
            reason="Бесінші НМИ орындалды",
        ),
    )
    services.session_conclude(
        actor=held.hr_staff_user, session_id=held.session.pk, conclusion="Қорытынды мәтіні"
    )
    for name in ALL_PRESENT:
        services.protocol_sign(
            actor=getattr(held, f"{name}_user"), session_id=held.session.pk, signed_on=SESSION_DAY
        )
    services.session_approve(
        actor=held.head_user, session_id=held.session.pk, approved_on=SESSION_DAY
    )
    return held


def test_the_protocol_prints_results_corrections_votes_and_signatures(approved, client):
    client.force_login(approved.hr_staff_user)
    url = reverse("documents:commission_protocol_pdf", args=[approved.session.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    assert "Бағалау жөніндегі комиссия отырысының хаттамасы" in text
    assert "түзетілуі" in text
    assert "Бесінші НМИ орындалды" in text
    assert "5/5" in text
    assert "3/5" in text
    assert "Комиссияның хатшысы" in text
    assert "Сектор Мадина" in text
    assert "20.01.2020" in text
    assert "Қорытынды мәтіні" in text
    assert "ЖОБА" not in text
    assert "Хаттамаға әлі қол қойылмаған" not in text
    assert AuditEntry.objects.filter(action="print", object_id=str(approved.session.pk)).exists()


def test_before_every_signature_it_prints_as_a_draft(held, client):
    client.force_login(held.hr_staff_user)
    response = client.get(reverse("documents:commission_protocol_pdf", args=[held.session.pk]))
    assert response.status_code == 200
    text = " ".join(pdf_text(response.content).split())
    assert "ЖОБА" in text
    assert "Хаттамаға әлі қол қойылмаған: бұл жоба." in text


@pytest.mark.parametrize("user", ["a_staff1", "outsider", "other_hr"])
def test_who_may_not_print_it(approved, client, user):
    client.force_login(getattr(approved, f"{user}_user"))
    url = reverse("documents:commission_protocol_pdf", args=[approved.session.pk])
    before = AuditEntry.objects.count()
    assert client.get(url).status_code == 404
    assert AuditEntry.objects.count() == before
