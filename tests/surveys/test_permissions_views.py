"""Every 360 page and action against every persona: the right one succeeds, a persona that may
see the case but not act gets 403, one that may not see it 404, anonymous users go to the login
page — and a refusal changes nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.surveys.conftest import answers, questionnaire_url
from tests.surveys.matrix import HR, LOGGED_IN, PERSONAS, READERS, build, expected, user_of
from tests.surveys.test_campaign import state


def _answers_post(form: str, value: int = 4) -> dict[str, str]:
    data = {"confirm": "1"}
    for code, values in answers(form, value).items():
        for index, item in enumerate(values):
            data[f"a_{code}_{index}"] = str(item)
    return data


@dataclass
class Case:
    name: str
    method: str
    stage: str
    url: Any  # (survey) -> url
    allowed: set[str]
    visible: set[str] = field(default_factory=set)
    ok: int = 200
    data: Any = field(default=lambda s: {})  # (survey) -> POST data


def _campaign(s):
    return s.campaign.pk


CASES = [
    Case("index", "get", "open", lambda s: reverse("surveys:index"), LOGGED_IN),
    Case(
        "campaign_page",
        "get",
        "open",
        lambda s: reverse("surveys:campaign", args=[_campaign(s)]),
        HR,
    ),
    Case(
        "campaign_create",
        "post",
        "none",
        lambda s: reverse("surveys:campaign_create"),
        HR,
        LOGGED_IN,
        302,
        lambda s: {"year": "2026", "deadline": "2027-01-08"},
    ),
    Case(
        "campaign_open",
        "post",
        "draft",
        lambda s: reverse("surveys:campaign_open", args=[_campaign(s)]),
        HR,
        ok=302,
    ),
    Case(
        "campaign_close",
        "post",
        "due",
        lambda s: reverse("surveys:campaign_close", args=[_campaign(s)]),
        HR,
        ok=302,
    ),
    Case(
        "campaign_deadline",
        "post",
        "open",
        lambda s: reverse("surveys:campaign_deadline", args=[_campaign(s)]),
        HR,
        ok=302,
        data=lambda s: {"deadline": "2027-01-10"},
    ),
    Case(
        "respondents_page",
        "get",
        "draft",
        lambda s: reverse("surveys:target_respondents", args=[s.target("a_staff1").pk]),
        HR,
    ),
    Case(
        "respondents_save",
        "post",
        "draft",
        lambda s: reverse("surveys:target_respondents", args=[s.target("a_staff1").pk]),
        HR,
        ok=302,
        data=lambda s: {
            "respondents": [s.servant(k).pk for k in ("a_head", "a_staff2", "b_staff1", "b_head")],
            "version": s.target("a_staff1").version,
        },
    ),
    Case(
        "target_remove",
        "post",
        "draft",
        lambda s: reverse("surveys:target_remove", args=[s.target("hr_staff").pk]),
        HR,
        ok=302,
    ),
    Case(
        "feedback",
        "post",
        "closed",
        lambda s: reverse("surveys:target_feedback", args=[s.target("a_staff1").pk]),
        HR,
        ok=302,
        data=lambda s: {
            f"t{s.target('a_staff1').pk}-given_on": "2027-01-12",
            f"t{s.target('a_staff1').pk}-note": "Кері байланыс берілді.",
        },
    ),
    Case(
        "training",
        "get",
        "closed",
        lambda s: reverse("surveys:training", args=[_campaign(s)]),
        {"hr_head"},
        {"hr_staff"},
    ),
    Case(
        "training_xlsx",
        "get",
        "closed",
        lambda s: reverse("surveys:training_xlsx", args=[_campaign(s)]),
        {"hr_head"},
        {"hr_staff"},
    ),
    # The URL is the reference of b_staff1's questionnaire in the persona's own session.
    Case(
        "questionnaire",
        "get",
        "open",
        lambda s, c: questionnaire_url(c, s.invitation("b_staff1", "a_staff1")),
        {"respondent"},
    ),
    Case(
        "questionnaire_submit",
        "post",
        "open",
        lambda s, c: questionnaire_url(c, s.invitation("b_staff1", "a_staff1")),
        {"respondent"},
        ok=302,
        data=lambda s: _answers_post("staff"),
    ),
    Case(
        "paper_page",
        "get",
        "open",
        lambda s: reverse("surveys:paper", args=[s.target("a_staff1").pk]),
        HR,
    ),
    Case(
        "paper_blank",
        "get",
        "open",
        lambda s: reverse("surveys:paper_blank", args=[s.target("a_staff1").pk]),
        HR,
    ),
    Case(
        "paper_returns",
        "post",
        "open",
        lambda s: reverse("surveys:paper", args=[s.target("hr_staff").pk]),
        HR,
        ok=302,
        data=lambda s: {"action": "returns", "respondents": [str(s.servant("b_staff1").pk)]},
    ),
    Case(
        "paper_enter",
        "post",
        "paper_marked",
        lambda s: reverse("surveys:paper", args=[s.target("hr_staff").pk]),
        HR,
        ok=302,
        data=lambda s: {
            "action": "enter",
            **{k.replace("a_", "p0_", 1): v for k, v in _answers_post("staff", 3).items()},
        },
    ),
    Case(
        "paper_scan",
        "get",
        "paper",
        lambda s: reverse("surveys:paper_scan", args=[s.target("hr_staff").paper_batches.get().pk]),
        HR,
    ),
    Case(
        "self",
        "get",
        "open",
        lambda s: reverse("surveys:self", args=[s.target("a_staff1").pk]),
        {"evaluatee"},
    ),
    Case(
        "self_submit",
        "post",
        "open",
        lambda s: reverse("surveys:self", args=[s.target("a_staff1").pk]),
        {"evaluatee"},
        ok=302,
        data=lambda s: _answers_post("staff", 5),
    ),
    Case(
        "self_draft",
        "post",
        "open",
        lambda s: reverse("surveys:self_draft", args=[s.target("a_staff1").pk]),
        {"evaluatee"},
        data=lambda s: {"a_ethics_0": "4"},
    ),
    Case(
        "report",
        "get",
        "closed",
        lambda s: reverse("surveys:report", args=[s.target("a_staff1").pk]),
        READERS,
        {"hr_staff"},
    ),
    Case(
        "report_pdf",
        "get",
        "closed",
        lambda s: reverse("surveys:report_pdf", args=[s.target("a_staff1").pk]),
        READERS,
        {"hr_staff"},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_permission_matrix(world, clock, case):
    survey = build(world, clock, case.stage)
    data = case.data(survey)

    def url_for(client):
        try:
            return case.url(survey, client)
        except TypeError:
            return case.url(survey)

    # Refusals first: each one changes nothing.
    for persona in PERSONAS:
        if persona in case.allowed:
            continue
        client = Client()
        user = user_of(world, persona)
        if user is not None:
            client.force_login(user)
        before = state()
        response = getattr(client, case.method)(url_for(client), data)
        code = expected(persona, case.allowed, case.visible, case.ok, 302)
        assert response.status_code == code, (persona, response.status_code)
        if persona == "anonymous":
            assert "/login/" in response["Location"]
        assert state() == before, persona
    # The right people: every reader of a page, the first actor of an action.
    actors = [p for p in PERSONAS if p in case.allowed]
    if case.method == "post":
        actors = actors[:1]
    for persona in actors:
        client = Client()
        client.force_login(user_of(world, persona))
        before = state()
        response = getattr(client, case.method)(url_for(client), data)
        assert response.status_code == case.ok, (persona, response.content[:500])
        if case.method == "post":
            assert state() != before, persona
        if case.ok == 302:
            follow = client.get(response["Location"])
            assert follow.status_code == 200
            assert b'class="error"' not in follow.content, persona
