"""The moj-2017 period roster one page at a time, filtered by name and status in the database,
in Kazakh alphabetical order (issue 13 items 7-8); a direct manager's filters stay within the
manager's own rows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bagalau.core import paging
from tests.moj.test_schedule_pages import client, mj, opened_q4  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _names(response) -> list[str]:
    return [evaluation.servant.full_name for evaluation in response.context["rows"]]


@pytest.fixture
def roster(mj):  # noqa: F811
    mj.period = opened_q4(mj)
    mj.url = reverse("moj:period", args=[mj.period.pk])
    return mj


def test_the_roster_is_in_kazakh_order_and_found_by_a_name_typed_in_russian(roster):
    hr = client(roster, "hr_staff")
    names = _names(hr.get(roster.url))
    assert names.index(roster.a_head.full_name) < names.index(roster.a_staff1.full_name)  # Ә < Б
    assert _names(hr.get(roster.url, {"q": "САУЛЕ"})) == [roster.b_staff1.full_name]
    assert _names(hr.get(roster.url, {"q": "кадрова"})) == [roster.hr_head.full_name]


def test_the_status_filter_and_an_unknown_status(roster):
    hr = client(roster, "hr_staff")
    everyone = _names(hr.get(roster.url))
    assert _names(hr.get(roster.url, {"status": "signed"})) == []
    assert _names(hr.get(roster.url, {"status": "no-such"})) == everyone
    assert 'data-testid="roster-filters"' in hr.get(roster.url).content.decode()


def test_pages_keep_the_filters(roster, monkeypatch):
    monkeypatch.setattr(paging, "PAGE_SIZE", 2)
    hr = client(roster, "hr_staff")
    everyone = _names(hr.get(roster.url, {"page": 1}))
    response = hr.get(roster.url, {"status": "pending"})
    assert len(response.context["rows"]) == 2
    assert response.context["page"].paginator.count > 2
    assert "?status=pending&amp;page=2" in response.content.decode()
    assert len(everyone) == 2


def test_a_direct_manager_filters_only_the_manager_s_rows(roster):
    manager = client(roster, "b_head")
    assert roster.b_staff1.full_name in _names(manager.get(roster.url))
    assert _names(manager.get(roster.url, {"q": "кадрова"})) == []
