"""JSON errors of the REST API: ``{"error": {"field", "message"}}`` like the calculator."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from bagalau.core.errors import ConflictError, DomainError
from bagalau.methodology import MethodologyError


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Domain errors become 400 (409 for a lost race); every error names a field (``$`` when
    none applies) and speaks the request's language."""
    if isinstance(exc, MethodologyError):
        exc = DomainError.from_methodology(exc)
    if isinstance(exc, DomainError):
        code = status.HTTP_409_CONFLICT if isinstance(exc, ConflictError) else 400
        return Response(exc.as_dict(), status=code)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    field, message = "$", ""
    if isinstance(exc, Http404 | PermissionDenied) or (isinstance(data, dict) and "detail" in data):
        message = str(data.get("detail", "")) if isinstance(data, dict) else str(exc)
    elif isinstance(data, dict) and data:
        field, value = next(iter(data.items()))
        while isinstance(value, dict) and value:
            inner, value = next(iter(value.items()))
            field = f"{field}.{inner}"
        message = str(value[0] if isinstance(value, list) and value else value)
        field = "$" if field == "non_field_errors" else field
    elif isinstance(data, list) and data:
        message = str(data[0])
    response.data = {"error": {"field": field, "message": message}}
    return response
