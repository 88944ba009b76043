"""Finalisation into the service record, and the KPI rows of a sheet."""

from decimal import Decimal as D

import pytest

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import EvaluationStatus, Method, ServiceRecordEntry
from bagalau.evaluations.services.common import evaluation_finalize, kpi_results_sync
from bagalau.plans.models import PlanStatus
from tests.factories import (
    EvaluationFactory,
    KpiFactory,
    PeriodFactory,
    ScheduleFactory,
    WorkPlanFactory,
)


@pytest.fixture
def signed(world):
    period = PeriodFactory(
        schedule=ScheduleFactory(organisation=world.org, drafted_by=world.hr_staff_user)
    )
    return EvaluationFactory(
        period=period,
        servant=world.a_staff1,
        assignment=world.a_staff1_assignment,
        evaluator=world.a_head,
        status=EvaluationStatus.ACKNOWLEDGED,
        score=D("3.75"),
        rating="proper",
    )


def test_finalize_keeps_the_evaluators_score_and_enters_the_service_record(world, signed):
    evaluation_finalize(actor=world.hr_head_user, evaluation=signed)
    assert (signed.status, signed.final_score, signed.final_rating) == (
        "final",
        D("3.75"),
        "proper",
    )
    entry = ServiceRecordEntry.objects.get(evaluation=signed)
    assert (entry.servant, entry.score, entry.rating) == (world.a_staff1, D("3.75"), "proper")
    assert AuditEntry.objects.filter(action="finalize", object_id=str(signed.pk)).count() == 1


def test_finalize_with_a_calibrated_score(world, signed):
    evaluation_finalize(
        actor=world.hr_head_user, evaluation=signed, final_score=D("4.10"), final_rating="effective"
    )
    assert ServiceRecordEntry.objects.get(evaluation=signed).rating == "effective"
    assert signed.score == D("3.75")  # the evaluator's score is kept beside the final one


def test_a_pending_evaluation_cannot_become_final(world, signed):
    signed.status = EvaluationStatus.PENDING
    signed.save()
    with pytest.raises(DomainError) as caught:
        evaluation_finalize(actor=world.hr_head_user, evaluation=signed)
    assert caught.value.field == "status"
    assert not ServiceRecordEntry.objects.exists()


def test_kpi_rows_follow_the_approved_plan_for_the_quarter(world):
    plan = WorkPlanFactory(
        servant=world.a_head,
        assignment=world.a_head_assignment,
        evaluator=world.deputy,
        approver=world.head,
    )
    KpiFactory(plan=plan, number=1)
    KpiFactory(plan=plan, number=2, plan_q2=None)  # not due in Q2
    KpiFactory(plan=plan, number=3)
    period = PeriodFactory(
        schedule=ScheduleFactory(organisation=world.org, drafted_by=world.hr_staff_user), number=2
    )
    evaluation = EvaluationFactory(
        period=period,
        servant=world.a_head,
        assignment=world.a_head_assignment,
        method=Method.KPI,
        evaluator=world.deputy,
    )
    rows = kpi_results_sync(evaluation=evaluation)
    assert [r.kpi.number for r in rows] == [1, 3]
    assert kpi_results_sync(evaluation=evaluation) == rows  # idempotent
    plan.status = PlanStatus.DRAFT
    plan.save()
    other = EvaluationFactory(
        period=PeriodFactory(schedule=period.schedule, number=3),
        servant=world.a_head,
        assignment=world.a_head_assignment,
        method=Method.KPI,
        evaluator=world.deputy,
    )
    assert kpi_results_sync(evaluation=other) == []  # only approved or posted plans count
