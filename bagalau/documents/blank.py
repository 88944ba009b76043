"""Blank App. 2 and App. 4 forms to print for a named servant and period, for the evaluation held
on paper when the information system cannot be used (seed 002 p.3, p.29), and the mark a sheet
entered from paper carries on the printed result.

The blanks keep the layout of the filled forms (templates documents/kpi_sheet.html and
differentiation_sheet.html): the App. 2 blank pre-prints the servant's KPIs planned for the
quarter with their units and planned values (known from the approved work plan, App. 1), and the
actual value of the quarter when the HR service has entered it (p.22); the percent and score cells
of the quarter are empty, the other quarters' cells shaded; the App. 3 range table follows on the
next page. The App. 4 blank prints the parameters and criteria with empty score and justification
cells. Nothing on a blank is a result, so the HR service prints them too (p.20 is about results).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core.errors import DomainError
from bagalau.documents.paper_labels import blank_label
from bagalau.documents.pdf import PdfFile, label, print_language, render_pdf, servant_file_name
from bagalau.documents.selectors import (
    QUARTERS,
    _header,
    _number,
    _rules,
    _score,
    differentiation_form,
)
from bagalau.evaluations.access import can_view, is_evaluator
from bagalau.evaluations.models import Evaluation, EvaluationStatus, KpiResult, Method
from bagalau.evaluations.selectors.sheets import (
    evaluation_load,
    is_hr_of,
    organisation_of,
    planned_kpis,
)
from bagalau.evaluations.workflow import OPEN
from bagalau.methodology.sjc2023 import Sjc2023Rules
from bagalau.plans.models import Direction

if TYPE_CHECKING:
    from bagalau.core.types import User

# --- the blanks ----------------------------------------------------------------------------------


def _percent_text(value: Decimal) -> str:
    return format(value.normalize(), "f")


def app3_rows(rules: Sjc2023Rules, language: str) -> list[dict[str, str]]:
    """App. 3 as printed, from 100 % down as the seed lists it: percent from-to and the allowed
    score range, from the engine's table."""
    rows = []
    for row in sorted(rules.kpi.table, key=lambda r: r.low, reverse=True):
        if row.high is None:
            percent = blank_label(language, "app3_top", low=_percent_text(row.low))
        else:
            percent = f"{_percent_text(row.low)}–{row.high - Decimal('0.01')}"
        if row.score_min == row.score_max:
            allowed = _percent_text(row.score_min)
        else:
            allowed = f"{_score(row.score_min)}–{_score(row.score_max)}"
        rows.append({"percent": percent, "allowed": allowed})
    return rows


def _blank_header(evaluation: Evaluation, language: str, appendix: int) -> dict[str, Any]:
    basis = "basis_kpi" if appendix == 2 else "basis_diff"
    return {
        **_header(evaluation, language, appendix),
        "draft": False,
        "number": evaluation.pk,
        "blank_title": blank_label(language, "blank"),
        "paper_note": blank_label(
            language,
            "paper_note",
            basis=blank_label(language, basis),
            number=evaluation.pk,
        ),
        "signers": [
            {"role": label(language, "evaluatee"), "name": evaluation.servant.short_name},
            {
                "role": label(language, "evaluator"),
                "name": evaluation.evaluator.short_name if evaluation.evaluator else "",
            },
        ],
    }


def blank_kpi_sheet_data(evaluation: Evaluation, *, language: str = "kk") -> dict[str, Any]:
    """App. 2 to fill by hand: the KPIs the approved work plan plans for the quarter, their
    planned values for the four quarters and the quarter's actual value when known."""
    rules = _rules(evaluation.edition)
    quarter = evaluation.period.number or 0
    kpis = list(planned_kpis(evaluation))
    results = {
        r.kpi_id: r
        for r in KpiResult.objects.filter(evaluation=evaluation, kpi__in=kpis).select_related("kpi")
    }
    rows = []
    for kpi in kpis:
        result = results.get(kpi.pk)
        actual = ""
        if result is not None:
            if kpi.direction == Direction.BINARY and result.actual_achieved is not None:
                actual = label(language, "yes" if result.actual_achieved else "no")
            elif kpi.direction != Direction.BINARY:
                actual = _number(result.actual_value)
        rows.append(
            {
                "number": kpi.number,
                "name": kpi.name,
                "unit": kpi.unit,
                "plan": [_number(kpi.planned(q)) for q in QUARTERS],
                "actual": actual,
            }
        )
    return {
        **_blank_header(evaluation, language, 2),
        "method": Method.KPI.value,
        "quarter": quarter,
        "quarters": [label(language, "quarter", number=q) for q in QUARTERS],
        "rows": rows,
        "count": len(rows),
        "instruction": blank_label(language, "kpi_instruction"),
        "rating_options": [band.label.get(language) for band in reversed(rules.rating.bands)],
        "app3": {
            "title": blank_label(language, "app3_title"),
            "percent": blank_label(language, "app3_percent"),
            "range": blank_label(language, "app3_range"),
            "note": blank_label(language, "app3_note"),
            "appendix": label(language, "appendix", number=3),
            "rows": app3_rows(rules, language),
        },
    }


def blank_differentiation_sheet_data(
    evaluation: Evaluation, *, language: str = "kk"
) -> dict[str, Any]:
    """App. 4 to fill by hand: the four parameters and their criteria, empty scores and reasons."""
    form = differentiation_form(_rules(evaluation.edition), language)
    return {
        **_blank_header(evaluation, language, 4),
        **form,
        "count": len(form["parameters"]),
        "instruction": blank_label(language, "diff_instruction"),
    }


# --- access and the download ---------------------------------------------------------------------


def blank_sheet_evaluation_for(user: User, evaluation_id: int) -> Evaluation:
    """The evaluation whose blank form `user` prints: its evaluator or the HR service of the
    organisation (the blank holds no result). 403 to others who may see the result, 404 to
    everyone else."""
    evaluation = evaluation_load(evaluation_id)
    if user.is_authenticated and (
        is_evaluator(user, evaluation) or is_hr_of(user, organisation_of(evaluation))
    ):
        return evaluation
    if can_view(user, evaluation):
        raise PermissionDenied("Only the evaluator and the HR service print the blank form.")
    raise Http404("No such evaluation.")


def require_blank_printable(evaluation: Evaluation) -> None:
    """A blank is for a quarterly sheet still to be scored (pending, or deferred until the
    servant's return, p.5)."""
    if evaluation.method not in (Method.KPI, Method.DIFFERENTIATION):
        raise DomainError("method", N_("An annual result has no printed sheet."))
    if evaluation.status == EvaluationStatus.NOT_EVALUATED:
        raise DomainError(
            "status",
            N_("This servant is not evaluated for the period (under 3 months in post, p.5)."),
        )
    if evaluation.status not in OPEN:
        raise DomainError(
            "status",
            N_("This sheet is signed: there is nothing left to fill in on paper."),
        )


def blank_sheet_pdf(*, user: User, evaluation_id: int, language: str = "kk") -> PdfFile:
    """The blank App. 2 (KPI) or App. 4 (differentiation) of an unsigned evaluation as PDF, for
    its evaluator and the HR service; the print is audited."""
    evaluation = blank_sheet_evaluation_for(user, evaluation_id)
    require_blank_printable(evaluation)
    language = print_language(language)
    audit_log(
        actor=user,
        action="print_blank",
        obj=evaluation,
        summary=f"{evaluation}: blank form ({language})",
    )
    period = evaluation.period
    name = servant_file_name(evaluation.servant)
    stamp = f"{period.schedule.year}-q{period.number}-{name}-{evaluation.pk}"
    if evaluation.method == Method.KPI:
        data = blank_kpi_sheet_data(evaluation, language=language)
        content = render_pdf(
            "documents/blank_kpi_sheet.html", {"doc": data}, language=language, landscape=True
        )
        return PdfFile(filename=f"app2-kpi-sheet-blank-{stamp}.pdf", content=content)
    data = blank_differentiation_sheet_data(evaluation, language=language)
    content = render_pdf(
        "documents/blank_differentiation_sheet.html", {"doc": data}, language=language
    )
    return PdfFile(filename=f"app4-differentiation-sheet-blank-{stamp}.pdf", content=content)
