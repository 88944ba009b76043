"""The calibration API: the same services; JSON errors name the field; results only for who may
see them."""

import datetime as dt

from bagalau.calibration.models import Session, SessionStatus
from tests.calibration.conftest import snapshot

API = "/api/v1/calibration"


def test_a_whole_calibration_through_the_api(client, flow, world, clock):
    clock(dt.date(2026, 4, 14))
    client.force_login(world.a_staff1_user)
    response = client.post(
        f"{API}/applications/",
        {"evaluation_id": flow.evaluation.pk, "text": "Келіспеймін."},
        content_type="application/json",
    )
    assert response.status_code == 201
    application = response.json()
    assert (application["decision_due"], application["session_due"]) == (
        "2026-04-17",
        "2026-04-28",
    )
    clock(dt.date(2026, 4, 15))
    client.force_login(world.head_user)
    candidates = client.get(f"{API}/applications/{application['id']}/candidates/").json()
    ids = {person["id"] for person in candidates}
    assert world.a_staff1_user.pk not in ids
    assert world.a_head_user.pk not in ids
    response = client.post(
        f"{API}/applications/{application['id']}/decision/",
        {
            "participants": [u.pk for u in flow.participants],
            "scheduled_for": "2026-04-21T10:00:00+05:00",
            "place": "Зал",
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    session_id = response.json()["session_id"]
    clock(dt.date(2026, 4, 21), 11)
    client.force_login(world.a_head_user)
    assert (
        client.post(
            f"{API}/sessions/{session_id}/presentation/",
            {"text": "Баяндама."},
            content_type="application/json",
        ).status_code
        == 200
    )
    for number, user in enumerate(flow.participants):
        client.force_login(user)
        response = client.post(
            f"{API}/sessions/{session_id}/votes/",
            {"choice": "raise", "score": "4.20", "argument": "Дәлел."},
            content_type="application/json",
        )
        assert response.status_code == 201
        assert response.json()["session_status"] == ("decided" if number == 2 else "presented")
    clock(dt.date(2026, 4, 22))
    client.force_login(world.hr_head_user)
    session = client.post(f"{API}/sessions/{session_id}/sign/").json()
    assert session["protocol_posting_due"] == "2026-04-27"
    assert session["results"]["final_score"] == "4.20"
    protocol = client.get(f"{API}/sessions/{session_id}/protocol/").json()
    assert (protocol["evaluator_score"], protocol["final_score"], protocol["final_rating"]) == (
        "3.80",
        "4.20",
        "effective",
    )
    assert protocol["rounds"][0]["votes"][0]["score"] == "4.20"
    assert Session.objects.get(pk=session_id).status == SessionStatus.SIGNED


def test_errors_name_the_field_and_change_nothing(client, flow, world):
    flow.present()
    client.force_login(world.deputy_user)
    before = snapshot()
    response = client.post(
        f"{API}/sessions/{flow.session.pk}/votes/",
        {"choice": "lower", "score": "4.00", "argument": "x"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "field": "score",
            "message": "A vote to lower proposes a score below the evaluator's 3.80.",
        }
    }
    response = client.post(
        f"{API}/sessions/{flow.session.pk}/votes/",
        {"choice": "raise", "score": "4.123"},
        content_type="application/json",
    )
    assert (response.status_code, response.json()["error"]["field"]) == (400, "score")
    assert snapshot() == before


def test_workflow_readers_get_no_results(client, flow, world):
    flow.decide()
    client.force_login(world.hr_staff_user)
    session = client.get(f"{API}/sessions/{flow.session.pk}/").json()
    assert session["results"] is None
    assert session["progress"] == {"round": 1, "voted": 3, "total": 3}
    client.force_login(world.b_head_user)
    assert client.get(f"{API}/sessions/{flow.session.pk}/").json()["results"]["final_score"] == (
        "4.20"
    )


def test_the_schema_documents_the_endpoints(client, world):
    client.force_login(world.hr_head_user)
    schema = client.get("/api/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    for path in (
        "/api/v1/calibration/applications/",
        "/api/v1/calibration/applications/{application_id}/decision/",
        "/api/v1/calibration/sessions/{session_id}/votes/",
        "/api/v1/calibration/sessions/{session_id}/protocol/",
        "/api/v1/calibration/appeals/{appeal_id}/outcome/",
    ):
        assert path in paths, path


def test_the_api_refuses_a_rejection(client, flow, world, clock):
    """p.38 gives no rejection: `"accept": false` (the earlier API) is refused with a JSON error
    on the field, nothing written; a non-head asking it is refused as before."""
    flow.apply()
    clock(dt.date(2026, 4, 16))
    url = f"{API}/applications/{flow.application.pk}/decision/"
    before = snapshot()
    client.force_login(world.hr_head_user)
    assert client.post(url, {"accept": False}, content_type="application/json").status_code == 403
    client.force_login(world.head_user)
    response = client.post(
        url, {"accept": False, "comment": "Негіз жоқ."}, content_type="application/json"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["field"] == "accept"
    assert "cannot reject it (p.38)" in error["message"]
    response = client.post(url, {"comment": "Негіз жоқ."}, content_type="application/json")
    assert (response.status_code, response.json()["error"]["field"]) == (400, "participants")
    assert snapshot() == before
