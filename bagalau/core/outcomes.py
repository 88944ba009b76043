"""How a page answers a step it handed to a service: a button without a form (close a period,
open a survey, sign a session) says its refusal as the page's error message and its success as
the `done` message, then the view goes back to the page the button is on, whichever it was; a
form refused comes back with the status `refusal_status` gives."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.contrib import messages
from django.http import HttpRequest

from bagalau.core.errors import ConflictError, DomainError

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
