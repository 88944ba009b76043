"""The sjc-2023 pages every organisation reaches (a result's page, the HR service's result
periods, the annual results and consequences of a period, the analytics) faced with a
typical-2018 year: found by the every-page browser walk as server errors for the Almaty logins.
A result's page now sends the reader to the typical-2018 evaluation page; the sjc-2023 period
pages do not list nor open a typical-2018 period; the analytics cover sjc-2023 years only; the
service record shows the period in the reader's language."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from bagalau.evaluations.models import PeriodKind, ServiceRecordEntry
from tests.typical.conftest import evaluation_of, opened

pytestmark = pytest.mark.django_db


def client_for(user, language: str = "kk") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["bagalau_language"] = language
    return client


@pytest.fixture
def year(tw):
    tw.schedule = opened(tw)
    tw.evaluation = evaluation_of(tw.schedule, tw.b_staff1)
    tw.annual = tw.schedule.periods.get(kind=PeriodKind.ANNUAL)
    return tw


@pytest.mark.parametrize("who", ["b_staff1_user", "b_head_user", "hr_staff_user"])
def test_the_result_page_of_a_typical_evaluation_sends_the_reader_to_its_own_page(year, who):
    response = client_for(getattr(year, who)).get(
        reverse("evaluations:sheet", args=[year.evaluation.pk])
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("typical:evaluation", args=[year.evaluation.pk])


def test_someone_outside_the_organisation_finds_no_typical_result(year):
    response = client_for(year.outsider_user).get(
        reverse("evaluations:sheet", args=[year.evaluation.pk])
    )
    assert response.status_code == 404


def test_the_sjc_result_periods_list_no_typical_period_and_open_none(year):
    client = client_for(year.hr_head_user)
    listing = client.get(reverse("evaluations:result_periods"))
    assert listing.status_code == 200
    assert reverse("evaluations:annual_results", args=[year.annual.pk]) not in listing.text
    for name in ("evaluations:annual_results", "evaluations:consequences"):
        assert client.get(reverse(name, args=[year.annual.pk])).status_code == 404, name


def test_the_analytics_of_an_organisation_with_a_typical_year_only_answer(year):
    response = client_for(year.hr_head_user).get(reverse("analytics:page"))
    assert response.status_code == 200
    assert response.context["a"].years == []


def test_the_service_record_keeps_kazakh_and_shows_the_period_in_the_readers_language(year):
    with translation.override("en"):
        label = year.annual.recorded_label()
    entry = ServiceRecordEntry.objects.create(
        servant=year.b_staff1,
        evaluation=year.evaluation,
        period=label,
        method=year.evaluation.method,
        score=3,
        rating="",
    )
    assert label == "2019 — Жылдық нәтиже"
    with translation.override("ru"):
        assert entry.period_label == "2019 — Годовой результат"
    entry.evaluation = None
    assert entry.period_label == label
