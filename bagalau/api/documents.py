"""REST endpoints of the documents app, mounted at /api/v1/documents/: the printed forms as PDF
(the same builders and the same access choke point as the pages) and the disposal of documents
past their retention (p.14), for the head of the HR service."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from django.http import HttpResponse
from django.urls import URLPattern, path
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api import serializers
from bagalau.api.base import Endpoint, body
from bagalau.core import bounds, clock
from bagalau.documents.access import disposal_get_for
from bagalau.documents.models import Disposal
from bagalau.documents.pdf import PdfFile, pdf_response, print_language
from bagalau.documents.printed import FORMS, PrintedForm
from bagalau.documents.retention import (
    CONTENT_KEYS,
    DueDocuments,
    disposals_of,
    documents_due_for_disposal,
)
from bagalau.documents.selectors import period_text
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


class PdfEndpoint(Endpoint):
    """A printed form: built by a documents selector that looks the object up for the caller
    (404 not visible, 403 someone else's draft, the download audited), in the ``lang`` asked."""

    renderer_classes = PDF_RENDERERS

    def pdf(self, builder: Callable[..., PdfFile], **ids: int) -> HttpResponse:
        language = print_language(self.request.query_params.get("lang"))
        return pdf_response(builder(user=self.request.user, language=language, **ids))


def pdf_endpoint(form: PrintedForm) -> type[PdfEndpoint]:
    """The endpoint of a printed form (documents.printed), with its schema entry."""

    class FormPdf(PdfEndpoint):
        @extend_schema(
            operation_id=form.api_operation,
            summary=form.summary,
            description=form.readers,
            parameters=[LANG],
            responses=PDF_RESPONSES,
        )
        def get(self, request: Request, **ids: int) -> HttpResponse:
            return self.pdf(form.build, **ids)

    FormPdf.__name__ = FormPdf.__qualname__ = "".join(part.title() for part in form.name.split("_"))
    FormPdf.__doc__ = form.readers
    return FormPdf


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
        message = gettext("A whole number is required.")
        raise serializers.ValidationError({"organisation": [message]})
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None or not has_role(request.user, organisation, Role.HR_HEAD):
        raise PermissionDenied()
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


class DueList(Endpoint):
    """Final evaluations completed more than 3 years ago (p.14), with what they comprise."""

    serializer_class = DueSerializer

    @extend_schema(
        summary="Documents due for disposal (head of the HR service)",
        parameters=[OpenApiParameter("organisation", int, required=True)],
        responses={200: DueSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        organisation = _organisation_for_hr_head(request, request.query_params.get("organisation"))
        language = print_language(getattr(request, "LANGUAGE_CODE", None))
        due = documents_due_for_disposal(organisation, clock.today())
        return self.answer([_due(item, language) for item in due], many=True)


class DisposalList(Endpoint):
    """GET: the disposal records. POST: dispose of the listed evaluations' documents — all of
    them due, or nothing is removed (400)."""

    serializer_class = DisposalSerializer

    @extend_schema(
        summary="Past disposals (head of the HR service)",
        parameters=[OpenApiParameter("organisation", int, required=True)],
        responses={200: DisposalSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        organisation = _organisation_for_hr_head(request, request.query_params.get("organisation"))
        return self.answer([_disposal(d) for d in disposals_of(organisation)], many=True)

    @extend_schema(
        summary="Dispose of documents past their retention (head of the HR service)",
        request=DisposeSerializer,
        responses={201: DisposalSerializer},
    )
    def post(self, request: Request) -> Response:
        data = body(DisposeSerializer, request)
        organisation = _organisation_for_hr_head(request, data["organisation"])
        disposal = documents_dispose(
            actor=request.user,
            organisation=organisation,
            evaluation_ids=data["evaluations"],
            note=data["note"],
        )
        return self.answer(_disposal(disposal), status=status.HTTP_201_CREATED)


class DisposalDetail(Endpoint):
    """A disposal record of an organisation whose HR service the caller heads."""

    serializer_class = DisposalSerializer
    get_for = disposal_get_for
    lookup_url_kwarg = "disposal_id"

    @extend_schema(summary="One disposal record", responses={200: DisposalSerializer})
    def get(self, request: Request, disposal_id: int) -> Response:
        return self.answer(_disposal(self.get_object()))


urlpatterns: list[URLPattern] = [
    *(
        path(form.route, pdf_endpoint(form).as_view(), name=f"documents_{form.name}")
        for form in FORMS
    ),
    path("retention/due/", DueList.as_view(), name="documents_due"),
    path("disposals/", DisposalList.as_view(), name="documents_disposals"),
    path("disposals/<int:disposal_id>/", DisposalDetail.as_view(), name="documents_disposal"),
]
