"""Issue 8, item 1: HR could make itself a servant's evaluator (override the direct manager with
its own servant, then take the evaluator from the structure) and read, score and sign a result
it may not see (seed 002 p.15, p.20). Now a manager override names a head of the servant's unit
or a unit above it (or a deputy head, or the head of the apparatus); nobody names themselves, nor
chooses who evaluates their own post, nor becomes a manager through a structure change of their
own; a change of evaluator is audited and told to the evaluatee and the head of HR."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.http import Http404
from django.urls import reverse
from rest_framework.test import APIClient

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import DomainError
from bagalau.evaluations.access import evaluation_get_for, evaluations_visible_to
from bagalau.evaluations.models import Evaluation, EvaluationStatus
from bagalau.evaluations.selectors.quarter_roster import period_roster
from bagalau.evaluations.services.schedule import evaluation_evaluator_refresh, period_open
from bagalau.notifications.models import Notification
from bagalau.org import services as org
from bagalau.org.models import Assignment, Position, Unit
from tests.evaluations.test_schedule_support import approved, quarter

APRIL = dt.date(2026, 4, 6)


@pytest.fixture
def opened(world, clock):
    """Q1 2026 opened by the head of HR on 1 April; the clock is on 6 April. b_staff1's sheet
    is signed (a result HR must never see)."""
    clock(dt.date(2026, 4, 1))
    period = quarter(approved(world), 1)
    period_open(actor=world.hr_head_user, period_id=period.pk)
    Evaluation.objects.filter(servant=world.b_staff1).update(
        status=EvaluationStatus.SIGNED, score=Decimal("4.25"), rating="effective"
    )
    clock(APRIL)
    return period


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def state():
    """Everything the attack could change: evaluators, overrides, audit and notifications."""
    return (
        list(Evaluation.objects.order_by("pk").values("pk", "evaluator_id", "version", "status")),
        list(
            Assignment.objects.order_by("pk").values(
                "pk", "direct_manager_id", "superior_manager_id", "managers_reason", "end"
            )
        ),
        list(Position.objects.order_by("pk").values("pk", "unit_id", "heads_unit", "category")),
        list(Unit.objects.order_by("pk").values("pk", "parent_id")),
        AuditEntry.objects.exclude(action__in=["view", "pdf"]).count(),
        Notification.objects.count(),
    )


def others_visible_to(user, own) -> set[int]:
    return set(evaluations_visible_to(user).exclude(servant=own).values_list("pk", flat=True))


def test_the_attack_of_the_issue_is_refused_and_changes_nothing(world, opened):
    hr = world.hr_staff_user
    target = Evaluation.objects.get(servant=world.a_staff1)
    assert target.evaluator == world.a_head
    before = state()

    override = api(hr).patch(
        f"/api/v1/org/assignments/{world.a_staff1_assignment.pk}/managers/",
        {"direct_manager": world.hr_staff.pk, "reason": "Бұйрық № 1"},
        format="json",
    )
    assert override.status_code == 400
    assert override.json()["error"]["field"] == "direct_manager"
    refresh = api(hr).post(f"/api/v1/evaluations/{target.pk}/evaluator/", format="json")
    assert refresh.status_code == 400  # the structure still names a_head
    assert api(hr).get(f"/api/v1/evaluations/{target.pk}/").status_code == 404
    scored = api(hr).post(
        f"/api/v1/evaluations/{target.pk}/differentiation/",
        {"version": target.version, "scores": {"quality": 5}},
        format="json",
    )
    assert scored.status_code == 404
    signed = api(hr).post(
        f"/api/v1/evaluations/{target.pk}/sign/", {"version": target.version}, format="json"
    )
    assert signed.status_code == 404

    assert state() == before
    assert others_visible_to(hr, world.hr_staff) == set()


def test_the_attack_through_the_page_is_refused_beside_the_field(world, opened, client):
    client.force_login(world.hr_staff_user)
    client.cookies["bagalau_language"] = "en"
    before = state()
    page = client.post(
        reverse("org:assignment_managers", args=[world.a_staff1_assignment.pk]),
        {"direct_manager": world.hr_staff.pk, "superior_manager": "", "reason": "№ 1"},
    )
    html = page.content.decode()
    assert 'data-field="direct_manager"' in html
    assert "Nobody may make themselves the manager or the evaluator of anyone" in html
    assert state() == before


def test_an_override_already_in_the_data_that_breaks_the_rule_is_not_followed(world, opened):
    """An override written before the rule (or into the database) naming HR gives way to the
    structure: the roster offers no reassignment and the refresh names nobody new."""
    Assignment.objects.filter(pk=world.a_staff1_assignment.pk).update(direct_manager=world.hr_staff)
    rows = {row.servant: row for row in period_roster(opened)}
    assert rows[world.a_staff1].reassign_to is None
    target = Evaluation.objects.get(servant=world.a_staff1)
    with pytest.raises(DomainError) as caught:
        evaluation_evaluator_refresh(actor=world.hr_staff_user, evaluation_id=target.pk)
    assert caught.value.field == "evaluator"
    target.refresh_from_db()
    assert target.evaluator == world.a_head
    with pytest.raises(Http404):
        evaluation_get_for(user=world.hr_staff_user, id=target.pk)


def test_a_change_of_evaluator_is_told_to_the_evaluatee_and_the_head_of_hr(world, opened):
    """The deputy now curates a_staff1 (a lawful override); HR gives her evaluation to him."""
    org.assignment_set_managers(
        actor=world.hr_staff_user,
        assignment_id=world.a_staff1_assignment.pk,
        direct_manager_id=world.deputy.pk,
        reason="Міндеттерді бөлу туралы бұйрық № 9",
    )
    target = Evaluation.objects.get(servant=world.a_staff1)

    evaluation = evaluation_evaluator_refresh(actor=world.hr_staff_user, evaluation_id=target.pk)

    assert evaluation.evaluator == world.deputy
    entry = AuditEntry.objects.get(action="evaluator")
    assert (entry.actor, entry.changes["evaluator"]) == (
        world.hr_staff_user,
        [world.a_head.pk, world.deputy.pk],
    )
    told = Notification.objects.get(kind="evaluator_changed", recipient=world.a_staff1_user)
    assert (told.params["evaluator"], told.params["before"]) == (
        world.deputy.full_name,
        world.a_head.full_name,
    )
    hr_head = Notification.objects.get(kind="evaluator_changed_hr")
    assert hr_head.recipient == world.hr_head_user
    assert (hr_head.params["actor"], hr_head.params["servant"]) == (
        world.hr_staff.full_name,
        world.a_staff1.full_name,
    )
    # the override itself was told too (the direct manager evaluates)
    assert Notification.objects.filter(
        kind="manager_changed", recipient=world.a_staff1_user
    ).exists()
    assert Notification.objects.filter(
        kind="manager_changed_hr", recipient=world.hr_head_user
    ).exists()


def test_nobody_takes_an_evaluation_for_themselves_or_for_their_own_post(world, opened):
    """hr_staff's evaluator is the head of HR; a stale evaluator left on the sheet must be
    replaced by someone else than the head of HR herself or hr_staff."""
    own = Evaluation.objects.get(servant=world.hr_staff)
    assert own.evaluator == world.hr_head
    Evaluation.objects.filter(pk=own.pk).update(evaluator=world.head)
    before = state()
    for actor in (world.hr_head_user, world.hr_staff_user):
        with pytest.raises(DomainError) as caught:
            evaluation_evaluator_refresh(actor=actor, evaluation_id=own.pk)
        assert caught.value.field == "evaluator"
    assert state() == before


def test_hr_cannot_appoint_itself_to_a_vacant_head_post(world, opened):
    world.a_head_assignment.end = dt.date(2026, 4, 3)
    world.a_head_assignment.save()
    head_post = world.a_head_assignment.position
    before = state()
    with pytest.raises(DomainError) as caught:
        org.servant_transfer(
            actor=world.hr_staff_user,
            servant_id=world.hr_staff.pk,
            position_id=head_post.pk,
            start=dt.date(2026, 4, 7),
        )
    assert caught.value.field == "position"
    assert world.a_staff1.full_name in caught.value.message
    assert state() == before
    # another HR member may record the appointment: it is not their own promotion
    org.servant_transfer(
        actor=world.hr_head_user,
        servant_id=world.hr_staff.pk,
        position_id=head_post.pk,
        start=dt.date(2026, 4, 7),
    )


def test_a_manager_cannot_move_a_department_under_their_own_unit(world, opened):
    """The head of HR heads the HR sector (B-1): moving the Analytics department under it would
    make her the direct manager of its head and the superior manager of its staff. (The Legal
    department could move: its head's override names the deputy, who is still above it.)"""
    before = state()
    with pytest.raises(DomainError) as caught:
        org.unit_update(
            actor=world.hr_head_user,
            unit_id=world.unit_b.pk,
            name_kk=world.unit_b.name_kk,
            parent_id=world.unit_hr.pk,
            order=world.unit_b.order,
        )
    assert caught.value.field == "structure"
    assert world.b_head.full_name in caught.value.message
    assert world.b_staff1.full_name in caught.value.message
    assert state() == before


def test_hr_cannot_turn_its_own_post_into_a_head_post(world, opened):
    """The HR sector's head post is cleared first (allowed: nobody gains), then HR would head
    the sector itself: refused."""
    own_post = world.hr_staff_assignment.position
    head_post = world.hr_head_assignment.position
    org.position_update(
        actor=world.hr_staff_user,
        position_id=head_post.pk,
        unit_id=world.unit_hr.pk,
        name_kk=head_post.name_kk,
        category="B-1",
        heads_unit=False,
    )
    before = state()
    with pytest.raises(DomainError) as caught:
        org.position_update(
            actor=world.hr_staff_user,
            position_id=own_post.pk,
            unit_id=world.unit_hr.pk,
            name_kk=own_post.name_kk,
            category="B-1",
            heads_unit=True,
        )
    assert caught.value.field == "structure"
    assert state() == before
