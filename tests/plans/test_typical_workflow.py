"""The typical-2018 individual work plan (seed 004 p.9-15, App. 1; EDITIONS.md §2.2 B1-B5, §2.3):
every evaluated servant, exactly 5 KPIs, signed by the servant and the direct manager, submitted
to the superior manager (or approved by the first head, p.11), approved or returned with a reason
and resubmitted within 2 working days; deadlines shown late, never blocking (§9 G-1)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import ConflictError, DomainError
from bagalau.methodology import get_edition, typical2018_rules
from bagalau.methodology.typical2018_workflow import plan_due
from bagalau.notifications.models import Notification
from bagalau.org.models import Assignment
from bagalau.org.selectors import work_calendar
from bagalau.plans import services, typical
from bagalau.plans.access import plan_actions
from bagalau.plans.models import TYPICAL_PLAN_FLOW, PlanStatus, WorkPlan
from bagalau.plans.typical_selectors import typical_deadlines
from tests.factories import AssignmentFactory, PositionFactory, ServantFactory
from tests.plans.helpers import kpi_data
from tests.plans.typical_helpers import (
    YEAR,
    add_typical_kpis,
    open_typical,
    sign_both,
    typical_in,
    typical_snapshot,
)


def kinds_for(user) -> list[str]:
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_hr_opens_a_plan_for_every_b_corps_servant_with_its_edition_and_managers(tw):
    report = services.plans_initiate(actor=tw.hr_staff_user, organisation=tw.org, year=YEAR)

    plans = {plan.servant.user.username: plan for plan in report.created}
    # Not only managers: the staff too (p.9). The first head has no "B" corps post.
    assert set(plans) == {
        "deputy",
        "a_head",
        "a_staff1",
        "a_staff2",
        "b_head",
        "b_staff1",
        "hr_head",
        "hr_staff",
    }
    staff = plans["a_staff1"]
    assert staff.edition == "almaty-2018"
    assert staff.is_typical
    assert staff.flow is TYPICAL_PLAN_FLOW
    assert (staff.evaluator, staff.approver) == (tw.a_head, tw.head)
    assert staff.period_start == dt.date(2019, 1, 1)
    # p.9: 10 working days from the period start, across the holidays of 1-2 and 7 January.
    assert staff.draft_due == dt.date(2019, 1, 17)
    rules = typical2018_rules(get_edition("almaty-2018"))
    assert staff.draft_due == plan_due(rules, work_calendar(), dt.date(2019, 1, 1))
    # p.11: a_head's direct manager is the first head, who approves the plan himself.
    assert (plans["a_head"].evaluator, plans["a_head"].approver) == (tw.head, tw.head)
    assert "plan_to_draft" in kinds_for(tw.a_head_user)
    assert "typical_plan_to_draw_up" in kinds_for(tw.a_staff1_user)
    again = services.plans_initiate(actor=tw.hr_staff_user, organisation=tw.org, year=YEAR)
    assert not again.created
    assert len(again.existing) == 8


def test_a_mid_year_appointee_has_10_working_days_and_none_with_under_3_months_left(tw):
    late = ServantFactory(organisation=tw.org, last_name="Кеш", first_name="Келген")
    position = PositionFactory(unit=tw.unit_a, category="B-4")
    october = AssignmentFactory(servant=late, position=position, start=dt.date(2019, 10, 1))
    plan = services.plan_create_for_assignment(
        actor=tw.hr_staff_user, assignment=october, year=YEAR
    )
    assert plan.period_start == dt.date(2019, 10, 1)
    assert plan.draft_due == dt.date(2019, 10, 15)

    later = ServantFactory(organisation=tw.org, last_name="Тым", first_name="Кеш")
    too_late = AssignmentFactory(
        servant=later,
        position=PositionFactory(unit=tw.unit_a, category="B-4"),
        start=dt.date(2019, 10, 2),
    )
    before = typical_snapshot()
    with pytest.raises(DomainError) as error:
        services.plan_create_for_assignment(actor=tw.hr_staff_user, assignment=too_late, year=YEAR)
    assert error.value.field == "assignment"
    assert typical_snapshot() == before


def test_only_hr_opens_plans(tw):
    before = typical_snapshot()
    with pytest.raises(PermissionDenied):
        services.plans_initiate(actor=tw.a_head_user, organisation=tw.org, year=YEAR)
    assert typical_snapshot() == before


def test_exactly_five_kpis_a_sixth_is_refused_and_four_cannot_be_signed_or_submitted(tw):
    plan = add_typical_kpis(tw, open_typical(tw), 4)
    before = typical_snapshot()
    with pytest.raises(DomainError) as error:
        typical.typical_plan_sign(actor=tw.a_staff1_user, plan_id=plan.pk, version=plan.version)
    assert error.value.field == "kpis"
    assert "5" in error.value.message
    with pytest.raises(DomainError) as error:
        typical.typical_plan_submit(actor=tw.a_head_user, plan_id=plan.pk, version=plan.version)
    assert error.value.field == "kpis"
    assert typical_snapshot() == before

    plan = add_typical_kpis(tw, plan, 1)
    before = typical_snapshot()
    with pytest.raises(DomainError) as error:
        services.kpi_add(
            actor=tw.a_head_user, plan_id=plan.pk, version=plan.version, data=kpi_data()
        )
    assert error.value.field == "kpis"
    assert plan.kpis.count() == 5
    assert typical_snapshot() == before


def test_the_servant_and_the_direct_manager_sign_before_submission(tw):
    plan = add_typical_kpis(tw, open_typical(tw))
    assert "sign_servant" in plan_actions(user=tw.a_staff1_user, obj=plan)
    assert {"kpis", "sign_manager", "submit_to_superior"} <= plan_actions(
        user=tw.a_head_user, obj=plan
    )
    before = typical_snapshot()
    with pytest.raises(DomainError) as error:
        typical.typical_plan_submit(actor=tw.a_head_user, plan_id=plan.pk, version=plan.version)
    assert error.value.field == "signatures"
    assert typical_snapshot() == before

    plan = typical.typical_plan_sign(actor=tw.a_staff1_user, plan_id=plan.pk, version=plan.version)
    assert plan.servant_signed_on == dt.date(2019, 1, 3)
    assert plan.status == PlanStatus.DRAFT
    assert "typical_plan_signed" in kinds_for(tw.a_head_user)
    with pytest.raises(DomainError) as error:
        typical.typical_plan_submit(actor=tw.a_head_user, plan_id=plan.pk, version=plan.version)
    assert error.value.field == "signatures"

    plan = typical.typical_plan_sign(actor=tw.a_head_user, plan_id=plan.pk, version=plan.version)
    assert plan.manager_signed_on == dt.date(2019, 1, 3)
    assert AuditEntry.objects.filter(action__in=["sign_servant", "sign_manager"]).count() == 2


def test_a_kpi_edit_removes_both_signatures(tw):
    plan = sign_both(add_typical_kpis(tw, open_typical(tw)))
    kpi = plan.kpis.first()
    services.kpi_update(
        actor=tw.a_head_user,
        plan_id=plan.pk,
        kpi_id=kpi.pk,
        version=plan.version,
        data=kpi_data(name="Жаңа НМИ", deadline=dt.date(YEAR, 12, 31)),
    )
    plan.refresh_from_db()
    assert (plan.servant_signed_on, plan.manager_signed_on) == (None, None)
    entry = AuditEntry.objects.filter(action="kpi_update").latest("pk")
    assert "servant_signed_on" in entry.changes


def test_submitted_to_the_superior_manager_who_approves_and_hr_keeps_it(tw):
    plan = sign_both(add_typical_kpis(tw, open_typical(tw)))
    plan = typical.typical_plan_submit(actor=tw.a_head_user, plan_id=plan.pk, version=plan.version)
    assert plan.status == PlanStatus.SUBMITTED
    assert plan.submitted_on == plan.first_submitted_on == dt.date(2019, 1, 3)
    assert "plan_to_approve" in kinds_for(tw.head_user)
    assert plan_actions(user=tw.head_user, obj=plan) == {"approve_typical", "return_typical"}
    assert plan_actions(user=tw.a_head_user, obj=plan) == frozenset()

    plan = typical.typical_plan_approve(actor=tw.head_user, plan_id=plan.pk, version=plan.version)
    assert plan.status == PlanStatus.APPROVED
    assert plan.approved_on == dt.date(2019, 1, 3)
    assert plan.approved_by == tw.head_user
    assert "typical_plan_approved" in kinds_for(tw.a_staff1_user)
    assert "typical_plan_to_keep" in kinds_for(tw.hr_staff_user)
    assert AuditEntry.objects.filter(action="approve_typical", object_id=str(plan.pk)).exists()
    # The KPI sheet's contract: the approved plan of the year with its 5 KPIs.
    kept = WorkPlan.objects.get(servant=tw.a_staff1, year=YEAR, status=PlanStatus.APPROVED)
    assert kept.kpis.count() == 5


@pytest.mark.parametrize(
    ("who", "service"),
    [
        ("a_staff1_user", "submit"),
        ("head_user", "submit"),
        ("hr_staff_user", "submit"),
        ("a_head_user", "approve"),
        ("a_staff1_user", "approve"),
        ("hr_staff_user", "approve"),
        ("hr_staff_user", "sign"),
    ],
)
def test_wrong_parts_are_refused_and_nothing_changes(tw, who, service):
    status = PlanStatus.SUBMITTED if service == "approve" else PlanStatus.DRAFT
    plan = typical_in(tw, status)
    if service == "submit":
        plan = sign_both(plan)
    call = {
        "submit": typical.typical_plan_submit,
        "approve": typical.typical_plan_approve,
        "sign": typical.typical_plan_sign,
    }[service]
    before = typical_snapshot()
    with pytest.raises(PermissionDenied):
        call(actor=getattr(tw, who), plan_id=plan.pk, version=plan.version)
    assert typical_snapshot() == before


@pytest.mark.parametrize(
    "who", ["outsider_user", "b_head_user", "a_staff2_user", "deputy_user", "overseer_user"]
)
def test_others_do_not_find_the_plan(tw, who):
    plan = typical_in(tw, PlanStatus.SUBMITTED)
    before = typical_snapshot()
    with pytest.raises(Http404):
        typical.typical_plan_approve(actor=getattr(tw, who), plan_id=plan.pk, version=plan.version)
    assert typical_snapshot() == before


def test_a_return_needs_a_reason_and_is_due_back_in_2_working_days_across_a_holiday(tw, clock):
    plan = typical_in(tw, PlanStatus.SUBMITTED)
    before = typical_snapshot()
    with pytest.raises(DomainError) as error:
        typical.typical_plan_return(
            actor=tw.head_user, plan_id=plan.pk, version=plan.version, comment="  "
        )
    assert error.value.field == "comment"
    assert typical_snapshot() == before

    clock(dt.date(2019, 3, 15))
    # Returned on Wednesday 6 March (back-dated): Thursday 7, then 8 March is a holiday, so
    # the 2nd working day is Monday 11 March (p.12).
    plan = typical.typical_plan_return(
        actor=tw.head_user,
        plan_id=plan.pk,
        version=plan.version,
        comment="2-НМИ өлшемді емес (13-тармақ)",
        on=dt.date(2019, 3, 6),
    )
    assert plan.status == PlanStatus.RETURNED
    assert plan.returned_on == dt.date(2019, 3, 6)
    assert plan.resubmission_due == dt.date(2019, 3, 11)
    assert "plan_returned" in kinds_for(tw.a_head_user)
    assert "plan_returned" in kinds_for(tw.a_staff1_user)
    shown = {item.code: item for item in typical_deadlines(plan, dt.date(2019, 3, 15))}
    assert shown["resubmission"].done_on is None
    assert shown["resubmission"].lateness.working_days == 4

    # Resubmitted late (Wednesday 13 March): accepted, shown late by 2 working days.
    plan = typical.typical_plan_submit(
        actor=tw.a_head_user, plan_id=plan.pk, version=plan.version, on=dt.date(2019, 3, 13)
    )
    assert plan.status == PlanStatus.SUBMITTED
    assert plan.first_submitted_on == dt.date(2019, 1, 3)
    shown = {item.code: item for item in typical_deadlines(plan, dt.date(2019, 3, 15))}
    assert shown["resubmission"].done_on == dt.date(2019, 3, 13)
    assert shown["resubmission"].lateness.late
    assert shown["resubmission"].lateness.working_days == 2
    assert not shown["draft"].lateness.late


def test_a_late_plan_is_accepted_and_shown_late_by_working_days(tw, clock):
    plan = add_typical_kpis(tw, open_typical(tw))
    clock(dt.date(2019, 1, 25))
    shown = typical_deadlines(plan, dt.date(2019, 1, 25))[0]
    assert shown.done_on is None
    assert shown.lateness.working_days == 6
    plan = sign_both(plan, on=dt.date(2019, 1, 21))
    plan = typical.typical_plan_submit(
        actor=tw.a_head_user, plan_id=plan.pk, version=plan.version, on=dt.date(2019, 1, 22)
    )
    shown = typical_deadlines(plan, dt.date(2019, 1, 25))[0]
    assert shown.done_on == dt.date(2019, 1, 22)
    assert shown.lateness.working_days == 3


def test_dates_are_back_dated_but_never_in_the_future_nor_before_the_previous_step(tw):
    plan = add_typical_kpis(tw, open_typical(tw))
    before = typical_snapshot()
    with pytest.raises(DomainError) as error:
        typical.typical_plan_sign(
            actor=tw.a_staff1_user, plan_id=plan.pk, version=plan.version, on=dt.date(2019, 1, 4)
        )
    assert error.value.field == "on"
    assert typical_snapshot() == before
    plan = sign_both(plan, on=dt.date(2019, 1, 3))
    with pytest.raises(DomainError) as error:
        typical.typical_plan_submit(
            actor=tw.a_head_user, plan_id=plan.pk, version=plan.version, on=dt.date(2018, 12, 28)
        )
    assert error.value.field == "on"


def test_the_first_head_approves_the_plan_he_draws_up(tw):
    plan = add_typical_kpis(tw, open_typical(tw, "a_head"))
    assert plan.evaluator == plan.approver == tw.head
    plan = sign_both(plan)
    plan = typical.typical_plan_submit(actor=tw.head_user, plan_id=plan.pk, version=plan.version)
    assert plan_actions(user=tw.head_user, obj=plan) == {"approve_typical", "return_typical"}
    before = typical_snapshot()
    with pytest.raises(PermissionDenied):
        typical.typical_plan_approve(actor=tw.hr_head_user, plan_id=plan.pk, version=plan.version)
    assert typical_snapshot() == before
    plan = typical.typical_plan_approve(actor=tw.head_user, plan_id=plan.pk, version=plan.version)
    assert plan.status == PlanStatus.APPROVED
    assert plan.approved_by == tw.head_user
    assert plan.approved_on == dt.date(2019, 1, 3)


def test_a_stale_version_is_refused(tw):
    plan = sign_both(add_typical_kpis(tw, open_typical(tw)))
    before = typical_snapshot()
    with pytest.raises(ConflictError):
        typical.typical_plan_submit(actor=tw.a_head_user, plan_id=plan.pk, version=plan.version - 1)
    assert typical_snapshot() == before


def test_the_sjc_2023_steps_do_not_move_a_typical_plan(tw):
    plan = typical_in(tw, PlanStatus.SUBMITTED)
    before = typical_snapshot()
    with pytest.raises(DomainError) as error:
        services.plan_return(actor=tw.head_user, plan_id=plan.pk, version=plan.version, comment="x")
    assert error.value.field == "edition"
    with pytest.raises(DomainError) as error:
        services.plan_approve(actor=tw.head_user, plan_id=plan.pk, version=plan.version)
    assert error.value.field == "edition"
    assert typical_snapshot() == before


def test_the_typical_steps_do_not_move_an_sjc_2023_plan(pw):
    from tests.plans.helpers import plan_in

    plan = plan_in(pw, PlanStatus.SUBMITTED)
    before = typical_snapshot()
    with pytest.raises(DomainError) as error:
        typical.typical_plan_approve(actor=pw.deputy_user, plan_id=plan.pk, version=plan.version)
    assert error.value.field == "edition"
    with pytest.raises(DomainError) as error:
        typical.typical_plan_return(
            actor=pw.deputy_user, plan_id=plan.pk, version=plan.version, comment="x"
        )
    assert error.value.field == "edition"
    assert typical_snapshot() == before


def test_an_approved_plan_is_locked(tw):
    plan = typical_in(tw, PlanStatus.APPROVED)
    before = typical_snapshot()
    with pytest.raises(DomainError) as error:
        services.kpi_add(
            actor=tw.a_head_user, plan_id=plan.pk, version=plan.version, data=kpi_data()
        )
    assert error.value.field == "status"
    assert plan_actions(user=tw.a_head_user, obj=plan) == {"recommend"}
    assert typical_snapshot() == before


def test_the_structure_managers_are_taken_again_when_they_change(tw):
    plan = typical_in(tw, PlanStatus.SUBMITTED)
    Assignment.objects.filter(pk=tw.a_staff1_assignment.pk).update(direct_manager=tw.head)
    assert "managers" in plan_actions(user=tw.hr_staff_user, obj=plan)
    plan = services.plan_managers_refresh(
        actor=tw.hr_staff_user, plan_id=plan.pk, version=plan.version
    )
    # The first head now manages a_staff1 directly, and so approves the plan too (p.11).
    assert plan.evaluator == plan.approver == tw.head


def test_the_dashboard_asks_the_approver_to_approve_and_hr_to_post_nothing(tw):
    from bagalau.plans.selectors import plan_tasks

    plan = typical_in(tw, PlanStatus.SUBMITTED)
    assert [(t.plan, t.action) for t in plan_tasks(tw.head_user)] == [(plan, "approve")]
    plan = typical.typical_plan_approve(actor=tw.head_user, plan_id=plan.pk, version=plan.version)
    assert [t for t in plan_tasks(tw.hr_staff_user) if t.plan == plan] == []
