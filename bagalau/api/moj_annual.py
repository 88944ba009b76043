"""REST endpoints of the moj-2017 work plan App. 1 and annual sheet App. 4 (/api/v1/moj/; seed
001 p.10-13, p.28-33), through the same services, selectors and access lookups as the pages.
Errors are ``{"error": {"field", "message"}}``: 400 a broken rule, 403 not yours to do, 404 not
visible, 409 a stale ``version``."""

from __future__ import annotations

from typing import Any

from django.urls import path
from drf_spectacular.utils import extend_schema_field

from bagalau.api import serializers
from bagalau.api.base import (
    Action,
    ActionsField,
    DetailEndpoint,
    Edit,
    PersonSerializer,
    detailed,
    edited,
    posted,
)
from bagalau.api.moj import RefusalInputSerializer
from bagalau.api.typical_explain import SheetExplain, explained
from bagalau.core import bounds
from bagalau.moj.annual_access import annual_sheet_actions, annual_sheet_get_for
from bagalau.moj.annual_explain import annual_sheet_explanation
from bagalau.moj.annual_selectors import annual_deadlines
from bagalau.moj.models import AnnualSheet, WorkPlan, WorkPlanRevision
from bagalau.moj.plan_access import workplan_actions, workplan_get_for
from bagalau.moj.plan_selectors import filed_revision, plan_history, work_plan_deadline
from bagalau.moj.services.annual_sheet import (
    annual_sheet_agree,
    annual_sheet_compute,
    annual_sheet_confirm,
    annual_sheet_open,
    annual_sheet_record_refusal,
    annual_sheet_self_assess,
    sheet_rules,
)
from bagalau.moj.services.work_plan import (
    work_plan_amend,
    work_plan_create,
    work_plan_edit,
    work_plan_sign,
)

# --- serializers --------------------------------------------------------------------------------


class IndicatorSerializer(serializers.Serializer[Any]):
    """A target indicator: its text, its expected result, and the "өлшемді" flag (M-3)."""

    name = serializers.CharField(max_length=bounds.LONG_TEXT, allow_blank=True)
    expected_result = serializers.CharField(max_length=bounds.LONG_TEXT, allow_blank=True)
    measurable = serializers.BooleanField(default=False)


class RevisionSerializer(serializers.ModelSerializer[WorkPlanRevision]):
    """A version of the plan: its indicators, the reason of an amendment, the signatures."""

    indicators = IndicatorSerializer(many=True)
    manager = PersonSerializer(allow_null=True)

    class Meta:
        model = WorkPlanRevision
        fields = [
            "number",
            "indicators",
            "reason",
            "servant_signed_on",
            "manager",
            "manager_signed_on",
            "filed_on",
        ]


class PlanDeadlineSerializer(serializers.Serializer[Any]):
    """The plan's due date (p.10-11), the day it was first filed, and whether it is late."""

    due = serializers.DateField()
    filed = serializers.DateField(allow_null=True)
    late = serializers.BooleanField()


class WorkPlanSerializer(serializers.ModelSerializer[WorkPlan]):
    """The plan: its status, every version (the current last), the filed version's number, the
    due date and the caller's actions."""

    servant = PersonSerializer()
    versions = serializers.SerializerMethodField()
    filed_version = serializers.SerializerMethodField()
    deadline = serializers.SerializerMethodField()
    actions = ActionsField(workplan_actions)

    class Meta:
        model = WorkPlan
        fields = [
            "id",
            "servant",
            "year",
            "edition",
            "status",
            "revision",
            "version",
            "versions",
            "filed_version",
            "deadline",
            "actions",
        ]

    @extend_schema_field(RevisionSerializer(many=True))
    def get_versions(self, plan: WorkPlan) -> list[dict[str, Any]]:
        return list(RevisionSerializer(plan_history(plan), many=True).data)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_filed_version(self, plan: WorkPlan) -> int | None:
        filed = filed_revision(plan)
        return filed.number if filed is not None else None

    @extend_schema_field(PlanDeadlineSerializer)
    def get_deadline(self, plan: WorkPlan) -> dict[str, Any]:
        found = work_plan_deadline(plan)
        return {"due": found.due, "filed": found.filed, "late": found.late}


class WorkPlanInputSerializer(serializers.Serializer[Any]):
    """A new plan: whose, the year and the indicators."""

    servant = serializers.IntegerField(source="servant_id")
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    indicators = IndicatorSerializer(many=True)


class IndicatorsInputSerializer(serializers.Serializer[Any]):
    """The draft's indicators, and the version read (omitted: not checked)."""

    version = serializers.IntegerField(required=False, allow_null=True, default=None)
    indicators = IndicatorSerializer(many=True)


class AmendmentInputSerializer(serializers.Serializer[Any]):
    """The reason of the amendment (M-15)."""

    version = serializers.IntegerField(required=False, allow_null=True, default=None)
    reason = serializers.CharField(max_length=bounds.LONG_TEXT, allow_blank=True)


class AnnualRowSerializer(serializers.Serializer[Any]):
    """A row of App. 4: the indicator, both columns (2-5, p.30) and their notes."""

    name = serializers.CharField()
    expected_result = serializers.CharField()
    measurable = serializers.BooleanField()
    self = serializers.IntegerField(allow_null=True)
    self_note = serializers.CharField()
    manager = serializers.IntegerField(allow_null=True)
    manager_note = serializers.CharField()


class AnnualDeadlinesSerializer(serializers.Serializer[Any]):
    """The session by 25 December (p.3, M-5) and HR's computation 5 working days before."""

    session_by = serializers.DateField()
    compute_by = serializers.DateField()


class AnnualSheetSerializer(serializers.ModelSerializer[AnnualSheet]):
    """The App. 4 sheet: rows, plan score, HR's computation, deadlines and the caller's actions;
    `weights_reconstruction` says the formula of p.32 is reconstructed (M-1)."""

    rows = AnnualRowSerializer(many=True)
    plan_version = serializers.IntegerField(source="plan_revision.number")
    score = serializers.DecimalField(
        source="evaluation.score", max_digits=7, decimal_places=2, allow_null=True
    )
    rating = serializers.CharField(source="evaluation.rating")
    weights_reconstruction = serializers.SerializerMethodField()
    deadlines = serializers.SerializerMethodField()
    actions = ActionsField(annual_sheet_actions)

    class Meta:
        model = AnnualSheet
        fields = [
            "id",
            "evaluation",
            "status",
            "plan_version",
            "rows",
            "no_self_assessment",
            "plan_score",
            "self_assessed_on",
            "agreed_on",
            "confirmed_on",
            "refused_on",
            "refusal_note",
            "quarter_scores",
            "quarter_mean",
            "quarter_points",
            "weight_quarters",
            "weight_plan",
            "weights_reconstruction",
            "computed_on",
            "score",
            "rating",
            "version",
            "deadlines",
            "actions",
        ]

    @extend_schema_field(serializers.BooleanField())
    def get_weights_reconstruction(self, sheet: AnnualSheet) -> bool:
        return sheet_rules(sheet).weights_reconstruction

    @extend_schema_field(AnnualDeadlinesSerializer)
    def get_deadlines(self, sheet: AnnualSheet) -> dict[str, Any]:
        found = annual_deadlines(sheet)
        return {"session_by": found.session_by, "compute_by": found.compute_by}


class MarkSerializer(serializers.Serializer[Any]):
    """A mark of a row: 2 to 5 (p.30) and a note."""

    points = serializers.IntegerField(allow_null=True)
    note = serializers.CharField(max_length=bounds.LONG_TEXT, allow_blank=True, default="")


class MarksInputSerializer(serializers.Serializer[Any]):
    """A column: one mark per row, and the version read (omitted: not checked)."""

    version = serializers.IntegerField(required=False, allow_null=True, default=None)
    marks = MarkSerializer(many=True)


# --- endpoints ----------------------------------------------------------------------------------


@posted("Draft a moj-2017 work plan (App. 1)")
class WorkPlanCreate(Action):
    """The servant, or the direct manager jointly, drafts a plan (p.10-12)."""

    serializer_class = WorkPlanSerializer
    service = work_plan_create
    input_class = WorkPlanInputSerializer
    answer_status = 201


@detailed("A moj-2017 work plan (App. 1)")
class WorkPlanDetail(DetailEndpoint):
    """The plan with its versions (audited read)."""

    serializer_class = WorkPlanSerializer
    get_for = workplan_get_for
    lookup_url_kwarg = "plan_id"


@edited("Edit the draft's indicators")
class WorkPlanIndicators(Edit):
    """The servant or the direct manager edits the draft; a signature given is taken back."""

    serializer_class = WorkPlanSerializer
    lookup_url_kwarg = "plan_id"
    service = work_plan_edit
    input_class = IndicatorsInputSerializer


class WorkPlanStep(Action):
    """A step of the plan's workflow: the answer is the plan."""

    serializer_class = WorkPlanSerializer
    lookup_url_kwarg = "plan_id"


@posted("Sign the plan (the servant, then the direct manager)")
class WorkPlanSign(WorkPlanStep):
    """The servant signs, then the direct manager, which files the plan (p.13)."""

    service = work_plan_sign


@posted("Start an amendment (M-15)")
class WorkPlanAmend(WorkPlanStep):
    """An amendment of the filed plan: a new version with its reason (M-15)."""

    service = work_plan_amend
    input_class = AmendmentInputSerializer


@posted("Open the annual sheet (App. 4)")
class AnnualSheetOpen(Action):
    """HR or the direct manager opens the App. 4 sheet from the filed plan."""

    serializer_class = AnnualSheetSerializer
    lookup_url_kwarg = "evaluation_id"
    service = annual_sheet_open
    answer_status = 201


@detailed("An annual sheet (App. 4)")
class AnnualSheetDetail(DetailEndpoint):
    """The App. 4 sheet (audited read)."""

    serializer_class = AnnualSheetSerializer
    get_for = annual_sheet_get_for
    lookup_url_kwarg = "sheet_id"


@explained("Explain the annual score")
class AnnualSheetExplain(SheetExplain):
    """How the annual score was reached: the plan score, the quarter mean and its points, the
    weighted sum (a reconstruction, M-1) and the rating; 404 before HR's computation."""

    get_for = annual_sheet_get_for
    explain = annual_sheet_explanation


@edited("Fill in a column of App. 4")
class AnnualSheetColumn(Edit):
    """A column of the sheet: the servant's self-assessment or the direct manager's agreement."""

    serializer_class = AnnualSheetSerializer
    lookup_url_kwarg = "sheet_id"
    input_class = MarksInputSerializer


class AnnualSheetSelf(AnnualSheetColumn):
    service = annual_sheet_self_assess


class AnnualSheetAgree(AnnualSheetColumn):
    service = annual_sheet_agree


class AnnualSheetStep(Action):
    """A step of the App. 4 sheet's workflow: the answer is the sheet."""

    serializer_class = AnnualSheetSerializer
    lookup_url_kwarg = "sheet_id"


@posted("Confirm (the servant)")
class AnnualSheetConfirm(AnnualSheetStep):
    """The servant confirms the agreed sheet (p.31)."""

    service = annual_sheet_confirm


@posted("Record the refusal act (HR)")
class AnnualSheetRefusal(AnnualSheetStep):
    """The HR servant records the refusal act, co-signed by the direct manager (p.31)."""

    service = annual_sheet_record_refusal
    input_class = RefusalInputSerializer


@posted("Compute the annual score (HR)")
class AnnualSheetCompute(AnnualSheetStep):
    """HR computes the annual score from the approved quarters and the plan score (p.32)."""

    service = annual_sheet_compute


urlpatterns = [
    path("work-plans/", WorkPlanCreate.as_view(), name="moj-work-plans"),
    path("work-plans/<int:plan_id>/", WorkPlanDetail.as_view(), name="moj-work-plan"),
    path(
        "work-plans/<int:plan_id>/indicators/",
        WorkPlanIndicators.as_view(),
        name="moj-work-plan-indicators",
    ),
    path("work-plans/<int:plan_id>/sign/", WorkPlanSign.as_view(), name="moj-work-plan-sign"),
    path(
        "work-plans/<int:plan_id>/amendment/",
        WorkPlanAmend.as_view(),
        name="moj-work-plan-amend",
    ),
    path(
        "evaluations/<int:evaluation_id>/annual-sheet/",
        AnnualSheetOpen.as_view(),
        name="moj-annual-sheet-open",
    ),
    path("annual-sheets/<int:sheet_id>/", AnnualSheetDetail.as_view(), name="moj-annual-sheet"),
    path(
        "annual-sheets/<int:sheet_id>/explain/",
        AnnualSheetExplain.as_view(),
        name="moj-annual-sheet-explain",
    ),
    path(
        "annual-sheets/<int:sheet_id>/self-assessment/",
        AnnualSheetSelf.as_view(),
        name="moj-annual-sheet-self",
    ),
    path(
        "annual-sheets/<int:sheet_id>/agreement/",
        AnnualSheetAgree.as_view(),
        name="moj-annual-sheet-agree",
    ),
    path(
        "annual-sheets/<int:sheet_id>/confirm/",
        AnnualSheetConfirm.as_view(),
        name="moj-annual-sheet-confirm",
    ),
    path(
        "annual-sheets/<int:sheet_id>/refusal/",
        AnnualSheetRefusal.as_view(),
        name="moj-annual-sheet-refusal",
    ),
    path(
        "annual-sheets/<int:sheet_id>/computation/",
        AnnualSheetCompute.as_view(),
        name="moj-annual-sheet-compute",
    ),
]
