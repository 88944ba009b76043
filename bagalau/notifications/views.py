"""The viewer's notifications (unread first in weight, filter, pages, marking read without a
reload) and the HR service's overdue board."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from bagalau.core import bounds
from bagalau.core.context import Viewer, viewer
from bagalau.core.htmx import render_page
from bagalau.core.navigation import NavItem, Panel, register_nav, register_panel
from bagalau.notifications.due import board_units, overdue_board, overdue_counts
from bagalau.notifications.selectors import (
    FILTERS,
    notification_text,
    notifications_page,
    unread_count,
)
from bagalau.notifications.services import notification_mark_read, notifications_mark_all_read
from bagalau.org.models import Organisation, Unit

LIST = "notifications/partials/list.html"
ITEM = "notifications/partials/item.html"
BOARD = "notifications/partials/overdue.html"


# --- the notification list -----------------------------------------------------------------------


def _show(value: str | None) -> str:
    return value if value in FILTERS else "all"


def _list_context(request: HttpRequest, show: str, page: int | str) -> dict[str, Any]:
    current = notifications_page(request.user, show=show, page=page)
    return {
        "page": current,
        "items": [{"notification": n, "text": notification_text(n)} for n in current],
        "show": show,
        "unread": unread_count(request.user),
    }


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    """Newest first, unread highlighted; all or unread only, 20 a page."""
    context = _list_context(request, _show(request.GET.get("show")), request.GET.get("page") or 1)
    return render_page(request, "notifications/list.html", context, partial=LIST)


@login_required
@require_POST
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark one of the viewer's notifications read (someone else's: 404). HTMX gets the line
    back with the menu badge; a plain form follows the notification's link."""
    notification = notification_mark_read(user=request.user, notification_id=notification_id)
    if getattr(request, "htmx", False):
        context = {
            "item": {"notification": notification, "text": notification_text(notification)},
            "unread": unread_count(request.user),
            "oob": True,
        }
        return render(request, ITEM, context)
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    """Mark everything of the viewer's read; HTMX gets the list back with the menu badge."""
    notifications_mark_all_read(user=request.user)
    show = _show(request.POST.get("show"))
    if getattr(request, "htmx", False):
        context = _list_context(request, show, request.POST.get("page") or 1)
        context["oob"] = True
        return render(request, LIST, context)
    return redirect(f"{reverse('notifications:list')}?show={show}")


# --- the overdue board (HR) ----------------------------------------------------------------------


def _hr_organisation(request: HttpRequest) -> Organisation:
    current = viewer(request)
    if current.organisation is None or not current.is_hr:
        raise PermissionDenied("The overdue board is the HR service's.")
    return current.organisation


def _unit(organisation: Organisation, value: str | None) -> Unit | None:
    unit_id = bounds.ascii_int(value)
    if unit_id is None:
        return None
    return Unit.objects.filter(pk=unit_id, organisation=organisation).first()


@login_required
@require_GET
def overdue(request: HttpRequest) -> HttpResponse:
    """Every overdue task of the organisation — plans, evaluations, calibration — with who must
    act, the due date and the working days late, by kind; filter by unit. Counts and workflow
    only: no score, no rating."""
    organisation = _hr_organisation(request)
    unit = _unit(organisation, request.GET.get("unit"))
    context = {
        "board": overdue_board(organisation, unit=unit),
        "units": [
            {"unit": item, "prefix": "— " * depth} for item, depth in board_units(organisation)
        ],
        "unit": unit,
    }
    return render_page(request, "notifications/overdue.html", context, partial=BOARD)


# --- menu and dashboard --------------------------------------------------------------------------


def _overdue_panel(request: HttpRequest, current: Viewer) -> dict[str, Any] | None:
    """HR: how many tasks are overdue, by kind (nothing when none is), counted in the database
    where it can be (issue 12 item 3)."""
    if current.organisation is None or not current.is_hr:
        return None
    board = overdue_counts(current.organisation)
    if not board.total:
        return None
    return {"board": board}


def register() -> None:
    """The "Overdue" menu entry and dashboard panel (HR service)."""
    register_nav(
        NavItem(
            key="notifications.overdue",
            label=_("Overdue"),
            url_name="notifications:overdue",
            visible=lambda v: v.organisation is not None and v.is_hr,
            order=70,
        )
    )
    register_panel(
        Panel(
            key="notifications.overdue",
            template="notifications/panels/overdue.html",
            context=_overdue_panel,
            order=15,
        )
    )
