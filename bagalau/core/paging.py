"""One way to cut a long list into pages (issue 12 item 3, issue 13 item 8): `paginate` gives the
page of the request's `?page=` and the query string of the other parameters (the filters), which
the shared partial `core/pagination.html` repeats in its links, so moving between pages keeps the
filters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

#: Rows a page, unless a page says otherwise.
PAGE_SIZE = 50


def paginate(
    request: HttpRequest,
    items: QuerySet[Any] | Sequence[Any],
    per_page: int | None = None,
    *,
    param: str = "page",
) -> Page[Any]:
    """The requested page of `items` (the last one past the end, the first for garbage), with
    `page.query`: the request's other parameters, urlencoded, ending with "&" when not empty,
    and `page.param`: the parameter that numbers the pages (another list of the same page
    takes its own, so that each keeps its place)."""
    page = Paginator(items, per_page or PAGE_SIZE).get_page(request.GET.get(param))
    rest = request.GET.copy()
    rest.pop(param, None)
    encoded = rest.urlencode()
    page.query = f"{encoded}&" if encoded else ""  # type: ignore[attr-defined]
    page.param = param  # type: ignore[attr-defined]
    return page
