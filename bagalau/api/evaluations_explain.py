"""``GET /api/v1/evaluations/<id>/explain/``: how a result's score was reached (issue 14 item 5),
step by step from the inputs through each rule of the methodology, each step citing its
paragraph; the same explanation as the sheet page's "How this score was reached".

Visible exactly to those who may see the score (bagalau.evaluations.access: 404 otherwise, and
the read is audited); an annual result's explanation also needs every quarter it counts to be
visible to the caller. 404 too when there is nothing to explain: no signed score yet.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import URLPattern, path
from django.utils.translation import get_language
from django.utils.translation import gettext_noop as N_
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api import serializers
from bagalau.api.base import Endpoint
from bagalau.core.errors import DomainError
from bagalau.evaluations.access import evaluation_get_for
from bagalau.evaluations.selectors.explain import evaluation_explanation, explain_language
from bagalau.methodology.labels import LANGUAGES

TAG = ["evaluations: sheets"]


class ExplainStepSerializer(serializers.Serializer[Any]):
    """One step of an explanation."""

    step = serializers.IntegerField(help_text="1, 2, 3… in the order of the computation.")
    code = serializers.CharField(help_text='The rule applied, e.g. "kpi.row" or "round".')
    field = serializers.CharField(
        allow_blank=True, help_text='The input it concerns, e.g. "kpis[1]" (the 2nd KPI row).'
    )
    text = serializers.CharField(help_text="The step in words, in the language asked.")
    source = serializers.CharField(  # type: ignore[assignment]
        help_text='What it cites: "seed 002 p.27, App. 3; SPEC §4.4" (seed 002 = the sjc-2023 '
        "methodology; SPEC: our reading where the text is silent)."
    )
    cites = serializers.CharField(
        allow_blank=True, help_text="The methodology's paragraphs as the language writes them."
    )
    values = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        help_text="The numbers and codes the step used and produced, as strings.",
    )


class ExplanationSerializer(serializers.Serializer[Any]):
    """How the result's score was reached."""

    evaluation = serializers.IntegerField()
    method = serializers.CharField()
    language = serializers.ChoiceField(choices=[(code, code) for code in LANGUAGES])
    score = serializers.CharField(help_text="The score that stands (after calibration).")
    rating = serializers.CharField()
    steps = ExplainStepSerializer(many=True)


LANG = OpenApiParameter(
    "lang",
    str,
    enum=list(LANGUAGES),
    description="The language of the steps (kk, ru or en); by default the request's language.",
)


def requested_language(request: Request) -> str:
    """The language asked by `?lang=` (400 on "lang" for another), else the request's."""
    requested = request.query_params.get("lang")
    if requested is not None and requested not in LANGUAGES:
        raise DomainError("lang", N_("Choose kk, ru or en."))
    return requested or explain_language(get_language())


class EvaluationExplain(Endpoint):
    """How the score of a KPI sheet, a differentiation sheet or an annual result was reached:
    the percent of each KPI, its App. 3 row, the allowed range, the chosen score, the mean,
    half-up rounding and the rating band (p.7); each step cites the paragraph of seed 002. 404
    too when there is nothing to explain yet; 400 for an unknown `lang`."""

    serializer_class = ExplanationSerializer
    get_for = evaluation_get_for
    lookup_url_kwarg = "evaluation_id"

    @extend_schema(tags=TAG, parameters=[LANG])
    def get(self, request: Request, evaluation_id: int) -> Response:
        language = requested_language(request)
        evaluation = self.get_object()
        explanation = evaluation_explanation(request.user, evaluation, language)
        if explanation is None:
            raise Http404("Nothing to explain.")
        return self.answer(
            {
                "evaluation": evaluation.pk,
                "method": evaluation.method,
                "language": explanation.language,
                "score": explanation.score,
                "rating": explanation.rating,
                "steps": explanation.steps,
            }
        )


urlpatterns: list[URLPattern] = [
    path("<int:evaluation_id>/explain/", EvaluationExplain.as_view(), name="evaluation-explain"),
]
