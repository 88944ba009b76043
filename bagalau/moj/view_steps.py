"""How the moj-2017 pages take a step through a service (the App. 1 plan, the App. 3 and App. 4
sheets): the step is written and said, or the object's page comes back with status 400 showing
why, nothing written."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse

from bagalau.core.errors import DomainError
from bagalau.core.forms import DomainErrorForm, form_submit

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise


def form_step(
    request: HttpRequest,
    obj: Any,
    page: Callable[..., HttpResponse],
    *,
    form: DomainErrorForm,
    key: str,
    write: Callable[[dict[str, Any]], object],
    saved: StrOrPromise,
) -> HttpResponse | None:
    """Hand the bound `form` to the service call `write`: None once written (and `saved` said),
    otherwise the object's `page` with status 400 and the form, its errors on the fields, as
    the page's `key` form."""
    done = form_submit(form, write)
    if not done.done:
        return page(request, obj, status=400, **{key: form})
    messages.success(request, saved)
    return None


def plain_step(
    request: HttpRequest,
    obj: Any,
    page: Callable[..., HttpResponse],
    *,
    write: Callable[[], object],
    saved: StrOrPromise,
) -> HttpResponse | None:
    """Take a step without a form through the service call `write`: None once written (and
    `saved` said), otherwise the object's `page` with status 400 and the refusal as its
    `error`."""
    try:
        write()
    except DomainError as error:
        return page(request, obj, status=400, error=error.message)
    messages.success(request, saved)
    return None
