"""Endpoints of the structure: units and positions (everyone in the organisation reads them; HR
writes through `bagalau.org.services`)."""

from __future__ import annotations

from django.db.models import Q
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
    _holder,
    _member_position,
    _member_unit,
    _organisation,
    _patched,
    _valid,
    org_schema,
)
from bagalau.api.org_serializers import (
    PositionInput,
    PositionSerializer,
    UnitInput,
    UnitSerializer,
    _position,
    _unit,
)
from bagalau.api.params import int_param
from bagalau.core import clock
from bagalau.org import services
from bagalau.org.models import (
    Assignment,
    Position,
)
from bagalau.org.selectors import structure_rules, unit_tree

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


urlpatterns = [
    path("units/", units, name="org-units"),
    path("units/<int:unit_id>/", unit_detail, name="org-unit"),
    path("positions/", positions, name="org-positions"),
    path("positions/<int:position_id>/", position_detail, name="org-position"),
]
