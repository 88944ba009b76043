"""Who holds which part in a servant's App. 1 work plan (seed 001 p.10-13; EDITIONS.md §5.2
B1-B4, §9.4 M-15).

- The servant drafts and signs it; the direct manager (on the day asked) edits it jointly and
  signs it: both are its "drafters".
- Once filed, the HR service of the organisation (the HR copy) and the head of the servant's
  structural unit (the unit's copy, p.13) read it and its history; before its first filing it is
  the drafters' alone.
- Anyone else: the plan does not exist (404). Every read through `workplan_get_for` is audited.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from bagalau.audit.services import audit_log
from bagalau.core import clock
from bagalau.moj.models import WORK_PLAN_FLOW, WorkPlan
from bagalau.org.access import HR_ROLES
from bagalau.org.models import Servant
from bagalau.org.selectors import assignment_on, direct_manager, roles_of, unit_head

if TYPE_CHECKING:
    from bagalau.core.types import User


def plan_manager(servant: Servant) -> Servant | None:
    """The servant's direct manager today: who draws up and signs the plan with them (p.10)."""
    return direct_manager(servant, clock.today())


def _unit_head(servant: Servant) -> Servant | None:
    assignment = assignment_on(servant, clock.today())
    if assignment is None:
        return None
    return unit_head(assignment.position.unit, clock.today())


def workplan_parts_of(user: User, servant: Servant, *, filed: bool) -> frozenset[str]:
    """The parts `user` holds in `servant`'s plan: "servant", "manager", "drafter" (either),
    and, once the plan was `filed`, "hr" and "unit_head"."""
    if not user.is_authenticated:
        return frozenset()
    parts: set[str] = set()
    if servant.user_id == user.pk:
        parts.update(("servant", "drafter"))
    manager = plan_manager(servant)
    if manager is not None and manager.user_id == user.pk:
        parts.update(("manager", "drafter"))
    if filed:
        if roles_of(user, servant.organisation) & set(HR_ROLES):
            parts.add("hr")
        head = _unit_head(servant)
        if head is not None and head.user_id == user.pk:
            parts.add("unit_head")
    return frozenset(parts)


def workplan_parts(user: User, plan: WorkPlan) -> frozenset[str]:
    """`workplan_parts_of` for a stored plan (filed: any of its versions was filed)."""
    filed = plan.revisions.filter(filed_on__isnull=False).exists()
    return workplan_parts_of(user, plan.servant, filed=filed)


def workplan_get_for(*, user: User, id: int, purpose: str = "view") -> WorkPlan:
    """The work plan, or Http404 when missing or not the user's to see; audited."""
    plan = WorkPlan.objects.select_related("servant__organisation").filter(pk=id).first()
    if plan is None or not workplan_parts(user, plan):
        raise Http404("No such work plan.")
    audit_log(actor=user, action=purpose, obj=plan)
    return plan


def workplan_actions(*, user: User, obj: WorkPlan) -> frozenset[str]:
    """The actions `user` may take on the plan now (WORK_PLAN_FLOW)."""
    return WORK_PLAN_FLOW.actions(status=obj.status, parts=workplan_parts(user, obj))
