"""The moj-2017 App. 5 protocol as PDF (EDITIONS.md §6.2): the kind and period, the results with
q and the rating, the correction with its explanation, the recommendations, the conclusion, the
"Тексерген:" block; no approval block (p.35). Who may print it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bagalau.commission import services
from tests.commission.moj_world import all_for, attend, build, put, schedule, sign_all
from tests.documents.conftest import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(world, clock):
    w = build(world, clock)
    w.session = schedule(w, [w.quarter1, w.quarter2])
    attend(w, w.session)
    all_for(w, put(w, w.session, w.quarter1, recommendations="Тәлімгер болуға ұсынылады"))
    all_for(
        w,
        put(
            w,
            w.session,
            w.quarter2,
            "revise",
            revised_score="106",
            reason="Екі іс-шара ескерілмеген",
        ),
    )
    services.session_conclude(
        actor=w.hr_staff_user, session_id=w.session.pk, conclusion="Нәтижелер бекітілді"
    )
    sign_all(w, w.session)
    return w


def test_the_moj_protocol_is_laid_out_as_the_form(signed, client):
    client.force_login(signed.hr_staff_user)
    response = client.get(reverse("documents:commission_protocol_pdf", args=[signed.session.pk]))
    assert response.status_code == 200
    text = " ".join(pdf_text(response.content).split())
    for expected in (
        "Бағалау жөніндегі комиссия отырысының хаттамасы",
        "тоқсандық, 3 / 2017 тоқсан",
        "Бағалау нәтижелері",
        "Комиссияның ұсыныстары",
        "112 балл – Тиімді",
        "98 балл – Қанағаттанарлық",
        "106 – Тиімді",
        "Екі іс-шара ескерілмеген",
        "Тәлімгер болуға ұсынылады",
        "Нәтижелер бекітілді",
        "Тексерген:",
        "Комиссияның хатшысы",
        "Комиссияның төрағасы",
    ):
        assert expected in text, expected
    assert text.count("Комиссия мүшесі") == 3
    assert "БЕКІТЕМІН" not in text
    assert "ЖОБА" not in text


def test_before_the_last_signature_the_moj_protocol_prints_as_a_draft(world, clock, client):
    w = build(world, clock)
    w.session = schedule(w, [w.quarter1])
    attend(w, w.session)
    client.force_login(w.hr_staff_user)
    response = client.get(reverse("documents:commission_protocol_pdf", args=[w.session.pk]))
    assert response.status_code == 200
    text = " ".join(pdf_text(response.content).split())
    assert "ЖОБА" in text
    assert "Хаттамаға әлі қол қойылмаған: бұл жоба." in text


@pytest.mark.parametrize(("who", "status"), [("a_staff1", 404), ("outsider", 404), ("b_head", 200)])
def test_who_prints_the_moj_protocol(signed, client, who, status):
    client.force_login(getattr(signed, f"{who}_user"))
    response = client.get(reverse("documents:commission_protocol_pdf", args=[signed.session.pk]))
    assert response.status_code == status


def test_anonymous_is_sent_to_log_in(signed, client):
    response = client.get(reverse("documents:commission_protocol_pdf", args=[signed.session.pk]))
    assert response.status_code == 302
