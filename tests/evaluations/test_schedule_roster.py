"""Who is evaluated how in a quarter (seed 002 p.4-6, p.21, p.28; SPEC §2, §4.1)."""

import datetime as dt
from dataclasses import replace

import pytest
from django.utils import translation

from bagalau.evaluations.models import Evaluation, EvaluationStatus
from bagalau.evaluations.selectors.quarter_roster import computed_roster, period_roster, roster_for
from bagalau.org.models import AbsenceKind, AssignmentKind, EndReason
from bagalau.plans.models import PlanStatus
from tests.evaluations.test_schedule_support import approved, d, quarter
from tests.factories import (
    AbsenceFactory,
    AssignmentFactory,
    PositionFactory,
    ServantFactory,
    WorkPlanFactory,
)


@pytest.fixture
def schedule(world):
    return approved(world)


def rows_by_servant(period):
    return {row.servant: row for row in computed_roster(period)}


def test_managers_by_kpi_staff_by_differentiation_and_the_head_left_out(world, schedule):
    rows = rows_by_servant(quarter(schedule, 1))
    assert world.head not in rows  # corps A: no category, never evaluated
    assert {s: r.method for s, r in rows.items()} == {
        world.deputy: "kpi",
        world.a_head: "kpi",
        world.b_head: "kpi",
        world.hr_head: "kpi",
        world.a_staff1: "differentiation",
        world.a_staff2: "differentiation",
        world.b_staff1: "differentiation",
        world.hr_staff: "differentiation",
    }
    assert {r.reason for r in rows.values()} == {"evaluated"}
    assert {r.due for r in rows.values()} == {d("10.04.2026")}
    # Notices: managers by the 5th (p.26), staff by the 10th (p.30).
    assert rows[world.a_head].notify_by == d("05.04.2026")
    assert rows[world.a_staff1].notify_by == d("10.04.2026")


def test_evaluators_are_the_direct_managers_at_the_quarters_end(world, schedule):
    rows = rows_by_servant(quarter(schedule, 1))
    assert rows[world.a_staff1].evaluator == world.a_head
    assert rows[world.b_staff1].evaluator == world.b_head
    assert rows[world.a_head].evaluator == world.deputy  # the override on the assignment
    assert rows[world.b_head].evaluator == world.head
    assert rows[world.deputy].evaluator == world.head


def test_roster_order_follows_the_unit_tree_heads_first(world, schedule):
    servants = [row.servant for row in computed_roster(quarter(schedule, 1))]
    assert servants == [
        world.deputy,
        world.a_head,
        world.a_staff1,  # Бекова before Жанов
        world.a_staff2,
        world.b_head,
        world.b_staff1,
        world.hr_head,
        world.hr_staff,
    ]


def newcomer(world, start, *, unit=None, category="B-4"):
    servant = ServantFactory(organisation=world.org, last_name="Жаңа", first_name="Қызметші")
    position = PositionFactory(unit=unit or world.unit_a, category=category)
    assignment = AssignmentFactory(servant=servant, position=position, start=start)
    return servant, assignment


def test_under_three_months_not_evaluated_then_evaluated_the_next_quarter(world, schedule):
    # Appointed 2 January 2026: three months later is 2 April, after Q1 ends -> not evaluated.
    servant, _ = newcomer(world, dt.date(2026, 1, 2))
    q1 = rows_by_servant(quarter(schedule, 1))[servant]
    assert (q1.evaluated, q1.reason, q1.evaluator) == (False, "too_short", None)
    with translation.override("en"):
        assert q1.reason_text == "under 3 months in post"
    # Still in post at the end of Q2: evaluated.
    q2 = rows_by_servant(quarter(schedule, 2))[servant]
    assert (q2.evaluated, q2.reason, q2.due) == (True, "evaluated", d("10.07.2026"))
    assert q2.evaluator == world.a_head


def test_appointed_on_the_first_day_of_the_quarter_is_evaluated(world, schedule):
    # 1 January + 3 months = 1 April, the day after Q1: the post was held three full months.
    servant, _ = newcomer(world, dt.date(2026, 1, 1))
    assert rows_by_servant(quarter(schedule, 1))[servant].reason == "evaluated"


def test_a_transfer_resets_the_clock(world, schedule):
    world.a_staff2_assignment.end = dt.date(2026, 1, 31)
    world.a_staff2_assignment.end_reason = EndReason.TRANSFER
    world.a_staff2_assignment.save()
    new_post = PositionFactory(unit=world.unit_b, category="B-4")
    AssignmentFactory(
        servant=world.a_staff2,
        position=new_post,
        start=dt.date(2026, 2, 1),
        kind=AssignmentKind.TRANSFER,
    )
    q1 = rows_by_servant(quarter(schedule, 1))[world.a_staff2]
    # The post held at the quarter's end counts: since 1 February, under 3 months.
    assert (q1.reason, q1.unit, q1.position) == ("too_short", world.unit_b, new_post)
    q2 = rows_by_servant(quarter(schedule, 2))[world.a_staff2]
    assert (q2.reason, q2.evaluator) == ("evaluated", world.b_head)


def test_dismissed_inside_the_quarter_is_not_evaluated_for_it(world, schedule):
    # p.5 counts the time in the position within the quarter: dismissed on 20 March, the servant
    # held it less than 3 months of Q1 (since 2024, but that is not "in the evaluated period").
    world.a_staff1_assignment.end = dt.date(2026, 3, 20)
    world.a_staff1_assignment.end_reason = EndReason.DISMISSAL
    world.a_staff1_assignment.save()
    row = rows_by_servant(quarter(schedule, 1))[world.a_staff1]
    assert (row.reason, row.evaluated, row.evaluator) == ("too_short", False, None)
    # Not in any later quarter.
    assert world.a_staff1 not in rows_by_servant(quarter(schedule, 2))


def test_dismissed_on_5_april_is_in_absentia_for_q1_and_not_evaluated_for_q2(world, schedule):
    world.a_staff1_assignment.end = dt.date(2026, 4, 5)
    world.a_staff1_assignment.end_reason = EndReason.DISMISSAL
    world.a_staff1_assignment.save()
    q1 = rows_by_servant(quarter(schedule, 1))[world.a_staff1]
    assert (q1.reason, q1.due, q1.evaluator) == ("in_absentia", d("10.04.2026"), world.a_head)
    with translation.override("en"):
        assert q1.reason_text == "dismissed: evaluated in absentia"
    q2 = rows_by_servant(quarter(schedule, 2))[world.a_staff1]
    assert (q2.reason, q2.evaluated, q2.status) == ("too_short", False, "not_evaluated")


def test_appointed_on_15_february_is_evaluated_from_q2(world, schedule):
    servant, _ = newcomer(world, dt.date(2026, 2, 15))
    assert rows_by_servant(quarter(schedule, 1))[servant].reason == "too_short"
    assert rows_by_servant(quarter(schedule, 2))[servant].reason == "evaluated"


def test_dismissed_after_the_quarter_but_before_the_deadline_is_in_absentia(world, schedule):
    world.b_staff1_assignment.end = dt.date(2026, 4, 6)
    world.b_staff1_assignment.end_reason = EndReason.DISMISSAL
    world.b_staff1_assignment.save()
    assert rows_by_servant(quarter(schedule, 1))[world.b_staff1].reason == "in_absentia"


def test_leaving_every_post_without_a_recorded_dismissal_is_still_in_absentia(world, schedule):
    # The post ended on 3 April with "transferred" but no later post in the organisation: the
    # servant left the apparatus (e.g. for another state body) after Q1 and before its deadline,
    # and is evaluated in absentia for it (p.6).
    world.a_staff2_assignment.end = dt.date(2026, 4, 3)
    world.a_staff2_assignment.end_reason = EndReason.TRANSFER
    world.a_staff2_assignment.save()
    row = rows_by_servant(quarter(schedule, 1))[world.a_staff2]
    assert (row.reason, row.evaluator) == ("in_absentia", world.a_head)


def test_dismissed_after_the_deadline_is_evaluated_normally(world, schedule):
    world.b_staff1_assignment.end = dt.date(2026, 4, 15)
    world.b_staff1_assignment.end_reason = EndReason.DISMISSAL
    world.b_staff1_assignment.save()
    row = rows_by_servant(quarter(schedule, 1))[world.b_staff1]
    assert (row.reason, row.evaluator) == ("evaluated", world.b_head)


def test_a_manager_on_leave_has_the_kpi_evaluation_deferred(world, schedule):
    # Leave 1-14 April 2026: back Wed 15 April, 5th working day Tue 21 April (p.5).
    AbsenceFactory(servant=world.a_head, start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 14))
    row = rows_by_servant(quarter(schedule, 1))[world.a_head]
    assert (row.reason, row.due, row.status) == ("absent", d("21.04.2026"), "deferred")
    with translation.override("en"):
        assert row.reason_text == "absent: KPI evaluation due 21.04.2026"


def test_a_manager_back_before_the_quarter_ends_is_evaluated_normally(world, schedule):
    # Sick 16-27 March across Nauryz: back Mon 30 March, before the quarter ends, so the KPI
    # evaluation is held at the normal deadline.
    AbsenceFactory(
        servant=world.b_head,
        kind=AbsenceKind.SICK_LEAVE,
        start=dt.date(2026, 3, 16),
        end=dt.date(2026, 3, 27),
    )
    row = rows_by_servant(quarter(schedule, 1))[world.b_head]
    assert (row.reason, row.due) == ("evaluated", d("10.04.2026"))


def test_a_manager_back_early_in_april_keeps_the_legal_deadline(world, schedule):
    # Leave 25 March - 2 April: back Fri 3 April, 5th working day Thu 9 April, before the
    # 10 April deadline: deferred, due at the deadline.
    AbsenceFactory(servant=world.b_head, start=dt.date(2026, 3, 25), end=dt.date(2026, 4, 2))
    row = rows_by_servant(quarter(schedule, 1))[world.b_head]
    assert (row.reason, row.due) == ("absent", d("10.04.2026"))


def test_staff_absent_are_evaluated_by_differentiation_at_the_normal_deadline(world, schedule):
    AbsenceFactory(servant=world.a_staff1, start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 14))
    row = rows_by_servant(quarter(schedule, 1))[world.a_staff1]
    assert (row.method, row.reason, row.due) == ("differentiation", "evaluated", d("10.04.2026"))


def test_kpi_plan_status_is_shown_for_managers(world, schedule):
    WorkPlanFactory(
        servant=world.a_head,
        assignment=world.a_head_assignment,
        evaluator=world.deputy,
        approver=world.head,
        status=PlanStatus.POSTED,
    )
    WorkPlanFactory(
        servant=world.b_head,
        assignment=world.b_head_assignment,
        evaluator=world.head,
        approver=world.head,
        status=PlanStatus.DRAFT,
    )
    rows = rows_by_servant(quarter(schedule, 1))
    assert rows[world.a_head].plan.status == PlanStatus.POSTED
    assert not rows[world.a_head].plan_missing
    assert rows[world.b_head].plan_missing  # only a draft
    assert rows[world.deputy].plan is None
    assert rows[world.deputy].plan_missing
    assert rows[world.a_staff1].plan is None
    assert not rows[world.a_staff1].plan_missing


def test_roster_scope(world, schedule, clock):
    period = quarter(schedule, 1)
    assert len(roster_for(world.hr_staff_user, period)) == 8
    assert len(roster_for(world.head_user, period)) == 8
    # An evaluator sees the rows they evaluate; a staff servant, an administrator and outsiders
    # may not read the roster at all.
    assert {r.servant for r in roster_for(world.a_head_user, period)} == {
        world.a_staff1,
        world.a_staff2,
    }
    assert roster_for(world.a_staff1_user, period) is None
    assert roster_for(world.outsider_user, period) is None
    assert roster_for(world.admin_user, period) is None


def test_after_opening_the_roster_shows_the_stored_evaluation(world, schedule, clock):
    from bagalau.evaluations.services.schedule import period_open

    clock(dt.date(2026, 4, 1))
    period = quarter(schedule, 1)
    period_open(actor=world.hr_staff_user, period_id=period.pk)
    # The structure changes afterwards: the stored evaluator stands.
    world.a_head_assignment.direct_manager = world.head
    world.a_head_assignment.save()
    row = next(r for r in period_roster(period) if r.servant == world.a_head)
    assert row.evaluator == world.deputy
    assert row.evaluation is not None
    assert row.status == EvaluationStatus.PENDING
    # The notice was sent on the day the quarter was opened (the application clock).
    assert row.notified_on == dt.date(2026, 4, 1)


def test_a_notice_sent_after_its_date_is_late(world, schedule):
    row = rows_by_servant(quarter(schedule, 1))[world.a_head]
    assert not replace(row, notified_on=d("05.04.2026")).notice_late  # managers: by the 5th
    assert replace(row, notified_on=d("06.04.2026")).notice_late
    staff = rows_by_servant(quarter(schedule, 1))[world.a_staff1]
    assert not replace(staff, notified_on=d("10.04.2026")).notice_late  # staff: by the 10th
    assert not replace(staff, notified_on=None).notice_late


def a_heads_leave(world):
    """HR records a leave of 6-14 April 2026 for the head of unit A."""
    from bagalau.org.services import absence_create

    return absence_create(
        actor=world.hr_staff_user,
        servant_id=world.a_head.pk,
        kind="annual_leave",
        start=dt.date(2026, 4, 6),
        end=dt.date(2026, 4, 14),
    )


def test_an_absence_recorded_after_opening_defers_the_kpi_evaluation(world, schedule, clock):
    """p.5: HR records on 6 April a leave of 6-14 April for a manager whose Q1 KPI sheet is open;
    the evaluation is now due on the 5th working day after the return (Wed 15 April: day one) —
    Tue 21 April; removing the leave restores the deadline of 10 April."""
    from bagalau.evaluations.services.schedule import period_open
    from bagalau.org.services import absence_delete

    clock(dt.date(2026, 4, 1))
    period = quarter(schedule, 1)
    period_open(actor=world.hr_staff_user, period_id=period.pk)
    evaluation = Evaluation.objects.get(period=period, servant=world.a_head)
    assert (evaluation.status, evaluation.due_date) == ("pending", d("10.04.2026"))
    clock(dt.date(2026, 4, 6))
    absence = a_heads_leave(world)
    evaluation.refresh_from_db()
    assert (evaluation.status, evaluation.reason, evaluation.due_date) == (
        "deferred",
        "absent",
        d("21.04.2026"),
    )
    staff = Evaluation.objects.get(period=period, servant=world.a_staff1)
    assert staff.status == "pending"  # differentiation goes ahead without the servant
    absence_delete(actor=world.hr_staff_user, absence_id=absence.pk)
    evaluation.refresh_from_db()
    assert (evaluation.status, evaluation.due_date) == ("pending", d("10.04.2026"))


def test_recording_an_absence_does_not_grow_with_the_apparatus(world, schedule, clock):
    """p.5 applied again to one servant's open sheet costs the same queries whether the
    apparatus has 30 more servants or not: their roster rows are never computed."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bagalau.evaluations.services.schedule import period_open
    from bagalau.org.services import absence_delete
    from tests.evaluations.test_pagination_roster import grow

    clock(dt.date(2026, 4, 1))
    period = quarter(schedule, 1)
    period_open(actor=world.hr_staff_user, period_id=period.pk)
    evaluation = Evaluation.objects.get(period=period, servant=world.a_head)
    clock(dt.date(2026, 4, 6))
    counts = []
    for more in (0, 30):
        grow(world, more)
        with CaptureQueriesContext(connection) as captured:
            absence = a_heads_leave(world)
        counts.append(len(captured))
        evaluation.refresh_from_db()
        assert (evaluation.status, evaluation.due_date) == ("deferred", d("21.04.2026"))
        absence_delete(actor=world.hr_staff_user, absence_id=absence.pk)
    assert counts[0] == counts[1]
