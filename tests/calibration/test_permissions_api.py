"""Every calibration endpoint against every persona (anonymous: 403), refusals change nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.calibration.conftest import snapshot
from tests.calibration.matrix import (
    APPLIED,
    PERSONAS,
    RESULTS,
    SEES_EVALUATION,
    WORKFLOW,
    build,
    expected,
    user_of,
)

API = "/api/v1/calibration"
EVERYONE = set(PERSONAS) - {"anonymous"}


@dataclass
class Case:
    name: str
    method: str
    stage: str
    url: Any
    allowed: set[str]
    visible: set[str]
    ok: int = 200
    data: Any = field(default=lambda flow: {})


CASES = [
    Case("list", "get", "scheduled", lambda f: f"{API}/applications/", EVERYONE, set()),
    Case(
        "apply",
        "post",
        "acknowledged",
        lambda f: f"{API}/applications/",
        {"evaluatee"},
        SEES_EVALUATION,
        201,
        lambda f: {"evaluation_id": f.evaluation.pk, "text": "Келіспеймін."},
    ),
    Case(
        "application",
        "get",
        "scheduled",
        lambda f: f"{API}/applications/{f.application.pk}/",
        WORKFLOW,
        set(),
    ),
    Case(
        "candidates",
        "get",
        "applied",
        lambda f: f"{API}/applications/{f.application.pk}/candidates/",
        {"apparatus_head"},
        APPLIED,
    ),
    Case(
        "decision",
        "post",
        "applied",
        lambda f: f"{API}/applications/{f.application.pk}/decision/",
        {"apparatus_head"},
        APPLIED,
        200,
        lambda f: {
            "participants": [user.pk for user in f.participants],
            "scheduled_for": "2026-04-21T10:00:00+05:00",
            "place": "Мәжіліс залы",
        },
    ),
    Case(
        "session", "get", "scheduled", lambda f: f"{API}/sessions/{f.session.pk}/", WORKFLOW, set()
    ),
    Case(
        "presentation",
        "post",
        "scheduled",
        lambda f: f"{API}/sessions/{f.session.pk}/presentation/",
        {"evaluator"},
        WORKFLOW,
        200,
        lambda f: {"text": "Баяндама."},
    ),
    Case(
        "vote",
        "post",
        "presented",
        lambda f: f"{API}/sessions/{f.session.pk}/votes/",
        {"participant"},
        WORKFLOW,
        201,
        lambda f: {"choice": "raise", "score": "4.20", "argument": "Дәлел."},
    ),
    Case(
        "replace_participant",
        "post",
        "scheduled",
        lambda f: f"{API}/sessions/{f.session.pk}/participants/",
        {"apparatus_head"},
        WORKFLOW,
        200,
        lambda f: {"leaving": f.world.b_staff1_user.pk, "joining": f.world.a_staff2_user.pk},
    ),
    Case(
        "close_round",
        "post",
        "quorum",
        lambda f: f"{API}/sessions/{f.session.pk}/close-round/",
        {"hr_head"},
        WORKFLOW,
    ),
    Case(
        "sign",
        "post",
        "decided",
        lambda f: f"{API}/sessions/{f.session.pk}/sign/",
        {"hr_head"},
        WORKFLOW,
    ),
    Case(
        "post",
        "post",
        "signed",
        lambda f: f"{API}/sessions/{f.session.pk}/post/",
        {"hr_staff", "hr_head"},
        WORKFLOW,
    ),
    Case(
        "protocol",
        "get",
        "decided",
        lambda f: f"{API}/sessions/{f.session.pk}/protocol/",
        RESULTS,
        set(),
    ),
    Case(
        "feedback",
        "post",
        "signed",
        lambda f: f"{API}/sessions/{f.session.pk}/feedback/",
        {"evaluator"},
        WORKFLOW,
        201,
        lambda f: {
            "held_on": "2026-04-22",
            "achievements": "Жетістіктер.",
            "skills": "Дағдылар.",
            "potential": "Әлеует.",
        },
    ),
    Case(
        "appeals",
        "get",
        "decided",
        lambda f: f"{API}/sessions/{f.session.pk}/appeals/",
        WORKFLOW,
        set(),
    ),
    Case(
        "appeal_add",
        "post",
        "decided",
        lambda f: f"{API}/sessions/{f.session.pk}/appeals/",
        {"hr_staff", "hr_head"},
        WORKFLOW,
        201,
        lambda f: {"filed_on": "2026-04-22", "authority": "Сот"},
    ),
    Case(
        "appeal_outcome",
        "post",
        "appealed",
        lambda f: f"{API}/appeals/{f.session.appeals.get().pk}/outcome/",
        {"hr_staff", "hr_head"},
        WORKFLOW,
        200,
        lambda f: {"outcome": "withdrawn", "outcome_on": "2026-04-28"},
    ),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_api_permission_matrix(client, world, clock, case, persona):
    flow = build(world, clock, case.stage)
    user = user_of(world, persona)
    if user is not None:
        client.force_login(user)
    want = expected(persona, case.allowed, case.visible, case.ok, anonymous=403)
    before = snapshot()
    if case.method == "get":
        response = client.get(case.url(flow))
    else:
        response = client.post(case.url(flow), case.data(flow), content_type="application/json")
    assert response.status_code == want, response.content[:500]
    if want >= 400:
        assert set(response.json()["error"]) == {"field", "message"}
        if case.method == "post":
            assert snapshot() == before
    elif case.method == "post":
        assert snapshot() != before
