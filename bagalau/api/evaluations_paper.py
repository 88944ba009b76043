"""REST endpoints of the paper fallback (seed 002 p.3, p.29), mounted at /api/v1/evaluations/:
the head of the HR service enters a sheet signed on paper with its scan (multipart), the scan is
read by those who may see the result, and the HR service lists a quarter's sheets to hold on
paper. The same service (evaluations.services.paper) and the same access lookups as the pages.

Errors are ``{"error": {"field", "message"}}``: a broken rule 400 (the field names the KPI row
``kpis[i].score``, the parameter ``scores.<code>``, ``signed_on``, ``scan``, ``status``…), a stale
`version` 409, not visible 404, visible but not allowed 403.
"""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404
from django.urls import URLPattern, path
from django.utils.translation import gettext_noop as N_
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import api_view, parser_classes
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api import serializers
from bagalau.core import bounds
from bagalau.core.errors import DomainError
from bagalau.evaluations.access import evaluation_get_for
from bagalau.evaluations.models import EvaluationStatus, Method
from bagalau.evaluations.selectors import paper as selectors
from bagalau.evaluations.selectors.sheets import period_for
from bagalau.evaluations.services.paper import paper_result_enter
from bagalau.evaluations.views.paper import scan_response

TAG = ["evaluations: paper"]


class PaperScanSerializer(serializers.Serializer[Any]):
    """The stored scan: its detected type, size and checksum, and the name it was uploaded
    under."""

    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    filename = serializers.CharField(allow_blank=True)


class PaperSummarySerializer(serializers.Serializer[Any]):
    """The mark of a sheet entered from paper."""

    signed_on = serializers.DateField(help_text="The date the evaluator signed the paper sheet.")
    entered_by = serializers.CharField()
    entered_at = serializers.DateTimeField()
    scan = PaperScanSerializer()


class PaperInput(serializers.Serializer[Any]):
    """A paper result, as multipart/form-data. `scores` is a JSON object: for a KPI sheet the
    score of every row by KpiResult id (``{"12": "4.80", "13": "3.40"}``), for a differentiation
    sheet the whole points of every parameter (``{"quality": 5, …}``); `justifications` (by
    parameter) and `justification` (of the result, required) are for differentiation."""

    version = serializers.IntegerField(min_value=1)
    signed_on = serializers.CharField(
        allow_blank=True, required=False, default="", help_text="YYYY-MM-DD"
    )
    scan = serializers.FileField(
        required=False, help_text="PDF, JPEG or PNG (checked by content), size-limited."
    )
    scores = serializers.JSONField(binary=True, required=False)
    justifications = serializers.JSONField(binary=True, required=False)
    justification = serializers.CharField(allow_blank=True, required=False, default="")


class PaperResultSerializer(serializers.Serializer[Any]):
    """The evaluation after the entry."""

    evaluation = serializers.IntegerField()
    version = serializers.IntegerField()
    status = serializers.ChoiceField(choices=EvaluationStatus.choices)
    score = serializers.CharField()
    rating = serializers.CharField()
    familiarisation_due = serializers.DateField(allow_null=True)
    paper = PaperSummarySerializer()


class PaperLineSerializer(serializers.Serializer[Any]):
    """A quarterly sheet of the period as the HR service sees it: no score."""

    evaluation = serializers.IntegerField()
    servant = serializers.CharField()
    method = serializers.ChoiceField(choices=Method.choices)
    evaluator = serializers.CharField(allow_blank=True)
    status = serializers.ChoiceField(choices=EvaluationStatus.choices)
    open = serializers.BooleanField(help_text="Still to be scored: a blank form can be printed.")
    can_enter = serializers.BooleanField()
    entered_from_paper = serializers.BooleanField()
    paper_signed_on = serializers.DateField(allow_null=True)


ERRORS = {
    400: OpenApiResponse(description='A broken rule: {"error": {"field", "message"}}.'),
    403: OpenApiResponse(description="You may see it but not do this (or not logged in)."),
    404: OpenApiResponse(description="No such evaluation, or not visible to you."),
}


def _mapping(value: Any, name: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise DomainError(name, N_("Send a JSON object."))
    return {str(key): item for key, item in value.items()}


def _row_ids(values: dict[str, Any]) -> dict[int, Any]:
    """KPI scores are keyed by the sheet's KpiResult ids."""
    result: dict[int, Any] = {}
    for key, value in values.items():
        row_id = bounds.ascii_int(key)  # "²".isdigit() is True and int("²") fails
        if row_id is None or row_id < 0:
            raise DomainError(f"scores.{key}", N_("The keys are the ids of the sheet's KPI rows."))
        result[row_id] = value
    return result


@extend_schema(
    methods=["GET"],
    tags=TAG,
    request=None,
    responses={200: PaperSummarySerializer, **ERRORS},
)
@extend_schema(
    methods=["POST"],
    tags=TAG,
    request={"multipart/form-data": PaperInput},
    responses={
        201: PaperResultSerializer,
        **ERRORS,
        409: OpenApiResponse(description="The sheet changed since `version` was read."),
    },
)
@api_view(["GET", "POST"])
@parser_classes([MultiPartParser, FormParser])
def evaluation_paper(request: Request, evaluation_id: int) -> Response:
    """GET: how a sheet was entered from paper (404 when it was signed in the system); for
    whoever may see the result (audited). POST: the head of the HR service enters the result of
    a sheet signed on paper, with the scan; an unsigned sheet only; the evaluator's electronic
    draft is discarded."""
    if request.method == "GET":
        evaluation = evaluation_get_for(user=request.user, id=evaluation_id)
        summary = selectors.paper_summary(evaluation)
        if summary is None:
            raise Http404("This sheet was not entered from paper.")
        return Response(PaperSummarySerializer(summary).data)
    body = PaperInput(data=request.data)
    body.is_valid(raise_exception=True)
    data = body.validated_data
    method = selectors.method_of(evaluation_id)
    scores = _mapping(data.get("scores"), "scores")
    evaluation = paper_result_enter(
        actor=request.user,
        evaluation_id=evaluation_id,
        version=data["version"],
        signed_on=data.get("signed_on", ""),
        scan=data.get("scan"),
        kpi_scores=_row_ids(scores) if method == Method.KPI else {},
        scores=scores if method != Method.KPI else {},
        justifications=_mapping(data.get("justifications"), "justifications"),
        justification=data.get("justification", ""),
    )
    return Response(
        PaperResultSerializer(
            {
                "evaluation": evaluation.pk,
                "version": evaluation.version,
                "status": evaluation.status,
                "score": str(evaluation.score),
                "rating": evaluation.rating,
                "familiarisation_due": evaluation.familiarisation_due,
                "paper": selectors.paper_summary(evaluation),
            }
        ).data,
        status=status.HTTP_201_CREATED,
    )


@extend_schema(
    tags=TAG,
    responses={
        (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The scan."),
        (200, "image/jpeg"): OpenApiResponse(OpenApiTypes.BINARY, description="The scan."),
        (200, "image/png"): OpenApiResponse(OpenApiTypes.BINARY, description="The scan."),
        403: ERRORS[403],
        404: ERRORS[404],
    },
)
@api_view(["GET"])
def evaluation_paper_scan(request: Request, evaluation_id: int) -> FileResponse:
    """The scan of the signed paper sheet, for whoever may see the result (audited)."""
    return scan_response(selectors.scan_for(request.user, evaluation_id))


@extend_schema(tags=TAG, responses={200: PaperLineSerializer(many=True), **ERRORS})
@api_view(["GET"])
def period_paper(request: Request, period_id: int) -> Response:
    """A quarter's KPI and differentiation sheets still to be scored, and those entered from
    paper, for the HR service (statuses only)."""
    period = period_for(request.user, period_id, hr_head_only=False)
    lines = selectors.paper_sheets(request.user, period)
    return Response(
        PaperLineSerializer(
            [
                {
                    "evaluation": line.evaluation.pk,
                    "servant": line.evaluation.servant.full_name,
                    "method": line.evaluation.method,
                    "evaluator": line.evaluation.evaluator.full_name
                    if line.evaluation.evaluator
                    else "",
                    "status": line.evaluation.status,
                    "open": line.open,
                    "can_enter": line.can_enter,
                    "entered_from_paper": line.paper is not None,
                    "paper_signed_on": line.paper.signed_on if line.paper else None,
                }
                for line in lines
            ],
            many=True,
        ).data
    )


urlpatterns: list[URLPattern] = [
    path("periods/<int:period_id>/paper/", period_paper, name="evaluations-period-paper"),
    path("<int:evaluation_id>/paper/", evaluation_paper, name="evaluation-paper"),
    path("<int:evaluation_id>/paper/scan/", evaluation_paper_scan, name="evaluation-paper-scan"),
]
