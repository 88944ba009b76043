"""The moj-2017 quarterly sheets' tasks for the reminders and the overdue board (notifications.due;
seed 001 p.3, p.23-25; EDITIONS.md §5.2 D2-D6, §9 M-5, M-16): the servant's self-assessment, the
direct manager's agreement and the servant's signature of the App. 3 sheet.

Each open quarterly evaluation has one next step, due on the sheet's deadline as the sheet page
shows it (`selectors.quarter_sheet_deadline`: the 10th of the month after the quarter, Q4 by
10 December; a deferred evaluation on its own due date, p.3):
- no sheet yet, or a sheet sent to the servant: the servant self-assesses before the deadline
  (p.23) and the direct manager agrees by it (M-5); both stay open until the manager agrees,
  which he may do without the self-assessment (M-16);
- a self-assessed sheet: the direct manager agrees;
- an agreed sheet: the servant signs (p.25). The text sets no day for it (our decision: the
  quarter's deadline, or the day of the agreement when that came later), after which HR and the
  direct manager may draw up the refusal act.

One query for every evaluation of the run (the sheets joined); deadlines are shown, never
enforced (G-1).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bagalau.evaluations.due import evaluation_task
from bagalau.evaluations.models import Evaluation, Method
from bagalau.evaluations.workflow import OPEN
from bagalau.moj.models import QuarterSheetStatus
from bagalau.notifications.due import DueSource, DueTask, Run, TaskKind, active_users

if TYPE_CHECKING:
    import datetime as dt

KINDS = (
    TaskKind(
        "moj_self_assess",
        _("Quarterly sheets (App. 3) to self-assess"),
        _("Fill in the self-assessment (servant)"),
    ),
    TaskKind(
        "moj_agree",
        _("Quarterly sheets (App. 3) to agree"),
        _("Check and agree the sheet (direct manager)"),
    ),
    TaskKind(
        "moj_sign",
        _("Quarterly sheets (App. 3) to sign"),
        _("Sign the agreed sheet (servant)"),
    ),
)

_BEFORE_AGREEMENT = (None, QuarterSheetStatus.DRAFT, QuarterSheetStatus.SELF_ASSESSED)


def _deadline(evaluation: Evaluation) -> dt.date:
    """The sheet's deadline: the quarter's, or a deferred evaluation's later due date (p.3)."""
    return max(evaluation.period.deadline, evaluation.due_date)


def _task(evaluation: Evaluation, kind: str, due: dt.date, to_servant: bool, url: str) -> DueTask:
    if to_servant:
        recipients = active_users([evaluation.servant.user])
        who = evaluation.servant.full_name
    else:
        evaluator = evaluation.evaluator
        recipients = active_users([evaluator.user]) if evaluator is not None else []
        who = evaluator.full_name if evaluator is not None else "—"
    task = evaluation_task(evaluation, kind, due, recipients, who, url)
    task.board_url = reverse("moj:period", args=[evaluation.period_id])
    return task


def _quarter_sheets(run: Run) -> Iterator[DueTask]:
    """Each open quarterly evaluation's next step (see the module)."""
    evaluations = (
        Evaluation.objects.filter(run.scope("period__schedule__organisation"))
        .filter(method=Method.MOJ_QUARTER, status__in=OPEN)
        .select_related(
            "servant__user",
            "evaluator__user",
            "assignment__position__unit",
            "period__schedule",
            "moj_quarter_sheet",
        )
        .order_by("pk")
    )
    for evaluation in evaluations:
        sheet = getattr(evaluation, "moj_quarter_sheet", None)
        status = sheet.status if sheet is not None else None
        due = _deadline(evaluation)
        if sheet is None:
            # Before the sheet is opened: the servant has the notice's blank, the manager the
            # roster where he opens it.
            servant_url = reverse("moj:notice", args=[evaluation.period_id])
            url = reverse("moj:period", args=[evaluation.period_id])
        else:
            servant_url = url = reverse("moj:quarter_sheet", args=[sheet.pk])
        if status in _BEFORE_AGREEMENT:
            if status != QuarterSheetStatus.SELF_ASSESSED:
                yield _task(evaluation, "moj_self_assess", due, True, servant_url)
            yield _task(evaluation, "moj_agree", due, False, url)
        elif status == QuarterSheetStatus.AGREED and sheet is not None:
            signed_by = max(due, sheet.agreed_on) if sheet.agreed_on else due
            yield _task(evaluation, "moj_sign", signed_by, True, url)


SOURCE = DueSource(key="moj", kinds=KINDS, collectors=(_quarter_sheets,), order=26)
