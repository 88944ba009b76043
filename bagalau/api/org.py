"""REST endpoints of the org app (mounted at /api/v1/org/).

Reads follow `bagalau.org.access` (everyone in the organisation sees the structure; a servant's
personal data only HR, the administrator, the servant and their managers); writes call the same
services as the pages, which check who may. Rows that can be edited carry `version`: send it back
with a PATCH to be refused (409) when someone changed the row meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models import Q
from django.http import Http404
from django.urls import path
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api import serializers
from bagalau.api.params import int_param
from bagalau.core import bounds, clock
from bagalau.core.context import viewer
from bagalau.methodology import get_edition
from bagalau.methodology.structure import StructureRules
from bagalau.org import access, services
from bagalau.org.models import (
    Absence,
    Assignment,
    CalendarTransfer,
    EditionAssignment,
    MethodOverride,
    Organisation,
    Position,
    RoleAssignment,
    Servant,
    Unit,
)
from bagalau.org.selectors import StructureIndex, assignment_on, structure_rules, unit_tree

ORGANISATION = OpenApiParameter(
    "organisation",
    OpenApiTypes.INT,
    description="Work in this organisation (default: the user's current one).",
)
ERROR = inline_serializer(
    "OrgError",
    {
        "error": inline_serializer(
            "OrgErrorBody", {"field": serializers.CharField(), "message": serializers.CharField()}
        )
    },
)
ERRORS = {400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR}
F = TypeVar("F", bound=Callable[..., Any])


def org_schema(**kwargs: Any) -> Callable[[F], F]:
    """`extend_schema` with the endpoints grouped under "org" in the API docs."""
    decorator: Callable[[F], F] = extend_schema(tags=["org"], **kwargs)
    return decorator


# --- serializers: responses --------------------------------------------------------------------


class ServantRefSerializer(serializers.Serializer[Any]):
    """A servant named in another row."""

    id = serializers.IntegerField()
    full_name = serializers.CharField()


def _ref(servant: Servant | None) -> dict[str, Any] | None:
    return {"id": servant.pk, "full_name": servant.full_name} if servant is not None else None


class UnitSerializer(serializers.Serializer[Any]):
    """A structural unit; `depth` is its level in the tree (0 at the top)."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    name_kk = serializers.CharField()
    name_ru = serializers.CharField()
    name_en = serializers.CharField()
    parent = serializers.IntegerField(allow_null=True)  # type: ignore[assignment]
    order = serializers.IntegerField()
    depth = serializers.IntegerField()
    version = serializers.CharField()


def _unit(unit: Unit, depth: int) -> dict[str, Any]:
    return {
        "id": unit.pk,
        "name": unit.name,
        "name_kk": unit.name_kk,
        "name_ru": unit.name_ru,
        "name_en": unit.name_en,
        "parent": unit.parent_id,
        "order": unit.order,
        "depth": depth,
        "version": services.version_of(unit),
    }


class PositionSerializer(serializers.Serializer[Any]):
    """A position with today's holder (null when vacant)."""

    id = serializers.IntegerField()
    unit = serializers.IntegerField()
    name = serializers.CharField()
    name_kk = serializers.CharField()
    name_ru = serializers.CharField()
    name_en = serializers.CharField()
    category = serializers.CharField(help_text="Empty: the post is not evaluated.")
    heads_unit = serializers.BooleanField()
    is_manager = serializers.BooleanField(
        help_text="Evaluated by KPI: from the category (sjc-2023: B-1), unless overridden."
    )
    method_override = serializers.CharField(
        help_text='"kpi" or "differentiation" when HR overrides the category; empty otherwise.'
    )
    method_override_reason = serializers.CharField()
    provides_services = serializers.BooleanField()
    order = serializers.IntegerField()
    holder = ServantRefSerializer(allow_null=True)
    version = serializers.CharField()


def _position(
    position: Position, holder: Servant | None, rules: StructureRules | None = None
) -> dict[str, Any]:
    if rules is None:
        rules = structure_rules(position.unit.organisation, clock.today())
    return {
        "id": position.pk,
        "unit": position.unit_id,
        "name": position.name,
        "name_kk": position.name_kk,
        "name_ru": position.name_ru,
        "name_en": position.name_en,
        "category": position.category,
        "heads_unit": position.heads_unit,
        "is_manager": position.evaluated_by_kpi(rules),
        "method_override": position.method_override,
        "method_override_reason": position.method_override_reason,
        "provides_services": position.provides_services,
        "order": position.order,
        "holder": _ref(holder),
        "version": services.version_of(position),
    }


class AssignmentSerializer(serializers.Serializer[Any]):
    """A servant's time in a position; the manager fields are the overrides (null: derived)."""

    id = serializers.IntegerField()
    servant = serializers.IntegerField()
    position = serializers.IntegerField()
    position_name = serializers.CharField()
    unit = serializers.IntegerField()
    unit_name = serializers.CharField()
    category = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField(allow_null=True)
    kind = serializers.CharField()
    end_reason = serializers.CharField()
    probation_until = serializers.DateField(allow_null=True)
    direct_manager_override = serializers.IntegerField(allow_null=True)
    superior_manager_override = serializers.IntegerField(allow_null=True)
    managers_reason = serializers.CharField(help_text="Why the managers are overridden.")
    version = serializers.CharField()


def _assignment(assignment: Assignment) -> dict[str, Any]:
    position = assignment.position
    return {
        "id": assignment.pk,
        "servant": assignment.servant_id,
        "position": position.pk,
        "position_name": position.name,
        "unit": position.unit_id,
        "unit_name": position.unit.name,
        "category": position.category,
        "start": assignment.start,
        "end": assignment.end,
        "kind": assignment.kind,
        "end_reason": assignment.end_reason,
        "probation_until": assignment.probation_until,
        "direct_manager_override": assignment.direct_manager_id,
        "superior_manager_override": assignment.superior_manager_id,
        "managers_reason": assignment.managers_reason,
        "version": services.version_of(assignment),
    }


class CurrentAssignmentSerializer(serializers.Serializer[Any]):
    """Where the servant works today (structure-level: no probation)."""

    id = serializers.IntegerField()
    position = serializers.IntegerField()
    position_name = serializers.CharField()
    unit = serializers.IntegerField()
    unit_name = serializers.CharField()
    category = serializers.CharField()
    start = serializers.DateField()


class ServantSerializer(serializers.Serializer[Any]):
    """A servant with today's position and managers (derived from the structure unless
    overridden)."""

    id = serializers.IntegerField()
    full_name = serializers.CharField()
    last_name = serializers.CharField()
    first_name = serializers.CharField()
    patronymic = serializers.CharField()
    personnel_number = serializers.CharField()
    current_assignment = CurrentAssignmentSerializer(allow_null=True)
    direct_manager = ServantRefSerializer(allow_null=True)
    direct_manager_overridden = serializers.BooleanField()
    superior_manager = ServantRefSerializer(allow_null=True)
    superior_manager_overridden = serializers.BooleanField()


class AbsenceSerializer(serializers.Serializer[Any]):
    """An absence (inclusive dates)."""

    id = serializers.IntegerField()
    servant = serializers.IntegerField()
    kind = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    note = serializers.CharField()
    version = serializers.CharField()


def _absence(absence: Absence) -> dict[str, Any]:
    return {
        "id": absence.pk,
        "servant": absence.servant_id,
        "kind": absence.kind,
        "start": absence.start,
        "end": absence.end,
        "note": absence.note,
        "version": services.version_of(absence),
    }


class ServantDetailSerializer(ServantSerializer):
    """The personal page: contact, login, probation, assignment history and absences."""

    email = serializers.CharField()
    username = serializers.CharField(allow_null=True)
    on_probation_until = serializers.DateField(allow_null=True)
    assignments = AssignmentSerializer(many=True)
    absences = AbsenceSerializer(many=True)
    version = serializers.CharField()


def _servant(
    servant: Servant, *, detail: bool = False, index: StructureIndex | None = None
) -> dict[str, Any]:
    day = clock.today()
    index = index or StructureIndex(servant.organisation, day)
    current = assignment_on(servant, day)
    data: dict[str, Any] = {
        "id": servant.pk,
        "full_name": servant.full_name,
        "last_name": servant.last_name,
        "first_name": servant.first_name,
        "patronymic": servant.patronymic,
        "personnel_number": servant.personnel_number,
        "current_assignment": None,
        "direct_manager": _ref(index.direct_manager(servant)),
        "direct_manager_overridden": bool(current and current.direct_manager_id),
        "superior_manager": _ref(index.superior_manager(servant)),
        "superior_manager_overridden": bool(current and current.superior_manager_id),
    }
    if current is not None:
        data["current_assignment"] = {
            "id": current.pk,
            "position": current.position_id,
            "position_name": current.position.name,
            "unit": current.position.unit_id,
            "unit_name": current.position.unit.name,
            "category": current.position.category,
            "start": current.start,
        }
    if detail:
        history = servant.assignments.select_related("position__unit").order_by("-start", "-pk")
        data.update(
            {
                "email": servant.email,
                "username": servant.user.get_username() if servant.user else None,
                "on_probation_until": (
                    current.probation_until
                    if current and current.probation_until and current.probation_until >= day
                    else None
                ),
                "assignments": [_assignment(a) for a in history],
                "absences": [_absence(a) for a in servant.absences.order_by("-start", "-pk")],
                "version": services.version_of(servant),
            }
        )
    return data


class RoleSerializer(serializers.Serializer[Any]):
    """A user's role in the organisation."""

    id = serializers.IntegerField()
    user = serializers.IntegerField()
    username = serializers.CharField()
    role = serializers.CharField()


def _role(granted: RoleAssignment) -> dict[str, Any]:
    return {
        "id": granted.pk,
        "user": granted.user_id,
        "username": granted.user.get_username(),
        "role": granted.role,
    }


class CalendarTransferSerializer(serializers.Serializer[Any]):
    """A transferred day off (national)."""

    id = serializers.IntegerField()
    working_day = serializers.DateField(allow_null=True)
    day_off = serializers.DateField(allow_null=True)
    note = serializers.CharField()


def _transfer(transfer: CalendarTransfer) -> dict[str, Any]:
    return {
        "id": transfer.pk,
        "working_day": transfer.working_day,
        "day_off": transfer.day_off,
        "note": transfer.note,
    }


class EditionSerializer(serializers.Serializer[Any]):
    """An edition in force in the organisation from a date."""

    id = serializers.IntegerField()
    edition = serializers.CharField()
    title = serializers.CharField()
    valid_from = serializers.DateField()


def _edition(assigned: EditionAssignment) -> dict[str, Any]:
    return {
        "id": assigned.pk,
        "edition": assigned.edition,
        "title": get_edition(assigned.edition).title.get(get_language() or "kk"),
        "valid_from": assigned.valid_from,
    }


# --- serializers: requests ---------------------------------------------------------------------


class VersionedInput(serializers.Serializer[Any]):
    """Send back the `version` you read to be refused when the row changed meanwhile."""

    version = serializers.CharField(required=False, allow_null=True)


class UnitInput(VersionedInput):
    name_kk = serializers.CharField(max_length=bounds.TITLE)
    name_ru = serializers.CharField(
        max_length=bounds.TITLE, required=False, allow_blank=True, default=""
    )
    name_en = serializers.CharField(
        max_length=bounds.TITLE, required=False, allow_blank=True, default=""
    )
    parent = serializers.IntegerField(  # type: ignore[assignment]
        required=False, allow_null=True, default=None
    )
    order = serializers.IntegerField(required=False, default=0)


class PositionInput(VersionedInput):
    unit = serializers.IntegerField()
    name_kk = serializers.CharField(max_length=bounds.TITLE)
    name_ru = serializers.CharField(
        max_length=bounds.TITLE, required=False, allow_blank=True, default=""
    )
    name_en = serializers.CharField(
        max_length=bounds.TITLE, required=False, allow_blank=True, default=""
    )
    category = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        default="",
        help_text='Such as "B-4", "в-4" or "C-0-1"; empty: not evaluated.',
    )
    heads_unit = serializers.BooleanField(required=False, default=False)
    method_override = serializers.ChoiceField(
        choices=["", *MethodOverride.values],
        required=False,
        default="",
        help_text="Empty: evaluated as the category says (sjc-2023: B-1 by KPI, the others by "
        "differentiation); otherwise HR's override, which needs method_override_reason.",
    )
    method_override_reason = serializers.CharField(required=False, allow_blank=True, default="")
    provides_services = serializers.BooleanField(required=False, default=False)
    order = serializers.IntegerField(required=False, default=0)


class ServantInput(VersionedInput):
    last_name = serializers.CharField(max_length=bounds.PERSON_NAME)
    first_name = serializers.CharField(max_length=bounds.PERSON_NAME)
    patronymic = serializers.CharField(
        max_length=bounds.PERSON_NAME, required=False, allow_blank=True, default=""
    )
    personnel_number = serializers.CharField(
        max_length=bounds.CODE, required=False, allow_blank=True, default=""
    )
    email = serializers.CharField(max_length=254, required=False, allow_blank=True, default="")


class NewServantInput(ServantInput):
    username = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    password = serializers.CharField(
        required=False, allow_blank=True, default="", write_only=True, trim_whitespace=False
    )


class AppointInput(serializers.Serializer[Any]):
    position = serializers.IntegerField()
    start = serializers.DateField()
    probation_until = serializers.DateField(required=False, allow_null=True, default=None)


class DismissInput(serializers.Serializer[Any]):
    end = serializers.DateField(help_text="The last day in the post.")


class ManagersInput(VersionedInput):
    direct_manager = serializers.IntegerField(required=False, allow_null=True, default=None)
    superior_manager = serializers.IntegerField(required=False, allow_null=True, default=None)
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Why the structure's managers are overridden (required with an override).",
    )


class AbsenceInput(VersionedInput):
    kind = serializers.CharField(max_length=20)
    start = serializers.DateField()
    end = serializers.DateField()
    note = serializers.CharField(
        max_length=bounds.TITLE, required=False, allow_blank=True, default=""
    )


class RoleInput(serializers.Serializer[Any]):
    user = serializers.IntegerField()
    role = serializers.CharField(max_length=20)


class CalendarTransferInput(serializers.Serializer[Any]):
    working_day = serializers.DateField(required=False, allow_null=True, default=None)
    day_off = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(
        max_length=bounds.TITLE, required=False, allow_blank=True, default=""
    )


class EditionInput(serializers.Serializer[Any]):
    edition = serializers.CharField(max_length=bounds.CODE)
    valid_from = serializers.DateField()


# --- helpers -----------------------------------------------------------------------------------


def _organisation(request: Request) -> Organisation:
    """The organisation asked for (?organisation=), else the user's current one."""
    wanted = int_param(request, "organisation")
    if wanted is not None:
        return access.organisation_for(request.user, wanted)
    return access.require_member(request.user, viewer(request).organisation)


def _valid(
    serializer_class: type[serializers.Serializer[Any]], request: Request, **kwargs: Any
) -> Any:
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _patched(
    serializer_class: type[serializers.Serializer[Any]], request: Request, current: dict[str, Any]
) -> dict[str, Any]:
    """A PATCH body over the row's current values."""
    return {**current, **_valid(serializer_class, request, partial=True)}


def _member_unit(request: Request, unit_id: int) -> Unit:
    unit = Unit.objects.select_related("organisation").filter(pk=unit_id).first()
    if unit is None:
        raise Http404("No such unit.")
    access.require_member(request.user, unit.organisation)
    return unit


def _member_position(request: Request, position_id: int) -> Position:
    position = Position.objects.select_related("unit__organisation").filter(pk=position_id).first()
    if position is None:
        raise Http404("No such position.")
    access.require_member(request.user, position.unit.organisation)
    return position


def _holder(position: Position) -> Servant | None:
    day = clock.today()
    found = (
        position.assignments.select_related("servant")
        .filter(start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .order_by("-start")
        .first()
    )
    return found.servant if found is not None else None


def _member_assignment(request: Request, assignment_id: int) -> Assignment:
    found = (
        Assignment.objects.select_related("servant__organisation", "position__unit")
        .filter(pk=assignment_id)
        .first()
    )
    if found is None:
        raise Http404("No such assignment.")
    access.require_member(request.user, found.servant.organisation)
    return found


def _member_absence(request: Request, absence_id: int) -> Absence:
    absence = Absence.objects.select_related("servant__organisation").filter(pk=absence_id).first()
    if absence is None:
        raise Http404("No such absence.")
    access.servant_get_for(request.user, absence.servant_id)
    return absence


# --- units -------------------------------------------------------------------------------------


@org_schema(methods=["GET"], parameters=[ORGANISATION], responses={200: UnitSerializer(many=True)})
@org_schema(
    methods=["POST"],
    parameters=[ORGANISATION],
    request=UnitInput,
    responses={201: UnitSerializer, **ERRORS},
)
@api_view(["GET", "POST"])
def units(request: Request) -> Response:
    """The unit tree, parents before children (everyone in the organisation); add a unit (HR)."""
    organisation = _organisation(request)
    if request.method == "POST":
        data = _valid(UnitInput, request)
        unit = services.unit_create(
            actor=request.user,
            organisation=organisation,
            name_kk=data["name_kk"],
            name_ru=data["name_ru"],
            name_en=data["name_en"],
            parent_id=data["parent"],
            order=data["order"],
        )
        depth = dict((u.pk, d) for u, d in unit_tree(organisation)).get(unit.pk, 0)
        return Response(_unit(unit, depth), status=status.HTTP_201_CREATED)
    return Response([_unit(unit, depth) for unit, depth in unit_tree(organisation)])


@org_schema(methods=["GET"], responses={200: UnitSerializer, **ERRORS})
@org_schema(methods=["PATCH"], request=UnitInput, responses={200: UnitSerializer, **ERRORS})
@org_schema(methods=["DELETE"], responses={204: None, **ERRORS})
@api_view(["GET", "PATCH", "DELETE"])
def unit_detail(request: Request, unit_id: int) -> Response:
    """A unit; rename, move or reorder it, or remove it when empty (HR)."""
    unit = _member_unit(request, unit_id)
    if request.method == "DELETE":
        services.unit_delete(actor=request.user, unit_id=unit.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
    if request.method == "PATCH":
        data = _patched(
            UnitInput,
            request,
            {
                "name_kk": unit.name_kk,
                "name_ru": unit.name_ru,
                "name_en": unit.name_en,
                "parent": unit.parent_id,
                "order": unit.order,
                "version": None,
            },
        )
        unit = services.unit_update(
            actor=request.user,
            unit_id=unit.pk,
            name_kk=data["name_kk"],
            name_ru=data["name_ru"],
            name_en=data["name_en"],
            parent_id=data["parent"],
            order=data["order"],
            version=data["version"],
        )
    depth = dict((u.pk, d) for u, d in unit_tree(unit.organisation)).get(unit.pk, 0)
    return Response(_unit(unit, depth))


# --- positions ---------------------------------------------------------------------------------


@org_schema(
    methods=["GET"],
    parameters=[
        ORGANISATION,
        OpenApiParameter("unit", OpenApiTypes.INT, description="Only this unit's positions."),
    ],
    responses={200: PositionSerializer(many=True)},
)
@org_schema(
    methods=["POST"],
    parameters=[ORGANISATION],
    request=PositionInput,
    responses={201: PositionSerializer, **ERRORS},
)
@api_view(["GET", "POST"])
def positions(request: Request) -> Response:
    """Positions with today's holders (everyone in the organisation); add a position (HR)."""
    organisation = _organisation(request)
    if request.method == "POST":
        data = _valid(PositionInput, request)
        position = services.position_create(
            actor=request.user,
            unit_id=data["unit"],
            name_kk=data["name_kk"],
            name_ru=data["name_ru"],
            name_en=data["name_en"],
            category=data["category"],
            heads_unit=data["heads_unit"],
            method_override=data["method_override"],
            method_override_reason=data["method_override_reason"],
            provides_services=data["provides_services"],
            order=data["order"],
        )
        return Response(_position(position, None), status=status.HTTP_201_CREATED)
    day = clock.today()
    rows = Position.objects.filter(unit__organisation=organisation).order_by(
        "unit_id", "-heads_unit", "order", "name_kk", "pk"
    )
    unit = int_param(request, "unit")
    if unit is not None:
        rows = rows.filter(unit_id=unit)
    holders = {
        a.position_id: a.servant
        for a in Assignment.objects.select_related("servant")
        .filter(position__unit__organisation=organisation, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .order_by("start", "pk")
    }
    rules = structure_rules(organisation, day)
    return Response([_position(p, holders.get(p.pk), rules) for p in rows])


@org_schema(methods=["GET"], responses={200: PositionSerializer, **ERRORS})
@org_schema(methods=["PATCH"], request=PositionInput, responses={200: PositionSerializer, **ERRORS})
@org_schema(methods=["DELETE"], responses={204: None, **ERRORS})
@api_view(["GET", "PATCH", "DELETE"])
def position_detail(request: Request, position_id: int) -> Response:
    """A position; change it, or remove it when nobody ever held it (HR)."""
    position = _member_position(request, position_id)
    if request.method == "DELETE":
        services.position_delete(actor=request.user, position_id=position.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
    if request.method == "PATCH":
        data = _patched(
            PositionInput,
            request,
            {
                "unit": position.unit_id,
                "name_kk": position.name_kk,
                "name_ru": position.name_ru,
                "name_en": position.name_en,
                "category": position.category,
                "heads_unit": position.heads_unit,
                "method_override": position.method_override,
                "method_override_reason": position.method_override_reason,
                "provides_services": position.provides_services,
                "order": position.order,
                "version": None,
            },
        )
        position = services.position_update(
            actor=request.user,
            position_id=position.pk,
            unit_id=data["unit"],
            name_kk=data["name_kk"],
            name_ru=data["name_ru"],
            name_en=data["name_en"],
            category=data["category"],
            heads_unit=data["heads_unit"],
            method_override=data["method_override"],
            method_override_reason=data["method_override_reason"],
            provides_services=data["provides_services"],
            order=data["order"],
            version=data["version"],
        )
    return Response(_position(position, _holder(position)))


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


# --- administration ----------------------------------------------------------------------------


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
    path("units/", units, name="org-units"),
    path("units/<int:unit_id>/", unit_detail, name="org-unit"),
    path("positions/", positions, name="org-positions"),
    path("positions/<int:position_id>/", position_detail, name="org-position"),
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
