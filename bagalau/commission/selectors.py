"""Reads of the commission app: the versions, the session's agenda candidates, the edition's
commission settings, and what each user may see (EDITIONS.md §2.2 A, G; §9 G-5, G-6).

Who sees what (G-5): the working body (HR and its head) and the authorised person (the head of
the apparatus) see every version and session of their organisation; a seat-holder (chair, member,
secretary) sees the versions naming them and the sessions of those versions, with the servants on
their agenda. Nobody else sees anything.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from bagalau.commission.models import (
    SESSION_FLOW,
    VOTING_ROLES,
    CommissionSession,
    CommissionVersion,
)
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import Evaluation, EvaluationStatus, Method
from bagalau.methodology import MethodologyError, all_editions
from bagalau.methodology.commission import CommissionVersion as VersionFacts
from bagalau.methodology.commission import version_in_force
from bagalau.methodology.editions import edition_workflow
from bagalau.methodology.workflow import EditionWorkflow
from bagalau.org.models import Organisation, Role
from bagalau.org.selectors import organisations_where

if TYPE_CHECKING:
    from bagalau.core.types import User

#: The working body of almaty-2018 (p.5): the HR service and its head.
HR_ROLES = (Role.HR, Role.HR_HEAD)
#: The authorised person (p.5, p.39): "the official with the right to appoint and dismiss" a "B"
#: corps servant, in an apparatus its head; the only such role we hold (org.Role).
AUTHORISED_ROLES = (Role.APPARATUS_HEAD,)
#: Who sees every version and session of an organisation.
MANAGING_ROLES = (*HR_ROLES, *AUTHORISED_ROLES)


def typical_editions() -> tuple[str, ...]:
    """The codes of the editions of the typical-2018 model (whose evaluations a session decides)."""
    return tuple(edition.code for edition in all_editions() if edition.model == "typical2018")


def commission_rules(organisation: Organisation, day: dt.date) -> EditionWorkflow:
    """The commission settings (minimum members, quorum) of the edition in force on `day`; a
    DomainError naming `date` for an edition without a commission (sjc-2023)."""
    try:
        return edition_workflow(organisation.edition_on(day))
    except MethodologyError as error:
        raise DomainError.from_methodology(error) from error


def versions_of(organisation: Organisation) -> QuerySet[CommissionVersion]:
    """The organisation's commission versions, the latest first."""
    return CommissionVersion.objects.filter(organisation=organisation).order_by("-order_date")


def version_on(organisation: Organisation, day: dt.date) -> CommissionVersion:
    """The version a session on `day` sits as: the latest order dated on or before it (G-6,
    `methodology.commission.version_in_force`); a DomainError naming `date` when none was."""
    versions = list(versions_of(organisation).prefetch_related("seats"))
    facts = [
        VersionFacts(
            order_date=v.order_date,
            order_number=v.order_number,
            members=sum(1 for s in v.seats.all() if s.role in VOTING_ROLES),
        )
        for v in versions
    ]
    try:
        chosen = version_in_force(facts, day)
    except MethodologyError as error:
        raise DomainError.from_methodology(error) from error
    return next(v for v in versions if v.order_date == chosen.order_date)


def agenda_candidates(organisation: Organisation) -> QuerySet[Evaluation]:
    """The organisation's typical-2018 evaluations before the commission (KPI and competencies)
    that no open session has on its agenda (G1). An evaluation decided in an open session is no
    longer before the commission; one put back (T-15) may go on a new session."""
    busy = Evaluation.objects.filter(
        commission_items__session__status__in=SESSION_FLOW.group("open"),
        status=EvaluationStatus.BEFORE_COMMISSION,
    )
    return (
        Evaluation.objects.filter(
            period__schedule__organisation=organisation,
            period__schedule__edition__in=typical_editions(),
            status=EvaluationStatus.BEFORE_COMMISSION,
            method=Method.KPI_COMPETENCY,
        )
        .exclude(pk__in=busy.values("pk"))
        .select_related("servant", "period__schedule")
        .order_by("servant__last_name", "servant__first_name", "pk")
    )


def _seat_filter(user: User, prefix: str) -> Q:
    return Q(**{f"{prefix}seats__servant__user": user})


def versions_visible_to(user: User) -> QuerySet[CommissionVersion]:
    """The versions the user may read: all of the organisations where they manage the commission,
    and those naming them."""
    if not user.is_authenticated:
        return CommissionVersion.objects.none()
    managed = organisations_where(user, *MANAGING_ROLES)
    return (
        CommissionVersion.objects.filter(Q(organisation__in=managed) | _seat_filter(user, ""))
        .distinct()
        .select_related("organisation", "signatory")
    )


def sessions_visible_to(user: User) -> QuerySet[CommissionSession]:
    """The sessions the user may read: all of the organisations where they manage the commission,
    and those of the versions naming them."""
    if not user.is_authenticated:
        return CommissionSession.objects.none()
    managed = organisations_where(user, *MANAGING_ROLES)
    return (
        CommissionSession.objects.filter(
            Q(organisation__in=managed) | _seat_filter(user, "version__")
        )
        .distinct()
        .select_related("organisation", "version")
    )


def organisations_managed(user: User, *roles: str) -> QuerySet[Organisation]:
    """The organisations where the user holds one of `roles` (HR_ROLES by default)."""
    return organisations_where(user, *(roles or HR_ROLES))
