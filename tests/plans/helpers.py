"""Helpers of the plans tests. The `pw` fixture (conftest.py) is the world plus a sector under
the Legal department, so that one manager's plan has a distinct servant, evaluator, approver, HR
and head of the apparatus.

    a1_head (head of the Contracts sector, B-2, KPI): evaluator a_head, approver deputy
    (a_head's direct manager is overridden to deputy). head: the head of the apparatus, not in
    this chain. b_head: another unit's manager. hr_staff: HR.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from types import SimpleNamespace
from typing import Any

from bagalau.audit.models import AuditEntry
from bagalau.notifications.models import Notification
from bagalau.plans import services
from bagalau.plans.models import PlanChange, PlanStatus, WorkPlan

#: A Monday of 2026 after the New Year holidays: plans are opened and drafted.
TODAY = dt.date(2026, 1, 5)


def kpi_data(**overrides: Any) -> services.KpiData:
    """A valid increasing KPI planned in every quarter of 2026."""
    values: dict[str, Any] = {
        "name": "Сот төрелігі кадрларын іріктеу сапасы",
        "source": '"А" корпусы қызметшісінің келісімі, 2-көрсеткіш',
        "unit": "%",
        "direction": "increase",
        "deadline": dt.date(2026, 12, 31),
        "key_result": "Кадрлық резерв толықтырылды",
        "plan_q1": D("10"),
        "plan_q2": D("20"),
        "plan_q3": D("30"),
        "plan_q4": D("40"),
    }
    values.update(overrides)
    return services.KpiData(**values)


def open_plan(w: SimpleNamespace) -> WorkPlan:
    """a1_head's draft plan for 2026, opened by HR."""
    return services.plan_create_for_assignment(
        actor=w.hr_staff_user, assignment=w.a1_head_assignment, year=2026
    )


def add_kpis(w: SimpleNamespace, plan: WorkPlan, count: int) -> WorkPlan:
    """The evaluator adds `count` KPIs."""
    for index in range(count):
        plan.refresh_from_db()
        services.kpi_add(
            actor=w.a_head_user,
            plan_id=plan.pk,
            version=plan.version,
            data=kpi_data(name=f"НМИ {index + 1}"),
        )
    plan.refresh_from_db()
    return plan


#: The steps to reach each status from a draft with 3 KPIs: (service, actor attribute).
STEPS = [
    ("send_to_hr", "a_head_user", PlanStatus.SENT_TO_HR),
    ("hr_agree", "hr_staff_user", PlanStatus.HR_AGREED),
    ("submit", "a_head_user", PlanStatus.SUBMITTED),
    ("approve", "deputy_user", PlanStatus.APPROVED),
    ("post", "hr_staff_user", PlanStatus.POSTED),
]


def plan_in(w: SimpleNamespace, status: str, kpis: int = 3) -> WorkPlan:
    """a1_head's plan with `kpis` KPIs, moved along the workflow to `status`."""
    plan = add_kpis(w, open_plan(w), kpis)
    if status == PlanStatus.DRAFT:
        return plan
    target = {
        PlanStatus.RETURNED: PlanStatus.SUBMITTED,
        PlanStatus.CHANGING: PlanStatus.POSTED,
    }.get(status, status)
    for action, actor, reached in STEPS:
        plan = services.TRANSITION_SERVICES[action](
            actor=getattr(w, actor), plan_id=plan.pk, version=plan.version
        )
        if reached == target:
            break
    if status == PlanStatus.RETURNED:
        plan = services.plan_return(
            actor=w.deputy_user, plan_id=plan.pk, version=plan.version, comment="Нақтылаңыз"
        )
    if status == PlanStatus.CHANGING:
        services.plan_change_open(
            actor=w.a_head_user,
            plan_id=plan.pk,
            version=plan.version,
            ground="structure",
            reference="Аппарат басшысының өкімі",
        )
        plan.refresh_from_db()
    assert plan.status == status
    return plan


def snapshot(plan: WorkPlan | None = None) -> tuple[Any, ...]:
    """Everything a refused request must leave as it was."""
    plans = list(WorkPlan.objects.order_by("pk").values())
    kpis = list(
        WorkPlan.objects.filter(kpis__isnull=False)
        .order_by("kpis__pk")
        .values_list("kpis__pk", "kpis__number", "kpis__name", "kpis__plan_q1", "kpis__deadline")
    )
    return (
        plans,
        kpis,
        PlanChange.objects.count(),
        AuditEntry.objects.count(),
        Notification.objects.count(),
    )


#: The people of the permission matrix, by their part in a1_head's plan.
PEOPLE = {
    "outsider": "outsider_user",
    "servant": "a1_head_user",
    "evaluator": "a_head_user",
    "approver": "deputy_user",
    "hr": "hr_staff_user",
    "other_manager": "b_head_user",
    "apparatus_head": "head_user",
}
#: Who sees a1_head's plan (the others get 404).
SEES = {"servant", "evaluator", "approver", "hr", "apparatus_head"}


def person(w: SimpleNamespace, who: str) -> Any:
    """The user playing `who` (None for anonymous)."""
    return None if who == "anonymous" else getattr(w, PEOPLE[who])
