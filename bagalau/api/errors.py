"""JSON errors of the REST API: ``{"error": {"field", "message"}}`` like the calculator."""

from typing import Any

from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
)
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, gettext_noop
from django.views import defaults
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from bagalau.api.parsers import PayloadTooLarge
from bagalau.core.errors import ConflictError, DomainError
from bagalau.core.lockout import lockout_error, lockout_headers
from bagalau.methodology import MethodologyError


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Domain errors become 400 (409 for a lost race); every error names a field (``$`` when
    none applies) and speaks the request's language: a refusal raised as Django's `Http404` or
    `PermissionDenied` answers the one translated "Not found." or "no permission", never the
    English reason the code gives (a note for its readers)."""
    if getattr(context.get("request"), "axes_locked_out", False):  # HTTP basic auth, locked out
        return Response(lockout_error().as_dict(), status=429, headers=lockout_headers())
    if isinstance(exc, MethodologyError):
        exc = DomainError.from_methodology(exc)
    if isinstance(exc, DomainError):
        code = status.HTTP_409_CONFLICT if isinstance(exc, ConflictError) else 400
        return Response(exc.as_dict(), status=code)
    if isinstance(exc, RequestDataTooBig):  # a multipart body's fields over the limit
        exc = PayloadTooLarge()
    elif isinstance(exc, SuspiciousOperation):  # too many fields, a malformed multipart body
        return Response(_error(MESSAGES[400]), status=400)
    elif isinstance(exc, Http404):  # an access lookup: missing and not yours read alike
        return Response(_error(MESSAGES[404]), status=404)
    elif isinstance(exc, PermissionDenied):  # Django's, whose reason is the developer's English
        return Response(_error(MESSAGES[403]), status=403)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    field, message = "$", ""
    if isinstance(data, dict) and "detail" in data:
        message = str(data["detail"])
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


# The API's answers outside its views (an unknown URL, a non-integer id, an error in Django's
# own request handling) in the same JSON, never Django's HTML pages.
MESSAGES = {
    400: gettext_noop("The request is malformed."),
    403: gettext_noop("You do not have permission to perform this action."),
    404: gettext_noop("Not found."),
    500: gettext_noop("A server error occurred."),
}


def _error(template: str, field: str = "$") -> dict[str, dict[str, str]]:
    return {"error": {"field": field, "message": gettext(template)}}


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400: JSON under /api/ (413 for a body over the limit), Django's page elsewhere."""
    if not _is_api(request):
        return defaults.bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):
        return JsonResponse(
            {"error": {"field": "$", "message": str(PayloadTooLarge().detail)}}, status=413
        )
    return JsonResponse(_error(MESSAGES[400]), status=400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler403: JSON under /api/, the site's 403 page elsewhere."""
    if not _is_api(request):
        return defaults.permission_denied(request, exception)
    return JsonResponse(_error(MESSAGES[403]), status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler404: JSON under /api/ (an unknown URL, a non-integer id), the 404 page elsewhere."""
    if not _is_api(request):
        return defaults.page_not_found(request, exception)
    return JsonResponse(_error(MESSAGES[404]), status=404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form sent without its valid token (the page stood open past a new
    sign-in in another tab, or cookies are off) is refused with the site's page in the reader's
    language, saying that nothing was saved and how to go on; JSON under /api/."""
    if _is_api(request):
        return JsonResponse(_error(MESSAGES[403]), status=403)
    referer = request.headers.get("referer", "")
    same_site = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    context = {"back": referer if same_site else "", "no_cookie": reason == REASON_NO_CSRF_COOKIE}
    return render(request, "403_csrf.html", context, status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: JSON under /api/, Django's page elsewhere (the traceback goes to the log)."""
    if not _is_api(request):
        return defaults.server_error(request)
    return JsonResponse(_error(MESSAGES[500]), status=500)
