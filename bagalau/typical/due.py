"""The typical-2018 sheets' tasks for the reminders and the overdue board (notifications.due):
the App. 2 and App. 3 sheets to fill in and sign by the evaluation date (seed 004 p.17, p.25-27;
EDITIONS.md §2.2 E1, F1), a returned KPI sheet to sign again within 2 working days (p.23) and the
sheets the working body sends to the commission within 2 working days (p.24, p.28).

The due dates are the ones the sheet pages show (`selectors.kpi_sheet_deadlines`,
`competency_sheet_deadlines`), so a board line and its page never disagree; these editions serve
past years too (§9 G-1): a step entered late is one overdue notice, never a refusal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bagalau.evaluations.due import evaluation_task, evaluator_recipients
from bagalau.evaluations.models import Evaluation, Method
from bagalau.evaluations.workflow import OPEN
from bagalau.notifications.due import (
    HR_SERVICE,
    DueSource,
    DueTask,
    Run,
    TaskKind,
)
from bagalau.typical.common import Deadline
from bagalau.typical.models import CompetencySheet, KpiSheet
from bagalau.typical.selectors import competency_sheet_deadlines, kpi_sheet_deadlines

if TYPE_CHECKING:
    import datetime as dt

    from bagalau.core.types import Account
    from bagalau.workcalendar import WorkCalendar

KINDS = (
    TaskKind(
        "typical_kpi_sheet",
        _("KPI sheets (App. 2) to fill in and sign"),
        _("Fill in and sign (direct manager)"),
    ),
    TaskKind(
        "typical_competency_sheet",
        _("Competency sheets (App. 3) to fill in and sign"),
        _("Tick the indicators and sign (direct manager)"),
    ),
    TaskKind(
        "typical_send",
        _("Sheets to send to the commission"),
        _("Send to the commission (HR service)"),
    ),
)

#: The deadlines of the sheet pages whose step the direct manager takes, and those of HR.
EVALUATOR_STEPS = frozenset({"sign", "resubmit"})


def _open_step(deadlines: list[Deadline]) -> Deadline | None:
    """The step of a sheet still to take: the latest deadline not done."""
    pending = [item for item in deadlines if item.done is None]
    return pending[-1] if pending else None


def _task(
    evaluation: Evaluation,
    kind: str,
    deadline: Deadline,
    recipients: list[Account],
    who: str,
    url: str,
) -> DueTask:
    board_url = reverse("typical:roster", args=[evaluation.period_id])
    return evaluation_task(
        evaluation, kind, deadline.due, recipients, who, url, board_url=board_url
    )


def _sheet_tasks(
    evaluation: Evaluation,
    sheet: KpiSheet | CompetencySheet | None,
    deadlines: list[Deadline],
    kind: str,
    page: str,
    run: Run,
) -> Iterator[DueTask]:
    step = _open_step(deadlines)
    if step is None:
        return
    if sheet is None:
        url = reverse("typical:evaluation", args=[evaluation.pk])
    else:
        url = reverse(page, args=[sheet.pk])
    if _step_kind(step, kind) == kind:
        recipients, who = evaluator_recipients(evaluation)
        yield _task(evaluation, kind, step, recipients, who, url)
    else:
        organisation_id = evaluation.period.schedule.organisation_id
        yield _task(
            evaluation,
            "typical_send",
            step,
            run.people.hr_staff(organisation_id),
            str(HR_SERVICE),
            url,
        )


def _sheets(run: Run) -> Iterator[DueTask]:
    """The open typical-2018 years: each sheet's next step (a sheet not opened yet is due to be
    signed by the evaluation date), the KPI sheet's before the competency sheet's."""
    evaluations = (
        Evaluation.objects.filter(run.scope("period__schedule__organisation"))
        .filter(method=Method.KPI_COMPETENCY, status__in=OPEN)
        .select_related(
            "servant",
            "evaluator__user",
            "assignment__position__unit",
            "period__schedule",
            "typical_kpi_sheet",
            "typical_competency_sheet",
        )
        .order_by("pk")
    )
    for evaluation in evaluations:
        kpi = getattr(evaluation, "typical_kpi_sheet", None)
        deadlines = _kpi_deadlines(evaluation, kpi, run.calendar)
        yield from _sheet_tasks(
            evaluation, kpi, deadlines, "typical_kpi_sheet", "typical:kpi_sheet", run
        )
        competency = getattr(evaluation, "typical_competency_sheet", None)
        deadlines = _competency_deadlines(evaluation, competency, run.calendar)
        yield from _sheet_tasks(
            evaluation,
            competency,
            deadlines,
            "typical_competency_sheet",
            "typical:competency_sheet",
            run,
        )


def _unopened_list(evaluation: Evaluation) -> list[Deadline]:
    """A sheet not opened yet: to be signed by the evaluation date (p.17, p.25)."""
    if evaluation.due_date is None:
        return []
    return [Deadline("sign", evaluation.due_date, None, 0)]


def _kpi_deadlines(
    evaluation: Evaluation, sheet: KpiSheet | None, calendar: WorkCalendar
) -> list[Deadline]:
    """The App. 2 sheet's deadlines as its page shows them (not opened: by the evaluation date)."""
    if sheet is None:
        return _unopened_list(evaluation)
    return kpi_sheet_deadlines(sheet, calendar=calendar)


def _competency_deadlines(
    evaluation: Evaluation, sheet: CompetencySheet | None, calendar: WorkCalendar
) -> list[Deadline]:
    """The App. 3 sheet's deadlines as its page shows them (not opened: by the evaluation date)."""
    if sheet is None:
        return _unopened_list(evaluation)
    return competency_sheet_deadlines(sheet, calendar=calendar)


#: A sheet's deadlines from its evaluation and the sheet (None: not opened).
_DeadlinesOf = Callable[[Evaluation, Any, "WorkCalendar"], list[Deadline]]


def _step_kind(step: Deadline, kind: str) -> str:
    """The board's kind of a sheet's open step: the manager's own, else HR's sending."""
    return kind if step.step in EVALUATOR_STEPS else "typical_send"


# --- the same tasks counted in the database (the dashboard's overdue panel, issue 12 item 3) -----

_KPI_FIELDS = ("status", "signed_on", "returned_on", "agreed_on", "sent_on")
_COMPETENCY_FIELDS = ("status", "signed_on", "sent_on")


def _sheets_overdue(run: Run, today: dt.date) -> dict[str, int]:
    """`_sheets` past their date, counted: the open evaluations grouped by edition, evaluation
    date and each sheet's status and dates (a sheet not opened has none), the deadlines of each
    group read once through the sheet pages' functions, on a stand-in of the group's values."""
    evaluations = (
        Evaluation.objects.filter(run.scope("period__schedule__organisation"))
        .filter(method=Method.KPI_COMPETENCY, status__in=OPEN)
        .order_by()
    )
    counted: dict[str, int] = {}
    sheets: tuple[tuple[str, Any, tuple[str, ...], _DeadlinesOf], ...] = (
        ("typical_kpi_sheet", KpiSheet, _KPI_FIELDS, _kpi_deadlines),
        ("typical_competency_sheet", CompetencySheet, _COMPETENCY_FIELDS, _competency_deadlines),
    )
    for kind, model, fields, deadlines_of in sheets:
        groups = evaluations.values_list(
            "edition", "due_date", *(f"{kind}__{name}" for name in fields)
        ).annotate(count=Count("pk"))
        for edition, due_date, *values, count in groups:
            evaluation = Evaluation(edition=edition, due_date=due_date)
            sheet = None
            if values[0] is not None:  # a sheet's status is never empty
                sheet = model(evaluation=evaluation, **dict(zip(fields, values, strict=True)))
            step = _open_step(deadlines_of(evaluation, sheet, run.calendar))
            if step is not None and step.due < today:
                code = _step_kind(step, kind)
                counted[code] = counted.get(code, 0) + count
    return counted


SOURCE = DueSource(
    key="typical",
    kinds=KINDS,
    collectors=(_sheets,),
    order=25,
    counters={_sheets: _sheets_overdue},
)
