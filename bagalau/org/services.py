"""Writes of the organisation structure (SPEC §2).

HR (roles ``hr``/``hr_head``) maintains units, positions, servants, their assignments and
absences all year; the administrator (role ``admin``) grants roles, enters the government's
transferred days off and the editions in force. Each service checks who may call it, validates
every rule (a `DomainError` names the field), and writes the audit row in its transaction.

The org models carry no `version` column: forms and the API send `version_of(row)` (the row's
last modification time) and an update refuses with `ConflictError` when the row changed since.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log, diff
from bagalau.core import clock
from bagalau.core.errors import ConflictError, DomainError
from bagalau.methodology import MethodologyError, edition_codes, get_edition
from bagalau.methodology.categories import normalize_category
from bagalau.org import access, managers, signals
from bagalau.org.models import (
    Absence,
    AbsenceKind,
    Assignment,
    AssignmentKind,
    CalendarTransfer,
    EditionAssignment,
    EndReason,
    MethodOverride,
    Organisation,
    Position,
    Role,
    RoleAssignment,
    Servant,
    Unit,
)
from bagalau.org.selectors import StructureIndex, units_below

if TYPE_CHECKING:
    from bagalau.core.types import User


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def version_of(row: models.Model) -> str:
    """The optimistic-locking token of a row: its modification time in microseconds."""
    updated: dt.datetime = row.updated_at  # type: ignore[attr-defined]
    return str((updated - _EPOCH) // dt.timedelta(microseconds=1))


def _check_version(row: models.Model, version: str | None) -> None:
    if version is not None and str(version) != version_of(row):
        raise ConflictError(
            "version",
            N_("Someone else changed this record meanwhile: reload the page and try again."),
        )


def _day(value: dt.date) -> str:
    return f"{value:%d.%m.%Y}"


def _save(row: models.Model, changes: dict[str, tuple[Any, Any]]) -> None:
    for field, (_old, new) in changes.items():
        setattr(row, field, new)
    row.save(update_fields=[*changes, "updated_at"])


def _names(name_kk: str, name_ru: str, name_en: str) -> dict[str, str]:
    names = {"name_kk": name_kk.strip(), "name_ru": name_ru.strip(), "name_en": name_en.strip()}
    if not names["name_kk"]:
        raise DomainError("name_kk", N_("Enter the name in Kazakh."))
    return names


# --- units -------------------------------------------------------------------------------------


def _unit_for_hr(actor: User, unit_id: int, *, lock: bool = True) -> Unit:
    rows = Unit.objects.select_for_update() if lock else Unit.objects.all()
    unit = rows.filter(pk=unit_id).first()
    if unit is None:
        raise Http404("No such unit.")
    access.require_hr(actor, unit.organisation)
    return unit


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
        if order < 0:
            raise DomainError("order", N_("The order is a whole number from 0."))
        unit = Unit.objects.create(organisation=organisation, parent=parent, order=order, **names)
        audit_log(
            actor=actor,
            action="create",
            obj=unit,
            summary=str(unit),
            changes={key: (None, value) for key, value in {**names, "parent": parent_id}.items()},
        )
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
    version: str | None = None,
) -> Unit:
    """Rename the unit, move it under another parent (never under itself or a unit below it),
    or change its place among its siblings."""
    with transaction.atomic():
        unit = _unit_for_hr(actor, unit_id)
        # Serialise moves within the organisation so two concurrent moves cannot make a cycle.
        Organisation.objects.select_for_update().filter(pk=unit.organisation_id).first()
        _check_version(unit, version)
        guard = managers.SelfPromotionGuard(actor, unit.organisation, field="structure")
        names = _names(name_kk, name_ru, name_en)
        parent = _parent_in(unit.organisation, parent_id)
        if parent is not None and parent.pk in {u.pk for u in units_below(unit)}:
            raise DomainError(
                "parent",
                N_("%(unit)s cannot be moved under itself or a unit below it."),
                unit=unit.name,
            )
        if order < 0:
            raise DomainError("order", N_("The order is a whole number from 0."))
        changes = diff(unit, {**names, "parent_id": parent_id, "order": order})
        if changes:
            _save(unit, changes)
            audit_log(actor=actor, action="update", obj=unit, summary=str(unit), changes=changes)
        guard.check()
        return unit


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
        audit_log(
            actor=actor,
            action="delete",
            obj=unit,
            summary=str(unit),
            changes={"name_kk": (unit.name_kk, None), "parent": (unit.parent_id, None)},
        )
        unit.delete()


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


def position_create(
    *,
    actor: User,
    unit_id: int,
    name_kk: str,
    name_ru: str = "",
    name_en: str = "",
    category: str = "",
    heads_unit: bool = False,
    method_override: str = "",
    method_override_reason: str = "",
    provides_services: bool = False,
    order: int = 0,
) -> Position:
    """Add a position to a unit. Whether it is evaluated by KPI follows from its category (sjc-2023:
    B-1) unless `method_override` says otherwise with a reason."""
    with transaction.atomic():
        unit = _unit_for_hr(actor, unit_id)
        names = _names(name_kk, name_ru, name_en)
        code = _category(category)
        _check_one_head(unit, heads_unit)
        if order < 0:
            raise DomainError("order", N_("The order is a whole number from 0."))
        values: dict[str, Any] = {
            **names,
            "category": code,
            "heads_unit": heads_unit,
            **_method_override(method_override, method_override_reason),
            "provides_services": provides_services,
            "order": order,
        }
        position = Position.objects.create(unit=unit, **values)
        audit_log(
            actor=actor,
            action="create",
            obj=position,
            summary=str(position),
            changes={key: (None, value) for key, value in {**values, "unit": unit.pk}.items()},
        )
        return position


def position_update(
    *,
    actor: User,
    position_id: int,
    unit_id: int,
    name_kk: str,
    name_ru: str = "",
    name_en: str = "",
    category: str = "",
    heads_unit: bool = False,
    method_override: str = "",
    method_override_reason: str = "",
    provides_services: bool = False,
    order: int = 0,
    version: str | None = None,
) -> Position:
    """Change a position's names, unit, category, flags and method override."""
    with transaction.atomic():
        position = Position.objects.select_for_update().filter(pk=position_id).first()
        if position is None:
            raise Http404("No such position.")
        organisation = Unit.objects.get(pk=position.unit_id).organisation
        access.require_hr(actor, organisation)
        _check_version(position, version)
        guard = managers.SelfPromotionGuard(actor, organisation, field="structure")
        names = _names(name_kk, name_ru, name_en)
        code = _category(category)
        unit = _unit_in(organisation, unit_id)
        _check_one_head(unit, heads_unit, position)
        if order < 0:
            raise DomainError("order", N_("The order is a whole number from 0."))
        changes = diff(
            position,
            {
                **names,
                "unit_id": unit.pk,
                "category": code,
                "heads_unit": heads_unit,
                **_method_override(method_override, method_override_reason),
                "provides_services": provides_services,
                "order": order,
            },
        )
        if changes:
            _save(position, changes)
            audit_log(
                actor=actor, action="update", obj=position, summary=str(position), changes=changes
            )
        guard.check()
        return position


def position_delete(*, actor: User, position_id: int) -> None:
    """Remove a position nobody ever held (held posts stay for the history)."""
    with transaction.atomic():
        position = Position.objects.select_for_update().filter(pk=position_id).first()
        if position is None:
            raise Http404("No such position.")
        access.require_hr(actor, Unit.objects.get(pk=position.unit_id).organisation)
        if position.assignments.exists():
            raise DomainError(
                "position",
                N_("%(position)s has been held by servants; it stays for the history."),
                position=position.name,
            )
        audit_log(
            actor=actor,
            action="delete",
            obj=position,
            summary=str(position),
            changes={"name_kk": (position.name_kk, None), "unit": (position.unit_id, None)},
        )
        position.delete()


# --- servants ----------------------------------------------------------------------------------


def _servant_for_hr(actor: User, servant_id: int) -> Servant:
    servant = Servant.objects.select_for_update().filter(pk=servant_id).first()
    if servant is None:
        raise Http404("No such servant.")
    access.require_hr(actor, servant.organisation)
    return servant


def _person(
    organisation: Organisation,
    *,
    last_name: str,
    first_name: str,
    patronymic: str,
    personnel_number: str,
    email: str,
    servant: Servant | None = None,
) -> dict[str, str]:
    values = {
        "last_name": last_name.strip(),
        "first_name": first_name.strip(),
        "patronymic": patronymic.strip(),
        "personnel_number": personnel_number.strip(),
        "email": email.strip(),
    }
    if not values["last_name"]:
        raise DomainError("last_name", N_("Enter the surname."))
    if not values["first_name"]:
        raise DomainError("first_name", N_("Enter the first name."))
    if values["email"]:
        try:
            models.EmailField().run_validators(values["email"])
        except ValidationError as error:
            raise DomainError("email", N_("Enter a valid e-mail address.")) from error
    if values["personnel_number"]:
        taken = Servant.objects.filter(
            organisation=organisation, personnel_number=values["personnel_number"]
        )
        if servant is not None:
            taken = taken.exclude(pk=servant.pk)
        if taken.exists():
            raise DomainError(
                "personnel_number",
                N_("The personnel number %(number)s is already used in this organisation."),
                number=values["personnel_number"],
            )
    return values


def _new_login(username: str, password: str, person: dict[str, str]) -> Any:
    """A user account for a servant, with a validated initial password."""
    user_model = get_user_model()
    username = username.strip()
    if not username:
        raise DomainError("username", N_("Enter a login name."))
    if user_model.objects.filter(username__iexact=username).exists():
        raise DomainError(
            "username", N_("The login name %(username)s is taken."), username=username
        )
    if not password:
        raise DomainError("password", N_("Enter an initial password."))
    candidate = user_model(
        username=username,
        first_name=person["first_name"],
        last_name=person["last_name"],
        email=person["email"],
    )
    try:
        validate_password(password, user=candidate)
    except ValidationError as error:
        raise DomainError("password", " ".join(error.messages)) from error
    candidate.set_password(password)
    candidate.save()
    return candidate


def servant_create(
    *,
    actor: User,
    organisation: Organisation,
    last_name: str,
    first_name: str,
    patronymic: str = "",
    personnel_number: str = "",
    email: str = "",
    username: str = "",
    password: str = "",
) -> Servant:
    """Register a servant, with a login (`username` and an initial `password`) or without."""
    with transaction.atomic():
        access.require_hr(actor, organisation)
        person = _person(
            organisation,
            last_name=last_name,
            first_name=first_name,
            patronymic=patronymic,
            personnel_number=personnel_number,
            email=email,
        )
        if password and not username.strip():
            raise DomainError("username", N_("Enter a login name for the password."))
        user = _new_login(username, password, person) if username.strip() else None
        servant = Servant.objects.create(organisation=organisation, user=user, **person)
        audit_log(
            actor=actor,
            action="create",
            obj=servant,
            summary=servant.full_name,
            changes={
                **{key: (None, value) for key, value in person.items()},
                "username": (None, user.get_username() if user is not None else None),
            },
        )
        return servant


def servant_update(
    *,
    actor: User,
    servant_id: int,
    last_name: str,
    first_name: str,
    patronymic: str = "",
    personnel_number: str = "",
    email: str = "",
    version: str | None = None,
) -> Servant:
    """Correct a servant's personal data."""
    with transaction.atomic():
        servant = _servant_for_hr(actor, servant_id)
        _check_version(servant, version)
        person = _person(
            servant.organisation,
            last_name=last_name,
            first_name=first_name,
            patronymic=patronymic,
            personnel_number=personnel_number,
            email=email,
            servant=servant,
        )
        changes = diff(servant, person)
        if changes:
            _save(servant, changes)
            audit_log(
                actor=actor,
                action="update",
                obj=servant,
                summary=servant.full_name,
                changes=changes,
            )
        return servant


def servant_grant_login(*, actor: User, servant_id: int, username: str, password: str) -> Servant:
    """Give a servant who has none a login with an initial password."""
    with transaction.atomic():
        servant = _servant_for_hr(actor, servant_id)
        if servant.user_id is not None:
            raise DomainError("username", N_("This servant already has a login."))
        person = {
            "first_name": servant.first_name,
            "last_name": servant.last_name,
            "email": servant.email,
        }
        servant.user = _new_login(username, password, person)
        servant.save(update_fields=["user", "updated_at"])
        audit_log(
            actor=actor,
            action="grant_login",
            obj=servant,
            summary=servant.full_name,
            changes={"username": (None, servant.user.get_username())},
        )
        return servant


# --- assignments -------------------------------------------------------------------------------


def _open_from(day: dt.date) -> Q:
    """Assignments that hold on some day from `day` on."""
    return Q(end__isnull=True) | Q(end__gte=day)


def _position_in(organisation: Organisation, position_id: int, *, lock: bool = True) -> Position:
    rows = Position.objects.select_for_update() if lock else Position.objects.all()
    position = rows.filter(pk=position_id, unit__organisation=organisation).first()
    if position is None:
        raise DomainError("position", N_("Choose a position of this organisation."))
    return position


def _check_probation(start: dt.date, probation_until: dt.date | None) -> None:
    if probation_until is not None and probation_until < start:
        raise DomainError(
            "probation_until",
            N_("The probation cannot end before the assignment starts (%(start)s)."),
            start=_day(start),
        )


def _check_servant_free(
    servant: Servant, start: dt.date, excluding: Assignment | None = None
) -> None:
    held = servant.assignments.filter(_open_from(start)).select_related("position")
    if excluding is not None:
        held = held.exclude(pk=excluding.pk)
    other = held.order_by("start").first()
    if other is not None:
        raise DomainError(
            "start",
            N_(
                "%(servant)s holds %(position)s from %(from)s, overlapping this date: transfer or "
                "dismiss the servant instead."
            ),
            servant=servant.full_name,
            position=other.position.name,
            **{"from": _day(other.start)},
        )


def _check_position_free(position: Position, start: dt.date, servant: Servant) -> None:
    holder = (
        position.assignments.filter(_open_from(start))
        .exclude(servant=servant)
        .select_related("servant")
        .order_by("start")
        .first()
    )
    if holder is not None:
        raise DomainError(
            "position",
            N_("%(position)s is held by %(holder)s from %(from)s, overlapping this date."),
            position=position.name,
            holder=holder.servant.full_name,
            **{"from": _day(holder.start)},
        )


def _assignment_values(assignment: Assignment) -> dict[str, tuple[Any, Any]]:
    return {
        "servant": (None, assignment.servant_id),
        "position": (None, assignment.position_id),
        "start": (None, assignment.start),
        "kind": (None, assignment.kind),
        "probation_until": (None, assignment.probation_until),
    }


def servant_appoint(
    *,
    actor: User,
    servant_id: int,
    position_id: int,
    start: dt.date,
    probation_until: dt.date | None = None,
) -> Assignment:
    """Appoint the servant to a vacant position from `start` (open-ended)."""
    with transaction.atomic():
        servant = _servant_for_hr(actor, servant_id)
        guard = managers.SelfPromotionGuard(
            actor, servant.organisation, field="position", days=[start], moved=[servant.pk]
        )
        position = _position_in(servant.organisation, position_id)
        _check_probation(start, probation_until)
        _check_servant_free(servant, start)
        _check_position_free(position, start, servant)
        assignment = Assignment.objects.create(
            servant=servant,
            position=position,
            start=start,
            kind=AssignmentKind.APPOINTMENT,
            probation_until=probation_until,
        )
        audit_log(
            actor=actor,
            action="appoint",
            obj=assignment,
            summary=str(assignment),
            changes=_assignment_values(assignment),
        )
        guard.check()
        return assignment


def servant_transfer(
    *,
    actor: User,
    servant_id: int,
    position_id: int,
    start: dt.date,
    probation_until: dt.date | None = None,
) -> Assignment:
    """Move the servant to another position from `start`: the current assignment ends the day
    before (reason: transfer) and a new one opens (kind: transfer)."""
    with transaction.atomic():
        servant = _servant_for_hr(actor, servant_id)
        guard = managers.SelfPromotionGuard(
            actor, servant.organisation, field="position", days=[start], moved=[servant.pk]
        )
        position = _position_in(servant.organisation, position_id)
        day_before = start - dt.timedelta(days=1)
        current = (
            servant.assignments.select_for_update()
            .filter(start__lte=day_before)
            .filter(_open_from(day_before))
            .order_by("-start")
            .first()
        )
        if current is None:
            raise DomainError(
                "start",
                N_("On %(date)s %(servant)s held no position to transfer from: appoint instead."),
                date=_day(day_before),
                servant=servant.full_name,
            )
        if current.position_id == position.pk:
            raise DomainError(
                "position",
                N_("%(servant)s already holds %(position)s."),
                servant=servant.full_name,
                position=position.name,
            )
        _check_probation(start, probation_until)
        _check_servant_free(servant, start, excluding=current)
        _check_position_free(position, start, servant)
        ended = diff(current, {"end": day_before, "end_reason": EndReason.TRANSFER})
        _save(current, ended)
        audit_log(
            actor=actor, action="transfer_out", obj=current, summary=str(current), changes=ended
        )
        assignment = Assignment.objects.create(
            servant=servant,
            position=position,
            start=start,
            kind=AssignmentKind.TRANSFER,
            probation_until=probation_until,
        )
        audit_log(
            actor=actor,
            action="transfer_in",
            obj=assignment,
            summary=str(assignment),
            changes={**_assignment_values(assignment), "previous": (None, current.pk)},
        )
        guard.check()
        return assignment


def servant_dismiss(*, actor: User, servant_id: int, end: dt.date) -> Assignment:
    """End the assignment the servant holds on `end` (their last working day): dismissal."""
    with transaction.atomic():
        servant = _servant_for_hr(actor, servant_id)
        guard = managers.SelfPromotionGuard(
            actor, servant.organisation, field="end", days=[end + dt.timedelta(days=1)]
        )
        current = (
            servant.assignments.select_for_update()
            .filter(start__lte=end)
            .filter(_open_from(end))
            .order_by("-start")
            .first()
        )
        if current is None:
            raise DomainError(
                "end",
                N_("On %(date)s %(servant)s holds no position."),
                date=_day(end),
                servant=servant.full_name,
            )
        later = servant.assignments.filter(start__gt=end).order_by("start").first()
        if later is not None:
            raise DomainError(
                "end",
                N_("%(servant)s holds another position from %(from)s, after this date."),
                servant=servant.full_name,
                **{"from": _day(later.start)},
            )
        changes = diff(current, {"end": end, "end_reason": EndReason.DISMISSAL})
        if changes:
            _save(current, changes)
        audit_log(actor=actor, action="dismiss", obj=current, summary=str(current), changes=changes)
        guard.check()
        return current


def _manager_in(field: str, organisation: Organisation, manager_id: int | None) -> Servant | None:
    if manager_id is None:
        return None
    manager = Servant.objects.filter(pk=manager_id, organisation=organisation).first()
    if manager is None:
        raise DomainError(field, N_("Choose a servant of this organisation."))
    return manager


def assignment_set_managers(
    *,
    actor: User,
    assignment_id: int,
    direct_manager_id: int | None = None,
    superior_manager_id: int | None = None,
    reason: str = "",
    version: str | None = None,
) -> Assignment:
    """Override the direct and superior manager derived from the structure (None clears the
    override, so the structure decides again), with the reason HR must give. The manager named
    must head the servant's unit or a unit above it, be a deputy head of the apparatus or the head
    of the apparatus (`org.managers`); nobody names themselves or chooses the managers of their
    own post. A change of the direct manager, who evaluates, is told to the servant and the head
    of the HR service."""
    with transaction.atomic():
        assignment = Assignment.objects.select_for_update().filter(pk=assignment_id).first()
        if assignment is None:
            raise Http404("No such assignment.")
        servant = Servant.objects.get(pk=assignment.servant_id)
        organisation = servant.organisation
        access.require_hr(actor, organisation)
        _check_version(assignment, version)
        direct = _manager_in("direct_manager", organisation, direct_manager_id)
        superior = _manager_in("superior_manager", organisation, superior_manager_id)
        reason = reason.strip() if direct or superior else ""
        changes = diff(
            assignment,
            {
                "direct_manager_id": direct.pk if direct else None,
                "superior_manager_id": superior.pk if superior else None,
                "managers_reason": reason,
            },
        )
        if not changes:
            return assignment
        managers.refuse_own_post("direct_manager", actor, organisation, servant)
        managers.refuse_self_appointment("direct_manager", actor, organisation, [direct])
        managers.refuse_self_appointment("superior_manager", actor, organisation, [superior])
        day = managers.day_of(assignment)
        index = StructureIndex(organisation, day)
        for field, manager in (("direct_manager", direct), ("superior_manager", superior)):
            if manager is not None:
                managers.check_manager(field, index, assignment, manager)
        if (direct or superior) and not reason:
            raise DomainError(
                "reason",
                N_("Say why the structure's managers are overridden (the order, for example)."),
            )
        before = index.manager_of(assignment)
        _save(assignment, changes)
        entry = audit_log(
            actor=actor,
            action="set_managers",
            obj=assignment,
            summary=str(assignment),
            changes=changes,
        )
        after = StructureIndex(organisation, day).manager_of(assignment)
        if after != before:
            managers.tell_evaluator_changed(
                actor=actor,
                organisation=organisation,
                servant=servant,
                before=before,
                after=after,
                kind="manager_changed",
                params={"reason": reason or "—"},
                url=reverse("org:servant", args=[servant.pk]),
                dedupe_key=f"managers{assignment.pk}:{entry.pk}",
            )
        return assignment


# --- absences ----------------------------------------------------------------------------------


def _absence_values(
    servant: Servant,
    kind: str,
    start: dt.date,
    end: dt.date,
    note: str,
    absence: Absence | None = None,
) -> dict[str, Any]:
    if kind not in AbsenceKind.values:
        raise DomainError("kind", N_("Choose a kind of absence."))
    if end < start:
        raise DomainError("end", N_("The absence cannot end before it starts."))
    overlapping = servant.absences.filter(start__lte=end, end__gte=start)
    if absence is not None:
        overlapping = overlapping.exclude(pk=absence.pk)
    other = overlapping.order_by("start").first()
    if other is not None:
        raise DomainError(
            "start",
            N_("%(servant)s is already absent (%(kind)s) from %(from)s to %(to)s."),
            servant=servant.full_name,
            kind=other.get_kind_display(),
            to=_day(other.end),
            **{"from": _day(other.start)},
        )
    return {"kind": kind, "start": start, "end": end, "note": note.strip()}


def absence_create(
    *,
    actor: User,
    servant_id: int,
    kind: str,
    start: dt.date,
    end: dt.date,
    note: str = "",
) -> Absence:
    """Record a leave, sick leave, business trip, internship, retraining or training."""
    with transaction.atomic():
        servant = _servant_for_hr(actor, servant_id)
        values = _absence_values(servant, kind, start, end, note)
        absence = Absence.objects.create(servant=servant, **values)
        audit_log(
            actor=actor,
            action="create",
            obj=absence,
            summary=str(absence),
            changes={key: (None, value) for key, value in values.items()},
        )
        _refresh_deferrals(actor, servant.pk)
        return absence


def _refresh_deferrals(actor: User, servant_id: int) -> None:
    """An absence changes when an open KPI evaluation is due (seed 002 p.5): the evaluations app
    listens (`org.signals.absence_changed`)."""
    signals.absence_changed.send(sender=Absence, actor=actor, servant_id=servant_id)


def _absence_for_hr(actor: User, absence_id: int) -> tuple[Absence, Servant]:
    absence = Absence.objects.select_for_update().filter(pk=absence_id).first()
    if absence is None:
        raise Http404("No such absence.")
    servant = _servant_for_hr(actor, absence.servant_id)
    return absence, servant


def absence_update(
    *,
    actor: User,
    absence_id: int,
    kind: str,
    start: dt.date,
    end: dt.date,
    note: str = "",
    version: str | None = None,
) -> Absence:
    """Correct an absence's kind, dates or note."""
    with transaction.atomic():
        absence, servant = _absence_for_hr(actor, absence_id)
        _check_version(absence, version)
        changes = diff(absence, _absence_values(servant, kind, start, end, note, absence))
        if changes:
            _save(absence, changes)
            audit_log(
                actor=actor, action="update", obj=absence, summary=str(absence), changes=changes
            )
            _refresh_deferrals(actor, servant.pk)
        return absence


def absence_delete(*, actor: User, absence_id: int) -> None:
    """Remove an absence entered by mistake."""
    with transaction.atomic():
        absence, _servant = _absence_for_hr(actor, absence_id)
        audit_log(
            actor=actor,
            action="delete",
            obj=absence,
            summary=str(absence),
            changes={
                "kind": (absence.kind, None),
                "start": (absence.start, None),
                "end": (absence.end, None),
            },
        )
        servant_id = absence.servant_id
        absence.delete()
        _refresh_deferrals(actor, servant_id)


# --- administration ----------------------------------------------------------------------------


def role_grant(
    *, actor: User, organisation: Organisation, user_id: int, role: str
) -> RoleAssignment:
    """Give a user of the organisation one of its roles (HR, head of HR, head of the apparatus,
    administrator)."""
    with transaction.atomic():
        access.require_admin(actor, organisation)
        user = get_user_model().objects.filter(pk=user_id).first()
        if user is None or not access.is_member(user, organisation):
            raise DomainError("user", N_("Choose a user of this organisation."))
        if role not in Role.values:
            raise DomainError("role", N_("Choose a role."))
        if RoleAssignment.objects.filter(user=user, organisation=organisation, role=role).exists():
            raise DomainError(
                "role",
                N_("%(user)s already holds the role %(role)s."),
                user=user.get_username(),
                role=Role(role).label,
            )
        granted = RoleAssignment.objects.create(user=user, organisation=organisation, role=role)
        audit_log(
            actor=actor,
            action="grant",
            obj=granted,
            summary=str(granted),
            changes={"user": (None, user.pk), "role": (None, role)},
        )
        return granted


def role_revoke(*, actor: User, role_assignment_id: int) -> None:
    """Take a role away; an organisation always keeps at least one administrator."""
    with transaction.atomic():
        granted = RoleAssignment.objects.select_for_update().filter(pk=role_assignment_id).first()
        if granted is None:
            raise Http404("No such role.")
        access.require_admin(actor, granted.organisation)
        if granted.role == Role.ADMIN:
            admins = RoleAssignment.objects.select_for_update().filter(
                organisation=granted.organisation, role=Role.ADMIN
            )
            if len(list(admins)) <= 1:
                raise DomainError(
                    "role", N_("The organisation must keep at least one administrator.")
                )
        audit_log(
            actor=actor,
            action="revoke",
            obj=granted,
            summary=str(granted),
            changes={"user": (granted.user_id, None), "role": (granted.role, None)},
        )
        granted.delete()


def calendar_transfer_create(
    *,
    actor: User,
    working_day: dt.date | None = None,
    day_off: dt.date | None = None,
    note: str = "",
) -> CalendarTransfer:
    """Enter a transferred day off by government decree (SPEC §3): a Saturday or Sunday becomes a
    working day, a weekday becomes a day off; either may be given alone."""
    with transaction.atomic():
        access.require_any_admin(actor)
        if working_day is None and day_off is None:
            raise DomainError(
                "working_day", N_("Give the worked weekend day, the weekday off, or both.")
            )
        if working_day is not None:
            if working_day.weekday() < 5:
                raise DomainError(
                    "working_day",
                    N_("%(date)s is not a Saturday or a Sunday."),
                    date=_day(working_day),
                )
            if CalendarTransfer.objects.filter(working_day=working_day).exists():
                raise DomainError(
                    "working_day",
                    N_("%(date)s is already a transferred working day."),
                    date=_day(working_day),
                )
        if day_off is not None:
            if day_off.weekday() >= 5:
                raise DomainError("day_off", N_("%(date)s is not a weekday."), date=_day(day_off))
            if CalendarTransfer.objects.filter(day_off=day_off).exists():
                raise DomainError(
                    "day_off",
                    N_("%(date)s is already a transferred day off."),
                    date=_day(day_off),
                )
        transfer = CalendarTransfer.objects.create(
            working_day=working_day, day_off=day_off, note=note.strip()
        )
        audit_log(
            actor=actor,
            action="create",
            obj=transfer,
            summary=str(transfer),
            changes={
                "working_day": (None, working_day),
                "day_off": (None, day_off),
                "note": (None, transfer.note),
            },
        )
        return transfer


def calendar_transfer_delete(*, actor: User, transfer_id: int) -> None:
    """Remove a transferred day off entered by mistake."""
    with transaction.atomic():
        access.require_any_admin(actor)
        transfer = CalendarTransfer.objects.select_for_update().filter(pk=transfer_id).first()
        if transfer is None:
            raise Http404("No such transfer.")
        audit_log(
            actor=actor,
            action="delete",
            obj=transfer,
            summary=str(transfer),
            changes={
                "working_day": (transfer.working_day, None),
                "day_off": (transfer.day_off, None),
            },
        )
        transfer.delete()


def edition_assign(
    *, actor: User, organisation: Organisation, edition: str, valid_from: dt.date
) -> EditionAssignment:
    """From `valid_from` on, the organisation evaluates under `edition` (SPEC §1)."""
    with transaction.atomic():
        access.require_admin(actor, organisation)
        if edition not in edition_codes():
            raise DomainError(
                "edition",
                N_("Choose one of the editions: %(codes)s."),
                codes=", ".join(edition_codes()),
            )
        act = get_edition(edition)
        if valid_from < act.valid_from:
            raise DomainError(
                "valid_from",
                N_("The edition %(code)s is in force only from %(date)s."),
                code=edition,
                date=_day(act.valid_from),
            )
        if EditionAssignment.objects.filter(
            organisation=organisation, valid_from=valid_from
        ).exists():
            raise DomainError(
                "valid_from",
                N_("An edition is already in force from %(date)s."),
                date=_day(valid_from),
            )
        assigned = EditionAssignment.objects.create(
            organisation=organisation, edition=edition, valid_from=valid_from
        )
        audit_log(
            actor=actor,
            action="create",
            obj=assigned,
            summary=f"{organisation}: {assigned}",
            changes={"edition": (None, edition), "valid_from": (None, valid_from)},
        )
        return assigned


def edition_unassign(*, actor: User, edition_assignment_id: int) -> None:
    """Withdraw an edition entered for a future date (one that already governed stays: past
    periods are recomputed under it)."""
    with transaction.atomic():
        assigned = (
            EditionAssignment.objects.select_for_update().filter(pk=edition_assignment_id).first()
        )
        if assigned is None:
            raise Http404("No such edition assignment.")
        access.require_admin(actor, assigned.organisation)
        if assigned.valid_from <= clock.today():
            raise DomainError(
                "valid_from",
                N_("The edition has been in force since %(date)s and stays for the history."),
                date=_day(assigned.valid_from),
            )
        audit_log(
            actor=actor,
            action="delete",
            obj=assigned,
            summary=f"{assigned.organisation}: {assigned}",
            changes={
                "edition": (assigned.edition, None),
                "valid_from": (assigned.valid_from, None),
            },
        )
        assigned.delete()
