"""Endpoints of the servants, their assignments, managers and absences (a servant's personal data
only HR, the administrator, the servant and their managers read: `bagalau.org.access`)."""

from __future__ import annotations

from django.http import Http404
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api.org_common import (
    ERRORS,
    ORGANISATION,
    _member_absence,
    _member_assignment,
    _organisation,
    _patched,
    _valid,
    org_schema,
)
from bagalau.api.org_serializers import (
    AbsenceInput,
    AbsenceSerializer,
    AppointInput,
    AssignmentSerializer,
    DismissInput,
    ManagersInput,
    NewServantInput,
    ServantDetailSerializer,
    ServantInput,
    ServantSerializer,
    _absence,
    _assignment,
    _servant,
)
from bagalau.core import clock
from bagalau.org import access, services
from bagalau.org.models import (
    Assignment,
    Servant,
)
from bagalau.org.selectors import StructureIndex

# --- servants ----------------------------------------------------------------------------------


@org_schema(
    methods=["GET"],
    parameters=[
        ORGANISATION,
        OpenApiParameter("q", OpenApiTypes.STR, description="Name or personnel number."),
    ],
    responses={200: ServantSerializer(many=True)},
)
@org_schema(
    methods=["POST"],
    parameters=[ORGANISATION],
    request=NewServantInput,
    responses={201: ServantDetailSerializer, **ERRORS},
)
@api_view(["GET", "POST"])
def servants(request: Request) -> Response:
    """Servants with today's position and managers (everyone in the organisation); register a
    servant, optionally with a login (HR)."""
    organisation = _organisation(request)
    if request.method == "POST":
        data = _valid(NewServantInput, request)
        servant = services.servant_create(
            actor=request.user,
            organisation=organisation,
            last_name=data["last_name"],
            first_name=data["first_name"],
            patronymic=data["patronymic"],
            personnel_number=data["personnel_number"],
            email=data["email"],
            username=data["username"],
            password=data["password"],
        )
        return Response(_servant(servant, detail=True), status=status.HTTP_201_CREATED)
    rows = access.servants_listed(request.user, organisation, request.query_params.get("q", ""))
    index = StructureIndex(organisation, clock.today())
    return Response([_servant(s, index=index) for s in rows])


@org_schema(methods=["GET"], responses={200: ServantDetailSerializer, **ERRORS})
@org_schema(
    methods=["PATCH"], request=ServantInput, responses={200: ServantDetailSerializer, **ERRORS}
)
@api_view(["GET", "PATCH"])
def servant_detail(request: Request, servant_id: int) -> Response:
    """A servant's personal data, history and absences (HR, admin, the servant, their managers);
    correct the personal data (HR)."""
    servant = access.servant_get_for(request.user, servant_id)
    if request.method == "PATCH":
        data = _patched(
            ServantInput,
            request,
            {
                "last_name": servant.last_name,
                "first_name": servant.first_name,
                "patronymic": servant.patronymic,
                "personnel_number": servant.personnel_number,
                "email": servant.email,
                "version": None,
            },
        )
        servant = services.servant_update(
            actor=request.user,
            servant_id=servant.pk,
            last_name=data["last_name"],
            first_name=data["first_name"],
            patronymic=data["patronymic"],
            personnel_number=data["personnel_number"],
            email=data["email"],
            version=data["version"],
        )
    return Response(_servant(servant, detail=True))


def _servant_in_reach(request: Request, servant_id: int) -> Servant:
    """404 unless the servant belongs to one of the user's organisations (the service then
    decides whether the user may act)."""
    servant = Servant.objects.select_related("organisation").filter(pk=servant_id).first()
    if servant is None:
        raise Http404("No such servant.")
    access.require_member(request.user, servant.organisation)
    return servant


def _with_assignment(assignment: Assignment) -> Assignment:
    return Assignment.objects.select_related("position__unit").get(pk=assignment.pk)


@org_schema(request=AppointInput, responses={201: AssignmentSerializer, **ERRORS})
@api_view(["POST"])
def servant_appoint(request: Request, servant_id: int) -> Response:
    """Appoint the servant to a vacant position from a date (HR)."""
    servant = _servant_in_reach(request, servant_id)
    data = _valid(AppointInput, request)
    assignment = services.servant_appoint(
        actor=request.user,
        servant_id=servant.pk,
        position_id=data["position"],
        start=data["start"],
        probation_until=data["probation_until"],
    )
    return Response(_assignment(_with_assignment(assignment)), status=status.HTTP_201_CREATED)


@org_schema(request=AppointInput, responses={201: AssignmentSerializer, **ERRORS})
@api_view(["POST"])
def servant_transfer(request: Request, servant_id: int) -> Response:
    """Transfer the servant to another position from a date (HR)."""
    servant = _servant_in_reach(request, servant_id)
    data = _valid(AppointInput, request)
    assignment = services.servant_transfer(
        actor=request.user,
        servant_id=servant.pk,
        position_id=data["position"],
        start=data["start"],
        probation_until=data["probation_until"],
    )
    return Response(_assignment(_with_assignment(assignment)), status=status.HTTP_201_CREATED)


@org_schema(request=DismissInput, responses={200: AssignmentSerializer, **ERRORS})
@api_view(["POST"])
def servant_dismiss(request: Request, servant_id: int) -> Response:
    """Dismiss the servant: the post ends on the given day (HR)."""
    servant = _servant_in_reach(request, servant_id)
    data = _valid(DismissInput, request)
    assignment = services.servant_dismiss(
        actor=request.user, servant_id=servant.pk, end=data["end"]
    )
    return Response(_assignment(_with_assignment(assignment)))


@org_schema(request=ManagersInput, responses={200: AssignmentSerializer, **ERRORS})
@api_view(["PATCH"])
def assignment_managers(request: Request, assignment_id: int) -> Response:
    """Override the direct and superior manager of an assignment; null clears the override (HR).
    Fields left out keep their current override."""
    found = _member_assignment(request, assignment_id)
    data = _patched(
        ManagersInput,
        request,
        {
            "direct_manager": found.direct_manager_id,
            "superior_manager": found.superior_manager_id,
            "reason": found.managers_reason,
            "version": None,
        },
    )
    assignment = services.assignment_set_managers(
        actor=request.user,
        assignment_id=found.pk,
        direct_manager_id=data["direct_manager"],
        superior_manager_id=data["superior_manager"],
        reason=data["reason"],
        version=data["version"],
    )
    return Response(_assignment(_with_assignment(assignment)))


# --- absences ----------------------------------------------------------------------------------


@org_schema(methods=["GET"], responses={200: AbsenceSerializer(many=True), **ERRORS})
@org_schema(methods=["POST"], request=AbsenceInput, responses={201: AbsenceSerializer, **ERRORS})
@api_view(["GET", "POST"])
def servant_absences(request: Request, servant_id: int) -> Response:
    """A servant's absences (who may see the personal page); record one (HR)."""
    if request.method == "POST":
        servant = _servant_in_reach(request, servant_id)
        data = _valid(AbsenceInput, request)
        absence = services.absence_create(
            actor=request.user,
            servant_id=servant.pk,
            kind=data["kind"],
            start=data["start"],
            end=data["end"],
            note=data["note"],
        )
        return Response(_absence(absence), status=status.HTTP_201_CREATED)
    servant = access.servant_get_for(request.user, servant_id)
    return Response([_absence(a) for a in servant.absences.order_by("-start", "-pk")])


@org_schema(methods=["GET"], responses={200: AbsenceSerializer, **ERRORS})
@org_schema(methods=["PATCH"], request=AbsenceInput, responses={200: AbsenceSerializer, **ERRORS})
@org_schema(methods=["DELETE"], responses={204: None, **ERRORS})
@api_view(["GET", "PATCH", "DELETE"])
def absence_detail(request: Request, absence_id: int) -> Response:
    """An absence; correct or remove it (HR)."""
    absence = _member_absence(request, absence_id)
    if request.method == "DELETE":
        services.absence_delete(actor=request.user, absence_id=absence.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
    if request.method == "PATCH":
        data = _patched(
            AbsenceInput,
            request,
            {
                "kind": absence.kind,
                "start": absence.start,
                "end": absence.end,
                "note": absence.note,
                "version": None,
            },
        )
        absence = services.absence_update(
            actor=request.user,
            absence_id=absence.pk,
            kind=data["kind"],
            start=data["start"],
            end=data["end"],
            note=data["note"],
            version=data["version"],
        )
    return Response(_absence(absence))


urlpatterns = [
    path("servants/", servants, name="org-servants"),
    path("servants/<int:servant_id>/", servant_detail, name="org-servant"),
    path("servants/<int:servant_id>/appoint/", servant_appoint, name="org-servant-appoint"),
    path("servants/<int:servant_id>/transfer/", servant_transfer, name="org-servant-transfer"),
    path("servants/<int:servant_id>/dismiss/", servant_dismiss, name="org-servant-dismiss"),
    path("servants/<int:servant_id>/absences/", servant_absences, name="org-servant-absences"),
    path(
        "assignments/<int:assignment_id>/managers/",
        assignment_managers,
        name="org-assignment-managers",
    ),
    path("absences/<int:absence_id>/", absence_detail, name="org-absence"),
]
