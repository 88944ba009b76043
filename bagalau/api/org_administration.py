"""Endpoints of the administrator: roles, the government's transferred days off and the editions in
force."""

from __future__ import annotations

from typing import Any

from django.urls import path
from rest_framework import status as http
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api.org_common import RowDetail, RowList
from bagalau.api.org_serializers import (
    CalendarTransferInput,
    CalendarTransferSerializer,
    EditionInput,
    EditionSerializer,
    RoleInput,
    RoleSerializer,
)
from bagalau.org import access, services
from bagalau.org.models import (
    CalendarTransfer,
    EditionAssignment,
    Organisation,
    RoleAssignment,
)


class RoleList(RowList):
    """The organisation's roles; grant one to a user of the organisation (admin)."""

    serializer_class = RoleSerializer
    input_class = RoleInput

    def organisation(self) -> Organisation:
        organisation = super().organisation()
        assert organisation is not None
        access.require_admin(self.request.user, organisation)
        return organisation

    def rows(self, organisation: Organisation) -> Any:
        return (
            RoleAssignment.objects.filter(organisation=organisation)
            .select_related("user")
            .order_by("role", "user__username", "pk")
        )

    def create(self, organisation: Organisation, data: dict[str, Any]) -> RoleAssignment:
        return services.role_grant(
            actor=self.request.user,
            organisation=organisation,
            user_id=data["user"],
            role=data["role"],
        )


class RoleDetail(RowDetail):
    """Revoke a role (admin)."""

    http_method_names = ["delete", "options"]
    serializer_class = RoleSerializer
    get_for = access.role_get_for
    lookup_url_kwarg = "role_id"

    def remove(self, granted: RoleAssignment) -> None:
        services.role_revoke(actor=self.request.user, role_assignment_id=granted.pk)


class CalendarTransferList(RowList):
    """Transferred days off (anyone signed in may read them: they are public decrees); add one
    (an administrator)."""

    serializer_class = CalendarTransferSerializer
    input_class = CalendarTransferInput
    in_organisation = False

    def rows(self, organisation: None) -> Any:
        return CalendarTransfer.objects.order_by("-working_day", "-day_off", "-pk")

    def create(self, organisation: None, data: dict[str, Any]) -> CalendarTransfer:
        return services.calendar_transfer_create(actor=self.request.user, **data)


class CalendarTransferDetail(RowDetail):
    """Remove a transferred day off (an administrator; the service finds it)."""

    http_method_names = ["delete", "options"]
    serializer_class = CalendarTransferSerializer
    lookup_url_kwarg = "transfer_id"

    def delete(self, request: Request, **kwargs: int) -> Response:
        services.calendar_transfer_delete(actor=request.user, transfer_id=kwargs["transfer_id"])
        return Response(status=http.HTTP_204_NO_CONTENT)


class EditionList(RowList):
    """The editions in force by date (everyone in the organisation); enter one (admin)."""

    serializer_class = EditionSerializer
    input_class = EditionInput

    def rows(self, organisation: Organisation) -> Any:
        return EditionAssignment.objects.filter(organisation=organisation).order_by("valid_from")

    def create(self, organisation: Organisation, data: dict[str, Any]) -> EditionAssignment:
        return services.edition_assign(actor=self.request.user, organisation=organisation, **data)


class EditionDetail(RowDetail):
    """Withdraw an edition entered for a future date (admin)."""

    http_method_names = ["delete", "options"]
    serializer_class = EditionSerializer
    get_for = access.edition_get_for
    lookup_url_kwarg = "assignment_id"

    def remove(self, assigned: EditionAssignment) -> None:
        services.edition_unassign(actor=self.request.user, edition_assignment_id=assigned.pk)


urlpatterns = [
    path("roles/", RoleList.as_view(), name="org-roles"),
    path("roles/<int:role_id>/", RoleDetail.as_view(), name="org-role"),
    path("calendar-transfers/", CalendarTransferList.as_view(), name="org-calendar-transfers"),
    path(
        "calendar-transfers/<int:transfer_id>/",
        CalendarTransferDetail.as_view(),
        name="org-calendar-transfer",
    ),
    path("editions/", EditionList.as_view(), name="org-editions"),
    path("editions/<int:assignment_id>/", EditionDetail.as_view(), name="org-edition"),
]
