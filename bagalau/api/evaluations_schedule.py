"""REST endpoints of the evaluations app: the year's schedule, a quarter's roster, opening and
closing it, and the cycle's progress. Same services, selectors and rules as the pages
(bagalau.evaluations.views.schedule); mounted at /api/v1/evaluations/. Declarative endpoints
(`bagalau.api.base.Endpoint`): each answer's serializer reads the selectors' objects and serves
the schema too; schedules and periods are looked up through `schedule_get_for`/`period_get_for`
(the same 404 for "missing" and "not yours")."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import URLPattern, path
from django.utils.translation import gettext
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
)
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api import serializers
from bagalau.api.base import (
    Action,
    DetailEndpoint,
    Endpoint,
    PersonSerializer,
    body,
    detailed,
    posted,
)
from bagalau.core import bounds
from bagalau.core.types import User
from bagalau.evaluations.access import period_get_for, schedule_get_for
from bagalau.evaluations.models import Period, PeriodKind, Schedule
from bagalau.evaluations.selectors.progress import UnitProgress, cycle_progress, overdue
from bagalau.evaluations.selectors.quarter_roster import RosterRow, roster_for
from bagalau.evaluations.selectors.schedule import (
    can_manage_schedule,
    can_see_progress,
    period_dates,
    schedule_dates,
    schedule_for,
    schedule_return_comment,
)
from bagalau.evaluations.services.schedule import (
    FIRST_YEAR,
    LAST_YEAR,
    evaluation_evaluator_refresh,
    period_close,
    period_open,
    period_set_planned_date,
    schedule_approve,
    schedule_draft,
    schedule_return,
    schedule_submit,
)
from bagalau.org.models import Organisation
from bagalau.org.selectors import organisations_of, servant_of

# --- serializers: one per shape, for the schema and the answer --------------------------------


class SchedulePeriodSerializer(serializers.Serializer[Any]):
    """A schedule line with every computed date (p.4, p.22, p.26, p.30); only `planned_date` is
    HR's. Reads `selectors.schedule.PeriodDates`."""

    id = serializers.IntegerField(source="period.pk")
    kind = serializers.CharField(source="period.kind", help_text="quarter, annual or survey360.")
    number = serializers.IntegerField(source="period.number", allow_null=True)
    title = serializers.CharField()
    starts = serializers.DateField(source="period.starts")
    ends = serializers.DateField(source="period.ends")
    deadline = serializers.DateField(help_text="Legal deadline (p.4).")
    planned_date = serializers.DateField(
        source="planned", help_text="HR's planned date (by the deadline)."
    )
    status = serializers.CharField(source="period.status")
    opened_at = serializers.DateTimeField(source="period.opened_at", allow_null=True)
    closed_at = serializers.DateTimeField(source="period.closed_at", allow_null=True)
    notify_managers_by = serializers.DateField(allow_null=True, help_text="Quarters: p.26.")
    notify_staff_by = serializers.DateField(allow_null=True, help_text="Quarters: p.30.")
    actuals_due = serializers.DateField(
        allow_null=True, help_text="Quarters: HR's actual KPI values, 5 working days before (p.22)."
    )


class ScheduleSerializer(serializers.Serializer[Any]):
    """The year's evaluation schedule."""

    id = serializers.IntegerField(source="pk")
    organisation = serializers.IntegerField(source="organisation_id")
    year = serializers.IntegerField()
    edition = serializers.CharField()
    status = serializers.CharField()
    approved_at = serializers.DateTimeField(allow_null=True)
    return_comment = serializers.SerializerMethodField()
    periods = serializers.SerializerMethodField()

    def get_return_comment(self, schedule: Schedule) -> str:
        return schedule_return_comment(schedule)

    @extend_schema_field(SchedulePeriodSerializer(many=True))
    def get_periods(self, schedule: Schedule) -> Any:
        return SchedulePeriodSerializer(schedule_dates(schedule), many=True).data


class ScheduleDraftSerializer(serializers.Serializer[Any]):
    """Draft a year's schedule (HR). `organisation` defaults to the caller's."""

    organisation = serializers.IntegerField(required=False)
    year = serializers.IntegerField(min_value=FIRST_YEAR, max_value=LAST_YEAR)


class ScheduleReturnSerializer(serializers.Serializer[Any]):
    """Return a submitted schedule to HR with the reason (the head of the apparatus)."""

    comment = serializers.CharField(allow_blank=True, required=False, default="")


class PeriodPlannedDateSerializer(serializers.Serializer[Any]):
    """HR's planned date; `expected` (the date the client last read) guards against lost
    updates: another value in the row is a 409."""

    planned_date = serializers.DateField()
    expected = serializers.DateField(required=False, allow_null=True)


class ScheduleRosterRowSerializer(serializers.Serializer[Any]):
    """Who is evaluated how (p.4-6, p.21, p.28); no score or rating. The HR service's columns
    are empty for others (context `is_hr`)."""

    servant = PersonSerializer()
    position = serializers.CharField(source="position.name")
    category = serializers.CharField(source="position.category")
    unit = serializers.CharField(source="unit.name")
    method = serializers.CharField()
    reason = serializers.CharField(help_text="evaluated, absent, in_absentia or too_short.")
    reason_text = serializers.CharField()
    evaluated = serializers.BooleanField()
    due = serializers.DateField(allow_null=True)
    evaluator = PersonSerializer(allow_null=True)
    notify_by = serializers.DateField(allow_null=True, help_text="HR only (p.26, p.30).")
    notified_on = serializers.DateField(allow_null=True, help_text="HR only.")
    plan_status = serializers.CharField(
        source="plan.status", allow_null=True, help_text="Managers' work plan."
    )
    status = serializers.CharField()
    evaluation = serializers.IntegerField(source="evaluation.pk", allow_null=True)
    reassign_to = PersonSerializer(
        allow_null=True,
        help_text=(
            "HR only: the evaluator the structure names today for an unsigned evaluation when it"
            " is not the stored one (POST /api/v1/evaluations/{id}/evaluator/ gives it to them)."
        ),
    )

    def to_representation(self, row: RosterRow) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(row)
        is_hr = bool(self.context.get("is_hr"))
        if not row.evaluated:
            data["due"] = None
        if not (is_hr and row.evaluated):
            data["notify_by"] = None
        if not is_hr:
            data["notified_on"] = data["reassign_to"] = None
        return data


class ScheduleRosterSerializer(serializers.Serializer[Any]):
    """A quarter's roster."""

    period = SchedulePeriodSerializer()
    rows = ScheduleRosterRowSerializer(many=True)


class PeriodOpenedSerializer(serializers.Serializer[Any]):
    """The opened period and the evaluations this call created."""

    period = SchedulePeriodSerializer()
    created = serializers.ListField(child=serializers.IntegerField())


class ScheduleUnitCountsSerializer(serializers.Serializer[Any]):
    """Counts per unit (no scores, no ratings)."""

    unit = serializers.SerializerMethodField()
    due = serializers.IntegerField()
    signed = serializers.IntegerField()
    acknowledged = serializers.IntegerField()
    final = serializers.IntegerField()
    deferred = serializers.IntegerField()
    not_evaluated = serializers.IntegerField()
    overdue = serializers.IntegerField()

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_unit(self, item: UnitProgress) -> dict[str, Any] | None:
        return None if item.unit is None else {"id": item.unit.pk, "name": item.unit.name}


class ScheduleOverdueSerializer(serializers.Serializer[Any]):
    """An evaluation past its due date and not signed."""

    evaluation = serializers.IntegerField(source="pk")
    servant = PersonSerializer()
    unit = serializers.CharField(source="assignment.position.unit.name")
    evaluator = PersonSerializer(allow_null=True)
    due_date = serializers.DateField()
    status = serializers.CharField()


class ScheduleProgressSerializer(serializers.Serializer[Any]):
    """The cycle overview of a quarter (HR)."""

    period = SchedulePeriodSerializer()
    units = ScheduleUnitCountsSerializer(many=True)
    total = ScheduleUnitCountsSerializer()
    overdue = ScheduleOverdueSerializer(many=True)


# --- lookups ---------------------------------------------------------------------------------


def _organisation(request: Request, organisation_id: int | None) -> Organisation:
    """The organisation asked for (404 when the caller is not in it), else the caller's own."""
    mine = organisations_of(request.user)
    if organisation_id is not None:
        organisation = mine.filter(pk=organisation_id).first()
    else:
        servant = servant_of(request.user)
        organisation = servant.organisation if servant is not None else mine.order_by("pk").first()
    if organisation is None:
        raise Http404("No such organisation.")
    return organisation


def _int(raw: str | None, field: str) -> int | None:
    if not raw:
        return None
    value = bounds.ascii_int(raw)
    if value is None or value < 0:
        raise serializers.ValidationError({field: [gettext("A whole number is required.")]})
    return value


def _quarter(user: User, period_id: int) -> Period:
    """A quarter of a schedule the user may read (404 otherwise)."""
    period = period_get_for(user=user, id=period_id)
    if period.kind != PeriodKind.QUARTER:
        raise Http404("Only quarters have a roster.")
    return period


def hr(endpoint: Endpoint, is_hr: bool) -> dict[str, Any]:
    """The serializer context of a roster answer: whether the reader is the HR service."""
    return {**endpoint.get_serializer_context(), "is_hr": is_hr}


# --- endpoints -------------------------------------------------------------------------------


class ScheduleList(Endpoint):
    """GET: the schedule of an organisation and year (every member may read the dates).
    POST: HR drafts it: Q1-Q4, the annual result and the 360 survey, deadlines computed."""

    serializer_class = ScheduleSerializer

    @extend_schema(
        operation_id="evaluations_schedule_find",
        summary="The year's evaluation schedule",
        parameters=[
            OpenApiParameter("organisation", int, description="Defaults to the caller's."),
            OpenApiParameter("year", int, required=True),
        ],
        responses={200: ScheduleSerializer},
    )
    def get(self, request: Request) -> Response:
        organisation = _organisation(
            request, _int(request.query_params.get("organisation"), "organisation")
        )
        year = _int(request.query_params.get("year"), "year")
        if year is None:
            raise serializers.ValidationError({"year": [gettext("This parameter is required.")]})
        found = schedule_for(organisation, year)
        if found is None:
            raise Http404("No schedule for that year.")
        return self.answer(found)

    @extend_schema(
        operation_id="evaluations_schedule_draft",
        summary="Draft the year's schedule (HR)",
        request=ScheduleDraftSerializer,
        responses={201: ScheduleSerializer},
    )
    def post(self, request: Request) -> Response:
        data = body(ScheduleDraftSerializer, request)
        organisation = _organisation(request, data.get("organisation"))
        return self.created(
            schedule_draft(actor=request.user, organisation=organisation, year=data["year"])
        )


@detailed("One schedule", operation_id="evaluations_schedule_get")
class ScheduleDetail(DetailEndpoint):
    """A schedule by id (members of its organisation)."""

    serializer_class = ScheduleSerializer
    get_for = schedule_get_for
    lookup_url_kwarg = "schedule_id"


class ScheduleStep(Action):
    """A step of the schedule's workflow (SCHEDULE_FLOW, p.10): the service refuses what the
    table refuses; the answer is the schedule."""

    serializer_class = ScheduleSerializer
    lookup_url_kwarg = "schedule_id"


@posted("Submit the draft for approval (HR)", operation_id="evaluations_schedule_submit")
class ScheduleSubmit(ScheduleStep):
    """HR submits the draft; the head of the apparatus is notified."""

    service = schedule_submit


@posted("Approve the schedule (head of the apparatus)", operation_id="evaluations_schedule_approve")
class ScheduleApprove(ScheduleStep):
    """The head of the apparatus approves; HR is notified."""

    service = schedule_approve


@posted(
    "Return the schedule to HR (head of the apparatus)",
    operation_id="evaluations_schedule_return",
)
class ScheduleReturn(ScheduleStep):
    """The head of the apparatus returns the schedule with a comment (required)."""

    service = schedule_return
    input_class = ScheduleReturnSerializer


class PeriodPlannedDate(Endpoint):
    """After the period ends and by the legal deadline; 409 when `expected` is stale."""

    serializer_class = SchedulePeriodSerializer

    @extend_schema(
        operation_id="evaluations_period_planned_date",
        summary="Set HR's planned date of a period (draft schedules)",
        request=PeriodPlannedDateSerializer,
    )
    def post(self, request: Request, period_id: int) -> Response:
        data = body(PeriodPlannedDateSerializer, request)
        period = period_set_planned_date(
            actor=request.user,
            period_id=period_id,
            planned_date=data["planned_date"],
            expected=data.get("expected"),
        )
        return self.answer(period_dates(period))


class PeriodRoster(Endpoint):
    """HR and the head of the apparatus read every row; an evaluator the rows they evaluate."""

    serializer_class = ScheduleRosterSerializer

    @extend_schema(operation_id="evaluations_period_roster", summary="A quarter's roster")
    def get(self, request: Request, period_id: int) -> Response:
        period = _quarter(request.user, period_id)
        rows = roster_for(request.user, period)
        if rows is None:
            raise PermissionDenied()
        is_hr = can_manage_schedule(request.user, period.schedule.organisation)
        return self.answer({"period": period_dates(period), "rows": rows}, context=hr(self, is_hr))


class PeriodOpen(Endpoint):
    """Creates the evaluations of the roster; again, only for newly eligible servants."""

    serializer_class = PeriodOpenedSerializer

    @extend_schema(
        operation_id="evaluations_period_open",
        summary="Open an ended quarter (HR)",
        request=None,
    )
    def post(self, request: Request, period_id: int) -> Response:
        opened = period_open(actor=request.user, period_id=period_id)
        return self.answer(
            {
                "period": period_dates(opened.period),
                "created": [evaluation.pk for evaluation in opened.created],
            }
        )


class PeriodClose(Endpoint):
    """Only when every evaluation is final (or not evaluated)."""

    serializer_class = SchedulePeriodSerializer

    @extend_schema(
        operation_id="evaluations_period_close", summary="Close a quarter (HR)", request=None
    )
    def post(self, request: Request, period_id: int) -> Response:
        return self.answer(period_dates(period_close(actor=request.user, period_id=period_id)))


class EvaluatorRefresh(Endpoint):
    """When the evaluator named at the opening left or was replaced; the new one is told."""

    serializer_class = ScheduleRosterRowSerializer

    @extend_schema(
        operation_id="evaluations_evaluator_refresh",
        summary="Give an unsigned evaluation to the evaluator the structure names today (HR)",
        request=None,
    )
    def post(self, request: Request, evaluation_id: int) -> Response:
        evaluation = evaluation_evaluator_refresh(actor=request.user, evaluation_id=evaluation_id)
        [row] = [
            row
            for row in roster_for(request.user, evaluation.period) or []
            if row.servant.pk == evaluation.servant_id
        ]
        return self.answer(row, context=hr(self, True))


class PeriodProgress(Endpoint):
    """Counts per unit and the overdue sheets; no scores, no ratings."""

    serializer_class = ScheduleProgressSerializer
    get_for = period_get_for
    lookup_url_kwarg = "period_id"

    @extend_schema(
        operation_id="evaluations_period_progress",
        summary="The cycle overview of a quarter (HR)",
    )
    def get(self, request: Request, period_id: int) -> Response:
        period = self.get_object()
        if not can_see_progress(request.user, period.schedule.organisation):
            raise PermissionDenied()  # the HR service's only
        progress = cycle_progress(period)
        return self.answer(
            {
                "period": period_dates(period),
                "units": progress.units,
                "total": progress.total,
                "overdue": overdue(period),
            }
        )


urlpatterns: list[URLPattern] = [
    path("schedules/", ScheduleList.as_view(), name="evaluations_schedules"),
    path("schedules/<int:schedule_id>/", ScheduleDetail.as_view(), name="evaluations_schedule"),
    path(
        "schedules/<int:schedule_id>/submit/",
        ScheduleSubmit.as_view(),
        name="evaluations_schedule_submit",
    ),
    path(
        "schedules/<int:schedule_id>/approve/",
        ScheduleApprove.as_view(),
        name="evaluations_schedule_approve",
    ),
    path(
        "schedules/<int:schedule_id>/return/",
        ScheduleReturn.as_view(),
        name="evaluations_schedule_return",
    ),
    path(
        "periods/<int:period_id>/planned-date/",
        PeriodPlannedDate.as_view(),
        name="evaluations_period_planned_date",
    ),
    path(
        "periods/<int:period_id>/roster/",
        PeriodRoster.as_view(),
        name="evaluations_period_roster",
    ),
    path("periods/<int:period_id>/open/", PeriodOpen.as_view(), name="evaluations_period_open"),
    path("periods/<int:period_id>/close/", PeriodClose.as_view(), name="evaluations_period_close"),
    path(
        "<int:evaluation_id>/evaluator/",
        EvaluatorRefresh.as_view(),
        name="evaluations_evaluator_refresh",
    ),
    path(
        "periods/<int:period_id>/progress/",
        PeriodProgress.as_view(),
        name="evaluations_period_progress",
    ),
]
