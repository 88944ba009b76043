"""The page of a servant's result after the commission: familiarisation, the refusal act, the
service record, the dispatch through the intranet portal, the appeal and its outcome (EDITIONS.md
§2.2 H1-H3, I1-I2), linked from the session page.

The page reads only `results_actions`; 404 for whom the result is not visible (G-5), 403 for whom
it is but the action is not theirs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from bagalau.commission import services
from bagalau.commission.access import (
    may_read_extract,
    may_read_refusal_act,
    result_find_for,
    result_get_for,
    results_actions,
)
from bagalau.commission.editions import model_of
from bagalau.commission.forms import (
    AcknowledgeForm,
    AgencyReportForm,
    AppealForm,
    AppealOutcomeForm,
    DispatchForm,
    RefusalForm,
)
from bagalau.commission.models import AgencyReport
from bagalau.commission.selectors import (
    decided_sessions,
    pending_agency_report,
    pending_appeal,
    result_view,
)
from bagalau.commission.services.agency import agency_report_record
from bagalau.core import clock
from bagalau.core.forms import DomainErrorForm, form_submit
from bagalau.core.htmx import render_page
from bagalau.evaluations.models import Evaluation
from bagalau.methodology import EvaluationModel
from bagalau.org.models import Servant


def _signer_choices(evaluation: Evaluation) -> Any:
    """The servants of the body who may sign the refusal act (not the servant who refused)."""
    return Servant.objects.filter(organisation=evaluation.period.schedule.organisation).exclude(
        pk=evaluation.servant_id
    )


def _context(
    request: HttpRequest, evaluation: Evaluation, **forms: DomainErrorForm
) -> dict[str, Any]:
    actions = results_actions(user=request.user, evaluation=evaluation)
    view = result_view(evaluation)
    context: dict[str, Any] = {
        "evaluation": evaluation,
        "view": view,
        "actions": actions,
        "readable_acts": {
            act.pk for act in view.refusals if may_read_refusal_act(request.user, act)
        },
        "extracts": list(decided_sessions(evaluation))
        if may_read_extract(request.user, evaluation)
        else [],
    }
    if "acknowledge" in actions:
        context["acknowledge_form"] = forms.get("acknowledge_form") or AcknowledgeForm(
            initial={"acknowledged_on": clock.today()}
        )
    if "refusal" in actions:
        context["refusal_form"] = forms.get("refusal_form") or RefusalForm(
            initial={"refused_on": clock.today()}, servants=_signer_choices(evaluation)
        )
    if "dispatch" in actions:
        context["dispatch_form"] = forms.get("dispatch_form") or DispatchForm(
            initial={"sent_on": clock.today()}
        )
    if "appeal" in actions:
        context["appeal_form"] = forms.get("appeal_form") or AppealForm(
            initial={"filed_on": clock.today()}
        )
    pending = pending_appeal(evaluation)
    report = pending_agency_report(evaluation)
    if "agency_report" in actions and report is not None:
        context["agency_form"] = forms.get("agency_form") or AgencyReportForm(
            initial={"report": report.pk}
        )
        context["agency_report"] = report
    if "appeal_outcome" in actions and pending is not None:
        context["outcome_form"] = forms.get("outcome_form") or AppealOutcomeForm(
            initial={"appeal": pending.pk, "decided_on": clock.today()}, basis=pending.basis
        )
    return context


@login_required
@require_GET
def result_detail(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """The servant's result after the commission (a read of a result: audited, G-5)."""
    evaluation = result_get_for(user=request.user, id=evaluation_id)
    return render_page(request, "commission/result.html", _context(request, evaluation))


def _act(
    request: HttpRequest,
    evaluation_id: int,
    action: str,
    form: Callable[[Evaluation], DomainErrorForm],
    call: Callable[[Evaluation, dict[str, Any]], Any],
    done: str,
    key: str,
) -> HttpResponse:
    evaluation = result_find_for(user=request.user, id=evaluation_id)
    if action not in results_actions(user=request.user, evaluation=evaluation):
        raise PermissionDenied
    bound = form(evaluation)
    result = form_submit(bound, lambda data: call(evaluation, data))
    if result.done:
        messages.success(request, done)
        return redirect("commission:result", evaluation.pk)
    fresh = result_get_for(user=request.user, id=evaluation.pk)
    return render_page(request, "commission/result.html", _context(request, fresh, **{key: bound}))


@login_required
@require_POST
def result_acknowledge(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """The servant, or HR for them, records the written acknowledgement (H1)."""
    return _act(
        request,
        evaluation_id,
        "acknowledge",
        lambda _e: AcknowledgeForm(request.POST),
        lambda e, data: services.commission_result_acknowledge(
            actor=request.user, evaluation_id=e.pk, acknowledged_on=data["acknowledged_on"]
        ),
        _("The familiarisation was recorded."),
        "acknowledge_form",
    )


@login_required
@require_POST
def result_refusal(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """HR records the refusal act (H2)."""
    return _act(
        request,
        evaluation_id,
        "refusal",
        lambda e: RefusalForm(request.POST, servants=_signer_choices(e)),
        lambda e, data: services.commission_result_refusal_record(
            actor=request.user,
            evaluation_id=e.pk,
            refused_on=data["refused_on"],
            signers=[s.pk for s in data["signers"]],
            text=data["text"],
        ),
        _("The refusal act was recorded."),
        "refusal_form",
    )


@login_required
@require_POST
def result_dispatch(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """HR records the dispatch through the intranet portal (H3)."""
    return _act(
        request,
        evaluation_id,
        "dispatch",
        lambda _e: DispatchForm(request.POST),
        lambda e, data: services.intranet_dispatch_record(
            actor=request.user,
            evaluation_id=e.pk,
            sent_on=data["sent_on"],
            reference=data["reference"],
        ),
        _("The dispatch was recorded."),
        "dispatch_form",
    )


def _pending_basis(evaluation: Evaluation) -> str:
    pending = pending_appeal(evaluation)
    basis = pending.basis if pending is not None else "commission"
    if basis == "commission" and model_of(evaluation) == EvaluationModel.MOJ2017:
        return "moj_commission"
    return basis


@login_required
@require_POST
def result_appeal(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """HR records the servant's appeal (I1)."""
    return _act(
        request,
        evaluation_id,
        "appeal",
        lambda _e: AppealForm(request.POST),
        lambda e, data: services.commission_appeal_record(
            actor=request.user,
            evaluation_id=e.pk,
            filed_on=data["filed_on"],
            authority=data["authority"],
            note=data["note"],
            basis=data["basis"],
        ),
        _("The appeal was recorded."),
        "appeal_form",
    )


@login_required
@require_POST
def result_appeal_outcome(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """HR records the agency's outcome on the appeal (I2)."""
    return _act(
        request,
        evaluation_id,
        "appeal_outcome",
        lambda e: AppealOutcomeForm(request.POST, basis=_pending_basis(e)),
        lambda e, data: services.commission_appeal_outcome(
            actor=request.user,
            appeal_id=data["appeal"],
            outcome=data["outcome"],
            decided_on=data["decided_on"],
            note=data["note"],
        ),
        _("The outcome of the appeal was recorded."),
        "outcome_form",
    )


@login_required
@require_POST
def result_agency_report(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """HR records that the agency was informed of the decision taken (moj-2017 p.39, M-12)."""
    return _act(
        request,
        evaluation_id,
        "agency_report",
        lambda _e: AgencyReportForm(request.POST),
        lambda e, data: agency_report_record(
            actor=request.user,
            report_id=_report_of(e, data["report"]),
            sent_on=data["sent_on"],
            reference=data["reference"],
        ),
        _("The information to the agency was recorded."),
        "agency_form",
    )


def _report_of(evaluation: Evaluation, report_id: int) -> int:
    """The task of this result, else Http404."""
    if not AgencyReport.objects.filter(pk=report_id, appeal__evaluation=evaluation).exists():
        raise Http404("No such task on this result.")
    return report_id
