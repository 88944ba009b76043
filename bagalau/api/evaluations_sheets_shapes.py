"""The shapes of the sheet endpoints (/api/v1/evaluations/, seed 002 App. 2 and 4, p.8): one
serializer per shape, for the schema and the answer alike. They read the models and the
selectors' objects (the sheet's lines, the tasks, the p.8 lists); a person is
`api.base.PersonSerializer`, a period `PeriodRefSerializer`. What the reader may do comes from
`evaluations.access.evaluation_actions`, what the evaluatee may not see yet from `draft_hidden`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from drf_spectacular.utils import extend_schema_field

from bagalau.api import serializers
from bagalau.api.base import PersonSerializer
from bagalau.api.evaluations_paper import PaperSummarySerializer
from bagalau.evaluations.access import draft_hidden, evaluation_actions
from bagalau.evaluations.models import Evaluation, EvaluationStatus, Method
from bagalau.evaluations.selectors import sheets as selectors
from bagalau.evaluations.selectors.annual import annual_quarters
from bagalau.evaluations.selectors.paper import paper_summary
from bagalau.plans.models import Direction

if TYPE_CHECKING:
    from bagalau.core.types import User


def _actual_json(value: Any) -> Any:
    return value if value is None or isinstance(value, bool) else selectors.plain_number(value)


# --- the parts -----------------------------------------------------------------------------------


class PeriodRefSerializer(serializers.Serializer[Any]):
    """The evaluated period."""

    id = serializers.IntegerField(source="pk")
    label = serializers.CharField(source="__str__")  # type: ignore[assignment]
    kind = serializers.CharField()
    number = serializers.IntegerField(allow_null=True)
    deadline = serializers.DateField()


class KpiLineSerializer(serializers.Serializer[Any]):
    """A row of the App. 2 sheet: planned and actual values, percent, App. 3 range, score (reads
    `selectors.sheets.KpiLine`)."""

    id = serializers.IntegerField(
        source="row.pk", help_text="KpiResult id: the key of `scores`/`actuals`."
    )
    index = serializers.IntegerField(help_text="Position on the sheet: `kpis[index]` in errors.")
    number = serializers.IntegerField(source="row.kpi.number")
    name = serializers.CharField(source="row.kpi.name")
    unit = serializers.CharField(source="row.kpi.unit")
    direction = serializers.ChoiceField(source="row.kpi.direction", choices=Direction.choices)
    plan = serializers.CharField(source="plan_text", allow_null=True)
    actual = serializers.JSONField(help_text="A number as a string, true/false, or null.")
    percent = serializers.CharField(allow_null=True)
    allowed_min = serializers.CharField(allow_null=True)
    allowed_max = serializers.CharField(allow_null=True)
    proposed = serializers.CharField(allow_null=True)
    score = serializers.CharField(allow_null=True)
    error = serializers.DictField(allow_null=True)

    def to_representation(self, line: Any) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(line)
        data["plan"] = data["plan"] or None
        data["actual"] = _actual_json(line.actual)
        data["error"] = line.error.as_dict()["error"] if line.error else None
        return data


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


#: The actions the detail answers in `can` (read from evaluation_actions).
CAN = ("edit", "sign", "acknowledge", "record_refusal")


class PermissionsSerializer(serializers.Serializer[Any]):
    """What the reader may do with the sheet (from the evaluation's workflow)."""

    edit = serializers.BooleanField()
    sign = serializers.BooleanField()
    acknowledge = serializers.BooleanField()
    record_refusal = serializers.BooleanField()

    def to_representation(self, actions: Any) -> dict[str, Any]:
        return {name: name in actions for name in CAN}


# --- the sheet -----------------------------------------------------------------------------------


class SheetView:
    """An evaluation as its reader sees it: the stored values, what the reader may do, and the
    sheet (KPI rows, parameters or quarters) unless the draft is hidden from the evaluatee."""

    def __init__(self, user: User, evaluation: Evaluation) -> None:
        self.evaluation = evaluation
        rules = selectors.rules_for(evaluation)
        hidden = draft_hidden(user, evaluation)
        self.draft_hidden = hidden
        self.can = evaluation_actions(user=user, obj=evaluation)
        self.rating_label = selectors.rating_label(rules, evaluation.result_rating)
        self.actuals_due = selectors.kpi_actuals_due(evaluation, rules)
        self.paper = paper_summary(evaluation)
        self.justification = "" if hidden else evaluation.justification
        self.feedback = "" if hidden else evaluation.feedback
        self.sheet_score: Any = None
        self.sheet_rating = ""
        self.kpis: list[Any] = []
        self.parameters: list[Any] = []
        self.quarters: list[Any] = []
        if hidden:
            return
        if evaluation.method == Method.KPI:
            sheet = selectors.kpi_sheet(evaluation)
            self.sheet_score, self.sheet_rating, self.kpis = sheet.score, sheet.rating, sheet.lines
        elif evaluation.method == Method.DIFFERENTIATION:
            sheet_d = selectors.differentiation_sheet(evaluation)
            self.sheet_score, self.sheet_rating = sheet_d.score, sheet_d.rating
            self.parameters = sheet_d.lines
        else:
            self.quarters = annual_quarters(user, evaluation)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.evaluation, name)


class EvaluationDetailSerializer(serializers.Serializer[Any]):
    """An evaluation with its sheet and result (reads an Evaluation; the reader is the
    request's user). Its moments are written in UTC ("…Z")."""

    id = serializers.IntegerField(source="pk")
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
    signed_at = serializers.DateTimeField(allow_null=True, default_timezone=dt.UTC)
    familiarisation_due = serializers.DateField(allow_null=True)
    acknowledged_at = serializers.DateTimeField(allow_null=True, default_timezone=dt.UTC)
    familiarised_on = serializers.DateField(allow_null=True)
    calibration_due = serializers.DateField(allow_null=True)
    completed_at = serializers.DateTimeField(allow_null=True, default_timezone=dt.UTC)
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

    def to_representation(self, evaluation: Any) -> Any:
        return super().to_representation(SheetView(self.context["request"].user, evaluation))


class ActualLineSerializer(serializers.Serializer[Any]):
    """A row as the HR service sees it: no percent, range or score (reads ``{"index", "row"}``
    and the quarter in the context)."""

    id = serializers.IntegerField(source="row.pk")
    index = serializers.IntegerField()
    number = serializers.IntegerField(source="row.kpi.number")
    name = serializers.CharField(source="row.kpi.name")
    unit = serializers.CharField(source="row.kpi.unit")
    direction = serializers.ChoiceField(source="row.kpi.direction", choices=Direction.choices)
    plan = serializers.CharField(allow_null=True)
    actual = serializers.JSONField()

    def to_representation(self, item: Any) -> dict[str, Any]:
        row = item["row"]
        binary = row.kpi.direction == Direction.BINARY
        planned = row.kpi.planned(item["quarter"])
        return {
            **super().to_representation({**item, "plan": None, "actual": None}),
            "plan": None if binary else selectors.plain_number(planned) or None,
            "actual": _actual_json(selectors.kpi_actual(row)),
        }


class ActualsSerializer(serializers.Serializer[Any]):
    """The HR service's view of a KPI sheet (reads an Evaluation)."""

    id = serializers.IntegerField(source="pk")
    version = serializers.IntegerField()
    status = serializers.ChoiceField(choices=EvaluationStatus.choices)
    servant = PersonSerializer()
    period = PeriodRefSerializer()
    actuals_due = serializers.DateField()
    kpis = ActualLineSerializer(many=True)

    def to_representation(self, evaluation: Any) -> Any:
        quarter = evaluation.period.number or 1
        rows = selectors.kpi_rows(evaluation)
        return super().to_representation(
            {
                "pk": evaluation.pk,
                "version": evaluation.version,
                "status": evaluation.status,
                "servant": evaluation.servant,
                "period": evaluation.period,
                "actuals_due": selectors.kpi_actuals_due(evaluation),
                "kpis": [
                    {"index": index, "row": row, "quarter": quarter}
                    for index, row in enumerate(rows)
                ],
            }
        )


# --- bodies --------------------------------------------------------------------------------------


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


# --- lists and the other answers -----------------------------------------------------------------


class RefusalActOutput(serializers.Serializer[Any]):
    """The recorded act (reads a RefusalAct)."""

    id = serializers.IntegerField(source="pk")
    evaluation = serializers.IntegerField(source="evaluation_id")
    status = serializers.CharField(source="evaluation.status")
    calibration_due = serializers.DateField(source="evaluation.calibration_due")


class ResultSummarySerializer(serializers.Serializer[Any]):
    """One result in a list: the standing score and rating (reads an Evaluation)."""

    id = serializers.IntegerField(source="pk")
    period = PeriodRefSerializer()
    method = serializers.CharField()
    status = serializers.CharField()
    score = serializers.CharField(source="result_score", allow_null=True)
    rating = serializers.CharField(source="result_rating", allow_blank=True)
    rating_label = serializers.SerializerMethodField()
    familiarisation_due = serializers.DateField(allow_null=True)

    @extend_schema_field(serializers.CharField(allow_blank=True))
    def get_rating_label(self, evaluation: Evaluation) -> str:
        return selectors.rating_label(selectors.rules_for(evaluation), evaluation.result_rating)


class ConsequenceLineSerializer(serializers.Serializer[Any]):
    """A servant on a p.8 list (reads `selectors.sheets.ConsequenceLine`)."""

    evaluation = serializers.IntegerField(source="evaluation.pk")
    servant = PersonSerializer(source="evaluation.servant")
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
    """A sheet to fill or actual values to enter (no score): reads ``{"evaluation", "due"}`` or
    `selectors.sheets.ActualsTask` (with `filled` and `rows`)."""

    id = serializers.IntegerField(source="evaluation.pk")
    servant = PersonSerializer(source="evaluation.servant")
    period = PeriodRefSerializer(source="evaluation.period")
    method = serializers.CharField(source="evaluation.method")
    status = serializers.CharField(source="evaluation.status")
    due = serializers.DateField()
    filled = serializers.IntegerField(required=False)
    rows = serializers.IntegerField(required=False)


class TasksSerializer(serializers.Serializer[Any]):
    """The reader's tasks."""

    sheets_to_fill = TaskSerializer(many=True)
    actuals_to_fill = TaskSerializer(many=True)
