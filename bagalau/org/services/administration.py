"""The administrator's writes (SPEC §1, §2, §3): roles, the government's transferred days off
and the editions in force."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext_noop as N_

from bagalau.core import clock
from bagalau.core.days import day_text
from bagalau.core.errors import DomainError
from bagalau.methodology import edition_codes, get_edition
from bagalau.org import access
from bagalau.org.models import (
    CalendarTransfer,
    EditionAssignment,
    Organisation,
    Role,
    RoleAssignment,
)
from bagalau.org.services.common import (
    _created,
    _locked,
    _log,
    _removed,
    structure_changed,
)

if TYPE_CHECKING:
    from bagalau.core.types import User


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
        if role == Role.APPARATUS_HEAD:  # who may manage any post (seed 002 p.2)
            structure_changed(organisation.pk)
        _log(actor, granted, "grant", _created({"user": user.pk, "role": role}))
        return granted


def role_revoke(*, actor: User, role_assignment_id: int) -> None:
    """Take a role away; an organisation always keeps at least one administrator."""
    with transaction.atomic():
        granted = _locked(RoleAssignment, role_assignment_id, "No such role.")
        access.require_admin(actor, granted.organisation)
        if granted.role == Role.ADMIN:
            admins = RoleAssignment.objects.select_for_update().filter(
                organisation=granted.organisation, role=Role.ADMIN
            )
            if len(list(admins)) <= 1:
                raise DomainError(
                    "role", N_("The organisation must keep at least one administrator.")
                )
        held = {"user": granted.user_id, "role": granted.role}
        _log(actor, granted, "revoke", _removed(held))
        if granted.role == Role.APPARATUS_HEAD:
            structure_changed(granted.organisation_id)
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
                    date=day_text(working_day),
                )
            if CalendarTransfer.objects.filter(working_day=working_day).exists():
                raise DomainError(
                    "working_day",
                    N_("%(date)s is already a transferred working day."),
                    date=day_text(working_day),
                )
        if day_off is not None:
            if day_off.weekday() >= 5:
                raise DomainError(
                    "day_off", N_("%(date)s is not a weekday."), date=day_text(day_off)
                )
            if CalendarTransfer.objects.filter(day_off=day_off).exists():
                raise DomainError(
                    "day_off",
                    N_("%(date)s is already a transferred day off."),
                    date=day_text(day_off),
                )
        transfer = CalendarTransfer.objects.create(
            working_day=working_day, day_off=day_off, note=note.strip()
        )
        values = {"working_day": working_day, "day_off": day_off, "note": transfer.note}
        _log(actor, transfer, "create", _created(values))
        return transfer


def calendar_transfer_delete(*, actor: User, transfer_id: int) -> None:
    """Remove a transferred day off entered by mistake."""
    with transaction.atomic():
        access.require_any_admin(actor)
        transfer = _locked(CalendarTransfer, transfer_id, "No such transfer.")
        held = {"working_day": transfer.working_day, "day_off": transfer.day_off}
        _log(actor, transfer, "delete", _removed(held))
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
                date=day_text(act.valid_from),
            )
        if EditionAssignment.objects.filter(
            organisation=organisation, valid_from=valid_from
        ).exists():
            raise DomainError(
                "valid_from",
                N_("An edition is already in force from %(date)s."),
                date=day_text(valid_from),
            )
        assigned = EditionAssignment.objects.create(
            organisation=organisation, edition=edition, valid_from=valid_from
        )
        structure_changed(organisation.pk)
        values = {"edition": edition, "valid_from": valid_from}
        _log(actor, assigned, "create", _created(values), summary=f"{organisation}: {assigned}")
        return assigned


def edition_unassign(*, actor: User, edition_assignment_id: int) -> None:
    """Withdraw an edition entered for a future date (one that already governed stays: past
    periods are recomputed under it)."""
    with transaction.atomic():
        assigned = _locked(EditionAssignment, edition_assignment_id, "No such edition assignment.")
        access.require_admin(actor, assigned.organisation)
        if assigned.valid_from <= clock.today():
            raise DomainError(
                "valid_from",
                N_("The edition has been in force since %(date)s and stays for the history."),
                date=day_text(assigned.valid_from),
            )
        held = {"edition": assigned.edition, "valid_from": assigned.valid_from}
        summary = f"{assigned.organisation}: {assigned}"
        _log(actor, assigned, "delete", _removed(held), summary=summary)
        structure_changed(assigned.organisation_id)
        assigned.delete()
