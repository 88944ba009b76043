"""Reads of the paper fallback (seed 002 p.3, p.29): which sheets of a period are still to be
held on paper, what a sheet entered from paper says about it, and its scan.

The period list carries statuses only (the HR service sees workflow, p.20); the scan is a result
document, read through the choke point `evaluation_get_for` (audited).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.http import Http404

from bagalau.evaluations.access import evaluation_get_for, evaluations_visible_to, is_evaluator
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    Method,
    PaperEntry,
    Period,
    PeriodKind,
)
from bagalau.evaluations.selectors.sheets import is_hr_of, organisation_of
from bagalau.evaluations.services.paper import may_enter_paper
from bagalau.evaluations.workflow import OPEN
from bagalau.org.models import Servant

if TYPE_CHECKING:
    from bagalau.core.types import User


def paper_entry_of(evaluation: Evaluation) -> PaperEntry | None:
    """The evaluation's paper entry, if it was entered from paper."""
    return PaperEntry.objects.filter(evaluation=evaluation).select_related("entered_by").first()


def entered_by_name(entry: PaperEntry, *, short: bool = False) -> str:
    """Who entered the paper result: the servant's name (surname and initials when `short`),
    else the user's."""
    user = entry.entered_by
    servant = Servant.objects.filter(user=user).first()
    if servant is not None:
        return str(servant.short_name if short else servant.full_name)
    return str(user.get_full_name() or user.get_username())


def paper_summary(evaluation: Evaluation) -> dict[str, Any] | None:
    """The "entered from paper" mark of an evaluation (None when it was signed in the system):
    the evaluator's paper signature date, who entered it and when, and the scan's particulars."""
    entry = paper_entry_of(evaluation)
    if entry is None:
        return None
    return {
        "signed_on": entry.signed_on,
        "entered_by": entered_by_name(entry),
        "entered_at": entry.entered_at,
        "scan": {
            "content_type": entry.scan_type,
            "size": entry.scan_size,
            "sha256": entry.scan_sha256,
            "filename": entry.scan_filename,
        },
    }


def method_of(evaluation_id: int) -> str | None:
    """How an evaluation is held (to read a request's scores), without reading any result."""
    method: str | None = (
        Evaluation.objects.filter(pk=evaluation_id).values_list("method", flat=True).first()
    )
    return method


def has_evaluator_draft(evaluation: Evaluation) -> bool:
    """Whether the evaluator saved scores or reasons in the system that a paper entry would
    discard."""
    if evaluation.method == Method.KPI:
        return evaluation.kpi_results.filter(score__isnull=False).exists()
    return bool(evaluation.justification) or evaluation.parameter_scores.exists()


def scan_for(user: User, evaluation_id: int) -> PaperEntry:
    """The scan of a sheet entered from paper, for whoever may see its result (p.15, p.20): the
    read is audited; 404 when the result is not visible or there is no scan."""
    visible = evaluations_visible_to(user).filter(pk=evaluation_id).first()
    entry = paper_entry_of(visible) if visible is not None else None
    if entry is None or not entry.scan or not entry.scan.storage.exists(entry.scan.name):
        raise Http404("No scan.")
    evaluation_get_for(user=user, id=evaluation_id, purpose="download_scan")  # the audited read
    return entry


@dataclass
class PaperLine:
    """A quarterly sheet of the period, as the HR service's paper list shows it (no score)."""

    evaluation: Evaluation
    paper: PaperEntry | None
    open: bool
    can_enter: bool


def paper_sheets(user: User, period: Period) -> list[PaperLine]:
    """The period's KPI and differentiation sheets still to be scored, and those entered from
    paper, for the organisation's HR service."""
    if period.kind != PeriodKind.QUARTER or not is_hr_of(user, period.schedule.organisation):
        return []
    evaluations = (
        Evaluation.objects.filter(
            period=period,
            method__in=[Method.KPI, Method.DIFFERENTIATION],
        )
        .exclude(status=EvaluationStatus.NOT_EVALUATED)
        .select_related("servant", "evaluator", "period__schedule__organisation")
        .select_related("assignment__position__unit")
        .order_by("servant__last_name", "servant__first_name", "pk")
    )
    entries = {
        e.evaluation_id: e
        for e in PaperEntry.objects.filter(evaluation__period=period).select_related("entered_by")
    }
    lines = []
    for evaluation in evaluations:
        editable = evaluation.status in OPEN
        paper = entries.get(evaluation.pk)
        if not editable and paper is None:
            continue
        lines.append(
            PaperLine(
                evaluation=evaluation,
                paper=paper,
                open=editable,
                can_enter=editable and may_enter_paper(user, evaluation),
            )
        )
    return lines


def may_print_blank(user: User, evaluation: Evaluation) -> bool:
    """The evaluator or the HR service, while the sheet is unsigned (documents.blank)."""
    if evaluation.status not in OPEN or evaluation.method not in (
        Method.KPI,
        Method.DIFFERENTIATION,
    ):
        return False
    return bool(
        user.is_authenticated
        and (is_evaluator(user, evaluation) or is_hr_of(user, organisation_of(evaluation)))
    )
