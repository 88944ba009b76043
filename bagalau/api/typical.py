"""REST endpoints of a typical-2018 year (/api/v1/typical/): the chair's consent and the opening
of the annual period, an evaluation, its App. 2 KPI sheet and App. 3 competency sheet, through
the same services and access lookups as the pages. Errors are ``{"error": {"field",
"message"}}``: 400 a broken rule, 403 not yours to do, 404 not visible, 409 a stale ``version``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from django.http import Http404
from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api import serializers, typical_explain
from bagalau.api.base import (
    Action,
    ActionsField,
    DetailEndpoint,
    Endpoint,
    PersonSerializer,
    body,
    detailed,
    posted,
)
from bagalau.core import bounds
from bagalau.evaluations.models import Evaluation
from bagalau.typical import access
from bagalau.typical.models import CompetencySheet, KpiSheet, KpiSheetRow, ReturnGround
from bagalau.typical.selectors import competency_sheet_deadlines, kpi_sheet_deadlines
from bagalau.typical.services.competency_sheet import (
    competency_sheet_fill,
    competency_sheet_open,
    competency_sheet_send,
    competency_sheet_sign,
)
from bagalau.typical.services.kpi_sheet import (
    kpi_sheet_agree,
    kpi_sheet_fill,
    kpi_sheet_open,
    kpi_sheet_return,
    kpi_sheet_send,
    kpi_sheet_sign,
)
from bagalau.typical.services.schedule import (
    typical_period_open,
    typical_schedule_record_consent,
)

# --- serializers --------------------------------------------------------------------------------


class DeadlineSerializer(serializers.Serializer[Any]):
    """A step's due date, the day it was done and how late (working days; never blocking)."""

    step = serializers.CharField()
    due = serializers.DateField()
    done = serializers.DateField(allow_null=True)
    late_by = serializers.IntegerField()


class TypicalEvaluationSerializer(serializers.ModelSerializer[Evaluation]):
    """A servant's typical-2018 year: status, the KPI result (k of 5 and its rating), the sheets."""

    servant = PersonSerializer()
    evaluator = PersonSerializer(allow_null=True)
    kpi_sheet = serializers.SerializerMethodField()
    competency_sheet = serializers.SerializerMethodField()

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "servant",
            "evaluator",
            "edition",
            "status",
            "reason",
            "due_date",
            "score",
            "rating",
            "kpi_sheet",
            "competency_sheet",
        ]

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_kpi_sheet(self, evaluation: Evaluation) -> int | None:
        sheet = KpiSheet.objects.filter(evaluation=evaluation).first()
        return None if sheet is None else sheet.pk

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_competency_sheet(self, evaluation: Evaluation) -> int | None:
        sheet = CompetencySheet.objects.filter(evaluation=evaluation).first()
        return None if sheet is None else sheet.pk


class KpiRowSerializer(serializers.ModelSerializer[KpiSheetRow]):
    """A row of App. 2: the plan's KPI (cols. 2-4) and the direct manager's cols. 5-6."""

    class Meta:
        model = KpiSheetRow
        fields = ["number", "name", "unit", "planned", "actual", "achieved"]


class KpiSheetSerializer(serializers.ModelSerializer[KpiSheet]):
    """The App. 2 sheet with its rows, deadlines and what the caller may do now."""

    approver = PersonSerializer()
    rows = KpiRowSerializer(many=True)
    deadlines = serializers.SerializerMethodField()
    actions = ActionsField(access.kpi_sheet_actions)

    class Meta:
        model = KpiSheet
        fields = [
            "id",
            "evaluation",
            "approver",
            "status",
            "signed_on",
            "returned_on",
            "return_ground",
            "return_reason",
            "agreed_on",
            "sent_on",
            "achieved",
            "rating",
            "version",
            "rows",
            "deadlines",
            "actions",
        ]

    @extend_schema_field(DeadlineSerializer(many=True))
    def get_deadlines(self, sheet: KpiSheet) -> list[dict[str, Any]]:
        return list(DeadlineSerializer(kpi_sheet_deadlines(sheet), many=True).data)


class CompetencySheetSerializer(serializers.ModelSerializer[CompetencySheet]):
    """The App. 3 sheet: the App. 4 row, the effective indicators observed per competency
    (1-based), the results once signed, deadlines and what the caller may do now."""

    deadlines = serializers.SerializerMethodField()
    actions = ActionsField(access.competency_sheet_actions)
    observed = serializers.DictField(child=serializers.ListField(child=serializers.IntegerField()))
    results = serializers.DictField(child=serializers.DictField())

    class Meta:
        model = CompetencySheet
        fields = [
            "id",
            "evaluation",
            "tier",
            "provides_services",
            "status",
            "observed",
            "results",
            "signed_on",
            "sent_on",
            "version",
            "deadlines",
            "actions",
        ]

    @extend_schema_field(DeadlineSerializer(many=True))
    def get_deadlines(self, sheet: CompetencySheet) -> list[dict[str, Any]]:
        return list(DeadlineSerializer(competency_sheet_deadlines(sheet), many=True).data)


class RowInputSerializer(serializers.Serializer[Any]):
    """Columns 5-6 of one KPI row; a key left out is not changed."""

    number = serializers.IntegerField(min_value=1)
    actual = serializers.CharField(max_length=100, allow_blank=True, required=False)
    achieved = serializers.BooleanField(allow_null=True, required=False)


class RowsInputSerializer(serializers.Serializer[Any]):
    """The rows the direct manager changes; ``version`` is the sheet's as read."""

    version = serializers.IntegerField(required=False, allow_null=True, default=None)
    rows = RowInputSerializer(many=True)


class ObservedInputSerializer(serializers.Serializer[Any]):
    """The whole checklist: per competency code the 1-based numbers of the effective indicators
    observed; ``version`` is the sheet's as read."""

    version = serializers.IntegerField(required=False, allow_null=True, default=None)
    observed = serializers.DictField(
        child=serializers.ListField(child=serializers.IntegerField(min_value=1))
    )


class StepInputSerializer(serializers.Serializer[Any]):
    """A workflow step on a day (default today; back-dated entry is audited). Returning a KPI
    sheet needs ``ground`` (insufficient / unreliable evidence, p.22) and ``reason``."""

    version = serializers.IntegerField(required=False, allow_null=True, default=None)
    day = serializers.DateField(required=False, allow_null=True, default=None)
    ground = serializers.ChoiceField(choices=ReturnGround.choices, required=False, default="")
    reason = serializers.CharField(allow_blank=True, required=False, default="")


class ConsentInputSerializer(serializers.Serializer[Any]):
    """The commission chair's consent to the schedule (p.29), as HR records it."""

    chair_name = serializers.CharField(max_length=bounds.TITLE, allow_blank=True)
    agreed_on = serializers.DateField()
    reference = serializers.CharField(max_length=bounds.TITLE, allow_blank=True, default="")


class ConsentSerializer(serializers.Serializer[Any]):
    """The recorded consent."""

    schedule = serializers.IntegerField(source="schedule_id")
    chair_name = serializers.CharField()
    agreed_on = serializers.DateField()
    reference = serializers.CharField()


class OpenedSerializer(serializers.Serializer[Any]):
    """The opened period: evaluations created, the notice's due date and lateness (D2)."""

    period = serializers.IntegerField(source="period.pk")
    created = serializers.ListField(child=serializers.IntegerField())
    notice_due = serializers.DateField()
    late_by = serializers.IntegerField()


# --- endpoints ----------------------------------------------------------------------------------


@posted("Record the chair's consent (HR)")
class ScheduleConsent(Action):
    """HR records the chair's consent; the schedule is then in force."""

    serializer_class = ConsentSerializer
    lookup_url_kwarg = "schedule_id"
    service = typical_schedule_record_consent
    input_class = ConsentInputSerializer
    answer_status = 201


class PeriodOpen(Endpoint):
    """HR opens the annual period: evaluations and the notice."""

    serializer_class = OpenedSerializer

    @extend_schema(summary="Open the annual evaluation (HR)", request=None)
    def post(self, request: Request, period_id: int) -> Response:
        opened = typical_period_open(actor=request.user, period_id=period_id)
        return self.answer(
            {
                "period": opened.period,
                "created": [e.pk for e in opened.created],
                "notice_due": opened.notice_due,
                "late_by": opened.late_by,
            }
        )


@detailed("A typical-2018 evaluation")
class EvaluationDetail(DetailEndpoint):
    """A typical-2018 evaluation (audited read)."""

    serializer_class = TypicalEvaluationSerializer
    get_for = access.typical_evaluation_get_for
    lookup_url_kwarg = "evaluation_id"


class SheetOpen(Action):
    """Opens a sheet of the evaluation (`service`): 201 with it."""

    lookup_url_kwarg = "evaluation_id"
    answer_status = 201


@posted("Open the KPI sheet (App. 2)")
class KpiSheetOpen(SheetOpen):
    """The direct manager or HR opens the App. 2 sheet from the approved work plan."""

    serializer_class = KpiSheetSerializer
    service = kpi_sheet_open


@posted("Open the competency sheet (App. 3)")
class CompetencySheetOpen(SheetOpen):
    """The direct manager or HR opens the App. 3 sheet in the position's App. 4 row."""

    serializer_class = CompetencySheetSerializer
    service = competency_sheet_open


class SheetEndpoint(Endpoint):
    """An endpoint on one sheet of `model` (404 when not visible)."""

    model: ClassVar[type[KpiSheet] | type[CompetencySheet]]
    lookup_url_kwarg = "sheet_id"

    def detail(self, sheet_id: int) -> Response:
        """The sheet as it stands after a write."""
        return self.answer(type(self).model.objects.get(pk=sheet_id))


class SheetTransition(SheetEndpoint):
    """POST a workflow step of the sheet, named by the URL's `action`: `steps[action]` called
    with the caller, the sheet's id and the body read by `StepInputSerializer` (404 for a step
    the sheet has not, after the sheet's own 404 and the body's 400); the answer is the sheet as
    it stands after the step."""

    steps: ClassVar[Mapping[str, Callable[[Any, int, dict[str, Any]], object]]]

    def post(self, request: Request, sheet_id: int, action: str) -> Response:
        sheet = self.get_object()
        data = body(StepInputSerializer, request)
        step = type(self).steps.get(action)
        if step is None:
            raise Http404("No such action.")
        step(request.user, sheet.pk, data)
        return self.detail(sheet.pk)


class KpiSheetEndpoint(SheetEndpoint):
    """An endpoint on one App. 2 sheet (404 when not visible)."""

    serializer_class = KpiSheetSerializer
    get_for = access.kpi_sheet_get_for
    model = KpiSheet


@detailed("A KPI sheet (App. 2)")
class KpiSheetDetail(KpiSheetEndpoint, DetailEndpoint):
    """The App. 2 sheet (audited read); PUT changes columns 5-6."""

    @extend_schema(summary="Fill columns 5-6 (direct manager)", request=RowsInputSerializer)
    def put(self, request: Request, sheet_id: int) -> Response:
        sheet = self.get_object()
        data = body(RowsInputSerializer, request)
        rows = {
            row["number"]: {key: row[key] for key in ("actual", "achieved") if key in row}
            for row in data["rows"]
        }
        kpi_sheet_fill(
            actor=request.user, sheet_id=sheet.pk, rows=rows, expected_version=data["version"]
        )
        return self.detail(sheet.pk)


@posted("A KPI sheet workflow step", request=StepInputSerializer)
class KpiSheetTransition(KpiSheetEndpoint, SheetTransition):
    """sign (direct manager), agree / return (superior manager or first head), send (HR)."""

    steps = {
        "sign": lambda user, sheet_id, data: kpi_sheet_sign(
            actor=user, sheet_id=sheet_id, signed_on=data["day"], expected_version=data["version"]
        ),
        "agree": lambda user, sheet_id, data: kpi_sheet_agree(
            actor=user, sheet_id=sheet_id, agreed_on=data["day"]
        ),
        "return": lambda user, sheet_id, data: kpi_sheet_return(
            actor=user,
            sheet_id=sheet_id,
            ground=data["ground"],
            reason=data["reason"],
            returned_on=data["day"],
        ),
        "send": lambda user, sheet_id, data: kpi_sheet_send(
            actor=user, sheet_id=sheet_id, sent_on=data["day"]
        ),
    }


class CompetencySheetEndpoint(SheetEndpoint):
    """An endpoint on one App. 3 sheet (404 when not visible)."""

    serializer_class = CompetencySheetSerializer
    get_for = access.competency_sheet_get_for
    model = CompetencySheet


@detailed("A competency sheet (App. 3)")
class CompetencySheetDetail(CompetencySheetEndpoint, DetailEndpoint):
    """The App. 3 sheet (audited read); PUT replaces the checklist."""

    @extend_schema(
        summary="Tick the observed indicators (direct manager)", request=ObservedInputSerializer
    )
    def put(self, request: Request, sheet_id: int) -> Response:
        sheet = self.get_object()
        data = body(ObservedInputSerializer, request)
        competency_sheet_fill(
            actor=request.user,
            sheet_id=sheet.pk,
            observed=data["observed"],
            expected_version=data["version"],
        )
        return self.detail(sheet.pk)


@posted("A competency sheet workflow step", request=StepInputSerializer)
class CompetencySheetTransition(CompetencySheetEndpoint, SheetTransition):
    """sign (direct manager), send (HR)."""

    steps = {
        "sign": lambda user, sheet_id, data: competency_sheet_sign(
            actor=user, sheet_id=sheet_id, signed_on=data["day"], expected_version=data["version"]
        ),
        "send": lambda user, sheet_id, data: competency_sheet_send(
            actor=user, sheet_id=sheet_id, sent_on=data["day"]
        ),
    }


urlpatterns = [
    path(
        "schedules/<int:schedule_id>/consent/",
        ScheduleConsent.as_view(),
        name="typical-schedule-consent",
    ),
    path("periods/<int:period_id>/open/", PeriodOpen.as_view(), name="typical-period-open"),
    path("evaluations/<int:evaluation_id>/", EvaluationDetail.as_view(), name="typical-evaluation"),
    path(
        "evaluations/<int:evaluation_id>/kpi-sheet/",
        KpiSheetOpen.as_view(),
        name="typical-kpi-sheet-open",
    ),
    path(
        "evaluations/<int:evaluation_id>/competency-sheet/",
        CompetencySheetOpen.as_view(),
        name="typical-competency-sheet-open",
    ),
    path("kpi-sheets/<int:sheet_id>/", KpiSheetDetail.as_view(), name="typical-kpi-sheet"),
    path(
        "kpi-sheets/<int:sheet_id>/transitions/<slug:action>/",
        KpiSheetTransition.as_view(),
        name="typical-kpi-sheet-transition",
    ),
    path(
        "competency-sheets/<int:sheet_id>/",
        CompetencySheetDetail.as_view(),
        name="typical-competency-sheet",
    ),
    path(
        "competency-sheets/<int:sheet_id>/transitions/<slug:action>/",
        CompetencySheetTransition.as_view(),
        name="typical-competency-sheet-transition",
    ),
]
urlpatterns += typical_explain.urlpatterns
