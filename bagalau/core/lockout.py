"""What a locked-out login sees (django-axes calls `lockout_response`; the API's exception
handler calls `lockout_error`): a clear, translated message, 429 Too Many Requests."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_noop as N_

from bagalau.core.errors import DomainError


class LockoutBackend(AxesStandaloneBackend):  # type: ignore[misc]
    """django-axes' check, first of the authentication backends. A call without a request (the
    test client's login(), a management command) is not an attempt over the network: it is let
    through to the password check instead of failing."""

    def authenticate(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)


def lockout_minutes() -> int:
    """How long a lock-out lasts, in whole minutes."""
    return max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))


def lockout_error() -> DomainError:
    """The lock-out as a DomainError (its message in the active language)."""
    return DomainError(
        "$",
        N_(
            "Too many failed logins for this account or from this address. Logging in is "
            "blocked for %(minutes)s minutes; then try again, or ask the HR service to reset "
            "your password."
        ),
        minutes=lockout_minutes(),
    )


def lockout_headers() -> dict[str, str]:
    """When to try again, in seconds."""
    return {"Retry-After": str(lockout_minutes() * 60)}


def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """429 with the message: JSON under /api/, the login page's look elsewhere."""
    error = lockout_error()
    if request.path.startswith("/api/"):
        return JsonResponse(error.as_dict(), status=429, headers=lockout_headers())
    response = render(
        request, "registration/locked_out.html", {"message": error.message}, status=429
    )
    response["Retry-After"] = lockout_headers()["Retry-After"]
    return response
