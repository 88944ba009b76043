"""Serializers of the plans API (bagalau.api.plans): plans of both models (sjc-2023, seed 002;
typical-2018, seed 004 App. 1), their KPIs, steps, changes and quarterly recommendations."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from bagalau.api import serializers
from bagalau.api.base import ActionsField
from bagalau.core import bounds, clock
from bagalau.plans import access
from bagalau.plans.models import (
    KPI_FIELDS,
    Direction,
    Kpi,
    PlanChange,
    PlanRecommendation,
    WorkPlan,
)
from bagalau.plans.selectors import kpis_of
from bagalau.plans.typical_selectors import plan_recommendations, typical_deadlines

# --- plans --------------------------------------------------------------------------------

#: Planned values are checked by the service (≥ 0, > 0 when increasing, 1 for yes/no, 4 places).
PLANNED: dict[str, Any] = {
    "max_digits": 30,
    "decimal_places": 10,
    "allow_null": True,
    "required": False,
    "default": None,
}


class KpiSerializer(serializers.ModelSerializer[Kpi]):
    """A KPI of a plan (a row of App. 1)."""

    class Meta:
        model = Kpi
        fields = ["id", "number", *KPI_FIELDS]


class PlanSerializer(serializers.ModelSerializer[WorkPlan]):
    """A work plan in a list."""

    servant = serializers.CharField(source="servant.full_name")
    evaluator = serializers.CharField(source="evaluator.full_name")
    approver = serializers.CharField(source="approver.full_name")
    position = serializers.CharField(source="assignment.position.name")
    unit = serializers.CharField(source="assignment.position.unit.name")
    draft_overdue = serializers.SerializerMethodField()
    posting_overdue = serializers.SerializerMethodField()

    class Meta:
        model = WorkPlan
        fields = [
            "id",
            "organisation",
            "year",
            "servant",
            "position",
            "unit",
            "evaluator",
            "approver",
            "status",
            "period_start",
            "draft_due",
            "posting_due",
            "draft_overdue",
            "posting_overdue",
            "edition",
            "version",
        ]

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_draft_overdue(self, plan: WorkPlan) -> bool:
        return plan.is_draft_overdue(clock.today())

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_posting_overdue(self, plan: WorkPlan) -> bool:
        return plan.is_posting_overdue(clock.today())


class PlanDetailSerializer(PlanSerializer):
    """A work plan with its KPIs, the workflow dates and what the caller may do now."""

    kpis = serializers.SerializerMethodField()
    actions = ActionsField(access.plan_actions)
    deadlines = serializers.SerializerMethodField()
    recommendations = serializers.SerializerMethodField()

    class Meta(PlanSerializer.Meta):
        fields = [
            *PlanSerializer.Meta.fields,
            "return_comment",
            "sent_to_hr_at",
            "hr_agreed_at",
            "submitted_at",
            "approved_at",
            "posted_at",
            "servant_signed_on",
            "manager_signed_on",
            "submitted_on",
            "returned_on",
            "resubmission_due",
            "approved_on",
            "kpis",
            "actions",
            "deadlines",
            "recommendations",
        ]

    @extend_schema_field(KpiSerializer(many=True))
    def get_kpis(self, plan: WorkPlan) -> list[dict[str, Any]]:
        return list(KpiSerializer(kpis_of(plan), many=True).data)

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_deadlines(self, plan: WorkPlan) -> list[dict[str, Any]]:
        """Typical-2018: the 10-working-day (p.9) and 2-working-day (p.12) deadlines and how late
        they were met, never blocking (EDITIONS.md §9 G-1); empty for sjc-2023."""
        if not plan.is_typical:
            return []
        return [
            {
                "code": item.code,
                "due": item.due,
                "done_on": item.done_on,
                "late_working_days": item.lateness.working_days if item.lateness else None,
            }
            for item in typical_deadlines(plan, clock.today())
        ]

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_recommendations(self, plan: WorkPlan) -> list[dict[str, Any]]:
        return list(RecommendationSerializer(plan_recommendations(plan), many=True).data)


class KpiFieldsSerializer(serializers.Serializer[Any]):
    """A KPI's fields (a row of App. 1). A yes/no (binary) KPI has the planned value 1 in the
    quarters it is due; a quarter without a planned value is null."""

    name = serializers.CharField(allow_blank=True)
    source = serializers.CharField(allow_blank=True)  # type: ignore[assignment]
    unit = serializers.CharField(max_length=60, allow_blank=True)
    direction = serializers.ChoiceField(choices=Direction.choices)
    plan_q1 = serializers.DecimalField(**PLANNED)
    plan_q2 = serializers.DecimalField(**PLANNED)
    plan_q3 = serializers.DecimalField(**PLANNED)
    plan_q4 = serializers.DecimalField(**PLANNED)
    deadline = serializers.DateField()
    date_q1 = serializers.DateField(required=False, allow_null=True, default=None)
    date_q2 = serializers.DateField(required=False, allow_null=True, default=None)
    date_q3 = serializers.DateField(required=False, allow_null=True, default=None)
    date_q4 = serializers.DateField(required=False, allow_null=True, default=None)
    key_result = serializers.CharField(allow_blank=True)


class KpiInputSerializer(KpiFieldsSerializer):
    """A KPI to add to a draft, returned or changing plan, or every new value of one; ``version``
    is the plan's as read. ``date_qN``: the achievement date of a planned quarter (App. 1; empty:
    the quarter's end, or the deadline when earlier)."""

    version = serializers.IntegerField()


class VersionSerializer(serializers.Serializer[Any]):
    """The plan's version as read (optimistic locking)."""

    version = serializers.IntegerField()


class TransitionSerializer(serializers.Serializer[Any]):
    """A workflow step; ``comment`` is required to return a plan; ``on`` is the date a
    typical-2018 document bears (today when left out; back-dated entry, EDITIONS.md §9 G-1)."""

    version = serializers.IntegerField()
    comment = serializers.CharField(allow_blank=True, required=False, default="")
    on = serializers.DateField(required=False, allow_null=True, default=None)


class RecommendationSerializer(serializers.ModelSerializer[PlanRecommendation]):
    """A quarterly written recommendation of the direct manager (seed 004 p.16)."""

    author = serializers.CharField(source="author.get_username")

    class Meta:
        model = PlanRecommendation
        fields = ["id", "quarter", "text", "author", "written_on"]


class RecommendationInputSerializer(serializers.Serializer[Any]):
    """Write (or rewrite) the recommendation of a quarter; ``on``: the date it was written."""

    quarter = serializers.IntegerField()
    text = serializers.CharField(allow_blank=True)
    on = serializers.DateField(required=False, allow_null=True, default=None)


class ChangeSerializer(serializers.Serializer[Any]):
    """Open a change of an approved plan (p.25): ``ground`` is one of the edition's grounds
    (``functions`` or ``structure`` changed), ``reference`` the order or decision."""

    version = serializers.IntegerField()
    ground = serializers.CharField(allow_blank=True, max_length=20)
    reference = serializers.CharField(allow_blank=True, max_length=bounds.TITLE)


class PlanChangeSerializer(serializers.ModelSerializer[PlanChange]):
    """A change of the approved plan: its ground and act, who opened and approved it, and the
    KPIs before (the version in force, kept) and after its approval."""

    changed_by = serializers.CharField(source="changed_by.get_username")

    class Meta:
        model = PlanChange
        fields = [
            "id",
            "ground",
            "reference",
            "status",
            "changed_by",
            "changed_at",
            "approved_at",
            "before",
            "after",
        ]


class InitiateSerializer(serializers.Serializer[Any]):
    """Open the work plans of a year in an organisation where the caller is HR."""

    organisation = serializers.IntegerField(required=False)
    year = serializers.IntegerField()


class SkippedSerializer(serializers.Serializer[Any]):
    """A post evaluated by KPI that got no plan, and why."""

    assignment = serializers.IntegerField(source="assignment.pk")
    servant = serializers.CharField(source="assignment.servant.full_name")
    field = serializers.CharField(source="error.field")
    message = serializers.CharField(source="error.message")


class InitiationReportSerializer(serializers.Serializer[Any]):
    """What was opened: new plans, plans already there, posts skipped."""

    created = PlanSerializer(many=True)
    existing = PlanSerializer(many=True)
    skipped = SkippedSerializer(many=True)


class ForAssignmentSerializer(serializers.Serializer[Any]):
    """Open the plan of one assignment (a newcomer)."""

    assignment = serializers.IntegerField()
    year = serializers.IntegerField()
