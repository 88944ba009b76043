"""The structure page and HR's pages of units and positions (SPEC §2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bagalau.core import bounds, clock
from bagalau.core.context import viewer
from bagalau.core.htmx import render_page
from bagalau.core.paging import paginate
from bagalau.org import access, services
from bagalau.org.forms import (
    PositionForm,
    UnitForm,
)
from bagalau.org.models import (
    Assignment,
    Organisation,
    Position,
    Servant,
    Unit,
)
from bagalau.org.selectors import StructureIndex
from bagalau.org.services.structure import POSITION_FIELDS
from bagalau.org.tree import TreeUnits, units_a_page, units_around
from bagalau.org.views.common import _act, _args, _handle, _initial, _organisation, _preset

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


def _structure(
    request: HttpRequest, organisation: Organisation, day: dt.date
) -> tuple[list[Any], Page[Any], int | None, list[tuple[Unit, int]]]:
    """A page of units (with depth; a unit's subtree with `?unit=`; `units_a_page` of them) and
    their positions: holder, derived direct manager, vacancy. Positions, holders and the
    structure that names their managers are read for the page's units only (issue 12 item 3)."""
    user = request.user
    me = viewer(request).servant
    privileged = access.is_hr(user, organisation) or access.is_admin(user, organisation)
    root = bounds.ascii_int(request.GET.get("unit", ""))
    listed = TreeUnits(organisation, root)
    page = paginate(request, listed, units_a_page(organisation))
    units: list[tuple[Unit, int]] = list(page.object_list)
    shown = [unit.pk for unit, _depth in units]
    current = (
        Assignment.objects.select_related("servant")
        .filter(position__unit_id__in=shown, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .order_by("start", "pk")
    )
    holders = {a.position_id: a for a in current}
    by_unit: dict[int, list[Position]] = {}
    for position in Position.objects.filter(unit_id__in=shown).order_by(
        "-heads_unit", "order", "name_kk", "pk"
    ):
        by_unit.setdefault(position.unit_id, []).append(position)
    index = StructureIndex(
        organisation,
        day,
        around={holder.servant_id for holder in holders.values()},
        around_units=shown,
    )
    tree = []
    for unit, depth in units:
        rows = []
        for position in by_unit.get(unit.pk, []):
            position.unit = unit
            holder = holders.get(position.pk)
            if holder is not None:
                manager = index.direct_manager(holder.servant)
                overridden = manager is not None and manager.pk == holder.direct_manager_id
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
            {"unit": unit, "depth": depth, "rows": rows, "has_children": unit.pk in listed.parents}
        )
    return tree, page, root, units_around(organisation, root)


@login_required
def structure(request: HttpRequest) -> HttpResponse:
    """The unit tree with each unit's positions, holders and derived managers."""
    organisation = _organisation(request)
    day = clock.today()
    tree, page, root, units = _structure(request, organisation, day)
    context = {
        "organisation": organisation,
        "day": day,
        "tree": tree,
        "page": page,
        "root": root,
        "units": units,
        "can_edit": access.is_hr(request.user, organisation),
    }
    return render_page(request, "org/structure.html", context)


# --- units and positions -----------------------------------------------------------------------


def _unit_of(request: HttpRequest, unit_id: int) -> Unit:
    unit = access.unit_get_for(user=request.user, id=unit_id)
    access.require_hr(request.user, unit.organisation)
    return unit


def _position_of(request: HttpRequest, position_id: int) -> Position:
    position = access.position_get_for(user=request.user, id=position_id)
    access.require_hr(request.user, position.unit.organisation)
    return position


@login_required
def unit_create(request: HttpRequest) -> HttpResponse:
    """Add a unit (HR)."""
    organisation = _organisation(request)
    access.require_hr(request.user, organisation)
    form = UnitForm(
        request.POST or None, organisation=organisation, initial=_preset(request, "parent")
    )
    return _handle(
        request,
        form,
        lambda d: services.unit_create(
            actor=request.user,
            organisation=organisation,
            **_args(d, parent="parent_id", version=None),
        ),
        title=_("New unit"),
        action=request.get_full_path(),
        cancel=reverse("org:structure"),
        success=_("The unit was added."),
    )


@login_required
def unit_edit(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Rename, move or reorder a unit (HR)."""
    unit = _unit_of(request, unit_id)
    initial = _initial(unit, "name_kk", "name_ru", "name_en", "order", parent="parent_id")
    form = UnitForm(request.POST or None, organisation=unit.organisation, initial=initial)
    return _handle(
        request,
        form,
        lambda d: services.unit_update(
            actor=request.user, unit_id=unit.pk, **_args(d, parent="parent_id")
        ),
        title=_("Edit unit"),
        action=reverse("org:unit_edit", args=[unit.pk]),
        cancel=reverse("org:structure"),
        success=_("The unit was saved."),
    )


@login_required
@require_POST
def unit_delete(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Remove an empty unit (HR)."""
    unit = _unit_of(request, unit_id)
    back = reverse("org:structure")
    return _act(
        request,
        back,
        lambda: services.unit_delete(actor=request.user, unit_id=unit.pk),
        _("The unit was removed."),
    )


@login_required
def position_create(request: HttpRequest) -> HttpResponse:
    """Add a position (HR)."""
    organisation = _organisation(request)
    access.require_hr(request.user, organisation)
    form = PositionForm(
        request.POST or None, organisation=organisation, initial=_preset(request, "unit")
    )
    return _handle(
        request,
        form,
        lambda d: services.position_create(
            actor=request.user, **_args(d, unit="unit_id", version=None)
        ),
        title=_("New position"),
        action=request.get_full_path(),
        cancel=reverse("org:structure"),
        success=_("The position was added."),
    )


@login_required
def position_edit(request: HttpRequest, position_id: int) -> HttpResponse:
    """Change a position (HR)."""
    position = _position_of(request, position_id)
    initial = _initial(position, *POSITION_FIELDS, unit="unit_id")
    form = PositionForm(
        request.POST or None, organisation=position.unit.organisation, initial=initial
    )
    return _handle(
        request,
        form,
        lambda d: services.position_update(
            actor=request.user, position_id=position.pk, **_args(d, unit="unit_id")
        ),
        title=_("Edit position"),
        action=reverse("org:position_edit", args=[position.pk]),
        cancel=reverse("org:structure"),
        success=_("The position was saved."),
    )


@login_required
@require_POST
def position_delete(request: HttpRequest, position_id: int) -> HttpResponse:
    """Remove a position nobody ever held (HR)."""
    position = _position_of(request, position_id)
    back = reverse("org:structure")
    return _act(
        request,
        back,
        lambda: services.position_delete(actor=request.user, position_id=position.pk),
        _("The position was removed."),
    )
