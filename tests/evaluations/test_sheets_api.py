"""The REST API of sheets and results: the same services, JSON errors naming the field, 409 on a
stale version."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from bagalau.audit.models import AuditEntry
from bagalau.evaluations.models import Evaluation, EvaluationStatus, KpiResult
from bagalau.evaluations.services.familiarisation import (
    evaluation_acknowledge,
    evaluations_finalize_expired,
)
from tests.evaluations.test_sheets_cases import (
    annual_period,
    diff_case,
    kpi_case,
    rows,
    signed_diff_case,
    snapshot,
)


def api(name, *args):
    return reverse(f"api:{name}", args=args)


@pytest.fixture
def client():
    return APIClient()


def as_user(client, user):
    client.force_authenticate(user)
    return client


@pytest.fixture
def kpi(world, clock):
    clock(dt.date(2026, 4, 6))
    return kpi_case(world)


def test_kpi_sheet_through_the_api(client, world, kpi, clock):
    first, second, third = rows(kpi)
    as_user(client, world.hr_staff_user)
    response = client.get(api("evaluation-actuals", kpi.pk))
    assert response.status_code == 200
    assert response.json()["actuals_due"] == "2026-04-03"
    assert [k["plan"] for k in response.json()["kpis"]] == ["40", "2", None]
    response = client.post(
        api("evaluation-actuals", kpi.pk),
        {"version": 1, "actuals": {str(first.pk): "38.8", str(second.pk): 3, str(third.pk): False}},
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["version"] == 2
    assert [k["actual"] for k in body["kpis"]] == ["38.8", "3", False]
    assert "score" not in str(body)
    assert "percent" not in str(body)

    as_user(client, world.deputy_user)
    detail = client.get(api("evaluation-detail", kpi.pk)).json()
    assert [
        (k["percent"], k["allowed_min"], k["allowed_max"], k["proposed"]) for k in detail["kpis"]
    ] == [
        ("97.00", "4.75", "4.99", "4.85"),
        ("66.67", "3.25", "3.49", "3.33"),
        ("0.00", "0.00", "0.24", "0.00"),
    ]
    assert (detail["sheet_score"], detail["sheet_rating"]) == ("2.73", "satisfactory")
    assert detail["can"] == {
        "edit": True,
        "sign": True,
        "acknowledge": False,
        "record_refusal": False,
    }

    response = client.post(
        api("evaluation-kpi-sheet", kpi.pk),
        {"version": 2, "scores": {str(first.pk): "4.90"}},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["kpis"][0]["score"] == "4.90"
    clock(dt.date(2026, 4, 8))
    response = client.post(api("evaluation-sign", kpi.pk), {"version": 3}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["score"], body["rating"]) == ("signed", "2.74", "satisfactory")
    assert body["familiarisation_due"] == "2026-04-10"


def test_errors_name_the_field_and_nothing_is_written(client, world, kpi):
    first = rows(kpi)[0]
    as_user(client, world.hr_staff_user)
    client.post(
        api("evaluation-actuals", kpi.pk),
        {
            "version": 1,
            "actuals": {str(r.pk): v for r, v in zip(rows(kpi), ["38.8", 3, False], strict=True)},
        },
        format="json",
    )
    as_user(client, world.deputy_user)
    before = snapshot(kpi)
    response = client.post(
        api("evaluation-kpi-sheet", kpi.pk),
        {"version": 2, "scores": {str(first.pk): "4.74"}},
        format="json",
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["field"] == "kpis[0].score"
    assert "outside the range 4.75-4.99" in error["message"]
    response = client.post(api("evaluation-kpi-sheet", kpi.pk), {"scores": {}}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "version"
    response = client.post(
        api("evaluation-kpi-sheet", kpi.pk), {"version": 2, "scores": {"x": "1"}}, format="json"
    )
    assert response.json()["error"]["field"] == "scores.x"
    assert snapshot(kpi) == before


def test_a_stale_version_gets_409_and_the_first_save_survives(client, world, kpi):
    first = rows(kpi)[0]
    as_user(client, world.hr_staff_user)
    client.post(
        api("evaluation-actuals", kpi.pk),
        {
            "version": 1,
            "actuals": {str(r.pk): v for r, v in zip(rows(kpi), ["38.8", 3, False], strict=True)},
        },
        format="json",
    )
    as_user(client, world.deputy_user)
    ok = client.post(
        api("evaluation-kpi-sheet", kpi.pk),
        {"version": 2, "scores": {str(first.pk): "4.90"}},
        format="json",
    )
    assert ok.status_code == 200
    stale = client.post(
        api("evaluation-kpi-sheet", kpi.pk),
        {"version": 2, "scores": {str(first.pk): "4.80"}},
        format="json",
    )
    assert stale.status_code == 409
    assert stale.json()["error"]["field"] == "version"
    assert KpiResult.objects.get(pk=first.pk).score == D("4.90")
    as_user(client, world.hr_staff_user)
    stale_hr = client.post(
        api("evaluation-actuals", kpi.pk),
        {"version": 2, "actuals": {str(first.pk): "1"}},
        format="json",
    )
    assert stale_hr.status_code == 409
    assert KpiResult.objects.get(pk=first.pk).actual_value == D("38.8")


def test_differentiation_familiarisation_and_refusal_through_the_api(client, world, clock):
    clock(dt.date(2026, 4, 8))
    staff = diff_case(world)
    as_user(client, world.a_head_user)
    response = client.post(
        api("evaluation-differentiation", staff.pk),
        {
            "version": 1,
            "scores": {"quality": 5, "timeliness": 4, "initiative": 4, "discipline": 9},
            "justification": "Жақсы",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "scores.discipline"
    response = client.post(
        api("evaluation-differentiation", staff.pk),
        {
            "version": 1,
            "scores": {"quality": 5, "timeliness": 4, "initiative": 4, "discipline": 3},
            "justifications": {"quality": "Ескерту жоқ"},
            "justification": "Жақсы",
        },
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["sheet_score"] == "4.00"
    assert response.json()["parameters"][0]["justification"] == "Ескерту жоқ"
    response = client.post(api("evaluation-sign", staff.pk), {"version": 2}, format="json")
    assert response.status_code == 200
    assert (response.json()["score"], response.json()["familiarisation_due"]) == (
        "4.00",
        "2026-04-10",
    )
    staff.refresh_from_db()
    assert staff.status == EvaluationStatus.SIGNED

    as_user(client, world.hr_staff_user)
    response = client.post(
        api("evaluation-refusal-act", staff.pk),
        {"text": "", "witness_1": world.a_staff2.pk, "witness_2": world.b_staff1.pk},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "evaluation"  # seed 002 has no refusal act

    as_user(client, world.a_staff1_user)
    mine = client.get(api("evaluations-mine")).json()
    assert [(m["id"], m["score"], m["rating"]) for m in mine] == [(staff.pk, "4.00", "effective")]
    response = client.post(api("evaluation-acknowledge", staff.pk))
    assert response.status_code == 200
    assert response.json()["status"] == "acknowledged"
    assert response.json()["calibration_due"] == "2026-04-15"
    response = client.post(api("evaluation-acknowledge", staff.pk))
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "status"


def test_no_refusal_act_through_the_api_under_seed_002(client, world, clock):
    clock(dt.date(2026, 4, 14))
    signed = signed_diff_case(world)
    as_user(client, world.hr_staff_user)
    assert client.get(api("evaluation-detail", signed.pk)).status_code == 404  # no score for HR
    response = client.post(
        api("evaluation-refusal-act", signed.pk),
        {"text": "Бас тартты", "witness_1": world.a_staff2.pk, "witness_2": world.b_staff1.pk},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "evaluation"
    assert "no refusal act" in response.json()["error"]["message"]
    assert Evaluation.objects.get(pk=signed.pk).status == EvaluationStatus.SIGNED
    as_user(client, world.hr_head_user)
    detail = client.get(api("evaluation-detail", signed.pk)).json()
    assert detail["can"]["record_refusal"] is False


def test_refusal_act_through_the_api(client, world, clock, with_refusal_act):
    clock(dt.date(2026, 4, 14))
    signed = signed_diff_case(world)
    as_user(client, world.hr_head_user)
    assert client.get(api("evaluation-detail", signed.pk)).json()["can"]["record_refusal"]
    as_user(client, world.hr_staff_user)
    response = client.post(
        api("evaluation-refusal-act", signed.pk),
        {"text": "Бас тартты", "witness_1": world.a_staff2.pk, "witness_2": world.b_staff1.pk},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["status"] == "refused"
    assert response.json()["calibration_due"] == "2026-04-21"


def test_tasks_consequences_and_annual_through_the_api(client, world, kpi, clock):
    as_user(client, world.deputy_user)
    tasks = client.get(api("evaluations-tasks")).json()
    assert [t["id"] for t in tasks["sheets_to_fill"]] == [kpi.pk]
    as_user(client, world.hr_staff_user)
    tasks = client.get(api("evaluations-tasks")).json()
    assert [(t["id"], t["filled"], t["rows"]) for t in tasks["actuals_to_fill"]] == [(kpi.pk, 0, 3)]

    clock(dt.date(2026, 4, 9))
    signed = signed_diff_case(world)
    evaluation_acknowledge(actor=world.a_staff1_user, evaluation_id=signed.pk)
    evaluations_finalize_expired(today=dt.date(2026, 5, 1))
    as_user(client, world.hr_head_user)
    body = client.get(api("evaluations-consequences", signed.period.pk)).json()
    assert [line["evaluation"] for line in body["bonus"]] == [signed.pk]
    assert body["training"] == []
    assert body["unsatisfactory"] == []
    assert body["bonus"][0]["final"] is True

    year = annual_period(world)
    as_user(client, world.hr_staff_user)
    response = client.post(api("evaluations-annual", year.pk))
    assert response.json() == {"created": 1, "updated": 0, "unchanged": 0, "skipped": 0}
    annual = Evaluation.objects.get(period=year)
    assert client.get(api("evaluation-detail", annual.pk)).status_code == 404
    as_user(client, world.a_staff1_user)
    detail = client.get(api("evaluation-detail", annual.pk)).json()
    assert (detail["score"], [q["score"] for q in detail["quarters"]]) == (
        "4.00",
        ["4.00", None, None, None],
    )


def test_every_read_is_audited(client, world):
    signed = signed_diff_case(world)
    as_user(client, world.hr_head_user)
    client.get(api("evaluation-detail", signed.pk))
    client.get(api("evaluation-detail", signed.pk))
    views = AuditEntry.objects.filter(action="view", object_id=str(signed.pk))
    assert views.count() == 2
    assert {v.actor for v in views} == {world.hr_head_user}


def test_the_schema_documents_the_endpoints(world):
    # Only this module's endpoints, so that another app's schema does not decide this test.
    from django.urls import include, path
    from drf_spectacular.generators import SchemaGenerator

    from bagalau.api import evaluations_sheets

    patterns = [path("api/v1/evaluations/", include(evaluations_sheets.urlpatterns))]
    schema = SchemaGenerator(patterns=patterns).get_schema(request=None, public=True)
    paths = schema["paths"]
    for suffix in (
        "/{evaluation_id}/",
        "/{evaluation_id}/actuals/",
        "/{evaluation_id}/kpi-sheet/",
        "/{evaluation_id}/differentiation/",
        "/{evaluation_id}/sign/",
        "/{evaluation_id}/acknowledge/",
        "/{evaluation_id}/refusal-act/",
        "/mine/",
        "/tasks/",
        "/periods/{period_id}/consequences/",
        "/periods/{period_id}/annual/",
    ):
        assert f"/api/v1/evaluations{suffix}" in paths, suffix
    sign = paths["/api/v1/evaluations/{evaluation_id}/sign/"]["post"]
    assert {"200", "400", "403", "404", "409"} <= set(sign["responses"])
    assert "EvaluationDetail" in schema["components"]["schemas"]
