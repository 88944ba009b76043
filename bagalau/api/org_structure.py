"""Endpoints of the structure: units and positions (everyone in the organisation reads them; HR
writes through `bagalau.org.services`)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from bagalau.api.org_common import RowDetail, RowList
from bagalau.api.org_serializers import (
    PositionInput,
    PositionSerializer,
    UnitInput,
    UnitSerializer,
)
from bagalau.api.params import int_param
from bagalau.core import clock
from bagalau.org import access, services
from bagalau.org.models import Assignment, Organisation, Position, Unit
from bagalau.org.selectors import structure_rules, unit_tree
from bagalau.org.services.structure import POSITION_FIELDS

# --- units -------------------------------------------------------------------------------------

# The unit's own fields, the same in the input and the service (its parent is `parent_id` there).
UNIT_FIELDS = ("name_kk", "name_ru", "name_en", "order")


class UnitList(RowList):
    """The unit tree, parents before children (everyone in the organisation); add a unit (HR)."""

    serializer_class = UnitSerializer
    input_class = UnitInput

    def rows(self, organisation: Organisation) -> list[Unit]:
        return [unit for unit, _depth in unit_tree(organisation)]

    def shared(self, organisation: Organisation) -> dict[str, Any]:
        return {"depths": {unit.pk: depth for unit, depth in unit_tree(organisation)}}

    def create(self, organisation: Organisation, data: dict[str, Any]) -> Unit:
        return services.unit_create(
            actor=self.request.user,
            organisation=organisation,
            parent_id=data["parent"],
            **{name: data[name] for name in UNIT_FIELDS},
        )


class UnitDetail(RowDetail):
    """A unit; rename, move or reorder it, or remove it when empty (HR)."""

    serializer_class = UnitSerializer
    input_class = UnitInput
    get_for = access.unit_get_for
    lookup_url_kwarg = "unit_id"

    def current(self, unit: Unit) -> dict[str, Any]:
        values = {name: getattr(unit, name) for name in UNIT_FIELDS}
        return {**values, "parent": unit.parent_id, "version": None}

    def update(self, unit: Unit, data: dict[str, Any]) -> Unit:
        return services.unit_update(
            actor=self.request.user,
            unit_id=unit.pk,
            parent_id=data["parent"],
            version=data["version"],
            **{name: data[name] for name in UNIT_FIELDS},
        )

    def remove(self, unit: Unit) -> None:
        services.unit_delete(actor=self.request.user, unit_id=unit.pk)


# --- positions ---------------------------------------------------------------------------------


class PositionList(RowList):
    """Positions with today's holders (everyone in the organisation); add a position (HR)."""

    serializer_class = PositionSerializer
    input_class = PositionInput
    query = [OpenApiParameter("unit", OpenApiTypes.INT, description="Only this unit's positions.")]

    def rows(self, organisation: Organisation) -> Any:
        rows = Position.objects.filter(unit__organisation=organisation).order_by(
            "unit_id", "-heads_unit", "order", "name_kk", "pk"
        )
        unit = int_param(self.request, "unit")
        return rows if unit is None else rows.filter(unit_id=unit)

    def shared(self, organisation: Organisation) -> dict[str, Any]:
        day = clock.today()
        holders = {
            a.position_id: a.servant
            for a in Assignment.objects.select_related("servant")
            .filter(position__unit__organisation=organisation, start__lte=day)
            .filter(Q(end__isnull=True) | Q(end__gte=day))
            .order_by("start", "pk")
        }
        return {"holders": holders, "rules": structure_rules(organisation, day)}

    def create(self, organisation: Organisation, data: dict[str, Any]) -> Position:
        return services.position_create(
            actor=self.request.user,
            unit_id=data["unit"],
            **{name: data[name] for name in POSITION_FIELDS},
        )


class PositionDetail(RowDetail):
    """A position; change it, or remove it when nobody ever held it (HR)."""

    serializer_class = PositionSerializer
    input_class = PositionInput
    get_for = access.position_get_for
    lookup_url_kwarg = "position_id"

    def current(self, position: Position) -> dict[str, Any]:
        values = {name: getattr(position, name) for name in POSITION_FIELDS}
        return {**values, "unit": position.unit_id, "version": None}

    def update(self, position: Position, data: dict[str, Any]) -> Position:
        return services.position_update(
            actor=self.request.user,
            position_id=position.pk,
            unit_id=data["unit"],
            version=data["version"],
            **{name: data[name] for name in POSITION_FIELDS},
        )

    def remove(self, position: Position) -> None:
        services.position_delete(actor=self.request.user, position_id=position.pk)


urlpatterns = [
    path("units/", UnitList.as_view(), name="org-units"),
    path("units/<int:unit_id>/", UnitDetail.as_view(), name="org-unit"),
    path("positions/", PositionList.as_view(), name="org-positions"),
    path("positions/<int:position_id>/", PositionDetail.as_view(), name="org-position"),
]
