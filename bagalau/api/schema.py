"""The OpenAPI schema tells the truth about errors: every operation documents, with the one error
body ``{"error": {"field", "message"}}``, each error status the API can answer for it.

- 400: a malformed parameter or body, or a broken rule (DomainError) — operations with a request
  body or parameters;
- 403: not logged in, wrong credentials, or not allowed — every operation (the session
  authenticator comes first, so DRF answers 403 rather than 401);
- 404: no such object or not visible to the caller (results are hidden, not refused), or past the
  last page — every operation;
- 409: someone changed the row since it was read — operations that write;
- 413: the body is over the limit — operations with a request body;
- 429: logins locked out after too many failures (HTTP basic auth) — every operation.
An operation that already documents one of these with a body keeps its own.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import inline_serializer

from bagalau.api import serializers
from bagalau.api.base import Action, Edit, ServiceEndpoint

ERROR = inline_serializer(
    name="Error",
    fields={
        "error": inline_serializer(
            name="ErrorBody",
            fields={
                "field": serializers.CharField(
                    help_text='The field or parameter at fault ("$" for the request as a whole).'
                ),
                "message": serializers.CharField(help_text="Why, in the request's language."),
            },
        )
    },
)

DESCRIPTIONS = {
    "400": "Malformed input, or a rule of the methodology or of the workflow is broken.",
    "403": "Not logged in, wrong credentials, or not allowed to do this.",
    "404": "No such object, or not visible to the caller.",
    "409": "Someone else changed it since it was read: reload and try again.",
    "413": "The request body is too large.",
    "429": "Too many failed logins for this account or address: wait, then try again.",
}
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
# The method whose body is the endpoint's `input_class`, by the kind of endpoint.
BODY_OF: dict[str, type[ServiceEndpoint]] = {"POST": Action, "PUT": Edit}


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's AutoSchema plus the error responses above; the body of an `Action`'s
    POST and of an `Edit`'s PUT is its `input_class` (none without one), an `Action`'s answer
    documented under its `answer_status` (201 where it creates the row)."""

    def get_request_serializer(self) -> Any:
        kind = BODY_OF.get(self.method)
        if kind is not None and isinstance(self.view, kind):
            return self.view.input_class
        return super().get_request_serializer()

    def error_codes(self) -> list[str]:
        """The error statuses this operation can answer."""
        has_body = self.method in {"POST", "PUT", "PATCH"}
        has_parameters = bool(self._get_parameters())
        codes = ["403", "404", "429"]
        if has_body or has_parameters:
            codes.append("400")
        if self.method in WRITES:
            codes.append("409")
        if has_body:
            codes.append("413")
        return sorted(codes)

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        answered = str(self.view.answer_status) if isinstance(self.view, Action) else None
        if self.method == "POST" and answered and answered not in responses and "200" in responses:
            responses[answered] = responses.pop("200")
        for code in self.error_codes():
            documented = responses.get(code)
            if documented is not None and "content" in documented:
                continue
            response = self._get_response_for_code(  # type: ignore[no-untyped-call]
                ERROR, code, direction=direction
            )
            response["description"] = (documented or {}).get("description") or DESCRIPTIONS[code]
            responses[code] = response
        return dict(sorted(responses.items()))
