"""What the org endpoints share: the organisation a request works in (`organisation_of`; the one
an HR servant acts in: `hr_organisation`), and the two generic
endpoints every kind of row is served by — `RowList` (GET the rows, POST a new one) and
`RowDetail` (GET, PATCH, DELETE one) — parameterised by the answer's serializer, the input
serializer, the access lookup (`bagalau.org.access.<entity>_get_for`) and the service they call.
`RowSchema` documents each of them from those same attributes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import status as http
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api import serializers
from bagalau.api.base import Endpoint, body, patched
from bagalau.api.params import int_param
from bagalau.api.schema import AutoSchema
from bagalau.core.context import viewer
from bagalau.core.types import User
from bagalau.org import access
from bagalau.org.models import Organisation, Role
from bagalau.org.selectors import organisations_where

ORGANISATION = OpenApiParameter(
    "organisation",
    OpenApiTypes.INT,
    description="Work in this organisation (default: the user's current one).",
)


def organisation_of(request: Request) -> Organisation:
    """The organisation asked for (?organisation=), else the user's current one."""
    wanted = int_param(request, "organisation")
    if wanted is not None:
        return access.organisation_for(request.user, wanted)
    return access.require_member(request.user, viewer(request).organisation)


def hr_organisation(user: User, wanted: int | None, refusal: str) -> Organisation:
    """The organisation where `user` is HR or the head of HR: the one `wanted`, else the first
    (by id); 403 with `refusal` when there is none."""
    hr_of = organisations_where(user, Role.HR, Role.HR_HEAD)
    if wanted is None:
        organisation = hr_of.order_by("pk").first()
    else:
        organisation = hr_of.filter(pk=wanted).first()
    if organisation is None:
        raise PermissionDenied(refusal)
    return organisation


class RowSchema(AutoSchema):
    """The schema of an org endpoint, read from the view: tagged "org"; the input serializer is
    the body of POST and PATCH; GET of a list answers many rows; a POST that creates answers 201
    (in `created_class`'s shape when it has one); DELETE answers 204."""

    def get_tags(self) -> list[str]:
        return ["org"]

    def get_override_parameters(self) -> list[Any]:
        view = self.view
        found = [ORGANISATION] if getattr(view, "in_organisation", False) else []
        return [*found, *(getattr(view, "query", []) if self.method == "GET" else [])]

    def get_request_serializer(self) -> Any:
        if self.method in {"POST", "PATCH"}:
            return getattr(self.view, "input_class", None)
        return None

    def get_response_serializers(self) -> Any:
        view: Any = self.view
        shape = view.get_serializer_class()
        if self.method == "DELETE":
            return {204: None}
        if self.method == "GET" and getattr(view, "many", False):
            return shape(many=True)
        if self.method == "POST" and getattr(view, "creates", False):
            return {201: getattr(view, "created_class", None) or shape}
        return shape


class OrgEndpoint(Endpoint):
    """An org endpoint: its `serializer_class` answers, its `input_class` reads the body."""

    schema = RowSchema()
    input_class: ClassVar[type[serializers.Serializer[Any]] | None] = None
    many: ClassVar[bool] = False
    creates: ClassVar[bool] = False
    in_organisation: ClassVar[bool] = False
    query: ClassVar[list[OpenApiParameter]] = []

    def data(self) -> Any:
        """The request body, validated by `input_class`."""
        assert self.input_class is not None
        return body(self.input_class, self.request)


class RowList(OrgEndpoint):
    """GET the rows of the organisation the request works in (`rows`); POST a new one (`create`,
    which calls the service; the service decides who may)."""

    many = True
    creates = True
    in_organisation = True
    created_class: ClassVar[type[serializers.Serializer[Any]] | None] = None

    def organisation(self) -> Organisation | None:
        """The organisation of the request (None for national rows)."""
        return organisation_of(self.request) if self.in_organisation else None

    def rows(self, organisation: Any) -> Iterable[Any]:
        raise NotImplementedError

    def create(self, organisation: Any, data: Any) -> Any:
        raise NotImplementedError

    def shared(self, organisation: Any) -> dict[str, Any]:
        """What the shape reads once for all the rows (the serializer's context)."""
        return {}

    def get(self, request: Request) -> Response:
        organisation = self.organisation()
        context = {**self.get_serializer_context(), **self.shared(organisation)}
        return self.answer(self.rows(organisation), many=True, context=context)

    def post(self, request: Request) -> Response:
        organisation = self.organisation()
        row = self.create(organisation, self.data())
        context = {**self.get_serializer_context(), **self.shared(organisation)}
        shape = self.created_class or self.get_serializer_class()
        return Response(shape(row, context=context).data, status=http.HTTP_201_CREATED)


class RowDetail(OrgEndpoint):
    """GET a row the user may reach (`get_for`); PATCH it over its current values (`current`,
    `update`); DELETE it (`remove`). `http_method_names` says which of them a row has."""

    def current(self, row: Any) -> dict[str, Any]:
        """The row's values under the input serializer's names (what a PATCH leaves out)."""
        raise NotImplementedError

    def update(self, row: Any, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def remove(self, row: Any) -> None:
        raise NotImplementedError

    def get(self, request: Request, **kwargs: int) -> Response:
        return self.answer(self.get_object())

    def patch(self, request: Request, **kwargs: int) -> Response:
        row = self.get_object()
        assert self.input_class is not None
        return self.answer(self.update(row, patched(self.input_class, request, self.current(row))))

    def delete(self, request: Request, **kwargs: int) -> Response:
        self.remove(self.get_object())
        return Response(status=http.HTTP_204_NO_CONTENT)
