"""Pages of a typical-2018 year: the schedule (date, chair's consent, opening), the period's
roster, an evaluation with its two sheets, the App. 2 KPI sheet and the App. 3 competency sheet.
Views parse input and call services; what a user may do comes from the `*_actions` sets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bagalau.core import clock
from bagalau.core.confirm import confirm_page, confirmed
from bagalau.core.errors import DomainError
from bagalau.core.htmx import render_page
from bagalau.core.navigation import PANEL_ROWS
from bagalau.core.outcomes import form_step, plain_step
from bagalau.evaluations.forms_schedule import ChairConsentForm, chair_consent_submit
from bagalau.evaluations.models import (
    Evaluation,
    Period,
    PeriodKind,
    Schedule,
)
from bagalau.evaluations.selectors.explain import explain_language
from bagalau.evaluations.selectors.roster import filtered_roster_page
from bagalau.evaluations.selectors.schedule import can_manage_schedule, is_member
from bagalau.typical import access
from bagalau.typical.common import MODEL
from bagalau.typical.development import development_list
from bagalau.typical.explain import competency_sheet_explanation, kpi_sheet_explanation
from bagalau.typical.forms import (
    EvaluationDateForm,
    KpiRowsForm,
    ReturnForm,
    StepDateForm,
)
from bagalau.typical.models import TYPICAL_SCHEDULE_FLOW, ChairConsent, CompetencySheet, KpiSheet
from bagalau.typical.selectors import (
    STEP_LABELS,
    competency_lines,
    competency_sheet_deadlines,
    kpi_sheet_deadlines,
    period_roster,
    sheet_tasks,
)
from bagalau.typical.services.competency_sheet import (
    competency_sheet_fill,
    competency_sheet_open,
    competency_sheet_send,
    competency_sheet_sign,
)
from bagalau.typical.services.kpi_sheet import (
    kpi_sheet_agree,
    kpi_sheet_fill,
    kpi_sheet_open,
    kpi_sheet_return,
    kpi_sheet_send,
    kpi_sheet_sign,
)
from bagalau.typical.services.schedule import (
    date_warnings,
    typical_period_open,
    typical_schedule_record_consent,
    typical_schedule_set_date,
)

if TYPE_CHECKING:
    from bagalau.core.types import User


def _schedule(request: HttpRequest, schedule_id: int) -> Schedule:
    schedule = Schedule.objects.select_related("organisation").filter(pk=schedule_id).first()
    if (
        schedule is None
        or schedule.model != MODEL
        or not is_member(request.user, schedule.organisation)
    ):
        raise Http404("No such schedule.")
    return schedule


def _schedule_page(
    request: HttpRequest, schedule: Schedule, *, status: int = 200, **forms: Any
) -> HttpResponse:
    period = schedule.periods.get(kind=PeriodKind.ANNUAL)
    is_hr = can_manage_schedule(request.user, schedule.organisation)
    actions = (
        TYPICAL_SCHEDULE_FLOW.actions(status=schedule.status, parts={"hr"})
        if is_hr
        else frozenset()
    )
    context = {
        "schedule": schedule,
        "period": period,
        "consent": ChairConsent.objects.filter(schedule=schedule).first(),
        "warnings": date_warnings(schedule, period.planned_date),
        "actions": actions,
        "period_actions": access.typical_period_actions(user=request.user, obj=period),
        "date_form": forms.get("date_form")
        or EvaluationDateForm(initial={"evaluation_date": period.planned_date}),
        "consent_form": forms.get("consent_form") or ChairConsentForm(),
    }
    return render_page(request, "typical/schedule.html", context, status=status)


@login_required
def schedule_page(request: HttpRequest, schedule_id: int) -> HttpResponse:
    """The typical-2018 schedule of a year."""
    return _schedule_page(request, _schedule(request, schedule_id))


@login_required
@require_POST
def schedule_date(request: HttpRequest, schedule_id: int) -> HttpResponse:
    """HR sets the evaluation date (T-1)."""
    schedule = _schedule(request, schedule_id)
    refused = form_step(
        request,
        schedule,
        _schedule_page,
        form=EvaluationDateForm(request.POST),
        key="date_form",
        write=lambda data: typical_schedule_set_date(
            actor=request.user, schedule_id=schedule.pk, evaluation_date=data["evaluation_date"]
        ),
        saved=_("The evaluation date was set."),
    )
    return refused or redirect("typical:schedule", schedule.pk)


@login_required
@require_POST
def schedule_consent(request: HttpRequest, schedule_id: int) -> HttpResponse:
    """HR records the commission chair's consent (p.29)."""
    schedule = _schedule(request, schedule_id)
    form, done = chair_consent_submit(request, schedule, typical_schedule_record_consent)
    if done:
        return redirect("typical:schedule", schedule.pk)
    return _schedule_page(request, schedule, status=400, consent_form=form)


@login_required
@require_POST
def period_open(request: HttpRequest, period_id: int) -> HttpResponse:
    """HR opens the annual period: the evaluations and the notice (D2)."""
    try:
        opened = typical_period_open(actor=request.user, period_id=period_id)
    except DomainError as error:
        messages.error(request, error.message)
        period = Period.objects.filter(pk=period_id).first()
        if period is None:
            raise Http404("No such period.") from error
        return redirect("typical:schedule", period.schedule_id)
    messages.success(
        request,
        _("%(count)s evaluations were created; the evaluators were notified.")
        % {"count": len(opened.created)},
    )
    if opened.late_by:
        messages.warning(
            request,
            _("The notice was due on %(due)s: late by %(days)s working days.")
            % {"due": opened.notice_due.strftime("%d.%m.%Y"), "days": opened.late_by},
        )
    return redirect("typical:roster", period_id)


def _period(period_id: int) -> Period:
    """The typical-2018 period, or Http404."""
    period = Period.objects.select_related("schedule__organisation").filter(pk=period_id).first()
    if period is None or period.schedule.model != MODEL:
        raise Http404("No such period.")
    return period


@login_required
def roster(request: HttpRequest, period_id: int) -> HttpResponse:
    """The period's evaluations the user may see, with their sheets."""
    period = _period(period_id)
    if not is_member(request.user, period.schedule.organisation) and not (
        period_roster(request.user, period).exists()
    ):
        raise Http404("No such period.")
    context = {
        "period": period,
        **filtered_roster_page(
            request, lambda **filters: period_roster(request.user, period, **filters)
        ),
    }
    return render_page(request, "typical/roster.html", context)


@login_required
def development(request: HttpRequest, period_id: int) -> HttpResponse:
    """The year's development list: competencies not met and the indicators not observed (p.7)."""
    period = _period(period_id)
    if not is_member(request.user, period.schedule.organisation):
        raise Http404("No such period.")
    rows = development_list(request.user, period)
    return render_page(request, "typical/development.html", {"period": period, "rows": rows})


def evaluation_url(user: User, evaluation: Evaluation) -> str:
    """Where a typical-2018 evaluation is shown, for a user who may read it
    (`evaluations.hooks.register_evaluation_page`); Http404 otherwise."""
    if not access.typical_evaluations_visible_to(user).filter(pk=evaluation.pk).exists():
        raise Http404("No such evaluation.")
    return reverse("typical:evaluation", args=[evaluation.pk])


@login_required
def evaluation_page(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """A servant's typical-2018 year: status, result, the two sheets."""
    evaluation = access.typical_evaluation_get_for(user=request.user, id=evaluation_id)
    parts = access.evaluation_parts(request.user, evaluation)
    context = {
        "evaluation": evaluation,
        "kpi_sheet": getattr(evaluation, "typical_kpi_sheet", None),
        "competency_sheet": getattr(evaluation, "typical_competency_sheet", None),
        "may_open": bool(parts & {"evaluator", "hr"}),
    }
    return render_page(request, "typical/evaluation.html", context)


def _open(request: HttpRequest, evaluation_id: int, service: Any, page: str) -> HttpResponse:
    try:
        sheet = service(actor=request.user, evaluation_id=evaluation_id)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("typical:evaluation", evaluation_id)
    return redirect(page, sheet.pk)


@login_required
@require_POST
def kpi_sheet_open_view(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """Open the App. 2 sheet from the approved work plan."""
    return _open(request, evaluation_id, kpi_sheet_open, "typical:kpi_sheet")


@login_required
@require_POST
def competency_sheet_open_view(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """Open the App. 3 sheet in the position's App. 4 row."""
    return _open(request, evaluation_id, competency_sheet_open, "typical:competency_sheet")


def _deadline_rows(items: list[Any]) -> list[dict[str, Any]]:
    return [{"label": STEP_LABELS[item.step], "item": item} for item in items]


def _kpi_page(
    request: HttpRequest, sheet: Any, *, form: Any = None, step_form: Any = None, status: int = 200
) -> HttpResponse:
    rows = list(sheet.rows.all())
    actions = access.kpi_sheet_actions(user=request.user, obj=sheet)
    if form is None:
        initial: dict[str, Any] = {"version": sheet.version}
        for row in rows:
            initial[f"actual_{row.number}"] = row.actual
            initial[f"achieved_{row.number}"] = {True: "yes", False: "no"}.get(row.achieved, "")
        form = KpiRowsForm(initial=initial, numbers=[row.number for row in rows])
    context = {
        "sheet": sheet,
        "evaluation": sheet.evaluation,
        "lines": [
            {
                "row": row,
                "actual": form[f"actual_{row.number}"],
                "achieved": form[f"achieved_{row.number}"],
            }
            for row in rows
        ],
        "form": form,
        "actions": actions,
        "step_form": step_form or StepDateForm(initial={"version": sheet.version}),
        "return_form": step_form if isinstance(step_form, ReturnForm) else ReturnForm(),
        "deadlines": _deadline_rows(kpi_sheet_deadlines(sheet)),
        "explanation": kpi_sheet_explanation(sheet, explain_language(get_language())),
    }
    return render_page(request, "typical/kpi_sheet.html", context, status=status)


@dataclass(frozen=True)
class _SheetPages:
    """How the pages reach one of the year's two sheets: its audited lookup and the actions open
    to a user (typical.access), its page (URL name and view), the services of its workflow
    steps and what the direct manager's signature covers."""

    get_for: Callable[..., Any]
    actions_of: Callable[..., frozenset[str]]
    page: str
    render: Callable[..., HttpResponse]
    services: dict[str, Any]
    facts: Callable[[Any], list[tuple[str, str]]]


def _sheet_read(request: HttpRequest, sheet_id: int, pages: _SheetPages) -> Any:
    """The sheet a GET shows or a POST fills (read audited as "view" or "edit"); filling it is
    refused to a user whose actions do not include "fill"."""
    purpose = "view" if request.method == "GET" else "edit"
    sheet = pages.get_for(user=request.user, id=sheet_id, purpose=purpose)
    if request.method != "GET" and "fill" not in pages.actions_of(user=request.user, obj=sheet):
        raise PermissionDenied("Not yours to fill.")
    return sheet


@login_required
@require_http_methods(["GET", "POST"])
def kpi_sheet_page(request: HttpRequest, sheet_id: int) -> HttpResponse:
    """The App. 2 sheet; the direct manager saves columns 5-6."""
    sheet = _sheet_read(request, sheet_id, KPI_PAGES)
    if request.method == "GET":
        return _kpi_page(request, sheet)
    form = KpiRowsForm(request.POST, numbers=[row.number for row in sheet.rows.all()])
    refused = form_step(
        request,
        sheet,
        _kpi_page,
        form=form,
        key="form",
        write=lambda data: kpi_sheet_fill(
            actor=request.user,
            sheet_id=sheet.pk,
            rows=form.rows(),
            expected_version=data.get("version"),
        ),
        saved=_("The sheet was saved."),
    )
    return refused or redirect("typical:kpi_sheet", sheet.pk)


def _kpi_facts(sheet: KpiSheet) -> list[tuple[str, str]]:
    """Each KPI of App. 2 with its column 6 as saved: what the signature covers."""
    words = {True: _("achieved"), False: _("not achieved"), None: "—"}
    return [(f"{row.number}. {row.name}", str(words[row.achieved])) for row in sheet.rows.all()]


def _sign_confirm(
    request: HttpRequest,
    sheet: KpiSheet | CompetencySheet,
    page: str,
    day: dt.date | None,
    facts: list[tuple[str, str]],
) -> HttpResponse:
    """The direct manager's signature of App. 2 or App. 3 confirmed first (issue 13 item 4):
    the sheet as saved, the day, and what follows; nothing is signed before the button."""
    evaluation = sheet.evaluation
    message = _(
        "You are about to sign the sheet of %(servant)s for %(period)s as saved below. Nothing "
        "is signed yet. Once signed, the sheet can no longer be changed by you."
    ) % {"servant": evaluation.servant.full_name, "period": evaluation.period}
    day_text = (day or clock.today()).strftime("%d.%m.%Y")
    return confirm_page(
        request,
        title=_("Confirm the signature"),
        message=message,
        facts=[*facts, (_("Signed on"), day_text)],
        submit=_("Sign the sheet"),
        back_url=reverse(page, args=[sheet.pk]),
        back=_("Back to the sheet without signing"),
    )


def _signing(service: Callable[..., Any]) -> Callable[[Any, Any, dict[str, Any]], Any]:
    """The direct manager's "sign" step of either sheet (p.17, p.25-27): `service` with the day
    and the version the step form showed."""
    return lambda user, sheet, data: service(
        actor=user, sheet_id=sheet.pk, signed_on=data["day"], expected_version=data.get("version")
    )


def _sending(service: Callable[..., Any]) -> Callable[[Any, Any, dict[str, Any]], Any]:
    """HR's "send" step of either sheet to the commission (p.24, p.28): `service` with the day."""
    return lambda user, sheet, data: service(actor=user, sheet_id=sheet.pk, sent_on=data["day"])


KPI_SERVICES: dict[str, Any] = {
    "sign": _signing(kpi_sheet_sign),
    "agree": lambda user, sheet, data: kpi_sheet_agree(
        actor=user, sheet_id=sheet.pk, agreed_on=data["day"]
    ),
    "return": lambda user, sheet, data: kpi_sheet_return(
        actor=user,
        sheet_id=sheet.pk,
        ground=data["ground"],
        reason=data["reason"],
        returned_on=data["day"],
    ),
    "send": _sending(kpi_sheet_send),
}


def _sheet_action(
    request: HttpRequest, pages: _SheetPages, sheet_id: int, action: str, form: Any
) -> HttpResponse:
    """A workflow step of an App. 2 or App. 3 sheet through its service in `pages.services`, the
    direct manager's signature confirmed first (`_sign_confirm` with the sheet's facts)."""
    # reading the sheet to act on it; the service's own entry records the step once done
    sheet = pages.get_for(user=request.user, id=sheet_id)
    if action not in pages.services:
        raise Http404("No such action.")
    if action not in pages.actions_of(user=request.user, obj=sheet):
        raise PermissionDenied("Not yours to do now.")
    if action == "sign" and not confirmed(request) and form.is_valid():
        day = form.cleaned_data.get("day")
        return _sign_confirm(request, sheet, pages.page, day, pages.facts(sheet))
    refused = form_step(
        request,
        sheet,
        pages.render,
        form=form,
        key="step_form",
        write=lambda data: pages.services[action](request.user, sheet, data),
        saved=_("Done."),
    )
    return refused or redirect(pages.page, sheet.pk)


KPI_PAGES = _SheetPages(
    get_for=access.kpi_sheet_get_for,
    actions_of=access.kpi_sheet_actions,
    page="typical:kpi_sheet",
    render=_kpi_page,
    services=KPI_SERVICES,
    facts=_kpi_facts,
)


@login_required
@require_POST
def kpi_sheet_action(request: HttpRequest, sheet_id: int, action: str) -> HttpResponse:
    """A workflow step of the App. 2 sheet (sign, agree, return, send)."""
    form = ReturnForm(request.POST) if action == "return" else StepDateForm(request.POST)
    return _sheet_action(request, KPI_PAGES, sheet_id, action, form)


def _competency_page(
    request: HttpRequest, sheet: Any, *, error: str = "", step_form: Any = None, status: int = 200
) -> HttpResponse:
    context = {
        "sheet": sheet,
        "evaluation": sheet.evaluation,
        "lines": competency_lines(sheet),
        "actions": access.competency_sheet_actions(user=request.user, obj=sheet),
        "error": error,
        "step_form": step_form or StepDateForm(initial={"version": sheet.version}),
        "deadlines": _deadline_rows(competency_sheet_deadlines(sheet)),
        "explanation": competency_sheet_explanation(sheet, explain_language(get_language())),
    }
    return render_page(request, "typical/competency_sheet.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def competency_sheet_page(request: HttpRequest, sheet_id: int) -> HttpResponse:
    """The App. 3 sheet; the direct manager saves the checklist of observed indicators."""
    sheet = _sheet_read(request, sheet_id, COMPETENCY_PAGES)
    if request.method == "GET":
        return _competency_page(request, sheet)
    observed: dict[str, list[int]] = {}
    for line in competency_lines(sheet):
        values = request.POST.getlist(f"observed_{line.code}")
        observed[line.code] = [int(v) for v in values if v.isascii() and v.isdigit()]
    version = request.POST.get("version", "")
    refused = plain_step(
        request,
        sheet,
        _competency_page,
        write=lambda: competency_sheet_fill(
            actor=request.user,
            sheet_id=sheet.pk,
            observed=observed,
            expected_version=int(version) if version.isascii() and version.isdigit() else None,
        ),
        saved=_("The sheet was saved."),
    )
    return refused or redirect("typical:competency_sheet", sheet.pk)


COMPETENCY_SERVICES: dict[str, Any] = {
    "sign": _signing(competency_sheet_sign),
    "send": _sending(competency_sheet_send),
}


def _competency_facts(sheet: CompetencySheet) -> list[tuple[str, str]]:
    """Each competency of App. 3 with the effective indicators observed as saved."""
    return [
        (
            f"{line.number}. {line.label}",
            _("%(seen)s of %(all)s effective indicators observed")
            % {
                "seen": sum(1 for i in line.indicators if i.observed),
                "all": len(line.indicators),
            },
        )
        for line in competency_lines(sheet)
    ]


COMPETENCY_PAGES = _SheetPages(
    get_for=access.competency_sheet_get_for,
    actions_of=access.competency_sheet_actions,
    page="typical:competency_sheet",
    render=_competency_page,
    services=COMPETENCY_SERVICES,
    facts=_competency_facts,
)


@login_required
@require_POST
def competency_sheet_action(request: HttpRequest, sheet_id: int, action: str) -> HttpResponse:
    """A workflow step of the App. 3 sheet (sign, send)."""
    return _sheet_action(request, COMPETENCY_PAGES, sheet_id, action, StepDateForm(request.POST))


def schedule_url(schedule: Schedule) -> str:
    """The page of a typical-2018 schedule."""
    return reverse("typical:schedule", args=[schedule.pk])


#: What a dashboard task asks for.
TASK_LABELS = {
    ("kpi", "open"): gettext_lazy("Open the KPI sheet"),
    ("competency", "open"): gettext_lazy("Open the competency sheet"),
    ("kpi", "sign"): gettext_lazy("Fill in and sign the KPI sheet"),
    ("competency", "sign"): gettext_lazy("Fill in and sign the competency sheet"),
    ("kpi", "agree"): gettext_lazy("Agree or return the KPI sheet"),
    ("kpi", "send"): gettext_lazy("Send the KPI sheet to the commission"),
    ("competency", "send"): gettext_lazy("Send the competency sheet to the commission"),
}


def tasks_panel(request: HttpRequest, current: Any) -> dict[str, Any] | None:
    """The dashboard panel "Typical-2018 sheets to act on" (hidden when there is nothing): the
    first `PANEL_ROWS` tasks, and a link to the period's roster when there are more."""
    tasks = sheet_tasks(request.user, limit=PANEL_ROWS)
    if not tasks:
        return None
    return {
        "tasks": [
            {"task": task, "label": TASK_LABELS[(task.what, task.action)]}
            for task in tasks[:PANEL_ROWS]
        ],
        "more": len(tasks) > PANEL_ROWS,
        "period_id": tasks[0].evaluation.period_id,
    }
