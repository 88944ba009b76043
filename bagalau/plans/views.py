"""Work plan pages: the list with tabs, the plan laid out as App. 1 with inline KPI rows (HTMX),
the workflow buttons and the change history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from bagalau.core import bounds, clock
from bagalau.core.collation import sorted_by_name
from bagalau.core.context import Viewer, viewer
from bagalau.core.errors import DomainError
from bagalau.core.forms import DomainErrorForm, form_submit
from bagalau.core.htmx import render_page
from bagalau.core.navigation import PANEL_ROWS
from bagalau.core.outcomes import refusal_status
from bagalau.core.visible import visible_one
from bagalau.plans import access
from bagalau.plans.forms import (
    InitiateForm,
    KpiForm,
    PlanChangeForm,
    RecommendationForm,
    RemoveKpiForm,
    TransitionForm,
)
from bagalau.plans.models import Kpi, WorkPlan
from bagalau.plans.recommendations import plan_recommendation_write
from bagalau.plans.selectors import (
    change_grounds,
    kpi_limits,
    kpis_of,
    plan_history_rows,
    plan_task_panel,
    plan_years,
    plans_for_tab,
    tabs_for,
)
from bagalau.plans.services import (
    kpi_add,
    kpi_remove,
    kpi_update,
    plan_change_open,
    plans_initiate,
)
from bagalau.plans.steps import COMMENTED, STEP_NAMES, plan_step
from bagalau.plans.views_typical import typical_context

BODY = "plans/partials/plan_body.html"
FORM_ROW = "plans/partials/kpi_form_row.html"

#: The workflow buttons in display order, with their labels.
ACTION_LABELS = {
    "send_to_hr": gettext_lazy("Send to HR for agreement"),
    "hr_agree": gettext_lazy("Agree"),
    "hr_return": gettext_lazy("Return to the evaluator"),
    "submit": gettext_lazy("Submit for approval"),
    "approve": gettext_lazy("Approve"),
    "return": gettext_lazy("Return for correction"),
    "post": gettext_lazy("Mark as posted"),
    "managers": gettext_lazy("Take the managers from the structure"),
    # typical-2018 (seed 004 p.9-12)
    "sign_servant": gettext_lazy("Sign as the servant"),
    "sign_manager": gettext_lazy("Sign as the direct manager"),
    "submit_to_superior": gettext_lazy("Submit to the superior manager"),
    "approve_typical": gettext_lazy("Approve («БЕКІТЕМІН»)"),
    "return_typical": gettext_lazy("Return for correction"),
}


#: What a dashboard task asks for.
TASK_LABELS = {
    "draft": gettext_lazy("Draft the KPIs"),
    "submit": gettext_lazy("Submit for approval"),
    "agree": gettext_lazy("Agree the KPIs (HR)"),
    "approve": gettext_lazy("Approve the plan"),
    "post": gettext_lazy("Post the approved plan"),
}


# --- the list -----------------------------------------------------------------------------------


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    """The plans by the viewer's part: mine, to draft, to approve, and HR's overview."""
    user = request.user
    tabs = tabs_for(user)
    tab = request.GET.get("tab", "")
    if tab not in tabs:
        tab = tabs[0] if tabs else "mine"
    years = plan_years(user)
    wanted = request.GET.get("year", "")
    asked = bounds.ascii_int(wanted)
    year = asked if asked is not None and asked in years else clock.today().year
    today = clock.today()
    rows = [
        {
            "plan": plan,
            "draft_overdue": plan.is_draft_overdue(today),
            "posting_overdue": plan.is_posting_overdue(today),
        }
        for plan in sorted_by_name(
            plans_for_tab(user, tab, year=year), lambda plan: plan.servant.full_name
        )
    ]
    current = viewer(request)
    context = {
        "tab": tab,
        "tabs": tabs,
        "year": year,
        "years": years,
        "rows": rows,
        "can_initiate": tab == "overview" and current.is_hr,
        "initiate_form": InitiateForm(initial={"year": year}),
    }
    return render_page(
        request, "plans/list.html", context, partial="plans/partials/plan_table.html"
    )


@login_required
@require_POST
def plan_initiate(request: HttpRequest) -> HttpResponse:
    """HR opens the year's work plans (idempotent) and sees what was created and skipped."""
    current = viewer(request)
    if current.organisation is None or not current.is_hr:
        raise PermissionDenied("Only the HR service opens work plans.")
    form = InitiateForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect("plans:list")
    year = form.cleaned_data["year"]
    try:
        report = plans_initiate(actor=request.user, organisation=current.organisation, year=year)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("plans:list")
    messages.success(
        request,
        _("Work plans opened: %(created)s; already open: %(existing)s; without KPIs: %(skipped)s.")
        % {
            "created": len(report.created),
            "existing": len(report.existing),
            "skipped": len(report.skipped),
        },
    )
    for skipped in report.skipped:
        messages.warning(
            request,
            _("%(servant)s: %(reason)s")
            % {"servant": skipped.assignment.servant.full_name, "reason": skipped.error.message},
        )
    return redirect(f"{reverse('plans:list')}?tab=overview&year={year}")


# --- the plan -----------------------------------------------------------------------------------


def _context(request: HttpRequest, plan: WorkPlan, **extra: Any) -> dict[str, Any]:
    """What the plan page and its body partial show."""
    user = request.user
    today = clock.today()
    actions = access.plan_actions(user=user, obj=plan)
    failed = extra.get("failed_action")
    workflow = [
        {
            "action": action,
            "label": label,
            "needs_comment": action in COMMENTED,
            "needs_date": plan.is_typical and action != "managers",
            "comment": extra.get("failed_comment", "") if action == failed else "",
            "error": extra.get("error") if action == failed else None,
        }
        for action, label in ACTION_LABELS.items()
        if action in actions
    ]
    kpis = kpis_of(plan)
    editing = "kpis" in actions
    change_form = extra.pop("change_form", None)
    if change_form is None and "change" in actions:
        change_form = PlanChangeForm(
            initial={"version": plan.version}, grounds=change_grounds(plan)
        )
    return {
        "plan": plan,
        "kpis": kpis,
        "history": plan_history_rows(plan),
        "workflow": workflow,
        "can_edit": editing,
        "change_form": change_form if "change" in actions else None,
        "can_add": editing and len(kpis) < kpi_limits(plan)[1],
        "draft_overdue": plan.is_draft_overdue(today),
        "posting_overdue": plan.is_posting_overdue(today),
        "is_servant": access.is_servant(user, plan),
        **typical_context(request, plan, actions, **extra),
        # The PDF of App. 1 (documents app) is for the people of the plan and HR.
        "can_download": any(
            check(user, plan)
            for check in (access.is_servant, access.is_evaluator, access.is_approver, access.is_hr)
        ),
        **extra,
    }


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The plan as App. 1 (the HTMX partial is its body: table, workflow, history)."""
    plan = access.plan_get_for(user=request.user, id=plan_id)
    return render_page(request, "plans/detail.html", _context(request, plan), partial=BODY)


def _plan_for_step(request: HttpRequest, plan_id: int, step: str, refusal: str) -> WorkPlan:
    """The plan the viewer sees (404 otherwise) when their part in it takes `step` (403 with
    `refusal` otherwise)."""
    plan = access.plan_get_for(user=request.user, id=plan_id)
    if not access.may(request.user, plan, step):
        raise PermissionDenied(refusal)
    return plan


def _plan_and_kpi(
    request: HttpRequest, plan_id: int, kpi_id: int | None
) -> tuple[WorkPlan, Kpi | None]:
    """The visible plan and one of its KPIs; 403 unless the viewer is its evaluator."""
    plan = _plan_for_step(request, plan_id, "kpis", "Only the evaluator sets the KPIs.")
    kpi = None
    if kpi_id is not None:
        kpi = visible_one(plan.kpis.all(), kpi_id, "No such KPI.")
    return plan, kpi


def _body_swap(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    """The plan's body (HTMX), swapped in for the one on the page whatever asked for it."""
    response = render_page(request, "plans/detail.html", context, partial=BODY)
    response["HX-Retarget"] = "#plan-body"
    response["HX-Reswap"] = "outerHTML"
    return response


def _after_write(request: HttpRequest, plan: WorkPlan, message: str) -> HttpResponse:
    """After a KPI write: the fresh plan body for HTMX (versions move on), a redirect otherwise."""
    if getattr(request, "htmx", False):
        plan.refresh_from_db()
        return _body_swap(request, _context(request, plan))
    messages.success(request, message)
    return redirect("plans:detail", plan_id=plan.pk)


def _kpi_form_page(
    request: HttpRequest, plan: WorkPlan, kpi: Kpi | None, form: KpiForm, status: int = 200
) -> HttpResponse:
    context = {
        "plan": plan,
        "kpi": kpi,
        "form": form,
        "quarters": [(q, form[f"plan_q{q}"], form[f"due_q{q}"]) for q in (1, 2, 3, 4)],
        "dates": [form[f"date_q{q}"] for q in (1, 2, 3, 4)],
    }
    # HTMX keeps the row in place (and swaps errors in), so it answers 200.
    if getattr(request, "htmx", False):
        status = 200
    return render_page(request, "plans/kpi_form.html", context, partial=FORM_ROW, status=status)


def _kpi_form_view(
    request: HttpRequest,
    plan_id: int,
    kpi_id: int | None,
    write: Callable[[WorkPlan, dict[str, Any]], object],
    saved: str,
) -> HttpResponse:
    """The form of a new (`kpi_id` None) or existing KPI: a form row (HTMX) or page; on POST
    the KPI's service `write` (given the plan and the form's version and data) checks the
    rules."""
    plan, kpi = _plan_and_kpi(request, plan_id, kpi_id)
    if request.method == "GET":
        return _kpi_form_page(
            request, plan, kpi, KpiForm(initial=KpiForm.initial_for(kpi, plan.version))
        )
    form = KpiForm(request.POST)
    written = form_submit(
        form,
        lambda data: write(plan, {"version": data["version"], "data": form.data_for_service()}),
    )
    if written.done:
        return _after_write(request, plan, saved)
    return _kpi_form_page(request, plan, kpi, form, refusal_status(written.error))


@login_required
@require_http_methods(["GET", "POST"])
def kpi_add_view(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Add a KPI: a form row (HTMX) or page; the service checks the rules."""
    return _kpi_form_view(
        request,
        plan_id,
        None,
        lambda plan, values: kpi_add(actor=request.user, plan_id=plan.pk, **values),
        _("The KPI was added."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def kpi_edit_view(request: HttpRequest, plan_id: int, kpi_id: int) -> HttpResponse:
    """Edit a KPI in place (HTMX) or on its own page."""
    return _kpi_form_view(
        request,
        plan_id,
        kpi_id,
        lambda plan, values: kpi_update(
            actor=request.user, plan_id=plan.pk, kpi_id=kpi_id, **values
        ),
        _("The KPI was saved."),
    )


@login_required
@require_POST
def kpi_remove_view(request: HttpRequest, plan_id: int, kpi_id: int) -> HttpResponse:
    """Remove a KPI of a draft, returned or changing plan."""
    plan, _kpi = _plan_and_kpi(request, plan_id, kpi_id)
    form = RemoveKpiForm(request.POST)
    if not form.is_valid():
        return _plan_error(request, plan, _("Reload the page and try again."), 400)
    try:
        kpi_remove(
            actor=request.user,
            plan_id=plan.pk,
            kpi_id=kpi_id,
            version=form.cleaned_data["version"],
        )
    except DomainError as error:
        return _plan_error(request, plan, error.message, refusal_status(error))
    return _after_write(request, plan, _("The KPI was removed."))


def _plan_error(request: HttpRequest, plan: WorkPlan, message: str, status: int) -> HttpResponse:
    """The plan page (or body) again with the error at the top."""
    plan.refresh_from_db()
    context = _context(request, plan, error=message)
    if getattr(request, "htmx", False):
        return _body_swap(request, context)
    return render_page(request, "plans/detail.html", context, status=status)


@login_required
@require_POST
def plan_transition(request: HttpRequest, plan_id: int, action: str) -> HttpResponse:
    """A workflow step: send to HR, agree, return, submit, approve, post."""
    plan = access.plan_get_for(user=request.user, id=plan_id)
    if action not in STEP_NAMES:
        raise Http404("No such action.")
    if not access.may(request.user, plan, action):
        raise PermissionDenied("You may not do this with this work plan.")
    form = TransitionForm(request.POST)
    if not form.is_valid():
        return _plan_error(request, plan, _("Reload the page and try again."), 400)
    try:
        plan_step(
            actor=request.user,
            plan_id=plan.pk,
            action=action,
            version=form.cleaned_data["version"],
            comment=form.cleaned_data["comment"],
            on=form.cleaned_data["on"],
        )
    except DomainError as error:
        plan.refresh_from_db()
        context = _context(
            request,
            plan,
            error=error.message,
            failed_action=action if access.may(request.user, plan, action) else None,
            failed_comment=form.cleaned_data["comment"],
        )
        return render_page(request, "plans/detail.html", context, status=refusal_status(error))
    messages.success(request, _("Done: %(action)s.") % {"action": ACTION_LABELS[action]})
    return redirect("plans:detail", plan_id=plan.pk)


def _plan_form_post(
    request: HttpRequest,
    plan: WorkPlan,
    form: DomainErrorForm,
    run: Callable[[dict[str, Any]], None],
    done: str,
    *,
    form_name: str,
) -> HttpResponse:
    """Hand the form to `run` (`form_submit`): on success a message and back to the plan;
    otherwise the plan page again (400, or the status of the service's DomainError) with the
    form as `form_name`, the error next to the field it names."""
    submitted = form_submit(form, run)
    if submitted.done:
        messages.success(request, done)
        return redirect("plans:detail", plan_id=plan.pk)
    plan.refresh_from_db()
    context = _context(request, plan, **{form_name: form})
    return render_page(
        request, "plans/detail.html", context, status=refusal_status(submitted.error)
    )


@login_required
@require_POST
def plan_change_view(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The evaluator opens a change of the approved plan (p.25) with its ground and act; errors
    are shown on the form's fields."""
    plan = _plan_for_step(request, plan_id, "change", "Only the evaluator changes the KPIs.")
    form = PlanChangeForm(request.POST, grounds=change_grounds(plan))

    def run(data: dict[str, Any]) -> None:
        plan_change_open(
            actor=request.user,
            plan_id=plan.pk,
            version=data["version"],
            ground=data["ground"],
            reference=data["reference"],
        )

    done = _("The plan is open for the change: edit its KPIs.")
    return _plan_form_post(request, plan, form, run, done, form_name="change_form")


@login_required
@require_POST
def plan_recommendation_view(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The direct manager writes the recommendation of a quarter (typical-2018, seed 004 p.16);
    errors are shown on the form's fields, nothing is written."""
    plan = _plan_for_step(
        request, plan_id, "recommend", "Only the direct manager writes the recommendations."
    )
    form = RecommendationForm(request.POST)

    def run(data: dict[str, Any]) -> None:
        plan_recommendation_write(
            actor=request.user,
            plan_id=plan.pk,
            quarter=data["quarter"],
            text=data["text"],
            on=data["on"],
        )

    done = _("The recommendation was saved.")
    return _plan_form_post(request, plan, form, run, done, form_name="recommendation_form")


# --- menu and dashboard -------------------------------------------------------------------------


def tasks_panel(request: HttpRequest, current: Viewer) -> dict[str, Any] | None:
    """The dashboard panel "Work plans to act on" (hidden when there is nothing): the first
    `PANEL_ROWS` tasks and how many more the "Work plans" page holds."""
    tasks, total = plan_task_panel(request.user, PANEL_ROWS)
    if not tasks:
        return None
    return {
        "tasks": [{"task": task, "label": TASK_LABELS[task.action]} for task in tasks],
        "more": total - len(tasks),
    }
