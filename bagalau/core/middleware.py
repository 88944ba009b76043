"""Kazakh first: the web UI starts in Kazakh whatever the browser asks for."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


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
