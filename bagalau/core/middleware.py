"""Project middleware: Kazakh first on web pages; no caching of what a logged-in user sees."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class KazakhFirstMiddleware:
    """Drop the browser's Accept-Language on web pages, so LocaleMiddleware picks the language the
    user chose (the language cookie) or else Kazakh (LANGUAGE_CODE). The API keeps honouring
    Accept-Language for its JSON error messages."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class NoStoreMiddleware:
    """Results, personal data and API answers must not stay in a browser's or a proxy's cache
    (a shared office computer, the back button after logout): every API answer and every page
    served to a logged-in user is sent ``Cache-Control: no-store`` (static files are served by
    WhiteNoise before this and keep their long cache)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        personal = request.path.startswith("/api/") or (user is not None and user.is_authenticated)
        if personal and "no-store" not in response.get("Cache-Control", ""):
            add_never_cache_headers(response)
        return response
