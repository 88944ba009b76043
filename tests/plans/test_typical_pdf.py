"""The typical-2018 App. 1 as PDF (EDITIONS.md §6.1): the approval block with the approval date,
the title of the "B" corps servant's plan, the 5 KPI rows, the signatures of the servant and the
direct manager; for the people of the plan and HR only (404 for others)."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from bagalau.plans.models import PlanStatus
from tests.documents.conftest import pdf_text
from tests.plans.typical_helpers import TYPICAL_PEOPLE, TYPICAL_SEES, typical_in, typical_person


def download(w, who, plan):
    client = Client()
    user = typical_person(w, who)
    if user is not None:
        client.force_login(user)
    return client.get(reverse("documents:work_plan_pdf", args=[plan.pk]))


def test_the_approved_plan_is_laid_out_as_the_typical_app_1(tw, clock):
    plan = typical_in(tw, PlanStatus.APPROVED)
    clock(dt.date(2019, 2, 1))
    response = download(tw, "hr", plan)
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "«Б» корпусы мемлекеттік әкімшілік қызметшісінің жеке жұмыс жоспары" in text
    assert "«БЕКІТЕМІН»" in text
    assert "03.01.2019" in text
    assert "Саяси мемлекеттік қызметшінің" in text
    assert "Тікелей басшы" in text
    assert "Қызметші" in text
    for number in range(1, 6):
        assert f"НМИ {number}" in text
    assert "Сектормен келісілді" not in text


@pytest.mark.parametrize("who", ["anonymous", *TYPICAL_PEOPLE])
def test_who_downloads_it(tw, who):
    plan = typical_in(tw, PlanStatus.SUBMITTED)
    response = download(tw, who, plan)
    if who in TYPICAL_SEES:
        assert response.status_code == 200
    else:
        assert response.status_code == (302 if who == "anonymous" else 404)
