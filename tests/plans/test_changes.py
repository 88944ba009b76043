"""KPI changes after approval (seed 002 p.25): only with a reason (the apparatus's functions or
structure changed), each kept in the plan's history with the KPI before and after."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import ConflictError, DomainError
from bagalau.notifications.models import Notification
from bagalau.plans.models import PlanChange, PlanStatus
from bagalau.plans.selectors import plan_history, plan_history_rows
from bagalau.plans.services import kpi_add, kpi_change, kpi_remove, kpi_update
from tests.factories import EvaluationFactory, PeriodFactory, ScheduleFactory
from tests.plans.helpers import kpi_data, plan_in, snapshot

REASON = "Аппараттың құрылымы өзгерді: шарттар секторы қайта құрылды"


@pytest.fixture(params=[PlanStatus.APPROVED, PlanStatus.POSTED])
def approved(request, pw):
    return plan_in(pw, request.param)


def test_a_change_without_a_reason_is_refused(pw, approved):
    kpi = approved.kpis.get(number=1)
    before = snapshot()

    with pytest.raises(DomainError) as caught:
        kpi_update(
            actor=pw.a_head_user,
            plan_id=approved.pk,
            kpi_id=kpi.pk,
            version=approved.version,
            data=kpi_data(name="НМИ 1", plan_q4=D("50")),
        )
    assert caught.value.field == "reason"
    assert "p.25" in caught.value.message
    with pytest.raises(DomainError):
        kpi_change(
            actor=pw.a_head_user,
            plan_id=approved.pk,
            version=approved.version,
            reason="   ",
            kpi_id=kpi.pk,
            data=kpi_data(name="НМИ 1", plan_q4=D("50")),
        )
    with pytest.raises(DomainError):
        kpi_add(
            actor=pw.a_head_user, plan_id=approved.pk, version=approved.version, data=kpi_data()
        )
    assert snapshot() == before


def test_a_change_with_a_reason_is_recorded_and_the_approver_told(pw, approved):
    status = approved.status
    kpi = approved.kpis.get(number=1)

    change = kpi_change(
        actor=pw.a_head_user,
        plan_id=approved.pk,
        version=approved.version,
        reason=REASON,
        kpi_id=kpi.pk,
        data=kpi_data(name="НМИ 1", plan_q4=D("50")),
    )

    kpi.refresh_from_db()
    approved.refresh_from_db()
    assert kpi.plan_q4 == D("50")
    assert approved.status == status  # the plan stays approved (or posted)
    assert (change.reason, change.kpi_number, change.changed_by) == (REASON, 1, pw.a_head_user)
    assert (change.before["plan_q4"], change.after["plan_q4"]) == ("40", "50")
    assert change.before["name"] == change.after["name"] == "НМИ 1"
    note = Notification.objects.get(kind="plan_changed")
    assert (note.recipient, note.params["reason"]) == (pw.deputy_user, REASON)
    entry = AuditEntry.objects.get(action="kpi_update_after_approval")
    assert entry.changes["kpis[1].plan_q4"] == ["40", "50"]
    assert entry.changes["reason"] == [None, REASON]


def test_adding_and_removing_after_approval_keeps_the_history(pw, approved):
    added = kpi_change(
        actor=pw.a_head_user,
        plan_id=approved.pk,
        version=approved.version,
        reason=REASON,
        data=kpi_data(name="НМИ 4"),
    )
    approved.refresh_from_db()
    second = approved.kpis.get(number=2)
    removed = kpi_change(
        actor=pw.a_head_user,
        plan_id=approved.pk,
        version=approved.version,
        reason="Функция басқа бөлімге берілді",
        kpi_id=second.pk,
    )

    assert (added.before, added.after["name"], added.kpi_number) == ({}, "НМИ 4", 4)
    assert (removed.before["name"], removed.after, removed.kpi_number) == ("НМИ 2", {}, 2)
    assert list(plan_history(approved)) == [removed, added]
    assert list(approved.kpis.order_by("number").values_list("name", flat=True)) == [
        "НМИ 1",
        "НМИ 3",
        "НМИ 4",
    ]
    rows = plan_history_rows(approved)
    assert rows[0]["reason"] == "Функция басқа бөлімге берілді"
    assert {r["label"] for r in rows[1]["rows"]} >= {"KPI", "plan, Q1"}


def test_the_direct_services_accept_a_reason_too(pw, approved):
    kpi = approved.kpis.get(number=3)
    kpi_update(
        actor=pw.a_head_user,
        plan_id=approved.pk,
        kpi_id=kpi.pk,
        version=approved.version,
        data=kpi_data(name="НМИ 3", deadline=kpi.deadline, unit="шт."),
        reason=REASON,
    )
    assert PlanChange.objects.get().after["unit"] == "шт."


def test_an_approved_plan_keeps_at_least_three_kpis(pw, approved):
    kpi = approved.kpis.get(number=1)
    before = snapshot()

    with pytest.raises(DomainError) as caught:
        kpi_remove(
            actor=pw.a_head_user,
            plan_id=approved.pk,
            kpi_id=kpi.pk,
            version=approved.version,
            reason=REASON,
        )

    assert caught.value.field == "kpis"
    assert snapshot() == before


def test_an_evaluated_kpi_cannot_be_removed(pw):
    plan = plan_in(pw, PlanStatus.APPROVED, kpis=4)
    kpi = plan.kpis.get(number=1)
    period = PeriodFactory(
        schedule=ScheduleFactory(organisation=pw.org, drafted_by=pw.hr_staff_user)
    )
    evaluation = EvaluationFactory(
        period=period,
        servant=pw.a1_head,
        assignment=pw.a1_head_assignment,
        evaluator=pw.a_head,
        method="kpi",
    )
    evaluation.kpi_results.create(kpi=kpi)
    before = snapshot()

    with pytest.raises(DomainError) as caught:
        kpi_remove(
            actor=pw.a_head_user,
            plan_id=plan.pk,
            kpi_id=kpi.pk,
            version=plan.version,
            reason=REASON,
        )

    assert caught.value.field == "kpi"
    assert snapshot() == before


def test_a_change_that_changes_nothing_is_refused(pw, approved):
    kpi = approved.kpis.get(number=1)
    with pytest.raises(DomainError) as caught:
        kpi_change(
            actor=pw.a_head_user,
            plan_id=approved.pk,
            version=approved.version,
            reason=REASON,
            kpi_id=kpi.pk,
            data=kpi_data(name="НМИ 1"),
        )
    assert caught.value.field == "kpi"
    assert not PlanChange.objects.exists()


def test_kpi_change_is_for_approved_plans_only(pw):
    plan = plan_in(pw, PlanStatus.DRAFT)
    with pytest.raises(DomainError) as caught:
        kpi_change(
            actor=pw.a_head_user,
            plan_id=plan.pk,
            version=plan.version,
            reason=REASON,
            data=kpi_data(),
        )
    assert caught.value.field == "status"


@pytest.mark.parametrize("who", ["a1_head_user", "deputy_user", "hr_staff_user", "head_user"])
def test_only_the_evaluator_changes_an_approved_plan(pw, approved, who):
    kpi = approved.kpis.get(number=1)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        kpi_change(
            actor=getattr(pw, who),
            plan_id=approved.pk,
            version=approved.version,
            reason=REASON,
            kpi_id=kpi.pk,
            data=kpi_data(name="Басқа"),
        )
    assert snapshot() == before


def test_a_stale_change_is_a_conflict(pw, approved):
    kpi = approved.kpis.get(number=1)
    before = snapshot()
    with pytest.raises(ConflictError):
        kpi_change(
            actor=pw.a_head_user,
            plan_id=approved.pk,
            version=approved.version - 1,
            reason=REASON,
            kpi_id=kpi.pk,
            data=kpi_data(name="Басқа"),
        )
    assert snapshot() == before
