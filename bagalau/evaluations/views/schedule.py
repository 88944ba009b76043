"""Evaluation pages: the year's schedule (HR drafts, the head of the apparatus approves, everyone
in the organisation sees the dates), a quarter's roster with its open/close buttons, and the
cycle overview with progress bars per unit (HR)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from bagalau.core import bounds, clock
from bagalau.core.context import Viewer, viewer
from bagalau.core.errors import DomainError
from bagalau.core.forms import form_submit
from bagalau.core.htmx import render_page
from bagalau.core.jobs import PeriodicJob, register_job
from bagalau.core.navigation import PANEL_ROWS, NavItem, Panel, register_nav, register_panel
from bagalau.core.outcomes import run_and_say
from bagalau.evaluations.access import period_actions, period_get_for, schedule_actions
from bagalau.evaluations.forms_schedule import (
    PlannedDateForm,
    ScheduleDraftForm,
    ScheduleReturnForm,
)
from bagalau.evaluations.jobs import period_open_submit
from bagalau.evaluations.models import (
    Evaluation,
    Period,
    PeriodKind,
    Schedule,
)
from bagalau.evaluations.selectors.progress import cycle_progress, overdue
from bagalau.evaluations.selectors.roster import roster_page
from bagalau.evaluations.selectors.schedule import (
    can_approve_schedule,
    can_manage_schedule,
    can_see_progress,
    open_periods,
    period_dates,
    period_title,
    periods_ready_to_open,
    schedule_dates,
    schedule_for,
    schedule_return_comment,
    schedules_to_approve,
)
from bagalau.evaluations.services.quarters import quarter_notices_send
from bagalau.evaluations.services.schedule import (
    FIRST_YEAR,
    LAST_YEAR,
    evaluation_evaluator_refresh,
    period_close,
    period_set_planned_date,
    schedule_approve,
    schedule_draft,
    schedule_return,
    schedule_submit,
)
from bagalau.methodology import EvaluationModel, MethodologyError
from bagalau.org.models import Organisation
from bagalau.org.selectors import organisation_edition, unit_order

ROW = "evaluations/schedule/partials/period_row.html"


# --- helpers ---------------------------------------------------------------------------------


def _organisation(request: HttpRequest) -> Organisation:
    """The viewer's current organisation; people outside every organisation see nothing."""
    organisation = viewer(request).organisation
    if organisation is None:
        raise PermissionDenied("You do not belong to an organisation.")
    return organisation


def _year(request: HttpRequest) -> int:
    year = bounds.ascii_int(request.GET.get("year", ""))  # not int(): "²" is a digit to isdigit()
    if year is not None and FIRST_YEAR <= year <= LAST_YEAR:
        return year
    return clock.today().year


def _schedule_url(year: int) -> str:
    return f"{reverse('evaluations:schedule')}?year={year}"


def _year_model(organisation: Organisation, year: int) -> str:
    """The evaluation model of the edition in force at the end of the year ("" when none)."""
    try:
        return organisation_edition(organisation, dt.date(year, 12, 31)).model
    except MethodologyError:
        return ""


def _row_context(request: HttpRequest, period: Period, **extra: Any) -> dict[str, Any]:
    """What one line of the schedule table needs."""
    organisation = period.schedule.organisation
    is_hr = can_manage_schedule(request.user, organisation)
    return {
        "line": period_dates(period),
        "schedule_actions": schedule_actions(user=request.user, obj=period.schedule),
        "show_links": is_hr or can_approve_schedule(request.user, organisation),
        "show_progress": can_see_progress(request.user, organisation),
        **extra,
    }


def _schedule_page(
    request: HttpRequest,
    organisation: Organisation,
    year: int,
    *,
    draft_form: ScheduleDraftForm | None = None,
    return_form: ScheduleReturnForm | None = None,
    status: int = 200,
) -> HttpResponse:
    schedule = schedule_for(organisation, year)
    if schedule is not None and schedule.model == EvaluationModel.TYPICAL2018:
        # A typical-2018 year has its own page (bagalau.typical): one annual period, the chair's
        # consent instead of the head's approval (seed 004 p.29).
        return redirect("typical:schedule", schedule.pk)
    if schedule is not None and schedule.model == EvaluationModel.MOJ2017:
        # A moj-2017 year too (bagalau.moj): its quarters with the Q4 cut-off (M-4), the chair's
        # consent (seed 001 p.14).
        return redirect("moj:schedule", schedule.pk)
    is_hr = can_manage_schedule(request.user, organisation)
    is_head = can_approve_schedule(request.user, organisation)
    context = {
        "organisation": organisation,
        "year": year,
        "previous_year": year - 1 if year > FIRST_YEAR else None,
        "next_year": year + 1 if year < LAST_YEAR else None,
        "schedule": schedule,
        "lines": schedule_dates(schedule) if schedule else [],
        "return_comment": schedule_return_comment(schedule) if schedule else "",
        "is_hr": is_hr,
        "is_head": is_head,
        "schedule_actions": schedule_actions(user=request.user, obj=schedule)
        if schedule is not None
        else frozenset(),
        "show_links": is_hr or is_head,
        "show_progress": can_see_progress(request.user, organisation),
        "draft_form": draft_form or ScheduleDraftForm(initial={"year": year}),
        "return_form": return_form or ScheduleReturnForm(),
        "moj_draft": (
            schedule is None
            and is_hr
            and _year_model(organisation, year) == EvaluationModel.MOJ2017
        ),
    }
    return render_page(request, "evaluations/schedule/schedule.html", context, status=status)


# --- the schedule ----------------------------------------------------------------------------


@login_required
def schedule_page(request: HttpRequest) -> HttpResponse:
    """The year's schedule with every computed date; HR's and the head's actions."""
    return _schedule_page(request, _organisation(request), _year(request))


@login_required
@require_POST
def schedule_draft_view(request: HttpRequest) -> HttpResponse:
    """HR drafts the schedule of a year."""
    organisation = _organisation(request)
    form = ScheduleDraftForm(request.POST)
    drafted = form_submit(
        form,
        lambda data: schedule_draft(
            actor=request.user, organisation=organisation, year=data["year"]
        ),
    )
    if drafted.done:
        year = form.cleaned_data["year"]
        messages.success(
            request, gettext("The schedule for %(year)s was drafted.") % {"year": year}
        )
        return redirect(_schedule_url(year))
    if drafted.error is None and not can_manage_schedule(request.user, organisation):
        raise PermissionDenied("Only the HR service drafts the schedule.")
    return _schedule_page(request, organisation, _year(request), draft_form=form, status=400)


def _schedule_action(
    request: HttpRequest, schedule_id: int, action: Any, done: str
) -> HttpResponse:
    """Run a button's service on the schedule and go back to its page with the outcome."""
    organisation = _organisation(request)
    try:
        schedule = action(actor=request.user, schedule_id=schedule_id)
    except DomainError as error:
        messages.error(request, error.message)
        years = Schedule.objects.filter(pk=schedule_id, organisation=organisation)
        year = years.values_list("year", flat=True).first() or _year(request)
        return redirect(_schedule_url(year))
    messages.success(request, done % {"year": schedule.year})
    return redirect(_schedule_url(schedule.year))


@login_required
@require_POST
def schedule_submit_view(request: HttpRequest, schedule_id: int) -> HttpResponse:
    """HR submits the draft to the head of the apparatus."""
    return _schedule_action(
        request,
        schedule_id,
        schedule_submit,
        gettext("The schedule for %(year)s was submitted for approval."),
    )


@login_required
@require_POST
def schedule_approve_view(request: HttpRequest, schedule_id: int) -> HttpResponse:
    """The head of the apparatus approves the schedule."""
    return _schedule_action(
        request, schedule_id, schedule_approve, gettext("The schedule for %(year)s was approved.")
    )


@login_required
@require_POST
def schedule_return_view(request: HttpRequest, schedule_id: int) -> HttpResponse:
    """The head of the apparatus returns the schedule to HR with a comment."""
    organisation = _organisation(request)
    form = ScheduleReturnForm(request.POST)
    form.is_valid()
    try:
        schedule = schedule_return(
            actor=request.user,
            schedule_id=schedule_id,
            comment=form.cleaned_data.get("comment", ""),
        )
    except DomainError as error:
        form.add_domain_error(error)
        return _schedule_page(request, organisation, _year(request), return_form=form, status=400)
    messages.success(
        request, gettext("The schedule for %(year)s was returned to HR.") % {"year": schedule.year}
    )
    return redirect(_schedule_url(schedule.year))


@login_required
def schedule_period_row(request: HttpRequest, period_id: int) -> HttpResponse:
    """One line of the schedule (HTMX: the cancel of an inline edit)."""
    period = period_get_for(user=request.user, id=period_id)
    if not getattr(request, "htmx", False):
        return redirect(_schedule_url(period.schedule.year))
    return render_page(request, ROW, _row_context(request, period))


@login_required
@require_http_methods(["GET", "POST"])
def schedule_planned_date(request: HttpRequest, period_id: int) -> HttpResponse:
    """HR edits a period's planned date inline (HTMX) while the schedule is a draft."""
    period = period_get_for(user=request.user, id=period_id)
    if not can_manage_schedule(request.user, period.schedule.organisation):
        raise PermissionDenied("Only the HR service plans the dates.")
    status = 200
    if request.method == "POST":
        form = PlannedDateForm(request.POST, auto_id=f"id_p{period.pk}_%s")
        planned = form_submit(
            form,
            lambda data: period_set_planned_date(
                actor=request.user,
                period_id=period.pk,
                planned_date=data["planned_date"],
                expected=data.get("expected"),
            ),
        )
        if planned.done and planned.result is not None:
            period = planned.result
            if getattr(request, "htmx", False):
                return render_page(request, ROW, _row_context(request, period))
            messages.success(request, gettext("The planned date was saved."))
            return redirect(_schedule_url(period.schedule.year))
        # HTMX swaps 2xx answers only: the form comes back with its errors as a 200.
        status = 200 if getattr(request, "htmx", False) else 400
    else:
        form = PlannedDateForm(
            initial={"planned_date": period.planned_date, "expected": period.planned_date},
            auto_id=f"id_p{period.pk}_%s",
        )
    context = _row_context(request, period, editing=True, form=form)
    return render_page(
        request, "evaluations/schedule/planned_date.html", context, partial=ROW, status=status
    )


# --- a quarter: roster, open, close, progress -------------------------------------------------


@login_required
def schedule_roster(request: HttpRequest, period_id: int) -> HttpResponse:
    """Who is evaluated how in a quarter; HR opens and closes it here."""
    period = period_get_for(user=request.user, id=period_id)
    if period.kind != PeriodKind.QUARTER:
        raise Http404("Only quarters have a roster.")
    organisation = period.schedule.organisation
    found = roster_page(request.user, period, request)
    if found is None:
        raise PermissionDenied("You may not see this roster.")
    is_hr = can_manage_schedule(request.user, organisation)
    context = {
        "period": period,
        "title": period_title(period),
        "line": period_dates(period),
        "rows": found.rows,
        "page": found.page,
        "filters": found.filters,
        "units": found.units,
        "statuses": found.statuses,
        "is_hr": is_hr,
        "period_actions": period_actions(user=request.user, obj=period),
        "show_progress": can_see_progress(request.user, organisation),
        "today": clock.today(),
    }
    return render_page(request, "evaluations/schedule/roster.html", context)


@login_required
@require_POST
def schedule_open(request: HttpRequest, period_id: int) -> HttpResponse:
    """HR opens (or re-opens, adding newcomers) a quarter: checked at once, then opened by a
    background job whose progress the job's page shows (issue 14 item 3)."""
    period = period_get_for(user=request.user, id=period_id)
    try:
        job = period_open_submit(actor=request.user, period=period)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        return redirect("jobs:job", job.pk)
    return redirect("evaluations:schedule_roster", period_id=period.pk)


@login_required
@require_POST
def evaluator_refresh(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """HR gives an unsigned evaluation to the evaluator the structure names today."""
    try:
        evaluation = evaluation_evaluator_refresh(actor=request.user, evaluation_id=evaluation_id)
    except DomainError as error:
        messages.error(request, error.message)
        period_id = (
            Evaluation.objects.filter(pk=evaluation_id).values_list("period_id", flat=True).get()
        )
        return redirect("evaluations:schedule_roster", period_id=period_id)
    messages.success(
        request,
        gettext("%(servant)s is now evaluated by %(evaluator)s.")
        % {
            "servant": evaluation.servant.full_name,
            "evaluator": evaluation.evaluator.full_name if evaluation.evaluator else "",
        },
    )
    return redirect("evaluations:schedule_roster", period_id=evaluation.period_id)


@login_required
@require_POST
def schedule_close(request: HttpRequest, period_id: int) -> HttpResponse:
    """HR closes a quarter whose evaluations are all final."""
    period = period_get_for(user=request.user, id=period_id)
    run_and_say(
        request,
        lambda: period_close(actor=request.user, period_id=period.pk),
        gettext("The period is closed."),
    )
    return redirect("evaluations:schedule_roster", period_id=period.pk)


@login_required
def schedule_progress(request: HttpRequest, period_id: int) -> HttpResponse:
    """The cycle overview of a quarter: progress bars per unit and the overdue sheets (counts and
    workflow status only)."""
    period = period_get_for(user=request.user, id=period_id)
    if not can_see_progress(request.user, period.schedule.organisation):
        raise PermissionDenied("The cycle overview is the HR service's.")
    if period.schedule.model != EvaluationModel.SJC2023:
        raise Http404("The cycle overview follows the sjc-2023 schedule.")
    context = {
        "period": period,
        "title": period_title(period),
        "line": period_dates(period),
        "progress": cycle_progress(period),
        "overdue": overdue(period),
    }
    return render_page(
        request,
        "evaluations/schedule/progress.html",
        context,
        partial="evaluations/schedule/partials/progress.html",
    )


# --- menu and dashboard ----------------------------------------------------------------------


def _cycle_panel(request: HttpRequest, current: Viewer) -> dict[str, Any] | None:
    """HR's "Evaluation cycle": progress of the open quarters, quarters ready to open, and the
    state of this year's schedule."""
    organisation = current.organisation
    if organisation is None or not current.is_hr:
        return None
    year = clock.today().year
    # another model's period has its own pages
    periods = [p for p in open_periods(organisation) if p.schedule.model == EvaluationModel.SJC2023]
    order = unit_order(organisation) if periods else []
    return {
        "year": year,
        "schedule": schedule_for(organisation, year),
        "open": [
            {
                "title": period_title(p),
                "period": p,
                "progress": cycle_progress(p, limit=PANEL_ROWS, order=order),
            }
            for p in periods
        ],
        "ready": [
            {"title": period_title(p), "period": p} for p in periods_ready_to_open(organisation)
        ],
    }


def _approval_panel(request: HttpRequest, current: Viewer) -> dict[str, Any] | None:
    """The head of the apparatus: schedules waiting for approval."""
    organisation = current.organisation
    if organisation is None or not current.is_apparatus_head:
        return None
    waiting = list(schedules_to_approve(organisation))
    return {"schedules": waiting} if waiting else None


urlpatterns: list[URLPattern] = [
    path("schedule/", schedule_page, name="schedule"),
    path("schedule/draft/", schedule_draft_view, name="schedule_draft"),
    path("schedule/<int:schedule_id>/submit/", schedule_submit_view, name="schedule_submit"),
    path("schedule/<int:schedule_id>/approve/", schedule_approve_view, name="schedule_approve"),
    path("schedule/<int:schedule_id>/return/", schedule_return_view, name="schedule_return"),
    path("schedule/periods/<int:period_id>/", schedule_roster, name="schedule_roster"),
    path("schedule/periods/<int:period_id>/row/", schedule_period_row, name="schedule_period_row"),
    path(
        "schedule/periods/<int:period_id>/planned-date/",
        schedule_planned_date,
        name="schedule_planned_date",
    ),
    path("schedule/periods/<int:period_id>/open/", schedule_open, name="schedule_open"),
    path("schedule/periods/<int:period_id>/close/", schedule_close, name="schedule_close"),
    path(
        "schedule/evaluations/<int:evaluation_id>/evaluator/",
        evaluator_refresh,
        name="evaluator_refresh",
    ),
    path("schedule/periods/<int:period_id>/progress/", schedule_progress, name="schedule_progress"),
]


def _notices_job() -> str:
    return str(quarter_notices_send())


def register() -> None:
    """Menu entries and dashboard panels of these pages (called from EvaluationsConfig.ready),
    and the job that sends the notices of p.26 and p.30 by itself."""
    register_job(PeriodicJob(key="evaluations.quarter_notices", run=_notices_job, order=40))
    register_nav(
        NavItem(
            key="evaluations.schedule",
            label=_("Schedule"),
            url_name="evaluations:schedule",
            # HR and the head of the apparatus work here; every servant may see the dates.
            visible=lambda v: (
                v.organisation is not None
                and (v.is_hr or v.is_apparatus_head or v.servant is not None)
            ),
            order=30,
        )
    )
    register_panel(
        Panel(
            key="evaluations.cycle",
            template="evaluations/schedule/panel.html",
            context=_cycle_panel,
            order=20,
        )
    )
    register_panel(
        Panel(
            key="evaluations.schedule_to_approve",
            template="evaluations/schedule/approval_panel.html",
            context=_approval_panel,
            order=10,
        )
    )
