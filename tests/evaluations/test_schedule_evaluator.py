"""HR gives an unsigned evaluation to the evaluator the structure names today when the one named
at the opening left or was replaced (seed 002 p.2, p.6): the new evaluator is told and takes
over, the former one loses the sheet, a signed sheet keeps its evaluator."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import DomainError
from bagalau.evaluations.access import evaluation_get_for
from bagalau.evaluations.models import Evaluation, EvaluationStatus
from bagalau.evaluations.selectors.quarter_roster import period_roster
from bagalau.evaluations.services.schedule import evaluation_evaluator_refresh, period_open
from bagalau.notifications.models import Notification
from bagalau.org.models import EndReason
from tests.evaluations.test_schedule_support import approved, quarter
from tests.factories import AssignmentFactory, ServantFactory, UserFactory


@pytest.fixture
def opened(world, clock):
    """Q1 2026 opened on 1 April; a_head leaves the Legal department on 2 April and Нұрланов
    heads it from 3 April; the clock is on 6 April."""
    clock(dt.date(2026, 4, 1))
    period = quarter(approved(world), 1)
    period_open(actor=world.hr_staff_user, period_id=period.pk)
    world.a_head_assignment.end = dt.date(2026, 4, 2)
    world.a_head_assignment.end_reason = EndReason.TRANSFER
    world.a_head_assignment.save()
    world.new_head_user = UserFactory(username="new_head")
    world.new_head = ServantFactory(
        organisation=world.org, user=world.new_head_user, last_name="Нұрланов"
    )
    AssignmentFactory(
        servant=world.new_head,
        position=world.a_head_assignment.position,
        start=dt.date(2026, 4, 3),
        direct_manager=world.deputy,
    )
    clock(dt.date(2026, 4, 6))
    return period


def evaluation_of(servant) -> Evaluation:
    return Evaluation.objects.get(servant=servant)


def snapshot():
    return (
        list(Evaluation.objects.order_by("pk").values("pk", "evaluator_id", "version", "status")),
        AuditEntry.objects.exclude(action__startswith="view").count(),
        Notification.objects.count(),
    )


def test_the_roster_names_the_new_head_for_the_unsigned_sheets(world, opened):
    reassign = {row.servant: row.reassign_to for row in period_roster(opened)}
    assert reassign[world.a_staff1] == world.new_head
    assert reassign[world.a_staff2] == world.new_head
    # a_head's own evaluator is overridden to the deputy, who is still there
    assert reassign[world.a_head] is None
    assert reassign[world.b_staff1] is None


def test_hr_gives_the_evaluation_to_the_new_head(world, opened):
    before = evaluation_of(world.a_staff1)

    evaluation = evaluation_evaluator_refresh(actor=world.hr_staff_user, evaluation_id=before.pk)

    assert evaluation.evaluator == world.new_head
    assert evaluation.version == before.version + 1
    assert evaluation.status == EvaluationStatus.PENDING
    entry = AuditEntry.objects.get(action="evaluator")
    assert entry.changes["evaluator"] == [world.a_head.pk, world.new_head.pk]
    assert Notification.objects.filter(recipient=world.new_head_user, kind="sheet_to_fill").exists()
    assert evaluation_get_for(user=world.new_head_user, id=evaluation.pk) == evaluation
    with pytest.raises(Http404):
        evaluation_get_for(user=world.a_head_user, id=evaluation.pk)
    reassign = {row.servant: row.reassign_to for row in period_roster(opened)}
    assert reassign[world.a_staff1] is None


def test_a_dismissed_servant_goes_to_whoever_heads_the_unit_now(world, opened, clock):
    # Dismissed after Q1 and before its deadline: evaluated in absentia (p.6).
    world.b_staff1_assignment.end = dt.date(2026, 4, 2)
    world.b_staff1_assignment.end_reason = EndReason.DISMISSAL
    world.b_staff1_assignment.save()
    clock(dt.date(2026, 4, 1))
    period_open(actor=world.hr_staff_user, period_id=opened.pk)  # already in: nothing added
    world.b_head_assignment.end = dt.date(2026, 4, 3)
    world.b_head_assignment.save()
    clock(dt.date(2026, 4, 6))
    evaluation = evaluation_of(world.b_staff1)
    assert evaluation.evaluator == world.b_head

    evaluation = evaluation_evaluator_refresh(actor=world.hr_head_user, evaluation_id=evaluation.pk)

    # the Analytics department is vacant: its head's part falls to the head above
    assert evaluation.evaluator == world.head


@pytest.mark.parametrize("status", [EvaluationStatus.SIGNED, EvaluationStatus.FINAL])
def test_a_signed_evaluation_keeps_its_evaluator(world, opened, status):
    Evaluation.objects.filter(servant=world.a_staff1).update(status=status)
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        evaluation_evaluator_refresh(
            actor=world.hr_staff_user, evaluation_id=evaluation_of(world.a_staff1).pk
        )
    assert caught.value.field == "status"
    assert snapshot() == before


def test_nothing_to_give_when_the_structure_names_the_same_evaluator(world, opened):
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        evaluation_evaluator_refresh(
            actor=world.hr_staff_user, evaluation_id=evaluation_of(world.b_staff1).pk
        )
    assert caught.value.field == "evaluator"
    assert "already the evaluator the structure names" in caught.value.message
    assert snapshot() == before


@pytest.mark.parametrize(
    "who", ["a_head_user", "deputy_user", "head_user", "a_staff1_user", "new_head_user"]
)
def test_only_hr_gives_an_evaluation_to_another_evaluator(world, opened, who):
    before = snapshot()
    with pytest.raises((PermissionDenied, Http404)):
        evaluation_evaluator_refresh(
            actor=getattr(world, who), evaluation_id=evaluation_of(world.a_staff1).pk
        )
    assert snapshot() == before


def test_an_outsider_does_not_find_the_evaluation(world, opened):
    with pytest.raises(Http404):
        evaluation_evaluator_refresh(
            actor=world.outsider_user, evaluation_id=evaluation_of(world.a_staff1).pk
        )


def test_the_roster_page_offers_it_to_hr(client, world, opened):
    url = reverse("evaluations:schedule_roster", args=[opened.pk])
    evaluation = evaluation_of(world.a_staff1)
    action = reverse("evaluations:evaluator_refresh", args=[evaluation.pk])
    client.force_login(world.head_user)
    assert action not in client.get(url).content.decode()
    client.force_login(world.hr_staff_user)
    page = client.get(url).content.decode()
    assert action in page
    response = client.post(action)
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert f"{world.a_staff1.full_name} is now evaluated by {world.new_head.full_name}." in page
    assert action not in page
    client.force_login(world.deputy_user)
    before = snapshot()
    other = reverse("evaluations:evaluator_refresh", args=[evaluation_of(world.a_staff2).pk])
    assert client.post(other).status_code == 403
    assert snapshot() == before


def test_the_api_names_and_takes_the_new_evaluator(client, world, opened):
    evaluation = evaluation_of(world.a_staff1)
    client.force_login(world.hr_staff_user)
    rows = client.get(f"/api/v1/evaluations/periods/{opened.pk}/roster/").json()["rows"]
    [row] = [r for r in rows if r["evaluation"] == evaluation.pk]
    assert row["reassign_to"]["id"] == world.new_head.pk
    url = f"/api/v1/evaluations/{evaluation.pk}/evaluator/"
    client.force_login(world.a_head_user)
    assert client.post(url).status_code in (403, 404)
    client.force_login(world.hr_staff_user)
    response = client.post(url)
    assert response.status_code == 200, response.content
    assert response.json()["evaluator"]["id"] == world.new_head.pk
    assert response.json()["reassign_to"] is None
    again = client.post(url)
    assert again.status_code == 400
    assert again.json()["error"]["field"] == "evaluator"
