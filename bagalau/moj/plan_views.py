"""Pages of the App. 1 work plan (seed 001 p.10-13; M-3, M-15): the plans a user draws up or
keeps, and their annual sheets; a plan with its versions, its due date and the steps
`workplan_actions` opens to the reader."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bagalau.core import clock
from bagalau.core.forms import form_submit
from bagalau.core.htmx import render_page
from bagalau.core.outcomes import form_step, plain_step
from bagalau.core.paging import paginate
from bagalau.moj.access import may_open_sheet
from bagalau.moj.annual_selectors import annual_evaluations_for
from bagalau.moj.models import WorkPlan
from bagalau.moj.plan_access import workplan_actions, workplan_get_for
from bagalau.moj.plan_forms import AmendForm, NewWorkPlanForm, WorkPlanForm
from bagalau.moj.plan_selectors import (
    filed_revision,
    plan_history,
    plan_people,
    work_plan_deadline,
    work_plan_deadlines,
    work_plans_visible,
)
from bagalau.moj.services.work_plan import (
    current_revision,
    work_plan_amend,
    work_plan_create,
    work_plan_edit,
    work_plan_sign,
)
from bagalau.org.models import Servant
from bagalau.org.selectors import roles_remembered


def _people(servants: list[Servant]) -> list[tuple[int, str]]:
    """Whose plan the user may start: their own and their direct reports' (`plan_people`)."""
    return [(s.pk, s.full_name) for s in servants]


def _list(
    request: HttpRequest, form: NewWorkPlanForm | None = None, status: int = 200
) -> HttpResponse:
    servants = plan_people(request.user)
    people = _people(servants)
    annual = annual_evaluations_for(request.user)
    page = paginate(request, work_plans_visible(request.user, people=servants))
    deadlines = work_plan_deadlines(page.object_list)
    with roles_remembered(request.user):
        may_open = {e.pk for e in annual if may_open_sheet(request.user, e)}
    context = {
        "plans": [(plan, deadlines[plan.pk]) for plan in page.object_list],
        "page": page,
        "annual": annual,
        "may_open": may_open,
        "form": form
        or (
            NewWorkPlanForm(people=people, initial={"year": clock.today().year}) if people else None
        ),
    }
    return render_page(request, "moj/work_plans.html", context, status=status)


@login_required
def plans_page(request: HttpRequest) -> HttpResponse:
    """The user's plans and their direct reports' (drawn up together, p.10), a page at a time
    with each plan's due date, first filing day and lateness (p.10-11, p.13), and the annual
    sheets the user takes part in; the same number of queries whatever the number of plans
    (issue 12 item 3)."""
    return _list(request)


@login_required
@require_POST
def plan_new(request: HttpRequest) -> HttpResponse:
    """The servant, or the direct manager jointly, drafts a plan."""
    form = NewWorkPlanForm(request.POST, people=_people(plan_people(request.user)))
    done = form_submit(
        form,
        lambda data: work_plan_create(
            actor=request.user,
            servant_id=data["servant"],
            year=data["year"],
            indicators=form.indicators(data),
        ),
    )
    if done.done and done.result is not None:
        messages.success(request, _("The work plan was drafted."))
        return redirect("moj:work_plan", done.result.pk)
    return _list(request, form, status=200 if form.searching else 400)


def _page(request: HttpRequest, plan: WorkPlan, *, status: int = 200, **forms: Any) -> HttpResponse:
    actions = workplan_actions(user=request.user, obj=plan)
    revision = current_revision(plan)
    context = {
        "plan": plan,
        "revision": revision,
        "filed": filed_revision(plan),
        "history": plan_history(plan),
        "deadline": work_plan_deadline(plan),
        "actions": actions,
        "edit_form": forms.get("edit_form")
        or (
            WorkPlanForm(indicators=revision.indicators, initial={"version": plan.version})
            if "edit" in actions
            else None
        ),
        "amend_form": forms.get("amend_form") or AmendForm(initial={"version": plan.version}),
        "error": forms.get("error", ""),
    }
    return render_page(request, "moj/work_plan.html", context, status=status)


@login_required
def plan_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The plan (audited read)."""
    return _page(request, workplan_get_for(user=request.user, id=plan_id))


@login_required
@require_POST
def plan_action(request: HttpRequest, plan_id: int, action: str) -> HttpResponse:
    """A step of the plan; a refused one shows the error on its field and writes nothing."""
    plan = workplan_get_for(user=request.user, id=plan_id)
    user = request.user
    if action == "edit":
        form = WorkPlanForm(request.POST, indicators=[])
        refused = form_step(
            request,
            plan,
            _page,
            form=form,
            key="edit_form",
            write=lambda data: work_plan_edit(
                actor=user,
                plan_id=plan.pk,
                indicators=form.indicators(data),
                version=data["version"],
            ),
            saved=_("The work plan was saved."),
        )
    elif action == "sign":
        refused = plain_step(
            request,
            plan,
            _page,
            write=lambda: work_plan_sign(actor=user, plan_id=plan.pk),
            saved=_("The work plan was signed."),
        )
    elif action == "amend":
        refused = form_step(
            request,
            plan,
            _page,
            form=AmendForm(request.POST),
            key="amend_form",
            write=lambda data: work_plan_amend(
                actor=user, plan_id=plan.pk, reason=data["reason"], version=data["version"]
            ),
            saved=_("An amendment of the work plan was started."),
        )
    else:
        raise Http404("No such step.")
    return refused or redirect("moj:work_plan", plan.pk)
