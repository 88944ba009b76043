"""Fixtures of the typical-2018 tests: the world of tests/world.py evaluating under sjc-2018 (a
typical-2018 edition) in 2019, every assignment started on 1 January 2017.

Managers: b_staff1 (B-4) is evaluated by b_head (B-1); the superior manager is the head of the
apparatus; a_staff1 and a_staff2 (B-3: a category sjc-2018's App. 4 does not cover, T-8) by
a_head.
The evaluation date is Friday 13 December 2019, before Independence Day (16-17 December).
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from bagalau.evaluations.models import Evaluation, PeriodKind, Schedule
from bagalau.org.models import Assignment, EditionAssignment
from bagalau.typical.services.schedule import (
    typical_period_open,
    typical_schedule_draft,
    typical_schedule_record_consent,
)
from tests.factories import KpiFactory, WorkPlanFactory

YEAR = 2019
EVALUATION_DAY = dt.date(2019, 12, 13)
TODAY = dt.date(2019, 12, 10)
START = dt.date(2017, 1, 1)


@pytest.fixture
def tw(world, clock) -> SimpleNamespace:
    """The world under sjc-2018 from 3 April 2018, on 10 December 2019."""
    clock(TODAY)
    w = world
    EditionAssignment.objects.filter(organisation=w.org).delete()
    EditionAssignment.objects.create(
        organisation=w.org, edition="sjc-2018", valid_from=dt.date(2018, 4, 3)
    )
    Assignment.objects.filter(servant__organisation=w.org).update(start=START)
    return w


def schedule_in_force(w: SimpleNamespace, day: dt.date = EVALUATION_DAY) -> Schedule:
    """HR's schedule for 2019 with the chair's consent."""
    schedule = typical_schedule_draft(
        actor=w.hr_staff_user, organisation=w.org, year=YEAR, evaluation_date=day
    )
    typical_schedule_record_consent(
        actor=w.hr_staff_user, schedule_id=schedule.pk, chair_name="Төраға Т.", agreed_on=TODAY
    )
    schedule.refresh_from_db()
    return schedule


def opened(w: SimpleNamespace) -> Schedule:
    """The schedule in force with its annual period opened."""
    schedule = schedule_in_force(w)
    period = schedule.periods.get(kind=PeriodKind.ANNUAL)
    typical_period_open(actor=w.hr_staff_user, period_id=period.pk)
    return schedule


def evaluation_of(schedule: Schedule, servant) -> Evaluation:
    """The servant's evaluation in the schedule's annual period."""
    return Evaluation.objects.get(period__schedule=schedule, servant=servant)


def approved_plan(w: SimpleNamespace, servant, assignment, *, kpis: int = 5):
    """An approved plan for 2019 with `kpis` KPIs, made directly (the plans app's own tests cover
    how a plan gets approved)."""
    plan = WorkPlanFactory(
        servant=servant,
        assignment=assignment,
        year=YEAR,
        evaluator=w.b_head,
        approver=w.deputy,
        period_start=dt.date(YEAR, 1, 1),
        draft_due=dt.date(YEAR, 1, 15),
    )
    for number in range(1, kpis + 1):
        KpiFactory(plan=plan, number=number, deadline=dt.date(YEAR, 12, 31), plan_q4=number * 10)
    return plan
