"""The commission pages and who may use them (404 where not visible, 403 for a wrong role, and
nothing written on a refused call)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bagalau.audit.models import AuditEntry
from bagalau.commission.models import CommissionVersion, SessionStatus, Signature
from tests.commission.conftest import ALL_PRESENT, FORMED, SESSION_DAY, attend, counts, schedule


def _login(client, user):
    client.force_login(user)
    return client


def test_hr_records_the_forming_order_through_the_page(case, client):
    _login(client, case.hr_staff_user)
    page = client.get(reverse("commission:index"))
    assert page.status_code == 200
    assert b'data-testid="order-form"' in page.content
    data = {
        "order_number": "12",
        "order_date": FORMED.isoformat(),
        "signatory": case.head.pk,
        "chair": case.deputy.pk,
        "members": [case.a_head.pk, case.b_head.pk, case.hr_head.pk, case.b_staff1.pk],
        "secretary": case.hr_staff.pk,
    }
    response = client.post(reverse("commission:order"), data)
    version = CommissionVersion.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("commission:version", args=[version.pk])
    assert version.seats.count() == 6


def test_a_refused_order_shows_the_rule_on_the_page(case, client):
    _login(client, case.hr_staff_user)
    data = {
        "order_number": "12",
        "order_date": FORMED.isoformat(),
        "signatory": case.head.pk,
        "chair": case.deputy.pk,
        "members": [case.a_head.pk],
        "secretary": case.hr_staff.pk,
    }
    response = client.post(reverse("commission:order"), data)
    assert response.status_code == 200
    assert b"at least 5 members" in response.content
    assert counts().versions == 0


@pytest.mark.parametrize(("user", "status"), [("deputy", 403), ("outsider", 404)])
def test_only_hr_records_orders(case, client, user, status):
    _login(client, getattr(case, f"{user}_user"))
    response = client.post(reverse("commission:order"), {"order_number": "1"})
    assert response.status_code == status
    assert counts().versions == 0


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("hr_staff", 200),
        ("head", 200),
        ("deputy", 200),
        ("hr_head", 200),
        ("a_staff1", 404),
        ("outsider", 404),
        ("other_hr", 404),
    ],
)
def test_who_sees_the_session_page(held, client, user, status):
    _login(client, getattr(held, f"{user}_user"))
    before = AuditEntry.objects.filter(action="view").count()
    response = client.get(reverse("commission:session", args=[held.session.pk]))
    assert response.status_code == status
    after = AuditEntry.objects.filter(action="view").count()
    assert after == before + (1 if status == 200 else 0)


def test_the_anonymous_go_to_the_login(held, client):
    response = client.get(reverse("commission:session", args=[held.session.pk]))
    assert response.status_code == 302
    assert "login" in response.url


def _post(client, world, name, data):
    return client.post(reverse(f"commission:{name}", args=[world.session.pk]), data)


POSTS = {
    "attendance": {"present": []},
    "conclusion": {"conclusion": "x"},
    "motion": {"evaluation": 1, "kind": "approve"},
    "vote": {"motion": 1},
    "sign": {"signed_on": SESSION_DAY.isoformat()},
    "approve": {"approved_on": SESSION_DAY.isoformat()},
}


@pytest.mark.parametrize("name", list(POSTS))
@pytest.mark.parametrize(
    ("user", "status"), [("a_staff1", 404), ("other_hr", 404), ("b_staff1", 403)]
)
def test_forbidden_session_actions_write_nothing(formed, client, name, user, status):
    formed.session = schedule(formed)
    before = counts()
    _login(client, getattr(formed, f"{user}_user"))
    assert _post(client, formed, name, POSTS[name]).status_code == status
    assert counts() == before


def test_hr_holds_the_session_through_the_page(formed, client):
    formed.session = schedule(formed)
    _login(client, formed.hr_staff_user)
    page = client.get(reverse("commission:session", args=[formed.session.pk]))
    assert b'data-testid="attendance-form"' in page.content
    present = [getattr(formed, n).pk for n in ALL_PRESENT]
    assert _post(client, formed, "attendance", {"present": present}).status_code == 302
    formed.session.refresh_from_db()
    assert formed.session.status == SessionStatus.HELD


def test_a_revision_without_reason_is_shown_on_the_page(held, client):
    _login(client, held.hr_staff_user)
    response = _post(
        client,
        held,
        "motion",
        {"evaluation": held.eval1.pk, "kind": "revise", "revised_kpi_achieved": 4},
    )
    assert response.status_code == 200
    assert b"states its reason" in response.content
    assert counts().motions == 0


def test_a_member_signs_and_the_authorised_person_approves_by_page(held, client):
    from bagalau.commission import services

    for evaluation in (held.eval1, held.eval2):
        motion = services.motion_put(
            actor=held.hr_staff_user,
            session_id=held.session.pk,
            evaluation_id=evaluation.pk,
            kind="approve",
        )
        services.motion_vote(
            actor=held.hr_staff_user,
            motion_id=motion.pk,
            votes={getattr(held, n).pk: "for" for n in ALL_PRESENT[:5]},
        )
    for name in ALL_PRESENT:
        _login(client, getattr(held, f"{name}_user"))
        signatures = Signature.objects.count()
        # issue 13 item 4: the first POST only asks to confirm; nothing is signed
        unconfirmed = _post(client, held, "sign", POSTS["sign"])
        assert unconfirmed.status_code == 200
        assert b'data-testid="confirm-summary"' in unconfirmed.content
        assert Signature.objects.count() == signatures
        confirmed = {**POSTS["sign"], "confirm": "1"}
        assert _post(client, held, "sign", confirmed).status_code == 302
        assert Signature.objects.count() == signatures + 1
    _login(client, held.hr_staff_user)
    assert _post(client, held, "approve", POSTS["approve"]).status_code == 403
    _login(client, held.head_user)
    assert _post(client, held, "approve", POSTS["approve"]).status_code == 302
    held.session.refresh_from_db()
    assert held.session.status == SessionStatus.APPROVED


def test_an_adjourned_session_offers_nothing(formed, client):
    formed.session = schedule(formed)
    attend(formed, formed.session, ("deputy", "hr_staff"))
    _login(client, formed.hr_staff_user)
    page = client.get(reverse("commission:session", args=[formed.session.pk]))
    assert b"Adjourned" in page.content
    assert b"<form" not in page.content.split(b"<main")[-1]
