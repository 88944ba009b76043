"""The evaluations' tasks for the reminders and the overdue board (notifications.due): quarters
to prepare (p.22 ¶6), actual values to enter (p.22), sheets to sign (p.4-5), results to
acknowledge (p.11)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bagalau.core.days import day_text
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    Method,
    Period,
    PeriodKind,
    PeriodStatus,
    ScheduleStatus,
)
from bagalau.evaluations.workflow import OPEN
from bagalau.methodology import MethodologyError, get_edition, sjc2023_rules
from bagalau.methodology.sjc2023 import actuals_due
from bagalau.methodology.sjc2023_periods import quarter_prepare_from
from bagalau.notifications.due import (
    HR_SERVICE,
    DueSource,
    DueTask,
    Run,
    TaskKind,
    active_users,
    local_day,
)
from bagalau.notifications.selectors import Reference

if TYPE_CHECKING:
    from bagalau.core.types import Account

KINDS = (
    TaskKind("quarter_prepare", _("Quarters to prepare"), _("Prepare the quarter (HR service)")),
    TaskKind("actuals", _("Actual KPI values to enter"), _("Enter the actual values (HR service)")),
    TaskKind("sheet", _("Evaluation sheets to fill in"), _("Fill in and sign (evaluator)")),
    TaskKind(
        "acknowledge",
        _("Results to acknowledge"),
        _("Acknowledge (servant)"),
    ),
    # The same overdue result seen from the HR service: one notice, no separate board line.
    TaskKind(
        "refusal_act",
        _("Refusal acts to draw up"),
        _("Draw up the refusal act (HR service)"),
        remind=False,
        on_board=False,
    ),
)


def quarters_to_prepare(run: Run) -> Iterator[DueTask]:
    """Quarters of approved schedules not opened yet: the HR service prepares them so that the
    actual values can be entered by their date (the notices of p.26 and p.30 need no one)."""
    periods = (
        Period.objects.filter(run.scope("schedule__organisation"))
        .filter(
            kind=PeriodKind.QUARTER,
            status=PeriodStatus.SCHEDULED,
            schedule__status=ScheduleStatus.APPROVED,
        )
        .select_related("schedule")
        .order_by("pk")
    )
    for period in periods:
        if period.number is None:
            continue
        due = _actuals_due(run, period.schedule.edition, period.deadline)
        if due is None:
            continue
        url = reverse("evaluations:schedule_roster", args=[period.pk])
        organisation_id = period.schedule.organisation_id
        yield DueTask(
            kind="quarter_prepare",
            pk=period.pk,
            organisation_id=organisation_id,
            unit=None,
            servant="—",
            subject=str(period),
            due=due,
            recipients=run.people.hr_staff(organisation_id),
            who=str(HR_SERVICE),
            url=url,
            board_url=url,
            params={"period": period, "due": day_text(due)},
            remind_on=quarter_prepare_from(period.schedule.year, period.number),
        )


def _evaluations(run: Run) -> QuerySet[Evaluation]:
    return (
        Evaluation.objects.filter(run.scope("period__schedule__organisation"))
        .select_related(
            "servant__user__servant",
            "evaluator__user__servant",
            "assignment__position__unit",
            "period__schedule",
        )
        .order_by("pk")
    )


def _roster_url(evaluation: Evaluation) -> str:
    if evaluation.period.kind == PeriodKind.QUARTER:
        return reverse("evaluations:schedule_roster", args=[evaluation.period_id])
    return reverse("evaluations:result_periods")


def evaluation_task(
    evaluation: Evaluation,
    kind: str,
    due: dt.date,
    recipients: list[Account],
    who: str,
    url: str,
    *,
    pk: int | None = None,
    board_url: str | None = None,
    params: Mapping[str, Any] | None = None,
) -> DueTask:
    """A task on one evaluation: its servant, unit and period, with the due date in its
    notices. The board links `board_url`, by default the period's roster; `pk` names the row
    the task is on when it is not the evaluation (a calibration application or session), and
    `params` adds to what its notices say."""
    period = str(evaluation.period)
    return DueTask(
        kind=kind,
        pk=evaluation.pk if pk is None else pk,
        organisation_id=evaluation.period.schedule.organisation_id,
        unit=evaluation.assignment.position.unit,
        servant=evaluation.servant.full_name,
        subject=period,
        due=due,
        recipients=recipients,
        who=who,
        url=url,
        board_url=_roster_url(evaluation) if board_url is None else board_url,
        params={
            "servant": evaluation.servant.full_name,
            "period": evaluation.period,
            "due": day_text(due),
            **(params or {}),
        },
    )


def evaluator_recipients(evaluation: Evaluation) -> tuple[list[Account], str]:
    """Whom a task of the evaluator reaches (none without an active account) and the name the
    board shows ("—" for a year without an evaluator)."""
    evaluator = evaluation.evaluator
    if evaluator is None:
        return [], "—"
    return active_users([evaluator.user]), evaluator.full_name


def _sheets(run: Run) -> Iterator[DueTask]:
    """Sheets the evaluator has not signed (a deferred one falls due after the return, p.5)."""
    for evaluation in _evaluations(run).filter(
        status__in=OPEN, method__in=[Method.KPI, Method.DIFFERENTIATION]
    ):
        recipients, who = evaluator_recipients(evaluation)
        yield evaluation_task(
            evaluation,
            "sheet",
            evaluation.due_date,
            recipients,
            who,
            reverse("evaluations:sheet", args=[evaluation.pk]),
        )


def _hr_task(run: Run, evaluation: Evaluation, kind: str, due: dt.date, url_name: str) -> DueTask:
    """A task of the organisation's HR service on `evaluation`, done on its page `url_name`."""
    organisation_id = evaluation.period.schedule.organisation_id
    return evaluation_task(
        evaluation,
        kind,
        due,
        run.people.hr_staff(organisation_id),
        str(HR_SERVICE),
        reverse(url_name, args=[evaluation.pk]),
    )


def _actuals_missing(evaluations: QuerySet[Evaluation]) -> QuerySet[Evaluation]:
    """The open KPI sheets of `evaluations` with KPI rows whose actual values the HR service
    has not all entered."""
    filled = Q(kpi_results__actual_value__isnull=False) | Q(
        kpi_results__actual_achieved__isnull=False
    )
    return (
        evaluations.filter(method=Method.KPI, status__in=OPEN)
        .annotate(rows=Count("kpi_results", distinct=True))
        .annotate(filled=Count("kpi_results", filter=filled, distinct=True))
        .filter(rows__gt=0, filled__lt=F("rows"))
    )


def _actuals_due(run: Run, edition: str, deadline: dt.date) -> dt.date | None:
    """When the actual values are due under `edition`: 5 working days before the period's
    `deadline` (p.22); None when the edition has no such rule."""
    try:
        return actuals_due(sjc2023_rules(get_edition(edition)), run.calendar, deadline)
    except (MethodologyError, ValueError):
        return None


def _actuals(run: Run) -> Iterator[DueTask]:
    """KPI sheets whose actual values the HR service has not all entered, due 5 working days
    before the period's deadline (p.22)."""
    dues: dict[tuple[str, dt.date], dt.date | None] = {}
    for evaluation in _actuals_missing(_evaluations(run)):
        key = (evaluation.edition, evaluation.period.deadline)
        if key not in dues:
            dues[key] = _actuals_due(run, *key)
        due = dues[key]
        if due is None:
            continue
        yield _hr_task(run, evaluation, "actuals", due, "evaluations:sheet_actuals")


def _has_refusal_act(edition: str) -> bool:
    try:
        return sjc2023_rules(get_edition(edition)).familiarisation.refusal_act
    except (MethodologyError, ValueError):
        return False


def _familiarisation(run: Run) -> Iterator[DueTask]:
    """Signed results the servant has not acknowledged (p.11); once the date has passed, the HR
    service draws up the refusal act under an edition that has one (under seed 002 the result
    counts as made known instead). The dismissed are evaluated in absentia, without it."""
    evaluations = (
        _evaluations(run)
        .filter(status=EvaluationStatus.SIGNED, familiarisation_due__isnull=False)
        .exclude(reason="in_absentia")
    )
    for evaluation in evaluations:
        due = evaluation.familiarisation_due
        assert due is not None
        task = evaluation_task(
            evaluation,
            "acknowledge",
            due,
            active_users([evaluation.servant.user]),
            evaluation.servant.full_name,
            reverse("evaluations:sheet", args=[evaluation.pk]),
        )
        task.started = local_day(evaluation.signed_at)
        yield task
        if not _has_refusal_act(evaluation.edition):
            continue
        act = _hr_task(run, evaluation, "refusal_act", due, "evaluations:sheet_refusal")
        act.board_url = act.url
        yield act


# --- the same tasks counted in the database (the dashboard's overdue panel, issue 12 item 3) -----


def _scoped(run: Run) -> QuerySet[Evaluation]:
    return Evaluation.objects.filter(run.scope("period__schedule__organisation")).order_by()


def _sheets_overdue(run: Run, today: dt.date) -> dict[str, int]:
    """`_sheets` past their date, counted."""
    sheets = _scoped(run).filter(
        status__in=OPEN, method__in=[Method.KPI, Method.DIFFERENTIATION], due_date__lt=today
    )
    return {"sheet": sheets.count()}


def _familiarisation_overdue(run: Run, today: dt.date) -> dict[str, int]:
    """`_familiarisation`'s results to acknowledge past their date, counted (the refusal acts
    are not on the board)."""
    results = (
        _scoped(run)
        .filter(status=EvaluationStatus.SIGNED, familiarisation_due__lt=today)
        .exclude(reason="in_absentia")
    )
    return {"acknowledge": results.count()}


def _actuals_overdue(run: Run, today: dt.date) -> dict[str, int]:
    """`_actuals` past their date, counted: the sheets with values still to enter, counted per
    edition and period deadline, each group's due date computed once (p.22)."""
    missing = _actuals_missing(_scoped(run)).values("pk")
    groups = (
        Evaluation.objects.filter(pk__in=missing)
        .order_by()
        .values_list("edition", "period__deadline")
        .annotate(count=Count("pk"))
    )
    late = 0
    for edition, deadline, count in groups:
        due = _actuals_due(run, edition, deadline)
        late += count if due is not None and due < today else 0
    return {"actuals": late}


SOURCE = DueSource(
    key="evaluations",
    kinds=KINDS,
    collectors=(quarters_to_prepare, _actuals, _sheets, _familiarisation),
    order=20,
    counters={
        _actuals: _actuals_overdue,
        _sheets: _sheets_overdue,
        _familiarisation: _familiarisation_overdue,
    },
)


def period_name(pk: int) -> str | None:
    """A period named in a notification (notifications.selectors.Reference), None when gone."""
    period = Period.objects.select_related("schedule").filter(pk=pk).first()
    return str(period) if period is not None else None


PERIOD_REFERENCE = Reference(prefix="period:", model=Period, name=period_name)
