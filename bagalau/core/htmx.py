"""One view serves a full page or, for HTMX requests, the partial it swaps in."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def render_page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    partial: str | None = None,
    status: int = 200,
) -> HttpResponse:
    """Render `partial` for HTMX requests (when given), else the full `template`."""
    chosen = partial if partial is not None and getattr(request, "htmx", False) else template
    return render(request, chosen, context, status=status)
