"""The development list of a typical-2018 year (seed 004 p.7; EDITIONS.md §8): the competencies
not met on the signed App. 3 sheets and the indicators not observed, for those who may see the
year; drafts and other organisations' servants never appear."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bagalau.evaluations.models import PeriodKind
from bagalau.methodology import get_edition
from bagalau.methodology.editions import typical2018_rules
from bagalau.typical.development import development_list
from bagalau.typical.services.competency_sheet import (
    competency_sheet_fill,
    competency_sheet_open,
    competency_sheet_sign,
)
from tests.typical.conftest import evaluation_of, opened

pytestmark = pytest.mark.django_db

#: b_staff1 (sjc-2018 "staff" row): activity management 3 of 4 (meets), cooperation 2 of 3 (not
#: met, No. 3 missing), responsibility 1 of 1 (meets); the other six none observed (not met).
OBSERVED = {"activity_management": [1, 2, 3], "cooperation": [1, 2], "responsibility": [1]}


@pytest.fixture
def year(tw):
    schedule = opened(tw)
    tw.period = schedule.periods.get(kind=PeriodKind.ANNUAL)
    tw.evaluation = evaluation_of(schedule, tw.b_staff1)
    tw.sheet = competency_sheet_open(actor=tw.b_head_user, evaluation_id=tw.evaluation.pk)
    competency_sheet_fill(actor=tw.b_head_user, sheet_id=tw.sheet.pk, observed=OBSERVED)
    return tw


def test_a_draft_sheet_lists_nothing(year):
    assert development_list(year.hr_staff_user, year.period) == []


def test_the_signed_sheet_lists_the_competencies_not_met_and_what_was_not_observed(year):
    competency_sheet_sign(actor=year.b_head_user, sheet_id=year.sheet.pk)
    rules = typical2018_rules(get_edition("sjc-2018"))
    (row,) = development_list(year.hr_staff_user, year.period)
    assert row.evaluation == year.evaluation
    codes = [need.code for need in row.needs]
    assert len(codes) == 7
    assert "activity_management" not in codes
    assert "responsibility" not in codes
    cooperation = next(need for need in row.needs if need.code == "cooperation")
    assert cooperation.missing == [
        rules.indicators[("cooperation", "staff")].effective[2].get("en")
    ]


@pytest.mark.parametrize(
    ("who", "listed"), [("b_head_user", 1), ("hr_staff_user", 1), ("a_head_user", 0)]
)
def test_each_reader_sees_the_servants_whose_year_they_may_see(year, who, listed):
    competency_sheet_sign(actor=year.b_head_user, sheet_id=year.sheet.pk)
    assert len(development_list(getattr(year, who), year.period)) == listed


def test_the_page_shows_the_list_and_refuses_outsiders(year, client):
    competency_sheet_sign(actor=year.b_head_user, sheet_id=year.sheet.pk)
    url = reverse("typical:development", args=[year.period.pk])
    client.force_login(year.hr_staff_user)
    html = client.get(url).content.decode()
    assert f'data-testid="need-{year.evaluation.pk}-cooperation"' in html
    assert html.count(f'data-testid="need-{year.evaluation.pk}-') == 7
    client.force_login(year.outsider_user)
    assert client.get(url).status_code == 404
