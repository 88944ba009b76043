"""REST endpoints of the 360 survey on paper (seed 002 p.33), mounted under /api/v1/surveys/: the
blank questionnaire, who returned one, and HR typing a target's batch (any order, optional scan).
The same services and access rules as the pages (`bagalau.surveys.paper`)."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpResponse
from django.urls import path
from django.utils.translation import gettext_noop as N_
from drf_spectacular.utils import extend_schema
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api import serializers
from bagalau.api.base import Action, Endpoint, posted
from bagalau.api.surveys_shapes import (
    TAG,
    SurveyPaperBatchIn,
    SurveyPaperBatchOut,
    SurveyPaperReturnsIn,
    SurveyPaperStateOut,
)
from bagalau.core.errors import DomainError
from bagalau.documents.pdf import pdf_response
from bagalau.surveys.access import target_get_for
from bagalau.surveys.paper import SCAN_MAX_BYTES, target_enter_paper, target_mark_paper_returns
from bagalau.surveys.paper_forms import paper_questionnaire_pdf

NOT_A_LIST = N_("A list of questionnaires is expected.")


class PaperEndpoint(Endpoint):
    """An evaluatee's paper questionnaires (HR of its organisation; 404 for anyone else)."""

    serializer_class: type[serializers.Serializer[Any]] = SurveyPaperStateOut
    get_for = target_get_for
    lookup_url_kwarg = "target_id"


@extend_schema(tags=TAG)
class PaperBlank(PaperEndpoint):
    """No respondent's name on it."""

    @extend_schema(
        summary="The blank App. 5/6 questionnaire for an evaluatee, PDF (HR; ?lang=kk|ru|en)",
        responses={(200, "application/pdf"): bytes},
    )
    def get(self, request: Request, target_id: int) -> HttpResponse:
        language = request.query_params.get("lang") or "kk"
        return pdf_response(paper_questionnaire_pdf(self.get_object(), language))


@extend_schema(tags=TAG)
@posted("Record who returned a paper questionnaire about the evaluatee (HR)")
class PaperReturns(PaperEndpoint, Action):
    """Their questionnaires count as answered on paper; the answers come with the batch."""

    service = target_mark_paper_returns
    input_class = SurveyPaperReturnsIn
    lookup_first = False


@extend_schema(tags=TAG)
class PaperBatchEntry(PaperEndpoint):
    """Each questionnaire is checked like a web submission and sealed without a name."""

    serializer_class = SurveyPaperBatchOut
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(
        summary="Enter the evaluatee's paper questionnaires awaiting entry, all at once (HR)",
        request={"application/json": SurveyPaperBatchIn, "multipart/form-data": SurveyPaperBatchIn},
        responses={201: SurveyPaperBatchOut},
    )
    def post(self, request: Request, target_id: int) -> Response:
        raw = request.data.get("questionnaires")
        if isinstance(raw, str):
            try:
                raw = json.loads(raw)
            except ValueError as error:
                raise DomainError("questionnaires", NOT_A_LIST) from error
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
        return self.created(batch)


urlpatterns = [
    path("targets/<int:target_id>/paper.pdf", PaperBlank.as_view(), name="surveys-paper-blank"),
    path(
        "targets/<int:target_id>/paper/returns/",
        PaperReturns.as_view(),
        name="surveys-paper-returns",
    ),
    path("targets/<int:target_id>/paper/", PaperBatchEntry.as_view(), name="surveys-paper-batch"),
]
