"""The moj-2017 tasks for the reminders and the overdue board (notifications.due; seed 001;
EDITIONS.md §5.2 B1-B2, D2-D6, E1-E4, §9 M-5, M-16): the App. 1 work plan, the quarterly App. 3
sheets and the annual App. 4 sheet. Each collector reads its rows in a number of queries that
does not grow with the number of servants; deadlines are shown, never enforced (G-1). The
dashboard's overdue panel counts the same tasks per group of their dates' inputs, each group's
steps and dates read once through the functions the collectors use (issue 12 item 3).

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

from django.db.models import Count, Max, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bagalau.core import clock
from bagalau.core.days import day_text
from bagalau.evaluations.due import evaluation_task, evaluator_recipients
from bagalau.evaluations.models import Evaluation, Method, Period
from bagalau.evaluations.workflow import OPEN
from bagalau.methodology import MethodologyError
from bagalau.moj.annual_selectors import annual_deadlines_of
from bagalau.moj.common import MODEL
from bagalau.moj.models import (
    AnnualSheet,
    AnnualSheetStatus,
    QuarterSheet,
    QuarterSheetStatus,
    WorkPlan,
    WorkPlanStatus,
)
from bagalau.moj.plan_selectors import plan_due_for
from bagalau.notifications.due import (
    HR_SERVICE,
    DueSource,
    DueTask,
    Run,
    TaskKind,
    active_users,
)
from bagalau.org.models import Assignment, Organisation, Servant
from bagalau.org.selectors import StructureIndex

if TYPE_CHECKING:
    import datetime as dt

    from bagalau.methodology import Edition
    from bagalau.workcalendar import WorkCalendar


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


def _deadline(quarter_deadline: dt.date, due_date: dt.date) -> dt.date:
    """The sheet's deadline: the quarter's, or a deferred evaluation's later due date (p.3)."""
    return max(quarter_deadline, due_date)


def _quarter_steps(
    status: str | None, due: dt.date, agreed_on: dt.date | None
) -> list[tuple[str, dt.date]]:
    """The open steps of a quarterly sheet in `status` (None: not opened), with their dates
    (see the module): the walk and the count both read them."""
    if status in _BEFORE_AGREEMENT:
        steps = [] if status == QuarterSheetStatus.SELF_ASSESSED else [("moj_self_assess", due)]
        return [*steps, ("moj_agree", due)]
    if status == QuarterSheetStatus.AGREED:
        return [("moj_sign", max(due, agreed_on) if agreed_on else due)]
    return []


def _task(evaluation: Evaluation, kind: str, due: dt.date, to_servant: bool, url: str) -> DueTask:
    if to_servant:
        recipients = active_users([evaluation.servant.user])
        who = evaluation.servant.full_name
    else:
        recipients, who = evaluator_recipients(evaluation)
    board_url = reverse("moj:period", args=[evaluation.period_id])
    return evaluation_task(evaluation, kind, due, recipients, who, url, board_url=board_url)


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


def _pages(
    evaluation: Evaluation, sheet: QuarterSheet | AnnualSheet | None, page: str
) -> tuple[str, str]:
    """Where the servant's task and the others' lead: the sheet's `page` once it is open; before,
    the servant has the notice's blank, the manager the roster where he opens it."""
    if sheet is None:
        return (
            reverse("moj:notice", args=[evaluation.period_id]),
            reverse("moj:period", args=[evaluation.period_id]),
        )
    url = reverse(page, args=[sheet.pk])
    return url, url


def _quarter_sheets(run: Run) -> Iterator[DueTask]:
    """Each open quarterly evaluation's next step (see the module)."""
    for evaluation, sheet in _open_evaluations(run, Method.MOJ_QUARTER, "moj_quarter_sheet"):
        status = sheet.status if sheet is not None else None
        due = _deadline(evaluation.period.deadline, evaluation.due_date)
        servant_url, url = _pages(evaluation, sheet, "moj:quarter_sheet")
        for kind, step_due in _quarter_steps(status, due, sheet.agreed_on if sheet else None):
            to_servant = kind != "moj_agree"
            page = servant_url if kind == "moj_self_assess" else url
            yield _task(evaluation, kind, step_due, to_servant, page)


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


def _under_moj(run: Run, day: dt.date) -> Iterator[tuple[Organisation, Edition]]:
    """The run's organisations evaluating under a moj-2017 edition on `day`, with it."""
    organisations = Organisation.objects.prefetch_related("editions").order_by("pk")
    if run.organisation is not None:
        organisations = organisations.filter(pk=run.organisation.pk)
    for organisation in organisations:
        try:
            edition = organisation.edition_on(day)
        except MethodologyError:
            continue
        if edition.model == MODEL:
            yield organisation, edition


def _work_plans(run: Run) -> Iterator[DueTask]:
    """This year's plan of every servant in post today in an organisation under moj-2017, not
    yet signed by the servant, then not yet by the direct manager (see the module): the
    organisations and their editions, then per organisation its structure on the day
    (`StructureIndex`), its servants' accounts and the year's plans."""
    today = clock.today()
    new_plan = reverse("moj:work_plan_new")
    for organisation, edition in _under_moj(run, today):
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
        servant_url, url = _pages(evaluation, sheet, "moj:annual_sheet")
        for kind, step_due in _annual_steps(status, due, sheet.agreed_on if sheet else None):
            page = servant_url if kind == "moj_annual_self_assess" else url
            to_servant = kind in ("moj_annual_self_assess", "moj_annual_confirm")
            task = _task(evaluation, kind, step_due, to_servant, page)
            if kind == "moj_annual_compute":
                organisation_id = evaluation.period.schedule.organisation_id
                task.recipients = run.people.hr_staff(organisation_id)
                task.who = str(HR_SERVICE)
            yield task


def _annual_steps(
    status: str | None, due: dt.date, agreed_on: dt.date | None
) -> list[tuple[str, dt.date]]:
    """The open steps of an annual sheet in `status` (None: not opened), with their dates (see
    the module): the walk and the count both read them."""
    if status in _ANNUAL_BEFORE_AGREEMENT:
        first = (
            [] if status == AnnualSheetStatus.SELF_ASSESSED else [("moj_annual_self_assess", due)]
        )
        return [*first, ("moj_annual_agree", due)]
    if status == AnnualSheetStatus.AGREED:
        return [("moj_annual_confirm", max(due, agreed_on) if agreed_on else due)]
    if status in _ANNUAL_TO_COMPUTE:
        return [("moj_annual_compute", due)]
    return []


# --- the same tasks counted in the database (the dashboard's overdue panel, issue 12 item 3) -----


def _add(counted: dict[str, int], steps: list[tuple[str, dt.date]], today: dt.date, n: int) -> None:
    for kind, due in steps:
        if due < today:
            counted[kind] = counted.get(kind, 0) + n


def _open_groups(run: Run, method: str, sheet: str, *dates: str) -> QuerySet[Evaluation, Any]:
    """The run's open evaluations of `method` counted per edition, `dates` and their sheet's
    status and agreement day (None before the sheet is opened)."""
    return (
        Evaluation.objects.filter(run.scope("period__schedule__organisation"))
        .filter(method=method, status__in=OPEN)
        .order_by()
        .values_list("edition", *dates, f"{sheet}__status", f"{sheet}__agreed_on")
        .annotate(count=Count("pk"))
    )


def _quarter_sheets_overdue(run: Run, today: dt.date) -> dict[str, int]:
    """`_quarter_sheets` past their date, counted per quarter deadline, due date, sheet status
    and agreement day, the steps of each group read once."""
    counted: dict[str, int] = {}
    groups = _open_groups(
        run, Method.MOJ_QUARTER, "moj_quarter_sheet", "period__deadline", "due_date"
    )
    for _edition, deadline, due_date, status, agreed_on, count in groups:
        _add(
            counted, _quarter_steps(status, _deadline(deadline, due_date), agreed_on), today, count
        )
    return counted


def _compute_by(edition: str, session: dt.date, calendar: WorkCalendar) -> dt.date:
    """`annual_deadlines_of` of an evaluation under `edition` whose year's session is on
    `session` (the only fields it reads)."""
    stand_in = Evaluation(edition=edition, period=Period(deadline=session))
    return annual_deadlines_of(stand_in, calendar).compute_by


def _annual_sheets_overdue(run: Run, today: dt.date) -> dict[str, int]:
    """`_annual_sheets` past their date, counted per edition, session day, sheet status and
    agreement day, the computation's date (M-5) read once per edition and session day."""
    counted: dict[str, int] = {}
    dues: dict[tuple[str, dt.date], dt.date] = {}
    groups = _open_groups(run, Method.MOJ_ANNUAL, "moj_annual_sheet", "period__deadline")
    for edition, session, status, agreed_on, count in groups:
        if (edition, session) not in dues:
            dues[(edition, session)] = _compute_by(edition, session, run.calendar)
        _add(counted, _annual_steps(status, dues[(edition, session)], agreed_on), today, count)
    return counted


def _work_plans_overdue(run: Run, today: dt.date) -> dict[str, int]:
    """`_work_plans` past their date, counted: the same servants in post (`StructureIndex`'s:
    each one's latest post held today, read as (servant, start) pairs, no structure built)
    and plans, grouped by the plan's step, edition and the start of the post held, each
    group's date (`plan_due_for`) read once."""
    on = clock.today()
    groups: dict[tuple[str, str, dt.date], int] = {}
    for organisation, edition in _under_moj(run, on):
        rows = WorkPlan.objects.filter(servant__organisation=organisation, year=on.year)
        plans = {
            servant_id: (plan_edition, status, revision)
            for servant_id, plan_edition, status, revision in rows.values_list(
                "servant_id", "edition", "status", "revision"
            )
        }
        in_post = (
            Assignment.objects.filter(position__unit__organisation=organisation, start__lte=on)
            .filter(Q(end__isnull=True) | Q(end__gte=on))
            .values("servant_id")
            .annotate(latest=Max("start"))
            .values_list("servant_id", "latest")
        )
        for servant_id, start in in_post:
            plan = plans.get(servant_id)
            if plan is not None and (plan[2] > 1 or plan[1] == WorkPlanStatus.FILED):
                continue
            if plan is None or plan[1] == WorkPlanStatus.DRAFT:
                kind = "moj_plan_draw_up"
            else:
                kind = "moj_plan_sign"
            key = (kind, plan[0] if plan else edition.code, start)
            groups[key] = groups.get(key, 0) + 1
    counted: dict[str, int] = {}
    for (kind, code, start), count in groups.items():
        due = plan_due_for(code, on.year, Assignment(start=start), run.calendar)
        _add(counted, [(kind, due)], today, count)
    return counted


SOURCE = DueSource(
    key="moj",
    kinds=KINDS,
    collectors=(_work_plans, _quarter_sheets, _annual_sheets),
    order=26,
    counters={
        _work_plans: _work_plans_overdue,
        _quarter_sheets: _quarter_sheets_overdue,
        _annual_sheets: _annual_sheets_overdue,
    },
)
