"""The administrator's pages (SPEC §1-3): roles, transferred days off, the editions in force."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bagalau.core import clock
from bagalau.core.forms import DomainErrorForm, form_submit
from bagalau.core.htmx import render_page
from bagalau.core.language import reader_language
from bagalau.core.visible import visible_one
from bagalau.methodology import MethodologyError, edition_codes, get_edition
from bagalau.org import access, services
from bagalau.org.edition_settings import edition_sheet
from bagalau.org.forms import (
    CalendarTransferForm,
    EditionForm,
    RoleGrantForm,
)
from bagalau.org.models import (
    CalendarTransfer,
    EditionAssignment,
    Organisation,
    RoleAssignment,
)
from bagalau.org.selectors import (
    organisation_edition,
)
from bagalau.org.views.common import FORM_PARTIAL, _act, _done, _organisation

#: A row that belongs to an organisation (a role or an edition assignment).
_Row = TypeVar("_Row", RoleAssignment, EditionAssignment)


def _admin_organisation(request: HttpRequest) -> Organisation:
    organisation = _organisation(request)
    access.require_admin(request.user, organisation)
    return organisation


def _admin_row(request: HttpRequest, rows: QuerySet[_Row], row_id: int, missing: str) -> _Row:
    """The row `row_id` of `rows` (404 with `missing` when there is none), for an administrator
    of its organisation only (`access.require_admin`: 404 outside it, 403 for other members)."""
    found = visible_one(rows.select_related("organisation"), row_id, missing)
    access.require_admin(request.user, found.organisation)
    return found


def _admin_page(
    request: HttpRequest,
    template: str,
    form: DomainErrorForm,
    call: Callable[[dict[str, Any]], Any],
    context: dict[str, Any],
    *,
    url: str,
    success: str,
) -> HttpResponse:
    """An administration list with its form: POST adds a row, errors show next to the field."""
    if request.method == "POST" and form_submit(form, call).done:
        return _done(request, url, success)
    context = {**context, "form": form, "action": url, "submit": _("Add"), "cancel": ""}
    return render_page(request, template, context, partial=FORM_PARTIAL)


@login_required
def administration(request: HttpRequest) -> HttpResponse:
    """Roles of the organisation's users: grant and revoke (admin)."""
    organisation = _admin_organisation(request)
    form = RoleGrantForm(request.POST or None, organisation=organisation)
    roles = (
        RoleAssignment.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("role", "user__username", "pk")
    )
    return _admin_page(
        request,
        "org/admin_roles.html",
        form,
        lambda d: services.role_grant(
            actor=request.user, organisation=organisation, user_id=d["user"], role=d["role"]
        ),
        {"roles": roles, "tab": "roles", "organisation": organisation},
        url=reverse("org:administration"),
        success=_("The role was granted."),
    )


@login_required
@require_POST
def role_revoke(request: HttpRequest, role_id: int) -> HttpResponse:
    """Take a role away (admin)."""
    granted = _admin_row(request, RoleAssignment.objects.all(), role_id, "No such role.")
    back = reverse("org:administration")
    return _act(
        request,
        back,
        lambda: services.role_revoke(actor=request.user, role_assignment_id=granted.pk),
        _("The role was revoked."),
    )


@login_required
def calendar_transfers(request: HttpRequest) -> HttpResponse:
    """The government's transferred days off (admin)."""
    _admin_organisation(request)
    form = CalendarTransferForm(request.POST or None)
    transfers = CalendarTransfer.objects.order_by("-working_day", "-day_off", "-pk")
    return _admin_page(
        request,
        "org/admin_calendar.html",
        form,
        lambda d: services.calendar_transfer_create(
            actor=request.user,
            working_day=d["working_day"],
            day_off=d["day_off"],
            note=d["note"],
        ),
        {"transfers": transfers, "tab": "calendar"},
        url=reverse("org:calendar"),
        success=_("The transfer was added."),
    )


@login_required
@require_POST
def calendar_transfer_delete(request: HttpRequest, transfer_id: int) -> HttpResponse:
    """Remove a transferred day off (admin)."""
    _admin_organisation(request)
    back = reverse("org:calendar")
    return _act(
        request,
        back,
        lambda: services.calendar_transfer_delete(actor=request.user, transfer_id=transfer_id),
        _("The transfer was removed."),
    )


@login_required
def editions(request: HttpRequest) -> HttpResponse:
    """The editions in force in the organisation, by date (admin)."""
    organisation = _admin_organisation(request)
    form = EditionForm(request.POST or None)
    day = clock.today()
    rows = [
        {
            "assignment": a,
            "title": get_edition(a.edition).title.get(reader_language()),
            "future": a.valid_from > day,
        }
        for a in EditionAssignment.objects.filter(organisation=organisation).order_by("-valid_from")
    ]
    try:
        in_force = organisation_edition(organisation, day)
    except MethodologyError:  # the organisation's first edition starts later
        in_force = None
    return _admin_page(
        request,
        "org/admin_editions.html",
        form,
        lambda d: services.edition_assign(
            actor=request.user,
            organisation=organisation,
            edition=d["edition"],
            valid_from=d["valid_from"],
        ),
        {
            "rows": rows,
            "in_force": in_force,
            "tab": "editions",
            "organisation": organisation,
            "editions": [
                {"code": code, "act": get_edition(code).act.get(reader_language())}
                for code in edition_codes()
            ],
        },
        url=reverse("org:editions"),
        success=_("The edition was entered."),
    )


@login_required
def edition_settings(request: HttpRequest, code: str) -> HttpResponse:
    """What an edition prescribes and where each rule comes from (admin; issue 10 item 1)."""
    organisation = _admin_organisation(request)
    try:
        sheet = edition_sheet(code)
    except KeyError:
        raise Http404("No such edition.") from None
    context = {"sheet": sheet, "tab": "editions", "organisation": organisation}
    return render_page(request, "org/admin_edition.html", context)


@login_required
@require_POST
def edition_delete(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """Withdraw an edition entered for a future date (admin)."""
    found = _admin_row(
        request, EditionAssignment.objects.all(), assignment_id, "No such edition assignment."
    )
    back = reverse("org:editions")
    return _act(
        request,
        back,
        lambda: services.edition_unassign(actor=request.user, edition_assignment_id=found.pk),
        _("The edition was withdrawn."),
    )
