"""The moj-2017 tasks for the reminders and the overdue board (notifications.due; seed 001;
EDITIONS.md §5.2 B1-B2, D2-D6, E1-E4, §9 M-5, M-16): the App. 1 work plan, the quarterly App. 3
sheets and the annual App. 4 sheet. Each collector reads its rows in a number of queries that
does not grow with the number of servants; deadlines are shown, never enforced (G-1).

The work plan (p.10-11): the servant draws it up and signs it, then the direct manager signs
and so files it, by 10 January or by the 10th working day after a later appointment (the plan
page's `plan_selectors.plan_due_for`). Every servant holding a post today in an organisation
under moj-2017 has the first task until the year's plan bears their signature (no plan yet
included); the manager's follows. An amendment of a filed plan has no date (M-15), so no task.

The quarterly sheets: each open quarterly evaluation has one next step, due on the sheet's
deadline as the sheet page shows it (`selectors.quarter_sheet_deadline`: the 10th of the month
after the quarter, Q4 by 10 December; a deferred evaluation on its own due date, p.3):
- no sheet yet, or a sheet sent to the servant: the servant self-assesses before the deadline
  (p.23) and the direct manager agrees by it (M-5); both stay open until the manager agrees,
  which he may do without the self-assessment (M-16);
- a self-assessed sheet: the direct manager agrees;
- an agreed sheet: the servant signs (p.25). The text sets no day for it (our decision: the
  quarter's deadline, or the day of the agreement when that came later), after which HR and the
  direct manager may draw up the refusal act.

The annual sheet (p.28-32): the same three steps (the servant's column, the manager's, the
servant's confirmation), then HR's computation by the 5th working day before the session
(25 December, M-5; the sheet page's `annual_selectors.annual_deadlines_of`). The text dates only
the computation; the sheet's steps are due by that day too (our decision: HR computes from the
confirmed sheet), the confirmation on the day of the agreement when that came later.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bagalau.core import clock
from bagalau.evaluations.due import evaluation_task
from bagalau.evaluations.models import Evaluation, Method
from bagalau.evaluations.workflow import OPEN
from bagalau.methodology import MethodologyError
from bagalau.moj.annual_selectors import annual_deadlines_of
from bagalau.moj.common import MODEL
from bagalau.moj.models import AnnualSheetStatus, QuarterSheetStatus, WorkPlan, WorkPlanStatus
from bagalau.moj.plan_selectors import plan_due_for
from bagalau.notifications.due import (
    HR_SERVICE,
    DueSource,
    DueTask,
    Run,
    TaskKind,
    active_users,
    day_text,
)
from bagalau.org.models import Organisation, Servant
from bagalau.org.selectors import StructureIndex

if TYPE_CHECKING:
    import datetime as dt


KINDS = (
    TaskKind(
        "moj_plan_draw_up",
        _("Work plans (App. 1) to draw up and sign"),
        _("Draw up the plan with the direct manager and sign it (servant)"),
    ),
    TaskKind(
        "moj_plan_sign",
        _("Work plans (App. 1) to sign and file"),
        _("Sign the plan, which files it (direct manager)"),
    ),
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
    TaskKind(
        "moj_annual_self_assess",
        _("Annual sheets (App. 4) to self-assess"),
        _("Fill in the self-assessment of the plan (servant)"),
    ),
    TaskKind(
        "moj_annual_agree",
        _("Annual sheets (App. 4) to agree"),
        _("Check and agree the plan's marks (direct manager)"),
    ),
    TaskKind(
        "moj_annual_confirm",
        _("Annual sheets (App. 4) to confirm"),
        _("Confirm the agreed sheet (servant)"),
    ),
    TaskKind(
        "moj_annual_compute",
        _("Annual scores to compute"),
        _("Compute the annual score (HR service)"),
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


def _open_evaluations(run: Run, method: str, sheet: str) -> Iterator[tuple[Evaluation, Any]]:
    """The run's open evaluations of `method` with their sheet (None before it is opened), in
    one query: the quarterly and the annual collectors both walk them."""
    evaluations = (
        Evaluation.objects.filter(run.scope("period__schedule__organisation"))
        .filter(method=method, status__in=OPEN)
        .select_related(
            "servant__user", "evaluator__user", "assignment__position__unit", "period__schedule"
        )
        .select_related(sheet)
        .order_by("pk")
    )
    for evaluation in evaluations:
        yield evaluation, getattr(evaluation, sheet, None)


def _quarter_sheets(run: Run) -> Iterator[DueTask]:
    """Each open quarterly evaluation's next step (see the module)."""
    for evaluation, sheet in _open_evaluations(run, Method.MOJ_QUARTER, "moj_quarter_sheet"):
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


def _plan_task(
    kind: str, servant: Servant, pk: int, due: dt.date, *, to: Servant | None, **at: Any
) -> DueTask:
    """A task on the year's plan of `servant`, for `to` (None: nobody to tell, the board
    still lists it); `at` gives the plan's `year`, its `unit`, the account of `to` (`user`)
    and the page (`url`)."""
    return DueTask(
        kind=kind,
        pk=pk,
        organisation_id=servant.organisation_id,
        unit=at["unit"],
        servant=servant.full_name,
        subject=str(at["year"]),
        due=due,
        recipients=active_users([at["user"]]) if to is not None else [],
        who=to.full_name if to is not None else "—",
        url=at["url"],
        board_url=reverse("moj:work_plans"),
        params={"servant": servant.full_name, "year": str(at["year"]), "due": day_text(due)},
    )


def _work_plans(run: Run) -> Iterator[DueTask]:
    """This year's plan of every servant in post today in an organisation under moj-2017, not
    yet signed by the servant, then not yet by the direct manager (see the module): the
    organisations and their editions, then per organisation its structure on the day
    (`StructureIndex`), its servants' accounts and the year's plans."""
    today = clock.today()
    new_plan = reverse("moj:work_plan_new")
    organisations = Organisation.objects.prefetch_related("editions").order_by("pk")
    if run.organisation is not None:
        organisations = organisations.filter(pk=run.organisation.pk)
    for organisation in organisations:
        try:
            edition = organisation.edition_on(today)
        except MethodologyError:
            continue
        if edition.model != MODEL:
            continue
        index = StructureIndex(organisation, today)
        plans = {
            plan.servant_id: plan
            for plan in WorkPlan.objects.filter(servant__organisation=organisation, year=today.year)
        }
        users = {
            servant.pk: servant.user
            for servant in Servant.objects.filter(organisation=organisation).select_related("user")
        }
        for servant_id, held in sorted(index.assignment.items()):
            plan = plans.get(servant_id)
            if plan is not None and (plan.revision > 1 or plan.status == WorkPlanStatus.FILED):
                continue
            servant = held.servant
            due = plan_due_for(
                plan.edition if plan else edition.code, today.year, held, run.calendar
            )
            unit = index.units.get(held.position.unit_id)
            if plan is None or plan.status == WorkPlanStatus.DRAFT:
                url = reverse("moj:work_plan", args=[plan.pk]) if plan else new_plan
                yield _plan_task(
                    "moj_plan_draw_up",
                    servant,
                    servant_id,
                    due,
                    to=servant,
                    year=today.year,
                    unit=unit,
                    user=users.get(servant_id),
                    url=url,
                )
            else:
                manager = index.manager_of(held)
                yield _plan_task(
                    "moj_plan_sign",
                    servant,
                    plan.pk,
                    due,
                    to=manager,
                    year=today.year,
                    unit=unit,
                    user=users.get(manager.pk) if manager else None,
                    url=reverse("moj:work_plan", args=[plan.pk]),
                )


_ANNUAL_BEFORE_AGREEMENT = (None, AnnualSheetStatus.DRAFT, AnnualSheetStatus.SELF_ASSESSED)
_ANNUAL_TO_COMPUTE = (AnnualSheetStatus.CONFIRMED, AnnualSheetStatus.REFUSED)


def _annual_sheets(run: Run) -> Iterator[DueTask]:
    """Each open annual evaluation's next step (see the module), in one query."""
    for evaluation, sheet in _open_evaluations(run, Method.MOJ_ANNUAL, "moj_annual_sheet"):
        status = sheet.status if sheet is not None else None
        due = annual_deadlines_of(evaluation, run.calendar).compute_by
        if sheet is None:
            servant_url = reverse("moj:notice", args=[evaluation.period_id])
            url = reverse("moj:period", args=[evaluation.period_id])
        else:
            servant_url = url = reverse("moj:annual_sheet", args=[sheet.pk])
        if status in _ANNUAL_BEFORE_AGREEMENT:
            if status != AnnualSheetStatus.SELF_ASSESSED:
                yield _task(evaluation, "moj_annual_self_assess", due, True, servant_url)
            yield _task(evaluation, "moj_annual_agree", due, False, url)
        elif status == AnnualSheetStatus.AGREED and sheet is not None:
            confirm_by = max(due, sheet.agreed_on) if sheet.agreed_on else due
            yield _task(evaluation, "moj_annual_confirm", confirm_by, True, url)
        elif status in _ANNUAL_TO_COMPUTE:
            task = _task(evaluation, "moj_annual_compute", due, False, url)
            organisation_id = evaluation.period.schedule.organisation_id
            task.recipients = run.people.hr_staff(organisation_id)
            task.who = str(HR_SERVICE)
            yield task


SOURCE = DueSource(
    key="moj",
    kinds=KINDS,
    collectors=(_work_plans, _quarter_sheets, _annual_sheets),
    order=26,
)
