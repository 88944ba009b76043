"""The register of decisions (seed 002 p.8): the list (the HR service's whole register, a
servant's own entries) and the HR service's form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bagalau.consequences.access import may_record
from bagalau.consequences.forms import DecisionForm
from bagalau.consequences.selectors import (
    decisions_filtered,
    kind_choices,
    permitted_kinds,
    rows_of,
)
from bagalau.consequences.services import decision_record
from bagalau.core import bounds
from bagalau.core.context import viewer
from bagalau.core.forms import form_submit
from bagalau.core.paging import paginate


@login_required
def decision_list(request: HttpRequest) -> HttpResponse:
    """The entries the viewer may read, newest order first."""
    current = viewer(request)
    organisation = current.organisation
    can_record = organisation is not None and may_record(request.user, organisation)
    kind = request.GET.get("kind", "").strip()[:20]
    query = request.GET.get("q", "").strip().replace("\x00", "")[:100]
    page = paginate(request, decisions_filtered(request.user, kind=kind, query=query))
    context = {
        "rows": rows_of(request.user, page.object_list),
        "page": page,
        "filters": {"kind": kind, "q": query},
        "kind_choices": kind_choices(organisation) if organisation is not None else [],
        "can_record": can_record,
        "kinds": permitted_kinds(organisation) if can_record and organisation else [],
    }
    return render(request, "consequences/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def decision_new(request: HttpRequest) -> HttpResponse:
    """The HR service records a decision; errors are shown on the fields, nothing is written."""
    organisation = viewer(request).organisation
    if organisation is None or not may_record(request.user, organisation):
        raise PermissionDenied("Only the HR service records decisions.")
    if request.method == "GET":
        wanted = request.GET.get("evaluation", "")
        chosen = bounds.ascii_id(wanted)
        initial = {} if chosen is None else {"evaluation": chosen}
        form = DecisionForm(organisation=organisation, initial=initial)
        return render(request, "consequences/form.html", {"form": form})
    form = DecisionForm(request.POST, organisation=organisation)
    submitted = form_submit(
        form,
        lambda data: decision_record(
            actor=request.user,
            organisation=organisation,
            evaluation_id=data["evaluation"],
            kind=data["kind"],
            decided_by=data["decided_by"],
            order_number=data["order_number"],
            order_date=data["order_date"],
            reason=data["reason"],
        ),
    )
    if submitted.done:
        messages.success(request, _("The decision was recorded."))
        return redirect("consequences:list")
    return render(request, "consequences/form.html", {"form": form}, status=400)
