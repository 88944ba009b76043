"""JSON errors of the REST API: ``{"error": {"field", "message"}}`` like the calculator."""

from typing import Any

from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, reshaped so every error names a field (``$`` when none applies)."""
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    field, message = "$", ""
    if isinstance(data, dict) and "detail" in data:
        message = str(data["detail"])
    elif isinstance(data, dict) and data:
        field, value = next(iter(data.items()))
        message = str(value[0] if isinstance(value, list) and value else value)
        field = "$" if field == "non_field_errors" else field
    elif isinstance(data, list) and data:
        message = str(data[0])
    response.data = {"error": {"field": field, "message": message}}
    return response
