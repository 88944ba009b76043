"""REST endpoints of the evaluations app: sheets, results, familiarisation, annual results and the
p.8 consequences. The same services and the same access choke point as the web pages: a result is
read through bagalau.evaluations.access.evaluation_get_for (404 when not visible; audited).

Errors are ``{"error": {"field", "message"}}``: a broken rule 400, a stale `version` 409, not
visible 404, visible but not allowed 403. `kpis[i]` in an error is the i-th row of the sheet as
the detail lists it (`kpis[i].index == i`). The shapes are in evaluations_sheets_shapes.py; the
endpoints are declarative (`bagalau.api.base.Endpoint`), looking the evaluation up through
`evaluation_get_for` (the same 404 for "missing" and "not yours"; the read audited).
"""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, path
from django.utils.translation import gettext_noop as N_
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api.base import Action, DetailEndpoint, Endpoint, ListEndpoint, Step, body, listed
from bagalau.api.evaluations_sheets_shapes import (
    ActualsInput,
    ActualsSerializer,
    AnnualSummarySerializer,
    ConsequencesSerializer,
    DifferentiationInput,
    EvaluationDetailSerializer,
    KpiScoresInput,
    RefusalActInput,
    RefusalActOutput,
    ResultSummarySerializer,
    TasksSerializer,
    VersionInput,
)
from bagalau.core import bounds
from bagalau.core.errors import DomainError
from bagalau.evaluations.access import evaluation_get_for
from bagalau.evaluations.models import Evaluation
from bagalau.evaluations.selectors import mine
from bagalau.evaluations.selectors import sheets as selectors
from bagalau.evaluations.services.annual import annual_results_compute
from bagalau.evaluations.services.familiarisation import evaluation_acknowledge, refusal_act_record
from bagalau.evaluations.services.sheets import (
    differentiation_save,
    evaluation_sign,
    kpi_actuals_save,
    kpi_sheet_save,
)

TAG = ["evaluations: sheets"]


def _row_ids(values: dict[str, Any], name: str) -> dict[int, Any]:
    """Body keys are KpiResult ids."""
    result: dict[int, Any] = {}
    for key, value in values.items():
        row_id = bounds.ascii_int(str(key))
        if row_id is None:
            raise DomainError(f"{name}.{key}", N_("The keys are the ids of the sheet's KPI rows."))
        result[row_id] = value
    return result


class SheetEndpoint(Endpoint):
    """An endpoint of one evaluation answering its detail (the read audited)."""

    serializer_class = EvaluationDetailSerializer
    get_for = evaluation_get_for
    lookup_url_kwarg = "evaluation_id"


# --- endpoints -----------------------------------------------------------------------------------


@extend_schema(tags=TAG)
class EvaluationDetail(SheetEndpoint, DetailEndpoint):
    """An evaluation with its sheet and result (the read is audited). Visible only to the
    evaluatee, the evaluator, the head of the HR service and the calibration participants."""


@extend_schema(tags=TAG)
class EvaluationActuals(Endpoint):
    """The HR service reads or enters the actual KPI values (p.22), due 5 working days before
    the deadline. No percent, range or score is returned."""

    serializer_class = ActualsSerializer

    def get_object(self) -> Evaluation:
        return selectors.evaluation_actuals_get_for(
            user=self.request.user,
            id=self.kwargs["evaluation_id"],
            audit=self.request.method == "GET",
        )

    def get(self, request: Request, evaluation_id: int) -> Response:
        return self.answer(self.get_object())

    @extend_schema(request=ActualsInput)
    def post(self, request: Request, evaluation_id: int) -> Response:
        evaluation = self.get_object()
        data = body(ActualsInput, request)
        kpi_actuals_save(
            actor=request.user,
            evaluation_id=evaluation.pk,
            version=data["version"],
            values=_row_ids(data["actuals"], "actuals"),
        )
        evaluation.refresh_from_db()
        return self.answer(evaluation)


@extend_schema(tags=TAG)
class EvaluationKpiSheet(SheetEndpoint):
    """The evaluator's KPI scores, each inside its App. 3 range (refused otherwise, nothing
    written)."""

    @extend_schema(request=KpiScoresInput)
    def post(self, request: Request, evaluation_id: int) -> Response:
        data = body(KpiScoresInput, request)
        kpi_sheet_save(
            actor=request.user,
            evaluation_id=evaluation_id,
            version=data["version"],
            scores=_row_ids(data.get("scores", {}), "scores"),
            feedback=data.get("feedback"),
        )
        return self.answer(self.get_object())


@extend_schema(tags=TAG)
class EvaluationDifferentiation(SheetEndpoint):
    """The head of the unit's App. 4 scores (whole points 0-5) and reasons."""

    @extend_schema(request=DifferentiationInput)
    def post(self, request: Request, evaluation_id: int) -> Response:
        data = body(DifferentiationInput, request)
        justification = data.get("justification")
        if justification is None:
            justification = selectors.evaluation_load(evaluation_id).justification
        differentiation_save(
            actor=request.user,
            evaluation_id=evaluation_id,
            version=data["version"],
            scores=data.get("scores", {}),
            justifications=data.get("justifications", {}),
            justification=justification,
        )
        return self.answer(self.get_object())


class EvaluationStep(SheetEndpoint, Step):
    """A step of the evaluation's workflow: `service`, which finds the evaluation itself, then
    its detail as it is now (the read audited)."""

    lookup_first = False


@extend_schema(tags=TAG)
class EvaluationSign(EvaluationStep):
    """The evaluator signs: score and rating by the engine; the servant is asked to acknowledge
    within 2 working days (in absentia: final at once)."""

    service = evaluation_sign
    input_class = VersionInput


@extend_schema(tags=TAG)
class EvaluationAcknowledge(EvaluationStep):
    """The servant acknowledges the signed result (p.11)."""

    service = evaluation_acknowledge


@extend_schema(tags=TAG)
class EvaluationRefusalAct(Endpoint):
    """The HR service records the refusal to acknowledge, signed by HR and two other servants."""

    serializer_class = RefusalActOutput

    @extend_schema(request=RefusalActInput, responses={201: RefusalActOutput})
    def post(self, request: Request, evaluation_id: int) -> Response:
        data = body(RefusalActInput, request)
        act = refusal_act_record(
            actor=request.user,
            evaluation_id=evaluation_id,
            text=data["text"],
            witnesses=[data["witness_1"], data["witness_2"]],
        )
        return self.created(act)


@extend_schema(tags=TAG)
@listed(None, ResultSummarySerializer)
class MyResults(ListEndpoint):
    """The caller's own results, newest first."""

    serializer_class = ResultSummarySerializer

    def get_queryset(self) -> Any:
        return mine.my_results(self.request.user)


@extend_schema(tags=TAG)
class Tasks(Endpoint):
    """The caller's sheets to fill (evaluator) and actual values to enter (HR): no scores."""

    serializer_class = TasksSerializer

    def get(self, request: Request) -> Response:
        return self.answer(
            {
                "sheets_to_fill": [
                    {"evaluation": e, "due": e.due_date}
                    for e in selectors.sheets_to_fill(request.user)
                ],
                "actuals_to_fill": selectors.actuals_to_fill(request.user),
            }
        )


@extend_schema(tags=TAG)
class Consequences(Endpoint):
    """p.8 lists of a period (bonus, training, unsatisfactory) from the standing ratings: for
    the head of the HR service only (the read audited)."""

    serializer_class = ConsequencesSerializer

    def get(self, request: Request, period_id: int) -> Response:
        period = selectors.period_for(request.user, period_id, hr_head_only=True)
        lists = selectors.consequences(user=request.user, period=period)
        return self.answer({"period": period, **lists.as_lists()})


@extend_schema(tags=TAG)
class AnnualCompute(Action):
    """The HR service computes (or recomputes) the annual results of an annual period (p.4)."""

    serializer_class = AnnualSummarySerializer
    lookup_url_kwarg = "period_id"
    service = annual_results_compute


urlpatterns: list[URLPattern] = [
    path("mine/", MyResults.as_view(), name="evaluations-mine"),
    path("tasks/", Tasks.as_view(), name="evaluations-tasks"),
    path(
        "periods/<int:period_id>/consequences/",
        Consequences.as_view(),
        name="evaluations-consequences",
    ),
    path("periods/<int:period_id>/annual/", AnnualCompute.as_view(), name="evaluations-annual"),
    path("<int:evaluation_id>/", EvaluationDetail.as_view(), name="evaluation-detail"),
    path("<int:evaluation_id>/actuals/", EvaluationActuals.as_view(), name="evaluation-actuals"),
    path(
        "<int:evaluation_id>/kpi-sheet/",
        EvaluationKpiSheet.as_view(),
        name="evaluation-kpi-sheet",
    ),
    path(
        "<int:evaluation_id>/differentiation/",
        EvaluationDifferentiation.as_view(),
        name="evaluation-differentiation",
    ),
    path("<int:evaluation_id>/sign/", EvaluationSign.as_view(), name="evaluation-sign"),
    path(
        "<int:evaluation_id>/acknowledge/",
        EvaluationAcknowledge.as_view(),
        name="evaluation-acknowledge",
    ),
    path(
        "<int:evaluation_id>/refusal-act/",
        EvaluationRefusalAct.as_view(),
        name="evaluation-refusal-act",
    ),
]
