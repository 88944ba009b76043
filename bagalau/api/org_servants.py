"""Endpoints of the servants, their assignments, managers and absences (a servant's personal data
only HR, the administrator, the servant and their managers read: `bagalau.org.access`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api.org_common import OrgEndpoint, RowDetail, RowList
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
)
from bagalau.core import clock
from bagalau.org import access, services
from bagalau.org.models import Absence, Assignment, Organisation, Servant
from bagalau.org.selectors import StructureIndex

# --- servants ----------------------------------------------------------------------------------

PERSON_FIELDS = ("last_name", "first_name", "patronymic", "personnel_number", "email")


class ServantList(RowList):
    """Servants with today's position and managers (everyone in the organisation); register a
    servant, optionally with a login (HR)."""

    serializer_class = ServantSerializer
    created_class = ServantDetailSerializer
    input_class = NewServantInput
    query = [OpenApiParameter("q", OpenApiTypes.STR, description="Name or personnel number.")]

    def rows(self, organisation: Organisation) -> list[Servant]:
        query = self.request.query_params.get("q", "")
        return access.servants_listed(self.request.user, organisation, query)

    def shared(self, organisation: Organisation) -> dict[str, Any]:
        return {"index": StructureIndex(organisation, clock.today())}

    def create(self, organisation: Organisation, data: dict[str, Any]) -> Servant:
        return services.servant_create(
            actor=self.request.user,
            organisation=organisation,
            username=data["username"],
            password=data["password"],
            **{name: data[name] for name in PERSON_FIELDS},
        )


class ServantDetail(RowDetail):
    """A servant's personal data, history and absences (HR, admin, the servant, their managers);
    correct the personal data (HR)."""

    http_method_names = ["get", "patch", "head", "options"]
    serializer_class = ServantDetailSerializer
    input_class = ServantInput
    get_for = access.servant_get_for
    lookup_url_kwarg = "servant_id"

    def current(self, servant: Servant) -> dict[str, Any]:
        return {**{name: getattr(servant, name) for name in PERSON_FIELDS}, "version": None}

    def update(self, servant: Servant, data: dict[str, Any]) -> Servant:
        return services.servant_update(
            actor=self.request.user,
            servant_id=servant.pk,
            version=data["version"],
            **{name: data[name] for name in PERSON_FIELDS},
        )


# --- assignments -------------------------------------------------------------------------------


class ServantAction(OrgEndpoint):
    """HR acts on a servant of the organisation (404 outside it; the service decides whether the
    user may): the answer is the assignment it made or ended."""

    serializer_class = AssignmentSerializer
    get_for = access.colleague_get_for
    lookup_url_kwarg = "servant_id"
    service: ClassVar[Callable[..., Assignment]]

    def post(self, request: Request, servant_id: int) -> Response:
        servant = self.get_object()
        assignment = type(self).service(actor=request.user, servant_id=servant.pk, **self.data())
        found = Assignment.objects.select_related("position__unit").get(pk=assignment.pk)
        return self.created(found) if self.creates else self.answer(found)


class ServantAppoint(ServantAction):
    """Appoint the servant to a vacant position from a date (HR)."""

    input_class = AppointInput
    creates = True
    service = services.servant_appoint

    def data(self) -> Any:
        data = super().data()
        return {
            "position_id": data["position"],
            **{k: data[k] for k in ("start", "probation_until")},
        }


class ServantTransfer(ServantAppoint):
    """Transfer the servant to another position from a date (HR)."""

    service = services.servant_transfer


class ServantDismiss(ServantAction):
    """Dismiss the servant: the post ends on the given day (HR)."""

    input_class = DismissInput
    service = services.servant_dismiss


class AssignmentManagers(RowDetail):
    """Override the direct and superior manager of an assignment; null clears the override (HR).
    Fields left out keep their current override."""

    http_method_names = ["patch", "options"]
    serializer_class = AssignmentSerializer
    input_class = ManagersInput
    get_for = access.assignment_get_for
    lookup_url_kwarg = "assignment_id"

    def current(self, found: Assignment) -> dict[str, Any]:
        return {
            "direct_manager": found.direct_manager_id,
            "superior_manager": found.superior_manager_id,
            "reason": found.managers_reason,
            "version": None,
        }

    def update(self, found: Assignment, data: dict[str, Any]) -> Assignment:
        assignment = services.assignment_set_managers(
            actor=self.request.user,
            assignment_id=found.pk,
            direct_manager_id=data["direct_manager"],
            superior_manager_id=data["superior_manager"],
            reason=data["reason"],
            version=data["version"],
        )
        return Assignment.objects.select_related("position__unit").get(pk=assignment.pk)


# --- absences ----------------------------------------------------------------------------------

ABSENCE_FIELDS = ("kind", "start", "end", "note")


class ServantAbsences(OrgEndpoint):
    """A servant's absences (who may see the personal page); record one (HR)."""

    serializer_class = AbsenceSerializer
    input_class = AbsenceInput
    lookup_url_kwarg = "servant_id"
    many = True
    creates = True

    def get(self, request: Request, servant_id: int) -> Response:
        servant = access.servant_get_for(user=request.user, id=servant_id)
        return self.answer(servant.absences.order_by("-start", "-pk"), many=True)

    def post(self, request: Request, servant_id: int) -> Response:
        servant = access.colleague_get_for(user=request.user, id=servant_id)
        data = self.data()
        absence = services.absence_create(
            actor=request.user,
            servant_id=servant.pk,
            **{name: data[name] for name in ABSENCE_FIELDS},
        )
        return self.created(absence)


class AbsenceDetail(RowDetail):
    """An absence; correct or remove it (HR)."""

    serializer_class = AbsenceSerializer
    input_class = AbsenceInput
    get_for = access.absence_get_for
    lookup_url_kwarg = "absence_id"

    def current(self, absence: Absence) -> dict[str, Any]:
        return {**{name: getattr(absence, name) for name in ABSENCE_FIELDS}, "version": None}

    def update(self, absence: Absence, data: dict[str, Any]) -> Absence:
        return services.absence_update(
            actor=self.request.user,
            absence_id=absence.pk,
            version=data["version"],
            **{name: data[name] for name in ABSENCE_FIELDS},
        )

    def remove(self, absence: Absence) -> None:
        services.absence_delete(actor=self.request.user, absence_id=absence.pk)


urlpatterns = [
    path("servants/", ServantList.as_view(), name="org-servants"),
    path("servants/<int:servant_id>/", ServantDetail.as_view(), name="org-servant"),
    path(
        "servants/<int:servant_id>/appoint/", ServantAppoint.as_view(), name="org-servant-appoint"
    ),
    path(
        "servants/<int:servant_id>/transfer/",
        ServantTransfer.as_view(),
        name="org-servant-transfer",
    ),
    path(
        "servants/<int:servant_id>/dismiss/", ServantDismiss.as_view(), name="org-servant-dismiss"
    ),
    path(
        "servants/<int:servant_id>/absences/",
        ServantAbsences.as_view(),
        name="org-servant-absences",
    ),
    path(
        "assignments/<int:assignment_id>/managers/",
        AssignmentManagers.as_view(),
        name="org-assignment-managers",
    ),
    path("absences/<int:absence_id>/", AbsenceDetail.as_view(), name="org-absence"),
]
