"""Builders shared by the sheet tests (no tests here): periods, a worked KPI sheet for the head of
the legal department, a differentiation sheet for its staff, a calibration participant."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

from django.utils import timezone

from bagalau.audit.models import AuditEntry
from bagalau.calibration.models import Application, ApplicationStatus, Session
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    KpiResult,
    Method,
    ParameterScore,
    Period,
    PeriodKind,
    RefusalAct,
    Schedule,
    ServiceRecordEntry,
)
from bagalau.evaluations.services.common import kpi_results_sync
from bagalau.plans.models import Direction, WorkPlan
from tests.factories import (
    EvaluationFactory,
    KpiFactory,
    PeriodFactory,
    ScheduleFactory,
    UserFactory,
    WorkPlanFactory,
)


def schedule_of(world: Any, year: int = 2026) -> Schedule:
    """The organisation's schedule for the year."""
    found = Schedule.objects.filter(organisation=world.org, year=year).first()
    return found or ScheduleFactory(
        organisation=world.org, year=year, drafted_by=world.hr_staff_user
    )


def quarter(world: Any, number: int = 1, year: int = 2026) -> Period:
    """A quarter period of the organisation's schedule."""
    schedule = schedule_of(world, year)
    found = Period.objects.filter(schedule=schedule, kind=PeriodKind.QUARTER, number=number).first()
    return found or PeriodFactory(schedule=schedule, number=number)


def annual_period(world: Any, year: int = 2026) -> Period:
    """The annual-result period of the year (p.4)."""
    schedule = schedule_of(world, year)
    found = Period.objects.filter(schedule=schedule, kind=PeriodKind.ANNUAL).first()
    return found or PeriodFactory(
        schedule=schedule,
        kind=PeriodKind.ANNUAL,
        number=None,
        starts=dt.date(year, 1, 1),
        ends=dt.date(year, 12, 31),
        deadline=dt.date(year + 1, 1, 10),
        planned_date=dt.date(year + 1, 1, 10),
    )


def a_head_plan(world: Any) -> WorkPlan:
    """The approved 2026 work plan of the head of the legal department, evaluated by the deputy
    head of the apparatus: an increasing, a decreasing and a binary KPI, planned every quarter."""
    plan = WorkPlan.objects.filter(servant=world.a_head, year=2026).first()
    if plan is not None:
        return plan
    plan = WorkPlanFactory(
        servant=world.a_head,
        assignment=world.a_head_assignment,
        evaluator=world.deputy,
        approver=world.head,
    )
    KpiFactory(plan=plan, number=1, name="Қаралған өтініштер", unit="дана", plan_q1=40)
    KpiFactory(
        plan=plan,
        number=2,
        name="Шағымдар",
        unit="дана",
        direction=Direction.DECREASE,
        plan_q1=2,
    )
    KpiFactory(
        plan=plan,
        number=3,
        name="Ереже әзірленді",
        unit="—",
        direction=Direction.BINARY,
        plan_q1=1,
    )
    return plan


#: The evaluator's constructive feedback on the KPI sheet (p.17(3)), needed to sign it.
FEEDBACK = "Нормативтік базаны жаңарту кешігуде: келесі тоқсанда жобаны ерте келісуге жіберіңіз."


def kpi_case(world: Any, number: int = 1, **extra: Any) -> Evaluation:
    """The pending KPI evaluation of the head of the legal department for a quarter, with the
    evaluator's feedback already written."""
    a_head_plan(world)
    extra.setdefault("feedback", FEEDBACK)
    evaluation = EvaluationFactory(
        period=quarter(world, number),
        servant=world.a_head,
        assignment=world.a_head_assignment,
        method=Method.KPI,
        evaluator=world.deputy,
        **extra,
    )
    kpi_results_sync(evaluation=evaluation)
    return evaluation


def rows(evaluation: Evaluation) -> list[KpiResult]:
    """The sheet's rows in order."""
    return list(evaluation.kpi_results.select_related("kpi").order_by("kpi__number"))


def worked_actuals(evaluation: Evaluation) -> dict[int, object]:
    """App. 2 actual values: 38.8 of 40 (97.00%), 3 complaints for 2 planned (66.67%), the rule
    not adopted (0%)."""
    first, second, third = rows(evaluation)
    return {first.pk: D("38.8"), second.pk: D("3"), third.pk: False}


def diff_case(world: Any, number: int = 1, **extra: Any) -> Evaluation:
    """The pending differentiation evaluation of a legal department's expert (evaluator: the head
    of the unit)."""
    values: dict[str, Any] = {
        "period": quarter(world, number),
        "servant": world.a_staff1,
        "assignment": world.a_staff1_assignment,
        "method": Method.DIFFERENTIATION,
        "evaluator": world.a_head,
    }
    values.update(extra)
    return EvaluationFactory(**values)


def signed_diff_case(world: Any, number: int = 1, **extra: Any) -> Evaluation:
    """A signed differentiation result (5, 4, 4, 3 -> 4.00 effective)."""
    evaluation = diff_case(
        world,
        number,
        status=EvaluationStatus.SIGNED,
        score=D("4.00"),
        rating="effective",
        justification="Жақсы жұмыс",
        signed_by=world.a_head_user,
        signed_at=timezone.now(),
        familiarisation_due=dt.date(2026, 4, 14),
        **extra,
    )
    for code, score in (("quality", 5), ("timeliness", 4), ("initiative", 4), ("discipline", 3)):
        ParameterScore.objects.create(evaluation=evaluation, parameter=code, score=score)
    return evaluation


def participant(world: Any, evaluation: Evaluation, username: str = "participant") -> Any:
    """A user who sits on the calibration session of this evaluation."""
    user = UserFactory(username=username)
    application = Application.objects.create(
        evaluation=evaluation,
        text="Келіспеймін",
        submitted_by=world.a_staff1_user,
        submitted_on=dt.date(2026, 4, 15),
        decision_due=dt.date(2026, 4, 20),
        session_due=dt.date(2026, 4, 29),
        status=ApplicationStatus.ACCEPTED,
    )
    session = Session.objects.create(
        application=application,
        scheduled_for=timezone.make_aware(dt.datetime(2026, 4, 24, 10)),
    )
    session.participants.add(user)
    return user


def snapshot(evaluation: Evaluation) -> dict[str, Any]:
    """Everything a refused request must leave as it was."""
    fresh = Evaluation.objects.get(pk=evaluation.pk)
    return {
        "evaluation": {
            f.attname: getattr(fresh, f.attname)
            for f in Evaluation._meta.concrete_fields
            if f.attname != "updated_at"
        },
        "kpis": list(
            KpiResult.objects.filter(evaluation=evaluation)
            .order_by("pk")
            .values("actual_value", "actual_achieved", "score", "percent")
        ),
        "parameters": list(
            ParameterScore.objects.filter(evaluation=evaluation)
            .order_by("parameter")
            .values("parameter", "score", "justification")
        ),
        "acts": RefusalAct.objects.filter(evaluation=evaluation).count(),
        "record": ServiceRecordEntry.objects.filter(evaluation=evaluation).count(),
        "changes": AuditEntry.objects.exclude(action__in=["view", "view_actuals"]).count(),
    }
