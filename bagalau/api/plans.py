"""REST endpoints of the plans app (/api/v1/plans/): the same services and access rules as the
web pages. Errors are ``{"error": {"field", "message"}}``: 400 a broken rule, 403 not yours to do,
404 not visible, 409 a stale ``version``."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api import serializers
from bagalau.api.base import Action, Endpoint, ListEndpoint, body, listed, posted
from bagalau.api.org_common import hr_organisation
from bagalau.api.params import int_param
from bagalau.api.plans_serializers import (
    ChangeSerializer,
    ForAssignmentSerializer,
    InitiateSerializer,
    InitiationReportSerializer,
    KpiInputSerializer,
    PlanChangeSerializer,
    PlanDetailSerializer,
    PlanSerializer,
    RecommendationInputSerializer,
    RecommendationSerializer,
    TransitionSerializer,
    VersionSerializer,
)
from bagalau.org.models import Assignment, Role
from bagalau.org.selectors import organisations_where
from bagalau.plans import access
from bagalau.plans.models import WorkPlan
from bagalau.plans.recommendations import plan_recommendation_write
from bagalau.plans.selectors import TABS, plan_history, plans_for_tab
from bagalau.plans.services import (
    KpiData,
    kpi_add,
    kpi_remove,
    kpi_update,
    plan_change_open,
    plan_create_for_assignment,
    plans_initiate,
)
from bagalau.plans.steps import STEP_NAMES, plan_step

# --- endpoints ----------------------------------------------------------------------------------


@listed(
    "Work plans visible to the caller",
    PlanSerializer,
    parameters=[
        OpenApiParameter("tab", str, enum=list(TABS), description="mine/draft/approve/overview"),
        OpenApiParameter("year", int),
    ],
)
class PlanList(ListEndpoint):
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


class PlanInitiate(Endpoint):
    """HR opens a draft plan for every post evaluated by KPI that has none (idempotent)."""

    serializer_class = InitiationReportSerializer

    @extend_schema(summary="Open the year's work plans (HR)", request=InitiateSerializer)
    def post(self, request: Request) -> Response:
        data = body(InitiateSerializer, request)
        organisation = hr_organisation(
            request.user, data.get("organisation"), "Only the HR service opens work plans."
        )
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
        kpi_add(actor=request.user, plan_id=plan.pk, version=data["version"], data=KpiData.of(data))
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
            data=KpiData.of(data),
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
            "sjc-2023: send_to_hr (evaluator, 3-5 KPIs), hr_agree / hr_return (HR), submit "
            "(evaluator), approve / return (superior manager), post (HR). typical-2018: "
            "sign_servant (servant), sign_manager (direct manager), submit_to_superior (direct "
            "manager; 5 KPIs, both signatures), approve_typical / return_typical (superior "
            "manager or first head); `on` is the date the document bears. Both: managers (HR: "
            "take the evaluator and the superior manager from the structure again when they "
            "changed). Returning needs a comment."
        ),
        request=TransitionSerializer,
    )
    def post(self, request: Request, plan_id: int, action: str) -> Response:
        plan = self.get_object()
        if action not in STEP_NAMES:
            raise Http404("No such action.")
        data = body(TransitionSerializer, request)
        plan_step(
            actor=request.user,
            plan_id=plan.pk,
            action=action,
            version=data["version"],
            comment=data["comment"],
            on=data["on"],
        )
        return self.detail(plan)


@posted(
    "Write the quarterly recommendation (typical-2018 direct manager, p.16)",
    description=(
        "On an approved typical-2018 plan, the direct manager writes, each quarter, how to "
        "reach the KPIs and the measures needed; writing a quarter again rewrites it. "
        "`on` (optional) is the date it was written: not in the future, not before the "
        "quarter began."
    ),
    responses={201: RecommendationSerializer},
)
class PlanRecommendationWrite(PlanEndpoint, Action):
    """The direct manager's written recommendation of a quarter (typical-2018, seed 004 p.16)."""

    serializer_class = RecommendationSerializer
    service = plan_recommendation_write
    input_class = RecommendationInputSerializer
    answer_status = 201


@posted(
    "Open a change of an approved plan (p.25, evaluator)",
    description=(
        "KPIs change only when the apparatus's functions or structure change: name the ground "
        "and the order or decision. The plan becomes `changing`; edit its KPIs, then send it "
        "to HR (send_to_hr), and it is agreed and approved again. Another ground is refused "
        "(400 on `ground`)."
    ),
    responses={201: PlanChangeSerializer},
)
class PlanChangeOpen(PlanEndpoint, Action):
    """Reopen the approved plan for a change on one of the grounds of p.25."""

    serializer_class = PlanChangeSerializer
    service = plan_change_open
    input_class = ChangeSerializer
    answer_status = 201


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
    path(
        "<int:plan_id>/recommendations/",
        PlanRecommendationWrite.as_view(),
        name="plans-recommendations",
    ),
]
