"""REST endpoints of the evaluations app: the year's schedule, a quarter's roster, opening and
closing it, and the cycle's progress. Same services, selectors and rules as the pages
(bagalau.evaluations.views.schedule); mounted at /api/v1/evaluations/."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import URLPattern, path
from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api import serializers
from bagalau.core import bounds
from bagalau.evaluations.access import period_get_for, schedule_get_for
from bagalau.evaluations.models import PeriodKind, Schedule
from bagalau.evaluations.selectors.schedule import (
    PeriodDates,
    RosterRow,
    UnitProgress,
    can_manage_schedule,
    can_see_progress,
    cycle_progress,
    overdue,
    period_dates,
    roster_for,
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
from bagalau.org.models import Organisation, Servant
from bagalau.org.selectors import organisations_of, servant_of

# --- serializers -----------------------------------------------------------------------------


class SchedulePersonSerializer(serializers.Serializer[Any]):
    """A servant, by id and name."""

    id = serializers.IntegerField()
    name = serializers.CharField()


class SchedulePeriodSerializer(serializers.Serializer[Any]):
    """A schedule line with every computed date (p.4, p.22, p.26, p.30); only `planned_date` is
    HR's."""

    id = serializers.IntegerField()
    kind = serializers.CharField(help_text="quarter, annual or survey360.")
    number = serializers.IntegerField(allow_null=True)
    title = serializers.CharField()
    starts = serializers.DateField()
    ends = serializers.DateField()
    deadline = serializers.DateField(help_text="Legal deadline (p.4).")
    planned_date = serializers.DateField(help_text="HR's planned date (by the deadline).")
    status = serializers.CharField()
    opened_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    notify_managers_by = serializers.DateField(allow_null=True, help_text="Quarters: p.26.")
    notify_staff_by = serializers.DateField(allow_null=True, help_text="Quarters: p.30.")
    actuals_due = serializers.DateField(
        allow_null=True, help_text="Quarters: HR's actual KPI values, 5 working days before (p.22)."
    )


class ScheduleSerializer(serializers.Serializer[Any]):
    """The year's evaluation schedule."""

    id = serializers.IntegerField()
    organisation = serializers.IntegerField()
    year = serializers.IntegerField()
    edition = serializers.CharField()
    status = serializers.CharField()
    approved_at = serializers.DateTimeField(allow_null=True)
    return_comment = serializers.CharField(allow_blank=True)
    periods = SchedulePeriodSerializer(many=True)


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
    """Who is evaluated how (p.4-6, p.21, p.28); no score or rating."""

    servant = SchedulePersonSerializer()
    position = serializers.CharField()
    category = serializers.CharField()
    unit = serializers.CharField()
    method = serializers.CharField()
    reason = serializers.CharField(help_text="evaluated, absent, in_absentia or too_short.")
    reason_text = serializers.CharField()
    evaluated = serializers.BooleanField()
    due = serializers.DateField(allow_null=True)
    evaluator = SchedulePersonSerializer(allow_null=True)
    notify_by = serializers.DateField(allow_null=True, help_text="HR only (p.26, p.30).")
    notified_on = serializers.DateField(allow_null=True, help_text="HR only.")
    plan_status = serializers.CharField(allow_null=True, help_text="Managers' work plan.")
    status = serializers.CharField()
    evaluation = serializers.IntegerField(allow_null=True)
    reassign_to = SchedulePersonSerializer(
        allow_null=True,
        help_text=(
            "HR only: the evaluator the structure names today for an unsigned evaluation when it"
            " is not the stored one (POST /api/v1/evaluations/{id}/evaluator/ gives it to them)."
        ),
    )


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

    unit = serializers.DictField(allow_null=True)
    due = serializers.IntegerField()
    signed = serializers.IntegerField()
    acknowledged = serializers.IntegerField()
    final = serializers.IntegerField()
    deferred = serializers.IntegerField()
    not_evaluated = serializers.IntegerField()
    overdue = serializers.IntegerField()


class ScheduleOverdueSerializer(serializers.Serializer[Any]):
    """An evaluation past its due date and not signed."""

    evaluation = serializers.IntegerField()
    servant = SchedulePersonSerializer()
    unit = serializers.CharField()
    evaluator = SchedulePersonSerializer(allow_null=True)
    due_date = serializers.DateField()
    status = serializers.CharField()


class ScheduleProgressSerializer(serializers.Serializer[Any]):
    """The cycle overview of a quarter (HR)."""

    period = SchedulePeriodSerializer()
    units = ScheduleUnitCountsSerializer(many=True)
    total = ScheduleUnitCountsSerializer()
    overdue = ScheduleOverdueSerializer(many=True)


# --- plain data ------------------------------------------------------------------------------


def _person(servant: Servant | None) -> dict[str, Any] | None:
    return None if servant is None else {"id": servant.pk, "name": servant.full_name}


def _period(line: PeriodDates) -> dict[str, Any]:
    period = line.period
    return {
        "id": period.pk,
        "kind": period.kind,
        "number": period.number,
        "title": line.title,
        "starts": period.starts,
        "ends": period.ends,
        "deadline": line.deadline,
        "planned_date": line.planned,
        "status": period.status,
        "opened_at": period.opened_at,
        "closed_at": period.closed_at,
        "notify_managers_by": line.notify_managers_by,
        "notify_staff_by": line.notify_staff_by,
        "actuals_due": line.actuals_due,
    }


def _schedule(schedule: Schedule) -> dict[str, Any]:
    return ScheduleSerializer(
        {
            "id": schedule.pk,
            "organisation": schedule.organisation_id,
            "year": schedule.year,
            "edition": schedule.edition,
            "status": schedule.status,
            "approved_at": schedule.approved_at,
            "return_comment": schedule_return_comment(schedule),
            "periods": [_period(line) for line in schedule_dates(schedule)],
        }
    ).data


def _row(row: RosterRow, *, is_hr: bool) -> dict[str, Any]:
    return {
        "servant": _person(row.servant),
        "position": row.position.name,
        "category": row.position.category,
        "unit": row.unit.name,
        "method": row.method,
        "reason": row.reason,
        "reason_text": row.reason_text,
        "evaluated": row.evaluated,
        "due": row.due if row.evaluated else None,
        "evaluator": _person(row.evaluator),
        "notify_by": row.notify_by if is_hr and row.evaluated else None,
        "notified_on": row.notified_on if is_hr else None,
        "plan_status": row.plan.status if row.plan is not None else None,
        "status": row.status,
        "evaluation": row.evaluation.pk if row.evaluation is not None else None,
        "reassign_to": _person(row.reassign_to) if is_hr else None,
    }


def _counts(item: UnitProgress) -> dict[str, Any]:
    return {
        "unit": None if item.unit is None else {"id": item.unit.pk, "name": item.unit.name},
        "due": item.due,
        "signed": item.signed,
        "acknowledged": item.acknowledged,
        "final": item.final,
        "deferred": item.deferred,
        "not_evaluated": item.not_evaluated,
        "overdue": item.overdue,
    }


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


# --- endpoints -------------------------------------------------------------------------------


@extend_schema(
    methods=["GET"],
    operation_id="evaluations_schedule_find",
    summary="The year's evaluation schedule",
    parameters=[
        OpenApiParameter("organisation", int, description="Defaults to the caller's."),
        OpenApiParameter("year", int, required=True),
    ],
    responses={200: ScheduleSerializer},
)
@extend_schema(
    methods=["POST"],
    operation_id="evaluations_schedule_draft",
    summary="Draft the year's schedule (HR)",
    request=ScheduleDraftSerializer,
    responses={201: ScheduleSerializer},
)
@api_view(["GET", "POST"])
def schedules(request: Request) -> Response:
    """GET: the schedule of an organisation and year (every member may read the dates).
    POST: HR drafts it: Q1-Q4, the annual result and the 360 survey, deadlines computed."""
    if request.method == "POST":
        body = ScheduleDraftSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        organisation = _organisation(request, body.validated_data.get("organisation"))
        schedule = schedule_draft(
            actor=request.user, organisation=organisation, year=body.validated_data["year"]
        )
        return Response(_schedule(schedule), status=status.HTTP_201_CREATED)
    organisation = _organisation(
        request, _int(request.query_params.get("organisation"), "organisation")
    )
    year = _int(request.query_params.get("year"), "year")
    if year is None:
        raise serializers.ValidationError({"year": [gettext("This parameter is required.")]})
    found = schedule_for(organisation, year)
    if found is None:
        raise Http404("No schedule for that year.")
    return Response(_schedule(found))


@extend_schema(
    operation_id="evaluations_schedule_get",
    summary="One schedule",
    responses={200: ScheduleSerializer},
)
@api_view(["GET"])
def schedule_detail(request: Request, schedule_id: int) -> Response:
    """A schedule by id (members of its organisation)."""
    return Response(_schedule(schedule_get_for(user=request.user, id=schedule_id)))


def _after(schedule: Schedule) -> Response:
    return Response(_schedule(schedule))


@extend_schema(
    operation_id="evaluations_schedule_submit",
    summary="Submit the draft for approval (HR)",
    request=None,
    responses=ScheduleSerializer,
)
@api_view(["POST"])
def schedule_submit_endpoint(request: Request, schedule_id: int) -> Response:
    """HR submits the draft; the head of the apparatus is notified."""
    return _after(schedule_submit(actor=request.user, schedule_id=schedule_id))


@extend_schema(
    operation_id="evaluations_schedule_approve",
    summary="Approve the schedule (head of the apparatus)",
    request=None,
    responses=ScheduleSerializer,
)
@api_view(["POST"])
def schedule_approve_endpoint(request: Request, schedule_id: int) -> Response:
    """The head of the apparatus approves; HR is notified."""
    return _after(schedule_approve(actor=request.user, schedule_id=schedule_id))


@extend_schema(
    operation_id="evaluations_schedule_return",
    summary="Return the schedule to HR (head of the apparatus)",
    request=ScheduleReturnSerializer,
    responses=ScheduleSerializer,
)
@api_view(["POST"])
def schedule_return_endpoint(request: Request, schedule_id: int) -> Response:
    """The head of the apparatus returns the schedule with a comment (required)."""
    body = ScheduleReturnSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    schedule = schedule_return(
        actor=request.user, schedule_id=schedule_id, comment=body.validated_data["comment"]
    )
    return _after(schedule)


@extend_schema(
    operation_id="evaluations_period_planned_date",
    summary="Set HR's planned date of a period (draft schedules)",
    request=PeriodPlannedDateSerializer,
    responses=SchedulePeriodSerializer,
)
@api_view(["POST"])
def period_planned_date(request: Request, period_id: int) -> Response:
    """After the period ends and by the legal deadline; 409 when `expected` is stale."""
    body = PeriodPlannedDateSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    period = period_set_planned_date(
        actor=request.user,
        period_id=period_id,
        planned_date=body.validated_data["planned_date"],
        expected=body.validated_data.get("expected"),
    )
    return Response(SchedulePeriodSerializer(_period(period_dates(period))).data)


@extend_schema(
    operation_id="evaluations_period_roster",
    summary="A quarter's roster",
    responses=ScheduleRosterSerializer,
)
@api_view(["GET"])
def period_roster_endpoint(request: Request, period_id: int) -> Response:
    """HR and the head of the apparatus read every row; an evaluator the rows they evaluate."""
    period = period_get_for(user=request.user, id=period_id)
    if period.kind != PeriodKind.QUARTER:
        raise Http404("Only quarters have a roster.")
    rows = roster_for(request.user, period)
    if rows is None:
        raise PermissionDenied("You may not see this roster.")
    is_hr = can_manage_schedule(request.user, period.schedule.organisation)
    return Response(
        ScheduleRosterSerializer(
            {
                "period": _period(period_dates(period)),
                "rows": [_row(row, is_hr=is_hr) for row in rows],
            }
        ).data
    )


@extend_schema(
    operation_id="evaluations_period_open",
    summary="Open an ended quarter (HR)",
    request=None,
    responses=PeriodOpenedSerializer,
)
@api_view(["POST"])
def period_open_endpoint(request: Request, period_id: int) -> Response:
    """Creates the evaluations of the roster; again, only for newly eligible servants."""
    opened = period_open(actor=request.user, period_id=period_id)
    return Response(
        PeriodOpenedSerializer(
            {
                "period": _period(period_dates(opened.period)),
                "created": [evaluation.pk for evaluation in opened.created],
            }
        ).data
    )


@extend_schema(
    operation_id="evaluations_period_close",
    summary="Close a quarter (HR)",
    request=None,
    responses=SchedulePeriodSerializer,
)
@api_view(["POST"])
def period_close_endpoint(request: Request, period_id: int) -> Response:
    """Only when every evaluation is final (or not evaluated)."""
    period = period_close(actor=request.user, period_id=period_id)
    return Response(SchedulePeriodSerializer(_period(period_dates(period))).data)


@extend_schema(
    operation_id="evaluations_evaluator_refresh",
    summary="Give an unsigned evaluation to the evaluator the structure names today (HR)",
    request=None,
    responses=ScheduleRosterRowSerializer,
)
@api_view(["POST"])
def evaluator_refresh_endpoint(request: Request, evaluation_id: int) -> Response:
    """When the evaluator named at the opening left or was replaced; the new one is told."""
    evaluation = evaluation_evaluator_refresh(actor=request.user, evaluation_id=evaluation_id)
    [row] = [
        row
        for row in roster_for(request.user, evaluation.period) or []
        if row.servant.pk == evaluation.servant_id
    ]
    return Response(ScheduleRosterRowSerializer(_row(row, is_hr=True)).data)


@extend_schema(
    operation_id="evaluations_period_progress",
    summary="The cycle overview of a quarter (HR)",
    responses=ScheduleProgressSerializer,
)
@api_view(["GET"])
def period_progress_endpoint(request: Request, period_id: int) -> Response:
    """Counts per unit and the overdue sheets; no scores, no ratings."""
    period = period_get_for(user=request.user, id=period_id)
    if not can_see_progress(request.user, period.schedule.organisation):
        raise PermissionDenied("The cycle overview is the HR service's.")
    progress = cycle_progress(period)
    late = [
        {
            "evaluation": e.pk,
            "servant": _person(e.servant),
            "unit": e.assignment.position.unit.name,
            "evaluator": _person(e.evaluator),
            "due_date": e.due_date,
            "status": e.status,
        }
        for e in overdue(period)
    ]
    return Response(
        ScheduleProgressSerializer(
            {
                "period": _period(period_dates(period)),
                "units": [_counts(item) for item in progress.units],
                "total": _counts(progress.total),
                "overdue": late,
            }
        ).data
    )


urlpatterns: list[URLPattern] = [
    path("schedules/", schedules, name="evaluations_schedules"),
    path("schedules/<int:schedule_id>/", schedule_detail, name="evaluations_schedule"),
    path(
        "schedules/<int:schedule_id>/submit/",
        schedule_submit_endpoint,
        name="evaluations_schedule_submit",
    ),
    path(
        "schedules/<int:schedule_id>/approve/",
        schedule_approve_endpoint,
        name="evaluations_schedule_approve",
    ),
    path(
        "schedules/<int:schedule_id>/return/",
        schedule_return_endpoint,
        name="evaluations_schedule_return",
    ),
    path(
        "periods/<int:period_id>/planned-date/",
        period_planned_date,
        name="evaluations_period_planned_date",
    ),
    path(
        "periods/<int:period_id>/roster/",
        period_roster_endpoint,
        name="evaluations_period_roster",
    ),
    path("periods/<int:period_id>/open/", period_open_endpoint, name="evaluations_period_open"),
    path("periods/<int:period_id>/close/", period_close_endpoint, name="evaluations_period_close"),
    path(
        "<int:evaluation_id>/evaluator/",
        evaluator_refresh_endpoint,
        name="evaluations_evaluator_refresh",
    ),
    path(
        "periods/<int:period_id>/progress/",
        period_progress_endpoint,
        name="evaluations_period_progress",
    ),
]
