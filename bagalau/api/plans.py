"""REST endpoints of the plans app (/api/v1/plans/): the same services and access rules as the
web pages. Errors are ``{"error": {"field", "message"}}``: 400 a broken rule, 403 not yours to do,
404 not visible, 409 a stale ``version``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api import serializers
from bagalau.api.base import Endpoint, body
from bagalau.api.params import int_param
from bagalau.core import bounds, clock
from bagalau.org.models import Assignment, Organisation, Role
from bagalau.org.selectors import organisations_where
from bagalau.plans import access
from bagalau.plans.models import Direction, Kpi, PlanChange, WorkPlan
from bagalau.plans.selectors import TABS, kpis_of, plan_history, plans_for_tab
from bagalau.plans.services import (
    RETURN_SERVICES,
    TRANSITION_SERVICES,
    KpiData,
    kpi_add,
    kpi_remove,
    kpi_update,
    plan_change_open,
    plan_create_for_assignment,
    plans_initiate,
)

# --- serializers --------------------------------------------------------------------------------

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
        fields = [
            "id",
            "number",
            "name",
            "source",
            "unit",
            "direction",
            "plan_q1",
            "plan_q2",
            "plan_q3",
            "plan_q4",
            "deadline",
            "date_q1",
            "date_q2",
            "date_q3",
            "date_q4",
            "key_result",
        ]


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
    actions = serializers.SerializerMethodField()

    class Meta(PlanSerializer.Meta):
        fields = [
            *PlanSerializer.Meta.fields,
            "return_comment",
            "sent_to_hr_at",
            "hr_agreed_at",
            "submitted_at",
            "approved_at",
            "posted_at",
            "kpis",
            "actions",
        ]

    @extend_schema_field(KpiSerializer(many=True))
    def get_kpis(self, plan: WorkPlan) -> list[dict[str, Any]]:
        return list(KpiSerializer(kpis_of(plan), many=True).data)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_actions(self, plan: WorkPlan) -> list[str]:
        return sorted(access.plan_actions(user=self.context["request"].user, obj=plan))


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


def _kpi_data(values: dict[str, Any]) -> KpiData:
    return KpiData(
        name=values["name"],
        source=values["source"],
        unit=values["unit"],
        direction=values["direction"],
        deadline=values["deadline"],
        key_result=values["key_result"],
        plan_q1=values.get("plan_q1"),
        plan_q2=values.get("plan_q2"),
        plan_q3=values.get("plan_q3"),
        plan_q4=values.get("plan_q4"),
        date_q1=values.get("date_q1"),
        date_q2=values.get("date_q2"),
        date_q3=values.get("date_q3"),
        date_q4=values.get("date_q4"),
    )


class VersionSerializer(serializers.Serializer[Any]):
    """The plan's version as read (optimistic locking)."""

    version = serializers.IntegerField()


class TransitionSerializer(serializers.Serializer[Any]):
    """A workflow step; ``comment`` is required to return a plan."""

    version = serializers.IntegerField()
    comment = serializers.CharField(allow_blank=True, required=False, default="")


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


# --- endpoints ----------------------------------------------------------------------------------


class PlanList(Endpoint):
    """Every plan the caller may see (its servant, evaluator, approver, HR, head of the
    apparatus), or those of one tab."""

    serializer_class = PlanSerializer

    def get_queryset(self) -> QuerySet[WorkPlan]:
        request = self.request
        tab = request.query_params.get("tab", "")
        year = int_param(request, "year")
        if tab:
            return plans_for_tab(request.user, tab, year=year)
        plans = access.plans_visible_to(request.user).order_by(
            "-year", "servant__last_name", "servant__first_name", "pk"
        )
        return plans if year is None else plans.filter(year=year)

    @extend_schema(
        summary="Work plans visible to the caller",
        parameters=[
            OpenApiParameter(
                "tab", str, enum=list(TABS), description="mine/draft/approve/overview"
            ),
            OpenApiParameter("year", int),
        ],
        responses=PlanSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        return self.answer(self.get_queryset(), many=True)


class PlanInitiate(Endpoint):
    """HR opens a draft plan for every post evaluated by KPI that has none (idempotent)."""

    serializer_class = InitiationReportSerializer

    @extend_schema(summary="Open the year's work plans (HR)", request=InitiateSerializer)
    def post(self, request: Request) -> Response:
        data = body(InitiateSerializer, request)
        hr_of = organisations_where(request.user, Role.HR, Role.HR_HEAD)
        wanted = data.get("organisation")
        organisation: Organisation | None
        if wanted is None:
            organisation = hr_of.order_by("pk").first()
        else:
            organisation = hr_of.filter(pk=wanted).first()
        if organisation is None:
            raise PermissionDenied("Only the HR service opens work plans.")
        report = plans_initiate(actor=request.user, organisation=organisation, year=data["year"])
        return self.answer(report)


class PlanEndpoint(Endpoint):
    """An endpoint on one plan (404 when the caller may not see it); answers with the plan."""

    serializer_class: type[serializers.BaseSerializer[Any]] = PlanDetailSerializer
    get_for = access.plan_get_for
    lookup_url_kwarg = "plan_id"

    def detail(self, plan: WorkPlan, status: int = 200) -> Response:
        """The plan as it stands after a write."""
        plan.refresh_from_db()
        return self.answer(plan, status=status)


class PlanForAssignment(PlanEndpoint):
    """Open a newcomer's plan (KPIs within 10 working days of the appointment; none with under 3
    months left)."""

    @extend_schema(
        summary="Open the plan of one assignment (HR, newcomers)",
        request=ForAssignmentSerializer,
        responses={201: PlanDetailSerializer},
    )
    def post(self, request: Request) -> Response:
        data = body(ForAssignmentSerializer, request)
        hr_of = organisations_where(request.user, Role.HR, Role.HR_HEAD)
        assignment = (
            Assignment.objects.select_related("servant__organisation", "position")
            .filter(pk=data["assignment"], servant__organisation__in=hr_of)
            .first()
        )
        if assignment is None:
            raise Http404("No such assignment.")
        plan = plan_create_for_assignment(
            actor=request.user, assignment=assignment, year=data["year"]
        )
        return self.detail(plan, 201)


class PlanDetail(PlanEndpoint):
    """The plan, its KPIs and the actions the caller may take now."""

    @extend_schema(summary="A work plan with its KPIs")
    def get(self, request: Request, plan_id: int) -> Response:
        return self.detail(self.get_object())


class KpiList(PlanEndpoint):
    """Add a KPI to a draft, returned or changing plan (at most 5)."""

    @extend_schema(
        summary="Add a KPI (evaluator)",
        request=KpiInputSerializer,
        responses={201: PlanDetailSerializer},
    )
    def post(self, request: Request, plan_id: int) -> Response:
        plan = self.get_object()
        data = body(KpiInputSerializer, request)
        kpi_add(actor=request.user, plan_id=plan.pk, version=data["version"], data=_kpi_data(data))
        return self.detail(plan, 201)


class KpiItem(PlanEndpoint):
    """Change (PUT, every field) or remove (DELETE) a KPI of a draft, returned or changing plan."""

    @extend_schema(summary="Change a KPI (evaluator)", request=KpiInputSerializer)
    def put(self, request: Request, plan_id: int, kpi_id: int) -> Response:
        plan = self.get_object()
        data = body(KpiInputSerializer, request)
        kpi_update(
            actor=request.user,
            plan_id=plan.pk,
            kpi_id=kpi_id,
            version=data["version"],
            data=_kpi_data(data),
        )
        return self.detail(plan)

    @extend_schema(
        summary="Remove a KPI (evaluator)",
        request=VersionSerializer,
        parameters=[OpenApiParameter("version", int, description="or in the body")],
    )
    def delete(self, request: Request, plan_id: int, kpi_id: int) -> Response:
        plan = self.get_object()
        removal = VersionSerializer(data=request.data if request.data else request.query_params)
        removal.is_valid(raise_exception=True)
        kpi_remove(
            actor=request.user,
            plan_id=plan.pk,
            kpi_id=kpi_id,
            version=removal.validated_data["version"],
        )
        return self.detail(plan)


class PlanTransition(PlanEndpoint):
    """Move the plan along its workflow."""

    @extend_schema(
        summary="A workflow step",
        description=(
            "send_to_hr (evaluator, 3-5 KPIs), hr_agree / hr_return (HR), submit (evaluator), "
            "approve / return (superior manager), post (HR), managers (HR: take the evaluator and "
            "the superior manager from the structure again, in any status, when they changed). "
            "Returning needs a comment."
        ),
        request=TransitionSerializer,
    )
    def post(self, request: Request, plan_id: int, action: str) -> Response:
        plan = self.get_object()
        if action not in TRANSITION_SERVICES and action not in RETURN_SERVICES:
            raise Http404("No such action.")
        data = body(TransitionSerializer, request)
        if action in RETURN_SERVICES:
            RETURN_SERVICES[action](
                actor=request.user,
                plan_id=plan.pk,
                version=data["version"],
                comment=data["comment"],
            )
        else:
            TRANSITION_SERVICES[action](
                actor=request.user, plan_id=plan.pk, version=data["version"]
            )
        return self.detail(plan)


class PlanChangeOpen(PlanEndpoint):
    """Reopen the approved plan for a change on one of the grounds of p.25."""

    serializer_class = PlanChangeSerializer

    @extend_schema(
        summary="Open a change of an approved plan (p.25, evaluator)",
        description=(
            "KPIs change only when the apparatus's functions or structure change: name the ground "
            "and the order or decision. The plan becomes `changing`; edit its KPIs, then send it "
            "to HR (send_to_hr), and it is agreed and approved again. Another ground is refused "
            "(400 on `ground`)."
        ),
        request=ChangeSerializer,
        responses={201: PlanChangeSerializer},
    )
    def post(self, request: Request, plan_id: int) -> Response:
        plan = self.get_object()
        data = body(ChangeSerializer, request)
        change = plan_change_open(
            actor=request.user,
            plan_id=plan.pk,
            version=data["version"],
            ground=data["ground"],
            reference=data["reference"],
        )
        return self.created(change)


class PlanHistory(PlanEndpoint):
    """Every change of the approved plan, newest first, with its ground, act and before/after."""

    serializer_class = PlanChangeSerializer

    @extend_schema(
        summary="The plan's changes after approval", responses=PlanChangeSerializer(many=True)
    )
    def get(self, request: Request, plan_id: int) -> Response:
        return self.answer(plan_history(self.get_object()), many=True)


urlpatterns = [
    path("", PlanList.as_view(), name="plans-list"),
    path("initiate/", PlanInitiate.as_view(), name="plans-initiate"),
    path("for-assignment/", PlanForAssignment.as_view(), name="plans-for-assignment"),
    path("<int:plan_id>/", PlanDetail.as_view(), name="plans-detail"),
    path("<int:plan_id>/kpis/", KpiList.as_view(), name="plans-kpis"),
    path("<int:plan_id>/kpis/<int:kpi_id>/", KpiItem.as_view(), name="plans-kpi"),
    path(
        "<int:plan_id>/transitions/<slug:action>/",
        PlanTransition.as_view(),
        name="plans-transition",
    ),
    path("<int:plan_id>/changes/", PlanChangeOpen.as_view(), name="plans-change"),
    path("<int:plan_id>/history/", PlanHistory.as_view(), name="plans-history"),
]
