"""REST endpoints of the documents app, mounted at /api/v1/documents/: the printed forms as PDF
(the same builders and the same access choke point as the pages) and the disposal of documents
past their retention (p.14), for the head of the HR service."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django.http import Http404, HttpResponse
from django.urls import URLPattern, path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import api_view, renderer_classes
from rest_framework.exceptions import PermissionDenied
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api import serializers
from bagalau.core import bounds, clock
from bagalau.documents.blank import blank_sheet_pdf
from bagalau.documents.models import Disposal
from bagalau.documents.pdf import pdf_response, print_language
from bagalau.documents.retention import (
    CONTENT_KEYS,
    DueDocuments,
    disposals_of,
    documents_due_for_disposal,
)
from bagalau.documents.selectors import (
    evaluation_sheet_pdf,
    period_text,
    protocol_pdf,
    work_plan_pdf,
)
from bagalau.documents.services import documents_dispose
from bagalau.org.models import Organisation, Role
from bagalau.org.selectors import has_role


class PdfRenderer(BaseRenderer):
    """Lets a client ask for ``Accept: application/pdf``; errors still go out as JSON."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        if isinstance(data, bytes):
            return data
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Type"] = "application/json"
        return json.dumps(data, ensure_ascii=False).encode("utf-8")


PDF_RENDERERS = [JSONRenderer, PdfRenderer]
LANG = OpenApiParameter(
    "lang", str, enum=["kk", "ru", "en"], description="Print language (Kazakh by default)."
)
PDF_RESPONSES = {
    (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The PDF file."),
    400: OpenApiResponse(description="No printable form (edition or method)."),
    403: OpenApiResponse(description="Not logged in, or someone else's unsigned draft."),
    404: OpenApiResponse(description="No such document, or not visible to the caller."),
}


# --- the printed forms ---------------------------------------------------------------------------


@extend_schema(
    operation_id="documents_evaluation_sheet_pdf",
    summary="Evaluation sheet as PDF (App. 2 for KPI, App. 4 for differentiation)",
    parameters=[LANG],
    responses=PDF_RESPONSES,
)
@api_view(["GET"])
@renderer_classes(PDF_RENDERERS)
def evaluation_sheet(request: Request, evaluation_id: int) -> HttpResponse:
    """Visible to the evaluatee, the evaluator, the head of the HR service and the case's
    calibration participants; every download is audited."""
    language = print_language(request.query_params.get("lang"))
    return pdf_response(
        evaluation_sheet_pdf(user=request.user, evaluation_id=evaluation_id, language=language)
    )


@extend_schema(
    operation_id="documents_blank_sheet_pdf",
    summary="Blank evaluation sheet to fill in on paper (App. 2 or App. 4; p.3, p.29)",
    parameters=[LANG],
    responses={
        **PDF_RESPONSES,
        400: OpenApiResponse(description="The sheet is signed already, or not a quarterly sheet."),
        403: OpenApiResponse(description="Not logged in, or not its evaluator or HR service."),
    },
)
@api_view(["GET"])
@renderer_classes(PDF_RENDERERS)
def blank_sheet(request: Request, evaluation_id: int) -> HttpResponse:
    """For the evaluator of an unsigned quarterly sheet and the HR service of the organisation:
    the form with the servant, the period and (App. 2) the KPIs and planned values printed, the
    scores left empty. Every print is audited."""
    language = print_language(request.query_params.get("lang"))
    return pdf_response(
        blank_sheet_pdf(user=request.user, evaluation_id=evaluation_id, language=language)
    )


@extend_schema(
    operation_id="documents_protocol_pdf",
    summary="Calibration session protocol as PDF (p.41)",
    parameters=[LANG],
    responses=PDF_RESPONSES,
)
@api_view(["GET"])
@renderer_classes(PDF_RENDERERS)
def calibration_protocol(request: Request, session_id: int) -> HttpResponse:
    """Visible to whoever may read the evaluation, the session's participants included."""
    language = print_language(request.query_params.get("lang"))
    return pdf_response(protocol_pdf(user=request.user, session_id=session_id, language=language))


@extend_schema(
    operation_id="documents_work_plan_pdf",
    summary="Work plan as PDF (App. 1)",
    parameters=[LANG],
    responses=PDF_RESPONSES,
)
@api_view(["GET"])
@renderer_classes(PDF_RENDERERS)
def work_plan(request: Request, plan_id: int) -> HttpResponse:
    """For the servant, the evaluator, the approver and the HR service."""
    language = print_language(request.query_params.get("lang"))
    return pdf_response(work_plan_pdf(user=request.user, plan_id=plan_id, language=language))


# --- retention (p.14) ----------------------------------------------------------------------------


class ContentsSerializer(serializers.Serializer[Any]):
    """How many rows of each kind an evaluation's documents comprise."""

    kpi_results = serializers.IntegerField()
    parameter_scores = serializers.IntegerField()
    refusal_act = serializers.IntegerField()
    calibration_application = serializers.IntegerField()
    calibration_session = serializers.IntegerField()
    votes = serializers.IntegerField()
    score_changes = serializers.IntegerField()
    feedback_meeting = serializers.IntegerField()
    appeals = serializers.IntegerField()
    paper_scan = serializers.IntegerField(help_text="The scan of a sheet held on paper.")


class DueSerializer(serializers.Serializer[Any]):
    """A final evaluation whose documents are past their retention."""

    evaluation = serializers.IntegerField()
    servant = serializers.CharField()
    period = serializers.CharField()
    method = serializers.CharField()
    completed_on = serializers.DateField()
    kept_until = serializers.DateField()
    contents = ContentsSerializer()


class DisposalItemSerializer(serializers.Serializer[Any]):
    """One case listed by a disposal record."""

    evaluation_id = serializers.IntegerField()
    servant = serializers.CharField()
    period = serializers.CharField()
    method = serializers.CharField()
    completed = serializers.DateField()
    removed = serializers.DictField(child=serializers.IntegerField())


class DisposalSerializer(serializers.Serializer[Any]):
    """A disposal record."""

    id = serializers.IntegerField()
    disposed_at = serializers.DateTimeField()
    disposed_by = serializers.CharField()
    completed_before = serializers.DateField()
    note = serializers.CharField(allow_blank=True)
    items = DisposalItemSerializer(many=True)


class DisposeSerializer(serializers.Serializer[Any]):
    """The request to dispose of documents."""

    organisation = serializers.IntegerField()
    evaluations = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")


def _organisation_for_hr_head(request: Request, raw: Any) -> Organisation:
    """The organisation named, of which the caller is the head of the HR service (403 else)."""
    organisation_id = raw if isinstance(raw, int) else bounds.ascii_int(raw)
    if organisation_id is None:
        raise serializers.ValidationError({"organisation": ["A whole number is required."]})
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None or not has_role(request.user, organisation, Role.HR_HEAD):
        raise PermissionDenied("Only the head of the HR service disposes of documents.")
    return organisation


def _due(item: DueDocuments, language: str) -> dict[str, Any]:
    evaluation = item.evaluation
    return {
        "evaluation": evaluation.pk,
        "servant": evaluation.servant.full_name,
        "period": period_text(evaluation.period, language),
        "method": evaluation.method,
        "completed_on": item.completed_on,
        "kept_until": item.kept_until,
        "contents": {key: item.contents.get(key, 0) for key in CONTENT_KEYS},
    }


def _disposal(disposal: Disposal) -> dict[str, Any]:
    user = disposal.disposed_by
    return {
        "id": disposal.pk,
        "disposed_at": disposal.disposed_at,
        "disposed_by": user.get_full_name() or user.get_username(),
        "completed_before": disposal.completed_before,
        "note": disposal.note,
        "items": disposal.items,
    }


@extend_schema(
    summary="Documents due for disposal (head of the HR service)",
    parameters=[OpenApiParameter("organisation", int, required=True)],
    responses={200: DueSerializer(many=True)},
)
@api_view(["GET"])
def due_for_disposal(request: Request) -> Response:
    """Final evaluations completed more than 3 years ago (p.14), with what they comprise."""
    organisation = _organisation_for_hr_head(request, request.query_params.get("organisation"))
    language = print_language(getattr(request, "LANGUAGE_CODE", None))
    due = documents_due_for_disposal(organisation, clock.today())
    return Response(DueSerializer([_due(item, language) for item in due], many=True).data)


@extend_schema(
    methods=["GET"],
    summary="Past disposals (head of the HR service)",
    parameters=[OpenApiParameter("organisation", int, required=True)],
    responses={200: DisposalSerializer(many=True)},
)
@extend_schema(
    methods=["POST"],
    summary="Dispose of documents past their retention (head of the HR service)",
    request=DisposeSerializer,
    responses={201: DisposalSerializer},
)
@api_view(["GET", "POST"])
def disposals(request: Request) -> Response:
    """GET: the disposal records. POST: dispose of the listed evaluations' documents — all of
    them due, or nothing is removed (400)."""
    if request.method == "POST":
        body = DisposeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        organisation = _organisation_for_hr_head(request, body.validated_data["organisation"])
        disposal = documents_dispose(
            actor=request.user,
            organisation=organisation,
            evaluation_ids=body.validated_data["evaluations"],
            note=body.validated_data["note"],
        )
        return Response(
            DisposalSerializer(_disposal(disposal)).data, status=status.HTTP_201_CREATED
        )
    organisation = _organisation_for_hr_head(request, request.query_params.get("organisation"))
    return Response(
        DisposalSerializer([_disposal(d) for d in disposals_of(organisation)], many=True).data
    )


@extend_schema(summary="One disposal record", responses={200: DisposalSerializer})
@api_view(["GET"])
def disposal_detail(request: Request, disposal_id: int) -> Response:
    """A disposal record of an organisation whose HR service the caller heads."""
    disposal = (
        Disposal.objects.select_related("organisation", "disposed_by")
        .filter(pk=disposal_id)
        .first()
    )
    if disposal is None or not has_role(request.user, disposal.organisation, Role.HR_HEAD):
        raise Http404("No such disposal.")
    return Response(DisposalSerializer(_disposal(disposal)).data)


urlpatterns: list[URLPattern] = [
    path(
        "evaluations/<int:evaluation_id>/sheet.pdf",
        evaluation_sheet,
        name="documents_evaluation_pdf",
    ),
    path(
        "evaluations/<int:evaluation_id>/blank.pdf",
        blank_sheet,
        name="documents_blank_pdf",
    ),
    path(
        "calibration/<int:session_id>/protocol.pdf",
        calibration_protocol,
        name="documents_protocol_pdf",
    ),
    path("plans/<int:plan_id>/work-plan.pdf", work_plan, name="documents_work_plan_pdf"),
    path("retention/due/", due_for_disposal, name="documents_due"),
    path("disposals/", disposals, name="documents_disposals"),
    path("disposals/<int:disposal_id>/", disposal_detail, name="documents_disposal"),
]
