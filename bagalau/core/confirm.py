"""The confirmation step before what cannot be undone (issue 13 item 4), shared by the pages
of the editions whose steps have no summary of their own (typical-2018 App. 2 / App. 3, moj-2017
App. 3 / App. 4, the commission's App. 5 protocol): a POST without ``confirm=1`` does nothing and
answers a page that says what will be signed, carrying the posted fields to the button that
does it. The API keeps its contract: an API client confirms by calling."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest, HttpResponse

from bagalau.core.htmx import render_page

#: Posted fields the confirmation form does not carry over.
_NOT_CARRIED = {"csrfmiddlewaretoken", "confirm"}


def confirmed(request: HttpRequest) -> bool:
    """Whether the POST comes from the confirmation page's button."""
    return request.POST.get("confirm") == "1"


def confirm_page(
    request: HttpRequest,
    *,
    title: str,
    message: str,
    facts: Iterable[tuple[str, Any]] = (),
    submit: str,
    back_url: str,
    back: str,
) -> HttpResponse:
    """The confirmation page: `message` (what will be done, that nothing is done yet), the
    `facts` to be signed as (label, value), and a form posting the same fields again with
    ``confirm=1`` to the same address."""
    carried = [
        (name, value)
        for name in request.POST
        if name not in _NOT_CARRIED
        for value in request.POST.getlist(name)
    ]
    context = {
        "title": title,
        "message": message,
        "facts": list(facts),
        "submit": submit,
        "back_url": back_url,
        "back": back,
        "action": request.path,
        "carried": carried,
    }
    return render_page(request, "core/confirm_step.html", context)
