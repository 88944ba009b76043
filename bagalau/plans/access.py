"""Who may see and who may do what with a work plan (seed 002 p.22-25).

A plan is visible to its servant, the evaluator (who drafts the KPIs), the superior manager (who
approves), the HR service (roles ``hr``/``hr_head``) and the head of the apparatus of its
organisation; to anyone else it does not exist (404). A plan holds no scores, so HR staff see it
in full. Writes: the evaluator edits KPIs and sends/submits; HR agrees, returns and posts; the
superior manager approves or returns. Someone who may see a plan but not take an action gets 403.

Views, API endpoints and services all ask this module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404

from bagalau.org.models import Role
from bagalau.org.selectors import organisations_where, roles_of
from bagalau.plans.models import TRANSITIONS, PlanStatus, WorkPlan

if TYPE_CHECKING:
    from bagalau.core.types import User

HR_ROLES = (Role.HR, Role.HR_HEAD)
OVERVIEW_ROLES = (Role.HR, Role.HR_HEAD, Role.APPARATUS_HEAD)

#: Who takes each action: "evaluator", "approver" or "hr". "kpis" is editing the KPIs of a draft,
#: returned or changing plan, "change" reopening an approved plan to change it on one of the
#: grounds of p.25, "managers" taking the evaluator and the superior manager from the structure
#: again when they changed.
ACTORS: dict[str, str] = {
    "kpis": "evaluator",
    "change": "evaluator",
    "send_to_hr": "evaluator",
    "submit": "evaluator",
    "hr_agree": "hr",
    "hr_return": "hr",
    "post": "hr",
    "managers": "hr",
    "approve": "approver",
    "return": "approver",
}

#: The statuses in which each action is open (the workflow's ones come from TRANSITIONS).
OPEN_IN: dict[str, tuple[str, ...]] = {
    "kpis": (PlanStatus.DRAFT, PlanStatus.RETURNED, PlanStatus.CHANGING),
    "managers": tuple(PlanStatus.values),
    **{action: sources for action, (sources, _target) in TRANSITIONS.items()},
}


def visibility_filter(user: User) -> Q:
    """The rows of WorkPlan that `user` may read."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    return (
        Q(servant__user=user)
        | Q(evaluator__user=user)
        | Q(approver__user=user)
        | Q(organisation__in=organisations_where(user, *OVERVIEW_ROLES))
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
    return bool(roles_of(user, plan.organisation) & set(OVERVIEW_ROLES))


def plan_get_for(user: User, plan_id: int) -> WorkPlan:
    """The plan, or Http404 when it does not exist or is not visible to `user` (existence is not
    revealed)."""
    plan = plans_visible_to(user).filter(pk=plan_id).first()
    if plan is None:
        raise Http404("No such work plan.")
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


def may(user: User, plan: WorkPlan, action: str) -> bool:
    """Whether `user` holds the part that takes `action` on this plan (whatever its status)."""
    part = ACTORS[action]
    if part == "evaluator":
        return is_evaluator(user, plan)
    if part == "approver":
        return is_approver(user, plan)
    return is_hr(user, plan)


def actions_for(user: User, plan: WorkPlan) -> set[str]:
    """The actions `user` may take on the plan now (role and status), for showing buttons."""
    if not user.is_authenticated:
        return set()
    parts = set()
    if is_evaluator(user, plan):
        parts.add("evaluator")
    if is_approver(user, plan):
        parts.add("approver")
    if roles_of(user, plan.organisation) & set(HR_ROLES):
        parts.add("hr")
    return {
        action
        for action, part in ACTORS.items()
        if part in parts and plan.status in OPEN_IN[action]
    }


def require_visible(user: User, plan: WorkPlan) -> None:
    """Http404 unless `user` may see the plan."""
    if not can_view(user, plan):
        raise Http404("No such work plan.")
