"""Who sees what (seed 002 p.15, p.20): the permission matrix of every sheet page and endpoint.

A result is visible only to the evaluatee, the evaluator, the head of the HR service and that
case's calibration participants; HR staff run the workflow (actual values, refusal acts) without
seeing scores; everyone else gets 404 (or 403 when they may see the result but not act on it).
After every refusal nothing has changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from bagalau.audit.models import AuditEntry
from bagalau.evaluations.models import Evaluation, EvaluationStatus, ParameterScore
from bagalau.evaluations.services.sheets import kpi_actuals_save
from tests.evaluations.test_sheets_cases import (
    annual_period,
    diff_case,
    kpi_case,
    participant,
    rows,
    signed_diff_case,
    snapshot,
    worked_actuals,
)

ROLES = [
    "anonymous",
    "outsider",
    "evaluatee",
    "evaluator",
    "hr_staff",
    "hr_head",
    "apparatus_head",
    "other_manager",
    "participant",
]


def evaluator_only(success: int) -> dict[str, int]:
    """Scoring and signing: the evaluator; 403 to others who see the result, else 404."""
    return {
        "outsider": 404,
        "evaluatee": 403,
        "evaluator": success,
        "hr_staff": 404,
        "hr_head": 403,
        "apparatus_head": 404,
        "other_manager": 404,
        "participant": 403,
    }


READ = {
    "outsider": 404,
    "evaluatee": 200,
    "evaluator": 200,
    "hr_staff": 404,
    "hr_head": 200,
    "apparatus_head": 404,
    "other_manager": 404,
    "participant": 200,
}


def evaluatee_only(success: int) -> dict[str, int]:
    return evaluator_only(0) | {"evaluatee": success, "evaluator": 403}


def hr_only(success: int) -> dict[str, int]:
    """The HR service's workflow pages: HR staff and its head."""
    return evaluator_only(0) | {"evaluator": 403, "hr_staff": success, "hr_head": success}


def in_organisation(allowed: dict[str, int]) -> dict[str, int]:
    """Pages of the organisation: 403 to its members without the role, 404 to outsiders."""
    base = {
        "outsider": 404,
        "evaluatee": 403,
        "evaluator": 403,
        "hr_staff": 403,
        "hr_head": 403,
        "apparatus_head": 403,
        "other_manager": 403,
        "participant": 404,  # a participant from outside the organisation
    }
    return base | allowed


EVERYONE = dict.fromkeys(ROLES[1:], 200)


@dataclass
class Case:
    """One page or endpoint with the evaluation it acts on."""

    name: str
    method: str
    build: str
    url: Callable[[Any, Any], str]
    expected: dict[str, int]
    data: Callable[[Any, Any], dict[str, Any]] = field(default=lambda world, obj: {})
    api: bool = False


def web(name: str, *args: Any) -> str:
    return reverse(f"evaluations:{name}", args=args)


def api(name: str, *args: Any) -> str:
    return reverse(f"api:{name}", args=args)


def kpi_scores(world, evaluation):
    return {"version": evaluation.version, f"score_{rows(evaluation)[0].pk}": "4.90"}


def kpi_actuals(world, evaluation):
    data = {"version": evaluation.version}
    for row, value in zip(rows(evaluation), ["38.8", "3", "no"], strict=True):
        data[f"actual_{row.pk}"] = value
    return data


def diff_scores(world, evaluation):
    return {
        "version": evaluation.version,
        "score_quality": "5",
        "score_timeliness": "4",
        "score_initiative": "4",
        "score_discipline": "3",
        "justification": "Жақсы",
    }


def refusal(world, evaluation):
    return {"text": "Бас тартты", "witness_1": world.a_staff2.pk, "witness_2": world.b_staff1.pk}


CASES = [
    # --- web pages ---
    Case("sheet", "get", "signed_diff", lambda w, e: web("sheet", e.pk), READ),
    Case(
        "kpi save",
        "post",
        "kpi_filled",
        lambda w, e: web("sheet_kpi_save", e.pk),
        evaluator_only(302),
        kpi_scores,
    ),
    Case(
        "kpi row (HTMX)",
        "post",
        "kpi_filled",
        lambda w, e: web("sheet_kpi_row", e.pk, rows(e)[0].pk),
        evaluator_only(200),
        kpi_scores,
    ),
    Case(
        "differentiation save",
        "post",
        "pending_diff",
        lambda w, e: web("sheet_differentiation_save", e.pk),
        evaluator_only(302),
        diff_scores,
    ),
    Case(
        "sign",
        "post",
        "signable_diff",
        lambda w, e: web("sheet_sign", e.pk),
        evaluator_only(302),
        lambda w, e: {"version": e.version, "confirm": "1"},
    ),
    Case(
        "acknowledge",
        "post",
        "signed_diff",
        lambda w, e: web("sheet_acknowledge", e.pk),
        evaluatee_only(302),
    ),
    Case("actuals page", "get", "kpi", lambda w, e: web("sheet_actuals", e.pk), hr_only(200)),
    Case(
        "actuals save",
        "post",
        "kpi",
        lambda w, e: web("sheet_actuals", e.pk),
        hr_only(302),
        kpi_actuals,
    ),
    Case(
        "refusal page", "get", "signed_diff", lambda w, e: web("sheet_refusal", e.pk), hr_only(200)
    ),
    # Seed 002 has no refusal act (p.11): the HR service is told so, and nothing is written.
    Case(
        "refusal act",
        "post",
        "signed_diff",
        lambda w, e: web("sheet_refusal", e.pk),
        hr_only(400),
        refusal,
    ),
    Case(
        "service record",
        "get",
        "signed_diff",
        lambda w, e: web("service_record_of", w.a_staff1.pk),
        in_organisation({"evaluatee": 200, "hr_head": 200}),
    ),
    Case(
        "consequences",
        "get",
        "signed_diff",
        lambda w, e: web("consequences", e.period.pk),
        in_organisation({"hr_head": 200}),
    ),
    Case(
        "annual page",
        "get",
        "annual",
        lambda w, e: web("annual_results", e.pk),
        in_organisation({"hr_staff": 200, "hr_head": 200}),
    ),
    Case(
        "annual compute",
        "post",
        "annual",
        lambda w, e: web("annual_results", e.pk),
        in_organisation({"hr_staff": 302, "hr_head": 302}),
    ),
    Case(
        "periods",
        "get",
        "signed_diff",
        lambda w, e: web("result_periods"),
        dict.fromkeys(ROLES[1:], 403) | {"hr_staff": 200, "hr_head": 200},
    ),
    Case("hub", "get", "signed_diff", lambda w, e: web("sheets_home"), EVERYONE),
    Case("my results", "get", "signed_diff", lambda w, e: web("my_results"), EVERYONE),
    Case(
        "own service record",
        "get",
        "signed_diff",
        lambda w, e: web("service_record"),
        EVERYONE | {"outsider": 404, "participant": 404},
    ),
    # --- REST API ---
    Case(
        "detail", "get", "signed_diff", lambda w, e: api("evaluation-detail", e.pk), READ, api=True
    ),
    Case(
        "actuals (api)",
        "get",
        "kpi",
        lambda w, e: api("evaluation-actuals", e.pk),
        hr_only(200),
        api=True,
    ),
    Case(
        "actuals save (api)",
        "post",
        "kpi",
        lambda w, e: api("evaluation-actuals", e.pk),
        hr_only(200),
        lambda w, e: {
            "version": e.version,
            "actuals": {str(k): str(v) for k, v in worked_actuals(e).items()},
        },
        api=True,
    ),
    Case(
        "kpi sheet (api)",
        "post",
        "kpi_filled",
        lambda w, e: api("evaluation-kpi-sheet", e.pk),
        evaluator_only(200),
        lambda w, e: {"version": e.version, "scores": {str(rows(e)[0].pk): "4.90"}},
        api=True,
    ),
    Case(
        "differentiation (api)",
        "post",
        "pending_diff",
        lambda w, e: api("evaluation-differentiation", e.pk),
        evaluator_only(200),
        lambda w, e: {"version": e.version, "scores": {"quality": 5}, "justification": "x"},
        api=True,
    ),
    Case(
        "sign (api)",
        "post",
        "signable_diff",
        lambda w, e: api("evaluation-sign", e.pk),
        evaluator_only(200),
        lambda w, e: {"version": e.version},
        api=True,
    ),
    Case(
        "acknowledge (api)",
        "post",
        "signed_diff",
        lambda w, e: api("evaluation-acknowledge", e.pk),
        evaluatee_only(200),
        api=True,
    ),
    Case(
        "refusal act (api)",
        "post",
        "signed_diff",
        lambda w, e: api("evaluation-refusal-act", e.pk),
        hr_only(400),
        refusal,
        api=True,
    ),
    Case(
        "mine (api)", "get", "signed_diff", lambda w, e: api("evaluations-mine"), EVERYONE, api=True
    ),
    Case(
        "tasks (api)",
        "get",
        "signed_diff",
        lambda w, e: api("evaluations-tasks"),
        EVERYONE,
        api=True,
    ),
    Case(
        "consequences (api)",
        "get",
        "signed_diff",
        lambda w, e: api("evaluations-consequences", e.period.pk),
        in_organisation({"hr_head": 200}),
        api=True,
    ),
    Case(
        "annual compute (api)",
        "post",
        "annual",
        lambda w, e: api("evaluations-annual", e.pk),
        in_organisation({"hr_staff": 200, "hr_head": 200}),
        api=True,
    ),
]


def build(world, kind: str) -> tuple[Any, Evaluation]:
    """The object the URL names and the evaluation whose people the roles are."""
    if kind in ("kpi", "kpi_filled"):
        evaluation = kpi_case(world)
        if kind == "kpi_filled":
            kpi_actuals_save(
                actor=world.hr_staff_user,
                evaluation_id=evaluation.pk,
                version=1,
                values=worked_actuals(evaluation),
            )
            evaluation.refresh_from_db()
        return evaluation, evaluation
    if kind == "pending_diff":
        evaluation = diff_case(world)
        return evaluation, evaluation
    if kind == "signable_diff":
        evaluation = diff_case(world, justification="Жақсы")
        for code, score in (
            ("quality", 5),
            ("timeliness", 4),
            ("initiative", 4),
            ("discipline", 3),
        ):
            ParameterScore.objects.create(evaluation=evaluation, parameter=code, score=score)
        return evaluation, evaluation
    evaluation = signed_diff_case(world)
    if kind == "annual":
        Evaluation.objects.filter(pk=evaluation.pk).update(
            status=EvaluationStatus.FINAL, final_score=evaluation.score, final_rating="effective"
        )
        return annual_period(world), evaluation
    return evaluation, evaluation


def user_for(world, role: str, evaluation: Evaluation) -> Any:
    if role == "participant":
        return participant(world, evaluation)
    kpi = evaluation.method == "kpi"
    return {
        "outsider": world.outsider_user,
        "evaluatee": world.a_head_user if kpi else world.a_staff1_user,
        "evaluator": world.deputy_user if kpi else world.a_head_user,
        "hr_staff": world.hr_staff_user,
        "hr_head": world.hr_head_user,
        "apparatus_head": world.head_user,
        "other_manager": world.b_head_user,
    }[role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_permission_matrix(client, world, clock, case, role):
    clock(dt.date(2026, 4, 9))
    obj, evaluation = build(world, case.build)
    if role != "anonymous":
        user = user_for(world, role, evaluation)
    url = case.url(world, obj)
    data = case.data(world, evaluation)
    before = snapshot(evaluation)
    if case.api:
        caller = APIClient()
        if role != "anonymous":
            caller.force_authenticate(user)
        response = getattr(caller, case.method)(url, data, format="json")
    else:
        if role != "anonymous":
            client.force_login(user)
        response = getattr(client, case.method)(url, data)
    if role == "anonymous":
        if case.api:
            assert response.status_code == 403
        else:
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("login"))
        assert snapshot(evaluation) == before
        return
    expected = case.expected[role]
    assert response.status_code == expected, (case.name, role, response.content[:300])
    if expected >= 400:
        assert snapshot(evaluation) == before
        if case.api:
            assert set(response.json()["error"]) == {"field", "message"}


def test_every_page_that_shows_a_result_audits_the_read(client, world):
    signed = signed_diff_case(world)
    for user in (world.a_staff1_user, world.a_head_user, world.hr_head_user):
        client.force_login(user)
        assert client.get(web("sheet", signed.pk)).status_code == 200
    views = AuditEntry.objects.filter(action="view", object_id=str(signed.pk))
    assert sorted(v.actor.username for v in views) == ["a_head", "a_staff1", "hr_head"]
    client.force_login(world.hr_staff_user)
    assert client.get(web("sheet", signed.pk)).status_code == 404
    assert views.count() == 3  # a refused read is not a read


def test_hr_staff_never_see_a_score_in_their_lists(client, world, clock):
    clock(dt.date(2026, 4, 9))
    signed = signed_diff_case(world)
    kpi = kpi_case(world)
    client.force_login(world.hr_staff_user)
    for page in (web("sheets_home"), reverse("home"), web("sheet_actuals", kpi.pk)):
        text = client.get(page).content.decode()
        assert "4.00" not in text, page
        assert "rating-effective" not in text, page
    assert signed.score is not None
