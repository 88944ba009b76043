"""``GET /api/v1/typical/kpi-sheets/<id>/explain/`` and ``…/competency-sheets/<id>/explain/``:
how a typical-2018 sheet's result was reached (issue 14 item 5), step by step, each step citing
its paragraph of the edition's seed (or of seed 004 where the edition borrows it); the same
explanation as the sheet page's "How this score was reached".

Visible exactly to those who may see the sheet (bagalau.typical.access: 404 otherwise, and the
read is audited); 404 too while the sheet is being filled (no result stands); 400 for an unknown
`lang`.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import URLPattern, path
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api import serializers
from bagalau.api.base import Endpoint
from bagalau.api.evaluations_explain import LANG, ExplainStepSerializer, requested_language
from bagalau.methodology.labels import LANGUAGES
from bagalau.typical import access
from bagalau.typical.explain import competency_sheet_explanation, kpi_sheet_explanation


class SheetExplanationSerializer(serializers.Serializer[Any]):
    """How the sheet's result was reached."""

    sheet = serializers.IntegerField()
    evaluation = serializers.IntegerField()
    language = serializers.ChoiceField(choices=[(code, code) for code in LANGUAGES])
    result = serializers.CharField(
        help_text='The result the steps end at: "4 / 5 · effective" (KPIs achieved, App. 2) or '
        '"5 / 7 · meets expectations" (competencies met, App. 3).'
    )
    steps = ExplainStepSerializer(many=True)


def sheet_explanation_answer(endpoint: Endpoint, sheet: Any, explanation: Any) -> Response:
    """The answer of a sheet's explanation (404 when there is none), as `SheetExplanationSerializer`
    shapes it; the moj-2017 quarterly sheet answers the same way."""
    if explanation is None:
        raise Http404("Nothing to explain.")
    return endpoint.answer(
        {
            "sheet": sheet.pk,
            "evaluation": sheet.evaluation_id,
            "language": explanation.language,
            "result": explanation.result,
            "steps": explanation.steps,
        }
    )


class KpiSheetExplain(Endpoint):
    """How the App. 2 result was reached: each KPI achieved or not (p.18, column 6), the count
    and its rating band (p.18)."""

    serializer_class = SheetExplanationSerializer
    get_for = access.kpi_sheet_get_for
    lookup_url_kwarg = "sheet_id"

    @extend_schema(parameters=[LANG], summary="Explain a KPI sheet's result")
    def get(self, request: Request, sheet_id: int) -> Response:
        language = requested_language(request)
        sheet = self.get_object()
        return sheet_explanation_answer(self, sheet, kpi_sheet_explanation(sheet, language))


class CompetencySheetExplain(Endpoint):
    """How the App. 3 results were reached: the App. 4 row, the competencies that apply, and for
    each the effective indicators observed against the 3/4 rule (p.25-27)."""

    serializer_class = SheetExplanationSerializer
    get_for = access.competency_sheet_get_for
    lookup_url_kwarg = "sheet_id"

    @extend_schema(parameters=[LANG], summary="Explain a competency sheet's results")
    def get(self, request: Request, sheet_id: int) -> Response:
        language = requested_language(request)
        sheet = self.get_object()
        return sheet_explanation_answer(self, sheet, competency_sheet_explanation(sheet, language))


urlpatterns: list[URLPattern] = [
    path(
        "kpi-sheets/<int:sheet_id>/explain/", KpiSheetExplain.as_view(), name="typical-kpi-explain"
    ),
    path(
        "competency-sheets/<int:sheet_id>/explain/",
        CompetencySheetExplain.as_view(),
        name="typical-competency-explain",
    ),
]
