"""Pages of a moj-2017 year (seed 001 p.3, p.14; EDITIONS.md §5.2 C1, C2, §9 M-4): HR draws up
the schedule (year and the fourth quarter's cut-off), records the chair's consent, opens a quarter
and sends the notice with the blank sheets; a period's roster (evaluated, deferred, not
evaluated); the notice page with the blank sheets; HR's dashboard panel of a quarter's progress.
Views parse input and call services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bagalau.core import clock
from bagalau.core.context import Viewer, viewer
from bagalau.core.errors import DomainError
from bagalau.core.forms import form_submit
from bagalau.core.htmx import render_page
from bagalau.evaluations.forms_schedule import ChairConsentForm, chair_consent_submit
from bagalau.evaluations.models import PeriodStatus, Schedule
from bagalau.evaluations.selectors.roster import filtered_roster_page
from bagalau.evaluations.selectors.schedule import can_manage_schedule
from bagalau.moj.forms import ScheduleDraftForm
from bagalau.moj.models import MOJ_SCHEDULE_FLOW, ScheduleConsent
from bagalau.moj.schedule_selectors import (
    NO_SHEET,
    may_see_roster,
    moj_period_get_for,
    moj_schedule_get_for,
    period_roster,
    quarter_progress,
    schedule_lines,
)
from bagalau.moj.services.consent import moj_quarter_open, moj_schedule_record_consent
from bagalau.moj.services.notice import (
    NoticeSent,
    moj_notice_send,
    notice_sheets,
    period_notice_due,
)
from bagalau.moj.services.schedule import QuarterOpened, moj_schedule_draft

T = TypeVar("T")


@login_required
@require_http_methods(["GET", "POST"])
def schedule_new(request: HttpRequest) -> HttpResponse:
    """HR draws up a moj-2017 year's schedule: the year and the fourth quarter's cut-off (M-4)."""
    organisation = viewer(request).organisation
    if organisation is None or not can_manage_schedule(request.user, organisation):
        raise PermissionDenied("Only the HR service draws up the schedule.")
    if request.method == "GET":
        year = request.GET.get("year", "")
        initial = {"year": int(year) if year.isascii() and year.isdigit() else clock.today().year}
        form = ScheduleDraftForm(initial=initial)
        return render_page(request, "moj/schedule_new.html", {"form": form})
    form = ScheduleDraftForm(request.POST)
    done = form_submit(
        form,
        lambda data: moj_schedule_draft(
            actor=request.user,
            organisation=organisation,
            year=data["year"],
            q4_cutoff=data.get("q4_cutoff"),
        ),
    )
    if done.done and done.result is not None:
        messages.success(request, _("The schedule was drawn up; record the chair's consent."))
        return redirect("moj:schedule", done.result.pk)
    return render_page(request, "moj/schedule_new.html", {"form": form}, status=400)


def _schedule_page(
    request: HttpRequest, schedule: Schedule, *, form: Any = None, status: int = 200
) -> HttpResponse:
    is_hr = can_manage_schedule(request.user, schedule.organisation)
    actions = (
        MOJ_SCHEDULE_FLOW.actions(status=schedule.status, parts={"hr"}) if is_hr else frozenset()
    )
    context = {
        "schedule": schedule,
        "lines": schedule_lines(schedule),
        "consent": ScheduleConsent.objects.filter(schedule=schedule).first(),
        "actions": actions,
        "is_hr": is_hr,
        "in_force": schedule.status in MOJ_SCHEDULE_FLOW.group("in_force"),
        "consent_form": form or ChairConsentForm(),
        "show_roster": may_see_roster(request.user, schedule.organisation),
    }
    return render_page(request, "moj/schedule.html", context, status=status)


@login_required
def schedule_page(request: HttpRequest, schedule_id: int) -> HttpResponse:
    """The moj-2017 schedule of a year: every period it has with its dates, the consent."""
    return _schedule_page(request, moj_schedule_get_for(user=request.user, id=schedule_id))


@login_required
@require_POST
def schedule_consent(request: HttpRequest, schedule_id: int) -> HttpResponse:
    """HR records the commission chair's consent (p.14)."""
    schedule = moj_schedule_get_for(user=request.user, id=schedule_id)
    form, done = chair_consent_submit(request, schedule, moj_schedule_record_consent)
    if done:
        return redirect("moj:schedule", schedule.pk)
    if not can_manage_schedule(request.user, schedule.organisation):
        raise PermissionDenied("Only the HR service records the chair's consent.")
    return _schedule_page(request, schedule, form=form, status=400)


def _period_step(
    request: HttpRequest, period_id: int, step: Callable[..., T], said: Callable[[T], None]
) -> HttpResponse:
    """HR's `step` on a period the user may see: its refusal said on the schedule's page, its
    result `said` on the period's."""
    period = moj_period_get_for(user=request.user, id=period_id)
    try:
        result = step(actor=request.user, period_id=period.pk)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("moj:schedule", period.schedule_id)
    said(result)
    return redirect("moj:period", period.pk)


@login_required
@require_POST
def period_open(request: HttpRequest, period_id: int) -> HttpResponse:
    """HR opens a quarter of a schedule in force."""

    def said(opened: QuarterOpened) -> None:
        messages.success(
            request,
            _("%(count)s evaluations were created; send the notice with the blank sheets.")
            % {"count": len(opened.created)},
        )

    return _period_step(request, period_id, moj_quarter_open, said)


@login_required
def period_page(request: HttpRequest, period_id: int) -> HttpResponse:
    """Who is evaluated, deferred or not evaluated in a period: every row for the HR service and
    the head of the apparatus, a direct manager's own rows for the direct manager; HR and the
    row's direct manager open its App. 3 sheet here."""
    period = moj_period_get_for(user=request.user, id=period_id)
    organisation = period.schedule.organisation
    overview = may_see_roster(request.user, organisation)
    mine = None if overview else request.user.pk
    if mine is not None and not period_roster(period, evaluator_user_id=mine).exists():
        raise PermissionDenied("The roster is the HR service's and the direct managers'.")
    is_hr = can_manage_schedule(request.user, organisation)
    context = {
        "period": period,
        **filtered_roster_page(
            request, lambda **filters: period_roster(period, evaluator_user_id=mine, **filters)
        ),
        "may_open_sheets": is_hr,
        "notice": getattr(period, "moj_notice", None),
        "notice_due": period_notice_due(period),
        "may_send": is_hr and period.status != PeriodStatus.SCHEDULED,
    }
    return render_page(request, "moj/period.html", context)


@login_required
def notice_page(request: HttpRequest, period_id: int) -> HttpResponse:
    """The notice of a period (p.14): its evaluation date and the blank sheets to fill in, for
    every member of the organisation (the blanks carry no one's data)."""
    period = moj_period_get_for(user=request.user, id=period_id)
    context = {"period": period, "sheets": notice_sheets(period)}
    return render_page(request, "moj/notice.html", context)


@login_required
@require_POST
def notice_send(request: HttpRequest, period_id: int) -> HttpResponse:
    """HR sends the notice of an opened period to its evaluatees and evaluators."""

    def said(sent: NoticeSent) -> None:
        messages.success(request, _("%(count)s notifications were sent.") % {"count": sent.sent})
        if sent.notice.late_by:
            messages.warning(
                request,
                _("The notice was due on %(due)s: late by %(days)s calendar days.")
                % {"due": sent.notice.due.strftime("%d.%m.%Y"), "days": sent.notice.late_by},
            )

    return _period_step(request, period_id, moj_notice_send, said)


def progress_panel(request: HttpRequest, current: Viewer) -> dict[str, Any] | None:
    """HR's dashboard panel: each open moj-2017 quarter's evaluations counted by App. 3 sheet
    status (hidden when there is none)."""
    if current.organisation is None or not current.is_hr:
        return None
    quarters = quarter_progress(current.organisation)
    return {"quarters": quarters, "no_sheet": NO_SHEET} if quarters else None
