"""What every endpoint of the declarative API shares (issue 9 item 3).

- `PersonSerializer`: the one shape of a person (a servant or an account) — id and name.
- `ActionsField`: what the reader may do now with a row (its access module's `*_actions`), sorted.
- `Endpoint`: a DRF `GenericAPIView` whose `get_object()` goes through the entity's access lookup
  (`<entity>_get_for(*, user, id)`: the same 404 for "missing" and "not yours", the read audited
  there when it is a result), whose `serializer_class` serves both the schema and the answer, and
  which reads its input with `body()` into a separate input serializer.
- `ListEndpoint` / `listed()`: a list whose GET answers a `visible_to(user)` selector.
- `ObjectEndpoint`: an object of the URL answered as it is now (`current()`); its
  `DetailEndpoint` / `detailed()`: a GET of it (by default what the access lookup finds).
- `Action` / `posted()`: a POST that runs one service on the object of the URL (or, on a
  list, creates a row) with the body;
  `Step`: the same, answered with the object as it is now rather than the service's result.
- `Edit` / `edited()`: a PUT that runs one service on the object of the URL with the body.
- `body()` / `patched()`: an input serializer validated (400 naming the field on failure).

Errors keep the contract ``{"error": {"field", "message"}}`` (`bagalau.api.errors`, and the schema
documents every error status by itself: `bagalau.api.schema.AutoSchema`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import status as http
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api import serializers


class PersonSerializer(serializers.Serializer[Any]):
    """A person (a servant, or an account) by id and name."""

    id = serializers.IntegerField(source="pk", read_only=True)
    name = serializers.CharField(source="full_name", read_only=True)


@extend_schema_field(serializers.ListField(child=serializers.CharField()))
class ActionsField(serializers.Field[list[str], Any, list[str], Any]):
    """What the reader may do now with the row (read-only): `actions`, the row's access rule
    ``<entity>_actions(user=…, obj=…)`` (its workflow table and the user's parts), sorted."""

    def __init__(self, actions: Callable[..., Iterable[str]], **kwargs: Any) -> None:
        self.actions = actions
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value: Any) -> list[str]:
        return sorted(self.actions(user=self.context["request"].user, obj=value))


def body(
    serializer_class: type[serializers.Serializer[Any]], request: Request, **kwargs: Any
) -> Any:
    """The request body validated by `serializer_class` (a 400 naming the field otherwise)."""
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def patched(
    serializer_class: type[serializers.Serializer[Any]], request: Request, current: dict[str, Any]
) -> dict[str, Any]:
    """A PATCH body over the row's current values."""
    return {**current, **body(serializer_class, request, partial=True)}


class Endpoint(GenericAPIView):  # type: ignore[type-arg]
    """A declarative endpoint: set `serializer_class` (the answer's shape), `get_for` (the access
    lookup, called as ``get_for(user=…, id=…)``) and `lookup_url_kwarg` for an object endpoint,
    or override `get_queryset()` with a `visible_to(user)` selector for a list."""

    get_for: ClassVar[Callable[..., Any] | None] = None

    def get_object(self) -> Any:
        lookup = type(self).get_for
        if lookup is None:
            return super().get_object()
        return lookup(user=self.request.user, id=self.kwargs[self.lookup_url_kwarg or "pk"])

    def answer(self, instance: Any, *, status: int = http.HTTP_200_OK, **kwargs: Any) -> Response:
        """`instance` in the endpoint's shape."""
        return Response(self.get_serializer(instance, **kwargs).data, status=status)

    def created(self, instance: Any) -> Response:
        """201 with the new row in the endpoint's shape."""
        return self.answer(instance, status=http.HTTP_201_CREATED)


class ListEndpoint(Endpoint):
    """A list: GET answers `get_queryset()` (a `visible_to(user)` selector) in the endpoint's
    shape; `listed()` declares its schema."""

    def get(self, request: Request) -> Response:
        return self.answer(self.get_queryset(), many=True)


def listed(
    summary: str | None, serializer_class: type[serializers.Serializer[Any]], **kwargs: Any
) -> Any:
    """The schema of a `ListEndpoint`'s GET: its summary (None: none), many of
    `serializer_class`, and its query parameters in `kwargs`."""
    return extend_schema_view(
        get=extend_schema(summary=summary, responses=serializer_class(many=True), **kwargs)
    )


class ObjectEndpoint(Endpoint):
    """An endpoint on the object of the URL, answered as it is now by `current()`."""

    def current(self) -> Response:
        """The object of the URL as it is now (by default what the access lookup `get_for`
        finds), in the endpoint's shape."""
        return self.answer(self.get_object())


class DetailEndpoint(ObjectEndpoint):
    """An object: GET answers `current()` (what the access lookup `get_for` finds, unless the
    endpoint says otherwise), in the endpoint's shape; `detailed()` declares its schema."""

    def get(self, request: Request, **kwargs: Any) -> Response:
        return self.current()


def detailed(summary: str, **kwargs: Any) -> Any:
    """The schema of a `DetailEndpoint`'s GET: its summary (and an operation id in `kwargs`)."""
    return extend_schema_view(get=extend_schema(summary=summary, **kwargs))


class ServiceEndpoint(Endpoint):
    """What `Action` and `Edit` share: `service` run on the object of the URL, called as
    ``service(actor=…, <lookup_url_kwarg>=…, **body)`` with the body read by `input_class`
    (None: no body), after the access lookup `get_for` when the endpoint has one (its 404
    before the body's 400) unless `lookup_first` is False (the service finds the object itself,
    `get_for` serving the answer only). Without `lookup_url_kwarg` the URL names no object and
    the service gets the body alone (a list's POST that creates a row)."""

    service: ClassVar[Callable[..., Any]]
    input_class: ClassVar[type[serializers.Serializer[Any]] | None] = None
    answer_status: ClassVar[int] = http.HTTP_200_OK
    lookup_first: ClassVar[bool] = True

    def run(self) -> Any:
        """`service` on the URL's object with the validated body; what it returns."""
        if type(self).get_for is not None and type(self).lookup_first:
            self.get_object()
        shape = type(self).input_class
        data = body(shape, self.request) if shape is not None else {}
        key = self.lookup_url_kwarg
        target = {key: self.kwargs[key]} if key else {}
        return type(self).service(actor=self.request.user, **target, **data)


class Action(ServiceEndpoint):
    """A POST that runs `service` on the object of the URL (`ServiceEndpoint.run`). The answer
    is the service's result in the endpoint's shape with `answer_status` (201 for a service that
    creates the row); override `post` for another answer. The schema documents `input_class` as
    the body (`bagalau.api.schema.AutoSchema`)."""

    def post(self, request: Request, **kwargs: Any) -> Response:
        return self.answer(self.run(), status=type(self).answer_status)


class Step(ObjectEndpoint, Action):
    """An `Action` answered with the object of the URL as it is now (`current()`: by default
    what the access lookup `get_for` finds again), not with what the service returns."""

    def post(self, request: Request, **kwargs: Any) -> Response:
        self.run()
        return self.current()


class Edit(ServiceEndpoint):
    """A PUT that runs `service` on the object of the URL (`ServiceEndpoint.run`), answered
    with the service's result in the endpoint's shape. The schema documents `input_class` as
    the body (`bagalau.api.schema.AutoSchema`); `edited()` declares the rest."""

    def put(self, request: Request, **kwargs: Any) -> Response:
        return self.answer(self.run())


def posted(summary: str, **kwargs: Any) -> Any:
    """The schema of an endpoint's POST declared on its class (an `Action`'s): its summary, and
    the request, responses, tags or operation id in `kwargs`."""
    return extend_schema_view(post=extend_schema(summary=summary, **kwargs))


def edited(summary: str, **kwargs: Any) -> Any:
    """The schema of an `Edit`'s PUT: its summary, and the responses, tags or operation id in
    `kwargs`."""
    return extend_schema_view(put=extend_schema(summary=summary, **kwargs))
