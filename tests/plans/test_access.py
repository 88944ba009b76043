"""Who sees a work plan and what each person may do with it; the dashboard's tasks."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from bagalau.plans import access
from bagalau.plans.access import plan_actions
from bagalau.plans.models import PlanStatus
from bagalau.plans.selectors import has_plans_to_see, plan_tasks, tabs_for
from tests.plans.helpers import PEOPLE, SEES, open_plan, person, plan_in


@pytest.mark.parametrize("who", [*PEOPLE, "anonymous"])
def test_visibility(pw, who):
    plan = open_plan(pw)
    user = person(pw, who) or AnonymousUser()

    visible = who in SEES
    assert access.plans_visible_to(user).filter(pk=plan.pk).exists() == visible
    assert access.can_view(user, plan) == visible
    if visible:
        assert access.plan_get_for(user=user, id=plan.pk) == plan
    else:
        with pytest.raises(Http404):
            access.plan_get_for(user=user, id=plan.pk)


def test_hr_head_and_admin(pw):
    plan = open_plan(pw)
    assert access.can_view(pw.hr_head_user, plan)
    # A system administrator is not part of the evaluation: no plan is visible.
    assert not access.can_view(pw.admin_user, plan)


@pytest.mark.parametrize(
    ("status", "who", "actions"),
    [
        (PlanStatus.DRAFT, "evaluator", {"kpis", "send_to_hr"}),
        (PlanStatus.RETURNED, "evaluator", {"kpis", "send_to_hr"}),
        (PlanStatus.CHANGING, "evaluator", {"kpis", "send_to_hr"}),
        (PlanStatus.CHANGING, "hr", set()),
        (PlanStatus.CHANGING, "approver", set()),
        (PlanStatus.SENT_TO_HR, "hr", {"hr_agree", "hr_return"}),
        (PlanStatus.HR_AGREED, "evaluator", {"submit"}),
        (PlanStatus.HR_AGREED, "hr", {"hr_return"}),
        (PlanStatus.SUBMITTED, "approver", {"approve", "return"}),
        (PlanStatus.APPROVED, "hr", {"post"}),
        (PlanStatus.APPROVED, "evaluator", {"change"}),
        (PlanStatus.POSTED, "evaluator", {"change"}),
        (PlanStatus.POSTED, "hr", set()),
        (PlanStatus.SUBMITTED, "servant", set()),
        (PlanStatus.SUBMITTED, "apparatus_head", set()),
    ],
)
def test_actions_by_part_and_status(pw, status, who, actions):
    plan = plan_in(pw, status)
    # taking the managers from the structure is offered only when they changed (test_managers)
    assert plan_actions(user=person(pw, who), obj=plan) == actions


def test_tasks_on_the_dashboard(pw, clock):
    plan = open_plan(pw)
    [task] = plan_tasks(pw.a_head_user)
    assert (task.plan, task.action, task.due, task.overdue) == (
        plan,
        "draft",
        dt.date(2026, 1, 19),
        False,
    )
    assert plan_tasks(pw.hr_staff_user) == []

    plan = plan_in(pw, PlanStatus.SENT_TO_HR)
    clock(dt.date(2026, 1, 20))
    [task] = plan_tasks(pw.hr_staff_user)
    assert (task.action, task.overdue) == ("agree", True)
    assert plan_tasks(pw.a_head_user) == []

    from bagalau.plans.services import plan_hr_agree, plan_submit

    plan = plan_hr_agree(actor=pw.hr_staff_user, plan_id=plan.pk, version=plan.version)
    assert [t.action for t in plan_tasks(pw.a_head_user)] == ["submit"]
    plan = plan_submit(actor=pw.a_head_user, plan_id=plan.pk, version=plan.version)
    assert [t.action for t in plan_tasks(pw.deputy_user)] == ["approve"]
    assert plan_tasks(pw.head_user) == []


def test_menu_and_tabs(pw):
    assert has_plans_to_see(pw.hr_staff_user)  # HR, before any plan exists
    assert not has_plans_to_see(pw.a1_head_user)
    open_plan(pw)
    assert has_plans_to_see(pw.a1_head_user)
    assert not has_plans_to_see(pw.b_head_user)
    assert not has_plans_to_see(AnonymousUser())
    assert tabs_for(pw.a1_head_user) == ["mine"]
    assert tabs_for(pw.a_head_user) == ["draft"]
    assert tabs_for(pw.deputy_user) == ["approve"]
    assert tabs_for(pw.hr_staff_user) == ["overview"]
    assert tabs_for(pw.head_user) == ["overview"]
