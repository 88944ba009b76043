"""What the org endpoints share: their schema tag and error shape, the organisation a request
works in, input validation and the lookups that answer 404 outside the user's organisations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models import Q
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework.request import Request

from bagalau.api import serializers
from bagalau.api.params import int_param
from bagalau.core import clock
from bagalau.core.context import viewer
from bagalau.org import access
from bagalau.org.models import (
    Absence,
    Assignment,
    Organisation,
    Position,
    Servant,
    Unit,
)

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
