"""The typical-2018 results after the commission, for the reminders and the overdue board
(notifications.due): the servant acknowledges the approved result in writing within 2 working
days (seed 004 p.40-41; EDITIONS.md §2.2 H1), after which the working body draws up the refusal
act (H2). Past years (§9 G-1): late is one notice, never a refusal."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bagalau.evaluations.due import evaluation_task
from bagalau.evaluations.models import Evaluation, EvaluationStatus, Method
from bagalau.notifications.due import (
    HR_SERVICE,
    DueSource,
    DueTask,
    Run,
    TaskKind,
    active_users,
)

if TYPE_CHECKING:
    from bagalau.core.types import Account

KINDS = (
    TaskKind(
        "typical_acknowledge",
        _("Commission results to acknowledge"),
        _("Acknowledge in writing (servant)"),
    ),
    # The same overdue result seen from the working body: one notice, no separate board line.
    TaskKind(
        "typical_refusal_act",
        _("Refusal acts to draw up after the commission"),
        _("Draw up the refusal act (HR service)"),
        remind=False,
        on_board=False,
    ),
)


def _task(evaluation: Evaluation, kind: str, recipients: list[Account], who: str) -> DueTask:
    due = evaluation.familiarisation_due
    assert due is not None
    url = reverse("commission:result", args=[evaluation.pk])
    task = evaluation_task(evaluation, kind, due, recipients, who, url)
    task.board_url = url
    return task


def _familiarisation(run: Run) -> Iterator[DueTask]:
    """Approved results the servant has not acknowledged (H1), and the act due after (H2)."""
    evaluations = (
        Evaluation.objects.filter(run.scope("period__schedule__organisation"))
        .filter(
            method=Method.KPI_COMPETENCY,
            status=EvaluationStatus.APPROVED,
            familiarisation_due__isnull=False,
        )
        .select_related("servant__user", "assignment__position__unit", "period__schedule")
        .order_by("pk")
    )
    for evaluation in evaluations:
        servant = evaluation.servant
        yield _task(
            evaluation,
            "typical_acknowledge",
            active_users([servant.user]),
            servant.full_name,
        )
        organisation_id = evaluation.period.schedule.organisation_id
        yield _task(
            evaluation,
            "typical_refusal_act",
            run.people.hr_staff(organisation_id),
            str(HR_SERVICE),
        )


SOURCE = DueSource(key="commission", kinds=KINDS, collectors=(_familiarisation,), order=35)
