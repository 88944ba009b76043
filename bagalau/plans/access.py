"""Who may see and who may do what with a work plan (seed 002 p.22-25).

A plan is visible to its servant, the evaluator (who drafts the KPIs), the superior manager (who
approves), the HR service (roles ``hr``/``hr_head``) and the head of the apparatus of its
organisation; to anyone else it does not exist (404). A plan holds no scores, so HR staff see it
in full. Writes: the evaluator edits KPIs and sends/submits; HR agrees, returns and posts; the
superior manager approves or returns. Someone who may see a plan but not take an action gets 403.

Views, API endpoints and services all ask this module.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404

from bagalau.core import clock
from bagalau.core.visible import visible_one
from bagalau.methodology import EvaluationModel, all_editions
from bagalau.org.access import HR_ROLES, OVERVIEW_ROLES
from bagalau.org.models import Role, Servant
from bagalau.org.selectors import direct_manager, organisations_where, roles_of, superior_manager
from bagalau.plans.models import WorkPlan

if TYPE_CHECKING:
    from bagalau.core.types import User

#: The editions whose plans only the servant, the direct and superior managers and HR see
#: (EDITIONS.md §9 G-5): no overview for the head of the apparatus.
TYPICAL_EDITIONS = tuple(e.code for e in all_editions() if e.model == EvaluationModel.TYPICAL2018)


def visibility_filter(user: User) -> Q:
    """The rows of WorkPlan that `user` may read."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    return (
        Q(servant__user=user)
        | Q(evaluator__user=user)
        | Q(approver__user=user)
        | Q(organisation__in=organisations_where(user, *HR_ROLES))
        | (
            Q(organisation__in=organisations_where(user, Role.APPARATUS_HEAD))
            & ~Q(edition__in=TYPICAL_EDITIONS)
        )
    )


def plans_visible_to(user: User) -> QuerySet[WorkPlan]:
    """Every plan the user may read."""
    return WorkPlan.objects.filter(visibility_filter(user)).select_related(
        "organisation",
        "servant",
        "evaluator",
        "approver",
        "assignment__position__unit",
    )


def can_view(user: User, plan: WorkPlan) -> bool:
    """Whether `user` may read this plan."""
    if not user.is_authenticated:
        return False
    if user.pk in (plan.servant.user_id, plan.evaluator.user_id, plan.approver.user_id):
        return True
    overview = HR_ROLES if plan.is_typical else OVERVIEW_ROLES
    return bool(roles_of(user, plan.organisation) & set(overview))


def plan_get_for(*, user: User, id: int) -> WorkPlan:
    """The plan, or Http404 when it does not exist or is not visible to `user` (existence is not
    revealed)."""
    plan = visible_one(plans_visible_to(user), id, "No such work plan.")
    return plan


def is_servant(user: User, plan: WorkPlan) -> bool:
    """The manager whose plan it is."""
    return bool(user.is_authenticated and plan.servant.user_id == user.pk)


def is_evaluator(user: User, plan: WorkPlan) -> bool:
    """The evaluator, who drafts the KPIs (p.22)."""
    return bool(user.is_authenticated and plan.evaluator.user_id == user.pk)


def is_approver(user: User, plan: WorkPlan) -> bool:
    """The superior manager, who approves the plan (p.22)."""
    return bool(user.is_authenticated and plan.approver.user_id == user.pk)


def is_hr(user: User, plan: WorkPlan) -> bool:
    """The HR service of the plan's organisation, which agrees and posts it (p.22)."""
    return bool(user.is_authenticated and roles_of(user, plan.organisation) & set(HR_ROLES))


def plan_parts(user: User, plan: WorkPlan) -> frozenset[str]:
    """The parts `user` holds in the plan's case: "evaluator", "approver", "hr" (p.22), and
    "servant", who signs a typical-2018 plan (seed 004 p.9, App. 1)."""
    if not user.is_authenticated:
        return frozenset()
    parts = set()
    if is_servant(user, plan):
        parts.add("servant")
    if is_evaluator(user, plan):
        parts.add("evaluator")
    if is_approver(user, plan):
        parts.add("approver")
    if is_hr(user, plan):
        parts.add("hr")
    return frozenset(parts)


def may(user: User, plan: WorkPlan, action: str) -> bool:
    """Whether `user` holds the part that takes `action` on this plan (whatever its status): the
    difference between 403 (not yours) and a refused status."""
    step = plan.flow.steps.get(action)
    return step is not None and step.part in plan_parts(user, plan)


def managers_by_structure(plan: WorkPlan) -> tuple[Servant | None, Servant | None]:
    """The evaluator and the superior manager the structure names for the plan today (clamped to
    the plan's year and post): the direct manager, and the superior manager, or the direct manager
    himself for the first head, who approves what he drafts (seed 002 p.2, p.22)."""
    last = dt.date(plan.year, 12, 31)
    if plan.assignment.end is not None:
        last = min(last, plan.assignment.end)
    day = min(max(clock.today(), plan.period_start), last)
    evaluator = direct_manager(plan.servant, day)
    if evaluator is None:
        return None, None
    return evaluator, superior_manager(plan.servant, day) or evaluator


def managers_outdated(plan: WorkPlan) -> bool:
    """Whether the structure now names other managers than the plan (a manager was transferred,
    dismissed or overridden since the plan was drawn up)."""
    evaluator, approver = managers_by_structure(plan)
    return evaluator is not None and (
        evaluator.pk != plan.evaluator_id or getattr(approver, "pk", None) != plan.approver_id
    )


def plan_actions(*, user: User, obj: WorkPlan) -> frozenset[str]:
    """The actions `user` may take on the plan now (the table of the plan's model, PLAN_FLOW or
    TYPICAL_PLAN_FLOW, and the user's parts), for the buttons, the API and the services alike;
    taking the managers from the structure is offered only when they differ."""
    actions = obj.flow.actions(status=obj.status, parts=plan_parts(user, obj))
    if "managers" in actions and not managers_outdated(obj):
        actions = actions - {"managers"}
    return actions


def require_visible(user: User, plan: WorkPlan) -> None:
    """Http404 unless `user` may see the plan."""
    if not can_view(user, plan):
        raise Http404("No such work plan.")
