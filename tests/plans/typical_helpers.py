"""Helpers of the typical-2018 plan tests (seed 004 p.9-16). The `tw` fixture (conftest.py) is the
world under almaty-2018 from 8 May 2018, every post held since 1 June 2018, on 3 January 2019.

    a_staff1 (B-3, Legal department): direct manager a_head, superior manager head (under
    almaty-2018 the deputy, who heads no unit, manages nobody, so the override of a_head's manager
    does not hold). a_head: direct manager head, the first head of the body, who has nobody above
    and approves the plan himself (p.11). hr_staff, hr_head: HR. overseer: a second head of the
    apparatus by role, in no chain; a_staff2, deputy, b_head, outsider: others.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from bagalau.audit.models import AuditEntry
from bagalau.notifications.models import Notification
from bagalau.org.models import Assignment, Role
from bagalau.plans import services, typical
from bagalau.plans.models import PlanRecommendation, PlanStatus, WorkPlan
from tests.factories import EditionAssignmentFactory, RoleAssignmentFactory, UserFactory
from tests.plans.helpers import kpi_data

YEAR = 2019
#: A Thursday, the first working day of 2019 (1-2 January are holidays).
TYPICAL_TODAY = dt.date(2019, 1, 3)


def make_typical(w: SimpleNamespace) -> SimpleNamespace:
    """Put the world's organisation under almaty-2018 with every post held since June 2018."""
    EditionAssignmentFactory(
        organisation=w.org, edition="almaty-2018", valid_from=dt.date(2018, 5, 8)
    )
    Assignment.objects.filter(servant__organisation=w.org).update(start=dt.date(2018, 6, 1))
    w.overseer_user = UserFactory(username="overseer")
    RoleAssignmentFactory(user=w.overseer_user, organisation=w.org, role=Role.APPARATUS_HEAD)
    for name in vars(w).copy():
        if name.endswith("_assignment"):
            getattr(w, name).refresh_from_db()
    return w


def open_typical(w: SimpleNamespace, who: str = "a_staff1") -> WorkPlan:
    """The 2019 plan of `who`, opened by HR."""
    return services.plan_create_for_assignment(
        actor=w.hr_staff_user, assignment=getattr(w, f"{who}_assignment"), year=YEAR
    )


def add_typical_kpis(w: SimpleNamespace, plan: WorkPlan, count: int = 5) -> WorkPlan:
    """The direct manager adds `count` KPIs."""
    manager = _user_of(plan.evaluator)
    for index in range(count):
        plan.refresh_from_db()
        services.kpi_add(
            actor=manager,
            plan_id=plan.pk,
            version=plan.version,
            data=kpi_data(name=f"НМИ {index + 1}", deadline=dt.date(YEAR, 12, 31)),
        )
    plan.refresh_from_db()
    return plan


def _user_of(servant: Any) -> Any:
    return servant.user


def sign_both(plan: WorkPlan, on: dt.date | None = None) -> WorkPlan:
    """The servant and the direct manager sign."""
    for servant in (plan.servant, plan.evaluator):
        plan.refresh_from_db()
        plan = typical.typical_plan_sign(
            actor=servant.user, plan_id=plan.pk, version=plan.version, on=on
        )
    return plan


def typical_in(w: SimpleNamespace, status: str, who: str = "a_staff1") -> WorkPlan:
    """`who`'s 2019 plan with 5 KPIs, moved to `status` (draft, submitted, returned, approved)."""
    plan = add_typical_kpis(w, open_typical(w, who))
    if status == PlanStatus.DRAFT:
        return plan
    plan = sign_both(plan)
    plan = typical.typical_plan_submit(
        actor=plan.evaluator.user, plan_id=plan.pk, version=plan.version
    )
    if status == PlanStatus.RETURNED:
        plan = typical.typical_plan_return(
            actor=plan.approver.user, plan_id=plan.pk, version=plan.version, comment="Өлшемді емес"
        )
    elif status == PlanStatus.APPROVED:
        plan = typical.typical_plan_approve(
            actor=plan.approver.user, plan_id=plan.pk, version=plan.version
        )
    assert plan.status == status
    return plan


def typical_snapshot() -> tuple[Any, ...]:
    """Everything a refused request must leave as it was."""
    return (
        list(WorkPlan.objects.order_by("pk").values()),
        list(WorkPlan.objects.filter(kpis__isnull=False).values_list("kpis__pk", "kpis__name")),
        list(PlanRecommendation.objects.order_by("pk").values()),
        AuditEntry.objects.count(),
        Notification.objects.count(),
    )


#: Who is who in a_staff1's plan.
TYPICAL_PEOPLE = {
    "servant": "a_staff1_user",
    "direct_manager": "a_head_user",
    "superior_manager": "head_user",
    "hr": "hr_staff_user",
    "hr_head": "hr_head_user",
    "apparatus_head": "overseer_user",
    "deputy": "deputy_user",
    "colleague": "a_staff2_user",
    "other_manager": "b_head_user",
    "outsider": "outsider_user",
}
#: Who sees a_staff1's plan (EDITIONS.md §9 G-5); the others get 404.
TYPICAL_SEES = {"servant", "direct_manager", "superior_manager", "hr", "hr_head"}


def typical_person(w: SimpleNamespace, who: str) -> Any:
    """The user playing `who` (None for anonymous)."""
    return None if who == "anonymous" else getattr(w, TYPICAL_PEOPLE[who])
