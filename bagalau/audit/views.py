"""The audit log page for the head of the HR service."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from bagalau.audit.presenting import entry_rows, filter_choices
from bagalau.audit.selectors import audit_entries, can_read_log
from bagalau.core.context import Viewer, viewer
from bagalau.core.htmx import render_page
from bagalau.core.navigation import NavItem, register_nav
from bagalau.core.paging import paginate


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@login_required
def audit_log_page(request: HttpRequest) -> HttpResponse:
    """Who read or changed what, when, with old and new values; filterable, 50 a page."""
    current = viewer(request)
    filters = {
        "actor": request.GET.get("actor", "").strip(),
        "action": request.GET.get("action", "").strip(),
        "object_type": request.GET.get("object_type", "").strip(),
        "object_id": request.GET.get("object_id", "").strip(),
    }
    entries = audit_entries(
        current,
        since=_date(request.GET.get("since", "")),
        until=_date(request.GET.get("until", "")),
        **filters,
    )
    page = paginate(request, entries)
    assert current.organisation is not None  # audit_entries refused otherwise
    context = {
        "page": page,
        "rows": entry_rows(page.object_list),
        "filters": {
            **filters,
            "since": request.GET.get("since", ""),
            "until": request.GET.get("until", ""),
        },
        "choices": filter_choices(current.organisation.pk),
    }
    return render_page(request, "audit/log.html", context, partial="audit/partials/entries.html")


def register() -> None:
    """The menu entry, for the head of the HR service."""

    def visible(who: Viewer) -> bool:
        return can_read_log(who)

    register_nav(NavItem("audit", _("Audit log"), "audit:log", visible, order=90))
