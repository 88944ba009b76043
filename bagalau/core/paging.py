"""One way to cut a long list into pages (issue 12 item 3, issue 13 item 8): `paginate` gives the
page of the request's `?page=` and the query string of the other parameters (the filters), which
the shared partial `core/pagination.html` repeats in its links, so moving between pages keeps the
filters."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cached_property
from typing import Any, Generic, TypeVar, overload

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

#: Rows a page, unless a page says otherwise.
PAGE_SIZE = 50

T = TypeVar("T")


class ListedInSql(Generic[T]):
    """A list too long to read whole, for `paginate`: a subclass says how many rows there are
    (`total`) and reads rows `offset` to `offset + limit` (`rows`), each one query; the count is
    asked once, and a page is one slice."""

    def total(self) -> int:
        raise NotImplementedError

    def rows(self, offset: int, limit: int) -> list[T]:
        raise NotImplementedError

    @cached_property
    def _count(self) -> int:
        return self.total()

    def count(self) -> int:
        """How many rows (one query, then remembered)."""
        return self._count

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[T]:
        return iter(self.rows(0, self._count))

    @overload
    def __getitem__(self, key: int) -> T: ...

    @overload
    def __getitem__(self, key: slice) -> list[T]: ...

    def __getitem__(self, key: int | slice) -> T | list[T]:
        if isinstance(key, int):
            found = self.rows(key, 1)
            if not found:
                raise IndexError(key)
            return found[0]
        start, stop, step = key.indices(self._count)
        if step != 1:
            raise ValueError("A list read in SQL is sliced in steps of one.")
        return self.rows(start, stop - start)


def paginate(
    request: HttpRequest,
    items: QuerySet[Any] | Sequence[Any] | ListedInSql[Any],
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
