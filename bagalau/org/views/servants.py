"""The servants' pages (SPEC §2): the list, a servant's page, HR's personal data, login,
appointment, transfer, dismissal and managers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from bagalau.core import clock
from bagalau.core.context import viewer
from bagalau.core.htmx import render_page
from bagalau.org import access, services
from bagalau.org.forms import (
    AbsenceForm,
    AppointForm,
    DismissForm,
    LoginForm,
    ManagersForm,
    NewServantForm,
    ServantForm,
)
from bagalau.org.models import (
    Assignment,
    Servant,
)
from bagalau.org.selectors import (
    assignment_on,
    direct_manager,
    superior_manager,
)
from bagalau.org.views.common import _args, _handle, _initial, _organisation

#: The managers form's fields taken from the assignment's attributes.
MANAGERS_FIELDS = {
    "direct_manager": "direct_manager_id",
    "superior_manager": "superior_manager_id",
    "reason": "managers_reason",
}


@login_required
def servant_list(request: HttpRequest) -> HttpResponse:
    """Servants of the organisation with their current post; search by name or number."""
    organisation = _organisation(request)
    query = request.GET.get("q", "").strip()
    servants = access.servants_listed(request.user, organisation, query)
    day = clock.today()
    current = {
        a.servant_id: a
        for a in Assignment.objects.select_related("position__unit")
        .filter(servant__organisation=organisation, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .order_by("start", "pk")
    }
    privileged = access.is_hr(request.user, organisation) or access.is_admin(
        request.user, organisation
    )
    me = viewer(request).servant
    rows = [
        {
            "servant": s,
            "assignment": current.get(s.pk),
            "can_open": privileged or (me is not None and me.pk == s.pk),
        }
        for s in servants[:500]
    ]
    context = {
        "rows": rows,
        "query": query,
        "can_edit": access.is_hr(request.user, organisation),
    }
    return render_page(
        request, "org/servant_list.html", context, partial="org/partials/servant_rows.html"
    )


@login_required
def servant_create(request: HttpRequest) -> HttpResponse:
    """Register a servant, optionally with a login (HR)."""
    organisation = _organisation(request)
    access.require_hr(request.user, organisation)
    form = NewServantForm(request.POST or None)
    return _handle(
        request,
        form,
        lambda d: services.servant_create(
            actor=request.user, organisation=organisation, **_args(d, version=None)
        ),
        title=_("New servant"),
        action=reverse("org:servant_create"),
        cancel=reverse("org:servants"),
        success_url=lambda s: reverse("org:servant", args=[s.pk]),
        success=_("The servant was registered."),
    )


def _servant_page(servant: Servant) -> str:
    return reverse("org:servant", args=[servant.pk])


@login_required
def servant_detail(request: HttpRequest, servant_id: int) -> HttpResponse:
    """A servant's personal page: current post, managers, history and absences; HR actions."""
    servant = access.servant_get_for(user=request.user, id=servant_id)
    organisation = servant.organisation
    day = clock.today()
    current = assignment_on(servant, day)
    can_edit = access.is_hr(request.user, organisation)
    context: dict[str, Any] = {
        "servant": servant,
        "day": day,
        "post": current,
        "on_probation": bool(
            current and current.probation_until and current.probation_until >= day
        ),
        "direct": direct_manager(servant, day),
        "superior": superior_manager(servant, day),
        "history": servant.assignments.select_related(
            "position__unit", "direct_manager", "superior_manager"
        ).order_by("-start", "-pk"),
        "absences": servant.absences.order_by("-start", "-pk"),
        "can_edit": can_edit,
    }
    if can_edit:
        # Several forms share field names (start, end, version) on this page: each its own ids,
        # so that every label names its own field.
        context["absence_form"] = AbsenceForm(auto_id="absence_%s")
        if current is None:
            context["appoint_form"] = AppointForm(organisation=organisation, auto_id="appoint_%s")
        else:
            context["transfer_form"] = AppointForm(organisation=organisation, auto_id="transfer_%s")
            context["dismiss_form"] = DismissForm(auto_id="dismiss_%s")
            context["managers_form"] = ManagersForm(
                organisation=organisation,
                initial=_initial(current, **MANAGERS_FIELDS),
                auto_id="managers_%s",
            )
        if servant.user_id is None:
            context["login_form"] = LoginForm(auto_id="login_%s")
    return render_page(request, "org/servant_detail.html", context)


def _servant_for_hr(request: HttpRequest, servant_id: int) -> Servant:
    servant = access.colleague_get_for(user=request.user, id=servant_id)
    access.require_hr(request.user, servant.organisation)
    return servant


@login_required
def servant_edit(request: HttpRequest, servant_id: int) -> HttpResponse:
    """Correct a servant's personal data (HR)."""
    servant = _servant_for_hr(request, servant_id)
    initial = _initial(
        servant, "last_name", "first_name", "patronymic", "personnel_number", "email"
    )
    form = ServantForm(request.POST or None, initial=initial)
    return _handle(
        request,
        form,
        lambda d: services.servant_update(actor=request.user, servant_id=servant.pk, **d),
        title=_("Edit servant"),
        action=reverse("org:servant_edit", args=[servant.pk]),
        cancel=_servant_page(servant),
        success=_("The servant was saved."),
    )


@login_required
def servant_login(request: HttpRequest, servant_id: int) -> HttpResponse:
    """Give a servant without a login one (HR)."""
    servant = _servant_for_hr(request, servant_id)
    form = LoginForm(request.POST or None)
    return _handle(
        request,
        form,
        lambda d: services.servant_grant_login(actor=request.user, servant_id=servant.pk, **d),
        title=_("Create a login"),
        action=reverse("org:servant_login", args=[servant.pk]),
        cancel=_servant_page(servant),
        success=_("The login was created."),
        submit=_("Create"),
    )


def _place(
    request: HttpRequest,
    servant_id: int,
    service: Callable[..., Any],
    *,
    title: str,
    view: str,
    success: str,
    submit: str,
) -> HttpResponse:
    """Appoint or transfer the servant to a position from a date (HR)."""
    servant = _servant_for_hr(request, servant_id)
    form = AppointForm(request.POST or None, organisation=servant.organisation)
    return _handle(
        request,
        form,
        lambda d: service(
            actor=request.user,
            servant_id=servant.pk,
            position_id=d["position"],
            start=d["start"],
            probation_until=d["probation_until"],
        ),
        title=title % {"servant": servant.full_name},
        action=reverse(view, args=[servant.pk]),
        cancel=_servant_page(servant),
        success=success,
        submit=submit,
    )


@login_required
def servant_appoint(request: HttpRequest, servant_id: int) -> HttpResponse:
    """Appoint the servant to a position (HR)."""
    return _place(
        request,
        servant_id,
        services.servant_appoint,
        title=_("Appoint %(servant)s"),
        view="org:servant_appoint",
        success=_("The servant was appointed."),
        submit=_("Appoint"),
    )


@login_required
def servant_transfer(request: HttpRequest, servant_id: int) -> HttpResponse:
    """Transfer the servant to another position (HR)."""
    return _place(
        request,
        servant_id,
        services.servant_transfer,
        title=_("Transfer %(servant)s"),
        view="org:servant_transfer",
        success=_("The servant was transferred."),
        submit=_("Transfer"),
    )


@login_required
def servant_dismiss(request: HttpRequest, servant_id: int) -> HttpResponse:
    """Dismiss the servant (HR)."""
    servant = _servant_for_hr(request, servant_id)
    form = DismissForm(request.POST or None)
    return _handle(
        request,
        form,
        lambda d: services.servant_dismiss(actor=request.user, servant_id=servant.pk, end=d["end"]),
        title=_("Dismiss %(servant)s") % {"servant": servant.full_name},
        action=reverse("org:servant_dismiss", args=[servant.pk]),
        cancel=_servant_page(servant),
        success=_("The servant was dismissed."),
        submit=_("Dismiss"),
    )


@login_required
def assignment_managers(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """Override or clear the managers of an assignment (HR)."""
    found = access.assignment_get_for(user=request.user, id=assignment_id)
    servant = found.servant
    access.require_hr(request.user, servant.organisation)
    initial = _initial(found, **MANAGERS_FIELDS)
    form = ManagersForm(request.POST or None, organisation=servant.organisation, initial=initial)
    return _handle(
        request,
        form,
        lambda d: services.assignment_set_managers(
            actor=request.user,
            assignment_id=found.pk,
            **_args(d, direct_manager="direct_manager_id", superior_manager="superior_manager_id"),
        ),
        title=_("Managers of %(servant)s") % {"servant": servant.full_name},
        action=reverse("org:assignment_managers", args=[found.pk]),
        cancel=_servant_page(servant),
        success=_("The managers were saved."),
    )
