"""REST endpoints of the notifications app (/api/v1/notifications/): the caller's notifications
(texts in the request's language, never a score), marking them read, and the HR service's overdue
board. Someone else's notification is 404; the board is the HR service's (403 otherwise)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.urls import URLPattern, path
from django.utils.translation import gettext_noop as N_
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework.decorators import api_view
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api import serializers
from bagalau.api.params import int_param
from bagalau.core.errors import DomainError
from bagalau.notifications.due import OverdueBoard, OverdueGroup, OverdueItem, overdue_board
from bagalau.notifications.models import Notification
from bagalau.notifications.selectors import notification_text, notifications_for, unread_count
from bagalau.notifications.services import notification_mark_read, notifications_mark_all_read
from bagalau.org.models import Organisation, Role, Unit
from bagalau.org.selectors import organisations_where

# --- serializers --------------------------------------------------------------------------------


class NotificationSerializer(serializers.ModelSerializer[Notification]):
    """A notification: its sentence in the request's language, its link and whether it is read
    (the stored parameters are not exposed)."""

    text = serializers.SerializerMethodField()
    unread = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "text", "url", "created_at", "read_at", "unread"]

    @extend_schema_field(OpenApiTypes.STR)
    def get_text(self, notification: Notification) -> str:
        return notification_text(notification)

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_unread(self, notification: Notification) -> bool:
        return notification.read_at is None


class NotificationPageSerializer(serializers.Serializer[Any]):
    """A page of notifications, newest first."""

    count = serializers.IntegerField()
    unread = serializers.IntegerField(help_text="Unread notifications in all (the menu badge).")
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = NotificationSerializer(many=True)


class ReadAllSerializer(serializers.Serializer[Any]):
    """How many notifications were marked read."""

    marked = serializers.IntegerField()
    unread = serializers.IntegerField()


class UnreadSerializer(serializers.Serializer[Any]):
    """The caller's unread count."""

    unread = serializers.IntegerField()


class OverdueItemSerializer(serializers.Serializer[Any]):
    """An overdue task: whose case, who must act, due when, working days late. No score."""

    kind = serializers.CharField()
    servant = serializers.CharField()
    unit = serializers.CharField(allow_null=True)
    unit_id = serializers.IntegerField(allow_null=True)
    subject = serializers.CharField(help_text="The period, or the year of a work plan.")
    who = serializers.CharField(help_text="Who must act.")
    due = serializers.DateField()
    working_days_late = serializers.IntegerField()
    url = serializers.CharField()


class OverdueGroupSerializer(serializers.Serializer[Any]):
    """The overdue tasks of one kind."""

    kind = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    action = serializers.CharField()
    count = serializers.IntegerField()
    items = OverdueItemSerializer(many=True)


class OverdueBoardSerializer(serializers.Serializer[Any]):
    """Every overdue task of the organisation (or of a unit and the units under it), by kind."""

    organisation = serializers.IntegerField()
    unit = serializers.IntegerField(allow_null=True)
    today = serializers.DateField()
    total = serializers.IntegerField()
    groups = OverdueGroupSerializer(many=True)


def _item(item: OverdueItem) -> dict[str, Any]:
    task = item.task
    return {
        "kind": task.kind,
        "servant": task.servant,
        "unit": task.unit.name if task.unit is not None else None,
        "unit_id": task.unit.pk if task.unit is not None else None,
        "subject": task.subject,
        "who": task.who,
        "due": task.due,
        "working_days_late": item.days_late,
        "url": task.board_url,
    }


def _group(group: OverdueGroup) -> dict[str, Any]:
    return {
        "kind": group.kind,
        "label": group.label,
        "action": group.action,
        "count": group.count,
        "items": [_item(item) for item in group.items],
    }


def _board(board: OverdueBoard) -> dict[str, Any]:
    return {
        "organisation": board.organisation.pk,
        "unit": board.unit.pk if board.unit is not None else None,
        "today": board.today,
        "total": board.total,
        "groups": [_group(group) for group in board.groups],
    }


# --- endpoints ----------------------------------------------------------------------------------


class _Pages(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


@extend_schema(
    operation_id="notifications_list",
    summary="The caller's notifications, newest first",
    parameters=[
        OpenApiParameter("unread", bool, description="only the unread ones"),
        OpenApiParameter("page", int),
        OpenApiParameter("page_size", int, description="20 by default, at most 100"),
    ],
    responses=NotificationPageSerializer,
)
@api_view(["GET"])
def notification_list(request: Request) -> Response:
    """The caller's own notifications, 20 a page; ``unread=true`` for the unread only."""
    queryset = notifications_for(
        request.user, unread_only=_flag(request.query_params.get("unread"))
    )
    paginator = _Pages()
    page = paginator.paginate_queryset(queryset, request)
    return Response(
        {
            "count": paginator.page.paginator.count if paginator.page is not None else 0,
            "unread": unread_count(request.user),
            "next": paginator.get_next_link(),
            "previous": paginator.get_previous_link(),
            "results": NotificationSerializer(page, many=True).data,
        }
    )


@extend_schema(
    operation_id="notifications_unread",
    summary="How many of the caller's notifications are unread",
    responses=UnreadSerializer,
)
@api_view(["GET"])
def notification_unread(request: Request) -> Response:
    """The number the bell shows."""
    return Response({"unread": unread_count(request.user)})


@extend_schema(
    operation_id="notifications_read",
    summary="Mark one of the caller's notifications read",
    request=None,
    responses=NotificationSerializer,
)
@api_view(["POST"])
def notification_read(request: Request, notification_id: int) -> Response:
    """Mark read (already read: unchanged). Someone else's notification: 404."""
    notification = notification_mark_read(user=request.user, notification_id=notification_id)
    return Response(NotificationSerializer(notification).data)


@extend_schema(
    operation_id="notifications_read_all",
    summary="Mark all of the caller's notifications read",
    request=None,
    responses=ReadAllSerializer,
)
@api_view(["POST"])
def notification_read_all(request: Request) -> Response:
    """Mark everything of the caller's read."""
    marked = notifications_mark_all_read(user=request.user)
    return Response({"marked": marked, "unread": unread_count(request.user)})


def _hr_organisation(request: Request) -> Organisation:
    hr_of = organisations_where(request.user, Role.HR, Role.HR_HEAD)
    wanted = int_param(request, "organisation")
    if wanted is not None:
        organisation = hr_of.filter(pk=wanted).first()
    else:
        organisation = hr_of.order_by("pk").first()
    if organisation is None:
        raise PermissionDenied("The overdue board is the HR service's.")
    return organisation


@extend_schema(
    operation_id="notifications_overdue",
    summary="The overdue board (HR service)",
    parameters=[
        OpenApiParameter(
            "organisation", int, description="one where the caller is HR (default: the first)"
        ),
        OpenApiParameter("unit", int, description="this unit and the units under it"),
    ],
    responses=OverdueBoardSerializer,
)
@api_view(["GET"])
def overdue(request: Request) -> Response:
    """Every overdue task of the organisation — work plans, evaluations, calibration — with who
    must act, the due date and the working days late, by kind. Counts and workflow only."""
    organisation = _hr_organisation(request)
    wanted = int_param(request, "unit")
    unit = None
    if wanted is not None:
        unit = Unit.objects.filter(pk=wanted, organisation=organisation).first()
        if unit is None:
            raise DomainError("unit", N_("There is no such unit in the organisation."))
    return Response(_board(overdue_board(organisation, unit=unit)))


urlpatterns: list[URLPattern] = [
    path("", notification_list, name="notifications-list"),
    path("unread/", notification_unread, name="notifications-unread"),
    path("<int:notification_id>/read/", notification_read, name="notifications-read"),
    path("read-all/", notification_read_all, name="notifications-read-all"),
    path("overdue/", overdue, name="notifications-overdue"),
]
