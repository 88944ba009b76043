"""/api/v1/documents/: the same documents behind the same choke point, and disposal."""

import datetime as dt
import json

import pytest

from bagalau.audit.models import AuditEntry
from bagalau.documents.models import Disposal
from bagalau.evaluations.models import Evaluation
from tests.documents.conftest import pdf_text


@pytest.fixture
def urls(kpi_case, diff_case):
    return {
        "kpi": f"/api/v1/documents/evaluations/{kpi_case.evaluation.pk}/sheet.pdf",
        "diff": f"/api/v1/documents/evaluations/{diff_case.evaluation.pk}/sheet.pdf",
        "protocol": f"/api/v1/documents/calibration/{diff_case.session.pk}/protocol.pdf",
        "plan": f"/api/v1/documents/plans/{kpi_case.plan.pk}/work-plan.pdf",
    }


@pytest.mark.parametrize("name", ["kpi", "diff", "protocol", "plan"])
def test_anonymous_is_refused(client, urls, name):
    response = client.get(urls[name])
    assert response.status_code == 403
    assert response.json()["error"]["field"] == "$"


@pytest.mark.parametrize(
    ("name", "user"),
    [
        ("kpi", "a_head_user"),
        ("kpi", "deputy_user"),
        ("kpi", "b_staff1_user"),
        ("diff", "a_staff1_user"),
        ("diff", "hr_head_user"),
        ("protocol", "deputy_user"),
        ("protocol", "a_staff1_user"),
        ("plan", "hr_staff_user"),
    ],
)
def test_the_people_of_the_case_get_the_pdf(client, world, urls, name, user):
    client.force_login(getattr(world, user))
    response = client.get(urls[name])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="download", actor=getattr(world, user)).exists()


@pytest.mark.parametrize("name", ["kpi", "diff", "protocol"])
@pytest.mark.parametrize(
    "user", ["outsider_user", "b_head_user", "hr_staff_user", "head_user", "admin_user"]
)
def test_everyone_else_gets_404(client, world, urls, name, user):
    client.force_login(getattr(world, user))
    response = client.get(urls[name])
    assert response.status_code == 404
    assert response.json()["error"]["field"] == "$"
    assert not AuditEntry.objects.filter(action="download").exists()


def test_a_client_may_ask_for_pdf_and_errors_stay_json(client, world, urls):
    client.force_login(world.a_head_user)
    ok = client.get(urls["kpi"] + "?lang=ru", headers={"Accept": "application/pdf"})
    assert ok.status_code == 200
    assert ok.content.startswith(b"%PDF")
    assert "Оценочный лист по КЦИ" in pdf_text(ok.content)
    client.force_login(world.outsider_user)
    refused = client.get(urls["kpi"], headers={"Accept": "application/pdf"})
    assert refused.status_code == 404
    assert refused["Content-Type"].startswith("application/json")
    assert json.loads(refused.content)["error"]["field"] == "$"


# --- retention ----------------------------------------------------------------------------------


@pytest.fixture
def due(world, kpi_case, diff_case, clock):
    clock(dt.date(2029, 7, 25))
    return kpi_case.q1, diff_case.evaluation


def test_the_head_of_hr_lists_what_is_due(client, world, due):
    client.force_login(world.hr_head_user)
    response = client.get(f"/api/v1/documents/retention/due/?organisation={world.org.pk}")
    assert response.status_code == 200
    rows = response.json()
    assert [row["evaluation"] for row in rows] == [due[0].pk, due[1].pk]
    assert rows[0]["servant"] == "Әлиев Арман"
    assert rows[0]["completed_on"] == "2026-04-17"
    assert rows[1]["contents"]["votes"] == 6


@pytest.mark.parametrize("user", ["hr_staff_user", "head_user", "a_head_user", "outsider_user"])
def test_nobody_else_lists_or_disposes(client, world, due, user):
    client.force_login(getattr(world, user))
    url = f"/api/v1/documents/retention/due/?organisation={world.org.pk}"
    assert client.get(url).status_code == 403
    response = client.post(
        "/api/v1/documents/disposals/",
        {"organisation": world.org.pk, "evaluations": [due[0].pk]},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert Evaluation.objects.filter(pk=due[0].pk).exists()
    assert not Disposal.objects.exists()


def test_dispose_through_the_api(client, world, due):
    client.force_login(world.hr_head_user)
    response = client.post(
        "/api/v1/documents/disposals/",
        {"organisation": world.org.pk, "evaluations": [due[1].pk], "note": "Акт № 9"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["note"] == "Акт № 9"
    assert [item["evaluation_id"] for item in body["items"]] == [due[1].pk]
    assert not Evaluation.objects.filter(pk=due[1].pk).exists()
    listed = client.get(f"/api/v1/documents/disposals/?organisation={world.org.pk}").json()
    assert [d["id"] for d in listed] == [body["id"]]
    assert client.get(f"/api/v1/documents/disposals/{body['id']}/").status_code == 200
    client.force_login(world.hr_staff_user)
    assert client.get(f"/api/v1/documents/disposals/{body['id']}/").status_code == 404


def test_a_document_not_due_is_a_400_and_nothing_changes(client, world, due, kpi_case):
    client.force_login(world.hr_head_user)
    response = client.post(
        "/api/v1/documents/disposals/",
        {"organisation": world.org.pk, "evaluations": [due[0].pk, kpi_case.evaluation.pk]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "evaluations"
    assert Evaluation.objects.filter(pk=due[0].pk).exists()
    assert not Disposal.objects.exists()


def test_the_schema_documents_the_endpoints(client, world):
    client.force_login(world.hr_head_user)
    response = client.get("/api/schema/", headers={"Accept": "application/json"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "/api/v1/documents/evaluations/{evaluation_id}/sheet.pdf" in text
    assert "/api/v1/documents/disposals/" in text
