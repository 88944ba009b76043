"""``GET /api/v1/typical/kpi-sheets/<id>/explain/`` and ``…/competency-sheets/<id>/explain/``:
how a typical-2018 sheet's result was reached (issue 14 item 5), step by step, each step citing
its paragraph of the edition's seed (or of seed 004 where the edition borrows it); the same
explanation as the sheet page's "How this score was reached".

Visible exactly to those who may see the sheet (bagalau.typical.access: 404 otherwise, and the
read is audited); 404 too while the sheet is being filled (no result stands); 400 for an unknown
`lang`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.http import Http404
from django.urls import URLPattern, path
from drf_spectacular.utils import extend_schema, extend_schema_view
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


class SheetExplain(Endpoint):
    """GET how a sheet's result was reached: `explain(sheet, language)` on the sheet `get_for`
    finds, in the language of ``?lang=`` (404 when there is nothing to explain), shaped by
    `SheetExplanationSerializer`; the moj-2017 sheets answer the same way. `explained()`
    declares its schema."""

    serializer_class = SheetExplanationSerializer
    lookup_url_kwarg = "sheet_id"
    explain: ClassVar[Callable[[Any, str], Any]]

    def get(self, request: Request, **kwargs: Any) -> Response:
        language = requested_language(request)
        sheet = self.get_object()
        explanation = type(self).explain(sheet, language)
        if explanation is None:
            raise Http404("Nothing to explain.")
        return self.answer(
            {
                "sheet": sheet.pk,
                "evaluation": sheet.evaluation_id,
                "language": explanation.language,
                "result": explanation.result,
                "steps": explanation.steps,
            }
        )


def explained(summary: str) -> Any:
    """The schema of a `SheetExplain`'s GET: its summary and the ``lang`` parameter."""
    return extend_schema_view(get=extend_schema(parameters=[LANG], summary=summary))


@explained("Explain a KPI sheet's result")
class KpiSheetExplain(SheetExplain):
    """How the App. 2 result was reached: each KPI achieved or not (p.18, column 6), the count
    and its rating band (p.18)."""

    get_for = access.kpi_sheet_get_for
    explain = kpi_sheet_explanation


@explained("Explain a competency sheet's results")
class CompetencySheetExplain(SheetExplain):
    """How the App. 3 results were reached: the App. 4 row, the competencies that apply, and for
    each the effective indicators observed against the 3/4 rule (p.25-27)."""

    get_for = access.competency_sheet_get_for
    explain = competency_sheet_explanation


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
