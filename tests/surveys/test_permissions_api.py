"""Every 360 endpoint against every persona: the same rules as the pages, anonymous users get
403, and a refusal changes nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.surveys.conftest import answers
from tests.surveys.matrix import HR, LOGGED_IN, PERSONAS, READERS, build, expected, user_of
from tests.surveys.test_campaign import state

API = "/api/v1/surveys"


@dataclass
class Case:
    name: str
    method: str
    stage: str
    url: Any  # (survey) -> url
    allowed: set[str]
    visible: set[str] = field(default_factory=set)
    ok: int = 200
    data: Any = field(default=lambda s: None)


CASES = [
    Case("campaigns", "get", "open", lambda s: f"{API}/campaigns/", LOGGED_IN),
    Case(
        "campaign_create",
        "post",
        "none",
        lambda s: f"{API}/campaigns/",
        HR,
        LOGGED_IN,
        201,
        lambda s: {"year": 2026, "deadline": "2027-01-08"},
    ),
    Case("campaign", "get", "open", lambda s: f"{API}/campaigns/{s.campaign.pk}/", HR),
    Case("open", "post", "draft", lambda s: f"{API}/campaigns/{s.campaign.pk}/open/", HR),
    Case("close", "post", "due", lambda s: f"{API}/campaigns/{s.campaign.pk}/close/", HR),
    Case(
        "deadline",
        "post",
        "open",
        lambda s: f"{API}/campaigns/{s.campaign.pk}/deadline/",
        HR,
        data=lambda s: {"deadline": "2027-01-10"},
    ),
    Case(
        "training",
        "get",
        "closed",
        lambda s: f"{API}/campaigns/{s.campaign.pk}/training/",
        {"hr_head"},
        {"hr_staff"},
    ),
    Case(
        "respondents",
        "get",
        "draft",
        lambda s: f"{API}/targets/{s.target('a_staff1').pk}/respondents/",
        HR,
    ),
    Case(
        "respondents_put",
        "put",
        "draft",
        lambda s: f"{API}/targets/{s.target('a_staff1').pk}/respondents/",
        HR,
        data=lambda s: {
            "respondents": [s.servant(k).pk for k in ("a_head", "a_staff2", "b_staff1", "b_head")]
        },
    ),
    Case(
        "target_delete",
        "delete",
        "draft",
        lambda s: f"{API}/targets/{s.target('hr_staff').pk}/",
        HR,
        ok=204,
    ),
    Case(
        "feedback",
        "post",
        "closed",
        lambda s: f"{API}/targets/{s.target('a_staff1').pk}/feedback/",
        HR,
        data=lambda s: {"given_on": "2027-01-12", "note": "Берілді."},
    ),
    Case("questionnaires", "get", "open", lambda s: f"{API}/questionnaires/", LOGGED_IN),
    # Without a session (force_authenticate) the reference is per user: b_staff1's.
    Case(
        "questionnaire",
        "get",
        "open",
        lambda s: f"{API}/questionnaires/{_ref(s)}/",
        {"respondent"},
    ),
    Case(
        "questionnaire_submit",
        "post",
        "open",
        lambda s: f"{API}/questionnaires/{_ref(s)}/submit/",
        {"respondent"},
        data=lambda s: {"answers": answers("staff", 4)},
    ),
    Case(
        "paper_blank",
        "get",
        "open",
        lambda s: f"{API}/targets/{s.target('a_staff1').pk}/paper.pdf",
        HR,
    ),
    Case(
        "paper_returns",
        "post",
        "open",
        lambda s: f"{API}/targets/{s.target('hr_staff').pk}/paper/returns/",
        HR,
        data=lambda s: {"respondents": [s.servant("b_staff1").pk]},
    ),
    Case(
        "paper_batch",
        "post",
        "paper_marked",
        lambda s: f"{API}/targets/{s.target('hr_staff').pk}/paper/",
        HR,
        ok=201,
        data=lambda s: {"questionnaires": [answers("staff", 3)]},
    ),
    Case("self", "get", "open", lambda s: f"{API}/self/{s.target('a_staff1').pk}/", {"evaluatee"}),
    Case(
        "self_draft",
        "put",
        "open",
        lambda s: f"{API}/self/{s.target('a_staff1').pk}/draft/",
        {"evaluatee"},
        data=lambda s: {"answers": {"ethics": [5]}},
    ),
    Case(
        "self_submit",
        "post",
        "open",
        lambda s: f"{API}/self/{s.target('a_staff1').pk}/submit/",
        {"evaluatee"},
        data=lambda s: {"answers": answers("staff", 5)},
    ),
    Case("reports", "get", "closed", lambda s: f"{API}/reports/", LOGGED_IN),
    Case(
        "report",
        "get",
        "closed",
        lambda s: f"{API}/reports/{s.target('a_staff1').pk}/",
        READERS,
        {"hr_staff"},
    ),
]


def _ref(s) -> str:
    from bagalau.surveys.refs import ref_for

    invitation = s.invitation("b_staff1", "a_staff1")
    return ref_for("", invitation.respondent.user_id, invitation.pk)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_permission_matrix(world, clock, case):
    survey = build(world, clock, case.stage)
    url = case.url(survey)
    data = case.data(survey)
    for persona in PERSONAS:
        if persona in case.allowed:
            continue
        client = APIClient()
        user = user_of(world, persona)
        if user is not None:
            client.force_authenticate(user)
        before = state()
        response = getattr(client, case.method)(url, data, format="json")
        code = expected(persona, case.allowed, case.visible, case.ok, 403)
        assert response.status_code == code, (persona, response.status_code, response.content)
        assert set(response.json()) == {"error"}
        assert state() == before, persona
    actors = [p for p in PERSONAS if p in case.allowed]
    if case.method != "get":
        actors = actors[:1]
    for persona in actors:
        client = APIClient()
        client.force_authenticate(user_of(world, persona))
        before = state()
        response = getattr(client, case.method)(url, data, format="json")
        assert response.status_code == case.ok, (persona, response.content[:500])
        if case.method != "get":
            assert state() != before


def test_lists_show_each_persona_only_their_own(world, clock):
    build(world, clock, "closed")
    client = APIClient()
    client.force_authenticate(world.b_head_user)
    assert client.get(f"{API}/campaigns/").json() == []
    reports = client.get(f"{API}/reports/").json()
    # b_head reads his own report and those of the servants he evaluates (b_staff1).
    assert {r["servant"] for r in reports} == {"Қасымов Бауыржан", "Омарова Сәуле"}
    client.force_authenticate(world.hr_head_user)
    assert len(client.get(f"{API}/reports/").json()) == 8
    client.force_authenticate(world.outsider_user)
    assert client.get(f"{API}/reports/").json() == []
    assert client.get(f"{API}/questionnaires/").json() == []
