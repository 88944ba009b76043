"""How a page answers a step it handed to a service. A button without a form (close a period,
open a survey, sign a session) says its refusal as the page's error message and its success as
the `done` message, then the view goes back to the page the button is on, whichever it was
(`run_and_say`). A step of an object's page (a moj-2017 plan or sheet, a typical-2018 schedule or
sheet) is written and said, or the object's page comes back with status 400 showing why, nothing
written (`form_step`, `plain_step`). A form refused elsewhere comes back with the status
`refusal_status` gives."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse

from bagalau.core.errors import ConflictError, DomainError
from bagalau.core.forms import DomainErrorForm, form_submit

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise


def run_and_say(request: HttpRequest, call: Callable[[], object], done: StrOrPromise) -> None:
    """Run the button's service `call`: a `DomainError` is said as an error message (nothing was
    written: the service's transaction rolled back), else `done` as the success message."""
    try:
        call()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)


def refusal_status(error: DomainError | None) -> int:
    """The status of a page shown again after a write was refused: 409 when the row changed since
    the user read it (a `ConflictError`, `bagalau.core.concurrency`), else 400 (the service's
    refusal, or an invalid form the service never saw)."""
    return 409 if isinstance(error, ConflictError) else 400


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
