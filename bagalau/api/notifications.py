"""REST endpoints of the notifications app (/api/v1/notifications/): the caller's notifications
(texts in the request's language, never a score), marking them read, and the HR service's overdue
board. Someone else's notification is 404; the board is the HR service's (403 otherwise)."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, path
from django.utils.translation import gettext_noop as N_
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api import serializers
from bagalau.api.base import Endpoint
from bagalau.api.org_common import hr_organisation
from bagalau.api.params import int_param
from bagalau.core.errors import DomainError
from bagalau.notifications.due import overdue_board
from bagalau.notifications.models import Notification
from bagalau.notifications.selectors import notification_text, notifications_for, unread_count
from bagalau.notifications.services import notification_mark_read, notifications_mark_all_read
from bagalau.org.models import Unit

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

    kind = serializers.CharField(source="task.kind")
    servant = serializers.CharField(source="task.servant")
    unit = serializers.CharField(source="task.unit.name", allow_null=True)
    unit_id = serializers.IntegerField(source="task.unit.pk", allow_null=True)
    subject = serializers.CharField(
        source="task.subject", help_text="The period, or the year of a work plan."
    )
    who = serializers.CharField(source="task.who", help_text="Who must act.")
    due = serializers.DateField(source="task.due")
    working_days_late = serializers.IntegerField(source="days_late")
    url = serializers.CharField(source="task.board_url")


class OverdueGroupSerializer(serializers.Serializer[Any]):
    """The overdue tasks of one kind."""

    kind = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    action = serializers.CharField()
    count = serializers.IntegerField()
    items = OverdueItemSerializer(many=True)


class OverdueBoardSerializer(serializers.Serializer[Any]):
    """Every overdue task of the organisation (or of a unit and the units under it), by kind."""

    organisation = serializers.IntegerField(source="organisation.pk")
    unit = serializers.IntegerField(source="unit.pk", allow_null=True)
    today = serializers.DateField()
    total = serializers.IntegerField()
    groups = OverdueGroupSerializer(many=True)


# --- endpoints ----------------------------------------------------------------------------------


class _Pages(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


@extend_schema(tags=["notifications"])
class NotificationList(Endpoint):
    """The caller's own notifications, 20 a page; ``unread=true`` for the unread only."""

    serializer_class = NotificationSerializer
    pagination_class = _Pages

    def get_queryset(self) -> Any:
        unread_only = _flag(self.request.query_params.get("unread"))
        return notifications_for(self.request.user, unread_only=unread_only)

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
    def get(self, request: Request) -> Response:
        paginator = self.paginator
        assert isinstance(paginator, _Pages)
        page = self.paginate_queryset(self.get_queryset())
        return Response(
            {
                "count": paginator.page.paginator.count if paginator.page is not None else 0,
                "unread": unread_count(request.user),
                "next": paginator.get_next_link(),
                "previous": paginator.get_previous_link(),
                "results": self.get_serializer(page, many=True).data,
            }
        )


@extend_schema(tags=["notifications"])
class NotificationUnread(Endpoint):
    """The number the bell shows."""

    serializer_class = UnreadSerializer

    @extend_schema(
        operation_id="notifications_unread",
        summary="How many of the caller's notifications are unread",
    )
    def get(self, request: Request) -> Response:
        return self.answer({"unread": unread_count(request.user)})


@extend_schema(tags=["notifications"])
class NotificationRead(Endpoint):
    """Mark read (already read: unchanged). Someone else's notification: 404."""

    serializer_class = NotificationSerializer

    @extend_schema(
        operation_id="notifications_read",
        summary="Mark one of the caller's notifications read",
        request=None,
    )
    def post(self, request: Request, notification_id: int) -> Response:
        return self.answer(
            notification_mark_read(user=request.user, notification_id=notification_id)
        )


@extend_schema(tags=["notifications"])
class NotificationReadAll(Endpoint):
    """Mark everything of the caller's read."""

    serializer_class = ReadAllSerializer

    @extend_schema(
        operation_id="notifications_read_all",
        summary="Mark all of the caller's notifications read",
        request=None,
    )
    def post(self, request: Request) -> Response:
        marked = notifications_mark_all_read(user=request.user)
        return self.answer({"marked": marked, "unread": unread_count(request.user)})


@extend_schema(tags=["notifications"])
class Overdue(Endpoint):
    """Every overdue task of the organisation — work plans, evaluations, calibration — with who
    must act, the due date and the working days late, by kind. Counts and workflow only."""

    serializer_class = OverdueBoardSerializer

    @extend_schema(
        operation_id="notifications_overdue",
        summary="The overdue board (HR service)",
        parameters=[
            OpenApiParameter(
                "organisation", int, description="one where the caller is HR (default: the first)"
            ),
            OpenApiParameter("unit", int, description="this unit and the units under it"),
        ],
    )
    def get(self, request: Request) -> Response:
        organisation = hr_organisation(
            request.user,
            int_param(request, "organisation"),
            "The overdue board is the HR service's.",
        )
        wanted = int_param(request, "unit")
        unit = None
        if wanted is not None:
            unit = Unit.objects.filter(pk=wanted, organisation=organisation).first()
            if unit is None:
                raise DomainError("unit", N_("There is no such unit in the organisation."))
        return self.answer(overdue_board(organisation, unit=unit))


urlpatterns: list[URLPattern] = [
    path("", NotificationList.as_view(), name="notifications-list"),
    path("unread/", NotificationUnread.as_view(), name="notifications-unread"),
    path("<int:notification_id>/read/", NotificationRead.as_view(), name="notifications-read"),
    path("read-all/", NotificationReadAll.as_view(), name="notifications-read-all"),
    path("overdue/", Overdue.as_view(), name="notifications-overdue"),
]
