"""The work plans' tasks for the reminders and the overdue board (notifications.due, p.22)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bagalau.core.days import day_text
from bagalau.notifications.due import (
    HR_SERVICE,
    DueSource,
    DueTask,
    Run,
    TaskKind,
    active_users,
    local_day,
)
from bagalau.plans.models import PlanStatus, WorkPlan

KINDS = (
    TaskKind("plan_draft", _("Work plans: KPIs to set"), _("Set the KPIs (evaluator)")),
    TaskKind("plan_agree", _("Work plans to agree"), _("Agree the KPIs (HR service)")),
    TaskKind("plan_approve", _("Work plans to approve"), _("Approve the plan (superior manager)")),
    TaskKind("plan_post", _("Work plans to post"), _("Post the plan (HR service)")),
)

_PLAN_STARTED: dict[str, Callable[[WorkPlan], dt.datetime | None]] = {
    PlanStatus.DRAFT: lambda plan: None,
    PlanStatus.RETURNED: lambda plan: plan.returned_at,
    PlanStatus.HR_AGREED: lambda plan: plan.hr_agreed_at,
    PlanStatus.SENT_TO_HR: lambda plan: plan.sent_to_hr_at,
    PlanStatus.SUBMITTED: lambda plan: plan.submitted_at,
    PlanStatus.APPROVED: lambda plan: plan.approved_at,
}


def _step(
    status: str, draft_due: dt.date, posting_due: dt.date | None
) -> tuple[str, dt.date | None]:
    """The kind of an open plan's step and its date (the KPIs' date, the posting's once
    approved): the walk and the count both read it."""
    if status in (PlanStatus.DRAFT, PlanStatus.RETURNED, PlanStatus.HR_AGREED):
        return "plan_draft", draft_due
    if status == PlanStatus.SENT_TO_HR:
        return "plan_agree", draft_due
    if status == PlanStatus.SUBMITTED:
        return "plan_approve", draft_due
    return "plan_post", posting_due


def _open_plans(run: Run) -> QuerySet[WorkPlan]:
    return WorkPlan.objects.filter(run.scope("organisation")).filter(status__in=list(_PLAN_STARTED))


def _plans(run: Run) -> Iterator[DueTask]:
    plans = (
        _open_plans(run)
        .select_related(
            "servant",
            "evaluator__user__servant",
            "approver__user__servant",
            "assignment__position__unit",
        )
        .order_by("pk")
    )
    for plan in plans:
        url = reverse("plans:detail", args=[plan.pk])
        kind, due = _step(plan.status, plan.draft_due, plan.posting_due)
        if due is None:
            continue
        if kind == "plan_draft":
            recipients, who = active_users([plan.evaluator.user]), plan.evaluator.full_name
        elif kind == "plan_approve":
            recipients, who = active_users([plan.approver.user]), plan.approver.full_name
        else:
            recipients, who = run.people.hr_service(plan.organisation_id), str(HR_SERVICE)
        yield DueTask(
            kind=kind,
            pk=plan.pk,
            organisation_id=plan.organisation_id,
            unit=plan.assignment.position.unit,
            servant=plan.servant.full_name,
            subject=str(plan.year),
            due=due,
            recipients=recipients,
            who=who,
            url=url,
            board_url=url,
            params={
                "servant": plan.servant.full_name,
                "year": str(plan.year),
                "due": day_text(due),
            },
            started=local_day(_PLAN_STARTED[plan.status](plan)),
        )


def _plans_overdue(run: Run, today: dt.date) -> dict[str, int]:
    """`_plans` past their date, counted per status and dates, each group's step read once."""
    counted: dict[str, int] = {}
    groups = (
        _open_plans(run)
        .order_by()
        .values_list("status", "draft_due", "posting_due")
        .annotate(count=Count("pk"))
    )
    for status, draft_due, posting_due, count in groups:
        kind, due = _step(status, draft_due, posting_due)
        if due is not None and due < today:
            counted[kind] = counted.get(kind, 0) + count
    return counted


SOURCE = DueSource(
    key="plans", kinds=KINDS, collectors=(_plans,), order=10, counters={_plans: _plans_overdue}
)
