"""The work plans' tasks for the reminders and the overdue board (notifications.due, p.22)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bagalau.notifications.due import (
    HR_SERVICE,
    DueSource,
    DueTask,
    Run,
    TaskKind,
    active_users,
    day_text,
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


def _plans(run: Run) -> Iterator[DueTask]:
    plans = (
        WorkPlan.objects.filter(run.scope("organisation"))
        .filter(
            status__in=[
                PlanStatus.DRAFT,
                PlanStatus.RETURNED,
                PlanStatus.HR_AGREED,
                PlanStatus.SENT_TO_HR,
                PlanStatus.SUBMITTED,
                PlanStatus.APPROVED,
            ]
        )
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
        due: dt.date | None = plan.draft_due
        if plan.status in (PlanStatus.DRAFT, PlanStatus.RETURNED, PlanStatus.HR_AGREED):
            kind, recipients = "plan_draft", active_users([plan.evaluator.user])
            who = plan.evaluator.full_name
        elif plan.status == PlanStatus.SENT_TO_HR:
            kind, recipients = "plan_agree", run.people.hr_service(plan.organisation_id)
            who = str(HR_SERVICE)
        elif plan.status == PlanStatus.SUBMITTED:
            kind, recipients = "plan_approve", active_users([plan.approver.user])
            who = plan.approver.full_name
        else:
            kind, recipients = "plan_post", run.people.hr_service(plan.organisation_id)
            who, due = str(HR_SERVICE), plan.posting_due
        if due is None:
            continue
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


SOURCE = DueSource(key="plans", kinds=KINDS, collectors=(_plans,), order=10)
