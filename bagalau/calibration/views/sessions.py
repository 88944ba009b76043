"""The calibration session's pages: presentation, voting, the HR head's and HR's actions, the
protocol, the feedback meeting and appeals (seed 002 p.13, p.40-42)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bagalau.calibration import selectors
from bagalau.calibration.access import (
    appeal_get_for,
    can_see_results,
    is_apparatus_head,
    is_evaluator,
    is_hr,
    is_hr_head,
    session_actions,
    session_get_for,
    session_parts,
    session_results_get_for,
)
from bagalau.calibration.brief import session_brief
from bagalau.calibration.forms import (
    AppealForm,
    AppealOutcomeForm,
    FeedbackForm,
    PresentationForm,
    ReplaceParticipantForm,
    VoteForm,
)
from bagalau.calibration.models import SESSION_FLOW, FeedbackMeeting, Session
from bagalau.calibration.services import (
    appeal_record,
    appeal_update_outcome,
    feedback_record,
    protocol_post,
    protocol_sign,
    session_close_round,
    session_record_presentation,
    session_replace_participant,
    session_vote,
)
from bagalau.core import clock
from bagalau.core.forms import form_submit
from bagalau.core.htmx import render_page
from bagalau.core.language import reader_language
from bagalau.core.outcomes import run_and_say

# --- the session (p.41) --------------------------------------------------------------------------


def _session_context(request: HttpRequest, session: Session, **forms: Any) -> dict[str, Any]:
    """What the session page shows this viewer; results only to who may see them (audited)."""
    user = request.user
    evaluation = session.application.evaluation
    results = can_see_results(user, evaluation)
    if results:
        session_results_get_for(user=user, id=session.pk, purpose="view_calibration")
    today = clock.today()
    parts = session_parts(user, session)
    actions = session_actions(user=user, obj=session)
    feedback = FeedbackMeeting.objects.filter(session=session).first()
    appeals = list(selectors.appeals_of(session))
    context: dict[str, Any] = {
        "session": session,
        "application": session.application,
        "evaluation": evaluation,
        "results": results,
        "participants": [
            {
                "user": member,
                "name": selectors.person_name(member),
                "position": selectors.position_name(getattr(member, "servant", None), today),
            }
            for member in session.participants.select_related("servant").order_by(
                "servant__last_name", "servant__first_name", "pk"
            )
        ],
        "evaluator_name": evaluation.evaluator.full_name if evaluation.evaluator else "",
        "is_evaluator": "evaluator" in parts,
        "is_participant": "participant" in parts,
        "is_hr": "hr" in parts,
        "is_hr_head": "hr_head" in parts,
        "actions": actions,
        "today": today,
        "session_late": selectors.session_late(session),
        "posting_overdue": selectors.posting_overdue(session, today),
        "posted_late": selectors.posted_late(session),
        "progress": selectors.round_progress(session, user),
        "feedback": feedback if results else None,
        "feedback_sector_head": selectors.person_name(feedback.sector_head)
        if results and feedback is not None and feedback.sector_head is not None
        else "",
        "appeals": appeals,
        "appeal_forms": {},
    }
    if results:
        context.update(_voting_context(request, session, forms.get("vote_form"), actions))
        context["rating_label"] = selectors.rating_label(evaluation, evaluation.rating)
        context["brief"] = session_brief(session, language=reader_language())
    context["can_close_round"] = "close_round" in actions
    if "replace" in actions:
        leaving, joining = selectors.replacement_choices(session)
        context["replace_form"] = forms.get("replace_form") or ReplaceParticipantForm(
            leaving=leaving, joining=joining
        )
    held_on = timezone.localdate(session.scheduled_for)
    if "present" in actions and today < held_on:
        # Said before anything is typed (issue 13 item 5); the service refuses it the same way.
        context["presentation_not_yet"] = _(
            "The presentation is recorded at the session, on %(date)s."
        ) % {"date": held_on.strftime("%d.%m.%Y")}
    elif "present" in actions:
        context["presentation_form"] = forms.get("presentation_form") or PresentationForm(
            initial={"text": session.presentation}
        )
    if "feedback" in actions:
        context["feedback_form"] = forms.get("feedback_form") or FeedbackForm(
            initial={"held_on": today},
            sector_heads=selectors.sector_heads(session.application),
        )
    if "appeal" in actions:
        context["appeal_form"] = forms.get("appeal_form") or AppealForm(initial={"filed_on": today})
        bound = forms.get("appeal_outcome_form")
        context["appeal_forms"] = {
            appeal.pk: (
                bound
                if bound is not None and forms.get("appeal_id") == appeal.pk
                else AppealOutcomeForm(
                    initial={
                        "outcome": appeal.outcome,
                        "outcome_on": appeal.outcome_on,
                        "note": appeal.note,
                    },
                    prefix=f"appeal{appeal.pk}",
                )
            )
            for appeal in appeals
        }
    context["appeal_rows"] = [
        {"appeal": appeal, "form": context["appeal_forms"].get(appeal.pk)} for appeal in appeals
    ]
    return context


def _voting_context(
    request: HttpRequest,
    session: Session,
    vote_form: VoteForm | None = None,
    actions: frozenset[str] | None = None,
) -> dict[str, Any]:
    """The voting panel: progress of the round under way, the vote form for a participant who
    has not voted, the complete rounds and the adopted score."""
    evaluation = session.application.evaluation
    progress = selectors.round_progress(session, request.user)
    if actions is None:
        actions = session_actions(user=request.user, obj=session)
    can_vote = "vote" in actions
    final_rating = ""
    if session.final_score is not None:
        final_rating = selectors.rules_for(evaluation).rating.band_for(session.final_score).code
    return {
        "session": session,
        "evaluation": evaluation,
        "progress": progress,
        "rounds": selectors.session_rounds(session),
        "vote_form": (vote_form or VoteForm()) if can_vote else None,
        "final_rating": final_rating,
        "final_rating_label": selectors.rating_label(evaluation, final_rating),
    }


@login_required
@require_GET
def session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    """The session page."""
    session = session_get_for(user=request.user, id=session_id)
    return render_page(request, "calibration/session.html", _session_context(request, session))


def _rerender(request: HttpRequest, session_id: int, **forms: Any) -> HttpResponse:
    session = session_get_for(user=request.user, id=session_id)
    return render_page(
        request, "calibration/session.html", _session_context(request, session, **forms)
    )


@login_required
@require_POST
def session_present(request: HttpRequest, session_id: int) -> HttpResponse:
    """The evaluator records the presentation."""
    return _session_form(
        request,
        session_id,
        allowed=is_evaluator,
        form=lambda _session: PresentationForm(request.POST),
        service=session_record_presentation,
        done=_("The presentation was recorded; voting is open."),
        key="presentation_form",
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_voting(request: HttpRequest, session_id: int) -> HttpResponse:
    """The voting panel (GET, a result: audited) and a participant's vote (POST)."""
    session = session_get_for(user=request.user, id=session_id)
    if request.method == "GET":
        session = session_results_get_for(
            user=request.user, id=session_id, purpose="view_calibration"
        )
        return render_page(
            request,
            "calibration/partials/voting.html",
            _voting_context(request, session),
        )
    if "participant" not in session_parts(request.user, session):
        raise PermissionDenied
    posted = VoteForm(request.POST)
    voted = form_submit(
        posted,
        lambda data: session_vote(
            actor=request.user,
            session_id=session.pk,
            choice=data["choice"],
            score=data["score"],
            argument=data["argument"],
        ),
    )
    form = None if voted.done else posted
    if voted.done and not getattr(request, "htmx", False):
        messages.success(request, _("Your vote was recorded."))
        return redirect("calibration:session", session.pk)
    if not getattr(request, "htmx", False):
        return _rerender(request, session.pk, vote_form=form)
    session = session_results_get_for(user=request.user, id=session.pk, purpose="view_calibration")
    response = render_page(
        request,
        "calibration/session.html",
        _voting_context(request, session, form),
        partial="calibration/partials/voting.html",
    )
    if session.status not in SESSION_FLOW.group("voting"):
        response["HX-Refresh"] = "true"  # the adopted score changes the rest of the page
    return response


@login_required
@require_GET
def session_progress(request: HttpRequest, session_id: int) -> HttpResponse:
    """How many voted in the round under way (polled; shows no vote). When the round or the
    status moved since the page was drawn, the page reloads to show the complete round."""
    session = session_get_for(user=request.user, id=session_id)
    if not can_see_results(request.user, session.application.evaluation):
        raise Http404("No such calibration session.")
    progress = selectors.round_progress(session, request.user)
    response = render_page(
        request,
        "calibration/partials/progress.html",
        {"session": session, "progress": progress, "poll": True},
        partial="calibration/partials/progress.html",
    )
    if request.GET.get("round") not in (None, str(session.round)) or request.GET.get(
        "status"
    ) not in (None, session.status):
        response["HX-Refresh"] = "true"
    return response


def _session_acting(request: HttpRequest, session_id: int, allowed: Any) -> Session:
    """The session for a user `allowed(user, evaluation)` admits; 403 for the others who see
    it, 404 for those who do not."""
    session = session_get_for(user=request.user, id=session_id)
    if not allowed(request.user, session.application.evaluation):
        raise PermissionDenied
    return session


def _session_action(
    request: HttpRequest,
    session_id: int,
    *,
    allowed: Any,
    service: Any,
    done: str,
    confirm: str = "",
) -> HttpResponse:
    """Run a one-button session service for whom `allowed(user, evaluation)` admits (403 for
    the others who see the session), then back to the session page with its outcome. A
    `confirm` action (what cannot be undone, issue 13 item 4) is run only with the posted
    `confirm` field; without it nothing is done and the confirmation page says what will be."""
    session = _session_acting(request, session_id, allowed)
    # An action that is not open is not confirmed: the service refuses it with its reason.
    available = session_actions(user=request.user, obj=session)
    if confirm in available and request.POST.get("confirm") != "1":
        return _confirm_page(request, session, confirm)
    run_and_say(request, lambda: service(actor=request.user, session_id=session.pk), done)
    return redirect("calibration:session", session.pk)


def _confirm_page(request: HttpRequest, session: Session, action: str) -> HttpResponse:
    """What signing the protocol or closing the round will do, with the button that does it."""
    context: dict[str, Any] = {
        "session": session,
        "evaluation": session.application.evaluation,
        "action": action,
        "progress": selectors.round_progress(session),
    }
    if action == "sign":  # the adopted score is a result: its reading is audited
        session_results_get_for(user=request.user, id=session.pk, purpose="view_calibration")
        context.update(_voting_context(request, session))
    return render_page(request, "calibration/confirm.html", context)


@login_required
@require_POST
def session_sign(request: HttpRequest, session_id: int) -> HttpResponse:
    """The head of HR signs the protocol."""
    return _session_action(
        request,
        session_id,
        allowed=is_hr_head,
        service=protocol_sign,
        done=_("The protocol was signed; the final result is recorded."),
        confirm="sign",
    )


@login_required
@require_POST
def round_close(request: HttpRequest, session_id: int) -> HttpResponse:
    """The head of HR closes the round under way without the participants who did not vote."""
    return _session_action(
        request,
        session_id,
        allowed=is_hr_head,
        service=session_close_round,
        done=_("The round was closed with the votes cast."),
        confirm="close_round",
    )


@login_required
@require_POST
def session_post(request: HttpRequest, session_id: int) -> HttpResponse:
    """HR records that the protocol was posted."""
    return _session_action(
        request,
        session_id,
        allowed=is_hr,
        service=protocol_post,
        done=_("The protocol was recorded as posted."),
    )


@login_required
@require_GET
def protocol(request: HttpRequest, session_id: int) -> HttpResponse:
    """The protocol of the session (a result: audited)."""
    session = session_results_get_for(user=request.user, id=session_id, purpose="view_protocol")
    return render_page(
        request,
        "calibration/protocol.html",
        {"session": session, "protocol": selectors.protocol_context(session)},
    )


def _submit(
    request: HttpRequest, session: Session, form: Any, run: Any, done: str, **rerender: Any
) -> HttpResponse:
    """Run `run(**form.cleaned_data)` when the form is valid (`form_submit`): on success a
    message and back to the session page; otherwise the page again with the form, a service's
    DomainError next to the field it names."""
    if form_submit(form, lambda data: run(**data)).done:
        messages.success(request, done)
        return redirect("calibration:session", session.pk)
    return _rerender(request, session.pk, **rerender)


def _session_form(
    request: HttpRequest,
    session_id: int,
    *,
    allowed: Any,
    form: Callable[[Session], Any],
    service: Any,
    done: str,
    key: str,
) -> HttpResponse:
    """Post `form(session)` to `service(actor=, session_id=, **cleaned_data)` for whom
    `allowed(user, evaluation)` admits (403 for the others who see the session); an invalid
    form or a refusal comes back on the session page as its `key` form (`_submit`)."""
    session = _session_acting(request, session_id, allowed)
    bound = form(session)

    def run(**data: Any) -> None:
        service(actor=request.user, session_id=session.pk, **data)

    return _submit(request, session, bound, run, done, **{key: bound})


@login_required
@require_POST
def participant_replace(request: HttpRequest, session_id: int) -> HttpResponse:
    """The head of the apparatus replaces a participant who cannot take part."""

    def form(session: Session) -> ReplaceParticipantForm:
        leaving, joining = selectors.replacement_choices(session)
        return ReplaceParticipantForm(request.POST, leaving=leaving, joining=joining)

    return _session_form(
        request,
        session_id,
        allowed=is_apparatus_head,
        form=form,
        service=session_replace_participant,
        done=_("The participant was replaced."),
        key="replace_form",
    )


@login_required
@require_POST
def feedback(request: HttpRequest, session_id: int) -> HttpResponse:
    """The evaluator records the feedback meeting (p.42)."""
    return _session_form(
        request,
        session_id,
        allowed=is_evaluator,
        form=lambda session: FeedbackForm(
            request.POST, sector_heads=selectors.sector_heads(session.application)
        ),
        service=feedback_record,
        done=_("The feedback meeting was recorded."),
        key="feedback_form",
    )


@login_required
@require_POST
def appeal_add(request: HttpRequest, session_id: int) -> HttpResponse:
    """HR records an appeal against the session's decision (p.13)."""
    return _session_form(
        request,
        session_id,
        allowed=is_hr,
        form=lambda _session: AppealForm(request.POST),
        service=appeal_record,
        done=_("The appeal was recorded."),
        key="appeal_form",
    )


@login_required
@require_POST
def appeal_outcome(request: HttpRequest, appeal_id: int) -> HttpResponse:
    """HR records the outcome of an appeal."""
    appeal = appeal_get_for(user=request.user, id=appeal_id)
    if appeal.session_id is None:  # a commission decision's appeal has no session page
        raise Http404("No such appeal.")
    session = _session_acting(request, appeal.session_id, is_hr)
    form = AppealOutcomeForm(request.POST, prefix=f"appeal{appeal_id}")

    def run(**data: Any) -> None:
        appeal_update_outcome(actor=request.user, appeal_id=appeal_id, **data)

    return _submit(
        request,
        session,
        form,
        run,
        _("The outcome of the appeal was recorded."),
        appeal_outcome_form=form,
        appeal_id=appeal_id,
    )
