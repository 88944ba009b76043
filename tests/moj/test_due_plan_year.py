"""The moj-2017 work plan and annual sheet on the reminders and the overdue board (seed 001
p.10-11, p.28-32; EDITIONS.md §5.2 B1-B2, E1-E4, §9 M-5): each step appears for the right person
with the date its page shows, goes when the step is taken, is sent by the reminder job, and the
collectors read as many queries for a larger organisation as for a smaller one."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bagalau.evaluations.models import Evaluation, EvaluationStatus, PeriodKind
from bagalau.methodology import get_edition, moj2017_rules
from bagalau.methodology.moj2017_workflow import annual_computation_due
from bagalau.moj.due import _annual_sheets, _work_plans
from bagalau.moj.services.annual_sheet import (
    annual_sheet_agree,
    annual_sheet_compute,
    annual_sheet_confirm,
    annual_sheet_open,
    annual_sheet_self_assess,
)
from bagalau.moj.services.schedule import moj_period_open, moj_schedule_draft
from bagalau.moj.services.work_plan import work_plan_create, work_plan_edit, work_plan_sign
from bagalau.notifications.due import Run, open_tasks, overdue_board
from bagalau.notifications.models import Notification
from bagalau.notifications.reminders import reminders_send
from bagalau.org.models import Assignment, EditionAssignment
from bagalau.org.selectors import work_calendar
from tests.factories import AssignmentFactory, PositionFactory, ServantFactory

pytestmark = pytest.mark.django_db

PLAN = [
    {"name": "Draft 3 bills", "expected_result": "3 bills sent", "measurable": True},
    {"name": "Advise the units", "expected_result": "Advice given", "measurable": False},
]
PLAN_KINDS = ("moj_plan_draw_up", "moj_plan_sign")
ANNUAL_KINDS = ("moj_annual_self_assess", "moj_annual_agree", "moj_annual_confirm")


@pytest.fixture
def january(mw, clock):
    """5 January 2017, the organisation under moj-2017 from 1 January."""
    EditionAssignment.objects.filter(organisation=mw.org).update(valid_from=dt.date(2017, 1, 1))
    clock(dt.date(2017, 1, 5))
    return mw


def _tasks(w, kinds, servant):
    return {
        task.kind: task
        for task in open_tasks(organisation=w.org)
        if task.kind in kinds and task.servant == servant.full_name
    }


def _sent(user, kind):
    return Notification.objects.filter(recipient=user, kind=kind).count()


def test_every_servant_in_post_draws_up_the_plan_by_10_january(january):
    tasks = [t for t in open_tasks(organisation=january.org) if t.kind == "moj_plan_draw_up"]
    in_post = Assignment.objects.filter(servant__organisation=january.org).count()
    assert len(tasks) == in_post
    mine = _tasks(january, PLAN_KINDS, january.b_staff1)["moj_plan_draw_up"]
    assert (mine.due, mine.recipients, mine.url) == (
        dt.date(2017, 1, 10),
        [january.b_staff1_user],
        "/moj/work-plans/new/",
    )
    assert (mine.subject, mine.unit) == ("2017", january.unit_b)


def test_the_steps_go_from_the_servant_to_the_manager_and_end_when_filed(january):
    w = january
    plan = work_plan_create(
        actor=w.b_staff1_user, servant_id=w.b_staff1.pk, year=2017, indicators=PLAN
    )
    draw_up = _tasks(w, PLAN_KINDS, w.b_staff1)
    assert set(draw_up) == {"moj_plan_draw_up"}
    assert draw_up["moj_plan_draw_up"].url == f"/moj/work-plans/{plan.pk}/"
    work_plan_sign(actor=w.b_staff1_user, plan_id=plan.pk)
    sign = _tasks(w, PLAN_KINDS, w.b_staff1)
    assert set(sign) == {"moj_plan_sign"}
    assert (sign["moj_plan_sign"].recipients, sign["moj_plan_sign"].due) == (
        [w.b_head_user],
        dt.date(2017, 1, 10),
    )
    # The manager's edit takes the servant's signature back: the servant's step again.
    work_plan_edit(actor=w.b_head_user, plan_id=plan.pk, indicators=PLAN)
    assert set(_tasks(w, PLAN_KINDS, w.b_staff1)) == {"moj_plan_draw_up"}
    work_plan_sign(actor=w.b_staff1_user, plan_id=plan.pk)
    work_plan_sign(actor=w.b_head_user, plan_id=plan.pk)
    assert _tasks(w, PLAN_KINDS, w.b_staff1) == {}


def test_a_later_appointment_is_due_10_working_days_after_it(january, clock):
    Assignment.objects.filter(pk=january.b_staff1_assignment.pk).update(start=dt.date(2017, 8, 1))
    clock(dt.date(2017, 8, 2))
    task = _tasks(january, PLAN_KINDS, january.b_staff1)["moj_plan_draw_up"]
    assert task.due == dt.date(2017, 8, 15)  # the plan page's date (tests/moj/test_work_plan.py)
    on_board = overdue_board(january.org, today=dt.date(2017, 8, 16)).groups
    late = {g.kind: [i.task.servant for i in g.items] for g in on_board}
    assert january.b_staff1.full_name in late["moj_plan_draw_up"]
    assert january.a_staff1.full_name in late["moj_plan_draw_up"]  # 10 January passed


def test_no_plan_task_outside_moj_2017(january):
    EditionAssignment.objects.filter(organisation=january.org).update(edition="sjc-2023")
    assert not [t for t in open_tasks(organisation=january.org) if t.kind in PLAN_KINDS]


def test_the_reminder_job_sends_the_plan_reminder_then_the_overdue_notice(january, clock):
    user = january.b_staff1_user
    clock(dt.date(2017, 1, 9))  # 2 working days before Tuesday 10 January (6 and 9 January)
    reminders_send()
    assert _sent(user, "remind_moj_plan_draw_up") == 1
    reminders_send()
    assert _sent(user, "remind_moj_plan_draw_up") == 1
    clock(dt.date(2017, 1, 11))
    reminders_send()
    assert _sent(user, "overdue_moj_plan_draw_up") == 1
    assert _sent(january.b_head_user, "overdue_moj_plan_sign") == 0


# --- the annual sheet -------------------------------------------------------------------------


@pytest.fixture
def annual(mw):
    """2017 under moj-2017 all year, its first quarter and the year opened on 20 December;
    b_staff1's plan filed."""
    EditionAssignment.objects.filter(organisation=mw.org).update(valid_from=dt.date(2017, 1, 1))
    schedule = moj_schedule_draft(actor=mw.hr_staff_user, organisation=mw.org, year=2017)
    for each in schedule.periods.filter(number=1) | schedule.periods.filter(kind=PeriodKind.ANNUAL):
        moj_period_open(actor=mw.hr_staff_user, period_id=each.pk)
    period = schedule.periods.get(kind=PeriodKind.ANNUAL)
    plan = work_plan_create(
        actor=mw.b_staff1_user, servant_id=mw.b_staff1.pk, year=2017, indicators=PLAN
    )
    work_plan_sign(actor=mw.b_staff1_user, plan_id=plan.pk)
    work_plan_sign(actor=mw.b_head_user, plan_id=plan.pk)
    mw.schedule, mw.period = schedule, period
    mw.evaluation = Evaluation.objects.get(period=period, servant=mw.b_staff1)
    rules = moj2017_rules(get_edition("moj-2017"))
    mw.compute_by = annual_computation_due(rules, work_calendar(), dt.date(2017, 12, 25))
    return mw


def _annual(w):
    return {
        task.kind: task
        for task in open_tasks(organisation=w.org)
        if task.kind.startswith("moj_annual_") and task.pk == w.evaluation.pk
    }


def test_the_annual_steps_are_due_by_hrs_computation_day(annual):
    w = annual
    assert w.compute_by < dt.date(2017, 12, 25)
    tasks = _annual(w)
    assert set(tasks) == {"moj_annual_self_assess", "moj_annual_agree"}
    assert tasks["moj_annual_self_assess"].recipients == [w.b_staff1_user]
    assert tasks["moj_annual_agree"].recipients == [w.b_head_user]
    assert tasks["moj_annual_agree"].due == w.compute_by == tasks["moj_annual_self_assess"].due
    assert tasks["moj_annual_agree"].url == f"/moj/periods/{w.period.pk}/"


def test_the_annual_steps_move_to_the_manager_the_servant_and_hr(annual):
    w = annual
    sheet = annual_sheet_open(actor=w.b_head_user, evaluation_id=w.evaluation.pk)
    assert _annual(w)["moj_annual_self_assess"].url == f"/moj/annual-sheets/{sheet.pk}/"
    marks = [{"points": 4, "note": ""}, {"points": 5, "note": ""}]
    annual_sheet_self_assess(actor=w.b_staff1_user, sheet_id=sheet.pk, marks=marks)
    assert set(_annual(w)) == {"moj_annual_agree"}
    annual_sheet_agree(actor=w.b_head_user, sheet_id=sheet.pk, marks=marks)
    confirm = _annual(w)["moj_annual_confirm"]
    # Agreed on 20 December, after the computation day: the confirmation is due that day.
    assert (confirm.due, confirm.recipients) == (dt.date(2017, 12, 20), [w.b_staff1_user])
    annual_sheet_confirm(actor=w.b_staff1_user, sheet_id=sheet.pk)
    compute = _annual(w)["moj_annual_compute"]
    assert (compute.due, compute.recipients) == (w.compute_by, [w.hr_staff_user])
    Evaluation.objects.filter(
        period__schedule=w.schedule, period__number=1, servant=w.b_staff1
    ).update(final_score=112, final_rating="x")
    annual_sheet_compute(actor=w.hr_staff_user, sheet_id=sheet.pk)
    assert _annual(w) == {}


def test_the_reminder_job_sends_the_overdue_annual_steps(annual):
    reminders_send()  # 20 December, after the computation day
    assert _sent(annual.b_staff1_user, "overdue_moj_annual_self_assess") == 1
    assert _sent(annual.b_head_user, "overdue_moj_annual_agree") == 1
    assert _sent(annual.hr_staff_user, "overdue_moj_annual_compute") == 0


# --- queries -------------------------------------------------------------------------------------


def _grow(w, count):
    """`count` more servants in post in b's unit (one more servant each, with an account)."""
    for _ in range(count):
        AssignmentFactory(
            servant=ServantFactory(organisation=w.org),
            position=PositionFactory(unit=w.unit_b),
            start=dt.date(2016, 1, 1),
        )


def _queries(collect, w):
    run = Run(organisation=w.org, calendar=work_calendar())
    run.people.hr_staff(w.org.pk)
    with CaptureQueriesContext(connection) as captured:
        tasks = list(collect(run))
    return len(captured.captured_queries), len(tasks)


def test_the_plan_collector_reads_as_many_queries_for_more_servants(january):
    small, tasks = _queries(_work_plans, january)
    _grow(january, 6)
    large, more = _queries(_work_plans, january)
    assert (more - tasks, large) == (6, small)


def test_the_annual_collector_reads_one_query_for_one_or_all_servants(annual):
    others = Evaluation.objects.filter(period=annual.period).exclude(pk=annual.evaluation.pk)
    pending = list(others.values_list("pk", flat=True))
    others.update(status=EvaluationStatus.NOT_EVALUATED)
    one, tasks = _queries(_annual_sheets, annual)
    Evaluation.objects.filter(pk__in=pending).update(status=EvaluationStatus.PENDING)
    many, more = _queries(_annual_sheets, annual)
    assert (one, many, tasks) == (1, 1, 2)
    assert more == 2 * (1 + len(pending))
