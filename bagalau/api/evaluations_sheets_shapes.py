"""The shapes of the sheet endpoints (/api/v1/evaluations/, seed 002 App. 2 and 4, p.8): the request
and response serializers, the documented errors, and the dicts the endpoints answer with (the
sheet's detail with what the reader may do, the actuals).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from drf_spectacular.utils import OpenApiResponse, extend_schema_serializer

from bagalau.api import serializers
from bagalau.api.evaluations_paper import PaperSummarySerializer
from bagalau.evaluations.access import is_evaluatee, is_evaluator
from bagalau.evaluations.models import Evaluation, EvaluationStatus, Method
from bagalau.evaluations.selectors import sheets as selectors
from bagalau.evaluations.selectors.annual import annual_quarters
from bagalau.evaluations.selectors.paper import paper_summary
from bagalau.evaluations.services.common import kpi_results_sync
from bagalau.plans.models import Direction

if TYPE_CHECKING:
    from bagalau.core.types import User


# --- bodies --------------------------------------------------------------------------------------


@extend_schema_serializer(component_name="SheetPerson")  # until it becomes api.base's Person
class PersonSerializer(serializers.Serializer[Any]):
    """A servant by id and name."""

    id = serializers.IntegerField()
    name = serializers.CharField()


class PeriodRefSerializer(serializers.Serializer[Any]):
    """The evaluated period."""

    id = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]
    kind = serializers.CharField()
    number = serializers.IntegerField(allow_null=True)
    deadline = serializers.DateField()


class KpiLineSerializer(serializers.Serializer[Any]):
    """A row of the App. 2 sheet: planned and actual values, percent, App. 3 range, score."""

    id = serializers.IntegerField(help_text="KpiResult id: the key of `scores`/`actuals`.")
    index = serializers.IntegerField(help_text="Position on the sheet: `kpis[index]` in errors.")
    number = serializers.IntegerField()
    name = serializers.CharField()
    unit = serializers.CharField()
    direction = serializers.ChoiceField(choices=Direction.choices)
    plan = serializers.CharField(allow_null=True)
    actual = serializers.JSONField(help_text="A number as a string, true/false, or null.")
    percent = serializers.CharField(allow_null=True)
    allowed_min = serializers.CharField(allow_null=True)
    allowed_max = serializers.CharField(allow_null=True)
    proposed = serializers.CharField(allow_null=True)
    score = serializers.CharField(allow_null=True)
    error = serializers.DictField(allow_null=True)


class ParameterLineSerializer(serializers.Serializer[Any]):
    """A parameter of the App. 4 sheet."""

    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    criteria = serializers.CharField()
    score = serializers.IntegerField(allow_null=True)
    justification = serializers.CharField(allow_blank=True)


class QuarterLineSerializer(serializers.Serializer[Any]):
    """A quarter behind an annual result (score only when visible to the reader)."""

    number = serializers.IntegerField()
    counted = serializers.BooleanField()
    final = serializers.BooleanField()
    state = serializers.CharField(help_text="final, counted, awaited, not_evaluated or none.")
    score = serializers.CharField(allow_null=True)
    rating = serializers.CharField(allow_blank=True)


class PermissionsSerializer(serializers.Serializer[Any]):
    """What the reader may do with the sheet."""

    edit = serializers.BooleanField()
    sign = serializers.BooleanField()
    acknowledge = serializers.BooleanField()
    record_refusal = serializers.BooleanField()


class EvaluationDetailSerializer(serializers.Serializer[Any]):
    """An evaluation with its sheet and result."""

    id = serializers.IntegerField()
    version = serializers.IntegerField()
    status = serializers.ChoiceField(choices=EvaluationStatus.choices)
    method = serializers.ChoiceField(choices=Method.choices)
    reason = serializers.CharField()
    edition = serializers.CharField()
    servant = PersonSerializer()
    evaluator = PersonSerializer(allow_null=True)
    period = PeriodRefSerializer()
    due_date = serializers.DateField()
    score = serializers.CharField(allow_null=True)
    rating = serializers.CharField(allow_blank=True)
    rating_label = serializers.CharField(allow_blank=True)
    final_score = serializers.CharField(allow_null=True)
    final_rating = serializers.CharField(allow_blank=True)
    signed_at = serializers.DateTimeField(allow_null=True)
    familiarisation_due = serializers.DateField(allow_null=True)
    acknowledged_at = serializers.DateTimeField(allow_null=True)
    familiarised_on = serializers.DateField(allow_null=True)
    calibration_due = serializers.DateField(allow_null=True)
    completed_at = serializers.DateTimeField(allow_null=True)
    actuals_due = serializers.DateField(allow_null=True)
    draft_hidden = serializers.BooleanField()
    sheet_score = serializers.CharField(allow_null=True, help_text="The live quarter score.")
    sheet_rating = serializers.CharField(allow_blank=True)
    kpis = KpiLineSerializer(many=True)
    parameters = ParameterLineSerializer(many=True)
    justification = serializers.CharField(allow_blank=True)
    feedback = serializers.CharField(
        allow_blank=True, help_text="The evaluator's constructive feedback (KPI sheet, p.17(3))."
    )
    quarters = QuarterLineSerializer(many=True)
    can = PermissionsSerializer()
    paper = PaperSummarySerializer(allow_null=True, help_text="Set when entered from paper.")


class ActualLineSerializer(serializers.Serializer[Any]):
    """A row as the HR service sees it: no percent, range or score."""

    id = serializers.IntegerField()
    index = serializers.IntegerField()
    number = serializers.IntegerField()
    name = serializers.CharField()
    unit = serializers.CharField()
    direction = serializers.ChoiceField(choices=Direction.choices)
    plan = serializers.CharField(allow_null=True)
    actual = serializers.JSONField()


class ActualsSerializer(serializers.Serializer[Any]):
    """The HR service's view of a KPI sheet."""

    id = serializers.IntegerField()
    version = serializers.IntegerField()
    status = serializers.ChoiceField(choices=EvaluationStatus.choices)
    servant = PersonSerializer()
    period = PeriodRefSerializer()
    actuals_due = serializers.DateField()
    kpis = ActualLineSerializer(many=True)


class VersionInput(serializers.Serializer[Any]):
    """The version of the sheet the client read."""

    version = serializers.IntegerField(min_value=1)


class ActualsInput(VersionInput):
    """Actual values by KpiResult id: a number (string or number), true/false for a binary KPI,
    null or "" to clear."""

    actuals = serializers.DictField(child=serializers.JSONField(allow_null=True))


class KpiScoresInput(VersionInput):
    """Scores by KpiResult id (null or "" = the proposal); rows left out keep their score. The
    constructive feedback (p.17(3)) is required to sign; left out, it stays as it was."""

    scores = serializers.DictField(
        child=serializers.CharField(allow_null=True, allow_blank=True), required=False
    )
    feedback = serializers.CharField(allow_blank=True, required=False)


class DifferentiationInput(VersionInput):
    """Whole points 0-5 by parameter code (null clears), reasons per parameter, and the reasons
    for the result (required to sign). Parameters left out keep what they had."""

    scores = serializers.DictField(child=serializers.JSONField(allow_null=True), required=False)
    justifications = serializers.DictField(
        child=serializers.CharField(allow_blank=True), required=False
    )
    justification = serializers.CharField(allow_blank=True, required=False)


class RefusalActInput(serializers.Serializer[Any]):
    """The act: circumstances and two witnesses (servant ids)."""

    text = serializers.CharField(allow_blank=True)
    witness_1 = serializers.IntegerField()
    witness_2 = serializers.IntegerField()


class RefusalActOutput(serializers.Serializer[Any]):
    """The recorded act."""

    id = serializers.IntegerField()
    evaluation = serializers.IntegerField()
    status = serializers.CharField()
    calibration_due = serializers.DateField()


class ResultSummarySerializer(serializers.Serializer[Any]):
    """One result in a list."""

    id = serializers.IntegerField()
    period = PeriodRefSerializer()
    method = serializers.CharField()
    status = serializers.CharField()
    score = serializers.CharField(allow_null=True)
    rating = serializers.CharField(allow_blank=True)
    rating_label = serializers.CharField(allow_blank=True)
    familiarisation_due = serializers.DateField(allow_null=True)


class ConsequenceLineSerializer(serializers.Serializer[Any]):
    """A servant on a p.8 list."""

    evaluation = serializers.IntegerField()
    servant = PersonSerializer()
    score = serializers.CharField(allow_null=True)
    rating = serializers.CharField()
    final = serializers.BooleanField()


class ConsequencesSerializer(serializers.Serializer[Any]):
    """The three p.8 lists of a period."""

    period = PeriodRefSerializer()
    bonus = ConsequenceLineSerializer(many=True)
    training = ConsequenceLineSerializer(many=True)
    unsatisfactory = ConsequenceLineSerializer(many=True)


class AnnualSummarySerializer(serializers.Serializer[Any]):
    """What computing the annual results did (counts only)."""

    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    skipped = serializers.IntegerField()


class TaskSerializer(serializers.Serializer[Any]):
    """A sheet to fill or actual values to enter (no score)."""

    id = serializers.IntegerField()
    servant = PersonSerializer()
    period = PeriodRefSerializer()
    method = serializers.CharField()
    status = serializers.CharField()
    due = serializers.DateField()
    filled = serializers.IntegerField(required=False)
    rows = serializers.IntegerField(required=False)


class TasksSerializer(serializers.Serializer[Any]):
    """The reader's tasks."""

    sheets_to_fill = TaskSerializer(many=True)
    actuals_to_fill = TaskSerializer(many=True)


ERRORS = {
    400: OpenApiResponse(description='A broken rule: {"error": {"field", "message"}}.'),
    403: OpenApiResponse(description="You may see it but not do this (or not logged in)."),
    404: OpenApiResponse(description="No such evaluation, or not visible to you."),
}
CONFLICT = {409: OpenApiResponse(description="The sheet changed since `version` was read.")}


# --- representations -----------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _person(servant: Any) -> dict[str, Any] | None:
    return None if servant is None else {"id": servant.pk, "name": servant.full_name}


def _period(period: Any) -> dict[str, Any]:
    return {
        "id": period.pk,
        "label": str(period),
        "kind": period.kind,
        "number": period.number,
        "deadline": period.deadline,
    }


def _actual_json(value: Any) -> Any:
    return value if value is None or isinstance(value, bool) else selectors.plain_number(value)


def _detail(user: User, evaluation: Evaluation) -> dict[str, Any]:
    rules = selectors.rules_for(evaluation)
    editable = evaluation.status in selectors.EDITABLE
    evaluator, evaluatee = is_evaluator(user, evaluation), is_evaluatee(user, evaluation)
    hidden = editable and evaluatee and not evaluator
    data: dict[str, Any] = {
        "id": evaluation.pk,
        "version": evaluation.version,
        "status": evaluation.status,
        "method": evaluation.method,
        "reason": evaluation.reason,
        "edition": evaluation.edition,
        "servant": _person(evaluation.servant),
        "evaluator": _person(evaluation.evaluator),
        "period": _period(evaluation.period),
        "due_date": evaluation.due_date,
        "score": _text(evaluation.score),
        "rating": evaluation.rating,
        "rating_label": selectors.rating_label(rules, evaluation.result_rating),
        "final_score": _text(evaluation.final_score),
        "final_rating": evaluation.final_rating,
        "signed_at": evaluation.signed_at,
        "familiarisation_due": evaluation.familiarisation_due,
        "acknowledged_at": evaluation.acknowledged_at,
        "familiarised_on": evaluation.familiarised_on,
        "calibration_due": evaluation.calibration_due,
        "completed_at": evaluation.completed_at,
        "actuals_due": selectors.kpi_actuals_due(evaluation, rules),
        "draft_hidden": hidden,
        "sheet_score": None,
        "sheet_rating": "",
        "kpis": [],
        "parameters": [],
        "justification": "" if hidden else evaluation.justification,
        "feedback": "" if hidden else evaluation.feedback,
        "quarters": [],
        "paper": paper_summary(evaluation),
        "can": {
            "edit": evaluator and editable,
            "sign": evaluator and editable,
            "acknowledge": evaluatee and evaluation.status == EvaluationStatus.SIGNED,
            "record_refusal": selectors.may_record_refusal(user, evaluation),
        },
    }
    if hidden:
        return data
    if evaluation.method == Method.KPI:
        if editable:
            kpi_results_sync(evaluation=evaluation)
        sheet = selectors.kpi_sheet(evaluation)
        data["sheet_score"], data["sheet_rating"] = _text(sheet.score), sheet.rating
        data["kpis"] = [
            {
                "id": line.row.pk,
                "index": line.index,
                "number": line.row.kpi.number,
                "name": line.row.kpi.name,
                "unit": line.row.kpi.unit,
                "direction": line.row.kpi.direction,
                "plan": line.plan_text or None,
                "actual": _actual_json(line.actual),
                "percent": _text(line.percent),
                "allowed_min": _text(line.allowed_min),
                "allowed_max": _text(line.allowed_max),
                "proposed": _text(line.proposed),
                "score": _text(line.score),
                "error": line.error.as_dict()["error"] if line.error else None,
            }
            for line in sheet.lines
        ]
    elif evaluation.method == Method.DIFFERENTIATION:
        sheet_d = selectors.differentiation_sheet(evaluation)
        data["sheet_score"], data["sheet_rating"] = _text(sheet_d.score), sheet_d.rating
        data["parameters"] = [
            {
                "code": line.code,
                "label": line.label,
                "criteria": line.criteria,
                "score": line.score,
                "justification": line.justification,
            }
            for line in sheet_d.lines
        ]
    else:
        data["quarters"] = [q.as_dict() for q in annual_quarters(user, evaluation)]
    return data


def _actuals(evaluation: Evaluation) -> dict[str, Any]:
    quarter = evaluation.period.number or 1
    rows = selectors.kpi_rows(evaluation)
    return {
        "id": evaluation.pk,
        "version": evaluation.version,
        "status": evaluation.status,
        "servant": _person(evaluation.servant),
        "period": _period(evaluation.period),
        "actuals_due": selectors.kpi_actuals_due(evaluation),
        "kpis": [
            {
                "id": row.pk,
                "index": index,
                "number": row.kpi.number,
                "name": row.kpi.name,
                "unit": row.kpi.unit,
                "direction": row.kpi.direction,
                "plan": selectors.plain_number(row.kpi.planned(quarter)) or None
                if row.kpi.direction != Direction.BINARY
                else None,
                "actual": _actual_json(selectors.kpi_actual(row)),
            }
            for index, row in enumerate(rows)
        ],
    }
