"""REST endpoints of the evaluations app: sheets, results, familiarisation, annual results and the
p.8 consequences. The same services and the same access choke point as the web pages: a result is
read through bagalau.evaluations.access.evaluation_get_for (404 when not visible; audited).

Errors are ``{"error": {"field", "message"}}``: a broken rule 400, a stale `version` 409, not
visible 404, visible but not allowed 403. `kpis[i]` in an error is the i-th row of the sheet as
the detail lists it (`kpis[i].index == i`). The shapes are in evaluations_sheets_shapes.py.
"""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, path
from django.utils.translation import gettext_noop as N_
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api import serializers
from bagalau.api.evaluations_sheets_shapes import (
    CONFLICT,
    ERRORS,
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
    _actuals,
    _detail,
    _period,
    _person,
    _text,
)
from bagalau.core import bounds
from bagalau.core.errors import DomainError
from bagalau.evaluations.access import evaluation_get_for
from bagalau.evaluations.models import Evaluation
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


def _valid(serializer_class: type[serializers.Serializer[Any]], request: Request) -> dict[str, Any]:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _respond_detail(request: Request, evaluation_id: int) -> Response:
    return Response(_detail(request.user, evaluation_get_for(user=request.user, id=evaluation_id)))


# --- endpoints -----------------------------------------------------------------------------------


@extend_schema(tags=TAG, responses={200: EvaluationDetailSerializer, **ERRORS})
@api_view(["GET"])
def evaluation_detail(request: Request, evaluation_id: int) -> Response:
    """An evaluation with its sheet and result (the read is audited). Visible only to the
    evaluatee, the evaluator, the head of the HR service and the calibration participants."""
    return _respond_detail(request, evaluation_id)


@extend_schema(
    methods=["GET"], tags=TAG, responses={200: ActualsSerializer, **ERRORS}, request=None
)
@extend_schema(
    methods=["POST"],
    tags=TAG,
    request=ActualsInput,
    responses={200: ActualsSerializer, **ERRORS, **CONFLICT},
)
@api_view(["GET", "POST"])
def evaluation_actuals(request: Request, evaluation_id: int) -> Response:
    """The HR service reads or enters the actual KPI values (p.22), due 5 working days before
    the deadline. No percent, range or score is returned."""
    evaluation = selectors.evaluation_actuals_get_for(
        user=request.user, id=evaluation_id, audit=request.method == "GET"
    )
    if request.method == "POST":
        body = _valid(ActualsInput, request)
        kpi_actuals_save(
            actor=request.user,
            evaluation_id=evaluation.pk,
            version=body["version"],
            values=_row_ids(body["actuals"], "actuals"),
        )
        evaluation.refresh_from_db()
    return Response(_actuals(evaluation))


@extend_schema(
    tags=TAG,
    request=KpiScoresInput,
    responses={200: EvaluationDetailSerializer, **ERRORS, **CONFLICT},
)
@api_view(["POST"])
def evaluation_kpi_sheet(request: Request, evaluation_id: int) -> Response:
    """The evaluator's KPI scores, each inside its App. 3 range (refused otherwise, nothing
    written)."""
    body = _valid(KpiScoresInput, request)
    kpi_sheet_save(
        actor=request.user,
        evaluation_id=evaluation_id,
        version=body["version"],
        scores=_row_ids(body.get("scores", {}), "scores"),
        feedback=body.get("feedback"),
    )
    return _respond_detail(request, evaluation_id)


@extend_schema(
    tags=TAG,
    request=DifferentiationInput,
    responses={200: EvaluationDetailSerializer, **ERRORS, **CONFLICT},
)
@api_view(["POST"])
def evaluation_differentiation(request: Request, evaluation_id: int) -> Response:
    """The head of the unit's App. 4 scores (whole points 0-5) and reasons."""
    body = _valid(DifferentiationInput, request)
    justification = body.get("justification")
    if justification is None:
        justification = selectors.evaluation_load(evaluation_id).justification
    differentiation_save(
        actor=request.user,
        evaluation_id=evaluation_id,
        version=body["version"],
        scores=body.get("scores", {}),
        justifications=body.get("justifications", {}),
        justification=justification,
    )
    return _respond_detail(request, evaluation_id)


@extend_schema(
    tags=TAG,
    request=VersionInput,
    responses={200: EvaluationDetailSerializer, **ERRORS, **CONFLICT},
)
@api_view(["POST"])
def evaluation_sign_api(request: Request, evaluation_id: int) -> Response:
    """The evaluator signs: score and rating by the engine; the servant is asked to acknowledge
    within 2 working days (in absentia: final at once)."""
    body = _valid(VersionInput, request)
    evaluation_sign(actor=request.user, evaluation_id=evaluation_id, version=body["version"])
    return _respond_detail(request, evaluation_id)


@extend_schema(tags=TAG, request=None, responses={200: EvaluationDetailSerializer, **ERRORS})
@api_view(["POST"])
def evaluation_acknowledge_api(request: Request, evaluation_id: int) -> Response:
    """The servant acknowledges the signed result (p.11)."""
    evaluation_acknowledge(actor=request.user, evaluation_id=evaluation_id)
    return _respond_detail(request, evaluation_id)


@extend_schema(tags=TAG, request=RefusalActInput, responses={201: RefusalActOutput, **ERRORS})
@api_view(["POST"])
def evaluation_refusal_act(request: Request, evaluation_id: int) -> Response:
    """The HR service records the refusal to acknowledge, signed by HR and two other servants."""
    body = _valid(RefusalActInput, request)
    act = refusal_act_record(
        actor=request.user,
        evaluation_id=evaluation_id,
        text=body["text"],
        witness_1=body["witness_1"],
        witness_2=body["witness_2"],
    )
    evaluation = act.evaluation
    return Response(
        {
            "id": act.pk,
            "evaluation": evaluation.pk,
            "status": evaluation.status,
            "calibration_due": evaluation.calibration_due,
        },
        status=201,
    )


def _summary(evaluation: Evaluation) -> dict[str, Any]:
    rules = selectors.rules_for(evaluation)
    return {
        "id": evaluation.pk,
        "period": _period(evaluation.period),
        "method": evaluation.method,
        "status": evaluation.status,
        "score": _text(evaluation.result_score),
        "rating": evaluation.result_rating,
        "rating_label": selectors.rating_label(rules, evaluation.result_rating),
        "familiarisation_due": evaluation.familiarisation_due,
    }


@extend_schema(tags=TAG, responses={200: ResultSummarySerializer(many=True), 403: ERRORS[403]})
@api_view(["GET"])
def my_results_api(request: Request) -> Response:
    """The caller's own results, newest first."""
    return Response([_summary(e) for e in selectors.my_results(request.user)])


@extend_schema(tags=TAG, responses={200: TasksSerializer, 403: ERRORS[403]})
@api_view(["GET"])
def tasks_api(request: Request) -> Response:
    """The caller's sheets to fill (evaluator) and actual values to enter (HR): no scores."""

    def task(e: Evaluation, due: Any, **extra: Any) -> dict[str, Any]:
        return {
            "id": e.pk,
            "servant": _person(e.servant),
            "period": _period(e.period),
            "method": e.method,
            "status": e.status,
            "due": due,
            **extra,
        }

    return Response(
        {
            "sheets_to_fill": [task(e, e.due_date) for e in selectors.sheets_to_fill(request.user)],
            "actuals_to_fill": [
                task(t.evaluation, t.due, filled=t.filled, rows=t.rows)
                for t in selectors.actuals_to_fill(request.user)
            ],
        }
    )


@extend_schema(tags=TAG, responses={200: ConsequencesSerializer, **ERRORS})
@api_view(["GET"])
def consequences_api(request: Request, period_id: int) -> Response:
    """p.8 lists of a period (bonus, training, unsatisfactory) from the standing ratings: for
    the head of the HR service only."""
    period = selectors.period_for(request.user, period_id, hr_head_only=True)
    lists = selectors.consequences(user=request.user, period=period)

    def line(item: selectors.ConsequenceLine) -> dict[str, Any]:
        return {
            "evaluation": item.evaluation.pk,
            "servant": _person(item.evaluation.servant),
            "score": _text(item.score),
            "rating": item.rating,
            "final": item.final,
        }

    data: dict[str, Any] = {"period": _period(period)}
    for name, items in lists.as_lists().items():
        data[name] = [line(item) for item in items]
    return Response(data)


@extend_schema(tags=TAG, request=None, responses={200: AnnualSummarySerializer, **ERRORS})
@api_view(["POST"])
def annual_compute_api(request: Request, period_id: int) -> Response:
    """The HR service computes (or recomputes) the annual results of an annual period (p.4)."""
    summary = annual_results_compute(actor=request.user, period_id=period_id)
    return Response(
        {
            "created": summary.created,
            "updated": summary.updated,
            "unchanged": summary.unchanged,
            "skipped": summary.skipped,
        }
    )


urlpatterns: list[URLPattern] = [
    path("mine/", my_results_api, name="evaluations-mine"),
    path("tasks/", tasks_api, name="evaluations-tasks"),
    path(
        "periods/<int:period_id>/consequences/",
        consequences_api,
        name="evaluations-consequences",
    ),
    path("periods/<int:period_id>/annual/", annual_compute_api, name="evaluations-annual"),
    path("<int:evaluation_id>/", evaluation_detail, name="evaluation-detail"),
    path("<int:evaluation_id>/actuals/", evaluation_actuals, name="evaluation-actuals"),
    path("<int:evaluation_id>/kpi-sheet/", evaluation_kpi_sheet, name="evaluation-kpi-sheet"),
    path(
        "<int:evaluation_id>/differentiation/",
        evaluation_differentiation,
        name="evaluation-differentiation",
    ),
    path("<int:evaluation_id>/sign/", evaluation_sign_api, name="evaluation-sign"),
    path(
        "<int:evaluation_id>/acknowledge/",
        evaluation_acknowledge_api,
        name="evaluation-acknowledge",
    ),
    path(
        "<int:evaluation_id>/refusal-act/",
        evaluation_refusal_act,
        name="evaluation-refusal-act",
    ),
]
