"""What the org pages share: the form page, submitting a form (or an action without fields) to a
service, the answers after a write or a refusal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from bagalau.core import bounds, forms
from bagalau.core.context import viewer
from bagalau.core.forms import DomainErrorForm, form_submit
from bagalau.core.htmx import render_page
from bagalau.org import access
from bagalau.org.models import (
    Organisation,
)

FORM_PAGE = "org/form_page.html"
FORM_PARTIAL = "org/partials/form.html"


def _organisation(request: HttpRequest) -> Organisation:
    """The organisation the viewer works in (404 for users outside any)."""
    return access.require_member(request.user, viewer(request).organisation)


def _back(request: HttpRequest, url: str) -> HttpResponse:
    """Back to `url` (HTMX reloads the page)."""
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(url)
    return redirect(url)


def _done(request: HttpRequest, url: str, message: str) -> HttpResponse:
    """After a successful write: a message and back to `url` (HTMX reloads the page)."""
    messages.success(request, message)
    return _back(request, url)


def _act(request: HttpRequest, url: str, call: Callable[[], Any], success: str) -> HttpResponse:
    """An action without fields (a delete) submitted to its service: done, a message and back to
    `url`; refused, the service's reason as the message and back to `url`, nothing written."""
    submission = form_submit(DomainErrorForm(request.POST), lambda _data: call())
    if submission.error is not None:
        messages.error(request, submission.error.message)
        return _back(request, url)
    return _done(request, url, success)


def _args(data: dict[str, Any], **names: str | None) -> dict[str, Any]:
    """A form's cleaned data as the service's keywords: `names` renames a field (``parent=
    "parent_id"``) or, as None, leaves it out (the version of a form creating a row)."""
    args: dict[str, Any] = {}
    for key, value in data.items():
        name = names.get(key, key)
        if name is not None:
            args[name] = value
    return args


def _initial(row: Any, *fields: str, **renamed: str) -> dict[str, Any]:
    """The edit form's initial values from `row`: its `fields`, the form fields `renamed` from
    another attribute (``parent="parent_id"``) and its version (org/services/common.py)."""
    values = {field: getattr(row, field) for field in fields}
    values.update({field: getattr(row, attribute) for field, attribute in renamed.items()})
    values["version"] = row.version
    return values


def _preset(request: HttpRequest, field: str) -> dict[str, Any]:
    """A new row's form preset from the query (``?parent=`` from a unit's "add a unit under it",
    ``?unit=`` for a position): `field` with the id given, nothing when it is missing or not a
    number."""
    value = bounds.ascii_int(request.GET.get(field, ""))
    return {field: value} if value is not None else {}


def _form_page(
    request: HttpRequest,
    form: forms.Form,
    *,
    title: str,
    action: str,
    cancel: str,
    submit: str | None = None,
) -> HttpResponse:
    """The form as a page, or as the partial HTMX swaps in place."""
    context = {
        "form": form,
        "title": title,
        "action": action,
        "cancel": cancel,
        "submit": submit or _("Save"),
    }
    return render_page(request, FORM_PAGE, context, partial=FORM_PARTIAL)


def _handle(
    request: HttpRequest,
    form: DomainErrorForm,
    call: Callable[[dict[str, Any]], Any],
    *,
    title: str,
    action: str,
    cancel: str,
    success: str,
    success_url: str | Callable[[Any], str] | None = None,
    submit: str | None = None,
) -> HttpResponse:
    """GET shows the form; POST validates it, calls the service and redirects (to `success_url`,
    else back to `cancel`), or shows the form again with the service's DomainError next to the
    field it names."""
    if request.method == "POST":
        submission = form_submit(form, call)
        if submission.done:
            result = submission.result
            url = success_url(result) if callable(success_url) else success_url or cancel
            return _done(request, url, success)
    return _form_page(request, form, title=title, action=action, cancel=cancel, submit=submit)
