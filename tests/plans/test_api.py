"""The REST API of work plans (/api/v1/plans/): same services, same rules, JSON errors, and the
permission matrix of every endpoint (refusals change nothing)."""

import datetime as dt

import pytest
from django.urls import include, path, reverse
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from bagalau.plans.models import PlanChange, PlanStatus, WorkPlan
from tests.factories import AssignmentFactory, PositionFactory, ServantFactory
from tests.plans.helpers import SEES, person, plan_in, snapshot

PEOPLE = [
    "anonymous",
    "outsider",
    "servant",
    "evaluator",
    "approver",
    "hr",
    "other_manager",
    "apparatus_head",
]


def api(w, who: str) -> APIClient:
    client = APIClient()
    user = person(w, who)
    if user is not None:
        client.force_authenticate(user)
    return client


def kpi_body(version: int, **overrides) -> dict:
    body = {
        "version": version,
        "name": "Өтініштерді қарау",
        "source": "Стратегиялық жоспар, 1-көрсеткіш",
        "unit": "%",
        "direction": "increase",
        "plan_q1": "50",
        "plan_q2": "60",
        "plan_q3": None,
        "plan_q4": "80",
        "deadline": "2026-12-01",
        "key_result": "Өтініштер уақтылы қаралады",
    }
    body.update(overrides)
    return body


def url(name: str, *args) -> str:
    return reverse(f"api:{name}", args=args)


# --- behaviour ----------------------------------------------------------------------------------


def test_detail_with_kpis_and_actions(pw):
    plan = plan_in(pw, PlanStatus.DRAFT)
    response = api(pw, "evaluator").get(url("plans-detail", plan.pk))
    assert response.status_code == 200
    data = response.json()
    assert data["servant"] == "Сейітов Ержан Қанатұлы"
    assert (data["status"], data["draft_due"], data["version"]) == ("draft", "2026-01-19", 4)
    assert [k["number"] for k in data["kpis"]] == [1, 2, 3]
    assert data["kpis"][0]["plan_q1"] == "10.0000"
    assert data["actions"] == ["kpis", "send_to_hr"]


def test_list_by_tab_and_year(pw):
    plan = plan_in(pw, PlanStatus.DRAFT)
    assert [p["id"] for p in api(pw, "approver").get(url("plans-list")).json()] == [plan.pk]
    assert api(pw, "approver").get(url("plans-list"), {"tab": "draft"}).json() == []
    assert api(pw, "hr").get(url("plans-list"), {"year": 2025}).json() == []
    assert api(pw, "other_manager").get(url("plans-list")).json() == []


def test_the_whole_flow_through_the_api(pw, clock):
    hr, evaluator, approver = api(pw, "hr"), api(pw, "evaluator"), api(pw, "approver")
    report = hr.post(url("plans-initiate"), {"year": 2026}, format="json").json()
    assert len(report["created"]) == 5
    plan_id = next(p["id"] for p in report["created"] if p["servant"].startswith("Сейітов"))

    version = 1
    for index in range(3):
        response = evaluator.post(
            url("plans-kpis", plan_id), kpi_body(version, name=f"НМИ {index}"), format="json"
        )
        assert response.status_code == 201, response.json()
        version = response.json()["version"]
    steps = [
        ("send_to_hr", evaluator),
        ("hr_agree", hr),
        ("submit", evaluator),
        ("approve", approver),
    ]
    clock(dt.date(2026, 3, 20))
    for action, client in steps:
        response = client.post(
            url("plans-transition", plan_id, action), {"version": version}, format="json"
        )
        assert response.status_code == 200, (action, response.json())
        version = response.json()["version"]
    assert response.json()["posting_due"] == "2026-04-01"

    kpi_id = response.json()["kpis"][0]["id"]
    refused = evaluator.put(
        url("plans-kpi", plan_id, kpi_id), kpi_body(version, plan_q4="90"), format="json"
    )
    assert refused.status_code == 400
    assert refused.json()["error"]["field"] == "status"

    other = evaluator.post(
        url("plans-change", plan_id),
        {"version": version, "ground": "budget", "reference": "Бұйрық № 5"},
        format="json",
    )
    assert other.status_code == 400
    assert other.json()["error"]["field"] == "ground"
    change = evaluator.post(
        url("plans-change", plan_id),
        {"version": version, "ground": "structure", "reference": "Бұйрық № 5"},
        format="json",
    )
    assert change.status_code == 201, change.json()
    assert (change.json()["ground"], change.json()["status"]) == ("structure", "open")
    assert change.json()["before"]["kpis"][0]["plan_q4"] == "80"
    detail = evaluator.get(url("plans-detail", plan_id)).json()
    assert detail["status"] == "changing"
    edited = evaluator.put(
        url("plans-kpi", plan_id, kpi_id),
        kpi_body(detail["version"], plan_q4="90"),
        format="json",
    )
    assert edited.status_code == 200, edited.json()
    history = api(pw, "servant").get(url("plans-history", plan_id)).json()
    assert [(h["ground"], h["reference"]) for h in history] == [("structure", "Бұйрық № 5")]


def test_errors_are_json_naming_the_field(pw):
    plan = plan_in(pw, PlanStatus.DRAFT, kpis=5)
    client = api(pw, "evaluator")
    sixth = client.post(url("plans-kpis", plan.pk), kpi_body(plan.version), format="json")
    assert sixth.status_code == 400
    assert sixth.json()["error"]["field"] == "kpis"

    stale = client.post(url("plans-kpis", plan.pk), kpi_body(plan.version - 1), format="json")
    assert stale.status_code == 409
    assert stale.json()["error"]["field"] == "version"

    bad = client.post(url("plans-kpis", plan.pk), {"version": plan.version}, format="json")
    assert bad.status_code == 400
    assert bad.json()["error"]["field"] == "name"


def test_two_kpis_cannot_be_sent(pw):
    plan = plan_in(pw, PlanStatus.DRAFT, kpis=2)
    before = snapshot()
    response = api(pw, "evaluator").post(
        url("plans-transition", plan.pk, "send_to_hr"), {"version": plan.version}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "kpis"
    assert snapshot() == before


def test_delete_takes_the_version_from_the_query(pw):
    plan = plan_in(pw, PlanStatus.DRAFT)
    kpi = plan.kpis.get(number=2)
    response = api(pw, "evaluator").delete(
        f"{url('plans-kpi', plan.pk, kpi.pk)}?version={plan.version}"
    )
    assert response.status_code == 200
    assert [k["number"] for k in response.json()["kpis"]] == [1, 2]


def test_a_newcomer_with_under_three_months_left(pw, clock):
    clock(dt.date(2026, 10, 15))
    servant = ServantFactory(organisation=pw.org, last_name="Жаңа")
    position = PositionFactory(unit=pw.unit_b, category="B-1")
    assignment = AssignmentFactory(servant=servant, position=position, start=dt.date(2026, 10, 15))
    response = api(pw, "hr").post(
        url("plans-for-assignment"), {"assignment": assignment.pk, "year": 2026}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "assignment"
    assert not WorkPlan.objects.exists()


def test_the_schema_documents_the_endpoints():
    # Only this app's routes, so that the test does not depend on the other apps' endpoints.
    generator = SchemaGenerator(patterns=[path("api/v1/plans/", include("bagalau.api.plans"))])
    schema = generator.get_schema(request=None, public=True)
    paths = schema["paths"]
    assert set(paths) == {
        "/api/v1/plans/",
        "/api/v1/plans/initiate/",
        "/api/v1/plans/for-assignment/",
        "/api/v1/plans/{plan_id}/",
        "/api/v1/plans/{plan_id}/kpis/",
        "/api/v1/plans/{plan_id}/kpis/{kpi_id}/",
        "/api/v1/plans/{plan_id}/transitions/{action}/",
        "/api/v1/plans/{plan_id}/changes/",
        "/api/v1/plans/{plan_id}/history/",
        "/api/v1/plans/{plan_id}/recommendations/",
    }
    assert set(paths["/api/v1/plans/{plan_id}/kpis/{kpi_id}/"]) == {"put", "delete"}
    components = schema["components"]["schemas"]
    assert {
        "PlanDetail",
        "KpiInput",
        "Change",
        "PlanChange",
        "Transition",
        "Recommendation",
        "RecommendationInput",
    } <= set(components)


# --- the permission matrix ----------------------------------------------------------------------

WRITES = {
    "send_to_hr": (PlanStatus.DRAFT, "evaluator"),
    "hr_agree": (PlanStatus.SENT_TO_HR, "hr"),
    "hr_return": (PlanStatus.SENT_TO_HR, "hr"),
    "submit": (PlanStatus.HR_AGREED, "evaluator"),
    "approve": (PlanStatus.SUBMITTED, "approver"),
    "return": (PlanStatus.SUBMITTED, "approver"),
    "post": (PlanStatus.APPROVED, "hr"),
}


def expected_for(who: str, allowed: str | None) -> int | None:
    """403 anonymous; None (success) for `allowed`; 403 for others who see; 404 for the rest."""
    if who == "anonymous":
        return 403
    if who == allowed:
        return None
    return 403 if who in SEES else 404


def check_refusal(response, expected: int, before) -> None:
    assert response.status_code == expected
    assert set(response.json()) == {"error"}
    assert snapshot() == before


@pytest.mark.parametrize("who", PEOPLE)
def test_matrix_list(pw, who):
    plan = plan_in(pw, PlanStatus.DRAFT)
    response = api(pw, who).get(url("plans-list"))
    if who == "anonymous":
        assert response.status_code == 403
        return
    assert response.status_code == 200
    assert ([p["id"] for p in response.json()] == [plan.pk]) == (who in SEES)


@pytest.mark.parametrize("endpoint", ["plans-detail", "plans-history"])
@pytest.mark.parametrize("who", PEOPLE)
def test_matrix_reads(pw, who, endpoint):
    plan = plan_in(pw, PlanStatus.DRAFT)
    before = snapshot()
    response = api(pw, who).get(url(endpoint, plan.pk))
    if who in SEES:
        assert response.status_code == 200
    else:
        check_refusal(response, 403 if who == "anonymous" else 404, before)


@pytest.mark.parametrize("who", PEOPLE)
def test_matrix_initiate(pw, who):
    before = snapshot()
    response = api(pw, who).post(url("plans-initiate"), {"year": 2026}, format="json")
    if who == "hr":
        assert response.status_code == 200
        assert WorkPlan.objects.count() == 5
    else:
        check_refusal(response, 403, before)


@pytest.mark.parametrize("who", PEOPLE)
def test_matrix_for_assignment(pw, who):
    before = snapshot()
    response = api(pw, who).post(
        url("plans-for-assignment"),
        {"assignment": pw.a1_head_assignment.pk, "year": 2026},
        format="json",
    )
    if who == "hr":
        assert response.status_code == 201
        assert WorkPlan.objects.count() == 1
    else:
        # HR of no organisation holding the assignment: it is not found for them.
        check_refusal(response, 403 if who == "anonymous" else 404, before)


@pytest.mark.parametrize("who", PEOPLE)
def test_matrix_kpi_add(pw, who):
    plan = plan_in(pw, PlanStatus.DRAFT)
    before = snapshot()
    response = api(pw, who).post(url("plans-kpis", plan.pk), kpi_body(plan.version), format="json")
    expected = expected_for(who, "evaluator")
    if expected is None:
        assert response.status_code == 201
        assert plan.kpis.count() == 4
    else:
        check_refusal(response, expected, before)


@pytest.mark.parametrize("method", ["put", "delete"])
@pytest.mark.parametrize("who", PEOPLE)
def test_matrix_kpi_item(pw, who, method):
    plan = plan_in(pw, PlanStatus.DRAFT)
    kpi = plan.kpis.get(number=1)
    before = snapshot()
    client = api(pw, who)
    if method == "put":
        response = client.put(
            url("plans-kpi", plan.pk, kpi.pk), kpi_body(plan.version), format="json"
        )
    else:
        response = client.delete(
            url("plans-kpi", plan.pk, kpi.pk), {"version": plan.version}, format="json"
        )
    expected = expected_for(who, "evaluator")
    if expected is None:
        assert response.status_code == 200
        assert snapshot() != before
    else:
        check_refusal(response, expected, before)


@pytest.mark.parametrize("action", list(WRITES))
@pytest.mark.parametrize("who", PEOPLE)
def test_matrix_transitions(pw, who, action):
    status, allowed = WRITES[action]
    plan = plan_in(pw, status)
    before = snapshot()
    response = api(pw, who).post(
        url("plans-transition", plan.pk, action),
        {"version": plan.version, "comment": "Түзетіңіз"},
        format="json",
    )
    expected = expected_for(who, allowed)
    if expected is None:
        assert response.status_code == 200
        assert response.json()["status"] != status
    else:
        check_refusal(response, expected, before)


@pytest.mark.parametrize("who", PEOPLE)
def test_matrix_change(pw, who):
    plan = plan_in(pw, PlanStatus.APPROVED, kpis=4)
    before = snapshot()
    response = api(pw, who).post(
        url("plans-change", plan.pk),
        {"version": plan.version, "ground": "structure", "reference": "Бұйрық № 5"},
        format="json",
    )
    expected = expected_for(who, "evaluator")
    if expected is None:
        assert response.status_code == 201
        assert [k["name"] for k in PlanChange.objects.get().before["kpis"]][0] == "НМИ 1"
        plan.refresh_from_db()
        assert plan.status == PlanStatus.CHANGING
    else:
        check_refusal(response, expected, before)


def test_a_change_with_an_unbounded_reference_is_refused(pw):
    plan = plan_in(pw, PlanStatus.APPROVED)
    before = snapshot()
    response = api(pw, "evaluator").post(
        url("plans-change", plan.pk),
        {"version": plan.version, "ground": "functions", "reference": "x" * 301},
        format="json",
    )
    check_refusal(response, 400, before)
    assert response.json()["error"]["field"] == "reference"
