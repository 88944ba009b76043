"""Org pages: the structure, units and positions, servants (history, absences, managers) and the
administration (roles, transferred days off, editions in force).

Views parse with forms, call `bagalau.org.services` / selectors and render; the access rules are
in `bagalau.org.access` and inside the services.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from bagalau.core import bounds, clock, forms
from bagalau.core.context import viewer
from bagalau.core.errors import DomainError
from bagalau.core.forms import DomainErrorForm, form_submit
from bagalau.core.htmx import render_page
from bagalau.methodology import MethodologyError, get_edition
from bagalau.org import access, services
from bagalau.org.forms import (
    AbsenceForm,
    AppointForm,
    CalendarTransferForm,
    DismissForm,
    EditionForm,
    LoginForm,
    ManagersForm,
    NewServantForm,
    PositionForm,
    RoleGrantForm,
    ServantForm,
    UnitForm,
)
from bagalau.org.models import (
    Absence,
    Assignment,
    CalendarTransfer,
    EditionAssignment,
    Organisation,
    Position,
    RoleAssignment,
    Servant,
    Unit,
)
from bagalau.org.selectors import (
    StructureIndex,
    assignment_on,
    direct_manager,
    organisation_edition,
    superior_manager,
    unit_tree,
)

FORM_PAGE = "org/form_page.html"
FORM_PARTIAL = "org/partials/form.html"


# --- helpers -----------------------------------------------------------------------------------


def _organisation(request: HttpRequest) -> Organisation:
    """The organisation the viewer works in (404 for users outside any)."""
    return access.require_member(request.user, viewer(request).organisation)


def _done(request: HttpRequest, url: str, message: str) -> HttpResponse:
    """After a successful write: a message and back to `url` (HTMX reloads the page)."""
    messages.success(request, message)
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(url)
    return redirect(url)


def _refused(request: HttpRequest, url: str, error: DomainError) -> HttpResponse:
    """A refused action without a form (a delete): the reason as a message, back to `url`."""
    messages.error(request, error.message)
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(url)
    return redirect(url)


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
    success_url: str | Callable[[Any], str],
    success: str,
    submit: str | None = None,
) -> HttpResponse:
    """GET shows the form; POST validates it, calls the service and redirects, or shows the form
    again with the service's DomainError next to the field it names."""
    if request.method == "POST":
        submission = form_submit(form, call)
        if submission.done:
            result = submission.result
            url = success_url(result) if callable(success_url) else success_url
            return _done(request, url, success)
    return _form_page(request, form, title=title, action=action, cancel=cancel, submit=submit)


def _version(data: dict[str, Any]) -> str | None:
    return data.get("version") or None


# --- structure ---------------------------------------------------------------------------------


@dataclass
class PositionRow:
    """A position on the structure page."""

    position: Position
    holder: Assignment | None
    manager: Servant | None
    overridden: bool
    can_open: bool
    kpi: bool = False


def _structure(request: HttpRequest, organisation: Organisation, day: dt.date) -> list[Any]:
    """Every unit (with depth) and its positions: holder, derived direct manager, vacancy."""
    user = request.user
    me = viewer(request).servant
    privileged = access.is_hr(user, organisation) or access.is_admin(user, organisation)
    current = (
        Assignment.objects.select_related("servant")
        .filter(position__unit__organisation=organisation, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .order_by("start", "pk")
    )
    holders = {a.position_id: a for a in current}
    by_unit: dict[int, list[Position]] = {}
    for position in Position.objects.filter(unit__organisation=organisation).order_by(
        "-heads_unit", "order", "name_kk", "pk"
    ):
        by_unit.setdefault(position.unit_id, []).append(position)
    index = StructureIndex(organisation, day)
    tree = []
    units = unit_tree(organisation)
    parents = {unit.parent_id for unit, _depth in units}
    for unit, depth in units:
        rows = []
        for position in by_unit.get(unit.pk, []):
            position.unit = unit
            holder = holders.get(position.pk)
            if holder is not None:
                manager = index.direct_manager(holder.servant)
                overridden = bool(holder.direct_manager_id) and manager == holder.direct_manager
                can_open = (
                    privileged
                    or (me is not None and me.pk == holder.servant_id)
                    or (me is not None and manager == me)
                    or (me is not None and index.superior_manager(holder.servant) == me)
                )
            else:
                above = unit.parent_id if position.heads_unit else unit.pk
                manager = index.unit_head(above)
                overridden, can_open = False, False
            kpi = position.evaluated_by_kpi(index.rules)
            rows.append(PositionRow(position, holder, manager, overridden, can_open, kpi))
        tree.append(
            {"unit": unit, "depth": depth, "rows": rows, "has_children": unit.pk in parents}
        )
    return tree


@login_required
def structure(request: HttpRequest) -> HttpResponse:
    """The unit tree with each unit's positions, holders and derived managers."""
    organisation = _organisation(request)
    day = clock.today()
    context = {
        "organisation": organisation,
        "day": day,
        "tree": _structure(request, organisation, day),
        "can_edit": access.is_hr(request.user, organisation),
    }
    return render_page(request, "org/structure.html", context)


# --- units and positions -----------------------------------------------------------------------


def _unit_of(request: HttpRequest, unit_id: int) -> Unit:
    unit = Unit.objects.filter(pk=unit_id).select_related("organisation").first()
    if unit is None:
        raise Http404("No such unit.")
    access.require_hr(request.user, unit.organisation)
    return unit


def _position_of(request: HttpRequest, position_id: int) -> Position:
    position = Position.objects.filter(pk=position_id).select_related("unit__organisation").first()
    if position is None:
        raise Http404("No such position.")
    access.require_hr(request.user, position.unit.organisation)
    return position


@login_required
def unit_create(request: HttpRequest) -> HttpResponse:
    """Add a unit (HR)."""
    organisation = _organisation(request)
    access.require_hr(request.user, organisation)
    parent = request.GET.get("parent", "")
    parent_id = bounds.ascii_int(parent)
    initial = {"parent": parent_id} if parent_id is not None else {}
    form = UnitForm(request.POST or None, organisation=organisation, initial=initial)
    return _handle(
        request,
        form,
        lambda d: services.unit_create(
            actor=request.user,
            organisation=organisation,
            name_kk=d["name_kk"],
            name_ru=d["name_ru"],
            name_en=d["name_en"],
            parent_id=d["parent"],
            order=d["order"],
        ),
        title=_("New unit"),
        action=request.get_full_path(),
        cancel=reverse("org:structure"),
        success_url=reverse("org:structure"),
        success=_("The unit was added."),
    )


@login_required
def unit_edit(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Rename, move or reorder a unit (HR)."""
    unit = _unit_of(request, unit_id)
    initial = {
        "name_kk": unit.name_kk,
        "name_ru": unit.name_ru,
        "name_en": unit.name_en,
        "parent": unit.parent_id,
        "order": unit.order,
        "version": services.version_of(unit),
    }
    form = UnitForm(request.POST or None, organisation=unit.organisation, initial=initial)
    return _handle(
        request,
        form,
        lambda d: services.unit_update(
            actor=request.user,
            unit_id=unit.pk,
            name_kk=d["name_kk"],
            name_ru=d["name_ru"],
            name_en=d["name_en"],
            parent_id=d["parent"],
            order=d["order"],
            version=_version(d),
        ),
        title=_("Edit unit"),
        action=reverse("org:unit_edit", args=[unit.pk]),
        cancel=reverse("org:structure"),
        success_url=reverse("org:structure"),
        success=_("The unit was saved."),
    )


@login_required
@require_POST
def unit_delete(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Remove an empty unit (HR)."""
    unit = _unit_of(request, unit_id)
    back = reverse("org:structure")
    try:
        services.unit_delete(actor=request.user, unit_id=unit.pk)
    except DomainError as error:
        return _refused(request, back, error)
    return _done(request, back, _("The unit was removed."))


@login_required
def position_create(request: HttpRequest) -> HttpResponse:
    """Add a position (HR)."""
    organisation = _organisation(request)
    access.require_hr(request.user, organisation)
    unit = request.GET.get("unit", "")
    unit_id = bounds.ascii_int(unit)
    initial = {"unit": unit_id} if unit_id is not None else {}
    form = PositionForm(request.POST or None, organisation=organisation, initial=initial)
    return _handle(
        request,
        form,
        lambda d: services.position_create(
            actor=request.user,
            unit_id=d["unit"],
            name_kk=d["name_kk"],
            name_ru=d["name_ru"],
            name_en=d["name_en"],
            category=d["category"],
            heads_unit=d["heads_unit"],
            method_override=d["method_override"],
            method_override_reason=d["method_override_reason"],
            provides_services=d["provides_services"],
            order=d["order"],
        ),
        title=_("New position"),
        action=request.get_full_path(),
        cancel=reverse("org:structure"),
        success_url=reverse("org:structure"),
        success=_("The position was added."),
    )


@login_required
def position_edit(request: HttpRequest, position_id: int) -> HttpResponse:
    """Change a position (HR)."""
    position = _position_of(request, position_id)
    initial = {
        "name_kk": position.name_kk,
        "name_ru": position.name_ru,
        "name_en": position.name_en,
        "unit": position.unit_id,
        "category": position.category,
        "heads_unit": position.heads_unit,
        "method_override": position.method_override,
        "method_override_reason": position.method_override_reason,
        "provides_services": position.provides_services,
        "order": position.order,
        "version": services.version_of(position),
    }
    form = PositionForm(
        request.POST or None, organisation=position.unit.organisation, initial=initial
    )
    return _handle(
        request,
        form,
        lambda d: services.position_update(
            actor=request.user,
            position_id=position.pk,
            unit_id=d["unit"],
            name_kk=d["name_kk"],
            name_ru=d["name_ru"],
            name_en=d["name_en"],
            category=d["category"],
            heads_unit=d["heads_unit"],
            method_override=d["method_override"],
            method_override_reason=d["method_override_reason"],
            provides_services=d["provides_services"],
            order=d["order"],
            version=_version(d),
        ),
        title=_("Edit position"),
        action=reverse("org:position_edit", args=[position.pk]),
        cancel=reverse("org:structure"),
        success_url=reverse("org:structure"),
        success=_("The position was saved."),
    )


@login_required
@require_POST
def position_delete(request: HttpRequest, position_id: int) -> HttpResponse:
    """Remove a position nobody ever held (HR)."""
    position = _position_of(request, position_id)
    back = reverse("org:structure")
    try:
        services.position_delete(actor=request.user, position_id=position.pk)
    except DomainError as error:
        return _refused(request, back, error)
    return _done(request, back, _("The position was removed."))


# --- servants ----------------------------------------------------------------------------------


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
            actor=request.user,
            organisation=organisation,
            last_name=d["last_name"],
            first_name=d["first_name"],
            patronymic=d["patronymic"],
            personnel_number=d["personnel_number"],
            email=d["email"],
            username=d["username"],
            password=d["password"],
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
    servant = access.servant_get_for(request.user, servant_id)
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
        context["absence_form"] = AbsenceForm()
        if current is None:
            context["appoint_form"] = AppointForm(organisation=organisation)
        else:
            context["transfer_form"] = AppointForm(organisation=organisation)
            context["dismiss_form"] = DismissForm()
            context["managers_form"] = ManagersForm(
                organisation=organisation,
                initial={
                    "direct_manager": current.direct_manager_id,
                    "superior_manager": current.superior_manager_id,
                    "reason": current.managers_reason,
                    "version": services.version_of(current),
                },
            )
        if servant.user_id is None:
            context["login_form"] = LoginForm()
    return render_page(request, "org/servant_detail.html", context)


def _servant_for_hr(request: HttpRequest, servant_id: int) -> Servant:
    servant = Servant.objects.select_related("organisation").filter(pk=servant_id).first()
    if servant is None:
        raise Http404("No such servant.")
    access.require_hr(request.user, servant.organisation)
    return servant


@login_required
def servant_edit(request: HttpRequest, servant_id: int) -> HttpResponse:
    """Correct a servant's personal data (HR)."""
    servant = _servant_for_hr(request, servant_id)
    initial = {
        "last_name": servant.last_name,
        "first_name": servant.first_name,
        "patronymic": servant.patronymic,
        "personnel_number": servant.personnel_number,
        "email": servant.email,
        "version": services.version_of(servant),
    }
    form = ServantForm(request.POST or None, initial=initial)
    return _handle(
        request,
        form,
        lambda d: services.servant_update(
            actor=request.user,
            servant_id=servant.pk,
            last_name=d["last_name"],
            first_name=d["first_name"],
            patronymic=d["patronymic"],
            personnel_number=d["personnel_number"],
            email=d["email"],
            version=_version(d),
        ),
        title=_("Edit servant"),
        action=reverse("org:servant_edit", args=[servant.pk]),
        cancel=_servant_page(servant),
        success_url=_servant_page(servant),
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
        lambda d: services.servant_grant_login(
            actor=request.user,
            servant_id=servant.pk,
            username=d["username"],
            password=d["password"],
        ),
        title=_("Create a login"),
        action=reverse("org:servant_login", args=[servant.pk]),
        cancel=_servant_page(servant),
        success_url=_servant_page(servant),
        success=_("The login was created."),
        submit=_("Create"),
    )


@login_required
def servant_appoint(request: HttpRequest, servant_id: int) -> HttpResponse:
    """Appoint the servant to a position (HR)."""
    servant = _servant_for_hr(request, servant_id)
    form = AppointForm(request.POST or None, organisation=servant.organisation)
    return _handle(
        request,
        form,
        lambda d: services.servant_appoint(
            actor=request.user,
            servant_id=servant.pk,
            position_id=d["position"],
            start=d["start"],
            probation_until=d["probation_until"],
        ),
        title=_("Appoint %(servant)s") % {"servant": servant.full_name},
        action=reverse("org:servant_appoint", args=[servant.pk]),
        cancel=_servant_page(servant),
        success_url=_servant_page(servant),
        success=_("The servant was appointed."),
        submit=_("Appoint"),
    )


@login_required
def servant_transfer(request: HttpRequest, servant_id: int) -> HttpResponse:
    """Transfer the servant to another position (HR)."""
    servant = _servant_for_hr(request, servant_id)
    form = AppointForm(request.POST or None, organisation=servant.organisation)
    return _handle(
        request,
        form,
        lambda d: services.servant_transfer(
            actor=request.user,
            servant_id=servant.pk,
            position_id=d["position"],
            start=d["start"],
            probation_until=d["probation_until"],
        ),
        title=_("Transfer %(servant)s") % {"servant": servant.full_name},
        action=reverse("org:servant_transfer", args=[servant.pk]),
        cancel=_servant_page(servant),
        success_url=_servant_page(servant),
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
        success_url=_servant_page(servant),
        success=_("The servant was dismissed."),
        submit=_("Dismiss"),
    )


@login_required
def assignment_managers(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """Override or clear the managers of an assignment (HR)."""
    assignment = Assignment.objects.select_related("servant__organisation").filter(pk=assignment_id)
    found = assignment.first()
    if found is None:
        raise Http404("No such assignment.")
    servant = found.servant
    access.require_hr(request.user, servant.organisation)
    initial = {
        "direct_manager": found.direct_manager_id,
        "superior_manager": found.superior_manager_id,
        "reason": found.managers_reason,
        "version": services.version_of(found),
    }
    form = ManagersForm(request.POST or None, organisation=servant.organisation, initial=initial)
    return _handle(
        request,
        form,
        lambda d: services.assignment_set_managers(
            actor=request.user,
            assignment_id=found.pk,
            direct_manager_id=d["direct_manager"],
            superior_manager_id=d["superior_manager"],
            reason=d["reason"],
            version=_version(d),
        ),
        title=_("Managers of %(servant)s") % {"servant": servant.full_name},
        action=reverse("org:assignment_managers", args=[found.pk]),
        cancel=_servant_page(servant),
        success_url=_servant_page(servant),
        success=_("The managers were saved."),
    )


@login_required
def absence_create(request: HttpRequest, servant_id: int) -> HttpResponse:
    """Record an absence of the servant (HR)."""
    servant = _servant_for_hr(request, servant_id)
    form = AbsenceForm(request.POST or None)
    return _handle(
        request,
        form,
        lambda d: services.absence_create(
            actor=request.user,
            servant_id=servant.pk,
            kind=d["kind"],
            start=d["start"],
            end=d["end"],
            note=d["note"],
        ),
        title=_("New absence of %(servant)s") % {"servant": servant.full_name},
        action=reverse("org:absence_create", args=[servant.pk]),
        cancel=_servant_page(servant),
        success_url=_servant_page(servant),
        success=_("The absence was recorded."),
        submit=_("Add"),
    )


def _absence_for_hr(request: HttpRequest, absence_id: int) -> Absence:
    absence = Absence.objects.select_related("servant__organisation").filter(pk=absence_id).first()
    if absence is None:
        raise Http404("No such absence.")
    access.require_hr(request.user, absence.servant.organisation)
    return absence


@login_required
def absence_edit(request: HttpRequest, absence_id: int) -> HttpResponse:
    """Correct an absence (HR)."""
    absence = _absence_for_hr(request, absence_id)
    initial = {
        "kind": absence.kind,
        "start": absence.start,
        "end": absence.end,
        "note": absence.note,
        "version": services.version_of(absence),
    }
    form = AbsenceForm(request.POST or None, initial=initial)
    return _handle(
        request,
        form,
        lambda d: services.absence_update(
            actor=request.user,
            absence_id=absence.pk,
            kind=d["kind"],
            start=d["start"],
            end=d["end"],
            note=d["note"],
            version=_version(d),
        ),
        title=_("Edit absence"),
        action=reverse("org:absence_edit", args=[absence.pk]),
        cancel=_servant_page(absence.servant),
        success_url=_servant_page(absence.servant),
        success=_("The absence was saved."),
    )


@login_required
@require_POST
def absence_delete(request: HttpRequest, absence_id: int) -> HttpResponse:
    """Remove an absence (HR)."""
    absence = _absence_for_hr(request, absence_id)
    back = _servant_page(absence.servant)
    try:
        services.absence_delete(actor=request.user, absence_id=absence.pk)
    except DomainError as error:
        return _refused(request, back, error)
    return _done(request, back, _("The absence was removed."))


# --- administration ----------------------------------------------------------------------------


def _admin_organisation(request: HttpRequest) -> Organisation:
    organisation = _organisation(request)
    access.require_admin(request.user, organisation)
    return organisation


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
    granted = RoleAssignment.objects.select_related("organisation").filter(pk=role_id).first()
    if granted is None:
        raise Http404("No such role.")
    access.require_admin(request.user, granted.organisation)
    back = reverse("org:administration")
    try:
        services.role_revoke(actor=request.user, role_assignment_id=granted.pk)
    except DomainError as error:
        return _refused(request, back, error)
    return _done(request, back, _("The role was revoked."))


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
    try:
        services.calendar_transfer_delete(actor=request.user, transfer_id=transfer_id)
    except DomainError as error:
        return _refused(request, back, error)
    return _done(request, back, _("The transfer was removed."))


@login_required
def editions(request: HttpRequest) -> HttpResponse:
    """The editions in force in the organisation, by date (admin)."""
    organisation = _admin_organisation(request)
    form = EditionForm(request.POST or None)
    day = clock.today()
    rows = [
        {
            "assignment": a,
            "title": get_edition(a.edition).title.get(get_language() or "kk"),
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
        {"rows": rows, "in_force": in_force, "tab": "editions", "organisation": organisation},
        url=reverse("org:editions"),
        success=_("The edition was entered."),
    )


@login_required
@require_POST
def edition_delete(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """Withdraw an edition entered for a future date (admin)."""
    assigned = EditionAssignment.objects.select_related("organisation").filter(pk=assignment_id)
    found = assigned.first()
    if found is None:
        raise Http404("No such edition assignment.")
    access.require_admin(request.user, found.organisation)
    back = reverse("org:editions")
    try:
        services.edition_unassign(actor=request.user, edition_assignment_id=found.pk)
    except DomainError as error:
        return _refused(request, back, error)
    return _done(request, back, _("The edition was withdrawn."))
