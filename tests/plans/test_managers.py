"""HR takes a plan's evaluator and superior manager from the structure again when they changed
during the year (seed 002 p.2, p.22, p.25): the KPIs and the status stay, the change is audited,
the new people are told and take over, the old evaluator loses the plan."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import ConflictError, DomainError
from bagalau.notifications.models import Notification
from bagalau.plans import access
from bagalau.plans.access import managers_by_structure, plan_actions
from bagalau.plans.models import PlanStatus
from bagalau.plans.services import plan_approve, plan_change_open, plan_managers_refresh
from tests.factories import AssignmentFactory, ServantFactory, UserFactory
from tests.plans.helpers import plan_in, snapshot

APRIL = dt.date(2026, 4, 6)


def replace_legal_head(w, clock):
    """a_head leaves the Legal department on 31 March; Нұрланов heads it from 1 April (his
    direct manager, like a_head's, is the deputy). The clock moves to 6 April."""
    w.a_head_assignment.end = dt.date(2026, 3, 31)
    w.a_head_assignment.save()
    w.new_head_user = UserFactory(username="new_head")
    w.new_head = ServantFactory(
        organisation=w.org, user=w.new_head_user, last_name="Нұрланов", first_name="Самат"
    )
    AssignmentFactory(
        servant=w.new_head,
        position=w.a_head_assignment.position,
        start=dt.date(2026, 4, 1),
        direct_manager=w.deputy,
    )
    clock(APRIL)


def refresh(w, plan, actor=None, version=None):
    return plan_managers_refresh(
        actor=actor or w.hr_staff_user,
        plan_id=plan.pk,
        version=plan.version if version is None else version,
    )


def test_the_new_head_becomes_the_evaluator_of_an_approved_plan(pw, clock):
    plan = plan_in(pw, PlanStatus.APPROVED)
    kpis = list(plan.kpis.order_by("number").values_list("name", "plan_q1"))
    replace_legal_head(pw, clock)
    assert managers_by_structure(plan) == (pw.new_head, pw.deputy)
    assert "managers" in plan_actions(user=pw.hr_staff_user, obj=plan)

    plan = refresh(pw, plan)

    assert (plan.evaluator, plan.approver, plan.status) == (
        pw.new_head,
        pw.deputy,
        PlanStatus.APPROVED,
    )
    assert list(plan.kpis.order_by("number").values_list("name", "plan_q1")) == kpis
    entry = AuditEntry.objects.get(action="managers")
    assert entry.actor == pw.hr_staff_user
    assert entry.changes["evaluator"] == [pw.a_head.pk, pw.new_head.pk]
    assert Notification.objects.filter(
        recipient=pw.new_head_user, kind="plan_evaluator_assigned"
    ).exists()
    assert "managers" not in plan_actions(user=pw.hr_staff_user, obj=plan)
    # the new evaluator opens a change (p.25); the old one no longer sees the plan
    plan_change_open(
        actor=pw.new_head_user,
        plan_id=plan.pk,
        version=plan.version,
        ground="structure",
        reference="Аппарат басшысының өкімі: бөлім қайта құрылды",
    )
    with pytest.raises(Http404):
        access.plan_get_for(user=pw.a_head_user, id=plan.pk)


def test_a_submitted_plan_goes_to_the_new_superior_manager(pw, clock):
    plan = plan_in(pw, PlanStatus.SUBMITTED)
    pw.a1_head_assignment.superior_manager = pw.head
    pw.a1_head_assignment.save()

    plan = refresh(pw, plan, actor=pw.hr_head_user)

    assert (plan.evaluator, plan.approver) == (pw.a_head, pw.head)
    assert not Notification.objects.filter(kind="plan_evaluator_assigned").exists()
    assert Notification.objects.filter(recipient=pw.head_user, kind="plan_to_approve").exists()
    with pytest.raises(Http404):  # the former superior manager no longer has the plan
        plan_approve(actor=pw.deputy_user, plan_id=plan.pk, version=plan.version)
    plan = plan_approve(actor=pw.head_user, plan_id=plan.pk, version=plan.version)
    assert plan.status == PlanStatus.APPROVED


def test_a_draft_with_a_vacant_head_goes_up_to_the_head_above(pw, clock):
    plan = plan_in(pw, PlanStatus.DRAFT)
    pw.a_head_assignment.end = dt.date(2026, 1, 31)
    pw.a_head_assignment.save()
    clock(dt.date(2026, 2, 2))

    plan = refresh(pw, plan)

    # the Legal department is vacant: its head's part falls to the head of the apparatus, who
    # has nobody above and approves what he drafts
    assert (plan.evaluator, plan.approver) == (pw.head, pw.head)
    assert Notification.objects.filter(
        recipient=pw.head_user, kind="plan_evaluator_assigned"
    ).exists()
    assert not Notification.objects.filter(kind="plan_approver_assigned").exists()


def test_nothing_to_take_when_the_structure_names_the_same_managers(pw):
    plan = plan_in(pw, PlanStatus.APPROVED)
    assert "managers" not in plan_actions(user=pw.hr_staff_user, obj=plan)
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        refresh(pw, plan)
    assert caught.value.field == "evaluator"
    assert "already names the managers of the structure" in caught.value.message
    assert snapshot() == before


@pytest.mark.parametrize("who", ["a1_head_user", "a_head_user", "deputy_user", "head_user"])
def test_only_hr_takes_the_managers_from_the_structure(pw, clock, who):
    plan = plan_in(pw, PlanStatus.APPROVED)
    replace_legal_head(pw, clock)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        refresh(pw, plan, actor=getattr(pw, who))
    assert snapshot() == before
    assert "managers" not in plan_actions(user=getattr(pw, who), obj=plan)


def test_an_outsider_does_not_find_the_plan(pw, clock):
    plan = plan_in(pw, PlanStatus.APPROVED)
    replace_legal_head(pw, clock)
    with pytest.raises(Http404):
        refresh(pw, plan, actor=pw.b_head_user)


def test_a_stale_version_is_a_conflict(pw, clock):
    plan = plan_in(pw, PlanStatus.APPROVED)
    replace_legal_head(pw, clock)
    before = snapshot()
    with pytest.raises(ConflictError):
        refresh(pw, plan, version=plan.version - 1)
    assert snapshot() == before


def test_the_plan_page_offers_it_to_hr_only_when_the_managers_changed(client, pw, clock):
    plan = plan_in(pw, PlanStatus.APPROVED)
    url = reverse("plans:detail", args=[plan.pk])
    action = reverse("plans:transition", args=[plan.pk, "managers"])
    client.force_login(pw.hr_staff_user)
    assert action not in client.get(url).content.decode()
    replace_legal_head(pw, clock)
    page = client.get(url).content.decode()
    assert action in page
    assert "Take the managers from the structure" in page
    response = client.post(action, {"version": plan.version})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.evaluator == pw.new_head
    page = client.get(url).content.decode()
    assert "Нұрланов" in page
    assert action not in page


def test_the_api_lists_and_takes_the_action(client, pw, clock):
    plan = plan_in(pw, PlanStatus.APPROVED)
    client.force_login(pw.hr_staff_user)
    assert "managers" not in client.get(f"/api/v1/plans/{plan.pk}/").json()["actions"]
    replace_legal_head(pw, clock)
    assert "managers" in client.get(f"/api/v1/plans/{plan.pk}/").json()["actions"]
    client.force_login(pw.deputy_user)
    url = f"/api/v1/plans/{plan.pk}/transitions/managers/"
    refused = client.post(url, {"version": plan.version}, content_type="application/json")
    assert refused.status_code == 403
    client.force_login(pw.hr_staff_user)
    response = client.post(url, {"version": plan.version}, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["evaluator"] == pw.new_head.full_name
    again = client.post(
        url, {"version": response.json()["version"]}, content_type="application/json"
    )
    assert again.status_code == 400
    assert again.json()["error"]["field"] == "evaluator"
