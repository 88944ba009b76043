"""REST endpoints of calibration (/api/v1/calibration/): the same services, selectors and access
rules as the pages (seed 002 p.12-13, p.37-42). Declarative (issue 9 item 3): one serializer per
shape serves the schema and the answer, `get_object()` goes through the access lookups
(`application_get_for`, `session_get_for`), errors are ``{"error": {"field", "message"}}``."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from django.urls import path
from django.utils.translation import gettext_noop as N_
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api import serializers
from bagalau.api.base import (
    Action,
    DetailEndpoint,
    Endpoint,
    ListEndpoint,
    PersonSerializer,
    Step,
    body,
    detailed,
    listed,
    posted,
)
from bagalau.calibration import selectors, services
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
    VoteChoice,
)
from bagalau.core import bounds, clock
from bagalau.core.errors import DomainError

if TYPE_CHECKING:
    from bagalau.core.types import Account


TAGS = ["calibration"]


def _plain(value: Any) -> Any:
    """Decimals as strings with their 2 decimals ("4.20"), like the calculator."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


class Person(NamedTuple):
    """An account in the one person shape (`PersonSerializer`): its id and the servant's name."""

    pk: int
    full_name: str


def people(users: Iterable[Account]) -> list[Person]:
    """Accounts as persons (the servant's full name, else the login)."""
    return [Person(user.pk, selectors.person_name(user)) for user in users]


# --- shapes --------------------------------------------------------------------------------------


class ApplyIn(serializers.Serializer[Any]):
    """The servant's application."""

    evaluation_id = serializers.IntegerField()
    text = serializers.CharField(allow_blank=True, trim_whitespace=True)


class ApplicationOut(serializers.Serializer[Application]):
    """An application's workflow (no score)."""

    id = serializers.IntegerField(source="pk")
    evaluation_id = serializers.IntegerField()
    servant = serializers.CharField(source="evaluation.servant.full_name")
    period = serializers.CharField(source="evaluation.period")
    text = serializers.CharField()
    submitted_on = serializers.DateField()
    decision_due = serializers.DateField()
    session_due = serializers.DateField()
    status = serializers.CharField()
    decided_at = serializers.DateTimeField(allow_null=True)
    decision_comment = serializers.CharField()
    decision_overdue = serializers.SerializerMethodField()
    decided_late = serializers.SerializerMethodField()
    session_id = serializers.SerializerMethodField()

    def get_decision_overdue(self, application: Application) -> bool:
        return selectors.decision_overdue(application, clock.today())

    def get_decided_late(self, application: Application) -> bool:
        return selectors.decided_late(application)

    def get_session_id(self, application: Application) -> int | None:
        session = getattr(application, "session", None)
        return session.pk if session is not None else None


class DecisionIn(serializers.Serializer[Any]):
    """The head of the apparatus's decision to hold the session: participants, date and time,
    place (seed 002 p.38 gives no rejection)."""

    participants = serializers.ListField(
        child=serializers.IntegerField(), required=False, default=list
    )
    scheduled_for = serializers.DateTimeField(required=False, allow_null=True, default=None)
    place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class ProgressOut(serializers.Serializer[Session]):
    """How many voted in the round under way (never what they voted)."""

    round = serializers.IntegerField()
    voted = serializers.IntegerField()
    total = serializers.IntegerField()

    def to_representation(self, instance: Session) -> dict[str, Any]:
        progress = selectors.round_progress(instance)
        return {key: progress[key] for key in ("round", "voted", "total")}


class SessionOut(serializers.Serializer[Session]):
    """A session: the workflow for everyone who follows it, `results` only for who may see the
    result (p.20; the read is audited), else null."""

    id = serializers.IntegerField(source="pk")
    application_id = serializers.IntegerField()
    status = serializers.CharField()
    scheduled_for = serializers.DateTimeField()
    place = serializers.CharField()
    session_due = serializers.DateField(source="application.session_due")
    session_late = serializers.SerializerMethodField()
    participants = serializers.SerializerMethodField()
    progress = ProgressOut(source="*")
    presented_at = serializers.DateTimeField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    protocol_signed_at = serializers.DateTimeField(allow_null=True)
    protocol_posting_due = serializers.DateField(allow_null=True)
    protocol_posted_at = serializers.DateTimeField(allow_null=True)
    posting_overdue = serializers.SerializerMethodField()
    posted_late = serializers.SerializerMethodField()
    results = serializers.SerializerMethodField()

    def get_session_late(self, session: Session) -> bool:
        return selectors.session_late(session)

    @extend_schema_field(PersonSerializer(many=True))
    def get_participants(self, session: Session) -> Any:
        members = session.participants.select_related("servant").order_by("pk")
        return PersonSerializer(people(members), many=True).data

    def get_posting_overdue(self, session: Session) -> bool:
        return selectors.posting_overdue(session, clock.today())

    def get_posted_late(self, session: Session) -> bool:
        return selectors.posted_late(session)

    @extend_schema_field(serializers.JSONField(allow_null=True))
    def get_results(self, session: Session) -> dict[str, Any] | None:
        user = self.context["request"].user
        if not can_see_results(user, session.application.evaluation):
            return None
        session_results_get_for(user=user, id=session.pk, purpose="view_calibration")
        protocol = selectors.protocol_context(session)
        keys = (
            *("evaluator_score", "evaluator_rating", "presentation", "rounds"),
            *("final_score", "final_rating", "feedback"),
        )
        return dict(_plain({key: protocol[key] for key in keys}))


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

    id = serializers.IntegerField(source="pk")
    round = serializers.IntegerField()
    choice = serializers.CharField()
    score = serializers.DecimalField(max_digits=3, decimal_places=2)
    argument = serializers.CharField()
    session_status = serializers.CharField(source="session.status")
    session_round = serializers.IntegerField(source="session.round")


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


class FeedbackOut(serializers.Serializer[FeedbackMeeting]):
    """The recorded meeting."""

    id = serializers.IntegerField(source="pk")
    held_on = serializers.DateField()
    achievements = serializers.CharField()
    skills = serializers.CharField()
    potential = serializers.CharField()
    sector_head = serializers.IntegerField(source="sector_head_id", allow_null=True)
    sector_head_name = serializers.SerializerMethodField()

    def get_sector_head_name(self, meeting: FeedbackMeeting) -> str:
        head = meeting.sector_head
        return selectors.person_name(head) if head is not None else ""


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


class AppealOut(serializers.Serializer[Appeal]):
    """An appeal and its outcome: against a calibration decision (with its session) or a
    commission decision (without)."""

    id = serializers.IntegerField(source="pk")
    basis = serializers.CharField()
    evaluation_id = serializers.IntegerField()
    session_id = serializers.IntegerField(allow_null=True)
    filed_on = serializers.DateField()
    authority = serializers.CharField()
    outcome = serializers.CharField()
    outcome_on = serializers.DateField(allow_null=True)
    note = serializers.CharField()


# --- applications --------------------------------------------------------------------------------


@extend_schema(tags=TAGS)
@listed("Applications whose workflow the user follows", ApplicationOut)
@posted("Apply for a calibration session (the servant, within 5 working days, p.12)")
class ApplicationList(ListEndpoint, Action):
    """GET the applications whose workflow the caller follows; POST the servant applies."""

    serializer_class = ApplicationOut
    service = services.calibration_apply
    input_class = ApplyIn
    answer_status = 201

    def get_queryset(self) -> Any:
        return selectors.applications_visible_to(self.request.user).order_by("-submitted_on", "-pk")


class ApplicationEndpoint(Endpoint):
    """An application the caller follows (404 otherwise)."""

    serializer_class = ApplicationOut
    get_for = application_get_for
    lookup_url_kwarg = "application_id"

    def headed(self) -> Application:
        """The application, for its head of the apparatus only (403 for the others)."""
        application: Application = self.get_object()
        if not is_apparatus_head(self.request.user, application.evaluation):
            raise PermissionDenied()
        return application


@extend_schema(tags=TAGS)
@detailed("One application")
class ApplicationDetail(ApplicationEndpoint, DetailEndpoint):
    """An application's text, due dates and decision."""


@extend_schema(tags=TAGS)
class ApplicationCandidates(ApplicationEndpoint):
    serializer_class = PersonSerializer  # type: ignore[assignment]

    @extend_schema(
        summary="Who may be approved as a participant (the head of the apparatus)",
        responses=PersonSerializer(many=True),
    )
    def get(self, request: Request, application_id: int) -> Response:
        """The organisation's servants with a login, without the servant and the evaluator."""
        application = self.headed()
        return self.answer(people(selectors.participant_candidates(application)), many=True)


@extend_schema(tags=TAGS)
class ApplicationDecision(ApplicationEndpoint):
    @extend_schema(
        summary="Decide on an application (the head of the apparatus, p.38-39)",
        request=DecisionIn,
    )
    def post(self, request: Request, application_id: int) -> Response:
        """Order the session: participants, date and time, place (p.38). There is no rejection:
        a request that asks for one (`"accept": false`, from the earlier API) is refused."""
        self.headed()
        if "accept" in request.data and str(request.data["accept"]).lower() not in ("true", "1"):
            raise DomainError(
                "accept",
                N_(
                    "An application made in time leads to a calibration session: the head of the"
                    " apparatus approves its participants and date and cannot reject it (p.38)."
                ),
            )
        data = body(DecisionIn, request)
        application = services.calibration_decide(
            actor=request.user, application_id=application_id, **data
        )
        return self.answer(application)


# --- sessions ------------------------------------------------------------------------------------


def _post(summary: str, **kwargs: Any) -> Any:
    """The schema of an endpoint's POST (its summary, request and answer)."""
    return posted(summary, tags=TAGS, **kwargs)


class SessionEndpoint(Endpoint):
    """A session the caller follows (404 otherwise), answered as `SessionOut`."""

    serializer_class = SessionOut
    get_for = session_get_for
    lookup_url_kwarg = "session_id"


class SessionAction(SessionEndpoint, Step):
    """POST runs `service` on the session with the body read by `input_class` (None: no body)
    and answers the session as it is now."""


class SessionRecord(SessionEndpoint, Action):
    """POST records something in the session (a vote, a meeting, an appeal) with `service`: 201
    with it."""

    answer_status = 201


@extend_schema(tags=TAGS)
@detailed("A session (results only for who may see them; the read is audited)")
class SessionDetail(SessionEndpoint, DetailEndpoint):
    """The session."""


@_post("Record the presentation (the evaluator, p.41)")
class SessionPresentation(SessionAction):
    """The evaluator's account of the work and the reasons for the score."""

    service = services.session_record_presentation
    input_class = TextIn


@_post("Vote in the current round (a participant)", responses={201: VoteOut})
class SessionVotes(SessionRecord):
    """Keep, raise or lower, with the final score proposed; a complete round is tallied."""

    serializer_class = VoteOut  # type: ignore[assignment]
    service = services.session_vote
    input_class = VoteIn


@_post(
    "Close the round under way with the votes cast (the head of HR, once more than half of the"
    " participants have voted)",
)
class SessionCloseRound(SessionAction):
    """Tally the round without the participants who did not vote."""

    service = services.session_close_round


@_post(
    "Replace a participant who cannot take part (the head of the apparatus, before the"
    " participant votes in the round under way)",
)
class SessionParticipants(SessionAction):
    """One participant out, another in; earlier rounds' votes stay in the protocol."""

    service = services.session_replace_participant
    input_class = ReplaceIn


@_post("Sign the protocol (the head of HR): the adopted score becomes final")
class SessionSign(SessionAction):
    """Sign the protocol."""

    service = services.protocol_sign


@_post("Record that the protocol was posted (HR, within 3 working days of signing)")
class SessionPost(SessionAction):
    """Record the posting."""

    service = services.protocol_post


@extend_schema(tags=TAGS)
class SessionProtocol(SessionEndpoint):
    @extend_schema(summary="The protocol (a result: audited)", responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, session_id: int) -> Response:
        """Everything the protocol shows (`calibration.selectors.protocol_context`)."""
        session = session_results_get_for(user=request.user, id=session_id, purpose="view_protocol")
        return Response(_plain(selectors.protocol_context(session)))


@_post("Record the feedback meeting (the evaluator, p.42)", responses={201: FeedbackOut})
class SessionFeedback(SessionRecord):
    """Achievements, skills and competencies, potential and career goals."""

    serializer_class = FeedbackOut  # type: ignore[assignment]
    service = services.feedback_record
    input_class = FeedbackIn


@_post("Record an appeal (HR, p.13)", responses={201: AppealOut})
class SessionAppeals(SessionRecord):
    """Appeals against the session's decision: GET them, POST HR records one."""

    serializer_class = AppealOut  # type: ignore[assignment]
    service = services.appeal_record
    input_class = AppealIn

    @extend_schema(
        tags=TAGS, summary="Appeals against the session's decision", responses=AppealOut(many=True)
    )
    def get(self, request: Request, session_id: int) -> Response:
        return self.answer(selectors.appeals_of(self.get_object()), many=True)


@_post("Record the outcome of an appeal (HR)")
class AppealOutcomeEndpoint(Action):
    """Pending, upheld, overturned or withdrawn, with its date (404 from the service for an
    appeal the caller does not follow)."""

    serializer_class = AppealOut
    lookup_url_kwarg = "appeal_id"
    service = services.appeal_update_outcome
    input_class = AppealOutcomeIn


urlpatterns = [
    path("applications/", ApplicationList.as_view(), name="calibration-applications"),
    path(
        "applications/<int:application_id>/",
        ApplicationDetail.as_view(),
        name="calibration-application",
    ),
    path(
        "applications/<int:application_id>/candidates/",
        ApplicationCandidates.as_view(),
        name="calibration-candidates",
    ),
    path(
        "applications/<int:application_id>/decision/",
        ApplicationDecision.as_view(),
        name="calibration-decision",
    ),
    path("sessions/<int:session_id>/", SessionDetail.as_view(), name="calibration-session"),
    path(
        "sessions/<int:session_id>/presentation/",
        SessionPresentation.as_view(),
        name="calibration-presentation",
    ),
    path("sessions/<int:session_id>/votes/", SessionVotes.as_view(), name="calibration-votes"),
    path(
        "sessions/<int:session_id>/close-round/",
        SessionCloseRound.as_view(),
        name="calibration-close-round",
    ),
    path(
        "sessions/<int:session_id>/participants/",
        SessionParticipants.as_view(),
        name="calibration-participants",
    ),
    path("sessions/<int:session_id>/sign/", SessionSign.as_view(), name="calibration-sign"),
    path("sessions/<int:session_id>/post/", SessionPost.as_view(), name="calibration-post"),
    path(
        "sessions/<int:session_id>/protocol/",
        SessionProtocol.as_view(),
        name="calibration-protocol",
    ),
    path(
        "sessions/<int:session_id>/feedback/",
        SessionFeedback.as_view(),
        name="calibration-feedback",
    ),
    path(
        "sessions/<int:session_id>/appeals/", SessionAppeals.as_view(), name="calibration-appeals"
    ),
    path(
        "appeals/<int:appeal_id>/outcome/",
        AppealOutcomeEndpoint.as_view(),
        name="calibration-appeal-outcome",
    ),
]
