"""Calibration pages before the session: the work lists, the servant's application and the
head's decision (seed 002 p.12, p.38-39)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from bagalau.calibration import selectors
from bagalau.calibration.access import (
    application_actions,
    application_get_for,
    evaluation_read,
    is_apparatus_head,
    is_evaluatee,
)
from bagalau.calibration.forms import ApplyForm, DecideForm
from bagalau.calibration.models import Application
from bagalau.calibration.services import calibration_apply, calibration_decide
from bagalau.core import clock
from bagalau.core.forms import form_submit
from bagalau.core.htmx import render_page

# --- the work lists ------------------------------------------------------------------------------


def application_rows(applications: Any, today: Any) -> list[dict[str, Any]]:
    rows = []
    for application in applications:
        session = getattr(application, "session", None)
        rows.append(
            {
                "application": application,
                "evaluation": application.evaluation,
                "session": session,
                "decision_overdue": selectors.decision_overdue(application, today),
                "decided_late": selectors.decided_late(application),
                "posting_overdue": session is not None
                and selectors.posting_overdue(session, today),
                "posted_late": session is not None and selectors.posted_late(session),
            }
        )
    return rows


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Everything calibration asks of the viewer, by role; no scores on this page."""
    user = request.user
    today = clock.today()
    context = {
        "today": today,
        "mine": application_rows(selectors.applications_of(user), today),
        "to_decide": application_rows(selectors.applications_to_decide(user), today),
        "ordered": list(selectors.sessions_ordered(user)),
        "participating": list(selectors.sessions_of_participant(user)),
        "to_vote": set(selectors.sessions_to_vote(user).values_list("pk", flat=True)),
        "presenting": list(selectors.sessions_of_evaluator(user)),
        "hr": application_rows(selectors.applications_for_hr(user)[:300], today),
        "to_sign": list(selectors.protocols_to_sign(user)),
        "to_post": list(selectors.protocols_to_post(user)),
    }
    return render_page(request, "calibration/index.html", context)


# --- applying (p.12) -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """The servant's application for a calibration session, from their result (a result: the
    read is audited)."""
    evaluation = evaluation_read(request.user, evaluation_id)
    if not is_evaluatee(request.user, evaluation):
        raise PermissionDenied
    existing = Application.objects.filter(evaluation=evaluation).first()
    if existing is not None:
        return redirect("calibration:application", existing.pk)
    form = ApplyForm(request.POST or None)
    if request.method == "POST":
        applied = form_submit(
            form,
            lambda data: calibration_apply(
                actor=request.user, evaluation_id=evaluation.pk, text=data["text"]
            ),
        )
        if applied.result is not None:
            messages.success(request, _("Your application was sent to the head of the apparatus."))
            return redirect("calibration:application", applied.result.pk)
    try:
        due = selectors.application_due(evaluation)
    except ValueError:
        due = None
    context = {
        "evaluation": evaluation,
        "rating_label": selectors.rating_label(evaluation, evaluation.rating),
        "due": due,
        "open": due is not None and clock.today() <= due,
        "applicable": evaluation.status in selectors.APPLYING_STATUSES,
        "form": form,
    }
    return render_page(request, "calibration/apply.html", context)


# --- the head's decision (p.38-39) ---------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    """The application (its text and due dates) and, for the head of the apparatus, the
    decision form."""
    application = application_get_for(user=request.user, id=application_id)
    evaluation = application.evaluation
    if request.method == "POST" and not is_apparatus_head(request.user, evaluation):
        raise PermissionDenied
    form = None
    if "decide" in application_actions(user=request.user, obj=application):
        form = DecideForm(
            request.POST or None, candidates=selectors.participant_candidates(application)
        )
        if request.method == "POST":
            decided = form_submit(
                form,
                lambda data: calibration_decide(
                    actor=request.user,
                    application_id=application.pk,
                    participants=[user.pk for user in data["participants"] or []],
                    scheduled_for=data["scheduled_for"],
                    place=data["place"],
                    comment=data["comment"],
                ),
            )
            if decided.done:
                messages.success(request, _("The decision was recorded."))
                return redirect("calibration:application", application.pk)
    elif request.method == "POST":
        messages.error(request, _("The application was already decided."))
        return redirect("calibration:application", application.pk)
    today = clock.today()
    context = {
        "application": application,
        "evaluation": evaluation,
        "session": getattr(application, "session", None),
        "form": form,
        "today": today,
        "decision_overdue": selectors.decision_overdue(application, today),
        "decided_late": selectors.decided_late(application),
        "latest_session_date": selectors.latest_session_date(application, today),
        "session_limit_passed": selectors.session_limit_passed(application, today),
        "decided_by": selectors.person_name(application.decided_by),
    }
    return render_page(request, "calibration/application.html", context)
