"""The typical-2018 period roster one page at a time, filtered by name and status in the
database, in Kazakh alphabetical order (issue 13 items 7-8)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from bagalau.core import paging
from bagalau.evaluations.models import PeriodKind
from tests.typical.conftest import opened

pytestmark = pytest.mark.django_db


def _names(response) -> list[str]:
    return [evaluation.servant.full_name for evaluation in response.context["rows"]]


@pytest.fixture
def roster(tw):
    period = opened(tw).periods.get(kind=PeriodKind.ANNUAL)
    tw.url = reverse("typical:roster", args=[period.pk])
    tw.hr = Client()
    tw.hr.force_login(tw.hr_staff_user)
    return tw


def test_the_roster_is_in_kazakh_order_and_found_by_a_name_typed_in_russian(roster):
    names = _names(roster.hr.get(roster.url))
    assert names.index(roster.a_head.full_name) < names.index(roster.a_staff1.full_name)  # Ә < Б
    assert _names(roster.hr.get(roster.url, {"q": "сауле"})) == [roster.b_staff1.full_name]


def test_the_status_filter_and_pages_that_keep_it(roster, monkeypatch):
    everyone = _names(roster.hr.get(roster.url))
    assert _names(roster.hr.get(roster.url, {"status": "signed"})) == []
    assert _names(roster.hr.get(roster.url, {"status": "no-such"})) == everyone
    monkeypatch.setattr(paging, "PAGE_SIZE", 2)
    response = roster.hr.get(roster.url, {"status": "pending"})
    assert len(response.context["rows"]) == 2
    assert response.context["page"].paginator.count == len(everyone)
    assert "?status=pending&amp;page=2" in response.content.decode()
