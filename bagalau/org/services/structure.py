"""Writes of the structure (SPEC §2): HR's units and the positions in them, with the method a
position's category gives and HR's justified override of it (seed 002 p.21, p.28)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Required, TypedDict, Unpack

from django.db import transaction
from django.utils.translation import gettext_noop as N_

from bagalau.core import bounds
from bagalau.core.errors import DomainError
from bagalau.core.visible import visible_one
from bagalau.methodology import MethodologyError
from bagalau.methodology.categories import normalize_category
from bagalau.org import access, managers
from bagalau.org.models import (
    MethodOverride,
    Organisation,
    Position,
    Unit,
)
from bagalau.org.selectors import units_below
from bagalau.org.services.common import (
    _created,
    _locked,
    _log,
    _names,
    _removed,
    _update,
    check_version,
    structure_changed,
)

if TYPE_CHECKING:
    from bagalau.core.types import User


# --- units -------------------------------------------------------------------------------------


def _unit_for_hr(actor: User, unit_id: int, *, lock: bool = True) -> Unit:
    rows = Unit.objects.select_for_update() if lock else Unit.objects.all()
    unit = visible_one(rows, unit_id, "No such unit.")
    access.require_hr(actor, unit.organisation)
    return unit


def _check_order(order: int) -> None:
    """A unit's or position's place among its siblings."""
    if order < 0:
        raise DomainError("order", N_("The order is a whole number from 0."))


def _parent_in(organisation: Organisation, parent_id: int | None) -> Unit | None:
    if parent_id is None:
        return None
    parent = Unit.objects.filter(pk=parent_id, organisation=organisation).first()
    if parent is None:
        raise DomainError("parent", N_("Choose a unit of this organisation."))
    return parent


def unit_create(
    *,
    actor: User,
    organisation: Organisation,
    name_kk: str,
    name_ru: str = "",
    name_en: str = "",
    parent_id: int | None = None,
    order: int = 0,
) -> Unit:
    """Add a structural unit under `parent_id` (a root unit when None)."""
    with transaction.atomic():
        access.require_hr(actor, organisation)
        names = _names(name_kk, name_ru, name_en)
        parent = _parent_in(organisation, parent_id)
        _check_order(order)
        unit = Unit.objects.create(organisation=organisation, parent=parent, order=order, **names)
        structure_changed(organisation.pk)
        _log(actor, unit, "create", _created({**names, "parent": parent_id}))
        return unit


def unit_update(
    *,
    actor: User,
    unit_id: int,
    name_kk: str,
    name_ru: str = "",
    name_en: str = "",
    parent_id: int | None = None,
    order: int = 0,
    version: int | None = None,
) -> Unit:
    """Rename the unit, move it under another parent (never under itself or a unit below it),
    or change its place among its siblings."""
    with transaction.atomic():
        unit = _unit_for_hr(actor, unit_id)
        # Serialise moves within the organisation so two concurrent moves cannot make a cycle.
        Organisation.objects.select_for_update().filter(pk=unit.organisation_id).first()
        check_version(unit, version)
        guard = managers.SelfPromotionGuard(actor, unit.organisation, field="structure")
        names = _names(name_kk, name_ru, name_en)
        parent = _parent_in(unit.organisation, parent_id)
        if parent is not None and parent.pk in {u.pk for u in units_below(unit)}:
            raise DomainError(
                "parent",
                N_("%(unit)s cannot be moved under itself or a unit below it."),
                unit=unit.name,
            )
        _check_order(order)
        if _update(actor, unit, {**names, "parent_id": parent_id, "order": order}):
            structure_changed(unit.organisation_id)
        guard.check()
        return unit


def _delete(actor: User, row: Unit | Position, **held: Any) -> None:
    """Remove the (locked) unit or position, audited with what it `held`."""
    _log(actor, row, "delete", _removed(held))
    structure_changed(row.organisation_id if isinstance(row, Unit) else row.unit.organisation_id)
    row.delete()


def unit_delete(*, actor: User, unit_id: int) -> None:
    """Remove an empty unit (no positions, no units under it)."""
    with transaction.atomic():
        unit = _unit_for_hr(actor, unit_id)
        if unit.children.exists():
            raise DomainError(
                "children",
                N_("%(unit)s has units under it: move or remove them first."),
                unit=unit.name,
            )
        if unit.positions.exists():
            raise DomainError(
                "positions",
                N_("%(unit)s has positions: move or remove them first."),
                unit=unit.name,
            )
        _delete(actor, unit, name_kk=unit.name_kk, parent=unit.parent_id)


# --- positions ---------------------------------------------------------------------------------


def _category(text: str) -> str:
    """The canonical category code; blank means the post is not evaluated (e.g. the head of the
    apparatus)."""
    if not text.strip():
        return ""
    try:
        return normalize_category(text, "category")
    except MethodologyError as error:
        raise DomainError.from_methodology(error) from error


def _position_for_hr(actor: User, position_id: int) -> tuple[Position, Organisation]:
    """The position, locked, and its organisation, whose HR service the actor must be."""
    position = _locked(Position, position_id, "No such position.")
    organisation = Unit.objects.get(pk=position.unit_id).organisation
    access.require_hr(actor, organisation)
    return position, organisation


def _unit_in(organisation: Organisation, unit_id: int) -> Unit:
    unit = Unit.objects.filter(pk=unit_id, organisation=organisation).first()
    if unit is None:
        raise DomainError("unit", N_("Choose a unit of this organisation."))
    return unit


def _check_one_head(unit: Unit, heads_unit: bool, position: Position | None = None) -> None:
    if not heads_unit:
        return
    other = unit.positions.filter(heads_unit=True)
    if position is not None:
        other = other.exclude(pk=position.pk)
    head = other.first()
    if head is not None:
        raise DomainError(
            "heads_unit",
            N_("%(unit)s is already headed by the position %(position)s."),
            unit=unit.name,
            position=head.name,
        )


def _method_override(method_override: str, reason: str) -> dict[str, str]:
    """HR's override of the method the category gives, with its justification (seed 002 p.21,
    p.28: the category decides; an exception is HR's to justify and is audited)."""
    if method_override and method_override not in MethodOverride.values:
        raise DomainError("method_override", N_("Choose KPI, differentiation or none."))
    reason = reason.strip()
    if method_override and not reason:
        raise DomainError(
            "method_override_reason",
            N_("Say why this post is not evaluated as its category says."),
        )
    return {
        "method_override": method_override,
        "method_override_reason": reason if method_override else "",
    }


def _job_description(text: str) -> str:
    """The post's job description, presented to the commission (seed 001 p.34)."""
    return bounds.bounded_text(text, "job_description")


class PositionSettings(TypedDict, total=False):
    """What HR sets on a position (`position_create`, `position_update`), besides its unit: the
    page's form and the API read and write these. Left out, a setting takes the default of a new
    position (the job description: kept on an update)."""

    name_kk: Required[str]
    name_ru: str
    name_en: str
    category: str
    heads_unit: bool
    method_override: str
    method_override_reason: str
    provides_services: bool
    order: int
    job_description: str | None


#: The names of HR's settings of a position, in the form's order.
POSITION_FIELDS = tuple(PositionSettings.__annotations__)


def _position_names(settings: PositionSettings) -> dict[str, str]:
    """The position's checked names and its canonical category."""
    names = _names(settings["name_kk"], settings.get("name_ru", ""), settings.get("name_en", ""))
    return {**names, "category": _category(settings.get("category", ""))}


def _position_values(
    unit: Unit, position: Position | None, settings: PositionSettings
) -> dict[str, Any]:
    """The checked settings of a position in `unit` (`position` is None for a new one), its
    names aside: one head per unit, its place, the method override with its reason (seed 002
    p.21, p.28) and the job description (seed 001 p.34; None keeps it)."""
    heads_unit = settings.get("heads_unit", False)
    order = settings.get("order", 0)
    _check_one_head(unit, heads_unit, position)
    _check_order(order)
    values = {
        "heads_unit": heads_unit,
        **_method_override(
            settings.get("method_override", ""), settings.get("method_override_reason", "")
        ),
        "provides_services": settings.get("provides_services", False),
        "order": order,
    }
    job_description = settings.get("job_description")
    if job_description is not None:
        values["job_description"] = _job_description(job_description)
    return values


def position_create(*, actor: User, unit_id: int, **settings: Unpack[PositionSettings]) -> Position:
    """Add a position to a unit, with its job description (seed 001 p.34) when given. Whether it
    is evaluated by KPI follows from its category (sjc-2023: B-1) unless `method_override` says
    otherwise with a reason."""
    with transaction.atomic():
        unit = _unit_for_hr(actor, unit_id)
        names = _position_names(settings)
        job_description = settings.get("job_description") or ""
        values = {
            **names,
            **_position_values(unit, None, {**settings, "job_description": job_description}),
        }
        position = Position.objects.create(unit=unit, **values)
        structure_changed(unit.organisation_id)
        _log(actor, position, "create", _created({**values, "unit": unit.pk}))
        return position


def position_update(
    *,
    actor: User,
    position_id: int,
    unit_id: int,
    version: int | None = None,
    **settings: Unpack[PositionSettings],
) -> Position:
    """Change a position's names, unit, category, flags and method override, and its job
    description when given (None keeps it)."""
    with transaction.atomic():
        position, organisation = _position_for_hr(actor, position_id)
        check_version(position, version)
        guard = managers.SelfPromotionGuard(actor, organisation, field="structure")
        names = _position_names(settings)
        unit = _unit_in(organisation, unit_id)
        values = {**names, "unit_id": unit.pk, **_position_values(unit, position, settings)}
        if _update(actor, position, values):
            structure_changed(organisation.pk)
        guard.check()
        return position


def position_delete(*, actor: User, position_id: int) -> None:
    """Remove a position nobody ever held (held posts stay for the history)."""
    with transaction.atomic():
        position, _organisation = _position_for_hr(actor, position_id)
        if position.assignments.exists():
            raise DomainError(
                "position",
                N_("%(position)s has been held by servants; it stays for the history."),
                position=position.name,
            )
        _delete(actor, position, name_kk=position.name_kk, unit=position.unit_id)
