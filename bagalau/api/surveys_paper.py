"""REST endpoints of the 360 survey on paper (seed 002 p.33), mounted under /api/v1/surveys/: the
blank questionnaire, who returned one, and HR typing a target's batch (any order, optional scan).
The same services and access rules as the pages (`bagalau.surveys.paper`)."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpResponse
from django.urls import path
from django.utils.translation import gettext_noop as N_
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import status
from rest_framework.decorators import api_view, parser_classes
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api import serializers
from bagalau.core.errors import DomainError
from bagalau.documents.pdf import pdf_response
from bagalau.surveys.access import target_get_for
from bagalau.surveys.paper import SCAN_MAX_BYTES, target_enter_paper, target_mark_paper_returns
from bagalau.surveys.paper_forms import paper_questionnaire_pdf

TAG = ["surveys"]
ERROR = inline_serializer(
    name="SurveyPaperError",
    fields={
        "error": inline_serializer(
            name="SurveyPaperErrorBody",
            fields={"field": serializers.CharField(), "message": serializers.CharField()},
        )
    },
)
ERRORS = {400: ERROR, 403: ERROR, 404: ERROR}
NOT_A_LIST = N_("A list of questionnaires is expected.")


class SurveyPaperReturnsIn(serializers.Serializer[Any]):
    """The respondents (servant ids) who returned a closed envelope."""

    respondents = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)


class SurveyPaperStateOut(serializers.Serializer[Any]):
    """How many paper questionnaires of the evaluatee await entry (never whose)."""

    target_id = serializers.IntegerField()
    paper_pending = serializers.IntegerField()


class SurveyPaperBatchIn(serializers.Serializer[Any]):
    """Every questionnaire awaiting entry, in any order: ``[{"ethics": [5, 4, 4], ...}, ...]``
    (multipart: the list as a JSON string in `questionnaires`, and the optional `scan`)."""

    questionnaires = serializers.JSONField()
    scan = serializers.FileField(required=False, allow_null=True, default=None)


class SurveyPaperBatchOut(serializers.Serializer[Any]):
    """The batch entered."""

    id = serializers.IntegerField()
    target_id = serializers.IntegerField()
    count = serializers.IntegerField()
    entered_on = serializers.DateField()
    scan = serializers.BooleanField()


@extend_schema(
    tags=TAG,
    summary="The blank App. 5/6 questionnaire for an evaluatee, PDF (HR; ?lang=kk|ru|en)",
    responses={(200, "application/pdf"): bytes, **ERRORS},
)
@api_view(["GET"])
def paper_blank(request: Request, target_id: int) -> HttpResponse:
    """No respondent's name on it."""
    target = target_get_for(user=request.user, id=target_id)
    return pdf_response(paper_questionnaire_pdf(target, request.query_params.get("lang") or "kk"))


@extend_schema(
    tags=TAG,
    summary="Record who returned a paper questionnaire about the evaluatee (HR)",
    request=SurveyPaperReturnsIn,
    responses={200: SurveyPaperStateOut, **ERRORS},
)
@api_view(["POST"])
def paper_returns(request: Request, target_id: int) -> Response:
    """Their questionnaires count as answered on paper; the answers come with the batch."""
    serializer = SurveyPaperReturnsIn(data=request.data)
    serializer.is_valid(raise_exception=True)
    target = target_mark_paper_returns(
        actor=request.user,
        target_id=target_id,
        respondent_ids=serializer.validated_data["respondents"],
    )
    return Response(
        SurveyPaperStateOut({"target_id": target.pk, "paper_pending": target.paper_pending}).data
    )


@extend_schema(
    tags=TAG,
    summary="Enter the evaluatee's paper questionnaires awaiting entry, all at once (HR)",
    request={"application/json": SurveyPaperBatchIn, "multipart/form-data": SurveyPaperBatchIn},
    responses={201: SurveyPaperBatchOut, **ERRORS},
)
@api_view(["POST"])
@parser_classes([JSONParser, MultiPartParser])
def paper_batch(request: Request, target_id: int) -> Response:
    """Each questionnaire is checked like a web submission and sealed without a name."""
    raw = request.data.get("questionnaires")
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError as error:
            raise DomainError(
                "questionnaires", N_("A list of questionnaires is expected.")
            ) from error
    if not isinstance(raw, list):
        raise DomainError("questionnaires", NOT_A_LIST)
    upload = request.data.get("scan") or None
    if upload is not None and getattr(upload, "size", 0) > SCAN_MAX_BYTES:
        raise DomainError(
            "scan", N_("The scan is larger than %(max)s MB."), max=SCAN_MAX_BYTES // 2**20
        )
    batch = target_enter_paper(
        actor=request.user,
        target_id=target_id,
        questionnaires=raw,
        scan=upload.read() if upload is not None else None,
    )
    body = {
        "id": batch.pk,
        "target_id": batch.target_id,
        "count": batch.count,
        "entered_on": batch.entered_on,
        "scan": bool(batch.scan),
    }
    return Response(SurveyPaperBatchOut(body).data, status=status.HTTP_201_CREATED)


urlpatterns = [
    path("targets/<int:target_id>/paper.pdf", paper_blank, name="surveys-paper-blank"),
    path("targets/<int:target_id>/paper/returns/", paper_returns, name="surveys-paper-returns"),
    path("targets/<int:target_id>/paper/", paper_batch, name="surveys-paper-batch"),
]
