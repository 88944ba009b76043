"""REST endpoints of calibration (/api/v1/calibration/): the same services, selectors and access
rules as the pages (seed 002 p.12-13, p.37-42)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.urls import path
from django.utils.translation import gettext_noop as N_
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api import serializers
from bagalau.calibration import selectors
from bagalau.calibration.access import (
    application_get_for,
    can_see_results,
    is_apparatus_head,
    session_get_for,
    session_results_get_for,
)
from bagalau.calibration.models import (
    Appeal,
    AppealOutcome,
    Application,
    FeedbackMeeting,
    Session,
    Vote,
    VoteChoice,
)
from bagalau.calibration.services import (
    appeal_record,
    appeal_update_outcome,
    calibration_apply,
    calibration_decide,
    feedback_record,
    protocol_post,
    protocol_sign,
    session_close_round,
    session_record_presentation,
    session_replace_participant,
    session_vote,
)
from bagalau.core import bounds, clock
from bagalau.core.errors import DomainError

TAG = ["calibration"]

ERROR = inline_serializer(
    name="CalibrationError",
    fields={
        "error": inline_serializer(
            name="CalibrationErrorBody",
            fields={"field": serializers.CharField(), "message": serializers.CharField()},
        )
    },
)
ERRORS = {400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR}


def _plain(value: Any) -> Any:
    """Decimals as strings with their 2 decimals ("4.20"), like the calculator."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


# --- serializers ---------------------------------------------------------------------------------


class ApplyIn(serializers.Serializer[Any]):
    """The servant's application."""

    evaluation_id = serializers.IntegerField()
    text = serializers.CharField(allow_blank=True, trim_whitespace=True)


class ApplicationOut(serializers.Serializer[Any]):
    """An application's workflow (no score)."""

    id = serializers.IntegerField()
    evaluation_id = serializers.IntegerField()
    servant = serializers.CharField()
    period = serializers.CharField()
    text = serializers.CharField()
    submitted_on = serializers.DateField()
    decision_due = serializers.DateField()
    session_due = serializers.DateField()
    status = serializers.CharField()
    decided_at = serializers.DateTimeField(allow_null=True)
    decision_comment = serializers.CharField()
    decision_overdue = serializers.BooleanField()
    decided_late = serializers.BooleanField()
    session_id = serializers.IntegerField(allow_null=True)


def _application(application: Application) -> dict[str, Any]:
    session = getattr(application, "session", None)
    return {
        "id": application.pk,
        "evaluation_id": application.evaluation_id,
        "servant": application.evaluation.servant.full_name,
        "period": str(application.evaluation.period),
        "text": application.text,
        "submitted_on": application.submitted_on,
        "decision_due": application.decision_due,
        "session_due": application.session_due,
        "status": application.status,
        "decided_at": application.decided_at,
        "decision_comment": application.decision_comment,
        "decision_overdue": selectors.decision_overdue(application, clock.today()),
        "decided_late": selectors.decided_late(application),
        "session_id": session.pk if session is not None else None,
    }


class DecisionIn(serializers.Serializer[Any]):
    """The head of the apparatus's decision to hold the session: participants, date and time,
    place (seed 002 p.38 gives no rejection)."""

    participants = serializers.ListField(
        child=serializers.IntegerField(), required=False, default=list
    )
    scheduled_for = serializers.DateTimeField(required=False, allow_null=True, default=None)
    place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class PersonOut(serializers.Serializer[Any]):
    """A user by name."""

    id = serializers.IntegerField()
    name = serializers.CharField()


class ProgressOut(serializers.Serializer[Any]):
    """How many voted in the round under way."""

    round = serializers.IntegerField()
    voted = serializers.IntegerField()
    total = serializers.IntegerField()


class SessionOut(serializers.Serializer[Any]):
    """A session: the workflow for everyone who follows it, `results` only for who may see the
    result (p.20), else null."""

    id = serializers.IntegerField()
    application_id = serializers.IntegerField()
    status = serializers.CharField()
    scheduled_for = serializers.DateTimeField()
    place = serializers.CharField()
    session_due = serializers.DateField()
    session_late = serializers.BooleanField()
    participants = PersonOut(many=True)
    progress = ProgressOut()
    presented_at = serializers.DateTimeField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    protocol_signed_at = serializers.DateTimeField(allow_null=True)
    protocol_posting_due = serializers.DateField(allow_null=True)
    protocol_posted_at = serializers.DateTimeField(allow_null=True)
    posting_overdue = serializers.BooleanField()
    posted_late = serializers.BooleanField()
    results = serializers.JSONField(allow_null=True)


def _session(request: Request, session: Session) -> dict[str, Any]:
    evaluation = session.application.evaluation
    progress = selectors.round_progress(session)
    results = None
    if can_see_results(request.user, evaluation):
        session_results_get_for(user=request.user, id=session.pk, purpose="view_calibration")
        protocol = selectors.protocol_context(session)
        results = _plain(
            {
                "evaluator_score": protocol["evaluator_score"],
                "evaluator_rating": protocol["evaluator_rating"],
                "presentation": protocol["presentation"],
                "rounds": protocol["rounds"],
                "final_score": protocol["final_score"],
                "final_rating": protocol["final_rating"],
                "feedback": protocol["feedback"],
            }
        )
    today = clock.today()
    return {
        "id": session.pk,
        "application_id": session.application_id,
        "status": session.status,
        "scheduled_for": session.scheduled_for,
        "place": session.place,
        "session_due": session.application.session_due,
        "session_late": selectors.session_late(session),
        "participants": [
            {"id": user.pk, "name": selectors.person_name(user)}
            for user in session.participants.select_related("servant").order_by("pk")
        ],
        "progress": {key: progress[key] for key in ("round", "voted", "total")},
        "presented_at": session.presented_at,
        "decided_at": session.decided_at,
        "protocol_signed_at": session.protocol_signed_at,
        "protocol_posting_due": session.protocol_posting_due,
        "protocol_posted_at": session.protocol_posted_at,
        "posting_overdue": selectors.posting_overdue(session, today),
        "posted_late": selectors.posted_late(session),
        "results": results,
    }


class TextIn(serializers.Serializer[Any]):
    """The evaluator's presentation."""

    text = serializers.CharField(allow_blank=True)


class ReplaceIn(serializers.Serializer[Any]):
    """A participant who cannot take part (user id) and who replaces them (user id)."""

    leaving = serializers.IntegerField()
    joining = serializers.IntegerField()


class VoteIn(serializers.Serializer[Any]):
    """A participant's vote; `score` may be omitted to keep the evaluator's."""

    choice = serializers.ChoiceField(choices=VoteChoice.choices)
    score = serializers.DecimalField(
        max_digits=3, decimal_places=2, required=False, allow_null=True, default=None
    )
    argument = serializers.CharField(required=False, allow_blank=True, default="")


class VoteOut(serializers.Serializer[Any]):
    """The vote recorded, and where the session stands."""

    id = serializers.IntegerField()
    round = serializers.IntegerField()
    choice = serializers.CharField()
    score = serializers.DecimalField(max_digits=3, decimal_places=2)
    argument = serializers.CharField()
    session_status = serializers.CharField()
    session_round = serializers.IntegerField()


def _vote(vote: Vote) -> dict[str, Any]:
    session = Session.objects.get(pk=vote.session_id)
    return {
        "id": vote.pk,
        "round": vote.round,
        "choice": vote.choice,
        "score": vote.score,
        "argument": vote.argument,
        "session_status": session.status,
        "session_round": session.round,
    }


class FeedbackIn(serializers.Serializer[Any]):
    """The feedback meeting's three topics (p.42)."""

    held_on = serializers.DateField(required=False, allow_null=True, default=None)
    achievements = serializers.CharField(allow_blank=True)
    skills = serializers.CharField(allow_blank=True)
    potential = serializers.CharField(allow_blank=True)
    sector_head = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The user id of the head of the HR service who took part (p.19(3)), if any.",
    )


class FeedbackOut(serializers.Serializer[Any]):
    """The recorded meeting."""

    id = serializers.IntegerField()
    held_on = serializers.DateField()
    achievements = serializers.CharField()
    skills = serializers.CharField()
    potential = serializers.CharField()
    sector_head = serializers.IntegerField(allow_null=True)
    sector_head_name = serializers.CharField()


def _feedback(meeting: FeedbackMeeting) -> dict[str, Any]:
    return {
        "id": meeting.pk,
        "held_on": meeting.held_on,
        "achievements": meeting.achievements,
        "skills": meeting.skills,
        "potential": meeting.potential,
        "sector_head": meeting.sector_head_id,
        "sector_head_name": selectors.person_name(meeting.sector_head)
        if meeting.sector_head
        else "",
    }


class AppealIn(serializers.Serializer[Any]):
    """An appeal against the session's decision (p.13)."""

    filed_on = serializers.DateField(required=False, allow_null=True, default=None)
    authority = serializers.CharField(max_length=bounds.TITLE, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class AppealOutcomeIn(serializers.Serializer[Any]):
    """The outcome of an appeal."""

    outcome = serializers.ChoiceField(choices=AppealOutcome.choices)
    outcome_on = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, allow_null=True, default=None)


class AppealOut(serializers.Serializer[Any]):
    """An appeal and its outcome."""

    id = serializers.IntegerField()
    session_id = serializers.IntegerField()
    filed_on = serializers.DateField()
    authority = serializers.CharField()
    outcome = serializers.CharField()
    outcome_on = serializers.DateField(allow_null=True)
    note = serializers.CharField()


def _appeal(appeal: Appeal) -> dict[str, Any]:
    return {
        "id": appeal.pk,
        "session_id": appeal.session_id,
        "filed_on": appeal.filed_on,
        "authority": appeal.authority,
        "outcome": appeal.outcome,
        "outcome_on": appeal.outcome_on,
        "note": appeal.note,
    }


def _valid(serializer_class: type[serializers.Serializer[Any]], request: Request) -> dict[str, Any]:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _ok(
    serializer_class: type[serializers.Serializer[Any]], data: Any, code: int = 200
) -> Response:
    return Response(serializer_class(data).data, status=code)


# --- applications --------------------------------------------------------------------------------


@extend_schema(
    methods=["GET"],
    tags=TAG,
    summary="Applications whose workflow the user follows",
    responses={200: ApplicationOut(many=True)},
)
@extend_schema(
    methods=["POST"],
    tags=TAG,
    summary="Apply for a calibration session (the servant, within 5 working days, p.12)",
    request=ApplyIn,
    responses={201: ApplicationOut, **ERRORS},
)
@api_view(["GET", "POST"])
def applications(request: Request) -> Response:
    """List or submit applications."""
    if request.method == "GET":
        rows = selectors.applications_visible_to(request.user).order_by("-submitted_on", "-pk")
        return Response(ApplicationOut([_application(a) for a in rows], many=True).data)
    data = _valid(ApplyIn, request)
    application = calibration_apply(
        actor=request.user, evaluation_id=data["evaluation_id"], text=data["text"]
    )
    return _ok(ApplicationOut, _application(application), status.HTTP_201_CREATED)


@extend_schema(tags=TAG, summary="One application", responses={200: ApplicationOut, **ERRORS})
@api_view(["GET"])
def application_detail(request: Request, application_id: int) -> Response:
    """An application's text, due dates and decision."""
    return _ok(
        ApplicationOut, _application(application_get_for(user=request.user, id=application_id))
    )


@extend_schema(
    tags=TAG,
    summary="Who may be approved as a participant (the head of the apparatus)",
    responses={200: PersonOut(many=True), **ERRORS},
)
@api_view(["GET"])
def application_candidates(request: Request, application_id: int) -> Response:
    """The organisation's servants with a login, without the servant and the evaluator."""
    application = application_get_for(user=request.user, id=application_id)
    if not is_apparatus_head(request.user, application.evaluation):
        raise PermissionDenied()
    people = [
        {"id": user.pk, "name": selectors.person_name(user)}
        for user in selectors.participant_candidates(application)
    ]
    return Response(PersonOut(people, many=True).data)


@extend_schema(
    tags=TAG,
    summary="Decide on an application (the head of the apparatus, p.38-39)",
    request=DecisionIn,
    responses={200: ApplicationOut, **ERRORS},
)
@api_view(["POST"])
def application_decision(request: Request, application_id: int) -> Response:
    """Order the session: participants, date and time, place (p.38). There is no rejection:
    a request that asks for one (`"accept": false`, from the earlier API) is refused."""
    visible = application_get_for(user=request.user, id=application_id)
    if not is_apparatus_head(request.user, visible.evaluation):
        raise PermissionDenied()
    if "accept" in request.data and str(request.data["accept"]).lower() not in ("true", "1"):
        raise DomainError(
            "accept",
            N_(
                "An application made in time leads to a calibration session: the head of the"
                " apparatus approves its participants and date and cannot reject it (p.38)."
            ),
        )
    data = _valid(DecisionIn, request)
    scheduled_for: dt.datetime | None = data["scheduled_for"]
    application = calibration_decide(
        actor=request.user,
        application_id=application_id,
        participants=data["participants"],
        scheduled_for=scheduled_for,
        place=data["place"],
        comment=data["comment"],
    )
    return _ok(ApplicationOut, _application(application))


# --- sessions ------------------------------------------------------------------------------------


@extend_schema(
    tags=TAG,
    summary="A session (results only for who may see them; the read is audited)",
    responses={200: SessionOut, **ERRORS},
)
@api_view(["GET"])
def session_detail(request: Request, session_id: int) -> Response:
    """The session."""
    return _ok(SessionOut, _session(request, session_get_for(user=request.user, id=session_id)))


@extend_schema(
    tags=TAG,
    summary="Record the presentation (the evaluator, p.41)",
    request=TextIn,
    responses={200: SessionOut, **ERRORS},
)
@api_view(["POST"])
def session_presentation(request: Request, session_id: int) -> Response:
    """The evaluator's account of the work and the reasons for the score."""
    session_get_for(user=request.user, id=session_id)
    data = _valid(TextIn, request)
    session = session_record_presentation(
        actor=request.user, session_id=session_id, text=data["text"]
    )
    return _ok(SessionOut, _session(request, session_get_for(user=request.user, id=session.pk)))


@extend_schema(
    tags=TAG,
    summary="Vote in the current round (a participant)",
    request=VoteIn,
    responses={201: VoteOut, **ERRORS},
)
@api_view(["POST"])
def session_votes(request: Request, session_id: int) -> Response:
    """Keep, raise or lower, with the final score proposed; a complete round is tallied."""
    session_get_for(user=request.user, id=session_id)
    data = _valid(VoteIn, request)
    vote = session_vote(
        actor=request.user,
        session_id=session_id,
        choice=data["choice"],
        score=data["score"],
        argument=data["argument"],
    )
    return _ok(VoteOut, _vote(vote), status.HTTP_201_CREATED)


@extend_schema(
    tags=TAG,
    summary=(
        "Close the round under way with the votes cast (the head of HR, once more than half of"
        " the participants have voted)"
    ),
    request=None,
    responses={200: SessionOut, **ERRORS},
)
@api_view(["POST"])
def session_close_round_endpoint(request: Request, session_id: int) -> Response:
    """Tally the round without the participants who did not vote."""
    session_get_for(user=request.user, id=session_id)
    session_close_round(actor=request.user, session_id=session_id)
    return _ok(SessionOut, _session(request, session_get_for(user=request.user, id=session_id)))


@extend_schema(
    tags=TAG,
    summary=(
        "Replace a participant who cannot take part (the head of the apparatus, before the"
        " participant votes in the round under way)"
    ),
    request=ReplaceIn,
    responses={200: SessionOut, **ERRORS},
)
@api_view(["POST"])
def session_participants(request: Request, session_id: int) -> Response:
    """One participant out, another in; earlier rounds' votes stay in the protocol."""
    session_get_for(user=request.user, id=session_id)
    data = _valid(ReplaceIn, request)
    session_replace_participant(
        actor=request.user,
        session_id=session_id,
        leaving=data["leaving"],
        joining=data["joining"],
    )
    return _ok(SessionOut, _session(request, session_get_for(user=request.user, id=session_id)))


@extend_schema(
    tags=TAG,
    summary="Sign the protocol (the head of HR): the adopted score becomes final",
    request=None,
    responses={200: SessionOut, **ERRORS},
)
@api_view(["POST"])
def session_sign(request: Request, session_id: int) -> Response:
    """Sign the protocol."""
    session_get_for(user=request.user, id=session_id)
    protocol_sign(actor=request.user, session_id=session_id)
    return _ok(SessionOut, _session(request, session_get_for(user=request.user, id=session_id)))


@extend_schema(
    tags=TAG,
    summary="Record that the protocol was posted (HR, within 3 working days of signing)",
    request=None,
    responses={200: SessionOut, **ERRORS},
)
@api_view(["POST"])
def session_post(request: Request, session_id: int) -> Response:
    """Record the posting."""
    session_get_for(user=request.user, id=session_id)
    protocol_post(actor=request.user, session_id=session_id)
    return _ok(SessionOut, _session(request, session_get_for(user=request.user, id=session_id)))


@extend_schema(
    tags=TAG,
    summary="The protocol (a result: audited)",
    responses={200: OpenApiTypes.OBJECT, **ERRORS},
)
@api_view(["GET"])
def session_protocol(request: Request, session_id: int) -> Response:
    """Everything the protocol shows (`calibration.selectors.protocol_context`)."""
    session = session_results_get_for(user=request.user, id=session_id, purpose="view_protocol")
    return Response(_plain(selectors.protocol_context(session)))


@extend_schema(
    tags=TAG,
    summary="Record the feedback meeting (the evaluator, p.42)",
    request=FeedbackIn,
    responses={201: FeedbackOut, **ERRORS},
)
@api_view(["POST"])
def session_feedback(request: Request, session_id: int) -> Response:
    """Achievements, skills and competencies, potential and career goals."""
    session_get_for(user=request.user, id=session_id)
    data = _valid(FeedbackIn, request)
    meeting = feedback_record(actor=request.user, session_id=session_id, **data)
    return _ok(FeedbackOut, _feedback(meeting), status.HTTP_201_CREATED)


@extend_schema(
    methods=["GET"],
    tags=TAG,
    summary="Appeals against the session's decision",
    responses={200: AppealOut(many=True), **ERRORS},
)
@extend_schema(
    methods=["POST"],
    tags=TAG,
    summary="Record an appeal (HR, p.13)",
    request=AppealIn,
    responses={201: AppealOut, **ERRORS},
)
@api_view(["GET", "POST"])
def session_appeals(request: Request, session_id: int) -> Response:
    """List or record appeals."""
    session = session_get_for(user=request.user, id=session_id)
    if request.method == "GET":
        rows = [_appeal(appeal) for appeal in selectors.appeals_of(session)]
        return Response(AppealOut(rows, many=True).data)
    data = _valid(AppealIn, request)
    appeal = appeal_record(actor=request.user, session_id=session_id, **data)
    return _ok(AppealOut, _appeal(appeal), status.HTTP_201_CREATED)


@extend_schema(
    tags=TAG,
    summary="Record the outcome of an appeal (HR)",
    request=AppealOutcomeIn,
    responses={200: AppealOut, **ERRORS},
)
@api_view(["POST"])
def appeal_outcome(request: Request, appeal_id: int) -> Response:
    """Pending, upheld, overturned or withdrawn, with its date."""
    data = _valid(AppealOutcomeIn, request)
    appeal = appeal_update_outcome(actor=request.user, appeal_id=appeal_id, **data)
    return _ok(AppealOut, _appeal(appeal))


urlpatterns = [
    path("applications/", applications, name="calibration-applications"),
    path(
        "applications/<int:application_id>/",
        application_detail,
        name="calibration-application",
    ),
    path(
        "applications/<int:application_id>/candidates/",
        application_candidates,
        name="calibration-candidates",
    ),
    path(
        "applications/<int:application_id>/decision/",
        application_decision,
        name="calibration-decision",
    ),
    path("sessions/<int:session_id>/", session_detail, name="calibration-session"),
    path(
        "sessions/<int:session_id>/presentation/",
        session_presentation,
        name="calibration-presentation",
    ),
    path("sessions/<int:session_id>/votes/", session_votes, name="calibration-votes"),
    path(
        "sessions/<int:session_id>/close-round/",
        session_close_round_endpoint,
        name="calibration-close-round",
    ),
    path(
        "sessions/<int:session_id>/participants/",
        session_participants,
        name="calibration-participants",
    ),
    path("sessions/<int:session_id>/sign/", session_sign, name="calibration-sign"),
    path("sessions/<int:session_id>/post/", session_post, name="calibration-post"),
    path("sessions/<int:session_id>/protocol/", session_protocol, name="calibration-protocol"),
    path("sessions/<int:session_id>/feedback/", session_feedback, name="calibration-feedback"),
    path("sessions/<int:session_id>/appeals/", session_appeals, name="calibration-appeals"),
    path("appeals/<int:appeal_id>/outcome/", appeal_outcome, name="calibration-appeal-outcome"),
]
