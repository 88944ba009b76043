"""Pages of the paper fallback (seed 002 p.3, p.29): the HR service's list of a quarter's sheets
to hold on paper, the head of the HR service's entry of a paper result with its scan, and the scan
itself for those who may see the result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from bagalau.core.downloads import sealed
from bagalau.core.errors import ConflictError, DomainError
from bagalau.core.language import reader_language
from bagalau.evaluations.access import evaluation_actions
from bagalau.evaluations.forms_paper import PaperEntryForm
from bagalau.evaluations.models import Evaluation, Method, PaperEntry, PeriodKind
from bagalau.evaluations.scans import max_scan_bytes
from bagalau.evaluations.selectors import paper as selectors
from bagalau.evaluations.selectors import sheets
from bagalau.evaluations.services.paper import deny_paper_entry, may_enter_paper, paper_result_enter
from bagalau.evaluations.workflow import OPEN

if TYPE_CHECKING:
    from bagalau.core.types import User

PRINT_LANGUAGES = (("kk", "Қазақша"), ("ru", "Русский"), ("en", "English"))


def paper_context(user: User, evaluation: Evaluation) -> dict[str, Any]:
    """What the sheet page says about the paper fallback: the mark of a sheet entered from
    paper, the blank forms to print and the entry link for the head of the HR service."""
    return {
        "paper": selectors.paper_summary(evaluation),
        "can_print_blank": selectors.may_print_blank(user, evaluation),
        "can_enter_paper": "enter_paper" in evaluation_actions(user=user, obj=evaluation),
        "print_languages": PRINT_LANGUAGES,
    }


def _entry_evaluation(request: HttpRequest, evaluation_id: int) -> Evaluation:
    """The evaluation for the entry page: the head of the HR service only (403 to whoever knows
    it exists, 404 to everyone else), as the service decides."""
    evaluation = sheets.evaluation_load(evaluation_id)
    if not may_enter_paper(request.user, evaluation):
        deny_paper_entry(request.user, evaluation)
    return evaluation


def _entry_page(
    request: HttpRequest,
    evaluation: Evaluation,
    form: PaperEntryForm | None,
    *,
    error: DomainError | None = None,
    status: int = 200,
) -> HttpResponse:
    editable = evaluation.status in OPEN
    method_ok = evaluation.method in (Method.KPI, Method.DIFFERENTIATION)
    context: dict[str, Any] = {
        "evaluation": evaluation,
        "position": evaluation.assignment.position,
        "open": editable and method_ok,
        "error": error,
        "draft": editable and selectors.has_evaluator_draft(evaluation),
        "max_size": max_scan_bytes(),
        "print_languages": PRINT_LANGUAGES,
        "form": form,
    }
    if editable and method_ok and form is not None:
        if evaluation.method == Method.KPI:
            quarter = evaluation.period.number or 1
            context["kpi_lines"] = [
                {
                    "row": row,
                    "binary": row.kpi.direction == "binary",
                    "plan": sheets.plain_number(row.kpi.planned(quarter)),
                    "actual": sheets.kpi_actual(row),
                    "actual_text": sheets.plain_number(row.actual_value),
                    "field": form[f"score_{row.pk}"],
                }
                for row in form.rows
            ]
        else:
            rules = sheets.rules_for(evaluation)
            language = reader_language()
            context["points"] = list(
                range(rules.differentiation.min_score, rules.differentiation.max_score + 1)
            )
            context["parameter_lines"] = [
                {
                    "code": parameter.code,
                    "label": parameter.label.get(language),
                    "criteria": parameter.criteria.get(language),
                    "score": form[f"score_{parameter.code}"],
                    "justification": form[f"justification_{parameter.code}"],
                }
                for parameter in rules.differentiation.parameters
            ]
    return render(request, "evaluations/paper/entry.html", context, status=status)


def _new_form(evaluation: Evaluation, data: Any = None, files: Any = None) -> PaperEntryForm:
    rows: list[Any] = []
    codes: list[str] = []
    if evaluation.method == Method.KPI:
        rows = sheets.kpi_rows(evaluation)
    elif evaluation.method == Method.DIFFERENTIATION:
        codes = [p.code for p in sheets.rules_for(evaluation).differentiation.parameters]
    return PaperEntryForm(
        data,
        files,
        initial={"version": evaluation.version},
        rows=rows,
        codes=codes,
    )


@login_required
@require_http_methods(["GET", "POST"])
def paper_entry(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """The head of the HR service enters the result of a sheet signed on paper."""
    evaluation = _entry_evaluation(request, evaluation_id)
    if request.method == "GET":
        return _entry_page(request, evaluation, _new_form(evaluation))
    form = _new_form(evaluation, request.POST, request.FILES)
    if not form.is_valid():
        return _entry_page(request, evaluation, form, status=400)
    try:
        entered = paper_result_enter(
            actor=request.user,
            evaluation_id=evaluation.pk,
            version=form.cleaned_data["version"],
            signed_on=form.cleaned_data["signed_on"],
            scan=form.cleaned_data.get("scan"),
            kpi_scores=form.by_row(),
            scores=form.scores(),
            justifications=form.justifications(),
            justification=form.cleaned_data["justification"],
        )
    except ConflictError as error:
        evaluation.refresh_from_db()
        return _entry_page(request, evaluation, _new_form(evaluation), error=error, status=409)
    except DomainError as error:
        evaluation.refresh_from_db()
        if error.field in ("status", "method"):
            return _entry_page(request, evaluation, None, error=error, status=400)
        form.add_domain_error(error)
        return _entry_page(request, evaluation, form, status=400)
    if entered.familiarisation_due is not None:
        message = gettext(
            "The paper result was entered. The servant is asked to acknowledge it by %(due)s."
        ) % {"due": entered.familiarisation_due.strftime("%d.%m.%Y")}
    else:
        message = gettext("The paper result was entered.")
    messages.success(request, message)
    return redirect("evaluations:sheet", entered.pk)


def scan_response(entry: PaperEntry) -> FileResponse:
    """The scan as a download no cache keeps and no browser runs (p.15: results are strictly
    confidential)."""
    extension = entry.scan.name.rsplit(".", 1)[-1]
    response = FileResponse(
        entry.scan.open("rb"),
        content_type=entry.scan_type,
        as_attachment=True,
        filename=f"paper-sheet-scan-{entry.evaluation_id}.{extension}",
    )
    return sealed(response)


@login_required
@require_GET
def paper_scan(request: HttpRequest, evaluation_id: int) -> FileResponse:
    """The scan of a sheet entered from paper, for whoever may see the result (audited)."""
    return scan_response(selectors.scan_for(request.user, evaluation_id))


@login_required
@require_GET
def period_paper(request: HttpRequest, period_id: int) -> HttpResponse:
    """The HR service's list of a quarter's sheets to hold on paper: blank forms to print and,
    for the head of the HR service, the entry of each signed paper sheet. Statuses only."""
    period = sheets.period_for(request.user, period_id, hr_head_only=False)
    if period.kind != PeriodKind.QUARTER:
        raise Http404("Only quarters have sheets.")
    context = {
        "period": period,
        "lines": selectors.paper_sheets(request.user, period),
        "print_languages": PRINT_LANGUAGES,
    }
    return render(request, "evaluations/paper/period.html", context)


urlpatterns: list[URLPattern] = [
    path("sheets/periods/<int:period_id>/paper/", period_paper, name="period_paper"),
    path("sheets/<int:evaluation_id>/paper/", paper_entry, name="paper_entry"),
    path("sheets/<int:evaluation_id>/paper/scan/", paper_scan, name="paper_scan"),
]
