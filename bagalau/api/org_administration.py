"""Endpoints of the administrator: roles, the government's transferred days off and the editions in
force."""

from __future__ import annotations

from django.http import Http404
from django.urls import path
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api.org_common import ERRORS, ORGANISATION, _organisation, _valid, org_schema
from bagalau.api.org_serializers import (
    CalendarTransferInput,
    CalendarTransferSerializer,
    EditionInput,
    EditionSerializer,
    RoleInput,
    RoleSerializer,
    _edition,
    _role,
    _transfer,
)
from bagalau.org import access, services
from bagalau.org.models import (
    CalendarTransfer,
    EditionAssignment,
    RoleAssignment,
)


@org_schema(methods=["GET"], parameters=[ORGANISATION], responses={200: RoleSerializer(many=True)})
@org_schema(
    methods=["POST"],
    parameters=[ORGANISATION],
    request=RoleInput,
    responses={201: RoleSerializer, **ERRORS},
)
@api_view(["GET", "POST"])
def roles(request: Request) -> Response:
    """The organisation's roles; grant one to a user of the organisation (admin)."""
    organisation = _organisation(request)
    access.require_admin(request.user, organisation)
    if request.method == "POST":
        data = _valid(RoleInput, request)
        granted = services.role_grant(
            actor=request.user, organisation=organisation, user_id=data["user"], role=data["role"]
        )
        return Response(_role(granted), status=status.HTTP_201_CREATED)
    rows = (
        RoleAssignment.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("role", "user__username", "pk")
    )
    return Response([_role(r) for r in rows])


@org_schema(responses={204: None, **ERRORS})
@api_view(["DELETE"])
def role_detail(request: Request, role_id: int) -> Response:
    """Revoke a role (admin)."""
    granted = RoleAssignment.objects.select_related("organisation").filter(pk=role_id).first()
    if granted is None:
        raise Http404("No such role.")
    access.require_member(request.user, granted.organisation)
    services.role_revoke(actor=request.user, role_assignment_id=granted.pk)
    return Response(status=status.HTTP_204_NO_CONTENT)


@org_schema(methods=["GET"], responses={200: CalendarTransferSerializer(many=True)})
@org_schema(
    methods=["POST"],
    request=CalendarTransferInput,
    responses={201: CalendarTransferSerializer, **ERRORS},
)
@api_view(["GET", "POST"])
def calendar_transfers(request: Request) -> Response:
    """Transferred days off (anyone signed in may read them: they are public decrees); add one
    (an administrator)."""
    if request.method == "POST":
        data = _valid(CalendarTransferInput, request)
        transfer = services.calendar_transfer_create(
            actor=request.user,
            working_day=data["working_day"],
            day_off=data["day_off"],
            note=data["note"],
        )
        return Response(_transfer(transfer), status=status.HTTP_201_CREATED)
    rows = CalendarTransfer.objects.order_by("-working_day", "-day_off", "-pk")
    return Response([_transfer(t) for t in rows])


@org_schema(responses={204: None, **ERRORS})
@api_view(["DELETE"])
def calendar_transfer_detail(request: Request, transfer_id: int) -> Response:
    """Remove a transferred day off (an administrator)."""
    services.calendar_transfer_delete(actor=request.user, transfer_id=transfer_id)
    return Response(status=status.HTTP_204_NO_CONTENT)


@org_schema(
    methods=["GET"], parameters=[ORGANISATION], responses={200: EditionSerializer(many=True)}
)
@org_schema(
    methods=["POST"],
    parameters=[ORGANISATION],
    request=EditionInput,
    responses={201: EditionSerializer, **ERRORS},
)
@api_view(["GET", "POST"])
def editions(request: Request) -> Response:
    """The editions in force by date (everyone in the organisation); enter one (admin)."""
    organisation = _organisation(request)
    if request.method == "POST":
        data = _valid(EditionInput, request)
        assigned = services.edition_assign(
            actor=request.user,
            organisation=organisation,
            edition=data["edition"],
            valid_from=data["valid_from"],
        )
        return Response(_edition(assigned), status=status.HTTP_201_CREATED)
    rows = EditionAssignment.objects.filter(organisation=organisation).order_by("valid_from")
    return Response([_edition(a) for a in rows])


@org_schema(responses={204: None, **ERRORS})
@api_view(["DELETE"])
def edition_detail(request: Request, assignment_id: int) -> Response:
    """Withdraw an edition entered for a future date (admin)."""
    assigned = (
        EditionAssignment.objects.select_related("organisation").filter(pk=assignment_id).first()
    )
    if assigned is None:
        raise Http404("No such edition assignment.")
    access.require_member(request.user, assigned.organisation)
    services.edition_unassign(actor=request.user, edition_assignment_id=assigned.pk)
    return Response(status=status.HTTP_204_NO_CONTENT)


urlpatterns = [
    path("roles/", roles, name="org-roles"),
    path("roles/<int:role_id>/", role_detail, name="org-role"),
    path("calendar-transfers/", calendar_transfers, name="org-calendar-transfers"),
    path(
        "calendar-transfers/<int:transfer_id>/",
        calendar_transfer_detail,
        name="org-calendar-transfer",
    ),
    path("editions/", editions, name="org-editions"),
    path("editions/<int:assignment_id>/", edition_detail, name="org-edition"),
]
