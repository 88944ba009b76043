"""The results after the commission, for the reminders and the overdue board (notifications.due):
the typical-2018 servant acknowledges the approved result in writing within 2 working days (seed
004 p.40-41; EDITIONS.md §2.2 H1), after which the working body draws up the refusal act (H2); the
moj-2017 servant is familiarised within 2 working days of the session (seed 001 p.36, M-17), and
HR informs the agency of the decision taken on an appeal within 14 calendar days (p.39, M-12).
Past years (§9 G-1): late is one notice, never a refusal."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bagalau.commission.models import AgencyReport
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
    import datetime as dt

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
    TaskKind(
        "moj_acknowledge",
        _("Commission results to be familiarised with (moj-2017)"),
        _("Get acquainted with the results (servant)"),
    ),
    TaskKind(
        "moj_refusal_act",
        _("Refusal acts to draw up after the commission (moj-2017)"),
        _("Familiarise or draw up the refusal act (HR service)"),
        remind=False,
        on_board=False,
    ),
    TaskKind(
        "moj_agency_report",
        _("Information to the agency of the decision taken on an appeal"),
        _("Inform the agency (HR service)"),
    ),
)


def _task(
    evaluation: Evaluation,
    kind: str,
    recipients: list[Account],
    who: str,
    due: dt.date | None = None,
) -> DueTask:
    """The task `kind` on the servant's result page, due `due`, by default the day to be
    familiarised by."""
    due = due or evaluation.familiarisation_due
    assert due is not None
    url = reverse("commission:result", args=[evaluation.pk])
    return evaluation_task(evaluation, kind, due, recipients, who, url, board_url=url)


def _results(run: Run, methods: tuple[str, ...], status: str) -> QuerySet[Evaluation]:
    """The run's results of `methods` in `status` that await familiarisation (unordered)."""
    return (
        Evaluation.objects.filter(run.scope("period__schedule__organisation"))
        .filter(method__in=methods, status=status, familiarisation_due__isnull=False)
        .order_by()
    )


def _familiarisation_tasks(
    run: Run, methods: tuple[str, ...], status: str, acknowledge: str, refusal_act: str
) -> Iterator[DueTask]:
    """Each result of `methods` in `status` the servant has not been familiarised with: the
    servant's task `acknowledge`, and the HR service's `refusal_act` due after it."""
    evaluations = _results(run, methods, status).select_related(
        "servant__user", "assignment__position__unit", "period__schedule"
    )
    for evaluation in evaluations.order_by("pk"):
        servant = evaluation.servant
        yield _task(evaluation, acknowledge, active_users([servant.user]), servant.full_name)
        organisation_id = evaluation.period.schedule.organisation_id
        yield _task(evaluation, refusal_act, run.people.hr_staff(organisation_id), str(HR_SERVICE))


def _familiarisation(run: Run) -> Iterator[DueTask]:
    """Approved results the servant has not acknowledged (H1), and the act due after (H2)."""
    return _familiarisation_tasks(
        run,
        (Method.KPI_COMPETENCY,),
        EvaluationStatus.APPROVED,
        "typical_acknowledge",
        "typical_refusal_act",
    )


def _moj_familiarisation(run: Run) -> Iterator[DueTask]:
    """moj-2017 decisions the servant has not been familiarised with (p.36), and the act due
    after (the HR servant's, p.36)."""
    return _familiarisation_tasks(
        run,
        (Method.MOJ_QUARTER, Method.MOJ_ANNUAL),
        EvaluationStatus.DECIDED,
        "moj_acknowledge",
        "moj_refusal_act",
    )


def _agency_reports(run: Run) -> Iterator[DueTask]:
    """The information to the agency not sent yet (p.39, M-12)."""
    reports = (
        AgencyReport.objects.filter(run.scope("appeal__evaluation__period__schedule__organisation"))
        .filter(sent_on__isnull=True)
        .select_related(
            "appeal__evaluation__servant",
            "appeal__evaluation__assignment__position__unit",
            "appeal__evaluation__period__schedule",
        )
        .order_by("pk")
    )
    for report in reports:
        evaluation = report.appeal.evaluation
        yield _task(
            evaluation,
            "moj_agency_report",
            run.people.hr_staff(evaluation.period.schedule.organisation_id),
            str(HR_SERVICE),
            due=report.due,
        )


# --- the same tasks counted in the database (the dashboard's overdue panel, issue 12 item 3) -----


def _familiarisation_overdue(run: Run, today: dt.date) -> dict[str, int]:
    """`_familiarisation`'s results to acknowledge past their date, counted (the refusal acts
    are not on the board)."""
    results = _results(run, (Method.KPI_COMPETENCY,), EvaluationStatus.APPROVED)
    return {"typical_acknowledge": results.filter(familiarisation_due__lt=today).count()}


def _moj_familiarisation_overdue(run: Run, today: dt.date) -> dict[str, int]:
    """`_moj_familiarisation`'s decisions to be familiarised with past their date, counted."""
    results = _results(run, (Method.MOJ_QUARTER, Method.MOJ_ANNUAL), EvaluationStatus.DECIDED)
    return {"moj_acknowledge": results.filter(familiarisation_due__lt=today).count()}


def _agency_reports_overdue(run: Run, today: dt.date) -> dict[str, int]:
    """`_agency_reports` past their date, counted."""
    reports = AgencyReport.objects.filter(
        run.scope("appeal__evaluation__period__schedule__organisation")
    ).filter(sent_on__isnull=True, due__lt=today)
    return {"moj_agency_report": reports.order_by().count()}


SOURCE = DueSource(
    key="commission",
    kinds=KINDS,
    collectors=(_familiarisation, _moj_familiarisation, _agency_reports),
    order=35,
    counters={
        _familiarisation: _familiarisation_overdue,
        _moj_familiarisation: _moj_familiarisation_overdue,
        _agency_reports: _agency_reports_overdue,
    },
)
