"""The commission's orders and the scheduling of its sessions (EDITIONS.md §2.2 A1-A3, G1;
§9 G-6, T-22).

The working body records the order forming the commission and each amending order (the authorised
person decides and signs them, p.5, p.31); each order is a version in force from its date. A
session sits as the version in force on its date, on a date agreed with the chair (p.35).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.commission.access import is_hr
from bagalau.commission.editions import model_of
from bagalau.commission.models import (
    VOTING_ROLES,
    AgendaItem,
    CommissionSeat,
    CommissionSession,
    CommissionVersion,
    OrderKind,
    SeatRole,
)
from bagalau.commission.selectors import (
    AUTHORISED_ROLES,
    agenda_candidates,
    commission_rules,
    version_on,
)
from bagalau.commission.services.common import (
    lock_hr_organisation,
    past_date,
    servant_of_organisation,
)
from bagalau.commission.services.moj_decisions import check_agenda
from bagalau.core import bounds
from bagalau.core.days import day_text
from bagalau.core.errors import DomainError
from bagalau.core.types import account
from bagalau.methodology import MethodologyError
from bagalau.methodology.commission import check_members
from bagalau.notifications.services import notify
from bagalau.org.models import Organisation, Servant
from bagalau.org.selectors import has_role

if TYPE_CHECKING:
    from bagalau.core.types import User

#: A seat as given: (servant id, role).
SeatData = tuple[int, str]


def _check_seats(
    organisation: Organisation, seats: Sequence[SeatData], minimum: int | None
) -> list[tuple[Servant, str]]:
    """One chair, one secretary who is an HR servant and not a member, no servant twice, and at
    least the edition's minimum of members (p.5, p.34; G-6; T-22)."""
    checked: list[tuple[Servant, str]] = []
    seen: set[int] = set()
    for servant_id, role in seats:
        if role not in SeatRole.values:
            raise DomainError("seats", N_("Choose the chair, a member or the secretary."))
        servant = servant_of_organisation(organisation, servant_id, "seats")
        if servant.pk in seen:
            raise DomainError(
                "seats",
                N_("%(servant)s is named twice: a servant holds one seat."),
                servant=servant.full_name,
            )
        seen.add(servant.pk)
        checked.append((servant, role))
    roles = [role for _servant, role in checked]
    if roles.count(SeatRole.CHAIR) != 1:
        raise DomainError("seats", N_("The commission has exactly one chair."))
    if roles.count(SeatRole.SECRETARY) != 1:
        raise DomainError("seats", N_("The commission has exactly one secretary."))
    secretary = next(s for s, role in checked if role == SeatRole.SECRETARY)
    if secretary.user is None or not is_hr(secretary.user, organisation):
        raise DomainError(
            "seats",
            N_("The secretary is a servant of the HR service (p.34): %(servant)s is not."),
            servant=secretary.full_name,
        )
    try:
        check_members(sum(1 for r in roles if r in VOTING_ROLES), minimum, field="seats")
    except MethodologyError as error:
        raise DomainError.from_methodology(error) from error
    return checked


def _forming_check(organisation: Organisation, order_date: dt.date | None) -> None:
    """The commission is formed once (p.5)."""
    if CommissionVersion.objects.filter(organisation=organisation).exists():
        raise DomainError(
            "order_number",
            N_("The commission is formed: change it by an amending order (p.31)."),
        )


def _amending_check(organisation: Organisation, order_date: dt.date | None) -> None:
    """An amending order (p.31) follows the forming order and takes effect after the last
    session recorded (G-6)."""
    first = CommissionVersion.objects.filter(organisation=organisation).order_by("order_date")
    forming = first.first()
    if forming is None:
        raise DomainError(
            "order_number", N_("The commission is not formed yet: record the forming order.")
        )
    if order_date is not None and order_date <= forming.order_date:
        raise DomainError(
            "order_date",
            N_("An amending order follows the forming order of %(date)s."),
            date=day_text(forming.order_date),
        )
    last = CommissionSession.objects.filter(organisation=organisation).order_by("-date").first()
    if order_date is not None and last is not None and order_date <= last.date:
        raise DomainError(
            "order_date",
            N_(
                "A session of %(date)s is already recorded: an amending order cannot take "
                "effect on or before it."
            ),
            date=day_text(last.date),
        )


_ORDER_CHECKS = {OrderKind.FORMING: _forming_check, OrderKind.AMENDING: _amending_check}


def _write_version(
    kind: OrderKind,
    actor: User,
    organisation_id: int,
    order_number: str,
    order_date: dt.date | None,
    signatory_id: int,
    seats: Sequence[SeatData],
) -> CommissionVersion:
    """Record an order of `kind` as the commission's next version, signed by the authorised
    person (p.5), with its whole membership."""
    with transaction.atomic():
        organisation = lock_hr_organisation(actor, organisation_id)
        _ORDER_CHECKS[kind](organisation, order_date)
        order_number = (order_number or "").strip()
        if not order_number:
            raise DomainError("order_number", N_("Give the number of the order."))
        if len(order_number) > bounds.CODE:
            raise DomainError("order_number", N_("The order number is too long."))
        order_date = past_date(order_date, "order_date", message=N_("Give the date of the order."))
        rules = commission_rules(organisation, order_date)
        signatory = servant_of_organisation(organisation, signatory_id, "signatory")
        if signatory.user is None or not has_role(signatory.user, organisation, *AUTHORISED_ROLES):
            raise DomainError(
                "signatory",
                N_("The order is signed by the authorised person (p.5): %(servant)s is not."),
                servant=signatory.full_name,
            )
        checked = _check_seats(organisation, seats, rules.min_members.value)
        if CommissionVersion.objects.filter(
            organisation=organisation, order_date=order_date
        ).exists():
            raise DomainError(
                "order_date",
                N_("An order of %(date)s is already recorded: one order a day."),
                date=day_text(order_date),
            )
        version = CommissionVersion.objects.create(
            organisation=organisation,
            kind=kind,
            order_number=order_number,
            order_date=order_date,
            signatory=signatory,
            edition=organisation.edition_on(order_date).code,
            recorded_by=account(actor),
        )
        CommissionSeat.objects.bulk_create(
            CommissionSeat(version=version, servant=servant, role=role) for servant, role in checked
        )
        audit_log(
            actor=actor,
            action="create",
            obj=version,
            changes={
                "kind": (None, kind),
                "order_number": (None, order_number),
                "order_date": (None, order_date),
                "signatory": (None, signatory.pk),
                "seats": (None, [[servant.pk, role] for servant, role in checked]),
            },
        )
        return version


def commission_form(
    *,
    actor: User,
    organisation_id: int,
    order_number: str,
    order_date: dt.date | None,
    signatory_id: int,
    seats: Sequence[SeatData],
) -> CommissionVersion:
    """Record the order forming the commission (A1, p.5): its first version."""
    return _write_version(
        OrderKind.FORMING, actor, organisation_id, order_number, order_date, signatory_id, seats
    )


def commission_amend(
    *,
    actor: User,
    organisation_id: int,
    order_number: str,
    order_date: dt.date | None,
    signatory_id: int,
    seats: Sequence[SeatData],
) -> CommissionVersion:
    """Record an amending order (A3, p.31): a new version with the whole membership, in force
    from its date. It cannot come before the forming order, nor on or before a session already
    recorded, which keeps the version it sat as (G-6)."""
    return _write_version(
        OrderKind.AMENDING, actor, organisation_id, order_number, order_date, signatory_id, seats
    )


def session_schedule(
    *,
    actor: User,
    organisation_id: int,
    date: dt.date | None,
    chair_agreed_on: dt.date | None,
    place: str = "",
    evaluation_ids: Sequence[int],
) -> CommissionSession:
    """Schedule a session on a date agreed with the chair, with the servants before the
    commission on its agenda (G1, p.35-36). Past dates are accepted (G-1)."""
    with transaction.atomic():
        organisation = lock_hr_organisation(actor, organisation_id)
        if date is None:
            raise DomainError("date", N_("Give the date of the session."))
        if not bounds.DATE_MIN <= date <= bounds.DATE_MAX:
            raise DomainError("date", N_("The date is outside the years the system keeps."))
        chair_agreed_on = past_date(
            chair_agreed_on,
            "chair_agreed_on",
            message=N_("Give the date the chair agreed to the session date (p.35)."),
        )
        if chair_agreed_on > date:
            raise DomainError(
                "chair_agreed_on", N_("The chair agrees to the date before the session.")
            )
        version = version_on(organisation, date)
        place = (place or "").strip()
        if len(place) > bounds.TITLE:
            raise DomainError("place", N_("The place is too long."))
        wanted = list(dict.fromkeys(evaluation_ids))
        if not wanted:
            raise DomainError("evaluations", N_("Put at least one servant on the agenda."))
        candidates = {
            e.pk: e
            for e in agenda_candidates(organisation)
            .filter(pk__in=wanted)
            .select_related("moj_annual_sheet")
            .select_for_update(of=("self",))
        }
        missing = [pk for pk in wanted if pk not in candidates]
        if missing:
            raise DomainError(
                "evaluations",
                N_(
                    "Only evaluations before the commission that no other open session has on "
                    "its agenda can be put on the agenda."
                ),
            )
        if len({model_of(e) for e in candidates.values()}) > 1:
            raise DomainError(
                "evaluations",
                N_("A session decides the evaluations of one methodology: schedule another."),
            )
        check_agenda(candidates.values(), date)
        session = CommissionSession.objects.create(
            organisation=organisation,
            version=version,
            date=date,
            chair_agreed_on=chair_agreed_on,
            place=place,
            scheduled_by=account(actor),
        )
        AgendaItem.objects.bulk_create(
            AgendaItem(session=session, evaluation=candidates[pk], number=index)
            for index, pk in enumerate(wanted, start=1)
        )
        url = reverse("commission:session", args=[session.pk])
        for seat in version.seats.select_related("servant__user"):
            notify(
                recipient=seat.servant,
                kind="commission_session_scheduled",
                params={"date": day_text(date), "place": place or "—", "count": len(wanted)},
                url=url,
                dedupe_key=f"commission-session-{session.pk}-{seat.pk}",
            )
        audit_log(
            actor=actor,
            action="create",
            obj=session,
            changes={
                "date": (None, date),
                "chair_agreed_on": (None, chair_agreed_on),
                "place": (None, place),
                "version": (None, version.pk),
                "agenda": (None, wanted),
            },
        )
    return session
