"""Explain this score for the moj-2017 quarterly sheet App. 3 (issue 14 item 5; seed 001 p.18,
p.22, p.26-27): the catalogue's points of each agreed activity, the breaches, q and the rating;
on the sheet page and at /api/v1/moj/quarter-sheets/<id>/explain/, for those who see the sheet.

Hand-computed: two activities of 5 and 4 points, one labour breach: q = 100 + 9 − 2 × 1 = 107,
"effective"."""

from __future__ import annotations

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from bagalau.moj.explain import quarter_sheet_explanation
from bagalau.moj.models import QuarterSheet
from bagalau.moj.services.quarter_sheet import quarter_sheet_agree
from tests.moj.test_quarter_sheet import FIVE, FOUR, breach, item, sheet  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreed(mw, sheet):  # noqa: F811
    record = breach(mw)
    return quarter_sheet_agree(
        actor=mw.b_head_user,
        sheet_id=sheet.pk,
        items=[item(FIVE), item(FOUR)],
        breach_ids=[record.pk],
    )


def test_the_steps_end_at_the_agreed_score(agreed):
    assert quarter_sheet_explanation(agreed, "en") is not None
    explanation = quarter_sheet_explanation(agreed, "en")
    codes = [step["code"] for step in explanation.steps]
    assert codes[-2:] == ["quarter.points", "quarter.rating"]
    points = explanation.steps[-2]["text"]
    assert "100 + 9 − 2 = 107" in points
    assert explanation.result.startswith("107 · ")
    assert explanation.steps[-1]["cites"]


def test_nothing_to_explain_before_the_agreement_or_when_the_score_does_not_follow(mw, sheet):  # noqa: F811
    assert quarter_sheet_explanation(sheet, "en") is None
    record = breach(mw)
    quarter_sheet_agree(actor=mw.b_head_user, sheet_id=sheet.pk, items=[], breach_ids=[record.pk])
    QuarterSheet.objects.filter(pk=sheet.pk).update(score=120, rating="excellent")
    assert quarter_sheet_explanation(QuarterSheet.objects.get(pk=sheet.pk), "en") is None


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_api_and_the_page_explain_to_those_who_see_the_sheet(mw, agreed, client):
    url = f"/api/v1/moj/quarter-sheets/{agreed.pk}/explain/"
    for user in (mw.b_staff1_user, mw.b_head_user, mw.hr_staff_user):
        answer = _api(user).get(url, {"lang": "kk"})
        assert answer.status_code == 200, user.username
        assert answer.json()["result"].startswith("107 · ")
    for user in (mw.outsider_user, mw.a_head_user):
        assert _api(user).get(url).status_code == 404, user.username
    assert _api(mw.b_head_user).get(url, {"lang": "fr"}).status_code == 400
    client.force_login(mw.b_staff1_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    page = client.get(f"/moj/quarter-sheets/{agreed.pk}/").content.decode()
    assert page.count('data-testid="explain-step"') >= 2
    assert "= 107" in page
