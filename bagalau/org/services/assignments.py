"""Writes of the assignments (SPEC §2): HR appoints, transfers and dismisses servants and overrides
the managers the structure derives (`org.managers`)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log, diff
from bagalau.core.days import day_text
from bagalau.core.errors import DomainError
from bagalau.org import access, managers
from bagalau.org.models import (
    Assignment,
    AssignmentKind,
    EndReason,
    Organisation,
    Position,
    Servant,
)
from bagalau.org.selectors import StructureIndex
from bagalau.org.services.common import (
    _created,
    _locked,
    _log,
    _save,
    _servant_for_hr,
    check_version,
    structure_changed,
)

if TYPE_CHECKING:
    from bagalau.core.types import User


def _open_from(day: dt.date) -> Q:
    """Assignments that hold on some day from `day` on."""
    return Q(end__isnull=True) | Q(end__gte=day)


def _held_on_locked(servant: Servant, day: dt.date, field: str, none_held: str) -> Assignment:
    """The servant's assignment that holds on `day`, locked; when he held none, `none_held`
    (with the date and the servant) refuses on `field`."""
    held = (
        servant.assignments.select_for_update()
        .filter(start__lte=day)
        .filter(_open_from(day))
        .order_by("-start")
        .first()
    )
    if held is None:
        raise DomainError(field, none_held, date=day_text(day), servant=servant.full_name)
    return held


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
            start=day_text(start),
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
            **{"from": day_text(other.start)},
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
            **{"from": day_text(holder.start)},
        )


def _moving_in(
    actor: User, servant_id: int, position_id: int, start: dt.date
) -> tuple[Servant, managers.SelfPromotionGuard, Position]:
    """The servant (locked; the actor must be HR of their organisation) who takes the position
    from `start`, the position, and the guard that nobody's move makes the actor their manager."""
    servant = _servant_for_hr(actor, servant_id)
    guard = managers.SelfPromotionGuard(
        actor, servant.organisation, field="position", days=[start], moved=[servant.pk]
    )
    return servant, guard, _position_in(servant.organisation, position_id)


def _check_may_take(
    servant: Servant,
    position: Position,
    start: dt.date,
    probation_until: dt.date | None,
    leaving: Assignment | None = None,
) -> None:
    """The probation ends after `start`; from `start` the servant holds nothing else (but the
    assignment they are `leaving`) and nobody else holds the position."""
    _check_probation(start, probation_until)
    _check_servant_free(servant, start, excluding=leaving)
    _check_position_free(position, start, servant)


def _assignment_open(
    kind: AssignmentKind,
    action: str,
    actor: User,
    servant: Servant,
    position: Position,
    start: dt.date,
    probation_until: dt.date | None,
    **changes: tuple[Any, Any],
) -> Assignment:
    """The servant's new (open-ended) assignment of `kind`, audited as `action` with its values
    and the further `changes`."""
    assignment = Assignment.objects.create(
        servant=servant,
        position=position,
        start=start,
        kind=kind,
        probation_until=probation_until,
    )
    structure_changed(servant.organisation_id)
    values = {
        "servant": assignment.servant_id,
        "position": assignment.position_id,
        "start": assignment.start,
        "kind": assignment.kind,
        "probation_until": assignment.probation_until,
    }
    _log(actor, assignment, action, {**_created(values), **changes})
    return assignment


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
        servant, guard, position = _moving_in(actor, servant_id, position_id, start)
        _check_may_take(servant, position, start, probation_until)
        assignment = _assignment_open(
            AssignmentKind.APPOINTMENT, "appoint", actor, servant, position, start, probation_until
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
        servant, guard, position = _moving_in(actor, servant_id, position_id, start)
        day_before = start - dt.timedelta(days=1)
        current = _held_on_locked(
            servant,
            day_before,
            "start",
            N_("On %(date)s %(servant)s held no position to transfer from: appoint instead."),
        )
        if current.position_id == position.pk:
            raise DomainError(
                "position",
                N_("%(servant)s already holds %(position)s."),
                servant=servant.full_name,
                position=position.name,
            )
        _check_may_take(servant, position, start, probation_until, leaving=current)
        ended = diff(current, {"end": day_before, "end_reason": EndReason.TRANSFER})
        _save(current, ended)
        _log(actor, current, "transfer_out", ended)
        assignment = _assignment_open(
            AssignmentKind.TRANSFER,
            "transfer_in",
            actor,
            servant,
            position,
            start,
            probation_until,
            previous=(None, current.pk),
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
        current = _held_on_locked(
            servant, end, "end", N_("On %(date)s %(servant)s holds no position.")
        )
        later = servant.assignments.filter(start__gt=end).order_by("start").first()
        if later is not None:
            raise DomainError(
                "end",
                N_("%(servant)s holds another position from %(from)s, after this date."),
                servant=servant.full_name,
                **{"from": day_text(later.start)},
            )
        changes = diff(current, {"end": end, "end_reason": EndReason.DISMISSAL})
        if changes:
            _save(current, changes)
            structure_changed(servant.organisation_id)
        _log(actor, current, "dismiss", changes)
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
    version: int | None = None,
) -> Assignment:
    """Override the direct and superior manager derived from the structure (None clears the
    override, so the structure decides again), with the reason HR must give. The manager named
    must head the servant's unit or a unit above it, be a deputy head of the apparatus or the head
    of the apparatus (`org.managers`); nobody names themselves or chooses the managers of their
    own post. A change of the direct manager, who evaluates, is told to the servant and the head
    of the HR service."""
    with transaction.atomic():
        assignment = _locked(Assignment, assignment_id, "No such assignment.")
        servant = Servant.objects.get(pk=assignment.servant_id)
        organisation = servant.organisation
        access.require_hr(actor, organisation)
        check_version(assignment, version)
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
        structure_changed(organisation.pk)
        entry = audit_log(
            actor=actor,
            action="set_managers",
            obj=assignment,
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
