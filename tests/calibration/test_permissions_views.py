"""Every calibration page and action against every persona: the right one succeeds, a persona
that may see the case but not act gets 403, one that may not see it 404, anonymous users go to
the login page — and a refusal changes nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import reverse

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

EVERYONE = set(PERSONAS) - {"anonymous"}


@dataclass
class Case:
    name: str
    method: str
    stage: str
    url: Any  # (flow) -> url
    allowed: set[str]
    visible: set[str]
    data: Any = field(default=lambda flow: {})  # (flow) -> POST data


CASES = [
    Case("index", "get", "scheduled", lambda f: reverse("calibration:index"), EVERYONE, set()),
    Case(
        "apply_page",
        "get",
        "acknowledged",
        lambda f: reverse("calibration:apply", args=[f.evaluation.pk]),
        {"evaluatee"},
        SEES_EVALUATION,
    ),
    Case(
        "apply",
        "post",
        "acknowledged",
        lambda f: reverse("calibration:apply", args=[f.evaluation.pk]),
        {"evaluatee"},
        SEES_EVALUATION,
        lambda f: {"text": "Келіспеймін."},
    ),
    Case(
        "application_page",
        "get",
        "scheduled",
        lambda f: reverse("calibration:application", args=[f.application.pk]),
        WORKFLOW,
        set(),
    ),
    Case(
        "decide",
        "post",
        "applied",
        lambda f: reverse("calibration:application", args=[f.application.pk]),
        {"apparatus_head"},
        APPLIED,
        lambda f: {
            "participants": [user.pk for user in f.participants],
            "scheduled_for": "2026-04-21T10:00",
            "place": "Мәжіліс залы",
        },
    ),
    Case(
        "session_page",
        "get",
        "scheduled",
        lambda f: reverse("calibration:session", args=[f.session.pk]),
        WORKFLOW,
        set(),
    ),
    Case(
        "present",
        "post",
        "scheduled",
        lambda f: reverse("calibration:present", args=[f.session.pk]),
        {"evaluator"},
        WORKFLOW,
        lambda f: {"text": "Баяндама."},
    ),
    Case(
        "voting_panel",
        "get",
        "presented",
        lambda f: reverse("calibration:voting", args=[f.session.pk]),
        RESULTS,
        set(),
    ),
    Case(
        "vote",
        "post",
        "presented",
        lambda f: reverse("calibration:voting", args=[f.session.pk]),
        {"participant"},
        WORKFLOW,
        lambda f: {"choice": "keep", "score": "", "argument": ""},
    ),
    Case(
        "progress",
        "get",
        "presented",
        lambda f: reverse("calibration:progress", args=[f.session.pk]),
        RESULTS,
        set(),
    ),
    Case(
        "replace_participant",
        "post",
        "scheduled",
        lambda f: reverse("calibration:replace_participant", args=[f.session.pk]),
        {"apparatus_head"},
        WORKFLOW,
        lambda f: {"leaving": f.world.b_staff1_user.pk, "joining": f.world.a_staff2_user.pk},
    ),
    Case(
        "close_round",
        "post",
        "quorum",
        lambda f: reverse("calibration:close_round", args=[f.session.pk]),
        {"hr_head"},
        WORKFLOW,
        lambda f: {"confirm": "1"},
    ),
    Case(
        "sign",
        "post",
        "decided",
        lambda f: reverse("calibration:sign", args=[f.session.pk]),
        {"hr_head"},
        WORKFLOW,
        lambda f: {"confirm": "1"},
    ),
    Case(
        "post",
        "post",
        "signed",
        lambda f: reverse("calibration:post", args=[f.session.pk]),
        {"hr_staff", "hr_head"},
        WORKFLOW,
    ),
    Case(
        "protocol",
        "get",
        "decided",
        lambda f: reverse("calibration:protocol", args=[f.session.pk]),
        RESULTS,
        set(),
    ),
    Case(
        "feedback",
        "post",
        "signed",
        lambda f: reverse("calibration:feedback", args=[f.session.pk]),
        {"evaluator"},
        WORKFLOW,
        lambda f: {
            "held_on": "2026-04-22",
            "achievements": "Жетістіктер.",
            "skills": "Дағдылар.",
            "potential": "Әлеует.",
        },
    ),
    Case(
        "appeal_add",
        "post",
        "decided",
        lambda f: reverse("calibration:appeal_add", args=[f.session.pk]),
        {"hr_staff", "hr_head"},
        WORKFLOW,
        lambda f: {"filed_on": "2026-04-22", "authority": "Сот", "note": ""},
    ),
    Case(
        "appeal_outcome",
        "post",
        "appealed",
        lambda f: reverse("calibration:appeal_outcome", args=[f.session.appeals.get().pk]),
        {"hr_staff", "hr_head"},
        WORKFLOW,
        lambda f: {
            f"appeal{f.session.appeals.get().pk}-outcome": "withdrawn",
            f"appeal{f.session.appeals.get().pk}-outcome_on": "2026-04-28",
            f"appeal{f.session.appeals.get().pk}-note": "",
        },
    ),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_permission_matrix(client, world, clock, case, persona):
    flow = build(world, clock, case.stage)
    user = user_of(world, persona)
    if user is not None:
        client.force_login(user)
    ok = 302 if case.method == "post" else 200
    want = expected(persona, case.allowed, case.visible, ok, anonymous=302)
    url = case.url(flow)
    data = case.data(flow)
    before = snapshot()
    response = getattr(client, case.method)(url, data)
    assert response.status_code == want, response.content[:500]
    if persona == "anonymous":
        assert response["Location"].startswith(reverse("login"))
    if (case.method == "post" and want != ok) or persona == "anonymous":
        assert snapshot() == before
    elif case.method == "post":
        assert snapshot() != before
