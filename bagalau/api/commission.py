"""REST endpoints of the evaluation commission (/api/v1/commission/): the same services,
selectors and access rules as the pages (EDITIONS.md §2.2 A1-A3, G1-G4). Declarative: one
serializer per shape serves the schema and the answer, `get_object()` goes through the access
lookups (`version_get_for`, `session_get_for`; the session's read with its results is audited by
`session_read_for`), errors are ``{"error": {"field", "message"}}``.

Codes are plain strings checked by the services (role: chair | member | secretary; kind:
approve | revise; vote: for | against), so the schema names no enum twice.
"""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api import commission_explain, commission_results, serializers
from bagalau.api.base import (
    Action,
    ActionsField,
    DetailEndpoint,
    Endpoint,
    ListEndpoint,
    ObjectEndpoint,
    PersonSerializer,
    Step,
    body,
    detailed,
    listed,
    posted,
)
from bagalau.commission import services
from bagalau.commission.access import (
    session_actions,
    session_get_for,
    session_read_for,
    version_get_for,
)
from bagalau.commission.editions import moj_kind
from bagalau.commission.models import CommissionSession, CommissionVersion, Motion
from bagalau.commission.moj_selectors import papers_of, session_warnings
from bagalau.commission.selectors import (
    sessions_visible_to,
    versions_of,
    versions_visible_to,
)
from bagalau.core import bounds
from bagalau.org.models import Organisation

TAGS = ["commission"]


# --- shapes ---------------------------------------------------------------------------------------


class CommissionSeatIn(serializers.Serializer[Any]):
    """A seat: the servant and the role (chair, member, secretary)."""

    servant_id = serializers.IntegerField()
    role = serializers.CharField(max_length=20, help_text="chair | member | secretary")


class CommissionSeatOut(CommissionSeatIn):
    """A seat with the servant's name."""

    servant = PersonSerializer()


class CommissionVersionIn(serializers.Serializer[Any]):
    """The forming order (when none is recorded) or an amending order, with the whole
    membership (p.5, p.31)."""

    organisation_id = serializers.IntegerField()
    order_number = serializers.CharField(max_length=bounds.CODE, allow_blank=True)
    order_date = serializers.DateField(allow_null=True)
    signatory_id = serializers.IntegerField(help_text="The authorised person who signed it.")
    seats = CommissionSeatIn(many=True)


class CommissionVersionOut(serializers.Serializer[CommissionVersion]):
    """A version of the commission: its order and seats."""

    id = serializers.IntegerField(source="pk")
    organisation_id = serializers.IntegerField()
    kind = serializers.CharField()
    order_number = serializers.CharField()
    order_date = serializers.DateField()
    edition = serializers.CharField()
    signatory = PersonSerializer()
    seats = CommissionSeatOut(many=True, source="seats.all")


class CommissionScheduleIn(serializers.Serializer[Any]):
    """A session on a date agreed with the chair, with its agenda (p.35-36)."""

    organisation_id = serializers.IntegerField()
    date = serializers.DateField(allow_null=True)
    chair_agreed_on = serializers.DateField(allow_null=True)
    place = serializers.CharField(max_length=bounds.TITLE, required=False, allow_blank=True)
    evaluation_ids = serializers.ListField(child=serializers.IntegerField(), max_length=500)


class CommissionVoteOut(serializers.Serializer[Any]):
    """A member's open vote."""

    servant_id = serializers.IntegerField(source="seat.servant_id")
    choice = serializers.CharField()


class CommissionMotionOut(serializers.Serializer[Motion]):
    """A motion on a servant and its vote (adopted: null until voted)."""

    id = serializers.IntegerField(source="pk")
    evaluation_id = serializers.IntegerField(source="item.evaluation_id")
    kind = serializers.CharField()
    revised_kpi_achieved = serializers.IntegerField(allow_null=True)
    revised_competencies = serializers.CharField()
    revised_score = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    reason = serializers.CharField()
    recommendations = serializers.CharField()
    adopted = serializers.BooleanField(allow_null=True)
    votes_for = serializers.IntegerField(allow_null=True)
    votes_against = serializers.IntegerField(allow_null=True)
    votes = CommissionVoteOut(many=True, source="votes.all")


class CommissionItemOut(serializers.Serializer[Any]):
    """A servant on the agenda, the evaluator's result and the motions."""

    number = serializers.IntegerField()
    evaluation_id = serializers.IntegerField()
    servant = PersonSerializer(source="evaluation.servant")
    status = serializers.CharField(source="evaluation.status")
    kpi_achieved = serializers.DecimalField(
        source="evaluation.score", max_digits=7, decimal_places=2, allow_null=True
    )
    rating = serializers.CharField(source="evaluation.rating")
    final_score = serializers.DecimalField(
        source="evaluation.final_score", max_digits=7, decimal_places=2, allow_null=True
    )
    final_rating = serializers.CharField(source="evaluation.final_rating")
    moj_kind = serializers.SerializerMethodField()
    papers = serializers.SerializerMethodField()
    motions = CommissionMotionOut(many=True, source="motions.all")

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_moj_kind(self, item: Any) -> str | None:
        """moj-2017: "quarter" or "annual" (p.35); null for typical-2018."""
        return moj_kind(item.evaluation)

    @extend_schema_field(serializers.JSONField())
    def get_papers(self, item: Any) -> list[dict[str, str]]:
        """moj-2017: the papers presented (p.34): the sheet and the job description."""
        if moj_kind(item.evaluation) is None:
            return []
        return [
            {"code": paper.code, "url": paper.url, "text": paper.text}
            for paper in papers_of(item.evaluation)
        ]


class CommissionSessionListOut(serializers.Serializer[CommissionSession]):
    """A session without its results."""

    id = serializers.IntegerField(source="pk")
    organisation_id = serializers.IntegerField()
    version_id = serializers.IntegerField()
    date = serializers.DateField()
    chair_agreed_on = serializers.DateField()
    place = serializers.CharField()
    status = serializers.CharField()


class CommissionSessionOut(CommissionSessionListOut):
    """A session with attendance, quorum, agenda, motions and votes, signatures and approval,
    and what the caller may do (`session_actions`)."""

    conclusion = serializers.CharField()
    present_count = serializers.IntegerField(allow_null=True)
    quorum_needed = serializers.IntegerField(allow_null=True)
    present = serializers.SerializerMethodField()
    agenda = CommissionItemOut(many=True, source="agenda.all")
    signatures = serializers.SerializerMethodField()
    approved_on = serializers.DateField(allow_null=True)
    approval_remarks = serializers.CharField()
    warnings = serializers.SerializerMethodField()
    actions = ActionsField(session_actions)

    @extend_schema_field(serializers.JSONField())
    def get_warnings(self, session: CommissionSession) -> list[dict[str, Any]]:
        """moj-2017: a quarter's session late by more than 10 working days (M-5), never refused."""
        return [
            {"code": w.code, "message": gettext(w.template) % w.params, "params": w.params}
            for w in session_warnings(session)
        ]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_present(self, session: CommissionSession) -> list[int]:
        return list(
            session.attendance.filter(present=True).values_list("seat__servant_id", flat=True)
        )

    @extend_schema_field(serializers.JSONField())
    def get_signatures(self, session: CommissionSession) -> list[dict[str, Any]]:
        return [
            {"servant_id": s.seat.servant_id, "role": s.seat.role, "signed_on": str(s.signed_on)}
            for s in session.signatures.select_related("seat")
        ]


class CommissionAttendanceIn(serializers.Serializer[Any]):
    """The servants present (chair, members, secretary)."""

    present_servant_ids = serializers.ListField(child=serializers.IntegerField(), max_length=200)


class CommissionMotionIn(serializers.Serializer[Any]):
    """A motion: approve, or revise with the corrected result and a reason (p.37-38; T-13)."""

    evaluation_id = serializers.IntegerField()
    kind = serializers.CharField(max_length=20, help_text="approve | revise")
    revised_kpi_achieved = serializers.IntegerField(required=False, allow_null=True, default=None)
    revised_competencies = serializers.CharField(required=False, allow_blank=True, default="")
    revised_score = serializers.CharField(
        required=False,
        allow_null=True,
        allow_blank=True,
        default=None,
        max_length=20,
        help_text="moj-2017: the corrected score (quarter: whole points; year: 1 decimal, 2-5)",
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    recommendations = serializers.CharField(required=False, allow_blank=True, default="")


class CommissionVoteItem(serializers.Serializer[Any]):
    """One member's vote."""

    servant_id = serializers.IntegerField()
    choice = serializers.CharField(max_length=10, help_text="for | against")


class CommissionVoteIn(serializers.Serializer[Any]):
    """The open vote: one "for" or "against" for each member present (G-7)."""

    votes = CommissionVoteItem(many=True)


class CommissionConclusionIn(serializers.Serializer[Any]):
    """The commission's conclusion in the protocol (App. 5)."""

    conclusion = serializers.CharField(allow_blank=True)


class CommissionSignIn(serializers.Serializer[Any]):
    """The date of the caller's signature on the protocol."""

    signed_on = serializers.DateField(allow_null=True)


class CommissionApproveIn(serializers.Serializer[Any]):
    """The authorised person's approval (p.39; T-12)."""

    approved_on = serializers.DateField(allow_null=True)
    remarks = serializers.CharField(required=False, allow_blank=True, default="")


# --- versions -------------------------------------------------------------------------------------


@extend_schema(tags=TAGS)
@listed("The commission versions the caller may see", CommissionVersionOut)
class VersionList(ListEndpoint):
    """GET the versions; POST the working body records the forming or an amending order."""

    serializer_class = CommissionVersionOut

    def get_queryset(self) -> Any:
        return versions_visible_to(self.request.user).order_by("-order_date", "-pk")

    @extend_schema(
        summary="Record the forming order, or an amending one once formed (HR; p.5, p.31)",
        request=CommissionVersionIn,
        responses={201: CommissionVersionOut},
    )
    def post(self, request: Request) -> Response:
        data = body(CommissionVersionIn, request)
        organisation = Organisation.objects.filter(pk=data["organisation_id"]).first()
        formed = organisation is not None and versions_of(organisation).exists()
        service = services.commission_amend if formed else services.commission_form
        version = service(
            actor=request.user,
            organisation_id=data["organisation_id"],
            order_number=data["order_number"],
            order_date=data["order_date"],
            signatory_id=data["signatory_id"],
            seats=[(seat["servant_id"], seat["role"]) for seat in data["seats"]],
        )
        return self.created(version)


@extend_schema(tags=TAGS)
@detailed("One version of the commission")
class VersionDetail(DetailEndpoint):
    """The order and the seats."""

    serializer_class = CommissionVersionOut
    get_for = version_get_for
    lookup_url_kwarg = "version_id"


# --- sessions -------------------------------------------------------------------------------------


@extend_schema(tags=TAGS)
@listed("The sessions the caller may see (no results)", CommissionSessionListOut)
@posted("Schedule a session on a date agreed with the chair (HR; p.35-36)")
class SessionList(ListEndpoint, Action):
    """GET the sessions; POST the working body schedules one."""

    serializer_class = CommissionSessionListOut
    service = services.session_schedule
    input_class = CommissionScheduleIn
    answer_status = 201

    def get_queryset(self) -> Any:
        return sessions_visible_to(self.request.user).order_by("-date", "-pk")


class SessionEndpoint(ObjectEndpoint):
    """A session the caller may see (404 otherwise), answered with its results (audited)."""

    serializer_class = CommissionSessionOut
    get_for = session_get_for
    lookup_url_kwarg = "session_id"

    def current(self) -> Response:
        """The session as it is now, the read of its results audited."""
        session = session_read_for(user=self.request.user, id=self.kwargs["session_id"])
        return self.answer(session)


@extend_schema(tags=TAGS)
@detailed("A session with its servants' results (the read is audited)")
class SessionDetail(SessionEndpoint, DetailEndpoint):
    """The session."""


class SessionStep(SessionEndpoint, Step):
    """POST runs `service` on the session with the body read by `input_class`, then answers the
    session as it is now (`current`)."""


@extend_schema(tags=TAGS)
@posted("Record the attendance: held with a quorum, else adjourned (HR; p.30)")
class SessionAttendance(SessionStep):
    """Who was present."""

    service = services.session_record_attendance
    input_class = CommissionAttendanceIn


@extend_schema(tags=TAGS)
@posted("Put a motion on a servant (HR; p.37-38)", responses={201: CommissionMotionOut})
class SessionMotions(SessionEndpoint, Action):
    """Approve, or revise with the corrected result and a reason."""

    serializer_class = CommissionMotionOut  # type: ignore[assignment]
    service = services.motion_put
    input_class = CommissionMotionIn
    answer_status = 201


@extend_schema(tags=TAGS)
class MotionVotes(Endpoint):
    serializer_class = CommissionMotionOut

    @extend_schema(
        summary="Record the open vote on a motion (HR; p.32-34, G-7)",
        request=CommissionVoteIn,
        responses={200: CommissionMotionOut},
    )
    def post(self, request: Request, motion_id: int) -> Response:
        """Every member present votes; the chair decides a tie; the secretary does not vote."""
        data = body(CommissionVoteIn, request)
        motion = services.motion_vote(
            actor=request.user,
            motion_id=motion_id,
            votes={vote["servant_id"]: vote["choice"] for vote in data["votes"]},
        )
        return self.answer(motion)


@extend_schema(tags=TAGS)
@posted("Write the commission's conclusion in the protocol (HR; App. 5)")
class SessionConclusion(SessionStep):
    """The conclusion."""

    service = services.session_conclude
    input_class = CommissionConclusionIn


@extend_schema(tags=TAGS)
@posted("Sign the protocol in one's seat (secretary, chair, member present; App. 5)")
class SessionSignatures(SessionStep):
    """The caller's signature."""

    service = services.protocol_sign
    input_class = CommissionSignIn


@extend_schema(tags=TAGS)
@posted("Approve the protocol and the results (the authorised person; p.39)")
class SessionApproval(SessionStep):
    """Approve, with optional remarks (T-12)."""

    service = services.session_approve
    input_class = CommissionApproveIn


urlpatterns = [
    path("versions/", VersionList.as_view(), name="commission-versions"),
    path("versions/<int:version_id>/", VersionDetail.as_view(), name="commission-version"),
    path("sessions/", SessionList.as_view(), name="commission-sessions"),
    path("sessions/<int:session_id>/", SessionDetail.as_view(), name="commission-session"),
    path(
        "sessions/<int:session_id>/attendance/",
        SessionAttendance.as_view(),
        name="commission-attendance",
    ),
    path("sessions/<int:session_id>/motions/", SessionMotions.as_view(), name="commission-motions"),
    path("motions/<int:motion_id>/votes/", MotionVotes.as_view(), name="commission-votes"),
    path(
        "sessions/<int:session_id>/conclusion/",
        SessionConclusion.as_view(),
        name="commission-conclusion",
    ),
    path(
        "sessions/<int:session_id>/signatures/",
        SessionSignatures.as_view(),
        name="commission-signatures",
    ),
    path(
        "sessions/<int:session_id>/approval/",
        SessionApproval.as_view(),
        name="commission-approval",
    ),
    *commission_results.urlpatterns,
    *commission_explain.urlpatterns,
]
