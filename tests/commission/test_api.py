"""The commission API (/api/v1/commission/): the services behind it, and who may call it (404
where not visible, 403 for a wrong role, 401/403 anonymous, nothing written on a refused call)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bagalau.audit.models import AuditEntry
from bagalau.commission.models import SessionStatus
from bagalau.evaluations.models import EvaluationStatus
from tests.commission.conftest import (
    ALL_PRESENT,
    FORMED,
    SESSION_DAY,
    counts,
    schedule,
    seats_of,
)


def _post(client, name, data, **kwargs):
    return client.post(
        reverse(f"api:commission-{name}", kwargs=kwargs), data, content_type="application/json"
    )


def _seats(world):
    return [{"servant_id": s, "role": r} for s, r in seats_of(world)]


def test_hr_forms_the_commission_and_schedules_a_session(case, client):
    client.force_login(case.hr_staff_user)
    response = _post(
        client,
        "versions",
        {
            "organisation_id": case.org.pk,
            "order_number": "5",
            "order_date": FORMED.isoformat(),
            "signatory_id": case.head.pk,
            "seats": _seats(case),
        },
    )
    assert response.status_code == 201, response.content
    assert response.json()["kind"] == "forming"
    assert len(response.json()["seats"]) == 6
    response = _post(
        client,
        "sessions",
        {
            "organisation_id": case.org.pk,
            "date": SESSION_DAY.isoformat(),
            "chair_agreed_on": FORMED.isoformat(),
            "evaluation_ids": [case.eval1.pk],
        },
    )
    assert response.status_code == 201, response.content
    listed = client.get(reverse("api:commission-sessions")).json()
    assert [s["id"] for s in listed] == [response.json()["id"]]


def test_a_rule_broken_answers_400_naming_the_field(case, client):
    client.force_login(case.hr_staff_user)
    seats = _seats(case)[:-2] + [_seats(case)[-1]]
    response = _post(
        client,
        "versions",
        {
            "organisation_id": case.org.pk,
            "order_number": "5",
            "order_date": FORMED.isoformat(),
            "signatory_id": case.head.pk,
            "seats": seats,
        },
    )
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "seats"
    assert counts().versions == 0


def test_the_whole_session_by_api(held, client):
    client.force_login(held.hr_staff_user)
    sid = held.session.pk
    motion = _post(
        client,
        "motions",
        {"evaluation_id": held.eval1.pk, "kind": "revise", "revised_kpi_achieved": 4},
        session_id=sid,
    )
    assert motion.status_code == 400
    assert motion.json()["error"]["field"] == "reason"
    for evaluation in (held.eval1, held.eval2):
        motion = _post(
            client, "motions", {"evaluation_id": evaluation.pk, "kind": "approve"}, session_id=sid
        )
        assert motion.status_code == 201
        votes = [{"servant_id": getattr(held, n).pk, "choice": "for"} for n in ALL_PRESENT]
        refused = _post(client, "votes", {"votes": votes}, motion_id=motion.json()["id"])
        assert refused.status_code == 400
        assert "secretary" in refused.json()["error"]["message"]
        voted = _post(client, "votes", {"votes": votes[:5]}, motion_id=motion.json()["id"])
        assert voted.json()["adopted"] is True
    for name in ALL_PRESENT:
        client.force_login(getattr(held, f"{name}_user"))
        signed = _post(client, "signatures", {"signed_on": SESSION_DAY.isoformat()}, session_id=sid)
        assert signed.status_code == 200, signed.content
    assert signed.json()["status"] == SessionStatus.PROTOCOL_SIGNED
    client.force_login(held.head_user)
    approved = _post(client, "approval", {"approved_on": SESSION_DAY.isoformat()}, session_id=sid)
    assert approved.status_code == 200
    assert approved.json()["status"] == SessionStatus.APPROVED
    assert {item["status"] for item in approved.json()["agenda"]} == {EvaluationStatus.APPROVED}


@pytest.mark.parametrize(
    ("user", "status"),
    [("hr_staff", 200), ("b_staff1", 200), ("a_staff1", 404), ("other_hr", 404)],
)
def test_who_reads_a_session(held, client, user, status):
    client.force_login(getattr(held, f"{user}_user"))
    before = AuditEntry.objects.filter(action="view").count()
    response = client.get(reverse("api:commission-session", args=[held.session.pk]))
    assert response.status_code == status
    assert AuditEntry.objects.filter(action="view").count() == before + (status == 200)


def test_the_anonymous_are_refused(held, client):
    response = client.get(reverse("api:commission-session", args=[held.session.pk]))
    assert response.status_code in (401, 403)
    assert _post(client, "attendance", {"present_servant_ids": []}, session_id=1).status_code in (
        401,
        403,
    )


CALLS = {
    "attendance": {"present_servant_ids": []},
    "conclusion": {"conclusion": "x"},
    "motions": {"evaluation_id": 1, "kind": "approve"},
    "signatures": {"signed_on": SESSION_DAY.isoformat()},
    "approval": {"approved_on": SESSION_DAY.isoformat()},
}


@pytest.mark.parametrize("name", list(CALLS))
@pytest.mark.parametrize(
    ("user", "status"), [("a_staff1", 404), ("other_hr", 404), ("b_staff1", 403)]
)
def test_forbidden_calls_write_nothing(formed, client, name, user, status):
    formed.session = schedule(formed)
    before = counts()
    client.force_login(getattr(formed, f"{user}_user"))
    response = _post(client, name, CALLS[name], session_id=formed.session.pk)
    assert response.status_code == status
    assert counts() == before


@pytest.mark.parametrize(("user", "status"), [("deputy", 403), ("other_hr", 404)])
def test_only_the_working_body_records_orders(case, client, user, status):
    client.force_login(getattr(case, f"{user}_user"))
    response = _post(
        client,
        "versions",
        {
            "organisation_id": case.org.pk,
            "order_number": "5",
            "order_date": FORMED.isoformat(),
            "signatory_id": case.head.pk,
            "seats": _seats(case),
        },
    )
    assert response.status_code == status
    assert counts().versions == 0


def test_votes_on_a_motion_of_another_organisation_are_404(held, client):
    from bagalau.commission import services

    motion = services.motion_put(
        actor=held.hr_staff_user,
        session_id=held.session.pk,
        evaluation_id=held.eval1.pk,
        kind="approve",
    )
    client.force_login(held.other_hr_user)
    response = _post(client, "votes", {"votes": []}, motion_id=motion.pk)
    assert response.status_code == 404
    assert counts().votes == 0
