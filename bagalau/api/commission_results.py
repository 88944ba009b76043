"""REST endpoints of a servant's result after the commission (/api/v1/commission/results/<id>/):
familiarisation, the refusal act, the dispatch through the intranet portal, the appeal and its
outcome (EDITIONS.md §2.2 H1-H3, I1-I2). The same services, selectors and access rules as the
page: `result_get_for` (the read audited), `results_actions` for what the caller may do; errors
are ``{"error": {"field", "message"}}``.

Codes are plain strings checked by the services (outcome: recommend_revision | left_unchanged).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api import serializers
from bagalau.api.base import (
    Action,
    DetailEndpoint,
    ObjectEndpoint,
    PersonSerializer,
    Step,
    body,
    detailed,
    posted,
)
from bagalau.commission import services
from bagalau.commission.access import result_find_for, result_get_for, results_actions
from bagalau.commission.models import AgencyReport
from bagalau.commission.selectors import AppealRow, ResultView, result_view
from bagalau.commission.services.agency import agency_report_record
from bagalau.core import bounds

TAGS = ["commission"]


class CommissionDispatchOut(serializers.Serializer[Any]):
    """A dispatch of the result through the intranet portal (H3, p.42)."""

    id = serializers.IntegerField(source="pk")
    sent_on = serializers.DateField()
    reference = serializers.CharField()


class CommissionAppealOut(serializers.Serializer[AppealRow]):
    """An appeal against the commission's decision, its due date and whether it was recorded as
    late (after 10 working days, I1; G-1)."""

    id = serializers.IntegerField(source="appeal.pk")
    basis = serializers.CharField(
        source="appeal.basis", help_text="commission (to the agency, I1) | court (I4)"
    )
    filed_on = serializers.DateField(source="appeal.filed_on")
    authority = serializers.CharField(source="appeal.authority")
    note = serializers.CharField(source="appeal.note")
    outcome = serializers.CharField(
        source="appeal.outcome",
        help_text="pending | recommend_revision | left_unchanged (agency) | upheld | overturned | "
        "withdrawn (court)",
    )
    outcome_on = serializers.DateField(source="appeal.outcome_on", allow_null=True)
    due = serializers.DateField(allow_null=True)
    late = serializers.BooleanField()
    late_by_working_days = serializers.IntegerField(source="lateness.working_days", allow_null=True)


class CommissionAgencyReportOut(serializers.Serializer[Any]):
    """moj-2017: informing the agency of the decision taken on an appeal, due 14 calendar days
    after HR recorded the agency's communication (001 p.39, M-12); sent_on null until done."""

    id = serializers.IntegerField(source="pk")
    appeal_id = serializers.IntegerField()
    due = serializers.DateField()
    sent_on = serializers.DateField(allow_null=True)
    reference = serializers.CharField()


class CommissionRefusalOut(serializers.Serializer[Any]):
    """The refusal act (H2, p.41): its number on the result, its day, the servants who signed it
    with HR."""

    id = serializers.IntegerField(source="pk")
    number = serializers.IntegerField()
    refused_on = serializers.DateTimeField(source="drawn_up_at")
    text = serializers.CharField()
    signer_ids = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_signer_ids(self, act: Any) -> list[int]:
        return [signer.servant_id for signer in act.signers.all()]


class CommissionResultOut(serializers.Serializer[ResultView]):
    """The servant's result after the commission and what the caller may do now
    (`results_actions`: acknowledge, refusal, dispatch, appeal, appeal_outcome)."""

    evaluation_id = serializers.IntegerField(source="evaluation.pk")
    servant = PersonSerializer(source="evaluation.servant")
    status = serializers.CharField(source="evaluation.status")
    kpi_achieved = serializers.DecimalField(
        source="evaluation.result_score", max_digits=7, decimal_places=2, allow_null=True
    )
    rating = serializers.CharField(source="evaluation.result_rating")
    session_id = serializers.IntegerField(source="session.pk", allow_null=True)
    decision_on = serializers.DateField(source="session.date", allow_null=True)
    approved_on = serializers.DateField(source="session.approved_on", allow_null=True)
    familiarisation_due = serializers.DateField(
        source="evaluation.familiarisation_due", allow_null=True
    )
    familiarised_on = serializers.DateField(source="evaluation.familiarised_on", allow_null=True)
    familiarisation_late_by = serializers.IntegerField(
        source="familiarisation_lateness.working_days", allow_null=True
    )
    refusal = CommissionRefusalOut(allow_null=True)
    refusals = CommissionRefusalOut(many=True)
    service_record = serializers.CharField(source="service_record.result_text", allow_null=True)
    service_record_points = serializers.DecimalField(
        source="service_record.score", max_digits=7, decimal_places=2, allow_null=True
    )
    dispatches = CommissionDispatchOut(many=True)
    appeal_due = serializers.DateField(allow_null=True)
    appeals = CommissionAppealOut(many=True)
    agency_reports = CommissionAgencyReportOut(many=True)
    actions = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_actions(self, view: ResultView) -> list[str]:
        user = self.context["request"].user
        return sorted(results_actions(user=user, evaluation=view.evaluation))


class CommissionAcknowledgeIn(serializers.Serializer[Any]):
    """The day the servant acknowledged the results in writing (H1, p.41)."""

    acknowledged_on = serializers.DateField(allow_null=True)


class CommissionRefusalIn(serializers.Serializer[Any]):
    """The refusal act: its day and the two other servants who sign it with HR (H2, p.41)."""

    refused_on = serializers.DateField(allow_null=True)
    signers = serializers.ListField(child=serializers.IntegerField(), max_length=10)
    text = serializers.CharField(required=False, allow_blank=True, default="")


class CommissionDispatchIn(serializers.Serializer[Any]):
    """The result sent through the intranet portal (H3, p.42)."""

    sent_on = serializers.DateField(allow_null=True)
    reference = serializers.CharField(max_length=bounds.TITLE, allow_blank=True)


class CommissionAppealIn(serializers.Serializer[Any]):
    """The servant's appeal to the agency (I1, p.43) or claim to a court (I4, p.44), as HR
    records it."""

    basis = serializers.ChoiceField(
        choices=[("commission", "commission"), ("court", "court")],
        required=False,
        default="commission",
        help_text="commission: to the civil service agency; court: a claim to a court",
    )
    filed_on = serializers.DateField(allow_null=True)
    authority = serializers.CharField(max_length=bounds.TITLE, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class CommissionAppealOutcomeIn(serializers.Serializer[Any]):
    """The agency's outcome (I2, p.43)."""

    outcome = serializers.CharField(
        max_length=30,
        help_text="recommend_revision | left_unchanged (agency), also other under moj-2017 (M-13); "
        "upheld | overturned | withdrawn (court)",
    )
    decided_on = serializers.DateField(allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class CommissionAgencyReportIn(serializers.Serializer[Any]):
    """The day the agency was informed of the decision taken, and the letter's reference."""

    sent_on = serializers.DateField(allow_null=True)
    reference = serializers.CharField(max_length=bounds.TITLE, allow_blank=True, default="")


class ResultEndpoint(ObjectEndpoint):
    """A result the caller may see (404 otherwise), answered as it is now (the read audited)."""

    serializer_class = CommissionResultOut
    get_for = result_find_for
    lookup_url_kwarg = "evaluation_id"

    def current(self) -> Response:
        """The result after the commission, its read audited (G-5)."""
        evaluation = result_get_for(user=self.request.user, id=self.kwargs["evaluation_id"])
        return self.answer(result_view(evaluation))


@extend_schema(tags=TAGS)
@detailed("A servant's result after the commission (the read is audited)")
class ResultDetail(ResultEndpoint, DetailEndpoint):
    """The result, its familiarisation, refusal act, service record, dispatches, appeals."""


class ResultStep(ResultEndpoint, Step):
    """POST runs `service` on the result with the body read by `input_class`, then answers the
    result as it is now (`current`)."""


@extend_schema(tags=TAGS)
@posted("Record the written acknowledgement (the servant, or HR for them; H1, p.41)")
class ResultAcknowledge(ResultStep):
    """Late is recorded and shown late, never refused (G-1)."""

    service = services.commission_result_acknowledge
    input_class = CommissionAcknowledgeIn


@extend_schema(tags=TAGS)
@posted("Record the refusal act, signed by HR and two other servants (HR; H2, p.41)")
class ResultRefusal(ResultStep):
    """The result still enters the service record (H3, p.42)."""

    service = services.commission_result_refusal_record
    input_class = CommissionRefusalIn


@extend_schema(tags=TAGS)
@posted(
    "Record the dispatch through the intranet portal (HR; H3, p.42)",
    responses={201: CommissionDispatchOut},
)
class ResultDispatches(ResultEndpoint, Action):
    """When it was sent and the portal's reference."""

    serializer_class = CommissionDispatchOut  # type: ignore[assignment]
    service = services.intranet_dispatch_record
    input_class = CommissionDispatchIn
    answer_status = 201


@extend_schema(tags=TAGS)
@posted(
    "Record the servant's appeal to the agency (HR; I1, p.43)",
    responses={201: CommissionResultOut},
)
class ResultAppeals(ResultStep):
    """After 10 working days it is recorded as late, never refused (G-1)."""

    service = services.commission_appeal_record
    input_class = CommissionAppealIn

    def post(self, request: Request, **kwargs: Any) -> Response:
        response = super().post(request, **kwargs)
        response.status_code = 201
        return response


@extend_schema(tags=TAGS)
class ResultAppealOutcome(ResultEndpoint):
    @extend_schema(
        summary="Record the agency's outcome on the appeal (HR; I2-I3, p.43)",
        request=CommissionAppealOutcomeIn,
    )
    def post(self, request: Request, evaluation_id: int, appeal_id: int) -> Response:
        """A recommended revision puts the servant back before the commission (I3)."""
        evaluation = self.get_object()
        data = body(CommissionAppealOutcomeIn, request)
        if not evaluation.appeals.filter(pk=appeal_id).exists():
            raise Http404("No such appeal on this result.")
        services.commission_appeal_outcome(actor=request.user, appeal_id=appeal_id, **data)
        return self.current()


@extend_schema(tags=TAGS)
class ResultAgencyReport(ResultEndpoint):
    @extend_schema(
        summary="Record the information sent to the agency on the decision taken (HR; moj-2017 "
        "p.39, M-12)",
        request=CommissionAgencyReportIn,
    )
    def post(self, request: Request, evaluation_id: int, report_id: int) -> Response:
        """Sent after the 14 calendar days is recorded and shown late, never refused (G-1)."""
        evaluation = self.get_object()
        data = body(CommissionAgencyReportIn, request)
        if not AgencyReport.objects.filter(pk=report_id, appeal__evaluation=evaluation).exists():
            raise Http404("No such task on this result.")
        agency_report_record(actor=request.user, report_id=report_id, **data)
        return self.current()


urlpatterns = [
    path("results/<int:evaluation_id>/", ResultDetail.as_view(), name="commission-result"),
    path(
        "results/<int:evaluation_id>/acknowledge/",
        ResultAcknowledge.as_view(),
        name="commission-result-acknowledge",
    ),
    path(
        "results/<int:evaluation_id>/refusal/",
        ResultRefusal.as_view(),
        name="commission-result-refusal",
    ),
    path(
        "results/<int:evaluation_id>/dispatches/",
        ResultDispatches.as_view(),
        name="commission-result-dispatches",
    ),
    path(
        "results/<int:evaluation_id>/appeals/",
        ResultAppeals.as_view(),
        name="commission-result-appeals",
    ),
    path(
        "results/<int:evaluation_id>/appeals/<int:appeal_id>/outcome/",
        ResultAppealOutcome.as_view(),
        name="commission-result-appeal-outcome",
    ),
    path(
        "results/<int:evaluation_id>/agency-reports/<int:report_id>/",
        ResultAgencyReport.as_view(),
        name="commission-result-agency-report",
    ),
]
