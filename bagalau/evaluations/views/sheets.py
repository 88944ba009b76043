"""Evaluation pages: sheets (App. 2-4), results and familiarisation, the HR service's actual
values and refusal acts, the service record, the p.8 consequences and the annual results.

Every page that shows a score or a rating gets the evaluation through
bagalau.evaluations.access.evaluation_get_for (404 otherwise; the read is audited).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from bagalau.core import clock
from bagalau.core.context import Viewer, viewer
from bagalau.core.errors import ConflictError, DomainError
from bagalau.core.forms import form_submit
from bagalau.core.htmx import render_page
from bagalau.core.jobs import PeriodicJob, register_job
from bagalau.core.navigation import PANEL_ROWS, NavItem, Panel, register_nav, register_panel
from bagalau.core.outcomes import refusal_status
from bagalau.evaluations.access import (
    draft_hidden,
    evaluation_actions,
    evaluation_get_for,
    is_evaluatee,
    is_evaluator,
)
from bagalau.evaluations.forms_sheets import (
    ActualsForm,
    DifferentiationForm,
    KpiScoresForm,
    RefusalActForm,
    VersionForm,
)
from bagalau.evaluations.hooks import evaluation_page, has_own_page, sheet_context
from bagalau.evaluations.jobs import annual_results_submit
from bagalau.evaluations.models import Evaluation, EvaluationStatus, Method, PeriodKind
from bagalau.evaluations.selectors import annual as annual_selectors
from bagalau.evaluations.selectors import mine
from bagalau.evaluations.selectors import sheets as selectors
from bagalau.evaluations.selectors.explain import evaluation_explanation, explain_language
from bagalau.evaluations.services.annual import annual_results_refresh
from bagalau.evaluations.services.familiarisation import (
    evaluation_acknowledge,
    evaluations_familiarise_expired,
    evaluations_finalize_expired,
    refusal_act_record,
)
from bagalau.evaluations.services.sheets import (
    kpi_actuals_save,
)
from bagalau.evaluations.views import first
from bagalau.evaluations.views.paper import paper_context
from bagalau.org.models import Servant

# --- the sheet / result page ---------------------------------------------------------------------


def _sheet_context(
    request: HttpRequest,
    evaluation: Evaluation,
    *,
    form: VersionForm | None = None,
    typed: dict[int, object] | None = None,
    error: DomainError | None = None,
) -> dict[str, Any]:
    """What the sheet page shows to this reader."""
    user = request.user
    rules = selectors.rules_for(evaluation)
    evaluator = is_evaluator(user, evaluation)
    actions = evaluation_actions(user=user, obj=evaluation)
    can_edit = "edit" in actions
    context: dict[str, Any] = {
        "evaluation": evaluation,
        "actions": actions,
        "is_evaluatee": is_evaluatee(user, evaluation),
        "draft_hidden": draft_hidden(user, evaluation),
        "result_label": selectors.rating_label(rules, evaluation.result_rating),
        "evaluator_label": selectors.rating_label(rules, evaluation.rating),
        "calibration_application": getattr(evaluation, "calibration_application", None),
        "has_pdf": evaluation.method in (Method.KPI, Method.DIFFERENTIATION)
        and (evaluation.signed_at is not None or evaluator),
        "refusal": getattr(evaluation, "refusal", None),
        "explanation": evaluation_explanation(user, evaluation, explain_language(get_language())),
        "position": evaluation.assignment.position,
        "error": error,
        **paper_context(user, evaluation),
        **sheet_context(user, evaluation),
    }
    if evaluation.method == Method.KPI:
        sheet = selectors.kpi_sheet(evaluation, typed=typed)
        context["kpi"] = sheet
        if can_edit:
            if form is None:
                form = KpiScoresForm(
                    initial={"version": evaluation.version, "feedback": evaluation.feedback}
                    | {line.field: line.typed for line in sheet.lines},
                    rows=[line.row for line in sheet.lines],
                )
            context["form"] = form
        context["kpi_rows"] = [
            {"line": line, "field": form[line.field] if can_edit and form else None}
            for line in sheet.lines
        ]
    elif evaluation.method == Method.DIFFERENTIATION:
        sheet_d = selectors.differentiation_sheet(evaluation)
        context["differentiation"] = sheet_d
        if can_edit:
            if form is None:
                initial: dict[str, Any] = {
                    "version": evaluation.version,
                    "justification": sheet_d.justification,
                }
                for line in sheet_d.lines:
                    initial[f"score_{line.code}"] = line.typed
                    initial[f"justification_{line.code}"] = line.justification
                form = DifferentiationForm(initial=initial, lines=sheet_d.lines)
            context["form"] = form
        context["param_rows"] = [
            {
                "line": line,
                "score": form[f"score_{line.code}"] if can_edit and form else None,
                "justification": form[f"justification_{line.code}"] if can_edit and form else None,
            }
            for line in sheet_d.lines
        ]
    else:
        context["quarters"] = annual_selectors.annual_quarters(user, evaluation)
        if evaluation.status == EvaluationStatus.PROVISIONAL:
            context["waiting"] = annual_selectors.quarter_names(
                q.number for q in context["quarters"] if q.state in ("counted", "awaited")
            )
    return context


@login_required
def sheet(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """The App. 2 / App. 4 sheet or the annual result: editable by the evaluator until signed,
    read-only for the others who may see it; the servant acknowledges it here. An evaluation of
    another model (typical-2018, moj-2017) is shown by its own app: the reader is sent there when
    that app's access rule lets them read it, and finds nothing otherwise."""
    other = Evaluation.objects.filter(pk=evaluation_id).only("method").first()
    if other is not None and has_own_page(other.method):
        return redirect(evaluation_page(request.user, other))
    evaluation = evaluation_get_for(user=request.user, id=evaluation_id)
    return render_page(
        request, "evaluations/sheets/sheet.html", _sheet_context(request, evaluation)
    )


def _evaluator_sheet(request: HttpRequest, evaluation_id: int) -> Evaluation:
    """The evaluation for an evaluator's action: 404 when not visible, 403 when visible but the
    reader is not its evaluator."""
    evaluation = evaluation_get_for(user=request.user, id=evaluation_id)
    if not is_evaluator(request.user, evaluation):
        raise PermissionDenied
    return evaluation


def _render_error(
    request: HttpRequest,
    evaluation: Evaluation,
    error: DomainError,
    *,
    form: VersionForm | None = None,
    typed: dict[int, object] | None = None,
) -> HttpResponse:
    """Re-show the sheet with the error (nothing was written). After a conflict the sheet shows
    what is stored now, so that the other person's change is seen before anything is redone."""
    evaluation.refresh_from_db()
    if form is None or isinstance(error, ConflictError):
        context = _sheet_context(request, evaluation, error=error)
    else:
        form.add_domain_error(error)
        context = _sheet_context(request, evaluation, form=form, typed=typed)
    return render(request, "evaluations/sheets/sheet.html", context, status=refusal_status(error))


@login_required
@require_POST
def sheet_kpi_row(request: HttpRequest, evaluation_id: int, row_id: int) -> HttpResponse:
    """HTMX: recompute one KPI row (percent, allowed range, proposal) for the score being typed,
    and the quarter score. Nothing is saved."""
    evaluation = _evaluator_sheet(request, evaluation_id)
    if "edit" not in evaluation_actions(user=request.user, obj=evaluation):
        raise PermissionDenied
    rows = selectors.kpi_rows(evaluation)
    if row_id not in {row.pk for row in rows}:
        raise Http404("No such KPI row.")
    form = KpiScoresForm(request.POST, rows=rows)
    form.is_valid()
    typed = {row.pk: form.cleaned_data.get(f"score_{row.pk}", "") for row in rows}
    sheet_data = selectors.kpi_sheet(evaluation, typed=typed)
    line = next(line for line in sheet_data.lines if line.row.pk == row_id)
    return render(
        request,
        "evaluations/sheets/partials/kpi_feedback.html",
        {"line": line, "kpi": sheet_data, "oob": True},
    )


@login_required
@require_POST
def sheet_acknowledge(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """The servant acknowledges the result (p.11)."""
    evaluation = evaluation_get_for(user=request.user, id=evaluation_id)
    try:
        evaluation_acknowledge(actor=request.user, evaluation_id=evaluation.pk)
    except DomainError as error:
        return _render_error(request, evaluation, error)
    messages.success(request, gettext("You acknowledged the result."))
    return redirect("evaluations:sheet", evaluation.pk)


# --- the HR service: actual values and the refusal act -------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def sheet_actuals(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """The HR service enters the actual KPI values (p.22): names, units, planned values and the
    actual values — no percent, range or score."""
    evaluation = selectors.evaluation_actuals_get_for(
        user=request.user, id=evaluation_id, audit=request.method == "GET"
    )
    editable = "enter_actuals" in evaluation_actions(user=request.user, obj=evaluation)
    rows = selectors.kpi_rows(evaluation)
    status = 200
    form: ActualsForm
    conflict: DomainError | None = None
    if request.method == "POST":
        form = ActualsForm(request.POST, rows=rows)
        saved = form_submit(
            form,
            lambda data: kpi_actuals_save(
                actor=request.user,
                evaluation_id=evaluation.pk,
                version=data["version"],
                values=form.by_row(),
            ),
        )
        if saved.done:
            messages.success(request, gettext("The actual values were saved."))
            return redirect("evaluations:sheet_actuals", evaluation.pk)
        if isinstance(saved.error, ConflictError):
            # Show what is stored now, so the other change is seen before anything is redone.
            evaluation.refresh_from_db()
            rows = selectors.kpi_rows(evaluation)
            form = ActualsForm(initial={"version": evaluation.version}, rows=rows)
            conflict, status = saved.error, 409
        else:
            status = refusal_status(saved.error)
    else:
        form = ActualsForm(initial={"version": evaluation.version}, rows=rows)
    quarter = evaluation.period.number or 1
    lines = [
        {
            "row": row,
            "plan": selectors.plain_number(row.kpi.planned(quarter)),
            "actual": selectors.plain_number(row.actual_value),
            "field": form[f"actual_{row.pk}"],
            "binary": row.kpi.direction == "binary",
        }
        for row in rows
    ]
    context = {
        "evaluation": evaluation,
        "position": evaluation.assignment.position,
        "form": form,
        "lines": lines,
        "editable": editable,
        "due": selectors.kpi_actuals_due(evaluation),
        "error": conflict,
    }
    return render(request, "evaluations/sheets/actuals.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def sheet_refusal(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """The HR service records the act of refusal signed by HR and two other servants."""
    evaluation = selectors.evaluation_for_hr(request.user, evaluation_id)
    servants = Servant.objects.filter(organisation=selectors.organisation_of(evaluation)).order_by(
        "last_name", "first_name", "pk"
    )
    status = 200
    if request.method == "POST":
        form = RefusalActForm(request.POST, servants=servants)
        recorded = form_submit(
            form,
            lambda data: refusal_act_record(
                actor=request.user,
                evaluation_id=evaluation.pk,
                text=data["text"],
                witnesses=[data["witness_1"], data["witness_2"]],
            ),
        )
        if recorded.done:
            messages.success(request, gettext("The refusal act was recorded."))
            return redirect("evaluations:sheets_home")
        if recorded.error is not None:
            status = refusal_status(recorded.error)
        elif not form.searching:
            status = 400
    else:
        form = RefusalActForm(servants=servants)
    context = {
        "evaluation": evaluation,
        "form": form,
        "refusal": getattr(evaluation, "refusal", None),
        "open": selectors.may_record_refusal(request.user, evaluation),
        "has_refusal_act": selectors.rules_for(evaluation).familiarisation.refusal_act,
    }
    return render(request, "evaluations/sheets/refusal.html", context, status=status)


# --- lists ---------------------------------------------------------------------------------------


def _tasks(request: HttpRequest, limit: int = 100) -> dict[str, Any]:
    user = request.user
    return {
        "today": clock.today(),
        "sheets": list(selectors.sheets_to_fill(user)[:limit]),
        "actuals": selectors.actuals_to_fill(user, limit=limit),
        "overdue": selectors.familiarisation_overdue(user, limit=limit),
    }


def _result_rows(evaluations: Any) -> list[dict[str, Any]]:
    rows = []
    for evaluation in evaluations:
        rules = selectors.rules_for(evaluation)
        rows.append(
            {
                "evaluation": evaluation,
                "label": selectors.rating_label(rules, evaluation.result_rating),
            }
        )
    return rows


@login_required
def sheets_home(request: HttpRequest) -> HttpResponse:
    """Evaluations: my results, the sheets I fill, the HR service's tasks."""
    current = viewer(request)
    context = {
        "results": _result_rows(mine.my_results_listed(request.user)[:10]),
        "periods": list(selectors.result_periods(request.user, current.organisation)),
        **_tasks(request),
    }
    return render_page(request, "evaluations/sheets/home.html", context)


@login_required
def my_results(request: HttpRequest) -> HttpResponse:
    """The servant's results, newest first."""
    context = {"results": _result_rows(mine.my_results_listed(request.user))}
    return render_page(request, "evaluations/sheets/my_results.html", context)


def _service_record_page(request: HttpRequest, servant: Servant) -> HttpResponse:
    entries = selectors.service_record_read(user=request.user, servant=servant)
    context = {"servant": servant, "entries": entries, "own": servant.user_id == request.user.pk}
    return render_page(request, "evaluations/sheets/service_record.html", context)


@login_required
def service_record_mine(request: HttpRequest) -> HttpResponse:
    """The viewer's own service record entries."""
    servant = viewer(request).servant
    if servant is None:
        raise Http404("No servant record.")
    return _service_record_page(request, servant)


@login_required
def service_record_of(request: HttpRequest, servant_id: int) -> HttpResponse:
    """A servant's service record, for the servant or the head of the HR service."""
    return _service_record_page(request, selectors.servant_for_record(request.user, servant_id))


@login_required
def result_periods(request: HttpRequest) -> HttpResponse:
    """The HR service's periods, with the annual results and the consequences lists."""
    current = viewer(request)
    if current.organisation is None or not selectors.is_hr_of(request.user, current.organisation):
        raise PermissionDenied
    context = {
        "periods": list(selectors.result_periods(request.user, current.organisation)),
        "is_hr_head": current.is_hr_head,
    }
    return render_page(request, "evaluations/sheets/periods.html", context)


@login_required
def consequences(request: HttpRequest, period_id: int) -> HttpResponse:
    """p.8: who is eligible for a bonus, who needs training, who has unsatisfactory results —
    for the head of the HR service only (these are results)."""
    period = selectors.period_for(request.user, period_id, hr_head_only=True)
    lists = selectors.consequences(user=request.user, period=period)
    sections = [
        ("bonus", _("Eligible for a bonus"), lists.bonus),
        ("training", _("Needs training"), lists.training),
        ("unsatisfactory", _("Unsatisfactory results"), lists.unsatisfactory),
    ]
    context = {"period": period, "sections": sections}
    return render_page(request, "evaluations/sheets/consequences.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def annual_results(request: HttpRequest, period_id: int) -> HttpResponse:
    """The annual results of a year (p.4): computed by the HR service; the scores are shown to
    the head of the HR service only."""
    period = selectors.period_for(request.user, period_id, hr_head_only=False)
    if period.kind != PeriodKind.ANNUAL:
        raise Http404("Not an annual period.")
    status = 200
    error = None
    if request.method == "POST":
        try:
            job = annual_results_submit(actor=request.user, period=period)
        except DomainError as caught:
            error, status = caught, refusal_status(caught)
        else:
            return redirect("jobs:job", job.pk)
    lines = annual_selectors.annual_overview(user=request.user, period=period)
    context = {"period": period, "lines": lines, "error": error}
    return render(request, "evaluations/sheets/annual.html", context, status=status)


urlpatterns: list[URLPattern] = [
    path("sheets/", sheets_home, name="sheets_home"),
    path("sheets/mine/", my_results, name="my_results"),
    path("sheets/service-record/", service_record_mine, name="service_record"),
    path("sheets/service-record/<int:servant_id>/", service_record_of, name="service_record_of"),
    path("sheets/periods/", result_periods, name="result_periods"),
    path("sheets/periods/<int:period_id>/consequences/", consequences, name="consequences"),
    path("sheets/periods/<int:period_id>/annual/", annual_results, name="annual_results"),
    path("sheets/<int:evaluation_id>/", sheet, name="sheet"),
    path("sheets/<int:evaluation_id>/kpi/<int:row_id>/", sheet_kpi_row, name="sheet_kpi_row"),
    path("sheets/<int:evaluation_id>/acknowledge/", sheet_acknowledge, name="sheet_acknowledge"),
    path("sheets/<int:evaluation_id>/actuals/", sheet_actuals, name="sheet_actuals"),
    path("sheets/<int:evaluation_id>/refusal/", sheet_refusal, name="sheet_refusal"),
]


# --- menu, dashboard, periodic jobs --------------------------------------------------------------


def _my_results_panel(request: HttpRequest, current: Viewer) -> dict[str, Any] | None:
    if current.servant is None:
        return None
    results = _result_rows(mine.my_results_listed(request.user)[:5])
    if not results:
        return None
    waiting = mine.results_to_acknowledge(request.user).count()
    return {"results": results, "waiting": waiting}


def _tasks_panel(request: HttpRequest, current: Viewer) -> dict[str, Any] | None:
    """The first `PANEL_ROWS` of each list of the "Evaluations" page, and how many more it
    holds (issue 12 item 3)."""
    tasks = _tasks(request, PANEL_ROWS)
    if not (tasks["sheets"] or tasks["actuals"] or tasks["overdue"]):
        return None
    user = request.user
    total = (
        selectors.sheets_to_fill(user).count()
        + selectors.actuals_to_fill_count(user)
        + selectors.familiarisation_overdue_count(user)
    )
    shown = len(tasks["sheets"]) + len(tasks["actuals"]) + len(tasks["overdue"])
    return {**tasks, "more": total - shown}


def _familiarise_job() -> str:
    return f"{evaluations_familiarise_expired()} results made known through the system"


def _finalize_job() -> str:
    return f"{evaluations_finalize_expired()} results finalised"


def register() -> None:
    """Menu entries and dashboard panels of these pages (called from EvaluationsConfig.ready)."""
    first.register()
    register_nav(
        NavItem(
            key="evaluations.sheets",
            label=_("Evaluations"),
            url_name="evaluations:sheets_home",
            visible=lambda v: v.servant is not None or v.is_hr,
            order=30,
        )
    )
    register_panel(
        Panel(
            key="evaluations.my_results",
            template="evaluations/sheets/panels/my_results.html",
            context=_my_results_panel,
            order=20,
        )
    )
    register_panel(
        Panel(
            key="evaluations.sheets_to_fill",
            template="evaluations/sheets/panels/tasks.html",
            context=_tasks_panel,
            order=21,
        )
    )
    register_job(PeriodicJob(key="evaluations.familiarise_expired", run=_familiarise_job, order=45))
    register_job(PeriodicJob(key="evaluations.finalize_expired", run=_finalize_job, order=50))
    register_job(
        PeriodicJob(key="evaluations.annual_refresh", run=annual_results_refresh, order=60)
    )
